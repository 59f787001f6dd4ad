// Replays tooling/fixtures/data/data.json (gen_data.py): PyTorch 1.13's sampler and shuffled
// DataLoader orders, random_split indices, default_collate results and error messages, in
// "torch" RNG mode, where typetorch's generators are PyTorch's mt19937 streams.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as torch from "typetorch";
import fixture from "../../../tooling/fixtures/data/data.json" with { type: "json" };
import {
  BatchSampler,
  ConcatDataset,
  DataLoader,
  IterableDataset,
  RandomSampler,
  SequentialSampler,
  SubsetRandomSampler,
  TensorDataset,
  WeightedRandomSampler,
  defaultCollate,
  randomSplit,
} from "./index.js";

beforeAll(() => torch.setRngMode("torch"));
afterAll(() => torch.setRngMode("portable"));

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const after = (): unknown => torch.randint(0, 1000, [3]).tolist();

/** The generator a case names: the default one (seeded) or an explicit one (default seeded differently). */
function generatorOf(kind: string, seed: number): torch.Generator | undefined {
  if (kind === "default") {
    torch.manualSeed(seed);
    return undefined;
  }
  torch.manualSeed(seed + 1000);
  return new torch.Generator({ algorithm: "mt19937" }).manualSeed(seed);
}

type Order = (typeof fixture.orders)[number];
const opt = (g: torch.Generator | undefined): { generator?: torch.Generator } => (g ? { generator: g } : {});

function iterableOf(c: Order, g: torch.Generator | undefined): Iterable<unknown> {
  const o = c as unknown as { n: number; batchSize: number; dropLast: boolean; replacement: boolean; numSamples: number | null };
  switch (c.name) {
    case "DataLoader":
      return new DataLoader(range(o.n), { batchSize: o.batchSize, shuffle: true, dropLast: o.dropLast, ...opt(g) });
    case "DataLoaderTensorDataset": // PyTorch's case lists one epoch, then reads the list twice
      return [...new DataLoader(new TensorDataset(torch.arange(10).mul(10)), { batchSize: 4, shuffle: true, ...opt(g) })].map(([x]) => x);
    case "RandomSampler":
      return new RandomSampler(range(o.n), { replacement: o.replacement, ...(o.numSamples === null ? {} : { numSamples: o.numSamples }), ...opt(g) });
    case "SubsetRandomSampler":
      return new SubsetRandomSampler((c as unknown as { indices: number[] }).indices, opt(g));
    case "WeightedRandomSampler": {
      const w = c as unknown as { weights: number[]; numSamples: number; replacement: boolean };
      return new WeightedRandomSampler(w.weights, w.numSamples, { replacement: w.replacement, ...opt(g) });
    }
    case "BatchSamplerRandom":
      return new BatchSampler(new RandomSampler(range(9), opt(g)), 4, false);
  }
  throw new Error(`unknown case ${c.name}`);
}

const plain = (v: unknown): unknown => (v instanceof torch.Tensor ? v.tolist() : v);

describe("sampler and DataLoader orders equal PyTorch 1.13's", () => {
  test.each(fixture.orders.map((c) => [`${c.name} ${JSON.stringify({ ...c, epochs: undefined })}`, c] as const))("%s", (_, c) => {
    const it = iterableOf(c, generatorOf(c.generator, c.seed));
    for (const epoch of c.epochs) {
      expect([...it].map(plain)).toEqual(epoch.items);
      expect(after()).toEqual(epoch.after);
    }
  });
});

describe("randomSplit equals PyTorch 1.13's random_split", () => {
  test.each(fixture.splits.map((c) => [`n=${c.n} lengths=${JSON.stringify(c.lengths)} seed=${c.seed} ${c.generator}`, c] as const))("%s", (_, c) => {
    const parts = randomSplit(range(c.n), c.lengths, opt(generatorOf(c.generator, c.seed)));
    expect(parts.map((p) => p.indices)).toEqual(c.parts);
    expect(after()).toEqual(c.after);
  });
});

/** A fixture value as JS data: {"tensor", "dtype"} → a tensor, {"tuple"} → an array. */
function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("tensor" in o) return torch.tensor(o.tensor as number[], { dtype: o.dtype as torch.DType });
    if ("tuple" in o) return (o.tuple as unknown[]).map(decode);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}

/** A collated result in the fixture's encoding (tuples are arrays on both sides). */
function encode(v: unknown): unknown {
  if (v instanceof torch.Tensor) return { tensor: v.tolist(), dtype: v.dtype, shape: [...v.shape] };
  if (Array.isArray(v)) return v.map(encode);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}
const untuple = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(untuple)
    : v !== null && typeof v === "object"
      ? "tuple" in v
        ? untuple((v as { tuple: unknown }).tuple)
        : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, untuple(x)]))
      : v;

describe("defaultCollate equals PyTorch 1.13's default_collate", () => {
  test.each(fixture.collate.map((c) => [c.name, c] as const))("%s", (_, c) => {
    expect(encode(defaultCollate(decode(c.batch) as unknown[]))).toEqual(untuple(c.result));
  });
});

class Stream extends IterableDataset<number> {
  *[Symbol.iterator](): Iterator<number> {
    yield* [0, 1, 2];
  }
}

const r4 = range(4);
const ERRORS: Record<keyof typeof fixture.errors, () => unknown> = {
  collateTensorSizes: () => defaultCollate([torch.zeros(2), torch.zeros(3)]),
  collateListSizes: () => defaultCollate([[1, 2], [3]]),
  collateNone: () => defaultCollate([null, null]),
  tensorDatasetSizes: () => new TensorDataset(torch.zeros(3, 2), torch.zeros(4)),
  concatEmpty: () => new ConcatDataset([]),
  concatIterable: () => new ConcatDataset([new Stream() as unknown as number[]]),
  concatNegative: () => new ConcatDataset([range(2), range(3)]).getItem(-6),
  loaderSamplerShuffle: () => new DataLoader(r4, { sampler: new SequentialSampler(r4), shuffle: true }),
  loaderBatchSamplerBatchSize: () => new DataLoader(r4, { batchSampler: new BatchSampler(r4, 2, false), batchSize: 2 }),
  loaderBatchSamplerShuffle: () => new DataLoader(r4, { batchSampler: new BatchSampler(r4, 2, false), shuffle: true }),
  loaderBatchSamplerDropLast: () => new DataLoader(r4, { batchSampler: new BatchSampler(r4, 2, false), dropLast: true }),
  loaderBatchSizeNoneDropLast: () => new DataLoader(r4, { batchSize: null, dropLast: true }),
  loaderNegativeWorkers: () => new DataLoader(r4, { numWorkers: -1 }),
  loaderIterableShuffle: () => new DataLoader(new Stream(), { shuffle: true }),
  loaderIterableSampler: () => new DataLoader(new Stream(), { sampler: [0, 1] }),
  loaderIterableBatchSampler: () => new DataLoader(new Stream(), { batchSampler: [[0, 1]] }),
  randomSamplerZero: () => new RandomSampler(r4, { numSamples: 0 }),
  weightedZero: () => new WeightedRandomSampler([1, 2], 0),
  weighted2d: () => new WeightedRandomSampler(torch.tensor([[1.0, 2.0]]), 2),
  weightedTooMany: () => [...new WeightedRandomSampler([1, 2], 3, { replacement: false })],
  batchSamplerZero: () => new BatchSampler(r4, 0, false),
  splitSum: () => randomSplit(range(10), [3, 3]),
  splitFraction: () => randomSplit(range(10), [1.5, -0.5]),
};

// PyTorch's AssertionError has no counterpart among tensor-core's classes: those become ValueError.
const CLASSES: Record<string, new (...a: never[]) => Error> = {
  ValueError: torch.ValueError,
  RuntimeError: torch.RuntimeError,
  TypeError: torch.TorchTypeError,
  AssertionError: torch.ValueError,
};

describe("errors carry PyTorch 1.13's messages", () => {
  test.each(Object.entries(fixture.errors))("%s", (name, expected) => {
    const [cls, ...rest] = expected.split(": ");
    const fn = ERRORS[name as keyof typeof ERRORS];
    expect(fn).toThrow(CLASSES[cls as string] as new () => Error);
    expect(fn).toThrow(rest.join(": "));
  });
});
