import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bigintToFloat32, floatToInt32, floatToInt64, floatToUint8 } from "./dtype-io.js";

describe("bigintToFloat32", () => {
  it("rounds once: 2^53 + 2^29 + 1 lies just above a float32 midpoint", () => {
    // float32 spacing at 2^53 is 2^30, so the midpoint is 2^53 + 2^29; one above it rounds up.
    // Number() first would give exactly the midpoint (ties-to-even in float64), then fround ties down.
    const v = 2n ** 53n + 2n ** 29n + 1n;
    expect(Math.fround(Number(v))).toBe(2 ** 53);
    expect(bigintToFloat32(v)).toBe(2 ** 53 + 2 ** 30);
    expect(bigintToFloat32(-v)).toBe(-(2 ** 53 + 2 ** 30));
  });
  it("agrees with an exact BigInt round-to-nearest-even on random int64 values", () => {
    const reference = (v: bigint): number => {
      const a = v < 0n ? -v : v;
      const bits = a.toString(2).length;
      if (bits <= 24) return Number(v);
      const shift = BigInt(bits - 24);
      let q = a >> shift;
      const rem = a - (q << shift);
      const half = 1n << (shift - 1n);
      if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
      const r = Number(q << shift);
      return v < 0n ? -r : r;
    };
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (v) => {
        expect(bigintToFloat32(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
    // values built to sit on and around float32 midpoints
    for (let e = 25n; e < 63n; e++)
      for (const d of [-1n, 0n, 1n]) {
        const v = (1n << e) + (1n << (e - 24n)) + d;
        expect(bigintToFloat32(v)).toBe(reference(v));
        expect(bigintToFloat32(-v)).toBe(reference(-v));
      }
  });
});

describe("float → int casts (x86 cvttsd2si behaviour, as PyTorch on x86-64)", () => {
  it("saturate to the minimum on NaN, infinities and overflow", () => {
    for (const x of [NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31) - 1]) expect(floatToInt32(x)).toBe(-(2 ** 31));
    for (const x of [NaN, Infinity, 2 ** 63, -(2 ** 64)]) expect(floatToInt64(x)).toBe(-(2n ** 63n));
    expect(floatToInt32(-2.9)).toBe(-2);
    expect(floatToInt64(-(2 ** 63))).toBe(-(2n ** 63n));
    expect(floatToUint8(NaN)).toBe(0);
    expect(floatToUint8(-1.5)).toBe(-1); // the Uint8Array store then keeps the low byte: 255
  });
});
