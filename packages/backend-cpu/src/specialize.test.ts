import { describe, expect, it } from "vitest";
import { kindOf, setKernelCodegen, specialize } from "./specialize.js";

function addRow(o: Float32Array, a: Float32Array, b: Float32Array, n: number): void {
  for (let k = 0; k < n; k++) o[k] = (a[k] as number) + (b[k] as number);
}

describe("specialize", () => {
  it("gives one private, working copy per key", () => {
    const f32 = specialize(addRow, "Float32Array");
    const i32 = specialize(addRow, "Int32Array");
    expect(f32).not.toBe(addRow); // codegen works in this runtime: real copies
    expect(f32).not.toBe(i32);
    expect(specialize(addRow, "Float32Array")).toBe(f32);
    const o = new Float32Array(3);
    f32(o, new Float32Array([1, 2, 3]), new Float32Array([0.5, 0.5, 0.5]), 3);
    expect([...o]).toEqual([1.5, 2.5, 3.5]);
  });

  it("falls back to the shared original when codegen is off", () => {
    setKernelCodegen(false);
    try {
      expect(specialize(addRow, "Float64Array")).toBe(addRow);
    } finally {
      setKernelCodegen(true);
    }
    expect(specialize(addRow, "Float64Array")).not.toBe(addRow);
  });

  it("keys by array kind and by several keys", () => {
    expect(kindOf(new Uint8Array(1))).toBe(Uint8Array);
    const a = specialize(addRow, "add", "float32", kindOf(new Float32Array(1)));
    expect(specialize(addRow, "add", "float32", Float32Array)).toBe(a);
    expect(specialize(addRow, "add", "float32", Float64Array)).not.toBe(a);
    expect(specialize(addRow, "add", "float32")).not.toBe(a);
  });
});
