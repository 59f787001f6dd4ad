/**
 * Reordering: flip, roll, tril/triu. All composites of the `copy`/`where` primitives.
 *
 * Why flip needs no primitive: operands have non-negative strides, so one `copy` can never
 * reverse a dim — but it can move a whole slab. Writing positions p ∈ [0, N) of a dim padded to
 * N = R² in two base-R digits, p = h·R + l, the reversal N−1−p is (R−1−h)·R + (R−1−l): each digit
 * is complemented independently. So a flip is one copy into the padded buffer, R copies that
 * complement the low digit, and R copies that complement the high digit straight into the
 * result: 2·⌈√n⌉ + 1 copies moving ~3 passes of data, instead of n copies of one slab each.
 * Short dims (n ≤ 32) use the n direct slab copies. A backend may still override `flip` with a
 * one-pass gather kernel; this composite is the reference.
 */
import type { Operand } from "../backend.js";
import { RuntimeError } from "../errors.js";
import { normalizeDim } from "../shape.js";
import { Tensor } from "../tensor.js";
import { getBackend } from "../device.js";
import { dispatch } from "../dispatch.js";
import { arange } from "./create.js";
import { where, binary } from "./elementwise.js";
import { scalarTensor } from "./operands.js";
import { regionOf } from "./join.js";
import { emptyPreserving } from "./convert.js";

/** `op` with dim `d` replaced by dims of `sizes`/`strides`, shifted by `extra` elements. */
function reshapeDim(op: Operand, d: number, sizes: number[], strides: number[], extra = 0): Operand {
  const shape = [...op.shape];
  const st = [...op.strides];
  shape.splice(d, 1, ...sizes);
  st.splice(d, 1, ...strides);
  return { ...op, shape, strides: st, offset: op.offset + extra };
}

const DIRECT_FLIP = 32;

/** A copy of `src` reversed along `d`, in src's layout (PyTorch's flip preserves it). */
function flipOne(src: Tensor, d: number): Tensor {
  const n = src.shape[d] as number;
  const out = emptyPreserving(src);
  if (out.numel() === 0) return out;
  const backend = getBackend(src.device);
  const s = src._operand;
  const o = out._operand;
  const os = o.strides[d] as number;
  if (n <= DIRECT_FLIP) {
    const ss = s.strides[d] as number;
    for (let i = 0; i < n; i++) backend.copy(reshapeDim(o, d, [], [], (n - 1 - i) * os), reshapeDim(s, d, [], [], i * ss));
    return out;
  }
  const R = Math.ceil(Math.sqrt(n));
  const N = R * R;
  const padShape = [...src.shape];
  padShape[d] = N;
  const a = Tensor._empty(padShape, src.dtype, src.device);
  const b = Tensor._empty(padShape, src.dtype, src.device);
  try {
    backend.copy(regionOf(a, d, N - n, n), s);
    const ao = a._operand;
    const bo = b._operand;
    const ps = ao.strides[d] as number; // a and b share their (contiguous) strides
    for (let l = 0; l < R; l++) {
      backend.copy(reshapeDim(bo, d, [R], [ps * R], (R - 1 - l) * ps), reshapeDim(ao, d, [R], [ps * R], l * ps));
    }
    for (let h = 0; h < R; h++) {
      const start = (R - 1 - h) * R;
      const len = Math.min(R, n - start);
      if (len > 0) backend.copy(regionOf(out, d, start, len), reshapeDim(bo, d, [len], [ps], h * R * ps));
    }
  } finally {
    a.dispose();
    b.dispose();
  }
  return out;
}

function dimList(x: Tensor, dims: number | readonly number[]): number[] {
  const list = (typeof dims === "number" ? [dims] : [...dims]).map((d) => normalizeDim(d, x.ndim));
  list.forEach((d, i) => {
    if (list.indexOf(d) !== i) throw new RuntimeError(`dim ${d} appears multiple times in the list of dims`);
  });
  return list;
}

/**
 * `torch.flip(x, dims)`: a copy with the order of elements reversed along each dim in `dims`.
 * @example torch.flip(torch.tensor([[1, 2], [3, 4]]), [0, 1]) // tensor([[4, 3], [2, 1]])
 */
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  const list = x.ndim === 0 ? [] : dimList(x, dims);
  return dispatch("flip", [x], { dims: list }, () => {
    let cur = x;
    for (const d of list) {
      if ((x.shape[d] as number) <= 1) continue;
      const next = flipOne(cur, d);
      if (cur !== x) cur.dispose();
      cur = next;
    }
    return cur === x ? x.clone() : cur; // clone preserves the layout too
  });
}

/** `torch.fliplr(x)`: flip along dim 1 (x must be at least 2-D). */
export function fliplr(x: Tensor): Tensor {
  if (x.ndim < 2) throw new RuntimeError("Input must be >= 2-d.");
  return flip(x, [1]);
}
/** `torch.flipud(x)`: flip along dim 0 (x must be at least 1-D). */
export function flipud(x: Tensor): Tensor {
  if (x.ndim < 1) throw new RuntimeError("Input must be >= 1-d.");
  return flip(x, [0]);
}

/**
 * `torch.roll(x, shifts, dims)`: elements shifted cyclically along dims; without dims the
 * tensor is rolled as if flattened. One pass: 2^k region copies for k rolled dims.
 * @example torch.roll(torch.tensor([1, 2, 3, 4]), 1) // tensor([4, 1, 2, 3])
 */
export function roll(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  const sh = typeof shifts === "number" ? [shifts] : [...shifts];
  const ds = dims === undefined ? [] : typeof dims === "number" ? [dims] : [...dims];
  if (ds.length === 0) {
    if (sh.length !== 1) throw new RuntimeError(`shifts and dimensions must align. shifts: ${sh.length}, dims:0`);
    return dispatch("roll", [x], { shifts: sh }, () => roll(x.flatten(), sh, [0]).view(x.shape));
  }
  if (sh.length !== ds.length) throw new RuntimeError(`shifts and dimensions must align. shifts: ${sh.length}, dims:${ds.length}`);
  // A dim listed twice rolls twice: merge its shifts so each dim is cut once.
  const nd: number[] = [];
  const total: number[] = [];
  ds.forEach((d, k) => {
    const n = normalizeDim(d, x.ndim);
    const at = nd.indexOf(n);
    if (at >= 0) total[at] = (total[at] as number) + (sh[k] as number);
    else {
      nd.push(n);
      total.push(sh[k] as number);
    }
  });
  return dispatch("roll", [x], { shifts: total, dims: nd }, () => {
    const out = Tensor._empty(x.shape, x.dtype, x.device);
    if (out.numel() === 0) return out;
    const backend = getBackend(x.device);
    // Per dim: the element at i goes to (i + s) mod n, i.e. two contiguous runs.
    const runs = nd.map((d, k) => {
      const n = x.shape[d] as number;
      const s = (((total[k] as number) % n) + n) % n;
      return [
        { from: 0, to: s, len: n - s },
        { from: n - s, to: 0, len: s },
      ].filter((r) => r.len > 0);
    });
    const visit = (k: number, src: Operand, dst: Operand): void => {
      if (k === nd.length) return backend.copy(dst, src);
      const d = nd[k] as number;
      for (const r of runs[k] ?? []) {
        const sShape = [...src.shape];
        sShape[d] = r.len;
        visit(
          k + 1,
          { ...src, shape: sShape, offset: src.offset + r.from * (src.strides[d] as number) },
          { ...dst, shape: sShape, offset: dst.offset + r.to * (dst.strides[d] as number) },
        );
      }
    };
    visit(0, x._operand, out._operand);
    return out;
  });
}

function triangle(x: Tensor, diagonal: number, lower: boolean): Tensor {
  const name = lower ? "tril" : "triu";
  if (x.ndim < 2) normalizeDim(-2, x.ndim); // PyTorch 1.13 fails here with "Dimension out of range"
  return dispatch(name, [x], { diagonal }, () => {
    const rows = x.shape[x.ndim - 2] as number;
    const cols = x.shape[x.ndim - 1] as number;
    const offset = binary("sub", arange(cols, { device: x.device }), arange(rows, { device: x.device }).unsqueeze(1));
    const mask = binary(lower ? "le" : "ge", offset, diagonal);
    const zero = scalarTensor(0, x.dtype, x.device);
    const out = where(mask, x, zero);
    [offset, mask, zero].forEach((t) => t.dispose());
    return out;
  });
}
/** `torch.tril(x, diagonal)`: zeroes the elements above the `diagonal`-th diagonal of the last two dims. */
export const tril = (x: Tensor, diagonal = 0): Tensor => triangle(x, diagonal, true);
/** `torch.triu(x, diagonal)`: zeroes the elements below the `diagonal`-th diagonal of the last two dims. */
export const triu = (x: Tensor, diagonal = 0): Tensor => triangle(x, diagonal, false);
