import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { coalesce, contiguousStrides, forEachRow } from "./strided.js";

describe("coalesce", () => {
  it("merges a contiguous tensor into one row and drops size-1 dims", () => {
    expect(coalesce([2, 1, 3, 4], [[12, 12, 4, 1]])).toEqual({ shape: [24], strides: [[1]] });
  });
  it("keeps dims apart when any operand is not contiguous across them", () => {
    // second operand is a transpose: nothing merges
    expect(coalesce([2, 3], [[3, 1], [1, 2]])).toEqual({ shape: [2, 3], strides: [[3, 1], [1, 2]] });
    // a broadcast row (stride 0 then 1) next to a contiguous operand
    expect(coalesce([4, 3], [[3, 1], [0, 1]])).toEqual({ shape: [4, 3], strides: [[3, 1], [0, 1]] });
    // a scalar broadcast merges with anything contiguous
    expect(coalesce([4, 3], [[3, 1], [0, 0]])).toEqual({ shape: [12], strides: [[1], [0]] });
  });
});

describe("forEachRow", () => {
  it("visits every element exactly once in row-major order, for any layout", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }),
        fc.integer({ min: 0, max: 9 }),
        (shape, offset) => {
          // operand 0: contiguous positions (= row-major ordinal); operand 1: reversed-dims layout
          const s0 = contiguousStrides(shape);
          const rev = contiguousStrides([...shape].reverse()).reverse();
          const seen: number[] = [];
          const other: number[] = [];
          forEachRow(shape, [{ strides: s0, offset: 0 }, { strides: rev, offset }], (p, n, s) => {
            for (let k = 0; k < n; k++) {
              seen.push((p[0] as number) + k * (s[0] as number));
              other.push((p[1] as number) + k * (s[1] as number));
            }
          });
          const total = shape.reduce((a, b) => a * b, 1);
          expect(seen).toEqual(Array.from({ length: total }, (_, i) => i));
          expect(new Set(other).size).toBe(total);
          if (total > 0) expect(Math.min(...other)).toBe(offset);
        },
      ),
    );
  });
});
