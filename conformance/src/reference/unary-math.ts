/**
 * Scalar meaning of every UnaryOp, in float64 (floats) and BigInt (integers and bool). The result
 * is rounded to the dtype by the caller. Rules checked against PyTorch 1.13 are noted inline.
 */
import type { UnaryOp } from "@typetorch/tensor-core";
import { erf } from "./erf.js";

type F = (x: number) => number;
type I = (x: bigint) => bigint;

const bit = (c: boolean): number => (c ? 1 : 0);
const f64 = new Float64Array(1);
const hi = new Uint32Array(f64.buffer);
const signBit = (x: number): number => {
  f64[0] = x;
  return (hi[1] as number) >>> 31;
};

/** Float meaning; the outer function rounds the float64 result to the dtype. */
export const FLOAT_UNARY: { readonly [K in UnaryOp]: F | null } = {
  neg: (x) => -x,
  abs: (x) => Math.abs(x), // abs(-0) = +0
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), // torch 1.13: sign(NaN) = 0, sign(-0) = +0
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x), // rsqrt(-0) = -inf
  exp: Math.exp,
  exp2: (x) => Math.pow(2, x),
  expm1: Math.expm1,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  erf,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)), // float64 form; elementwise.ts applies torch's compute precision
  relu: (x) => (x > 0 || x !== x ? x : x === 0 ? x : 0), // torch 1.13: relu(-0) = -0, relu(NaN) = NaN
  floor: Math.floor,
  ceil: Math.ceil, // ceil(-0.5) = -0
  round: roundHalfEven,
  trunc: Math.trunc,
  reciprocal: (x) => 1 / x,
  bitwiseNot: null,
  logicalNot: (x) => bit(x === 0), // NaN is true, so logicalNot(NaN) = false
  isnan: (x) => bit(x !== x),
  isinf: (x) => bit(x === Infinity || x === -Infinity),
  isfinite: (x) => bit(Number.isFinite(x)),
  signbit: (x) => signBit(x), // signbit(-0) = true; a negative NaN's sign bit counts
};

/** torch.round: half to even, sign of zero kept (round(-0.4) = -0, round(2.5) = 2). */
function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const diff = x - f; // exact for |x| < 2^52; above that x is already integral and diff is 0
  let r = diff > 0.5 ? f + 1 : diff < 0.5 ? f : f % 2 === 0 ? f : f + 1;
  if (r === 0 && (x < 0 || Object.is(x, -0))) r = -0;
  return r;
}

/** Integer meaning (exact; the caller wraps). Integer rounding ops are the identity. */
export const INT_UNARY: { readonly [K in UnaryOp]: I | null } = {
  neg: (x) => -x, // wraps: neg(int8 -128) = -128
  abs: (x) => (x < 0n ? -x : x),
  sign: (x) => (x > 0n ? 1n : x < 0n ? -1n : 0n),
  sqrt: null, rsqrt: null, exp: null, exp2: null, expm1: null, log: null, log2: null, log10: null,
  log1p: null, sin: null, cos: null, tan: null, asin: null, acos: null, atan: null, sinh: null,
  cosh: null, tanh: null, asinh: null, acosh: null, atanh: null, erf: null, sigmoid: null,
  reciprocal: null,
  relu: (x) => (x > 0n ? x : 0n),
  floor: (x) => x,
  ceil: (x) => x,
  round: (x) => x,
  trunc: (x) => x,
  bitwiseNot: (x) => ~x, // on bool the caller maps ~1 = -2 → 0 via "x & 1"
  logicalNot: (x) => (x === 0n ? 1n : 0n),
  isnan: () => 0n,
  isinf: () => 0n,
  isfinite: () => 1n,
  signbit: (x) => (x < 0n ? 1n : 0n),
};

/** Ops whose float result is exact under IEEE-754 (compared bit for bit; the rest use bounds.ts). */
export const EXACT_FLOAT_UNARY: ReadonlySet<UnaryOp> = new Set<UnaryOp>([
  "neg", "abs", "sign", "sqrt", "relu", "floor", "ceil", "round", "trunc", "reciprocal",
  "logicalNot", "isnan", "isinf", "isfinite", "signbit",
]);
