/**
 * random on the device against the reference stream: every distribution × every out dtype the
 * core may send (`randomOutDtypes`), many seeds and offsets (full uint64), contiguous, transposed
 * and offset/padded outputs, compared with the CPU backend (which evaluates `referenceRandom`)
 * bit for bit, plus the edge parameters where the device's float32 rules differ from IEEE
 * (subnormal parameters and results, overflow), Poisson rates on both sides of 10 (and large
 * enough for the binary64 steps of log k!), Bernoulli p in {0, tiny, ½, 1} and per element,
 * randint ranges of one word, two words and int64's whole span.
 */
import { describe, expect, it } from "vitest";
import {
  RANDOM_DISTRIBUTIONS,
  makeStorageArray,
  numberToBfloat16Bits,
  numberToFloat16Bits,
  randomOutDtypes,
  referenceRandom,
  type DType,
  type Operand,
  type RandomDistribution,
  type RandomDistributionName,
  type RandomSpec,
  type StorageArray,
} from "@typetorch/tensor-core";
import { both, getGpu, rng, type Spec } from "./test-utils/harness.js";
import { createWebGpuBackend, type WebGpuBackend } from "./index.js";

const SEEDS: [bigint, bigint][] = [
  [0n, 0n],
  [42n, 7n],
  [0xffffffffffffffffn, 0x123456789abcdef0n],
  [0x9e3779b97f4a7c15n, 0xffffffffffffffffn],
];

/** Out layouts: contiguous, transposed into a padded buffer, offset with gaps. */
const LAYOUTS: Omit<Spec, "dtype">[] = [
  { shape: [41] },
  { shape: [5, 7], strides: [1, 6], offset: 2, length: 45 },
  { shape: [3, 2, 4], strides: [20, 9, 2], offset: 1, length: 60 },
];

/** The same value bits (NaN equal to NaN, −0 distinct from +0). */
function sameBits(g: number | bigint, w: number | bigint): boolean {
  if (typeof g === "number" && typeof w === "number") return Object.is(g, w) || (g !== g && w !== w);
  return g === w;
}

async function check(gpu: WebGpuBackend, d: DType, layout: Omit<Spec, "dtype">, spec: RandomSpec, input?: { spec: Spec; data: StorageArray }): Promise<string | null> {
  const r = await both(gpu, input ? [input] : [], { ...layout, dtype: d }, (be, o, ins) => be.random(o, spec, ins[0]));
  for (let i = 0; i < r.want.length; i++) {
    if (!sameBits(r.got[i] as number, r.want[i] as number)) {
      const dist = JSON.stringify(spec.distribution, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
      return `${dist} → ${d} seed ${spec.seed} offset ${spec.offset} layout ${JSON.stringify(layout)}: [${i}] got ${r.got[i]} want ${r.want[i]}`;
    }
  }
  return null;
}

const mkSpec = (distribution: RandomDistribution, seed: bigint, offset: bigint): RandomSpec => ({ algorithm: "philox4x32-10", seed, offset, distribution });

/** Parameter sets per distribution: ordinary ones and edge ones. */
function paramSets(kind: RandomDistributionName, d: DType): RandomDistribution[] {
  switch (kind) {
    case "uniform":
      return [{ kind, low: 0, high: 1 }, { kind, low: -3.7, high: 12.25 }, { kind, low: 0, high: 1e-40 }, { kind, low: -1e-39, high: 1e-39 }];
    case "normal":
    case "logNormal":
      return [{ kind, mean: 0, std: 1 }, { kind, mean: -1.5, std: 2.75 }, { kind, mean: 1e-41, std: 1e-40 }, { kind, mean: kind === "logNormal" ? -95 : 3e38, std: kind === "logNormal" ? 3 : 1e38 }];
    case "cauchy":
      return [{ kind, median: 0, sigma: 1 }, { kind, median: 2.5, sigma: 0.3 }, { kind, median: 0, sigma: 3e-39 }];
    case "exponential":
      return [{ kind, scale: 1 }, { kind, scale: 1 / 7.5 }, { kind, scale: 1e-40 }];
    case "geometric":
      return [0.5, 0.01, 0.99, 1e-6].map((p) => ({ kind, scale: 1 / Math.log1p(-p) }));
    case "bernoulli":
      return [0, 1e-300, 2 ** -33, 0.3, 0.5, 1 - 2 ** -40, 1].map((p) => ({ kind, p }));
    case "poisson":
      return [{ kind }];
    case "randint": {
      const sets: [bigint, bigint][] =
        d === "bool" ? [[0n, 2n], [0n, 1n]]
        : d === "uint8" ? [[0n, 256n], [3n, 10n]]
        : d === "int8" ? [[-128n, 128n], [-5n, 6n]]
        : d === "int16" ? [[-32768n, 32768n], [-7n, 1000n]]
        : d === "int32" ? [[-(2n ** 31n), 2n ** 31n], [-1n, 2n]]
        : d === "int64" ? [[-(2n ** 63n), 2n ** 63n], [-(2n ** 40n), 2n ** 50n], [5n, 5n + 2n ** 32n], [-9n, 1000n]]
        : [[0n, 17n], [-(2n ** 53n), 2n ** 53n], [-(2n ** 62n), 2n ** 60n], [-(2n ** 70n), -(2n ** 70n) + 1000n], [2n ** 24n - 3n, 2n ** 24n + 2n ** 32n]];
      return sets.map(([low, high]) => ({ kind, low, high }));
    }
  }
}

/** Per-element inputs: probabilities for bernoulli, rates for poisson (specials first). */
function inputData(kind: "bernoulli" | "poisson", d: DType, n: number, seed: number): StorageArray {
  const r = rng(seed);
  const special = kind === "bernoulli" ? [0, 1, 0.5, 1e-40, 2 ** -30, 1 - 2 ** -24, 1.5, NaN, -0.25] : [0, 1e-40, 9.999, 10, 10.5, 1e3, 1e6, 3e7, 4e9, 1e30, NaN, -3];
  const vals = Array.from({ length: n }, (_, i) => (i < special.length ? (special[i] as number) : kind === "bernoulli" ? r() : r() * 40));
  const arr = makeStorageArray(d, n);
  for (let i = 0; i < n; i++) {
    const v = vals[i] as number;
    (arr as Float64Array)[i] = d === "float16" ? numberToFloat16Bits(v) : d === "bfloat16" ? numberToBfloat16Bits(v) : v;
  }
  return arr;
}

describe("random: every distribution × out dtype, bit for bit with the reference", () => {
  for (const kind of Object.keys(RANDOM_DISTRIBUTIONS) as RandomDistributionName[]) {
    it(kind, async () => {
      const gpu = await getGpu();
      const failures: string[] = [];
      for (const d of randomOutDtypes(kind)) {
        const inDtypes: (DType | null)[] = kind === "poisson" ? ["float32", "float64", "float16", "bfloat16"] : kind === "bernoulli" ? [null, "float32", "float64", "bfloat16"] : [null];
        for (const inD of inDtypes) {
          for (const [k, dist] of paramSets(kind, d).entries()) {
            if (inD !== null && k > 0) continue;
            const [seed, offset] = SEEDS[k % SEEDS.length] as [bigint, bigint];
            const layout = LAYOUTS[(k + (inD ? 1 : 0)) % LAYOUTS.length] as Omit<Spec, "dtype">;
            const input = inD && kind !== "randint" ? { spec: { dtype: inD, shape: layout.shape }, data: inputData(kind as "bernoulli" | "poisson", inD, layout.shape.reduce((a, b) => a * b, 1), k + 3) } : undefined;
            const f = await check(gpu, d, layout, mkSpec(dist, seed, offset), input);
            if (f) failures.push(`${inD ? `input ${inD}: ` : ""}${f}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

describe("random: more seeds and offsets", () => {
  it("normal, poisson and randint over 24 (seed, offset) pairs", async () => {
    const gpu = await getGpu();
    const r = rng(99);
    const failures: string[] = [];
    for (let t = 0; t < 24; t++) {
      const seed = (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32));
      const offset = BigInt(Math.floor(r() * 2 ** 32)) << BigInt(t % 33);
      const d = (["float32", "float64", "float16", "bfloat16"] as const)[t % 4] as DType;
      const layout = LAYOUTS[t % LAYOUTS.length] as Omit<Spec, "dtype">;
      const n = layout.shape.reduce((a, b) => a * b, 1);
      for (const f of [
        await check(gpu, d, layout, mkSpec({ kind: "normal", mean: r() - 0.5, std: r() * 3 }, seed, offset)),
        await check(gpu, d, { shape: [n] }, mkSpec({ kind: "poisson" }, seed, offset), { spec: { dtype: "float32", shape: [n] }, data: inputData("poisson", "float32", n, t) }),
        await check(gpu, "int64", layout, mkSpec({ kind: "randint", low: -(2n ** 62n), high: 2n ** 62n + BigInt(t) }, seed, offset)),
      ])
        if (f) failures.push(f);
    }
    expect(failures).toEqual([]);
  });

  it("poisson with rates whose log k! needs binary64 steps (k ≥ 2^24) and huge ones", async () => {
    const gpu = await getGpu();
    const rates = Float32Array.from({ length: 96 }, (_, i) => [3e7, 1e9, 2e10, 1.5e38][i % 4] as number);
    const failures: string[] = [];
    for (const d of ["float32", "float64", "bfloat16"] as const)
      for (const [seed, offset] of SEEDS) {
        const f = await check(gpu, d, { shape: [96] }, mkSpec({ kind: "poisson" }, seed, offset), { spec: { dtype: "float32", shape: [96] }, data: rates });
        if (f) failures.push(f);
      }
    expect(failures).toEqual([]);
  });

  it("a broadcast per-element input (one rate per row) and a contiguous read of the raw reference", async () => {
    const gpu = await getGpu();
    const spec = mkSpec({ kind: "poisson" }, 5n, 11n);
    const rates = new Float32Array([0.5, 12, 250]);
    const f = await check(gpu, "float32", { shape: [3, 8] }, spec, { spec: { dtype: "float32", shape: [3, 8], strides: [1, 0], length: 3 }, data: rates });
    expect(f).toBeNull();
    // the device output read back directly equals referenceRandom's values
    const out: Operand = { buffer: gpu.alloc("float32", 64), dtype: "float32", shape: [64], strides: [1], offset: 0 };
    const nspec = mkSpec({ kind: "normal", mean: 0, std: 1 }, 123n, 456n);
    gpu.random(out, nspec);
    const got = Array.from(await gpu.read(out.buffer, "float32", 0, 64) as Float32Array);
    expect(got).toEqual(Array.from(referenceRandom(nspec, "float32", 64) as Float64Array));
    gpu.free(out.buffer);
  });
});

describe("random: on the device only", () => {
  it("a backend made with no options offers every dtype, float64 included, and samples it", async () => {
    const bare = await createWebGpuBackend();
    expect(bare.capabilities.dtypes).toContain("float64");
    for (const d of ["float32", "float64"] as const) {
      expect(await check(bare, d, { shape: [33] }, mkSpec({ kind: "cauchy", median: 1, sigma: 2 }, 9n, 9n))).toBeNull();
    }
  });

  it("refuses a float randint whose range needs two words and whose bounds leave int64", async () => {
    const gpu = await getGpu();
    const out: Operand = { buffer: gpu.alloc("float64", 4), dtype: "float64", shape: [4], strides: [1], offset: 0 };
    expect(() => gpu.random(out, mkSpec({ kind: "randint", low: -(2n ** 64n), high: 0n }, 1n, 1n))).toThrow(RangeError);
    gpu.free(out.buffer);
  });
});
