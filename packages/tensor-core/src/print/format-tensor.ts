import type { DType } from "../dtype.js";
import { type ElementFormatter, makeFormatter, type PrintValue } from "./formatter.js";
import { getPrintOptions, type PrintOptions } from "./options.js";

/** What the printer needs to know about a tensor; the Tensor class provides it. */
export interface Printable {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** element at row-major flat index i (number for floats/ints except int64, bigint for int64, boolean for bool) */
  readonly get: (flatIndex: number) => PrintValue;
  /** "cpu" prints no device suffix; any other prints `device='webgpu'` */
  readonly device: string;
  /** prints `requires_grad=True` (only when there is no grad_fn) */
  readonly requiresGrad: boolean;
  /** e.g. "AddBackward0" → `grad_fn=<AddBackward0>` */
  readonly gradFn: string | null;
  /** the current default dtype: the dtype suffix is hidden for it (and for int64, bool) */
  readonly defaultDtype: DType;
}

const PREFIX = "tensor(";

/**
 * `str(x)` as PyTorch 1.13 prints it. Above `threshold` elements only the `edgeitems` at each end
 * of every dimension are read (`get` is called for printed elements only), so a summarised tensor
 * of any size prints in time proportional to what is shown.
 */
export function formatTensor(p: Printable, opts: PrintOptions = getPrintOptions()): string {
  const indent = PREFIX.length;
  const suffixes: string[] = [];
  if (p.device !== "cpu") suffixes.push(`device='${p.device}'`);
  const numel = p.shape.reduce((a, b) => a * b, 1);
  let body: string;
  if (numel === 0) {
    // no elements to tell an int64 from a float apart, so only the default dtype goes unnamed
    if (p.shape.length !== 1) suffixes.push(`size=(${p.shape.join(", ")})`);
    if (p.dtype !== p.defaultDtype) suffixes.push(`dtype=torch.${p.dtype}`);
    body = "[]";
  } else {
    if (p.dtype !== p.defaultDtype && p.dtype !== "int64" && p.dtype !== "bool") {
      suffixes.push(`dtype=torch.${p.dtype}`);
    }
    body = tensorBody(p, indent, opts);
  }
  if (p.gradFn !== null) suffixes.push(`grad_fn=<${p.gradFn}>`);
  else if (p.requiresGrad) suffixes.push("requires_grad=True");
  return addSuffixes(PREFIX + body, suffixes, indent, opts.linewidth);
}

/** Suffixes go on the last line while it stays within `linewidth` (with PyTorch's +2 slack). */
function addSuffixes(s: string, suffixes: readonly string[], indent: number, linewidth: number): string {
  let out = s;
  let lastLen = s.length - s.lastIndexOf("\n") + 1;
  for (const suffix of suffixes) {
    if (lastLen + suffix.length + 2 > linewidth) {
      out += `,\n${" ".repeat(indent)}${suffix}`;
      lastLen = indent + suffix.length;
    } else {
      out += `, ${suffix}`;
      lastLen += suffix.length + 2;
    }
  }
  return `${out})`;
}

/** Indices printed along a dimension of `size`: all, or the two edges around a `...`. */
function shownIndices(size: number, summarize: boolean, edge: number): { head: number[]; tail: number[] | null } {
  const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);
  if (!summarize || size <= 2 * edge) return { head: range(0, size), tail: null };
  // a Python slice [-0:] is the whole dimension: edgeitems=0 prints "..." then everything
  return { head: range(0, edge), tail: range(edge === 0 ? 0 : size - edge, size) };
}

function tensorBody(p: Printable, indent: number, opts: PrintOptions): string {
  const shape = p.shape;
  const ndim = shape.length;
  const numel = shape.reduce((a, b) => a * b, 1);
  const summarize = numel > opts.threshold;
  const strides: number[] = new Array<number>(ndim).fill(1);
  for (let d = ndim - 2; d >= 0; d--) strides[d] = (strides[d + 1] ?? 1) * (shape[d + 1] ?? 1);

  // first pass: read exactly the elements that will be printed, in print order
  const values: PrintValue[] = [];
  const collect = (d: number, base: number): void => {
    if (d === ndim) {
      values.push(p.get(base));
      return;
    }
    const { head, tail } = shownIndices(shape[d] ?? 0, summarize, opts.edgeitems);
    for (const i of head) collect(d + 1, base + i * (strides[d] ?? 0));
    for (const i of tail ?? []) collect(d + 1, base + i * (strides[d] ?? 0));
  };
  collect(0, 0);
  const fmt = makeFormatter(p.dtype, values, opts);
  if (ndim === 0) return fmt.format(values[0] ?? 0);

  let cursor = 0;
  const next = (): string => fmt.format(values[cursor++] ?? 0);
  const render = (d: number, ind: number): string => {
    const { head, tail } = shownIndices(shape[d] ?? 0, summarize, opts.edgeitems);
    if (d === ndim - 1) return renderRow(head.length, tail?.length ?? null, ind, fmt, next, opts.linewidth);
    const parts: string[] = head.map(() => render(d + 1, ind + 1));
    if (tail !== null) {
      parts.push("...");
      for (let k = 0; k < tail.length; k++) parts.push(render(d + 1, ind + 1));
    }
    return `[${parts.join(`,${"\n".repeat(ndim - d - 1)}${" ".repeat(ind + 1)}`)}]`;
  };
  return render(0, indent);
}

/** A 1-D row: as many elements per line as fit in `linewidth - indent`, at least one. */
function renderRow(
  headLen: number,
  tailLen: number | null,
  indent: number,
  fmt: ElementFormatter,
  next: () => string,
  linewidth: number,
): string {
  const items: string[] = [];
  for (let k = 0; k < headLen; k++) items.push(next());
  if (tailLen !== null) {
    items.push(" ...");
    for (let k = 0; k < tailLen; k++) items.push(next());
  }
  const perLine = Math.max(1, Math.floor((linewidth - indent) / (fmt.width + 2)));
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
  return `[${lines.join(`,\n${" ".repeat(indent + 1)}`)}]`;
}
