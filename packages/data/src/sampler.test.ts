import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as torch from "typetorch";
import { BatchSampler, RandomSampler, SequentialSampler, SubsetRandomSampler, WeightedRandomSampler } from "./index.js";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
const counts = (xs: number[], n: number): number[] => xs.reduce((c, x) => ((c[x] = (c[x] as number) + 1), c), Array<number>(n).fill(0));

describe("SequentialSampler", () => {
  test("0 … n−1, and its length", () => {
    const s = new SequentialSampler(range(4));
    expect([...s]).toEqual([0, 1, 2, 3]);
    expect(s.length).toBe(4);
  });
});

describe("RandomSampler", () => {
  test("law: without replacement every index appears exactly once per epoch", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer(), (n, seed) => {
        const s = new RandomSampler(range(n), { generator: new torch.Generator().manualSeed(seed) });
        for (let epoch = 0; epoch < 2; epoch++) expect(sorted([...s])).toEqual(range(n));
      }),
    );
  });

  test("law: numSamples > n without replacement gives whole permutations, then a partial one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 35 }), (n, m) => {
        const drawn = [...new RandomSampler(range(n), { numSamples: m })];
        expect(drawn.length).toBe(m);
        const full = Math.floor(m / n);
        for (const c of counts(drawn, n)) expect(c === full || c === full + 1).toBe(true);
      }),
    );
  });

  test("law: with replacement, numSamples indices in [0, n)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 80 }), (n, m) => {
        const s = new RandomSampler(range(n), { replacement: true, numSamples: m });
        const drawn = [...s];
        expect(s.length).toBe(m);
        expect(drawn.length).toBe(m);
        expect(drawn.every((i) => Number.isInteger(i) && i >= 0 && i < n)).toBe(true);
      }),
    );
  });

  test("torch.manualSeed fixes the order of a sampler without a generator (both RNG modes)", () => {
    const epoch = (): number[] => {
      torch.manualSeed(3);
      return [...new RandomSampler(range(20))];
    };
    try {
      for (const mode of ["portable", "torch"] as const) {
        torch.setRngMode(mode);
        expect(epoch()).toEqual(epoch());
      }
    } finally {
      torch.setRngMode("portable");
    }
  });

  test("an empty dataset cannot be sampled", () => {
    expect(() => new RandomSampler([])).toThrow("num_samples should be a positive integer value, but got num_samples=0");
    expect(() => [...new RandomSampler([], { numSamples: 3 })]).toThrow(torch.ValueError);
  });
});

describe("SubsetRandomSampler", () => {
  test("law: a permutation of the given indices", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 100 }), { maxLength: 20 }), (indices) => {
        const s = new SubsetRandomSampler(indices);
        expect(s.length).toBe(indices.length);
        expect(sorted([...s])).toEqual(sorted(indices));
      }),
    );
  });
});

describe("WeightedRandomSampler", () => {
  test("never draws a zero-weight index; without replacement draws distinct indices", () => {
    const g = new torch.Generator().manualSeed(1);
    const drawn = [...new WeightedRandomSampler([0, 1, 0, 2], 50, { generator: g })];
    expect(drawn.length).toBe(50);
    expect(drawn.every((i) => i === 1 || i === 3)).toBe(true);
    const distinct = [...new WeightedRandomSampler([1, 1, 1, 1, 1], 5, { replacement: false, generator: g })];
    expect(sorted(distinct)).toEqual(range(5));
  });

  test("heavier weights are drawn more often (law of large numbers)", () => {
    const drawn = [...new WeightedRandomSampler([1, 3], 4000, { generator: new torch.Generator().manualSeed(2) })];
    const share = counts(drawn, 2)[1] as number;
    expect(share / 4000).toBeGreaterThan(0.7);
    expect(share / 4000).toBeLessThan(0.8);
  });

  test("weights may be a tensor; they are kept as float64", () => {
    expect(new WeightedRandomSampler(torch.tensor([1, 2]), 3).weights.dtype).toBe("float64");
  });
});

describe("BatchSampler", () => {
  test("PyTorch's docstring example", () => {
    expect([...new BatchSampler(new SequentialSampler(range(10)), 3, false)]).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect([...new BatchSampler(new SequentialSampler(range(10)), 3, true)]).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
  });

  test("laws: batches concatenate to the sampler; length is ceil/floor(n / batchSize); all but the last are full", () => {
    fc.assert(
      fc.property(fc.nat({ max: 30 }), fc.integer({ min: 1, max: 8 }), fc.boolean(), (n, b, dropLast) => {
        const s = new BatchSampler(range(n), b, dropLast);
        const batches = [...s];
        expect(s.length).toBe(dropLast ? Math.floor(n / b) : Math.ceil(n / b));
        expect(batches.length).toBe(s.length);
        expect(batches.flat()).toEqual(range(dropLast ? Math.floor(n / b) * b : n));
        expect(batches.slice(0, -1).every((x) => x.length === b)).toBe(true);
      }),
    );
  });

  test("a sampler without a length gives a BatchSampler without one", () => {
    function* gen(): Generator<number> {
      yield 1;
    }
    expect(() => new BatchSampler(gen(), 2, false).length).toThrow(torch.TorchTypeError);
  });
});
