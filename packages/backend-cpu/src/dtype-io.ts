/**
 * Element get/set by dtype, and the cast rules of `copy`.
 *
 * Storage is what DTYPE_INFO says; the "number domain" is every dtype whose typed array holds
 * its values directly (all but float16/bfloat16, which hold bit patterns, and int64, which holds
 * bigints). Typed-array stores give the wrap-around of the integer dtypes and float32 rounding.
 *
 * Cast rules (checked against PyTorch 1.13 on x86-64, see tooling/fixtures/gen_cpu_kernels.py):
 * - float → int64: truncate; NaN, ±inf or out of range → INT64_MIN (what cvttsd2si yields).
 * - float → int32/int16/int8: truncate to int32 first (NaN/±inf/out of int32 range → INT32_MIN),
 *   then wrap to the width. float → uint8: through int64 (same rule), then keep the low 8 bits.
 * - int64 → float32/float16/bfloat16: one correct rounding to float32 (then 16-bit rounding).
 * - anything → bool: `x != 0` (NaN → true); bool → anything: 0 or 1.
 */
import {
  bfloat16BitsToNumber,
  float16BitsToNumber,
  numberToBfloat16Bits,
  numberToFloat16Bits,
  type DType,
  type StorageArray,
} from "@typetorch/tensor-core";

/** The arrays of the number domain (plus the 16-bit pattern arrays, which are Uint16Array). */
export type NumArray = Exclude<StorageArray, BigInt64Array>;
/** Index-assignable view of any storage array (cast rows assign number | bigint). */
export type AnyArray = { [i: number]: number | bigint };

export const isHalf = (d: DType): boolean => d === "float16" || d === "bfloat16";
export const isFloat = (d: DType): boolean => d === "float16" || d === "bfloat16" || d === "float32" || d === "float64";
/** Dtypes whose typed array holds plain numbers with the dtype's own semantics. */
export const isNumberDomain = (d: DType): boolean => d !== "int64" && !isHalf(d);

const TWO31 = 2 ** 31;
const TWO63 = 2 ** 63;
const INT64_MIN = -(2n ** 63n);

/** float → int32 as x86 cvttsd2si: truncate; NaN/±inf/out of range → INT32_MIN. */
export function floatToInt32(x: number): number {
  const t = Math.trunc(x);
  return t >= -TWO31 && t < TWO31 ? t : -TWO31;
}
/** float → int64 (64-bit cvttsd2si): truncate; NaN/±inf/out of range → INT64_MIN. */
export function floatToInt64(x: number): bigint {
  const t = Math.trunc(x);
  return t >= -TWO63 && t < TWO63 ? BigInt(t) : INT64_MIN;
}
/** float → uint8 goes through int64: the low 8 bits of the truncated value, 0 when out of range. */
export function floatToUint8(x: number): number {
  const t = Math.trunc(x);
  return t >= -TWO63 && t < TWO63 ? t : 0; // Uint8Array's store keeps the low 8 bits exactly
}

/** int64 → nearest float32 with a single rounding (Number() then fround would round twice). */
export function bigintToFloat32(v: bigint): number {
  const x = Number(v);
  if (x > -(2 ** 53) && x < 2 ** 53) return Math.fround(x);
  const neg = v < 0n;
  const a = neg ? -v : v;
  const shift = a.toString(2).length - 53;
  const s = BigInt(shift);
  let t = a >> s;
  if (t << s !== a) t |= 1n; // round to odd: keeps the sticky bit for the final rounding
  const r = Math.fround(Number(t) * 2 ** shift);
  return neg ? -r : r;
}

/** Reads element `i` of a number-domain or 16-bit array as a number. */
export function decoder(d: DType): (arr: NumArray, i: number) => number {
  if (d === "float16") return (arr, i) => float16BitsToNumber(arr[i] as number);
  if (d === "bfloat16") return (arr, i) => bfloat16BitsToNumber(arr[i] as number);
  return (arr, i) => arr[i] as number;
}

/** Turns a computed number of dtype `d`'s kind into what `d`'s array stores. */
export function encoder(d: DType): (x: number) => number {
  if (d === "float16") return numberToFloat16Bits;
  if (d === "bfloat16") return numberToBfloat16Bits;
  if (d === "bool") return (x) => (x !== 0 ? 1 : 0);
  return (x) => x;
}

type Conv = (x: number | bigint) => number | bigint;

/** The per-element conversion `copy` applies from `src` to `dst`; null means copy the raw element. */
export function caster(src: DType, dst: DType): Conv | null {
  if (src === dst) return null;
  if (dst === "bool") {
    if (src === "int64") return (x) => (x !== 0n ? 1 : 0);
    if (src === "float16") return (x) => (float16BitsToNumber(x as number) !== 0 ? 1 : 0);
    if (src === "bfloat16") return (x) => (bfloat16BitsToNumber(x as number) !== 0 ? 1 : 0);
    return (x) => (x !== 0 ? 1 : 0);
  }
  if (src === "int64") {
    switch (dst) {
      case "float64":
        return (x) => Number(x);
      case "float32":
        return (x) => bigintToFloat32(x as bigint);
      case "float16":
        return (x) => numberToFloat16Bits(bigintToFloat32(x as bigint));
      case "bfloat16":
        return (x) => numberToBfloat16Bits(bigintToFloat32(x as bigint));
      default:
        return (x) => Number(BigInt.asIntN(32, x as bigint)); // the store wraps to 8/16 bits
    }
  }
  // src is in the number domain or 16-bit: decode it first
  const dec: (x: number) => number =
    src === "float16" ? float16BitsToNumber : src === "bfloat16" ? bfloat16BitsToNumber : (x) => x;
  const fromFloat = isFloat(src);
  switch (dst) {
    case "int64":
      return fromFloat ? (x) => floatToInt64(dec(x as number)) : (x) => BigInt(x as number);
    case "float16":
      return (x) => numberToFloat16Bits(dec(x as number));
    case "bfloat16":
      return (x) => numberToBfloat16Bits(dec(x as number));
    case "float32":
    case "float64":
      return isHalf(src) ? (x) => dec(x as number) : (x) => x; // typed-array store rounds
    case "uint8":
      return fromFloat ? (x) => floatToUint8(dec(x as number)) : (x) => x;
    default: // int8, int16, int32
      return fromFloat ? (x) => floatToInt32(dec(x as number)) : (x) => x;
  }
}
