/**
 * The two indexing primitives (`gather`, `scatter`) as the core calls them, plus the helpers
 * every indexing op shares: wrapping negative indices, bounds checks that name the indexed
 * dimension, and the "whole storage" operand through which advanced indexing reads and writes.
 */
import type { Operand } from "../backend.js";
import type { DType } from "../dtype.js";
import type { ScatterOp } from "../primitives.js";
import { Tensor } from "../tensor.js";
import { getBackend } from "../device.js";
import { where } from "./elementwise.js";

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
  const flat = idx.reshape(-1);
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

/**
 * All of `x`'s storage as an operand of rank `shape.length` whose axis 0 is the flat buffer and
 * whose other dims (sized as `shape`) have stride 0: gathering along axis 0 with an index of
 * storage offsets reads any elements of `x`, and scattering writes them through to the base.
 */
export function storageOperand(x: Tensor, shape: readonly number[]): Operand {
  const buffer = x._storage.buffer;
  return {
    buffer,
    dtype: x.dtype,
    shape: [buffer.length, ...shape.slice(1)],
    strides: shape.map((_, d) => (d === 0 ? 1 : 0)),
    offset: 0,
  };
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
  const flat = index.ndim === 0 ? index.reshape(1) : index;
  return { ...flat._operand, shape, strides: shape.map((_, d) => (d === axis ? flat.stride(0) : 0)) };
}
