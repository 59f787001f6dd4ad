// Real NumPy writes → typetorch reads; typetorch writes → real NumPy reads. Every dtype, C and
// Fortran order, both byte orders, 0-d, size-0, 1/2/3-d, format versions 1.0/2.0/3.0.
import "./test-utils/setup.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { arange, fromNumpy, tensor } from "@typetorch/tensor-core";
import type { NDArray } from "@typetorch/tensor-core";
import { load, loadNpz, parseNpy, savez, savezCompressed, serializeNpy } from "./index.js";
import type { Tensor } from "@typetorch/tensor-core";
import { gatherC, layoutStrides } from "./npy.js";
import { hasNumpy, runNumpy } from "./test-utils/numpy.js";

interface Case {
  name: string;
  dtype: string;
  shape: number[];
  order: "C" | "F";
  endian: "<" | ">";
  version: 1 | 2 | 3;
  fortran: boolean;
}

const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

// Outside CI a machine without Debian's NumPy skips this file; CI installs python3-numpy (.ci/run),
// so there its absence is a failure, never a silent skip.
if (process.env.CI && !hasNumpy) {
  describe("round trip with real NumPy", () => {
    it("needs Debian's python3-numpy under /usr/bin/python3 (installed by .ci/run)", () => {
      expect(hasNumpy).toBe(true);
    });
  });
}

describe.skipIf(!hasNumpy)("round trip with real NumPy", () => {
  let dir = "";
  let cases: Case[] = [];
  const read = new Map<string, NDArray>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "typetorch-npy-"));
    runNumpy("gen", dir);
    cases = (JSON.parse(readFileSync(join(dir, "cases.json"), "utf8")) as { cases: Case[] }).cases;
  });

  it("reads every file NumPy wrote, bit for bit", () => {
    expect(cases.length).toBeGreaterThan(250);
    for (const c of cases) {
      const file = new Uint8Array(readFileSync(join(dir, `${c.name}.npy`)));
      const nd = parseNpy(file);
      expect(nd.dtype, c.name).toBe(c.dtype);
      expect(nd.shape, c.name).toEqual(c.shape);
      expect(nd.strides, c.name).toEqual(layoutStrides(c.shape, c.fortran));
      const want = new Uint8Array(readFileSync(join(dir, `${c.name}.bin`)));
      expect(bytesOf(gatherC(nd)), c.name).toEqual(want);
      // Little-endian numeric data is a view of the file's bytes, not a copy.
      if (c.endian === "<" && c.dtype !== "bool") expect(nd.data.buffer, c.name).toBe(file.buffer);
      read.set(c.name, nd);
    }
  });

  it("writes files NumPy reads back identically (through fromNumpy(...).numpy())", () => {
    for (const c of cases) {
      const nd = read.get(c.name);
      if (!nd) throw new Error(`${c.name} was not read`);
      const t = fromNumpy(nd);
      const bytes = serializeNpy(t.numpy(), { byteOrder: c.endian, version: c.version });
      writeFileSync(join(dir, `ts_${c.name}.npy`), bytes);
    }
    const report = JSON.parse(runNumpy("check", dir)) as Record<string, string>;
    const bad = Object.entries(report).filter(([, v]) => v !== "ok");
    expect(bad).toEqual([]);
    expect(Object.keys(report).length).toBe(cases.length);
  });

  it("reads np.savez and np.savez_compressed archives", async () => {
    const keys = (JSON.parse(readFileSync(join(dir, "cases.json"), "utf8")) as { npz: string[] }).npz;
    for (const file of ["np.npz", "npc.npz"]) {
      const arrays = await loadNpz(join(dir, file));
      expect(Object.keys(arrays).sort(), file).toEqual(keys);
      for (const k of keys) {
        const t = arrays[k] as Tensor;
        const want = new Uint8Array(readFileSync(join(dir, `npz_${k}.bin`)));
        expect(bytesOf(gatherC(t.numpy())), `${file}:${k}`).toEqual(want);
      }
      expect(arrays.fortran?.stride()).toEqual([1, 3]);
      expect(arrays.scalar?.shape).toEqual([]);
      expect(arrays.empty?.shape).toEqual([0, 2]);
    }
  });

  it("writes savez / savezCompressed archives NumPy reads identically", async () => {
    const arrays = await loadNpz(join(dir, "np.npz"));
    await savez(join(dir, "ts.npz"), arrays);
    await savezCompressed(join(dir, "tsc.npz"), arrays);
    const report = JSON.parse(runNumpy("check", dir)) as Record<string, string>;
    const npz = Object.entries(report).filter(([k]) => k.includes(".npz:"));
    expect(npz.length).toBe(2 * Object.keys(arrays).length);
    expect(npz.filter(([, v]) => v !== "ok")).toEqual([]);
    expect(readFileSync(join(dir, "tsc.npz")).length).toBeLessThan(readFileSync(join(dir, "ts.npz")).length);
  });

  it("load(path) reads in chunks to the same values as parseNpy", async () => {
    for (const c of cases.filter((_, i) => i % 7 === 0)) {
      const t = await load(join(dir, `${c.name}.npy`));
      const want = parseNpy(new Uint8Array(readFileSync(join(dir, `${c.name}.npy`))));
      expect(t.shape, c.name).toEqual(want.shape);
      expect(t.stride(), c.name).toEqual(want.strides);
      expect(bytesOf(gatherC(t.numpy())), c.name).toEqual(bytesOf(gatherC(want)));
    }
  });

  it("reads ml_dtypes-style 2-byte voids as bfloat16 only when asked", async () => {
    const path = join(dir, "void2.npy");
    await expect(load(path)).rejects.toThrow(/unsupported dtype descr '\|V2'.*void2/);
    const t = await load(path, { void2: "bfloat16" });
    expect(t.dtype).toBe("bfloat16");
    expect(t.tolist()).toEqual([1, -2.5, 3]);
  });

  it("NumPy reads views typetorch writes (slices, broadcasts, permutations) with the tensor's values", () => {
    const base = arange(24, { dtype: "float64" }).reshape(2, 3, 4);
    const views = {
      "slice.npy": base.narrow(2, 1, 2),
      "expand.npy": tensor([1.5, -0, Infinity], { dtype: "float32" }).expand(2, 3),
      "permute.npy": base.permute(2, 0, 1),
      "fortran3.npy": base.permute(2, 1, 0),
      "int64.npy": tensor([2n ** 63n - 1n, -(2n ** 63n), 9007199254740993n]).narrow(0, 0, 3),
      "half.npy": tensor([65504, 6e-8, NaN, -2.5], { dtype: "float16" }),
      "bool.npy": tensor([[true, false], [false, true]]).T,
    };
    for (const [name, t] of Object.entries(views)) writeFileSync(join(dir, name), serializeNpy(t.numpy()));
    const got = JSON.parse(runNumpy("dump", ...Object.keys(views).map((n) => join(dir, n)))) as Record<
      string,
      { dtype: string; shape: number[]; fortran: boolean; flat: (string | boolean)[] }
    >;
    for (const [name, t] of Object.entries(views)) {
      const g = got[name]!;
      expect(g.dtype, name).toBe(t.dtype);
      expect(g.shape, name).toEqual(t.shape);
      const flat = (t.reshape(-1).tolist() as (number | bigint | boolean)[]).map((v) =>
        typeof v === "boolean" ? v : t.dtype === "int64" ? String(v) : v,
      );
      const parsed = g.flat.map((v) => (typeof v === "boolean" || t.dtype === "int64" ? v : Number(v.replace("inf", "Infinity"))));
      expect(parsed, name).toEqual(flat);
    }
    expect(got["fortran3.npy"]!.fortran).toBe(true);
    expect(got["permute.npy"]!.fortran).toBe(false);
  });
});
