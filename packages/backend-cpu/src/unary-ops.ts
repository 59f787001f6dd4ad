/**
 * The scalar function of every UnaryOp, per dtype class (exhaustive over UnaryOp; `null` where
 * the core never sends that dtype, e.g. sqrt of an integer, which it casts to float first).
 */
import type { UnaryOp } from "@typetorch/tensor-core";
import { erf32, erf64 } from "./erf.js";
import { roundHalfEven, sigmoid, signbit } from "./scalar-math.js";

export type NumFn1 = (x: number) => number;
export type BigFn1 = (x: bigint) => bigint | number;

const b2n = (c: boolean): number => (c ? 1 : 0);

/** float64 and float32 (float16/bfloat16 are widened to float32 first). */
export const FLOAT_UNARY: { readonly [K in UnaryOp]: NumFn1 | null } = {
  neg: (x) => -x,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), // sign(±0) = 0 and, as in PyTorch 1.13, sign(NaN) = 0
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  exp: Math.exp,
  exp2: (x) => 2 ** x,
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
  erf: erf64,
  sigmoid,
  relu: (x) => (x < 0 ? 0 : x), // NaN propagates and relu(−0) is −0, as in PyTorch
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfEven,
  trunc: Math.trunc,
  reciprocal: (x) => 1 / x,
  bitwiseNot: null,
  logicalNot: (x) => b2n(x === 0),
  isnan: (x) => b2n(x !== x),
  isinf: (x) => b2n(x === Infinity || x === -Infinity),
  isfinite: (x) => b2n(Number.isFinite(x)),
  signbit,
};

/**
 * float32 and the widened 16-bit floats: as FLOAT_UNARY, except sigmoid, whose exp(−x) overflows
 * float32 first (sigmoid(−100) is exactly 0 in PyTorch's float32 kernel, not a float32 denormal).
 */
export const FLOAT32_UNARY: { readonly [K in UnaryOp]: NumFn1 | null } = {
  ...FLOAT_UNARY,
  sigmoid: (x) => 1 / (1 + Math.fround(Math.exp(-x))),
  erf: erf32,
};

const id: NumFn1 = (x) => x;

/** int8/int16/int32/uint8: results are exact and wrap on store (neg/abs of INT_MIN stay INT_MIN). */
export const INT_UNARY: { readonly [K in UnaryOp]: NumFn1 | null } = {
  ...FLOAT_UNARY,
  sqrt: null, rsqrt: null, exp: null, exp2: null, expm1: null, log: null, log2: null, log10: null,
  log1p: null, sin: null, cos: null, tan: null, asin: null, acos: null, atan: null, sinh: null,
  cosh: null, tanh: null, asinh: null, acosh: null, atanh: null, erf: null, sigmoid: null,
  reciprocal: null,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  relu: (x) => (x > 0 ? x : 0),
  floor: id,
  ceil: id,
  round: id,
  trunc: id,
  bitwiseNot: (x) => ~x,
  isnan: () => 0,
  isinf: () => 0,
  isfinite: () => 1,
  signbit: (x) => b2n(x < 0),
};

/** bool: bitwise not is logical not; neg is refused by the core. */
export const BOOL_UNARY: { readonly [K in UnaryOp]: NumFn1 | null } = {
  ...INT_UNARY,
  neg: null,
  bitwiseNot: (x) => x ^ 1,
};

export const INT64_UNARY: { readonly [K in UnaryOp]: BigFn1 | null } = {
  neg: (x) => -x,
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
  bitwiseNot: (x) => ~x,
  logicalNot: (x) => b2n(x === 0n),
  isnan: () => 0,
  isinf: () => 0,
  isfinite: () => 1,
  signbit: (x) => b2n(x < 0n),
};
