/** Conversion of JS scalars to a dtype's value, with PyTorch's cast semantics. */
import type { DType, Scalar } from "../dtype.js";
import { isFloatingPoint } from "../dtype.js";
import { RuntimeError } from "../errors.js";

export const isScalar = (x: unknown): x is Scalar =>
  typeof x === "number" || typeof x === "boolean" || typeof x === "bigint";

/**
 * `x` as a value of `dtype`: bigint for int64, a JS number otherwise (bool as 0/1; float16 and
 * friends as the unrounded number: rounding happens when the backend stores it).
 * Integral targets truncate toward zero and wrap, as a C cast of an in-range value does; a value
 * that does not fit the dtype at all (NaN or ±Inf into an integer) is PyTorch's overflow error.
 */
export function castScalar(x: Scalar, dtype: DType): number | bigint {
  if (dtype === "bool") return typeof x === "bigint" ? (x !== 0n ? 1 : 0) : x ? 1 : 0;
  if (isFloatingPoint(dtype)) return typeof x === "bigint" ? Number(x) : Number(x);
  let v: bigint;
  if (typeof x === "bigint") v = x;
  else if (typeof x === "boolean") v = x ? 1n : 0n;
  else {
    if (!Number.isFinite(x)) {
      throw new RuntimeError(`value cannot be converted to type ${dtypeCName(dtype)} without overflow`);
    }
    v = BigInt(Math.trunc(x));
  }
  // Out-of-range integers wrap, as PyTorch does (int8 tensor + 1000 adds -24).
  if (v < -(2n ** 63n) || v >= 2n ** 64n) throw new RuntimeError("Overflow when unpacking long");
  const bits = dtype === "uint8" || dtype === "int8" ? 8 : dtype === "int16" ? 16 : dtype === "int32" ? 32 : 64;
  const wrapped = dtype === "uint8" ? BigInt.asUintN(bits, v) : BigInt.asIntN(bits, v);
  return dtype === "int64" ? wrapped : Number(wrapped);
}

export const dtypeCName = (d: DType): string =>
  ({ uint8: "uint8_t", int8: "int8_t", int16: "int16_t", int32: "int", int64: "int64_t", float16: "at::Half", bfloat16: "at::BFloat16", float32: "float" })[
    d as "int8"
  ] ?? d;

const LIMITS: Partial<Record<DType, [number | bigint, number | bigint]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  float16: [-65504, 65504],
  bfloat16: [-3.3895313892515355e38, 3.3895313892515355e38],
  float32: [-3.4028234663852886e38, 3.4028234663852886e38],
};

/**
 * PyTorch's checked scalar conversion (c10 `overflows`), used where a scalar becomes a fill value
 * (`full`): out-of-range values raise instead of wrapping. Unsigned targets accept negative
 * integers down to −max (two's complement wrap); float targets accept ±Inf.
 */
export function checkScalarFits(x: Scalar, dtype: DType): void {
  const lim = LIMITS[dtype];
  if (!lim || typeof x === "boolean") return;
  const [lo, hi] = lim;
  let bad: boolean;
  if (typeof x === "bigint" || Number.isInteger(x)) {
    const [v, l, h] = [BigInt(x), BigInt(lo), BigInt(hi)];
    bad = dtype === "uint8" ? v > h || v < -h : v > h || v < l;
  } else if (Number.isNaN(x)) bad = !isFloatingPoint(dtype);
  else if (!Number.isFinite(x)) bad = !isFloatingPoint(dtype);
  else bad = x < Number(lo) || x > Number(hi);
  if (bad) throw new RuntimeError(`value cannot be converted to type ${dtypeCName(dtype)} without overflow`);
}

