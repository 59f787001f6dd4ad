// The host-memory capability: hostView is zero-copy and takes the buffer out of the pool; adopt
// wraps caller memory that is never handed to the pool.
import { describe, expect, it } from "vitest";
import { createCpuBackend, cpuPoolStats } from "./index.js";

describe("hostView / adopt", () => {
  const cpu = createCpuBackend();

  it("hostView sees and makes writes, and the freed buffer is not pooled", () => {
    const live = cpuPoolStats().liveBytes;
    const b = cpu.alloc("float32", 4);
    cpu.write(b, "float32", new Float32Array([1, 2, 3, 4]), 0);
    const v = cpu.hostView!(b, "float32") as Float32Array;
    expect(Array.from(v)).toEqual([1, 2, 3, 4]);
    v[0] = 10;
    expect(Array.from(cpu.readSync!(b, "float32", 0, 1) as Float32Array)).toEqual([10]);
    const before = cpuPoolStats().released;
    cpu.free(b);
    expect(cpuPoolStats().released).toBe(before);
    expect(v[0]).toBe(10); // still valid memory, owned by the view now
    expect(cpuPoolStats().liveBytes).toBe(live);
  });

  it("adopt wraps a typed array (with a byte offset) without copying, and never pools it", () => {
    const backing = new ArrayBuffer(64);
    const data = new Float64Array(backing, 16, 3);
    const b = cpu.adopt!("float64", data);
    expect(b.length).toBe(3);
    cpu.fill({ buffer: b, dtype: "float64", shape: [3], strides: [1], offset: 0 }, 2.5);
    expect(Array.from(data)).toEqual([2.5, 2.5, 2.5]);
    expect(new Float64Array(backing)[1]).toBe(0);
    expect(cpu.hostView!(b, "float64")).toBe(data);
    const before = cpuPoolStats().released;
    cpu.free(b);
    expect(cpuPoolStats().released).toBe(before);
  });

  it("refuses an array of the wrong type for the dtype", () => {
    expect(() => cpu.adopt!("int32", new Float32Array(2))).toThrow(/cannot adopt a Float32Array as int32/);
    expect(() => cpu.adopt!("float16", new Int16Array(2))).toThrow(/cannot adopt/);
  });
});
