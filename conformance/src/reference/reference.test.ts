import { describe, expect, it } from "vitest";
import { castValue, createReferenceBackend, refBinary, type RefOperand } from "./index.js";
import { runChecks } from "../run.js";

const vec = (dtype: RefOperand["dtype"], values: number[]): RefOperand => {
  const data = dtype === "float64" ? new Float64Array(values) : new Float32Array(values);
  return { data, dtype, shape: [values.length], strides: [1], offset: 0 };
};

describe("reference evaluator", () => {
  it("casts as torch 1.13 does (values from /usr/bin/python3 -c 'import torch; ...')", () => {
    expect(castValue("float64", "int8", 300.7)).toBe(44n);
    expect(castValue("float64", "uint8", -129)).toBe(127n);
    expect(castValue("float64", "int32", NaN)).toBe(-2147483648n);
    expect(castValue("float64", "int16", NaN)).toBe(0n);
    expect(castValue("float64", "int64", 1e19)).toBe(-(2n ** 63n));
    expect(castValue("float64", "float16", 1 + 2 ** -11 + 2 ** -40)).toBe(1);
    expect(castValue("int64", "float32", 2n ** 53n + 1n)).toBe(2 ** 53);
  });
  it("floor-divides and takes remainders as Python does", () => {
    const out = vec("float32", [0, 0, 0, 0]);
    refBinary("floorDiv", out, vec("float32", [1, -0, 5, -5]), vec("float32", [0.1, 5, -3, 3]));
    expect(Array.from(out.data as Float32Array)).toEqual([9, -0, -2, -2]);
    refBinary("remainder", out, vec("float32", [-3, -0, 5, -5]), vec("float32", [3, 5, -3, 3]));
    expect(Array.from(out.data as Float32Array)).toEqual([-0, -0, -1, 1]);
  });
  it("is a complete Backend: the Tensor-API checks pass on it", async () => {
    const be = createReferenceBackend();
    expect(await runChecks(be, { filter: "promotion/", seed: 7, runs: 5 })).toEqual([]);
    expect(await runChecks(be, { filter: "views/", seed: 7, runs: 10, device: "conformance-reference" })).toEqual([]);
  });
});
