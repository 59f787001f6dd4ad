/**
 * Scalar meaning of every BinaryOp: floats in float64 with `r` the compute rounding (identity for
 * float64, Math.fround for the rest, as PyTorch's CPU computes them in float), integers in BigInt.
 * The caller rounds or wraps the result to the output dtype. Rules checked with torch 1.13 inline.
 */
import type { BinaryOp, DType } from "@typetorch/tensor-core";

type F = (x: number, y: number, r: (v: number) => number) => number;
type I = (x: bigint, y: bigint, d: DType) => bigint;

const bit = (c: boolean): number => (c ? 1 : 0);
const big = (c: boolean): bigint => (c ? 1n : 0n);

/** floor_divide on floats, PyTorch's formula: (a − fmod(a, b)) / b, fixed up (1.0 // 0.1 = 9, 0 // −5 = −0). */
function floorDivFloat(a: number, b: number, r: (v: number) => number): number {
  if (b === 0) return r(a / b);
  const mod = a % b;
  let div = r(r(a - mod) / b);
  if (mod !== 0 && b < 0 !== mod < 0) div = r(div - 1);
  if (div === 0) return Object.is(r(a / b), -0) || r(a / b) < 0 ? -0 : 0; // copysign(0, a / b)
  const fl = Math.floor(div);
  return r(div - fl) > 0.5 ? r(fl + 1) : fl;
}

/** C's pow: pow(1, NaN) = 1, pow(NaN, 0) = 1, pow(−1, ±Inf) = 1 (Math.pow gives NaN for the last). */
function cPow(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && !Number.isFinite(b) && b === b) return 1;
  return Math.pow(a, b);
}

export const FLOAT_BINARY: { readonly [K in BinaryOp]: F | null } = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
  truncDiv: (x, y, r) => Math.trunc(r(x / y)), // trunc(-0.5 / 3) = -0; x / 0 = ±inf
  floorDiv: floorDivFloat,
  // Python modulo: fmod, then + b when signs differ; a zero keeps the dividend's sign in 1.13 (-3 % 3 = -0)
  remainder: (x, y, r) => {
    const m = x % y;
    return m !== 0 && y < 0 !== m < 0 ? r(m + y) : m;
  },
  fmod: (x, y) => x % y, // C fmod: sign of the dividend, exact
  pow: (x, y) => cPow(x, y),
  atan2: Math.atan2,
  maximum: (x, y) => (x !== x || y !== y ? NaN : y > x ? y : x), // NaN wins; maximum(-0, +0) = -0 (ties → first)
  minimum: (x, y) => (x !== x || y !== y ? NaN : y < x ? y : x), // NaN wins; minimum(+0, -0) = +0 (ties → first)
  eq: (x, y) => bit(x === y), // NaN == NaN is false
  ne: (x, y) => bit(x !== y), // NaN != NaN is true
  lt: (x, y) => bit(x < y),
  le: (x, y) => bit(x <= y),
  gt: (x, y) => bit(x > y),
  ge: (x, y) => bit(x >= y),
  logicalAnd: (x, y) => bit(x !== 0 && y !== 0), // NaN counts as true
  logicalOr: (x, y) => bit(x !== 0 || y !== 0),
  logicalXor: (x, y) => bit(x !== 0 !== (y !== 0)),
  bitwiseAnd: null,
  bitwiseOr: null,
  bitwiseXor: null,
  leftShift: null,
  rightShift: null,
};

/** Shift count as x86 takes it: int64 shifts use count mod 64, narrower dtypes shift in int32, count mod 32. */
const shiftCount = (y: bigint, d: DType): bigint => BigInt.asUintN(d === "int64" ? 6 : 5, y);
/** The value a narrow integer holds once promoted to C's int (int32) for the shift. */
const asShiftOperand = (x: bigint, d: DType): bigint => (d === "int64" ? x : BigInt.asIntN(32, x));

function powInt(x: bigint, y: bigint, d: DType): bigint {
  // torch 1.13 (tensor ** tensor): 2^-1 = 0, 0^-1 = 0, 1^-n = 1, (-1)^-n = ±1
  if (y < 0n) return x === 1n ? 1n : x === -1n ? (y % 2n === 0n ? 1n : -1n) : 0n;
  void d; // wrapping is a ring map: computing mod 2^64 then wrapping to the dtype is exact
  let result = 1n;
  let base = x;
  for (let e = y; e > 0n; e >>= 1n) {
    if (e & 1n) result = BigInt.asIntN(64, result * base);
    base = BigInt.asIntN(64, base * base);
  }
  return result;
}

export const INT_BINARY: { readonly [K in BinaryOp]: I | null } = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: null,
  truncDiv: (x, y) => x / y, // BigInt division truncates; divisor 0 is refused before the kernel
  floorDiv: (x, y) => (x % y !== 0n && x < 0n !== y < 0n ? x / y - 1n : x / y),
  remainder: (x, y) => {
    const m = x % y;
    return m !== 0n && m < 0n !== y < 0n ? m + y : m; // sign of the divisor
  },
  fmod: (x, y) => x % y, // sign of the dividend
  pow: powInt,
  atan2: null,
  maximum: (x, y) => (x >= y ? x : y),
  minimum: (x, y) => (x <= y ? x : y),
  eq: (x, y) => big(x === y),
  ne: (x, y) => big(x !== y),
  lt: (x, y) => big(x < y),
  le: (x, y) => big(x <= y),
  gt: (x, y) => big(x > y),
  ge: (x, y) => big(x >= y),
  logicalAnd: (x, y) => big(x !== 0n && y !== 0n),
  logicalOr: (x, y) => big(x !== 0n || y !== 0n),
  logicalXor: (x, y) => big(x !== 0n !== (y !== 0n)),
  bitwiseAnd: (x, y) => x & y,
  bitwiseOr: (x, y) => x | y,
  bitwiseXor: (x, y) => x ^ y,
  // int8 1 << 7 = -128, 1 << 8 = 0, 3 << 100 = 48 (count 100 mod 32 = 4); int64 1 << 64 = 1
  leftShift: (x, y, d) => asShiftOperand(x, d) << shiftCount(y, d),
  // int8 -128 >> 8 = -1 (arithmetic); int64 -8 >> 64 = -8, -8 >> 65 = -4
  rightShift: (x, y, d) => asShiftOperand(x, d) >> shiftCount(y, d),
};

/** Ops whose float result IEEE-754 makes exact (bit-compared); pow and atan2 use bounds.ts. */
export const EXACT_FLOAT_BINARY: ReadonlySet<BinaryOp> = new Set<BinaryOp>(
  (Object.keys(FLOAT_BINARY) as BinaryOp[]).filter((op) => op !== "pow" && op !== "atan2"),
);
