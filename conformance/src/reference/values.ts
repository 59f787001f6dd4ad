/**
 * How the reference sees an element: integers (bool included) as bigints, floats as float64
 * numbers holding the dtype's exact value. Every result is rounded to its dtype explicitly here,
 * never by a typed-array store, so the rounding rule is visible in one place.
 */
import {
  DTYPE_INFO,
  INT_RANGE,
  bfloat16BitsToNumber,
  float16BitsToNumber,
  numberToBfloat16Bits,
  numberToFloat16Bits,
  type DType,
  type StorageArray,
} from "@typetorch/tensor-core";

export type Value = number | bigint;

export const isFloatDtype = (d: DType): boolean => DTYPE_INFO[d].kind === "float";
export const isIntLike = (d: DType): boolean => !isFloatDtype(d);

/** Reads element `i` of a storage array of dtype `d`. */
export function readElement(d: DType, arr: StorageArray, i: number): Value {
  const raw = arr[i];
  if (raw === undefined) throw new RangeError(`reference: element ${i} outside a ${d} buffer of ${arr.length}`);
  if (d === "float16") return float16BitsToNumber(raw as number);
  if (d === "bfloat16") return bfloat16BitsToNumber(raw as number);
  if (isFloatDtype(d)) return raw as number;
  return typeof raw === "bigint" ? raw : BigInt(raw as number);
}

/** Writes an already-rounded value of dtype `d` into a storage array. */
export function writeElement(d: DType, arr: StorageArray, i: number, v: Value): void {
  const a = arr as unknown as { [k: number]: number | bigint };
  if (d === "int64") a[i] = v as bigint;
  else if (d === "float16") a[i] = numberToFloat16Bits(v as number);
  else if (d === "bfloat16") a[i] = numberToBfloat16Bits(v as number);
  else if (isFloatDtype(d)) a[i] = v as number;
  else a[i] = Number(v as bigint);
}

/**
 * The rounding between the steps of a multi-step float formula (floor/trunc division, remainder):
 * float64 for float64, float32 for float32. float16/bfloat16 round each step to their own format
 * by default — torch 1.13's `div(rounding_mode="trunc")` does on every path (3.69921875 /
 * 0.0010004 → 3698) — while `floor_divide` does so only in its long-tensor path and rounds steps to
 * float32 in short tensors (→ 3696); `steps: "float32"` gives that variant.
 */
export const computeRound = (d: DType, steps: "dtype" | "float32" = "dtype"): ((x: number) => number) =>
  d === "float64" ? (x) => x : d === "float32" || steps === "float32" ? Math.fround : (x) => roundFloat(d, x);

/** Rounds a float64 to dtype `d` (float16/bfloat16 round through float32, as PyTorch does). */
export function roundFloat(d: DType, x: number): number {
  switch (d) {
    case "float64":
      return x;
    case "float32":
      return Math.fround(x);
    case "float16":
      return float16BitsToNumber(numberToFloat16Bits(Math.fround(x)));
    case "bfloat16":
      return bfloat16BitsToNumber(numberToBfloat16Bits(Math.fround(x)));
    default:
      throw new TypeError(`reference: roundFloat of non-float dtype ${d}`);
  }
}

/** Two's-complement wrap of an exact integer into an integral dtype (bool: nonzero → 1). */
export function wrapInt(d: DType, x: bigint): bigint {
  if (d === "bool") return x !== 0n ? 1n : 0n;
  const range = INT_RANGE[d];
  if (!range) throw new TypeError(`reference: wrapInt of non-integral dtype ${d}`);
  const bits = DTYPE_INFO[d].itemsize * 8;
  return range[0] === 0n ? BigInt.asUintN(bits, x) : BigInt.asIntN(bits, x);
}

/** Truncates a float toward zero as x86's cvttsd2si does: NaN, ±Inf or out of range → the minimum. */
function truncToInt(x: number, bits: 32 | 64): bigint {
  const min = -(2n ** BigInt(bits - 1));
  if (!Number.isFinite(x)) return min;
  const t = BigInt(Math.trunc(x));
  return t >= min && t < -min ? t : min;
}

/**
 * PyTorch 1.13's cast of one element (x86-64), checked with torch:
 * - float → int64: truncate; NaN/±Inf/out of range → INT64_MIN.
 * - float → int8/int16/int32: truncate to int32 (NaN/±Inf/out of range → INT32_MIN), then wrap (300.7 → int8 44).
 * - float → uint8: truncate to int64 (same rule), keep the low 8 bits (-129.0 → 127, NaN → 0).
 * - int → narrower int: wrap; int → float: one rounding to float32 first for 16-bit floats (2^53+1 → 2^53).
 * - float64 → float16: rounds to float32 first, then to float16 (1+2^-11+2^-40 → 1.0: double rounding).
 * - anything → bool: x != 0 (NaN → true, -0 → false).
 */
export function castValue(from: DType, to: DType, v: Value): Value {
  if (to === "bool") return (typeof v === "bigint" ? v !== 0n : v !== 0) ? 1n : 0n;
  if (isFloatDtype(to)) {
    if (typeof v === "number") return roundFloat(to, v);
    return to === "float64" ? Number(v) : roundFloat(to, bigintToFloat32(v));
  }
  if (typeof v === "bigint") return wrapInt(to, v);
  if (to === "int64" || to === "uint8") return wrapInt(to, truncToInt(v, 64));
  void from;
  return wrapInt(to, truncToInt(v, 32));
}

/** Correctly rounded bigint → float32 (Number() alone would round twice above 2^53). */
function bigintToFloat32(v: bigint): number {
  const a = v < 0n ? -v : v;
  let best = Math.fround(Number(a)); // below 2^53 Number() is exact, so this is the only rounding
  if (a >= 2n ** 53n) {
    // above, every float32 candidate is an integer: pick the nearest by exact distance, ties to even
    for (const c of [nextFloat32(best, -1), nextFloat32(best, 1)]) {
      const dc = absDiff(BigInt(c), a);
      const db = absDiff(BigInt(best), a);
      if (dc < db || (dc === db && (float32Bits(c) & 1) === 0)) best = c;
    }
  }
  return v < 0n ? -best : best;
}
const absDiff = (x: bigint, y: bigint): bigint => (x > y ? x - y : y - x);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function float32Bits(x: number): number {
  f32[0] = x;
  return u32[0] as number;
}
function nextFloat32(x: number, dir: 1 | -1): number {
  f32[0] = x;
  u32[0] = (u32[0] as number) + dir;
  return f32[0] as number;
}
