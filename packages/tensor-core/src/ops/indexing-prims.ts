/**
 * The two indexing primitives (`gather`, `scatter`) as the core calls them, plus the helpers
 * every indexing op shares: wrapping negative indices, bounds checks that name the indexed
 * dimension, and the output layout PyTorch's TensorIterator would choose.
 */
import type { Operand } from "../backend.js";
import type { DType } from "../dtype.js";
import type { ScatterOp } from "../primitives.js";
import { Tensor } from "../tensor.js";
import { getBackend } from "../device.js";
import { where } from "./elementwise.js";
import { contiguousStrides } from "../shape.js";

/**
 * `t` as a 1-D tensor: a view when possible (a 0-dim tensor is viewed directly, as `reshape`
 * does not yet accept 0-dim inputs), a copy otherwise.
 */
export function flat1(t: Tensor): Tensor {
  return t.ndim === 0 ? t._view([1], [1], t.storageOffset()) : t.reshape(-1);
}

/** `idx` with negatives in `[-size, -1]` wrapped; out-of-range values are kept so errors show them. */
export function wrapNegative(idx: Tensor, size: number): Tensor {
  return where(idx.lt(0).logicalAnd(idx.ge(-size)), idx.add(size), idx);
}

/**
 * Throws PyTorch's `IndexError("index N is out of bounds for dimension D with size S")` when an
 * element of the int64 tensor `idx` lies outside `[0, size)`. The check is the gather primitive
 * run on a rank-(dim+1) operand, so every backend reports it, without a read back to the host.
 */
export function checkBounds(idx: Tensor, size: number, dim: number): void {
  const flat = flat1(idx);
  const p = flat.numel();
  const ones = new Array<number>(dim).fill(1);
  const zeros = new Array<number>(dim).fill(0);
  const shape = [...ones, p];
  const out = Tensor._empty(shape, "int64", idx.device);
  try {
    const index: Operand = { ...flat._operand, shape, strides: [...zeros, flat.stride(0)] };
    const a: Operand = { ...out._operand, shape: [...ones, size], strides: [...zeros, 0] };
    getBackend(idx.device).gather(out._operand, a, index, dim);
  } finally {
    out.dispose();
    if (flat !== idx) flat.dispose();
  }
}

/** The gather primitive into a fresh contiguous tensor of `index.shape`. */
export function gatherPrim(a: Operand, index: Tensor, axis: number, dtype: DType, device: Tensor["device"]): Tensor {
  const out = Tensor._empty(index.shape, dtype, device);
  try {
    getBackend(device).gather(out._operand, a, index._operand, axis);
  } catch (e) {
    out.dispose();
    throw e;
  }
  return out;
}

/** The scatter primitive in place on `out`. */
export function scatterPrim(op: ScatterOp, out: Operand, index: Operand, src: Operand, axis: number, device: Tensor["device"]): void {
  getBackend(device).scatter(op, out, index, src, axis);
}

/** An index tensor viewed at `shape` with its values along `axis` (stride 0 elsewhere). */
export function alongAxis(index: Tensor, shape: readonly number[], axis: number): Operand {
  const flat = index.ndim === 0 ? flat1(index) : index;
  return { ...flat._operand, shape, strides: shape.map((_, d) => (d === axis ? flat.stride(0) : 0)) };
}

/**
 * The strides PyTorch's TensorIterator gives an output it allocates for operands of `shape`
 * with the given strides: dims are ordered by the first operand whose strides tell them apart
 * (broadcast dims tell nothing; equal strides put the smaller dim inner), and the output is
 * dense in that order. Advanced indexing results get these strides, as in PyTorch. When all
 * operands have the output's shape (`sameShape`) and are contiguous (an empty one always is),
 * TensorIterator's fast path skips the ordering and the output is contiguous.
 */
export function iteratorStrides(shape: readonly number[], operands: readonly (readonly number[])[], sameShape = false): number[] {
  const n = shape.length;
  if (sameShape && operands.every((s) => isContiguousLayout(shape, s))) return contiguousStrides(shape);
  const perm = shape.map((_, i) => n - 1 - i); // perm[0] is the innermost dim
  const shouldSwap = (d0: number, d1: number): number => {
    for (const s of operands) {
      const s0 = s[d0] as number;
      const s1 = s[d1] as number;
      if (s0 === 0 || s1 === 0) continue;
      if (s0 !== s1) return s0 < s1 ? -1 : 1;
      if ((shape[d0] as number) > (shape[d1] as number)) return 1;
    }
    return 0;
  };
  for (let i = 1; i < n; i++) {
    let d1 = i;
    for (let d0 = i - 1; d0 >= 0; d0--) {
      const c = shouldSwap(perm[d0] as number, perm[d1] as number);
      if (c > 0) {
        [perm[d0], perm[d1]] = [perm[d1] as number, perm[d0] as number];
        d1 = d0;
      } else if (c < 0) break;
    }
  }
  if (perm.every((p, i) => p === n - 1 - i)) return contiguousStrides(shape);
  const strides = new Array<number>(n);
  let next = 1;
  for (const d of perm) {
    strides[d] = next;
    next *= shape[d] as number;
  }
  return strides;
}

/** PyTorch's `is_contiguous`: size-1 dims may have any stride, and an empty tensor is contiguous. */
function isContiguousLayout(shape: readonly number[], strides: readonly number[]): boolean {
  if (shape.some((d) => d === 0)) return true;
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d] as number;
    if (size === 1) continue;
    if (strides[d] !== expected) return false;
    expected *= size;
  }
  return true;
}
