/** Element comparison: bit-identical (NaN payloads aside), ULP distance, accumulation tolerance. */
import { numberToBfloat16Bits, numberToFloat16Bits, type DType } from "@typetorch/tensor-core";
import { ACCUMULATION, SCATTER_ACCUMULATION, UNIT_ROUNDOFF, type FloatDType } from "./bounds.js";
import type { Value } from "./reference/index.js";

/** Same value, same sign of zero; any NaN equals any NaN. */
export function sameValue(a: Value, b: Value): boolean {
  if (typeof a === "bigint" || typeof b === "bigint") return a === b;
  return Object.is(a, b) || (a !== a && b !== b);
}

/** sameValue, but −0 and +0 are interchangeable (max/min ties, see bounds.ts). */
export const sameValueAnyZero = (a: Value, b: Value): boolean => sameValue(a, b) || (a === 0 && b === 0);

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** A float's position on the number line of its dtype's encodings (adjacent floats differ by 1). */
function ordinal(d: FloatDType, x: number): bigint {
  let bits: bigint;
  let signBit: bigint;
  if (d === "float64") {
    f64[0] = x;
    bits = BigInt.asUintN(64, i64[0] as bigint);
    signBit = 1n << 63n;
  } else if (d === "float32") {
    f32[0] = x;
    bits = BigInt((i32[0] as number) >>> 0);
    signBit = 1n << 31n;
  } else {
    bits = BigInt(d === "float16" ? numberToFloat16Bits(x) : numberToBfloat16Bits(x));
    signBit = 1n << 15n;
  }
  return bits & signBit ? -(bits & (signBit - 1n)) : bits;
}

/** ULPs between two values of a float dtype; NaN vs non-NaN and ∞ vs finite are infinitely far. */
export function ulpDistance(d: FloatDType, a: number, b: number): number {
  if (a !== a || b !== b) return a !== a && b !== b ? 0 : Infinity;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b ? 0 : Infinity;
  const diff = ordinal(d, a) - ordinal(d, b);
  return Number(diff < 0n ? -diff : diff);
}

const TINY: { readonly [D in FloatDType]: number } = {
  float64: 2 ** -1074,
  float32: 2 ** -149,
  float16: 2 ** -24,
  bfloat16: 2 ** -133,
};

/**
 * Whether an accumulated float result is within ACCUMULATION's bound of the exact float64 value.
 * Non-finite exact results (NaN, ±∞ from inputs) must be matched exactly.
 */
export function withinAccumulation(
  op: keyof typeof ACCUMULATION,
  d: FloatDType,
  got: number,
  expectedRounded: number,
  exact: number,
  absSum: number,
  count: number,
): boolean {
  if (!Number.isFinite(expectedRounded) || got !== got) return sameValue(got, expectedRounded);
  const perTerm = ACCUMULATION[op]?.perTerm ?? 0;
  const u = UNIT_ROUNDOFF[d];
  const tol = perTerm * count * u.acc * absSum + u.out * Math.abs(exact) + TINY[d];
  return Math.abs(got - exact) <= tol;
}

/** Σ terms with Neumaier's compensation: the exact sum for the few moderate terms scatter combines. */
function compensatedSum(terms: readonly number[]): number {
  let s = 0;
  let c = 0;
  for (const x of terms) {
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/**
 * Whether a scatter add/mul result that combined several source elements into one output element
 * (`terms`: the old value, then the sources) lies within SCATTER_ACCUMULATION's bound, whatever
 * the order of combination. Non-finite reference results (NaN, ±∞ from inputs) must match.
 */
export function withinScatter(op: "add" | "mul", d: FloatDType, got: number, expectedRounded: number, terms: readonly number[]): boolean {
  if (!Number.isFinite(expectedRounded) || got !== got) return sameValue(got, expectedRounded);
  const exact = op === "add" ? compensatedSum(terms) : terms.reduce((p, x) => p * x, 1);
  const scale = op === "add" ? terms.reduce((s, x) => s + Math.abs(x), 0) : Math.abs(exact);
  const n = terms.length;
  const tol = SCATTER_ACCUMULATION[op].perTerm * n * UNIT_ROUNDOFF[d].out * scale + n * TINY[d];
  return Math.abs(got - exact) <= tol;
}

export const isFloatD = (d: DType): d is FloatDType =>
  d === "float64" || d === "float32" || d === "float16" || d === "bfloat16";
