// The soft log/exp/sqrt/sincos: accurate to a few ULPs of the correctly rounded result in each
// precision (they are a reproducible reference, not a libm; accuracy only has to serve sampling).
import { describe, expect, it } from "vitest";
import { softMath32, softMath64 } from "./softmath.js";
import { crCos, crExp, crLog, crSin } from "./libm.js";

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const F64 = new Float64Array(1);
const U64 = new BigInt64Array(F64.buffer);
function ulps32(a: number, b: number): number {
  F32[0] = a;
  const x = U32[0] as number;
  F32[0] = b;
  return Math.abs(x - (U32[0] as number));
}
function ulps64(a: number, b: number): number {
  F64[0] = a;
  const x = U64[0] as bigint;
  F64[0] = b;
  const d = x - (U64[0] as bigint);
  return Number(d < 0n ? -d : d);
}

/** A deterministic spread of inputs (an LCG, so the test needs no RNG of its own). */
function inputs(n: number, lo: number, hi: number): number[] {
  let s = 12345;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return lo + ((s >>> 8) / 2 ** 24) * (hi - lo);
  });
}

describe("softmath", () => {
  it("log: within 3 ULP (f32) and 4 ULP (f64) on (0, 100]", () => {
    for (const x of [...inputs(3000, 1e-7, 1), ...inputs(1000, 1, 100), 2 ** -24, 2 ** -53, 1 - 2 ** -24, 0.5, 2]) {
      const x32 = Math.fround(x);
      expect(ulps32(softMath32.log(x32), Math.fround(crLog(x32)))).toBeLessThanOrEqual(3);
      expect(ulps64(softMath64.log(x), crLog(x))).toBeLessThanOrEqual(4);
    }
    expect(softMath32.log(1)).toBe(0);
    expect(softMath64.log(1)).toBe(0);
  });

  it("exp: within 2 ULP (f32) and 4 ULP (f64), saturating at the ends", () => {
    for (const x of inputs(3000, -80, 80)) {
      const x32 = Math.fround(x);
      expect(ulps32(softMath32.exp(x32), Math.fround(crExp(x32)))).toBeLessThanOrEqual(2);
      expect(ulps64(softMath64.exp(x), crExp(x))).toBeLessThanOrEqual(4);
    }
    expect(softMath32.exp(200)).toBe(Infinity);
    expect(softMath64.exp(-800)).toBe(0);
    expect(softMath64.exp(0)).toBe(1);
  });

  it("sqrt: within 2 ULP of the correctly rounded root", () => {
    for (const x of [...inputs(3000, 1e-6, 80), 1, 4, 2]) {
      const x32 = Math.fround(x);
      expect(ulps32(softMath32.sqrt(x32), Math.fround(Math.sqrt(x32)))).toBeLessThanOrEqual(2);
      expect(ulps64(softMath64.sqrt(x), Math.sqrt(x))).toBeLessThanOrEqual(2);
    }
  });

  it("sinCosTurns: within 2e-7 (f32) and 1e-15 (f64) absolute, exact at the quadrants", () => {
    for (const t of inputs(3000, 0, 1)) {
      const t32 = Math.fround(t);
      const [s32, c32] = softMath32.sinCosTurns(t32);
      expect(Math.abs(s32 - crSin(2 * Math.PI * t32))).toBeLessThan(2e-7);
      expect(Math.abs(c32 - crCos(2 * Math.PI * t32))).toBeLessThan(2e-7);
      const [s64, c64] = softMath64.sinCosTurns(t);
      expect(Math.abs(s64 - crSin(2 * Math.PI * t))).toBeLessThan(1e-15);
      expect(Math.abs(c64 - crCos(2 * Math.PI * t))).toBeLessThan(1e-15);
    }
    expect(softMath64.sinCosTurns(0)).toEqual([0, 1]);
    expect(softMath64.sinCosTurns(0.25)).toEqual([1, -0]);
    expect(softMath32.sinCosTurns(0.5)).toEqual([-0, -1]);
  });

  it("recip: within 2 ULP", () => {
    for (const x of [...inputs(2000, 0.001, 1000), -3, 1.5]) {
      const x32 = Math.fround(x);
      expect(ulps32(softMath32.recip(x32), Math.fround(1 / x32))).toBeLessThanOrEqual(2);
      expect(ulps64(softMath64.recip(x), 1 / x)).toBeLessThanOrEqual(2);
    }
  });

  it("uses every operation in its precision: f32 results are binary32 values", () => {
    for (const x of inputs(200, 0.01, 10)) {
      for (const v of [softMath32.log(Math.fround(x)), softMath32.exp(Math.fround(x)), softMath32.sqrt(Math.fround(x)), ...softMath32.sinCosTurns(Math.fround(x / 10))]) {
        expect(Math.fround(v)).toBe(v);
      }
    }
  });
});
