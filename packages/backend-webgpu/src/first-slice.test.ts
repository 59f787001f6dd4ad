import { describe, expect, it } from "vitest";
import { makeStorageArray, type DType } from "@typetorch/tensor-core";
import { both, getGpu, randomData, rng } from "./test-utils/harness.js";

describe("webgpu first slice", () => {
  it("writes and reads every dtype, at offsets", async () => {
    const gpu = await getGpu();
    for (const d of ["bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16", "float32", "float64"] as DType[]) {
      const data = randomData(d, 37, rng(1));
      const b = gpu.alloc(d, 37);
      gpu.write(b, d, data, 0);
      expect(Array.from(await gpu.read(b, d, 0, 37) as ArrayLike<unknown>)).toEqual(Array.from(data as ArrayLike<unknown>));
      expect(Array.from(await gpu.read(b, d, 3, 5) as ArrayLike<unknown>)).toEqual(Array.from(data.slice(3, 8) as ArrayLike<unknown>));
      const part = randomData(d, 5, rng(2));
      gpu.write(b, d, part, 3);
      const want = data.slice(0);
      (want as Uint8Array).set(part as Uint8Array, 3);
      expect(Array.from(await gpu.read(b, d, 0, 37) as ArrayLike<unknown>)).toEqual(Array.from(want as ArrayLike<unknown>));
      gpu.free(b);
    }
  });

  it("fill, copy and add on float32 and int32 match the CPU", async () => {
    const gpu = await getGpu();
    for (const d of ["float32", "int32"] as DType[]) {
      const r = rng(3);
      const a = { spec: { dtype: d, shape: [4, 5], strides: [1, 4] }, data: randomData(d, 20, r) };
      const b = { spec: { dtype: d, shape: [4, 5], strides: [0, 1] }, data: randomData(d, 5, r) };
      const res = await both(gpu, [a, b], { dtype: d, shape: [4, 5] }, (be, out, [x, y]) => be.binary("add", out, x!, y!));
      expect(res.got).toEqual(res.want);
      const c = await both(gpu, [a], { dtype: d, shape: [4, 5] }, (be, out, [x]) => be.copy(out, x!));
      expect(c.got).toEqual(c.want);
      const f = await both(gpu, [], { dtype: d, shape: [3, 3] }, (be, out) => be.fill(out, 7));
      expect(f.got).toEqual(f.want);
    }
    void makeStorageArray;
  });
});
