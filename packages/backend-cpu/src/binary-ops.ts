/**
 * The scalar function of every BinaryOp, per dtype class. Tables are exhaustive mapped types over
 * BinaryOp (a missing entry is `null`: the dtype class does not have the op, and the core refuses
 * it before dispatch), so a new op without a rule fails to compile.
 */
import { roundToBfloat16, roundToFloat16, type BinaryOp } from "@typetorch/tensor-core";
import {
  exact,
  floorDivFloat,
  floorDivInt64,
  powFloat,
  powInt32,
  powInt64,
  remainderFloat,
  remainderInt,
  remainderInt64,
  type Round,
} from "./scalar-math.js";

export type NumFn = (x: number, y: number) => number;
export type BigFn = (x: bigint, y: bigint) => bigint | number;

const b2n = (c: boolean): number => (c ? 1 : 0);

const compare = {
  eq: (x: number, y: number) => b2n(x === y),
  ne: (x: number, y: number) => b2n(x !== y),
  lt: (x: number, y: number) => b2n(x < y),
  le: (x: number, y: number) => b2n(x <= y),
  gt: (x: number, y: number) => b2n(x > y),
  ge: (x: number, y: number) => b2n(x >= y),
  logicalAnd: (x: number, y: number) => b2n(x !== 0 && y !== 0),
  logicalOr: (x: number, y: number) => b2n(x !== 0 || y !== 0),
  logicalXor: (x: number, y: number) => b2n(x !== 0 !== (y !== 0)),
};

function floatTable(fr: Round): { readonly [K in BinaryOp]: NumFn | null } {
  return {
    ...compare,
    add: (x, y) => x + y,
    sub: (x, y) => x - y,
    mul: (x, y) => x * y,
    div: (x, y) => x / y,
    truncDiv: (x, y) => Math.trunc(fr(x / y)),
    floorDiv: (x, y) => floorDivFloat(x, y, fr),
    remainder: (x, y) => remainderFloat(x, y, fr),
    fmod: (x, y) => x % y,
    pow: powFloat,
    atan2: Math.atan2,
    // NaN-propagating; on ties (−0 vs +0) the first operand wins
    maximum: (x, y) => (x !== x || y !== y ? NaN : x >= y ? x : y),
    minimum: (x, y) => (x !== x || y !== y ? NaN : x <= y ? x : y),
    bitwiseAnd: null,
    bitwiseOr: null,
    bitwiseXor: null,
    leftShift: null,
    rightShift: null,
  };
}

export const FLOAT64_OPS = floatTable(exact);
export const FLOAT32_OPS = floatTable(Math.fround);
/**
 * float16/bfloat16 (widened to float32 by the kernel). Single operations round once, on store;
 * the multi-step ones (truncDiv, floorDiv, remainder) round every step to the 16-bit format, as
 * PyTorch's c10::Half/BFloat16 scalar arithmetic does: bf16 1 // 0.10009765625 is 10, not 9.
 */
export const FLOAT16_OPS = floatTable(roundToFloat16);
export const BFLOAT16_OPS = floatTable(roundToBfloat16);

/**
 * int8/int16/int32/uint8. Results are exact numbers (|x| < 2^53) that the typed-array store wraps;
 * mul uses Math.imul because an int32 product can exceed 2^53. Shifts follow x86 as PyTorch 1.13
 * does: the count is taken modulo 32 (JavaScript's << and >> do exactly that).
 * Division ops see no zero divisor: the kernel checks before running.
 */
export const INT_OPS: { readonly [K in BinaryOp]: NumFn | null } = {
  ...compare,
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: Math.imul,
  div: null,
  truncDiv: (x, y) => Math.trunc(x / y), // exact for 32-bit operands
  floorDiv: (x, y) => Math.floor(x / y),
  remainder: remainderInt,
  fmod: (x, y) => (x % y) + 0,
  pow: powInt32,
  atan2: null,
  maximum: (x, y) => (x >= y ? x : y),
  minimum: (x, y) => (x <= y ? x : y),
  bitwiseAnd: (x, y) => x & y,
  bitwiseOr: (x, y) => x | y,
  bitwiseXor: (x, y) => x ^ y,
  leftShift: (x, y) => x << y,
  rightShift: (x, y) => x >> y,
};

/** bool: arithmetic saturates to {0, 1} (True + True is True in PyTorch). */
export const BOOL_OPS: { readonly [K in BinaryOp]: NumFn | null } = {
  ...INT_OPS,
  add: (x, y) => x | y,
  sub: null,
  mul: (x, y) => x & y,
  maximum: (x, y) => x | y,
  minimum: (x, y) => x & y,
  leftShift: null,
  rightShift: null,
};

/** int64 in BigInt: exact, wrapped at 64 bits by the BigInt64Array store. Shift counts mod 64. */
export const INT64_OPS: { readonly [K in BinaryOp]: BigFn | null } = {
  eq: (x, y) => b2n(x === y),
  ne: (x, y) => b2n(x !== y),
  lt: (x, y) => b2n(x < y),
  le: (x, y) => b2n(x <= y),
  gt: (x, y) => b2n(x > y),
  ge: (x, y) => b2n(x >= y),
  logicalAnd: (x, y) => b2n(x !== 0n && y !== 0n),
  logicalOr: (x, y) => b2n(x !== 0n || y !== 0n),
  logicalXor: (x, y) => b2n(x !== 0n !== (y !== 0n)),
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: null,
  truncDiv: (x, y) => x / y,
  floorDiv: floorDivInt64,
  remainder: remainderInt64,
  fmod: (x, y) => x % y,
  pow: powInt64,
  atan2: null,
  maximum: (x, y) => (x >= y ? x : y),
  minimum: (x, y) => (x <= y ? x : y),
  bitwiseAnd: (x, y) => x & y,
  bitwiseOr: (x, y) => x | y,
  bitwiseXor: (x, y) => x ^ y,
  leftShift: (x, y) => x << (y & 63n),
  rightShift: (x, y) => x >> (y & 63n),
};

/** Ops that raise ZeroDivisionError on an integer zero divisor. */
export const INT_DIVISIONS: ReadonlySet<BinaryOp> = new Set<BinaryOp>(["truncDiv", "floorDiv", "remainder", "fmod"]);
