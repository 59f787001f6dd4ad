import { describe, expect, it } from "vitest";
import { createCpuBackend } from "./index.js";

describe("smoke", () => {
  it("adds", () => {
    const be = createCpuBackend();
    const a = be.alloc("float32", 4);
    be.write(a, "float32", new Float32Array([1, 2, 3, 4]), 0);
    const o = be.alloc("float32", 4);
    const op = (buffer: typeof a) => ({ buffer, dtype: "float32" as const, shape: [2, 2], strides: [2, 1], offset: 0 });
    be.binary("add", op(o), op(a), { ...op(a), strides: [1, 2] });
    expect(Array.from(be.readSync!(o, "float32", 0, 4) as Float32Array)).toEqual([2, 5, 5, 8]);
  });
});
