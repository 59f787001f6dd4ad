/** gather and scatter against the CPU backend, and out-of-range indices raised at the next read. */
import { describe, expect, it } from "vitest";
import { DTYPES, SCATTER_OPS, type DType, type ScatterOp } from "@typetorch/tensor-core";
import { both, getGpu, randomData, randomF64, rng } from "./test-utils/harness.js";

const idx = (n: number, size: number, r: () => number): BigInt64Array => BigInt64Array.from({ length: n }, () => BigInt(Math.floor(r() * size)));

describe("gather / scatter", () => {
  it("match the CPU for every dtype and scatter op, on strided operands", async () => {
    const gpu = await getGpu();
    const failures: string[] = [];
    for (const d of DTYPES) {
      const r = rng(DTYPES.indexOf(d) + 11);
      const a = { spec: { dtype: d, shape: [4, 5], strides: [1, 4] }, data: randomData(d, 20, r, { small: true }) };
      const index = { spec: { dtype: "int64" as DType, shape: [3, 5] }, data: idx(15, 4, r) };
      const g = await both(gpu, [a, index], { dtype: d, shape: [3, 5] }, (be, o, [x, i]) => be.gather(o, x!, i!, 0));
      if (JSON.stringify(g.got.map(String)) !== JSON.stringify(g.want.map(String))) failures.push(`gather ${d}`);
      for (const op of Object.keys(SCATTER_OPS) as ScatterOp[]) {
        const src = { spec: { dtype: d, shape: [3, 5] }, data: randomData(d, 15, r, { small: true }) };
        // out starts as the zeros `both` writes; scatter along axis 1 into a [3, 7] target
        const i2 = { spec: { dtype: "int64" as DType, shape: [3, 5] }, data: idx(15, 7, r) };
        const s = await both(gpu, [i2, src], { dtype: d, shape: [3, 7] }, (be, o, [i, v]) => be.scatter(op, o, i!, v!, 1));
        if (JSON.stringify(s.got.map(String)) !== JSON.stringify(s.want.map(String))) failures.push(`scatter ${op} ${d}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("float64 scatter reductions run on the device, bit for bit (duplicates fold in row-major order)", async () => {
    const gpu = await getGpu();
    const failures: string[] = [];
    for (const op of Object.keys(SCATTER_OPS) as ScatterOp[]) {
      const r = rng(op.length + 50);
      const src = { spec: { dtype: "float64" as DType, shape: [6, 40] }, data: randomF64(240, r).map((v, i) => (i % 3 === 0 ? v : (r() - 0.5) * 2 ** (r() * 20))) };
      const index = { spec: { dtype: "int64" as DType, shape: [6, 40] }, data: idx(240, 5, r) };
      const s = await both(gpu, [index, src], { dtype: "float64", shape: [6, 5] }, (be, o, [i, v]) => be.scatter(op, o, i!, v!, 1));
      const same = s.got.every((g, i) => Object.is(g, s.want[i]) || (g !== g && s.want[i] !== s.want[i]));
      if (!same) failures.push(`scatter ${op}: ${s.got} vs ${s.want}`);
    }
    expect(failures).toEqual([]);
  });

  it("an out-of-range index raises IndexError at the next read and leaves the target untouched", async () => {
    const gpu = await getGpu();
    const a = gpu.alloc("float32", 4);
    gpu.write(a, "float32", new Float32Array([1, 2, 3, 4]), 0);
    const i = gpu.alloc("int64", 3);
    gpu.write(i, "int64", new BigInt64Array([0n, 7n, -1n]), 0);
    const o = gpu.alloc("float32", 3);
    gpu.write(o, "float32", new Float32Array([9, 9, 9]), 0);
    const v = (buffer: typeof a, dtype: DType, n: number) => ({ buffer, dtype, shape: [n], strides: [1], offset: 0 });
    gpu.gather(v(o, "float32", 3), v(a, "float32", 4), v(i, "int64", 3), 0);
    await expect(gpu.read(o, "float32", 0, 3)).rejects.toThrow("index 7 is out of bounds for dimension 0 with size 4");
    expect(Array.from((await gpu.read(o, "float32", 0, 3)) as Float32Array)).toEqual([9, 9, 9]);
    gpu.scatter("add", v(a, "float32", 4), v(i, "int64", 3), v(o, "float32", 3), 0);
    await expect(gpu.sync()).rejects.toThrow(/IndexError|out of bounds/);
    expect(Array.from((await gpu.read(a, "float32", 0, 4)) as Float32Array)).toEqual([1, 2, 3, 4]);
    for (const b of [a, i, o]) gpu.free(b);
  });
});
