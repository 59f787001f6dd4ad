/**
 * The branch-free kernels (comparisons, logicalAnd/Or, isnan, relu by a bit mask, where by a bit
 * select) on the values a branchy rule is easiest to get wrong on: NaN (payload and sign kept),
 * ±0, ±inf, every dtype family, strided and broadcast operands. Expected values are written out
 * by hand from PyTorch's rules.
 */
import { describe, expect, it } from "vitest";
import type { DType } from "@typetorch/tensor-core";
import { be, operand, output, values } from "./testing/helpers.js";

const specials = [-1.5, -0, 0, 2.25, NaN, -Infinity, Infinity, -3];
const show = (xs: readonly (number | bigint)[]): string[] => xs.map((v) => (Object.is(v, -0) ? "-0" : String(v)));

describe("branch-free kernels", () => {
  it.each(["float32", "float64", "float16", "bfloat16"] as DType[])("relu on %s keeps −0 and NaN, maps −inf to +0", (dtype) => {
    const out = output(dtype, [8]);
    be.unary("relu", out, operand(dtype, specials, [8]));
    expect(show(values(out))).toEqual(["0", "-0", "0", "2.25", "NaN", "0", "Infinity", "0"]);
  });

  it("relu on float64 (two words an element) on strided rows; a negative NaN with a payload stays NaN", () => {
    const a = operand("float64", [-2, 5, -0, 7], [2, 2], [1, 2]); // a transposed 2×2
    const out = output("float64", [2, 2], [1, 2]);
    be.unary("relu", out, a);
    expect(show(values(out))).toEqual(["0", "5", "-0", "7"]);
    const nan = new Float64Array([NaN]);
    new Uint32Array(nan.buffer)[1] = 0xfff80001; // sign set, payload in both words
    const o2 = output("float64", [1]);
    be.unary("relu", o2, operand("float64", [nan[0]!], [1]));
    const back = new Float64Array([values(o2)[0] as number]);
    expect(Number.isNaN(back[0])).toBe(true);
  });

  it.each(["int8", "int16", "int32", "uint8"] as DType[])("relu on %s", (dtype) => {
    const out = output(dtype, [4]);
    be.unary("relu", out, operand(dtype, dtype === "uint8" ? [0, 1, 200, 7] : [-5, 0, 3, -128], [4]));
    expect(values(out)).toEqual(dtype === "uint8" ? [0, 1, 200, 7] : [0, 0, 3, 0]);
  });

  it("isnan on float32 and int32", () => {
    const out = output("bool", [8]);
    be.unary("isnan", out, operand("float32", specials, [8]));
    expect(values(out)).toEqual([0, 0, 0, 0, 1, 0, 0, 0]);
    const o2 = output("bool", [2]);
    be.unary("isnan", o2, operand("int32", [0, -1], [2]));
    expect(values(o2)).toEqual([0, 0]);
  });

  it("comparisons: NaN compares false (ne true), −0 equals +0; broadcast scalar operand", () => {
    const a = operand("float32", specials, [8]);
    const zero = operand("float32", new Array<number>(8).fill(0), [8], [0]);
    const expected: Record<string, number[]> = {
      gt: [0, 0, 0, 1, 0, 0, 1, 0],
      ge: [0, 1, 1, 1, 0, 0, 1, 0],
      lt: [1, 0, 0, 0, 0, 1, 0, 1],
      le: [1, 1, 1, 0, 0, 1, 0, 1],
      eq: [0, 1, 1, 0, 0, 0, 0, 0],
      ne: [1, 0, 0, 1, 1, 1, 1, 1],
      logicalAnd: [0, 0, 0, 0, 0, 0, 0, 0], // b = 0
      logicalOr: [1, 0, 0, 1, 1, 1, 1, 1], // NaN is truthy, ±0 are not
    };
    for (const [op, want] of Object.entries(expected)) {
      const out = output("bool", [8]);
      be.binary(op as "gt", out, a, zero);
      expect(values(out), op).toEqual(want);
    }
    const out = output("bool", [8]);
    be.binary("logicalAnd", out, a, operand("float32", new Array<number>(8).fill(NaN), [8], [0]));
    expect(values(out)).toEqual([1, 0, 0, 1, 1, 1, 1, 1]);
  });

  it("comparisons on int8 and bool", () => {
    const out = output("bool", [3]);
    be.binary("gt", out, operand("int8", [-3, 4, 4], [3]), operand("int8", [-4, 4, 5], [3]));
    expect(values(out)).toEqual([1, 0, 0]);
    const o2 = output("bool", [4]);
    be.binary("logicalOr", o2, operand("bool", [0, 1, 0, 1], [4]), operand("bool", [0, 0, 1, 1], [4]));
    expect(values(o2)).toEqual([0, 1, 1, 1]);
  });

  it.each(["float32", "float64", "float16", "int32", "int16", "int8", "uint8", "bool", "int64"] as DType[])(
    "where on %s moves the chosen element's exact bits (−0, NaN, inf), with strided and broadcast operands",
    (dtype) => {
      const isFloat = dtype.startsWith("float");
      const xs = isFloat ? [-0, NaN, Infinity, 1.5] : dtype === "bool" ? [1, 0, 1, 0] : dtype === "int64" ? [-7n, 8n, 9n, 10n] : dtype === "uint8" ? [250, 8, 9, 10] : [-7, 8, 9, 10];
      const ys = isFloat ? [0, -Infinity, -0, 2.5] : dtype === "bool" ? [0, 1, 1, 0] : dtype === "int64" ? [1n, 2n, 3n, 4n] : [1, 2, 3, 4];
      const cond = operand("bool", [1, 1, 0, 0], [2, 2], [1, 2]); // rows [1, 1], [0, 0], stored transposed
      const x = operand(dtype, xs, [2, 2]);
      const y = operand(dtype, [ys[0]!, ys[1]!, ys[0]!, ys[1]!], [2, 2], [0, 1]); // one row, broadcast
      const out = output(dtype, [2, 2]);
      be.where(out, cond, x, y);
      const want = [xs[0]!, xs[1]!, ys[0]!, ys[1]!];
      expect(show(values(out))).toEqual(show(want));
    },
  );
});
