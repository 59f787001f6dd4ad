// The gather/scatter primitives' contract on the CPU (backend.ts): any strides (0 too) for index
// and src, validation of every index before the first write, PyTorch's IndexError text.
import { describe, expect, it } from "vitest";
import { IndexError, type Operand } from "@typetorch/tensor-core";
import { createCpuBackend } from "./index.js";

const cpu = createCpuBackend();
function operand(dtype: Operand["dtype"], values: readonly (number | bigint)[], shape: number[], strides?: number[], offset = 0): Operand {
  const n = Math.max(values.length, 1);
  const buffer = cpu.alloc(dtype, n);
  if (values.length > 0) cpu.write(buffer, dtype, (dtype === "int64" ? BigInt64Array.from(values as bigint[]) : Float32Array.from(values as number[])) as never, 0);
  const contiguous = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  return { buffer, dtype, shape, strides: strides ?? contiguous, offset };
}
const read = (op: Operand, n: number): number[] => Array.from(cpu.readSync!(op.buffer, op.dtype, 0, n) as Float32Array);

describe("cpu gather", () => {
  it("gathers along an axis with a stride-0 index", () => {
    const a = operand("float32", [1, 2, 3, 4, 5, 6], [2, 3]);
    const index = operand("int64", [2n, 0n], [2, 2], [0, 1]); // the row [2, 0] broadcast to both rows
    const out = operand("float32", [0, 0, 0, 0], [2, 2]);
    cpu.gather(out, a, index, 1);
    expect(read(out, 4)).toEqual([3, 1, 6, 4]);
  });

  it("refuses negative and too-large indices with PyTorch's message, writing nothing", () => {
    const a = operand("float32", [1, 2, 3], [3]);
    const out = operand("float32", [9, 9], [2]);
    expect(() => cpu.gather(out, a, operand("int64", [0n, 3n], [2]), 0)).toThrow(
      new IndexError("index 3 is out of bounds for dimension 0 with size 3"),
    );
    expect(() => cpu.gather(out, a, operand("int64", [1n, -1n], [2]), 0)).toThrow("index -1 is out of bounds");
    expect(read(out, 2)).toEqual([9, 9]);
  });
});

describe("cpu scatter", () => {
  it("assign, add, mul, amax, amin in row-major order of the index", () => {
    const index = operand("int64", [0n, 0n, 1n], [3]);
    const src = operand("float32", [2, 3, 4], [3]);
    const run = (op: "assign" | "add" | "mul" | "amax" | "amin"): number[] => {
      const out = operand("float32", [1, 1], [2]);
      cpu.scatter(op, out, index, src, 0);
      return read(out, 2);
    };
    expect(run("assign")).toEqual([3, 4]);
    expect(run("add")).toEqual([6, 5]);
    expect(run("mul")).toEqual([6, 4]);
    expect(run("amax")).toEqual([3, 4]);
    expect(run("amin")).toEqual([1, 1]);
  });

  it("validates every index before the first write", () => {
    const out = operand("float32", [0, 0, 0], [3]);
    const index = operand("int64", [0n, 1n, 7n], [3]);
    expect(() => cpu.scatter("assign", out, index, operand("float32", [5, 5, 5], [3]), 0)).toThrow(
      "index 7 is out of bounds for dimension 0 with size 3",
    );
    expect(read(out, 3)).toEqual([0, 0, 0]);
  });

  it("a scalar source is a stride-0 operand; int64 adds wrap", () => {
    const out = operand("int64", [2n ** 63n - 1n, 0n], [2]);
    cpu.scatter("add", out, operand("int64", [0n, 0n], [2]), operand("int64", [1n], [2], [0]), 0);
    expect(Array.from(cpu.readSync!(out.buffer, "int64", 0, 2) as BigInt64Array)).toEqual([-(2n ** 63n) + 1n, 0n]);
  });
});
