/**
 * WGSL for every BinaryOp per value class: exhaustive mapped types over BinaryOp (`null` where
 * the core never sends that class), mirroring backend-cpu's binary-ops.ts rule for rule.
 * `fr` is the compute dtype's rounding for multi-step float formulas ("" for float32, `fr16` /
 * `frbf` for the 16-bit floats, which round after every step as PyTorch's Half arithmetic does).
 */
import type { BinaryOp } from "@typetorch/tensor-core";
import { MATH_WGSL } from "../wgsl/lib-math.js";

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
fn isint32(y: f32) -> bool { return !isinf32(y) && !isnan32(y) && trunc(y) == y; }
fn powf(x: f32, y: f32) -> f32 {
  if (x == 1.0 || !nz32(y)) { return 1.0; }
  if (isnan32(x) || isnan32(y)) { return nan32(); }
  if (x == -1.0 && isinf32(y)) { return 1.0; }
  if (y == 2.0) { return x * x; }
  if (y == 1.0) { return x; }
  let ax = babs(x);
  let oddint = isint32(y) && abs(y) < 16777216.0 && (i32(abs(y)) & 1i) == 1i;
  if (!nz32(x)) {
    if (y < 0.0) { return select(inf32(), withbits(bitcast<u32>(x) | 0x7f800000u), oddint); }
    return select(0.0, x, oddint);
  }
  if (isinf32(y)) { return select(select(0.0, inf32(), ax > 1.0), select(inf32(), 0.0, ax > 1.0), y < 0.0); }
  if (isinf32(x)) {
    let mag = select(inf32(), 0.0, y < 0.0);
    return select(mag, -mag, x < 0.0 && oddint);
  }
  if (x < 0.0 && !isint32(y)) { return nan32(); }
  let r = exp2f(y * log2f(ax));
  return select(r, -r, x < 0.0 && oddint);
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

/** Ops that raise ZeroDivisionError on an integer zero divisor. */
export const INT_DIVISIONS: ReadonlySet<BinaryOp> = new Set<BinaryOp>(["truncDiv", "floorDiv", "remainder", "fmod"]);
