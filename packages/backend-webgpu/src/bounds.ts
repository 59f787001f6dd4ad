/**
 * The float bounds this backend meets, in ULPs of the output dtype, where they are looser than
 * the conformance suite's table (README.md "Bounds"). WGSL specifies its builtins' accuracy in
 * absolute or relative terms far looser than 1 ULP (exp: 3 + 2·|x| ULP; log: 3 ULP outside
 * [0.5, 2], 2^-21 absolute inside; sin/cos: 2^-11 absolute), and SwiftShader uses those freedoms.
 */
import type { BinaryOp, UnaryOp } from "@typetorch/tensor-core";

export type HalfBound = { readonly float32: number; readonly float16: number; readonly bfloat16: number };
const b = (float32: number, half = 1): HalfBound => ({ float32, float16: half, bfloat16: half });

export const WEBGPU_UNARY_ULPS: { readonly [K in UnaryOp]?: HalfBound } = {
  rsqrt: b(2), exp: b(4), exp2: b(4), expm1: b(8), log: b(4), log2: b(4), log10: b(4), log1p: b(8),
  sin: b(4), cos: b(4), tan: b(8), asin: b(8), acos: b(8), atan: b(8), sinh: b(8), cosh: b(8),
  tanh: b(8), asinh: b(8), acosh: b(8), atanh: b(8), erf: b(8), sigmoid: b(4),
};
export const WEBGPU_BINARY_ULPS: { readonly [K in BinaryOp]?: HalfBound } = { pow: b(8), atan2: b(8) };
