/**
 * Test harness: a WebGPU backend (Dawn + SwiftShader in Node) next to the CPU backend, and
 * helpers that run the same primitive on both and compare the results.
 */
import { createCpuBackend } from "@typetorch/backend-cpu";
import {
  bfloat16BitsToNumber,
  contiguousStrides,
  float16BitsToNumber,
  makeStorageArray,
  type Backend,
  type DType,
  type Operand,
  type StorageArray,
} from "@typetorch/tensor-core";
import { createWebGpuBackend, type WebGpuBackend } from "../index.js";

export const cpu: Backend = createCpuBackend();
let gpuPromise: Promise<WebGpuBackend> | null = null;
export const getGpu = (): Promise<WebGpuBackend> => (gpuPromise ??= createWebGpuBackend());

/** A deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPECIAL = [0, -0, 1, -1, 0.5, -2.5, 3, NaN, Infinity, -Infinity, 1e-30, 65504, 1e30];

/** Random storage for a dtype, with special values mixed into floats and extremes into ints. */
export function randomData(d: DType, n: number, r: () => number, opts: { positive?: boolean; nonzero?: boolean; small?: boolean } = {}): StorageArray {
  const arr = makeStorageArray(d, n);
  for (let i = 0; i < n; i++) {
    const u = r();
    if (d === "bool") (arr as Uint8Array)[i] = u < 0.5 ? 0 : 1;
    else if (d === "int64") {
      const big = u < 0.2 ? BigInt.asIntN(64, BigInt(Math.floor(r() * 2 ** 32)) << 32n | BigInt(Math.floor(r() * 2 ** 32))) : BigInt(Math.floor((r() - 0.5) * (opts.small ? 20 : 2000)));
      (arr as BigInt64Array)[i] = opts.positive && big < 0n ? -big : opts.nonzero && big === 0n ? 3n : big;
    } else if (d === "float16" || d === "bfloat16" || d === "float32" || d === "float64") {
      let v = u < 0.15 ? (SPECIAL[Math.floor(r() * SPECIAL.length)] as number) : (r() - 0.5) * (opts.small ? 8 : 200);
      if (opts.positive) v = Math.abs(v);
      if (opts.nonzero && v === 0) v = 1.5;
      if (d === "float16") (arr as Uint16Array)[i] = numberToF16(v);
      else if (d === "bfloat16") (arr as Uint16Array)[i] = numberToBf16(v);
      else (arr as Float32Array)[i] = v;
    } else {
      const range = d === "uint8" ? 256 : d === "int8" ? 256 : d === "int16" ? 65536 : 2 ** 32;
      let v = Math.floor(r() * range) - (d === "uint8" ? 0 : range / 2);
      if (opts.small) v = Math.floor((r() - (d === "uint8" ? 0 : 0.5)) * 20);
      if (opts.positive) v = Math.abs(v);
      if (opts.nonzero && v === 0) v = 3;
      (arr as Int32Array)[i] = v;
    }
  }
  return arr;
}
import { numberToBfloat16Bits as numberToBf16, numberToFloat16Bits as numberToF16 } from "@typetorch/tensor-core";

export interface Spec {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Strides and offset of a view into a buffer of `length` elements; default contiguous. */
  readonly strides?: readonly number[];
  readonly offset?: number;
  readonly length?: number;
}

export function lengthOf(s: Spec): number {
  if (s.length !== undefined) return s.length;
  const st = s.strides ?? contiguousStrides(s.shape);
  return (s.offset ?? 0) + s.shape.reduce((acc, n, d) => acc + (n - 1) * (st[d] as number), 1);
}

/** Allocates and writes `data` on a backend, returning the operand. */
export function put(be: Backend, s: Spec, data: StorageArray): Operand {
  const buffer = be.alloc(s.dtype, data.length);
  be.write(buffer, s.dtype, data, 0);
  return { buffer, dtype: s.dtype, shape: s.shape, strides: s.strides ?? contiguousStrides(s.shape), offset: s.offset ?? 0 };
}

export function values(d: DType, data: StorageArray): (number | bigint)[] {
  return Array.from(data as ArrayLike<number | bigint>, (v) =>
    d === "float16" ? float16BitsToNumber(v as number) : d === "bfloat16" ? bfloat16BitsToNumber(v as number) : v,
  );
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
/** ULP distance in the dtype (NaN == NaN; ±0 distinct by 1). */
export function ulps(d: DType, a: number, b: number): number {
  if (a !== a || b !== b) return a !== a && b !== b ? 0 : Infinity;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b ? 0 : Infinity;
  if (d === "float64") {
    const o = (x: number): bigint => { f64[0] = x; const v = i64[0] as bigint; return v < 0n ? -(v & 0x7fffffffffffffffn) : v; };
    const diff = o(a) - o(b);
    return Number(diff < 0n ? -diff : diff);
  }
  if (d === "float32") {
    const o = (x: number): number => { f32[0] = x; const v = i32[0] as number; return v < 0 ? -(v & 0x7fffffff) : v; };
    return Math.abs(o(a) - o(b));
  }
  const bits = d === "float16" ? numberToF16 : numberToBf16;
  const o = (x: number): number => { const v = bits(x); return v & 0x8000 ? -(v & 0x7fff) : v; };
  return Math.abs(o(a) - o(b));
}

/**
 * Runs `op` on both backends over the same inputs and returns the two outputs' values.
 * `outSpec` describes the output (its buffer starts as a copy of `outInit` or zeros).
 */
export async function both(
  gpu: WebGpuBackend,
  ins: readonly { spec: Spec; data: StorageArray }[],
  outSpec: Spec,
  op: (be: Backend, out: Operand, ins: Operand[]) => void,
): Promise<{ got: (number | bigint)[]; want: (number | bigint)[] }> {
  const run = async (be: Backend): Promise<(number | bigint)[]> => {
    const ops = ins.map((x) => put(be, x.spec, x.data));
    const outLen = lengthOf(outSpec);
    const out = put(be, outSpec, makeStorageArray(outSpec.dtype, outLen));
    op(be, out, ops);
    const data = await be.read(out.buffer, outSpec.dtype, 0, outLen);
    for (const o of [...ops, out]) be.free(o.buffer);
    return values(outSpec.dtype, data);
  };
  const want = await run(cpu);
  const got = await run(gpu);
  return { got, want };
}

const f64v = new Float64Array(1);
const u32v = new Uint32Array(f64v.buffer);
/**
 * float64 data for bit-exact tests: random bit patterns (NaN payloads, infinities, subnormals
 * included), values near the subnormal and overflow edges, ordinary magnitudes, halves and small
 * integers (rounding ties, integer casts), and the special values.
 */
export function randomF64(n: number, r: () => number): Float64Array {
  const out = new Float64Array(n);
  const specials = [0, -0, Infinity, -Infinity, NaN, 2 ** -1074, -(2 ** -1022), Number.MAX_VALUE, 0.5, -2.5, 2 ** 31, -(2 ** 63), 65520, 2 ** -25];
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.1) { out[i] = specials[Math.floor(r() * specials.length)] as number; continue; }
    if (k < 0.2) { out[i] = (Math.floor(r() * 64) - 32) / 2; continue; }
    const ef = k < 0.4 ? Math.floor(r() * 2048) : k < 0.5 ? Math.floor(r() * 3) : k < 0.55 ? 2045 + Math.floor(r() * 2) : 1023 - 40 + Math.floor(r() * 80);
    u32v[0] = Math.floor(r() * 2 ** 32);
    u32v[1] = ((r() < 0.5 ? 0 : 0x80000000) | (ef << 20) | Math.floor(r() * 2 ** 20)) >>> 0;
    out[i] = f64v[0] as number;
  }
  return out;
}
