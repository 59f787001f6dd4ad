/**
 * Element values per dtype, as the reference holds them (bigint for integers and bool, float64 for
 * floats, already representable in the dtype): the traps first — NaN, ±∞, −0, subnormals, the
 * largest finite values, integer extremes, int64 beyond 2^53 — then small "nice" numbers (ties
 * for rounding, exact halves) and uniformly random encodings.
 */
import fc from "fast-check";
import { INT_RANGE, bfloat16BitsToNumber, float16BitsToNumber, type DType } from "@typetorch/tensor-core";
import { roundFloat, type Value } from "../reference/index.js";

const FLOAT_SPECIALS: { readonly [D in "float16" | "bfloat16" | "float32" | "float64"]: readonly number[] } = {
  float64: [NaN, Infinity, -Infinity, 0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53 + 2, 1e300],
  float32: [NaN, Infinity, -Infinity, 0, -0, 2 ** -149, -(2 ** -149), 2 ** -126, 3.4028234663852886e38, -3.4028234663852886e38, 16777216, 1e30],
  float16: [NaN, Infinity, -Infinity, 0, -0, 2 ** -24, -(2 ** -24), 2 ** -14, 65504, -65504, 2048, 1000],
  bfloat16: [NaN, Infinity, -Infinity, 0, -0, 2 ** -133, -(2 ** -133), 2 ** -126, 3.3895313892515355e38, -3.3895313892515355e38, 256, 1e30],
};

/** Small numbers where ops have traps: ±0.5 ties, integers, quarters (round, floor-div, remainder). */
const nice = fc.integer({ min: -40, max: 40 }).map((k) => k / 4);

function floatArb(d: "float16" | "bfloat16" | "float32" | "float64"): fc.Arbitrary<number> {
  const anyEncoding =
    d === "float16"
      ? fc.integer({ min: 0, max: 0xffff }).map(float16BitsToNumber)
      : d === "bfloat16"
        ? fc.integer({ min: 0, max: 0xffff }).map(bfloat16BitsToNumber)
        : d === "float32"
          ? fc.float({ noDefaultInfinity: false }).map((x) => x)
          : fc.double();
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FLOAT_SPECIALS[d]) },
    { weight: 3, arbitrary: nice.map((x) => roundFloat(d, x)) },
    { weight: 2, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((x) => roundFloat(d, x)) },
    { weight: 2, arbitrary: anyEncoding },
  );
}

function intArb(d: DType): fc.Arbitrary<bigint> {
  const [min, max] = INT_RANGE[d] ?? [0n, 1n];
  if (d === "bool") return fc.constantFrom(0n, 1n);
  const extremes = [min, max, min + 1n, max - 1n, 0n, -1n, 1n].filter((v) => v >= min && v <= max);
  const arbs: fc.WeightedArbitrary<bigint>[] = [
    { weight: 2, arbitrary: fc.constantFrom(...extremes) },
    { weight: 4, arbitrary: fc.bigInt({ min: min > -12n ? min : -12n, max: 12n }) },
    { weight: 3, arbitrary: fc.bigInt({ min, max }) },
  ];
  if (d === "int64") {
    // beyond 2^53, where a float64 shortcut loses the low bits
    const big = fc.tuple(fc.bigInt({ min: 2n ** 53n, max: 2n ** 62n }), fc.boolean()).map(([v, neg]) => (neg ? -v : v));
    arbs.push({ weight: 3, arbitrary: big });
  }
  return fc.oneof(...arbs);
}

/**
 * The traps of dtype `d` as one list, for the deterministic example every property runs first
 * (a binary op sees every pair of them).
 */
export function edgeValues(d: DType): Value[] {
  if (d === "float16" || d === "bfloat16" || d === "float32" || d === "float64")
    return [
      ...FLOAT_SPECIALS[d], 0.5, -0.5, 1.5, 2.5, -2.5, 1, -1, 3, -3, 0.25, -7.75,
      // float64 → float16/bfloat16 rounds through float32 in torch: these land on the other side of a tie
      ...(d === "float64" ? [1 + 2 ** -11 + 2 ** -40, 1 + 2 ** -8 + 2 ** -35, -(1 + 2 ** -11 + 2 ** -40)] : []),
    ].map((x) => roundFloat(d, x));
  if (d === "bool") return [0n, 1n];
  const [min, max] = INT_RANGE[d] ?? [0n, 1n];
  const vals = [min, max, min + 1n, max - 1n, 0n, 1n, -1n, 2n, -2n, 3n, -3n, 7n, 8n, 31n, 32n, 33n, 63n, 64n, 100n, -100n];
  if (d === "int64") vals.push(2n ** 53n + 1n, -(2n ** 53n) - 3n, 2n ** 62n + 12345n);
  return [...new Set(vals.filter((v) => v >= min && v <= max))];
}

/** Any value of dtype `d`. */
export const valueArb = (d: DType): fc.Arbitrary<Value> =>
  d === "float16" || d === "bfloat16" || d === "float32" || d === "float64" ? floatArb(d) : intArb(d);

/** Uniform in [-8, 8] with 20 random fraction bits, so sums round at almost every step. */
const fineInRange = fc.integer({ min: -(2 ** 23), max: 2 ** 23 }).map((k) => k / 2 ** 20);

/**
 * Values for accumulations (sum, prod, scans, matmul): moderate magnitudes so float32 and float64
 * accumulators cannot overflow differently, with an occasional NaN/±∞/−0. Products use powers of
 * two, which multiply exactly in any order.
 */
export function accumValueArb(d: DType, product: boolean): fc.Arbitrary<Value> {
  if (!(d === "float16" || d === "bfloat16" || d === "float32" || d === "float64")) return valueArb(d);
  const body = product
    ? fc.constantFrom(1, -1, 2, -2, 0.5, -0.5, 1, 1, -1, 0, 1.5)
    : fc.oneof(nice, fineInRange);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0) },
    { weight: 60, arbitrary: body.map((x) => roundFloat(d, x)) },
  );
}
