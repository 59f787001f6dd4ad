/** Unwrapping Operands into (array, layout) pairs, and the 16-bit widening used by float kernels. */
import type { DType, Operand, StorageArray } from "@typetorch/tensor-core";
import { RuntimeError } from "@typetorch/tensor-core";
import { asCpuBuffer } from "./buffer.js";
import { decoder, encoder, type NumArray } from "./dtype-io.js";
import { contiguousStrides, forEachRow, numel, type Layout } from "./strided.js";

export function dataOf(op: Operand): StorageArray {
  return asCpuBuffer(op.buffer).view(op.dtype);
}

/** `op`'s strides seen at `shape` (right-aligned; size-1 dims broadcast with stride 0). */
export function stridesAt(op: Operand, shape: readonly number[]): number[] {
  const r = shape.length;
  const k = op.shape.length;
  if (k > r) throw new RuntimeError(`cpu: operand of rank ${k} cannot broadcast to rank ${r}`);
  const s = new Array<number>(r).fill(0);
  for (let d = 0; d < k; d++) {
    const n = op.shape[d] as number;
    const target = shape[r - k + d] as number;
    if (n !== target && n !== 1) throw new RuntimeError(`cpu: operand shape [${op.shape}] does not broadcast to [${shape}]`);
    s[r - k + d] = n === 1 && target !== 1 ? 0 : (op.strides[d] as number);
  }
  return s;
}

export function layoutAt(op: Operand, shape: readonly number[]): Layout {
  return { strides: stridesAt(op, shape), offset: op.offset };
}

/** A contiguous Float32Array holding `op` (a 16-bit float operand) decoded and broadcast to `shape`. */
export function widenToF32(op: Operand, shape: readonly number[]): Float32Array {
  const out = new Float32Array(numel(shape));
  const src = dataOf(op) as NumArray;
  const dec = decoder(op.dtype);
  forEachRow(shape, [{ strides: contiguousStrides(shape), offset: 0 }, layoutAt(op, shape)], (p, n, s) => {
    let o = p[0] as number;
    let a = p[1] as number;
    const sa = s[1] as number;
    for (let i = 0; i < n; i++, o++, a += sa) out[o] = dec(src, a);
  });
  return out;
}

/** Writes a contiguous array of computed values into `out` (any number-domain or 16-bit dtype). */
export function narrowInto(out: Operand, values: ArrayLike<number>, dtype: DType = out.dtype): void {
  const dst = dataOf(out) as NumArray;
  const enc = encoder(dtype);
  forEachRow(out.shape, [{ strides: contiguousStrides(out.shape), offset: 0 }, out], (p, n, s) => {
    let v = p[0] as number;
    let o = p[1] as number;
    const so = s[1] as number;
    for (let i = 0; i < n; i++, v++, o += so) dst[o] = enc(values[v] as number);
  });
}

export function unsupported(op: string, dtype: DType): never {
  throw new RuntimeError(`"${op}" not implemented for '${dtype}' on backend cpu`);
}

/** An array plus its layout at the kernel's iteration shape. */
export interface View extends Layout {
  readonly data: StorageArray;
}
export function viewOf(op: Operand, shape: readonly number[]): View {
  return { data: dataOf(op), strides: stridesAt(op, shape), offset: op.offset };
}
export function contiguousView(data: StorageArray, shape: readonly number[]): View {
  return { data, strides: contiguousStrides(shape), offset: 0 };
}
