/**
 * Dawn in Node (README "Dawn notes"): TOOLCHAIN.md saw long dispatches crash or hang the process
 * (futex EINVAL, "owner died") once V8's optimising compiler had compiled hot JS. The cause we
 * found: the `GPU` instance from `webgpu`'s `create()` was only referenced by a local, so it could
 * be collected (sooner once TurboFan shortens lifetimes) while its device kept running; the
 * backend now keeps it alive. This runs with TurboFan ON (no --no-turbofan): hot JS, garbage,
 * long dispatches and many small ones, and checks the numbers.
 */
import { describe, expect, it } from "vitest";
import { getGpu } from "./test-utils/harness.js";

describe("Dawn stress with the optimising compiler on", () => {
  it("survives hot JS, GC pressure and ~1 s dispatches", async () => {
    const gpu = await getGpu();
    const op = (buffer: ReturnType<typeof gpu.alloc>, shape: number[]) => ({
      buffer, dtype: "float32" as const, shape, strides: shape.length === 2 ? [shape[1]!, 1] : [1], offset: 0,
    });
    // Hot JS: thousands of small ops through the same call sites, so TurboFan compiles them.
    const x = gpu.alloc("float32", 64);
    gpu.write(x, "float32", new Float32Array(64).fill(1), 0);
    let garbage: number[][] = [];
    for (let i = 0; i < 3000; i++) {
      const y = gpu.alloc("float32", 64);
      gpu.binary("add", op(y, [64]), op(x, [64]), op(x, [64]));
      gpu.free(y);
      garbage.push(new Array(100).fill(i));
      if (garbage.length > 200) garbage = [];
    }
    // Long dispatches: 256² matmuls run ~0.8 s each on SwiftShader.
    const n = 256;
    const a = gpu.alloc("float32", n * n);
    gpu.write(a, "float32", new Float32Array(n * n).fill(0.5), 0);
    for (let rep = 0; rep < 3; rep++) {
      const c = gpu.alloc("float32", n * n);
      gpu.matmul(op(c, [n, n]), op(a, [n, n]), op(a, [n, n]));
      const got = (await gpu.read(c, "float32", 0, 4)) as Float32Array;
      expect(Array.from(got)).toEqual([64, 64, 64, 64]);
      gpu.free(c);
      garbage = Array.from({ length: 2000 }, (_, i) => new Array(50).fill(i));
    }
    expect(garbage.length).toBe(2000);
    gpu.free(a);
    gpu.free(x);
  });
});
