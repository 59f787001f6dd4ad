// copy from a small integer dtype to int64 writes the two 32-bit words (copy.ts): exact values,
// signs extended, on strided operands.
import { describe, expect, it } from "vitest";
import type { DType } from "@typetorch/tensor-core";
import { be, operand, output, values } from "./testing/helpers.js";

describe("copy to int64 from small integers", () => {
  const cases: [DType, number[]][] = [
    ["int32", [-1, 0, 2147483647, -2147483648]],
    ["int16", [-32768, 32767, -5, 6]],
    ["int8", [-128, 127, -1, 0]],
    ["uint8", [255, 0, 128, 1]],
    ["bool", [1, 0, 0, 1]],
  ];
  it.each(cases)("from %s, read transposed", (dtype, xs) => {
    const a = operand(dtype, xs, [2, 2], [1, 2]); // logical rows xs[0..1], xs[2..3], stored transposed
    const out = output("int64", [2, 2]);
    be.copy(out, a);
    expect(values(out)).toEqual(xs.map((x) => BigInt(x)));
  });
  it("into a strided int64 output", () => {
    const out = output("int64", [3], [2], 1);
    be.copy(out, operand("int32", [-7, 8, -9], [3]));
    expect(values(out)).toEqual([-7n, 8n, -9n]);
  });
});
