/**
 * Strided iteration shared by every kernel. A kernel never walks elements one by one through
 * an N-d index; it asks for *rows*: runs along the innermost (coalesced) dimension, and runs a
 * tight loop over each row with the row's per-operand strides. Contiguous operands of equal
 * shape coalesce to a single row, so the fast path is the general path with one call.
 */

/** A strided window on a flat array: what a kernel needs of an Operand, after unwrapping the buffer. */
export interface Layout {
  readonly strides: readonly number[];
  readonly offset: number;
}

/** Row-major strides of a contiguous tensor of `shape`. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    s[d] = acc;
    acc *= shape[d] as number;
  }
  return s;
}

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Drops size-1 dims and merges adjacent dims that are contiguous with each other in *every*
 * operand. The result describes the same element order with as few (and as long) rows as possible.
 */
export function coalesce(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
): { shape: number[]; strides: number[][] } {
  const m = strides.length;
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d] as number;
    if (n === 1) continue;
    const last = outShape.length - 1;
    let merge = last >= 0;
    for (let k = 0; k < m && merge; k++) {
      const sk = outStrides[k] as number[];
      if ((strides[k] as readonly number[])[d] !== (sk[last] as number) * (outShape[last] as number)) merge = false;
    }
    if (merge) {
      outShape[last] = (outShape[last] as number) * n;
    } else {
      outShape.push(n);
      for (let k = 0; k < m; k++) (outStrides[k] as number[]).push((strides[k] as readonly number[])[d] as number);
    }
  }
  outShape.reverse();
  for (const s of outStrides) s.reverse();
  return { shape: outShape, strides: outStrides };
}

/**
 * Calls `row(offsets, n, innerStrides)` once per innermost run. `offsets[k]` is operand k's
 * element offset at the start of the run; the array is reused between calls (do not keep it).
 */
export function forEachRow(
  shape: readonly number[],
  layouts: readonly Layout[],
  row: (offsets: readonly number[], n: number, inner: readonly number[]) => void,
): void {
  if (numel(shape) === 0) return;
  const m = layouts.length;
  const c = coalesce(
    shape,
    layouts.map((l) => l.strides),
  );
  const pos = layouts.map((l) => l.offset);
  const nd = c.shape.length;
  if (nd === 0) {
    row(pos, 1, new Array<number>(m).fill(0));
    return;
  }
  const inner = c.shape[nd - 1] as number;
  const innerStrides = c.strides.map((s) => s[nd - 1] as number);
  if (nd === 1) {
    row(pos, inner, innerStrides);
    return;
  }
  // The second-innermost dim runs as a plain loop (most row walks are [outer…, rows, row]);
  // only when it wraps does the general carry below run.
  const rows = c.shape[nd - 2] as number;
  const rowStep = c.strides.map((s) => s[nd - 2] as number);
  const idx = new Array<number>(nd - 1).fill(0);
  for (;;) {
    for (let r = 0; r < rows; r++) {
      row(pos, inner, innerStrides);
      for (let k = 0; k < m; k++) pos[k] = (pos[k] as number) + (rowStep[k] as number);
    }
    for (let k = 0; k < m; k++) pos[k] = (pos[k] as number) - (rowStep[k] as number) * rows;
    let d = nd - 3;
    for (; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      for (let k = 0; k < m; k++) pos[k] = (pos[k] as number) + ((c.strides[k] as number[])[d] as number);
      if ((idx[d] as number) < (c.shape[d] as number)) break;
      for (let k = 0; k < m; k++)
        pos[k] = (pos[k] as number) - ((c.strides[k] as number[])[d] as number) * (c.shape[d] as number);
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

/** `shape`/`strides` with one axis removed (for kernels that walk that axis themselves). */
export function dropAxis<T>(xs: readonly T[], axis: number): T[] {
  return xs.filter((_, i) => i !== axis);
}
