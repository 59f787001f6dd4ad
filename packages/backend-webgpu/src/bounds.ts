/**
 * The float bounds this backend is tested against, in ULPs of the output dtype (README.md
 * "Bounds"). They equal the conformance suite's table except where noted: WGSL's own builtins
 * promise far less (exp: 3 + 2·|x| ULP, sin/cos: 2^-11 absolute) and SwiftShader measured 90 ULP
 * for exp and ~2500 for sin, so exp/log/trig/atan are written out in lib-math.ts; three stay wider.
 */
import type { BinaryOp, UnaryOp } from "@typetorch/tensor-core";

export type HalfBound = { readonly float32: number; readonly float16: number; readonly bfloat16: number };
const b = (float32: number, half = 1): HalfBound => ({ float32, float16: half, bfloat16: half });

export const WEBGPU_UNARY_ULPS: { readonly [K in UnaryOp]?: HalfBound } = {
  rsqrt: b(1), exp: b(1), expm1: b(1), log: b(1), log2: b(1), log10: b(1), log1p: b(1),
  sin: b(1), cos: b(1), asin: b(1), acos: b(1), atan: b(1), sinh: b(1), cosh: b(1),
  tanh: b(1), asinh: b(1), acosh: b(1), atanh: b(1), erf: b(1), sigmoid: b(1),
  /** exp2(x) = 2^k · e^(f·ln2): the product f·ln2 rounds once more than exp's reduction. */
  exp2: b(2),
  /** sin and cos in double-float, their quotient rounded once: the suite's bound. */
  tan: b(1),
};
export const WEBGPU_BINARY_ULPS: { readonly [K in BinaryOp]?: HalfBound } = {
  atan2: b(1),
  /**
   * x^y = 2^(y · log2 x) with log2 x and the product carried in double-float (two f32, exact
   * products by Dekker splitting): within the suite's 1 ULP.
   */
  pow: b(1),
};
