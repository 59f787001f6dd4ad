// The sort primitive's contract (backend.ts): NaN largest, −0 == +0, exact int64, stable ties in
// both directions, strided operands in and out, raw bits moved for 16-bit floats.
import { describe, expect, it } from "vitest";
import { be, operand, output, values } from "./testing/helpers.js";

describe("cpu sort", () => {
  it("orders NaN last ascending and first descending, keeps ties stable in both directions", () => {
    const data = [3, NaN, 1, -0, 0, NaN, -Infinity, 1];
    const a = operand("float32", data, [8]);
    for (const descending of [false, true]) {
      const v = output("float32", [8]);
      const i = output("int64", [8]);
      be.sort(v, i, a, 0, descending, true);
      const want = descending ? [1, 5, 0, 2, 7, 3, 4, 6] : [6, 3, 4, 2, 7, 0, 1, 5];
      expect(values(i)).toEqual(want.map(BigInt));
      const got = values(v);
      want.forEach((j, k) => expect(Object.is(got[k], data[j])).toBe(true));
    }
  });

  it("compares int64 exactly beyond 2^53", () => {
    const big = [2n ** 62n + 1n, 2n ** 62n, -(2n ** 62n), 2n ** 62n + 1n];
    const v = output("int64", [4]);
    const i = output("int64", [4]);
    be.sort(v, i, operand("int64", big, [4]), 0, false, true);
    expect(values(v)).toEqual([-(2n ** 62n), 2n ** 62n, 2n ** 62n + 1n, 2n ** 62n + 1n]);
    expect(values(i)).toEqual([2n, 1n, 0n, 3n]);
  });

  it("sorts along any axis of strided operands, writing strided outputs", () => {
    // a = [[5, 2], [3, 1], [4, 0]] laid out column-major at offset 1, sorted along axis 0.
    const a = operand("int32", [5, 2, 3, 1, 4, 0], [3, 2], [1, 3], 1);
    const v = output("int32", [3, 2], [1, 3]);
    const i = output("int64", [3, 2], [2, 6], 3);
    be.sort(v, i, a, 0, false, false);
    expect(values(v)).toEqual([3, 0, 4, 1, 5, 2]);
    expect(values(i)).toEqual([1n, 2n, 2n, 1n, 0n, 0n]);
  });

  it("sorts 16-bit floats by value and moves their exact bits", () => {
    const v = output("float16", [3]);
    const i = output("int64", [3]);
    be.sort(v, i, operand("float16", [1.5, -2, 0.25], [3]), 0, true, false);
    expect(values(v)).toEqual([1.5, 0.25, -2]);
    expect(values(i)).toEqual([0n, 2n, 1n]);
  });
});
