import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as torch from "typetorch";
import { ChainDataset, ConcatDataset, Dataset, IterableDataset, Subset, TensorDataset, randomSplit } from "./index.js";

class Squares extends Dataset<[number, number]> {
  readonly length = 5;
  getItem(i: number): [number, number] {
    return [i, i * i];
  }
}

class Count extends IterableDataset<number> {
  constructor(readonly length: number) {
    super();
  }
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.length; i++) yield i;
  }
}

describe("Dataset", () => {
  test("a subclass defines getItem and length; at() counts negatives from the end; it iterates", () => {
    const ds = new Squares();
    expect(ds.at(2)).toEqual([2, 4]);
    expect(ds.at(-1)).toEqual([4, 16]);
    expect([...ds].map(([, y]) => y)).toEqual([0, 1, 4, 9, 16]);
  });

  test("at() outside the dataset is an IndexError", () => {
    const ds = new Squares();
    for (const i of [5, -6, 1.5]) expect(() => ds.at(i)).toThrow(torch.IndexError);
    expect(() => ds.at(5)).toThrow("index 5 is out of range for a dataset of length 5");
  });

  test("add() is PyTorch's dataset + other: a ConcatDataset", () => {
    const both = new Squares().add(new Squares());
    expect(both).toBeInstanceOf(ConcatDataset);
    expect(both.length).toBe(10);
    expect(both.at(7)).toEqual([2, 4]);
  });
});

describe("TensorDataset", () => {
  const x = torch.arange(12, { dtype: torch.float32 }).reshape(4, 3);
  const y = torch.tensor([0, 1, 0, 1]);

  test("items are tuples of rows, indexed along the first dimension", () => {
    const ds = new TensorDataset(x, y);
    expect(ds.length).toBe(4);
    const [xi, yi] = ds.at(1);
    expect(xi.tolist()).toEqual([3, 4, 5]);
    expect(yi.item()).toBe(1);
    expect(ds.at(-1)[0].tolist()).toEqual([9, 10, 11]);
  });

  test("rows are views: they share storage with the tensors", () => {
    const t = torch.zeros(3, 2);
    const [row] = new TensorDataset(t).at(2);
    t.indexPut_([2, 0], 7);
    expect(row.tolist()).toEqual([7, 0]);
  });

  test("a row index out of range is PyTorch's IndexError", () => {
    expect(() => new TensorDataset(x, y).getItem(4)).toThrow("index 4 is out of bounds for dimension 0 with size 4");
  });

  test("getBatch(indices) equals stacking the rows (what defaultCollate does)", () => {
    const ds = new TensorDataset(x, y);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -4, max: 3 }), { minLength: 1, maxLength: 8 }), (idx) => {
        const batch = ds.getBatch(idx);
        batch.forEach((b, k) => {
          const rows = torch.stack(idx.map((i) => ds.getItem(i)[k] as torch.Tensor));
          expect(b.dtype).toBe(rows.dtype);
          expect(b.tolist()).toEqual(rows.tolist());
        });
      }),
    );
    expect(() => ds.getBatch([0, 9])).toThrow(torch.IndexError);
  });

  test("no tensors is an error", () => {
    expect(() => new TensorDataset()).toThrow(torch.ValueError);
  });
});

describe("Subset and ConcatDataset", () => {
  test("Subset maps its indices into the dataset", () => {
    const s = new Subset(["a", "b", "c", "d"], [3, 0]);
    expect(s.length).toBe(2);
    expect([...s]).toEqual(["d", "a"]);
    expect(s.at(-1)).toBe("a");
  });

  test("a Subset of a TensorDataset batches through the underlying getBatch", () => {
    const ds = new TensorDataset(torch.arange(5).mul(10));
    const s = new Subset(ds, [4, 2, 0]);
    const [col] = s.getBatch?.([0, 2]) as torch.Tensor[];
    expect(col?.tolist()).toEqual([40, 0]);
    expect(new Subset([1, 2], [0]).getBatch).toBeUndefined();
  });

  test("ConcatDataset: cumulativeSizes and indices across the parts", () => {
    const c = new ConcatDataset([[0, 1], [], [2, 3, 4]]);
    expect(c.cumulativeSizes).toEqual([2, 2, 5]);
    expect(c.length).toBe(5);
    expect([...c]).toEqual([0, 1, 2, 3, 4]);
    expect(c.getItem(-1)).toBe(4);
    expect(() => c.getItem(5)).toThrow(torch.IndexError);
  });

  test("law: a ConcatDataset is its parts one after another", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer(), { maxLength: 5 }), { minLength: 1, maxLength: 5 }), (parts) => {
        expect([...new ConcatDataset(parts)]).toEqual(parts.flat());
      }),
    );
  });
});

describe("IterableDataset and ChainDataset", () => {
  test("ChainDataset streams its datasets in turn; its length sums theirs", () => {
    const chain = new Count(2).add(new Count(3));
    expect(chain).toBeInstanceOf(ChainDataset);
    expect([...chain]).toEqual([0, 1, 0, 1, 2]);
    expect(chain.length).toBe(5);
  });

  test("a stream without a length gives a chain without one", () => {
    class Endless extends IterableDataset<number> {
      *[Symbol.iterator](): Iterator<number> {
        yield 1;
      }
    }
    expect(new ChainDataset([new Count(1), new Endless()]).length).toBeUndefined();
  });
});

describe("randomSplit", () => {
  test("law: the parts have the asked lengths, are disjoint and cover the dataset", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 20 }), { minLength: 1, maxLength: 5 }), fc.integer(), (lengths, seed) => {
        const n = lengths.reduce((a, b) => a + b, 0);
        // (lengths summing to 1, like [0, 1], take PyTorch's fraction path, which gives the same lengths)
        const parts = randomSplit(Array.from({ length: n }, (_, i) => i), lengths, { generator: new torch.Generator().manualSeed(seed) });
        expect(parts.map((p) => p.length)).toEqual(lengths);
        expect(parts.flatMap((p) => [...p]).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });

  test("fractions: floor(n·f) each, then the remainder round-robin (PyTorch 1.13)", () => {
    const g = new torch.Generator().manualSeed(0);
    expect(randomSplit(Array(11).fill(0), [0.5, 0.5], { generator: g }).map((p) => p.length)).toEqual([6, 5]);
    expect(randomSplit(Array(10).fill(0), [0.33, 0.33, 0.34], { generator: g }).map((p) => p.length)).toEqual([4, 3, 3]);
  });

  test("the same generator seed gives the same split (portable mode too)", () => {
    const split = (): number[][] =>
      randomSplit(Array(30).fill(0), [0.2, 0.8], { generator: new torch.Generator().manualSeed(7) }).map((p) => [...p.indices]);
    expect(split()).toEqual(split());
  });

  test("lengths that are neither integers nor fractions summing to 1 are refused", () => {
    expect(() => randomSplit(Array(10).fill(0), [2.5, 7.5])).toThrow(torch.ValueError);
    expect(() => randomSplit(Array(10).fill(0), [-1, 11])).toThrow(torch.ValueError);
  });
});
