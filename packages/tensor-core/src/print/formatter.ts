import type { DType } from "../dtype.js";
import { isFloatingPoint } from "../dtype.js";
import { formatExp, formatFixed } from "./format-scalar.js";
import type { PrintOptions } from "./options.js";

export type PrintValue = number | bigint | boolean;

/** How every element of one printed tensor is turned into text, with one shared column width. */
export interface ElementFormatter {
  readonly width: number;
  readonly format: (v: PrintValue) => string;
}

const plain = (v: PrintValue): string =>
  typeof v === "boolean" ? (v ? "True" : "False") : v.toString();

/**
 * Chooses the notation from the elements that will be printed (after summarisation), as PyTorch:
 * - non-float dtypes print `str(value)`, right-aligned to the widest;
 * - floats look only at the finite non-zero values: when all are integral, "integer mode" prints
 *   `1.` (scientific instead when max/min > 1000 or max > 1e8); otherwise fixed-point with
 *   `precision` digits, scientific when max/min > 1000, max > 1e8 or min < 1e-4;
 * - the width is measured on those finite non-zero values only (nan, inf, 0 do not widen it);
 * - `sciMode` overrides the choice but not the width, and is ignored when no finite non-zero
 *   value exists (then integer mode prints `0.`, `nan`, `inf`).
 */
export function makeFormatter(
  dtype: DType,
  values: readonly PrintValue[],
  opts: PrintOptions,
): ElementFormatter {
  const pad = (s: string, width: number): string =>
    s.length < width ? " ".repeat(width - s.length) + s : s;

  if (!isFloatingPoint(dtype)) {
    let width = 1;
    for (const v of values) width = Math.max(width, plain(v).length);
    return { width, format: (v) => pad(plain(v), width) };
  }

  const p = opts.precision;
  const finite: number[] = [];
  for (const v of values) {
    const x = Number(v);
    if (Number.isFinite(x) && x !== 0) finite.push(x);
  }
  let intMode = true;
  let sciMode = false;
  let width = 1;
  if (finite.length > 0) {
    let min = Infinity;
    let max = 0;
    for (const x of finite) {
      const a = Math.abs(x);
      if (a < min) min = a;
      if (a > max) max = a;
      if (intMode && x !== Math.ceil(x)) intMode = false;
    }
    const ratioOrMax = max / min > 1000 || max > 1e8;
    if (intMode) {
      sciMode = ratioOrMax;
      for (const x of finite) {
        const len = sciMode ? formatExp(x, p).length : formatFixed(x, 0).length + 1;
        width = Math.max(width, len);
      }
    } else {
      sciMode = ratioOrMax || min < 1e-4;
      for (const x of finite) {
        width = Math.max(width, (sciMode ? formatExp(x, p) : formatFixed(x, p)).length);
      }
    }
    if (opts.sciMode !== null) sciMode = opts.sciMode;
  }

  const format = (v: PrintValue): string => {
    const x = Number(v);
    let s: string;
    if (sciMode) s = formatExp(x, p);
    else if (intMode) s = Number.isFinite(x) ? `${formatFixed(x, 0)}.` : formatFixed(x, 0);
    else s = formatFixed(x, p);
    return pad(s, width);
  };
  return { width, format };
}
