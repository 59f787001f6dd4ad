/** Unwrapping Operands into (array, layout) pairs, and the 16-bit widening used by float kernels. */
import type { DType, Operand, StorageArray } from "@typetorch/tensor-core";
import {
  RuntimeError,
  bfloat16BitsToNumber,
  float16BitsToNumber,
} from "@typetorch/tensor-core";
import { asCpuBuffer } from "./buffer.js";
import { encoder, type NumArray } from "./dtype-io.js";
import { kindOf, specialize } from "./specialize.js";
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

// Row loops are top-level functions (not closures made per call) so V8 optimizes them once.
function widenRow(out: Float32Array, o: number, src: NumArray, a: number, sa: number, n: number, d: DType): void {
  if (d === "float16") for (let i = 0; i < n; i++, o++, a += sa) out[o] = float16BitsToNumber(src[a] as number);
  else for (let i = 0; i < n; i++, o++, a += sa) out[o] = bfloat16BitsToNumber(src[a] as number);
}

// Copied per (dtype, dst kind, values kind) by specialize.ts.
function narrowRow(dst: NumArray, o: number, so: number, values: ArrayLike<number>, v: number, n: number, enc: (x: number) => number): void {
  for (let i = 0; i < n; i++, v++, o += so) dst[o] = enc(values[v] as number);
}

/** A contiguous Float32Array holding `op` (a 16-bit float operand) decoded and broadcast to `shape`. */
export function widenToF32(op: Operand, shape: readonly number[]): Float32Array {
  const out = new Float32Array(numel(shape));
  const src = dataOf(op) as NumArray;
  const d = op.dtype;
  forEachRow(shape, [{ strides: contiguousStrides(shape), offset: 0 }, layoutAt(op, shape)], (p, n, s) =>
    widenRow(out, p[0] as number, src, p[1] as number, s[1] as number, n, d),
  );
  return out;
}

/** Writes a contiguous array of computed values into `out` (any number-domain or 16-bit dtype). */
export function narrowInto(out: Operand, values: ArrayLike<number>, dtype: DType = out.dtype): void {
  const dst = dataOf(out) as NumArray;
  const enc = encoder(dtype);
  const row = specialize(narrowRow, dtype, kindOf(dst), kindOf(values));
  forEachRow(out.shape, [{ strides: contiguousStrides(out.shape), offset: 0 }, out], (p, n, s) =>
    row(dst, p[1] as number, s[1] as number, values, p[0] as number, n, enc),
  );
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
