/** Test helpers: build raw Operands by hand, read them back, load the PyTorch fixtures. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  bfloat16BitsToNumber,
  float16BitsToNumber,
  makeStorageArray,
  numberToBfloat16Bits,
  numberToFloat16Bits,
  type Backend,
  type DType,
  type Operand,
} from "@typetorch/tensor-core";
import { createCpuBackend } from "../index.js";

export const be: Backend = createCpuBackend();
export type Val = number | bigint;
export type Enc = number | string;

/** Fixture value → JS value of `dtype` ("nan"/"inf"/"-inf"/"-0" strings, int64 as strings). */
export function dec(v: Enc, dtype: DType): Val {
  if (dtype === "int64") return BigInt(v);
  if (typeof v === "number") return v;
  return v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : v === "-0" ? -0 : Number(v);
}

function encodeStored(dtype: DType, v: Val): Val {
  if (dtype === "int64") return typeof v === "bigint" ? v : BigInt(v);
  const x = Number(v);
  if (dtype === "float16") return numberToFloat16Bits(x);
  if (dtype === "bfloat16") return numberToBfloat16Bits(x);
  if (dtype === "bool") return x !== 0 ? 1 : 0;
  return x;
}
function decodeStored(dtype: DType, v: Val): Val {
  if (dtype === "float16") return float16BitsToNumber(v as number);
  if (dtype === "bfloat16") return bfloat16BitsToNumber(v as number);
  return v;
}

function rowMajor(shape: readonly number[]): number[][] {
  let idx: number[][] = [[]];
  for (const n of shape) idx = idx.flatMap((p) => Array.from({ length: n }, (_, i) => [...p, i]));
  return idx;
}

/**
 * An operand holding `values` (row-major over `shape`) at the given strides and offset; unused
 * slots of the buffer are filled with `junk` so a kernel that reads them gets caught.
 */
export function operand(
  dtype: DType,
  values: readonly Val[],
  shape: readonly number[],
  strides?: readonly number[],
  offset = 0,
  junk: Val = 77,
): Operand {
  const st = strides ?? contiguous(shape);
  const idx = rowMajor(shape);
  const span = idx.reduce((m, ix) => Math.max(m, ix.reduce((s, i, d) => s + i * (st[d] as number), 0)), -1) + 1;
  const length = offset + Math.max(span, 0) + 2;
  const store = makeStorageArray(dtype, length) as unknown as { [i: number]: Val; length: number };
  for (let i = 0; i < length; i++) store[i] = encodeStored(dtype, junk);
  idx.forEach((ix, k) => {
    const at = offset + ix.reduce((s, i, d) => s + i * (st[d] as number), 0);
    store[at] = encodeStored(dtype, values[k] as Val);
  });
  const buffer = be.alloc(dtype, length);
  be.write(buffer, dtype, store as never, 0);
  return { buffer, dtype, shape, strides: st, offset };
}

/** An output operand of `shape` (contiguous unless strides are given), pre-filled with junk. */
export function output(dtype: DType, shape: readonly number[], strides?: readonly number[], offset = 0): Operand {
  const n = shape.reduce((a, b) => a * b, 1);
  return operand(dtype, new Array<Val>(n).fill(dtype === "int64" ? 99n : 99), shape, strides, offset, 55);
}

export function contiguous(shape: readonly number[]): number[] {
  const s: number[] = [];
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    s[d] = acc;
    acc *= shape[d] as number;
  }
  return s;
}

/** Reads an operand's elements in row-major order, decoded to numbers (bigints for int64). */
export function values(op: Operand): Val[] {
  const raw = be.readSync!(op.buffer, op.dtype, 0, op.buffer.length) as unknown as ArrayLike<Val>;
  return rowMajor(op.shape).map((ix) =>
    decodeStored(op.dtype, raw[op.offset + ix.reduce((s, i, d) => s + i * (op.strides[d] as number), 0)] as Val),
  );
}

/** All raw storage of an operand's buffer (to check that nothing was written). */
export function rawStorage(op: Operand): Val[] {
  return Array.from(be.readSync!(op.buffer, op.dtype, 0, op.buffer.length) as unknown as ArrayLike<Val>);
}

const EPS: Record<DType, number> = {
  bool: 0, uint8: 0, int8: 0, int16: 0, int32: 0, int64: 0,
  float16: 2 ** -10, bfloat16: 2 ** -7, float32: 2 ** -23, float64: 2 ** -52,
};

/** Equal (NaN equals NaN; ±0 distinguished when exact), or within `ulps` relative units of dtype. */
export function same(a: Val, e: Val, dtype: DType, ulps = 0, looseZero = false): boolean {
  if (typeof a === "bigint" || typeof e === "bigint") return a === e;
  if (Number.isNaN(a) && Number.isNaN(e)) return true;
  if (a === e) return a !== 0 || ulps > 0 || looseZero || Object.is(a, e); // exact ops must get the sign of zero right
  if (ulps === 0 || !Number.isFinite(e)) return false;
  return Math.abs(a - e) <= ulps * EPS[dtype] * Math.max(Math.abs(e), 2 ** -126);
}

/** Lists the mismatching positions as readable strings (empty when all agree). */
export function mismatches(
  actual: readonly Val[],
  expected: readonly Val[],
  dtype: DType,
  ulps = 0,
  inputs?: readonly (readonly unknown[])[],
  looseZero = false,
): string[] {
  const bad: string[] = [];
  if (actual.length !== expected.length) return [`length ${actual.length} != ${expected.length}`];
  for (let i = 0; i < actual.length; i++)
    if (!same(actual[i] as Val, expected[i] as Val, dtype, ulps, looseZero))
      bad.push(`[${i}] in=(${inputs?.map((x) => String(x[i])).join(", ") ?? ""}) got ${show(actual[i])} want ${show(expected[i])}`);
  return bad;
}

const show = (v: Val | undefined): string => (Object.is(v, -0) ? "-0" : String(v));

interface Fixtures {
  torch: string;
  binary: { op: string; dtype: DType; outDtype: DType; a: Enc[]; b: Enc[]; out: Enc[]; via: string }[];
  unary: { op: string; dtype: DType; outDtype: DType; a: Enc[]; out: Enc[]; via: string }[];
  cast: { src: DType; dst: DType; a: Enc[]; out: Enc[] }[];
  erf: { x: Enc[]; y: Enc[] };
  reduce: { op: string; dtype: DType; outDtype: DType; shape: number[]; axes: number[]; a: Enc[]; out: Enc[]; via: string }[];
  argReduce: { op: string; dtype: DType; shape: number[]; axis: number; a: Enc[]; out: Enc[] }[];
  scan: { op: string; dtype: DType; shape: number[]; axis: number; a: Enc[]; out: Enc[]; via: string }[];
  matmul: { dtype: DType; a: Enc[]; b: Enc[]; out: Enc[]; aShape: number[]; bShape: number[]; outShape: number[] }[];
}

export const fixtures: Fixtures = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../../../tooling/fixtures/data/cpu-kernels.json", import.meta.url)), "utf8"),
) as Fixtures;
