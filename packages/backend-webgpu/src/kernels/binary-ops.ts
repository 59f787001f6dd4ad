/**
 * WGSL for every BinaryOp per value class: exhaustive mapped types over BinaryOp (`null` where
 * the core never sends that class), mirroring backend-cpu's binary-ops.ts rule for rule.
 * `fr` is the compute dtype's rounding for multi-step float formulas ("" for float32, `fr16` /
 * `frbf` for the 16-bit floats, which round after every step as PyTorch's Half arithmetic does).
 */
import type { BinaryOp } from "@typetorch/tensor-core";
import { MATH_WGSL } from "../wgsl/lib-math.js";
import { f64Lit } from "../wgsl/lib-f64.js";

type E2 = (x: string, y: string, fr: string) => string;
const b = (c: string): string => `i32(${c})`;

/** Float helpers with a rounding parameter, instantiated per 16-bit format. */
export const floatBinaryHelpers = (suffix: string, fr: string): string => /* wgsl */ `
fn floordiv_${suffix}(a: f32, b: f32) -> f32 {
  if (!nz32(b)) { return ${fr}(fdiv(a, b)); }
  let m = fmod32(a, b);
  var d = ${fr}(fdiv(${fr}(fadd(a, fneg(m))), b));
  if (nz32(m) && signbit32(b) != signbit32(m)) { d = ${fr}(d - 1.0); }
  if (!nz32(d)) { let q = fdiv(a, b); return select(0.0, withbits(0x80000000u), signbit32(q) && !isnan32(q)); }
  var f = floor(d);
  if (${fr}(d - f) > 0.5) { f = ${fr}(f + 1.0); }
  return f;
}
fn remainder_${suffix}(a: f32, b: f32) -> f32 {
  var m = fmod32(a, b);
  if (nz32(m) && !isnan32(m) && signbit32(b) != signbit32(m)) { m = ${fr}(fadd(m, b)); }
  return m;
}`;

export const FLOAT_POW_WGSL = MATH_WGSL + /* wgsl */ `
// log2(x) for finite x > 0 as a double-float: x = m · 2^e with m in [sqrt(1/2), sqrt(2)],
// ln m = 2·atanh(s), s = (m - 1) / (m + 1) carried in double-float, the s^2/3 term too.
fn log2_dd(x: f32) -> vec2f {
  let me = frexp_sqrt2(x);
  let m = me.x;
  let f = opq(m - 1.0);
  let d = dd_two_sum(m, 1.0);
  let sh = opq(f / d.x);
  let p = dd_prod(sh, d.x);
  let sl = opq(opq(opq(f - p.x) - p.y) - opq(sh * d.y)) / d.x;
  let s = dd_fast(sh, sl);
  let z = dd_mul(s, s);
  let zx = z.x;
  let w = zx * zx * (0.2 + zx * (0.14285715 + zx * (0.11111111 + zx * (0.09090909 + zx * (0.07692308 + zx * 0.06666667)))));
  let u = dd_add(dd_mul(z, vec2f(0.3333333432674408, -9.934107758624577e-09)), vec2f(w, 0.0));
  let v = dd_add(vec2f(1.0, 0.0), u);
  let ln = dd_mul(s, v) * 2.0;
  return dd_add(vec2f(me.y, 0.0), dd_mul(ln, vec2f(1.4426950216293335, 1.925963033500011e-08)));
}
// 2^(t.x + t.y): 2^k · e^(f·ln2), f = (t.x - k) + t.y, the series for e^g with 1 + g summed exactly.
fn exp2_dd(t: vec2f) -> f32 {
  if (t.x >= 128.0) { return inf32(); }
  if (t.x < -151.0) { return 0.0; }
  let k = round(t.x);
  let f = dd_two_sum(opq(t.x - k), t.y);
  let g = dd_mul(f, vec2f(0.6931471824645996, -1.9046542121259336e-09));
  let x = g.x;
  let q = x * x * (0.5 + x * (0.16666667 + x * (0.041666668 + x * (0.008333334 + x * (0.0013888889 + x * (0.0001984127 + x * 2.4801588e-5))))));
  let s = dd_two_sum(1.0, x);
  let r = s.x + opq(s.y + opq(g.y + q));
  let h = i32(k) / 2i;
  return ldexp_sub(ldexp(r, h), i32(k) - h);
}
// Integers on the bits: a subnormal is never an integer (a flushing device would call it 0).
fn isint32(y: f32) -> bool { return !isinf32(y) && !isnan32(y) && (!tiny32(y) || !nz32(y)) && trunc(y) == y; }
fn powf(x: f32, y: f32) -> f32 {
  if (x == 1.0 || !nz32(y)) { return 1.0; }
  if (isnan32(x) || isnan32(y)) { return nan32(); }
  if (x == -1.0 && isinf32(y)) { return 1.0; }
  if (y == 2.0) { return fmul(x, x); }
  if (y == 1.0) { return x; }
  if (y == -1.0) { return fdiv(1.0, x); }
  let ax = babs(x);
  let yneg = signbit32(y);
  let oddint = isint32(y) && abs(y) < 16777216.0 && (i32(abs(y)) & 1i) == 1i;
  if (!nz32(x)) {
    if (yneg) { return select(inf32(), withbits(bitcast<u32>(x) | 0x7f800000u), oddint); }
    return select(0.0, x, oddint);
  }
  if (isinf32(y)) { return select(select(0.0, inf32(), flt(1.0, ax)), select(inf32(), 0.0, flt(1.0, ax)), yneg); }
  if (isinf32(x)) {
    let mag = select(inf32(), 0.0, yneg);
    return select(mag, -mag, signbit32(x) && oddint);
  }
  if (signbit32(x) && !isint32(y)) { return nan32(); }
  let L = log2_dd(ax);
  var r: f32;
  let t0 = y * L.x;
  if (!nz32(L.x)) {
    r = 1.0;
  } else if (abs(t0) > 300.0) {
    r = select(0.0, inf32(), t0 > 0.0);
  } else {
    let p = dd_prod(y, L.x);
    r = exp2_dd(dd_fast(p.x, opq(p.y + opq(y * L.y))));
  }
  return select(r, fneg(r), signbit32(x) && oddint);
}
`;

/** Comparisons on the bits (ord32), so that subnormals compare right on flushing devices. */
const cmpF: Pick<{ [K in BinaryOp]: E2 }, "eq" | "ne" | "lt" | "le" | "gt" | "ge"> = {
  eq: (x, y) => b(`feq(${x}, ${y})`),
  ne: (x, y) => b(`!feq(${x}, ${y})`),
  lt: (x, y) => b(`flt(${x}, ${y})`),
  le: (x, y) => b(`fle(${x}, ${y})`),
  gt: (x, y) => b(`flt(${y}, ${x})`),
  ge: (x, y) => b(`fle(${y}, ${x})`),
};

/** float32 and the widened 16-bit floats; `fr` names the per-format helpers' suffix and rounding. */
export const FLOAT_BINARY: { readonly [K in BinaryOp]: E2 | null } = {
  ...cmpF,
  logicalAnd: (x, y) => b(`nz32(${x}) && nz32(${y})`),
  logicalOr: (x, y) => b(`nz32(${x}) || nz32(${y})`),
  logicalXor: (x, y) => b(`nz32(${x}) != nz32(${y})`),
  add: (x, y) => `fadd(${x}, ${y})`,
  sub: (x, y) => `fadd(${x}, fneg(${y}))`,
  mul: (x, y) => `fmul(${x}, ${y})`,
  div: (x, y) => `fdiv(${x}, ${y})`,
  truncDiv: (x, y, fr) => `trunc(${fr}(fdiv(${x}, ${y})))`,
  floorDiv: (x, y, fr) => `floordiv_${fr || "f"}(${x}, ${y})`,
  remainder: (x, y, fr) => `remainder_${fr || "f"}(${x}, ${y})`,
  fmod: (x, y) => `fmod32(${x}, ${y})`,
  pow: (x, y) => `powf(${x}, ${y})`,
  atan2: (x, y) => `atan2f(${x}, ${y})`,
  maximum: (x, y) => `select(select(${y}, ${x}, fle(${y}, ${x})), nan32(), isnan32(${x}) || isnan32(${y}))`,
  minimum: (x, y) => `select(select(${y}, ${x}, fle(${x}, ${y})), nan32(), isnan32(${x}) || isnan32(${y}))`,
  bitwiseAnd: null,
  bitwiseOr: null,
  bitwiseXor: null,
  leftShift: null,
  rightShift: null,
};

export const INT_BINARY_HELPERS = /* wgsl */ `
fn floordiv_i(a: i32, b: i32) -> i32 { let q = a / b; return select(q, q - 1i, (a % b) != 0i && ((a < 0i) != (b < 0i))); }
fn remainder_i(a: i32, b: i32) -> i32 { let r = a % b; return select(r, r + b, r != 0i && ((r < 0i) != (b < 0i))); }
fn pow_i(a: i32, e0: i32) -> i32 {
  if (e0 < 0i) { if (a == 1i) { return 1i; } if (a == -1i) { return select(1i, -1i, (e0 & 1i) == 1i); } return 0i; }
  var r = 1i; var x = a; var e = u32(e0);
  while (e > 0u) { if ((e & 1u) == 1u) { r = r * x; } x = x * x; e = e >> 1u; }
  return r;
}`;

/** int8/int16/int32/uint8 (values in i32; the store wraps). Shift counts are taken modulo 32. */
export const INT_BINARY: { readonly [K in BinaryOp]: E2 | null } = {
  eq: (x, y) => b(`${x} == ${y}`),
  ne: (x, y) => b(`${x} != ${y}`),
  lt: (x, y) => b(`${x} < ${y}`),
  le: (x, y) => b(`${x} <= ${y}`),
  gt: (x, y) => b(`${x} > ${y}`),
  ge: (x, y) => b(`${x} >= ${y}`),
  logicalAnd: (x, y) => b(`${x} != 0i && ${y} != 0i`),
  logicalOr: (x, y) => b(`${x} != 0i || ${y} != 0i`),
  logicalXor: (x, y) => b(`(${x} != 0i) != (${y} != 0i)`),
  add: (x, y) => `${x} + ${y}`,
  sub: (x, y) => `${x} - ${y}`,
  mul: (x, y) => `${x} * ${y}`,
  div: null,
  truncDiv: (x, y) => `${x} / ${y}`,
  floorDiv: (x, y) => `floordiv_i(${x}, ${y})`,
  remainder: (x, y) => `remainder_i(${x}, ${y})`,
  fmod: (x, y) => `${x} % ${y}`,
  pow: (x, y) => `pow_i(${x}, ${y})`,
  atan2: null,
  maximum: (x, y) => `max(${x}, ${y})`,
  minimum: (x, y) => `min(${x}, ${y})`,
  bitwiseAnd: (x, y) => `${x} & ${y}`,
  bitwiseOr: (x, y) => `${x} | ${y}`,
  bitwiseXor: (x, y) => `${x} ^ ${y}`,
  leftShift: (x, y) => `${x} << (u32(${y}) & 31u)`,
  rightShift: (x, y) => `${x} >> (u32(${y}) & 31u)`,
};

/** bool: arithmetic saturates to {0, 1} (True + True is True). */
export const BOOL_BINARY: { readonly [K in BinaryOp]: E2 | null } = {
  ...INT_BINARY,
  add: (x, y) => `${x} | ${y}`,
  sub: null,
  mul: (x, y) => `${x} & ${y}`,
  maximum: (x, y) => `${x} | ${y}`,
  minimum: (x, y) => `${x} & ${y}`,
  leftShift: null,
  rightShift: null,
};

/** int64 as vec2u, through lib-int64.ts. Shift counts are taken modulo 64. */
export const INT64_BINARY: { readonly [K in BinaryOp]: E2 | null } = {
  eq: (x, y) => b(`eq64(${x}, ${y})`),
  ne: (x, y) => b(`!eq64(${x}, ${y})`),
  lt: (x, y) => b(`lt64(${x}, ${y})`),
  le: (x, y) => b(`!lt64(${y}, ${x})`),
  gt: (x, y) => b(`lt64(${y}, ${x})`),
  ge: (x, y) => b(`!lt64(${x}, ${y})`),
  logicalAnd: (x, y) => b(`nz64(${x}) && nz64(${y})`),
  logicalOr: (x, y) => b(`nz64(${x}) || nz64(${y})`),
  logicalXor: (x, y) => b(`nz64(${x}) != nz64(${y})`),
  add: (x, y) => `add64(${x}, ${y})`,
  sub: (x, y) => `sub64(${x}, ${y})`,
  mul: (x, y) => `mul64(${x}, ${y})`,
  div: null,
  truncDiv: (x, y) => `sdivmod64(${x}, ${y}).q`,
  floorDiv: (x, y) => `floordiv64(${x}, ${y})`,
  remainder: (x, y) => `remainder64(${x}, ${y})`,
  fmod: (x, y) => `sdivmod64(${x}, ${y}).r`,
  pow: (x, y) => `pow64(${x}, ${y})`,
  atan2: null,
  maximum: (x, y) => `select(${y}, ${x}, !lt64(${x}, ${y}))`,
  minimum: (x, y) => `select(${y}, ${x}, !lt64(${y}, ${x}))`,
  bitwiseAnd: (x, y) => `${x} & ${y}`,
  bitwiseOr: (x, y) => `${x} | ${y}`,
  bitwiseXor: (x, y) => `${x} ^ ${y}`,
  leftShift: (x, y) => `shl64(${x}, (${y}).x)`,
  rightShift: (x, y) => `sar64(${x}, (${y}).x)`,
};

/**
 * float64's multi-step formulas, step for step as backend-cpu's floorDivFloat/remainderFloat on
 * doubles ("< 0" tests are IEEE comparisons: false for NaN and -0).
 */
export const F64_BINARY_HELPERS = /* wgsl */ `
fn ltz_d(x: vec2u) -> bool { return f64_lt(x, vec2u(0u)); }
fn floordiv_d(a: vec2u, b: vec2u) -> vec2u {
  // one division call site (SwiftShader inlines each): b = 0 gives a / b itself
  let bz = f64_iszero(b);
  let m = f64_fmod(a, b);
  var d = f64_div(select(f64_sub(a, m), a, bz), b);
  if (bz) { return d; }
  if (!f64_iszero(m) && ltz_d(b) != ltz_d(m)) { d = f64_sub(d, ${f64Lit(1)}); }
  // d is 0 only for a finite a / b, whose sign is then sign(a) ^ sign(b)
  if (f64_iszero(d)) { return vec2u(0u, (a.y ^ b.y) & 0x80000000u); }
  var f = f64_floor(d);
  if (f64_lt(${f64Lit(0.5)}, f64_sub(d, f))) { f = f64_add(f, ${f64Lit(1)}); }
  return f;
}
fn remainder_d(a: vec2u, b: vec2u) -> vec2u {
  let m = f64_fmod(a, b);
  if (!f64_iszero(m) && ltz_d(b) != ltz_d(m)) { return f64_add(m, b); }
  return m;
}`;

/** float64 in software binary64 (lib-f64.ts); pow (with the CPU's C special cases) and atan2 from lib-f64-math.ts. */
export const F64_BINARY: { readonly [K in BinaryOp]: E2 | null } = {
  eq: (x, y) => b(`f64_eq(${x}, ${y})`),
  ne: (x, y) => b(`!f64_eq(${x}, ${y})`),
  lt: (x, y) => b(`f64_lt(${x}, ${y})`),
  le: (x, y) => b(`f64_le(${x}, ${y})`),
  gt: (x, y) => b(`f64_lt(${y}, ${x})`),
  ge: (x, y) => b(`f64_le(${y}, ${x})`),
  logicalAnd: (x, y) => b(`!f64_iszero(${x}) && !f64_iszero(${y})`),
  logicalOr: (x, y) => b(`!f64_iszero(${x}) || !f64_iszero(${y})`),
  logicalXor: (x, y) => b(`f64_iszero(${x}) != f64_iszero(${y})`),
  add: (x, y) => `f64_add(${x}, ${y})`,
  sub: (x, y) => `f64_sub(${x}, ${y})`,
  mul: (x, y) => `f64_mul(${x}, ${y})`,
  div: (x, y) => `f64_div(${x}, ${y})`,
  truncDiv: (x, y) => `f64_trunc(f64_div(${x}, ${y}))`,
  floorDiv: (x, y) => `floordiv_d(${x}, ${y})`,
  remainder: (x, y) => `remainder_d(${x}, ${y})`,
  fmod: (x, y) => `f64_fmod(${x}, ${y})`,
  pow: (x, y) => `f64_pow(${x}, ${y})`,
  atan2: (x, y) => `f64_atan2(${x}, ${y})`,
  // NaN-propagating; on ties (−0 vs +0) the first operand wins
  maximum: (x, y) => `select(select(${y}, ${x}, f64_le(${y}, ${x})), vec2u(0u, 0x7ff80000u), f64_isnan(${x}) || f64_isnan(${y}))`,
  minimum: (x, y) => `select(select(${y}, ${x}, f64_le(${x}, ${y})), vec2u(0u, 0x7ff80000u), f64_isnan(${x}) || f64_isnan(${y}))`,
  bitwiseAnd: null,
  bitwiseOr: null,
  bitwiseXor: null,
  leftShift: null,
  rightShift: null,
};

/** Ops that raise ZeroDivisionError on an integer zero divisor. */
export const INT_DIVISIONS: ReadonlySet<BinaryOp> = new Set<BinaryOp>(["truncDiv", "floorDiv", "remainder", "fmod"]);
