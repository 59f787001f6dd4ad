/**
 * WGSL for every UnaryOp per value class (exhaustive over UnaryOp; `null` where the core never
 * sends the class), mirroring backend-cpu's unary-ops.ts. Special values (NaN, ±inf, ±0, domain
 * errors) are decided on the bits before a WGSL builtin runs, because WGSL leaves builtins'
 * results outside their domain unspecified.
 */
import type { UnaryOp } from "@typetorch/tensor-core";
import { MATH_WGSL } from "../wgsl/lib-math.js";
import { f64Lit } from "../wgsl/lib-f64.js";

type E1 = (x: string) => string;
const b = (c: string): string => `i32(${c})`;
/** NaN in → the same NaN out, else `body`. */
const nanIn = (x: string, body: string): string => `select(${body}, ${x}, isnan32(${x}))`;

export const FLOAT_UNARY_WGSL = MATH_WGSL + /* wgsl */ `
fn sqrtf(x: f32) -> f32 {
  if (isnan32(x) || (signbit32(x) && nz32(x))) { return nan32(); }
  if (!nz32(x) || isinf32(x)) { return x; }
  return sqrt(x);
}
fn tanhf(x: f32) -> f32 {
  if (isnan32(x)) { return x; }
  if (abs(x) > 9.0) { return sign(x); }
  if (abs(x) < 0.0004) { return x; }
  let e = expm1f(2.0 * abs(x));
  let t = e / (e + 2.0);
  return select(t, -t, x < 0.0);
}
fn sinhf(x: f32) -> f32 {
  if (isnan32(x) || isinf32(x)) { return x; }
  if (abs(x) < 0.0004) { return x; }
  if (abs(x) > 89.415985) { return select(inf32(), -inf32(), x < 0.0); }
  if (abs(x) > 12.0) { let h = exp_scaled(abs(x), -1i); return select(h, -h, x < 0.0); }
  let e = expm1f(abs(x));
  let s = 0.5 * (e + e / (e + 1.0));
  return select(s, -s, x < 0.0);
}
fn coshf(x: f32) -> f32 {
  if (isnan32(x)) { return x; }
  if (abs(x) > 89.415985) { return inf32(); }
  if (abs(x) > 12.0) { return exp_scaled(abs(x), -1i); }
  let e = expf(abs(x));
  return 0.5 * (e + 1.0 / e);
}
fn asinhf(x: f32) -> f32 {
  if (isnan32(x) || isinf32(x) || !nz32(x)) { return x; }
  if ((bitcast<u32>(x) & 0x7f800000u) < 0x39800000u) { return x * (1.0 - x * x * 0.16666667); }
  let a = abs(x);
  var r: f32;
  if (a > 1e18) { r = logf(a) + 0.6931472; } else { r = log1pf(a + a * a / (1.0 + sqrt(1.0 + a * a))); }
  return select(r, -r, x < 0.0);
}
fn acoshf(x: f32) -> f32 {
  if (isnan32(x) || x < 1.0) { return nan32(); }
  if (isinf32(x)) { return x; }
  if (x > 1e18) { return logf(x) + 0.6931472; }
  return log1pf((x - 1.0) + sqrt((x - 1.0) * (x + 1.0)));
}
fn atanhf(x: f32) -> f32 {
  if (isnan32(x) || abs(x) > 1.0) { return nan32(); }
  if (abs(x) == 1.0) { return select(inf32(), -inf32(), x < 0.0); }
  if (abs(x) < 0.0004) { return x; }
  return 0.5 * log1pf(2.0 * x / (1.0 - x));
}
fn erff(x: f32) -> f32 {
  if (isnan32(x)) { return x; }
  let a = abs(x);
  var r: f32;
  if (a < 0.5) {
    let z = x * x;
    return x * (1.1283791671 + z * (-0.3761263890 + z * (0.1128379167 + z * (-0.0268661706 + z * (0.0052239776 + z * -0.0008548327)))));
  }
  if (a >= 4.0) { r = 1.0; } else {
    let t = 1.0 / (1.0 + 0.5 * a);
    let y = t * expf(-a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    r = 1.0 - y;
  }
  return select(r, -r, x < 0.0);
}
// float32's exp(-x) overflows first below -88.72, so sigmoid is exactly 0 there, as PyTorch's kernel.
fn sigmoidf(x: f32) -> f32 {
  if (isnan32(x)) { return x; }
  if (x < -88.72284) { return 0.0; }
  if (x < -80.0) { let e = expf(-x); return ldexp_sub(1.0 / ldexp(e, -64i), -64i); }
  return 1.0 / (1.0 + expf(-x));
}
fn signf(x: f32) -> f32 { return select(select(0.0, -1.0, x < 0.0), 1.0, x > 0.0); }
`;

/** float32 and the widened 16-bit floats. */
export const FLOAT_UNARY: { readonly [K in UnaryOp]: E1 | null } = {
  neg: (x) => `bitcast<f32>(bitcast<u32>(${x}) ^ 0x80000000u)`,
  abs: (x) => `bitcast<f32>(bitcast<u32>(${x}) & 0x7fffffffu)`,
  sign: (x) => `select(select(select(1.0, -1.0, signbit32(${x})), 0.0, !nz32(${x})), 0.0, isnan32(${x}))`,
  sqrt: (x) => `select(sqrtf(${x}), ldexp(sqrtf(up32(${x})), -32i), tiny32(${x}) && !signbit32(${x}))`,
  rsqrt: (x) => `select(1.0 / sqrtf(${x}), ldexp(1.0 / sqrtf(up32(${x})), 32i), tiny32(${x}) && nz32(${x}) && !signbit32(${x}))`,
  exp: (x) => `expf(${x})`,
  exp2: (x) => `exp2f(${x})`,
  expm1: (x) => `select(expm1f(${x}), ${x}, (bitcast<u32>(${x}) & 0x7f800000u) < 0x30800000u)`,
  log: (x) => `logf(${x})`,
  log2: (x) => `log2f(${x})`,
  log10: (x) => `log10f(${x})`,
  log1p: (x) => `log1pf(${x})`,
  sin: (x) => `select(sinf(${x}), ${x}, (bitcast<u32>(${x}) & 0x7f800000u) < 0x30800000u)`,
  cos: (x) => `cosf(${x})`,
  tan: (x) => `select(tanf(${x}), ${x}, (bitcast<u32>(${x}) & 0x7f800000u) < 0x30800000u)`,
  asin: (x) => `select(asinf(${x}), ${x}, (bitcast<u32>(${x}) & 0x7f800000u) < 0x30800000u)`,
  acos: (x) => `acosf(${x})`,
  atan: (x) => `select(atanf(${x}), ${x}, (bitcast<u32>(${x}) & 0x7f800000u) < 0x30800000u)`,
  sinh: (x) => `select(sinhf(${x}), ${x}, (bitcast<u32>(${x}) & 0x7f800000u) < 0x30800000u)`,
  cosh: (x) => `coshf(${x})`,
  tanh: (x) => `select(tanhf(${x}), ${x}, (bitcast<u32>(${x}) & 0x7f800000u) < 0x30800000u)`,
  asinh: (x) => `select(asinhf(${x}), ${x}, (bitcast<u32>(${x}) & 0x7f800000u) < 0x30800000u)`,
  acosh: (x) => `acoshf(${x})`,
  atanh: (x) => `select(atanhf(${x}), ${x}, (bitcast<u32>(${x}) & 0x7f800000u) < 0x30800000u)`,
  erf: (x) => `select(erff(${x}), ldexp_sub(up32(${x}) * 1.1283791670955126, -upk(${x})), (bitcast<u32>(${x}) & 0x7f800000u) < 0x30800000u)`,
  sigmoid: (x) => `sigmoidf(${x})`,
  relu: (x) => `select(${x}, 0.0, signbit32(${x}) && nz32(${x}) && !isnan32(${x}))`,
  floor: (x) => nanIn(x, `select(floor(${x}), select(bitcast<f32>(bitcast<u32>(${x}) & 0x80000000u), -1.0, signbit32(${x}) && nz32(${x})), tiny32(${x}))`),
  ceil: (x) => nanIn(x, `select(ceil(${x}), select(bitcast<f32>(bitcast<u32>(${x}) & 0x80000000u), 1.0, !signbit32(${x}) && nz32(${x})), tiny32(${x}))`),
  round: (x) => nanIn(x, `select(round(${x}), bitcast<f32>(bitcast<u32>(${x}) & 0x80000000u), tiny32(${x}))`),
  trunc: (x) => nanIn(x, `select(trunc(${x}), bitcast<f32>(bitcast<u32>(${x}) & 0x80000000u), tiny32(${x}))`),
  reciprocal: (x) => `fdiv(1.0, ${x})`,
  bitwiseNot: null,
  logicalNot: (x) => b(`!nz32(${x})`),
  isnan: (x) => b(`isnan32(${x})`),
  isinf: (x) => b(`isinf32(${x})`),
  isfinite: (x) => b(`!isnan32(${x}) && !isinf32(${x})`),
  signbit: (x) => b(`signbit32(${x})`),
};

const id: E1 = (x) => x;
const NOT_INT = {
  sqrt: null, rsqrt: null, exp: null, exp2: null, expm1: null, log: null, log2: null, log10: null,
  log1p: null, sin: null, cos: null, tan: null, asin: null, acos: null, atan: null, sinh: null,
  cosh: null, tanh: null, asinh: null, acosh: null, atanh: null, erf: null, sigmoid: null, reciprocal: null,
} as const;

/** int8/int16/int32/uint8 in i32 (the store wraps; neg/abs of INT_MIN stay INT_MIN). */
export const INT_UNARY: { readonly [K in UnaryOp]: E1 | null } = {
  ...NOT_INT,
  neg: (x) => `0i - ${x}`,
  abs: (x) => `abs(${x})`,
  sign: (x) => `sign(${x})`,
  relu: (x) => `max(${x}, 0i)`,
  floor: id,
  ceil: id,
  round: id,
  trunc: id,
  bitwiseNot: (x) => `~${x}`,
  logicalNot: (x) => b(`${x} == 0i`),
  isnan: () => "0i",
  isinf: () => "0i",
  isfinite: () => "1i",
  signbit: (x) => b(`${x} < 0i`),
};

export const BOOL_UNARY: { readonly [K in UnaryOp]: E1 | null } = { ...INT_UNARY, neg: null, bitwiseNot: (x) => `${x} ^ 1i` };

export const INT64_UNARY: { readonly [K in UnaryOp]: E1 | null } = {
  ...NOT_INT,
  neg: (x) => `neg64(${x})`,
  abs: (x) => `select(${x}, neg64(${x}), isneg64(${x}))`,
  sign: (x) => `select(select(vec2u(0u), vec2u(0xffffffffu), isneg64(${x})), vec2u(1u, 0u), lt64(vec2u(0u), ${x}))`,
  relu: (x) => `select(${x}, vec2u(0u), isneg64(${x}))`,
  floor: id,
  ceil: id,
  round: id,
  trunc: id,
  bitwiseNot: (x) => `~${x}`,
  logicalNot: (x) => b(`!nz64(${x})`),
  isnan: () => "0i",
  isinf: () => "0i",
  isfinite: () => "1i",
  signbit: (x) => b(`isneg64(${x})`),
};

const ONE64 = f64Lit(1);
const TRANSCENDENTAL = {
  rsqrt: null, exp: null, exp2: null, expm1: null, log: null, log2: null, log10: null, log1p: null,
  sin: null, cos: null, tan: null, asin: null, acos: null, atan: null, sinh: null, cosh: null,
  tanh: null, asinh: null, acosh: null, atanh: null, erf: null, sigmoid: null,
} as const;

/**
 * float64 in software binary64 (lib-f64.ts), as backend-cpu's FLOAT_UNARY on JS doubles. The
 * transcendental rows are `null` here: backend.ts sends those to the host backend.
 */
export const F64_UNARY: { readonly [K in UnaryOp]: E1 | null } = {
  ...TRANSCENDENTAL,
  neg: (x) => `f64_neg(${x})`,
  abs: (x) => `f64_abs(${x})`,
  // sign(±0) = +0 and sign(NaN) = 0, as the CPU
  sign: (x) => `select(select(vec2u(0u), ${f64Lit(-1)}, f64_lt(${x}, vec2u(0u))), ${ONE64}, f64_lt(vec2u(0u), ${x}))`,
  sqrt: (x) => `f64_sqrt(${x})`,
  // x < 0 ? 0 : x — relu(-0) is -0 and NaN propagates
  relu: (x) => `select(${x}, vec2u(0u), f64_lt(${x}, vec2u(0u)))`,
  floor: (x) => `f64_floor(${x})`,
  ceil: (x) => `f64_ceil(${x})`,
  round: (x) => `f64_round_even(${x})`,
  trunc: (x) => `f64_trunc(${x})`,
  reciprocal: (x) => `f64_div(${ONE64}, ${x})`,
  bitwiseNot: null,
  logicalNot: (x) => b(`f64_iszero(${x})`),
  isnan: (x) => b(`f64_isnan(${x})`),
  isinf: (x) => b(`f64_isinf(${x})`),
  isfinite: (x) => b(`f64_isfinite(${x})`),
  signbit: (x) => b(`f64_signbit(${x})`),
};
