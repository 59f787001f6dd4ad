/**
 * Print options, as `torch.set_printoptions` keeps them (one process-wide record).
 *
 * Trap kept on purpose: PyTorch resets `sci_mode` to "automatic" on every call that does not pass
 * it (`set_printoptions(precision=2)` forgets an earlier `sci_mode=True`); `setPrintOptions` does
 * the same so ported code prints identically.
 */
export interface PrintOptions {
  /** digits after the decimal point (fixed) or of the mantissa (scientific); default 4 */
  readonly precision: number;
  /** more elements than this are summarised with `...`; default 1000 */
  readonly threshold: number;
  /** items kept at each end of each summarised dimension; default 3 */
  readonly edgeitems: number;
  /** characters per line before a 1-D row wraps; default 80 */
  readonly linewidth: number;
  /** force scientific (true) or fixed (false) notation for floats; null lets the values decide */
  readonly sciMode: boolean | null;
}

export type PrintProfile = "default" | "short" | "full";

export interface SetPrintOptions {
  precision?: number;
  threshold?: number;
  edgeitems?: number;
  linewidth?: number;
  sciMode?: boolean | null;
  profile?: PrintProfile;
}

const PROFILES: { readonly [P in PrintProfile]: Omit<PrintOptions, "sciMode"> } = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};

let current: PrintOptions = { ...PROFILES.default, sciMode: null };

/** `torch.set_printoptions`: a profile first, then any explicitly given option on top of it. */
export function setPrintOptions(opts: SetPrintOptions = {}): void {
  const base = opts.profile !== undefined ? PROFILES[opts.profile] : current;
  current = {
    precision: opts.precision ?? base.precision,
    threshold: opts.threshold ?? base.threshold,
    edgeitems: opts.edgeitems ?? base.edgeitems,
    linewidth: opts.linewidth ?? base.linewidth,
    sciMode: opts.sciMode ?? null,
  };
}

export function getPrintOptions(): PrintOptions {
  return current;
}
