import { describe, expect, expectTypeOf, test } from "vitest";
import fc from "fast-check";
import * as torch from "typetorch";
import { BatchSampler, DataLoader, Dataset, IterableDataset, SequentialSampler, TensorDataset, defaultCollate } from "./index.js";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const rows = (t: torch.Tensor): unknown[] => t.tolist() as unknown[];

describe("DataLoader over a TensorDataset", () => {
  const x = torch.arange(20, { dtype: torch.float32 }).reshape(10, 2);
  const y = torch.arange(10);
  const ds = new TensorDataset(x, y);

  test("the tutorials' loop: [bx, by] batches of batchSize rows, the last one shorter", () => {
    const loader = new DataLoader(ds, { batchSize: 4 });
    const shapes: number[][] = [];
    for (const [bx, by] of loader) {
      expectTypeOf(bx).toEqualTypeOf<torch.Tensor>();
      shapes.push([...bx.shape], [...by.shape]);
    }
    expect(shapes).toEqual([[4, 2], [4], [4, 2], [4], [2, 2], [2]]);
    expect(loader.length).toBe(3);
  });

  test("law: the batches of an unshuffled loader concatenate to the dataset", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (b) => {
        const batches = [...new DataLoader(ds, { batchSize: b })];
        expect(torch.cat(batches.map(([bx]) => bx)).equal(x)).toBe(true);
        expect(torch.cat(batches.map(([, by]) => by)).equal(y)).toBe(true);
      }),
    );
  });

  test("law: length is ceil(n / batchSize), or floor with dropLast, and iteration yields that many batches", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 12 }), fc.boolean(), fc.boolean(), (n, b, dropLast, shuffle) => {
        const loader = new DataLoader(range(n), { batchSize: b, dropLast, shuffle });
        expect(loader.length).toBe(dropLast ? Math.floor(n / b) : Math.ceil(n / b));
        expect([...loader].length).toBe(loader.length);
      }),
    );
  });

  test("law: a shuffled loader visits every index exactly once per epoch", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 8 }), (n, b) => {
        const loader = new DataLoader(range(n), { batchSize: b, shuffle: true });
        for (let epoch = 0; epoch < 2; epoch++) {
          const seen = [...loader].flatMap((t) => t.tolist() as number[]);
          expect(seen.sort((p, q) => p - q)).toEqual(range(n));
        }
      }),
    );
  });

  test("batches are built with indexSelect and equal defaultCollate of the items", () => {
    const g = new torch.Generator().manualSeed(5);
    const fast = [...new DataLoader(ds, { batchSize: 3, shuffle: true, generator: g })];
    g.manualSeed(5);
    const slow = [...new DataLoader(ds, { batchSize: 3, shuffle: true, generator: g, collateFn: (items) => defaultCollate(items) })];
    expect(fast.map((b) => b.map(rows))).toEqual(slow.map((b) => b.map(rows)));
    expect(fast[0]?.[0]?.gradFn).toBeNull();
  });

  test("batches of a tensor that requires grad carry its graph (one IndexSelect, not a stack of rows)", () => {
    const w = torch.ones(4, 2, { requiresGrad: true });
    const bw = [...new DataLoader(new TensorDataset(w), { batchSize: 4, shuffle: true })][0]?.[0];
    expect(bw?.gradFn?.name()).toBe("IndexSelectBackward0");
    const sw = [...new DataLoader(new TensorDataset(w), { batchSize: 4, collateFn: (items) => defaultCollate(items) })][0]?.[0];
    expect(sw?.gradFn?.name()).toBe("StackBackward0");
    bw?.sum().backward();
    expect(w.grad?.tolist()).toEqual(torch.ones(4, 2).tolist());
  });

  test("the same generator seed gives the same order; shuffling changes it", () => {
    const order = (seed: number): number[] =>
      [...new DataLoader(range(50), { batchSize: 50, shuffle: true, generator: new torch.Generator().manualSeed(seed) })].flatMap(
        (t) => t.tolist() as number[],
      );
    expect(order(1)).toEqual(order(1));
    expect(order(1)).not.toEqual(range(50));
  });
});

describe("DataLoader options", () => {
  test("a sampler fixes the order; a batchSampler fixes the batches", () => {
    const reverse = { length: 4, *[Symbol.iterator]() { yield* [3, 2, 1, 0]; } };
    expect([...new DataLoader(range(4), { sampler: reverse, batchSize: 3 })].map((t) => t.tolist())).toEqual([[3, 2, 1], [0]]);
    const batches = new BatchSampler(new SequentialSampler(range(5)), 2, true);
    const loader = new DataLoader(["a", "b", "c", "d", "e"], { batchSampler: batches });
    expect([...loader]).toEqual([["a", "b"], ["c", "d"]]);
    expect(loader.length).toBe(2);
    expect(loader.batchSize).toBeNull();
  });

  test("batchSize null turns batching off: items come one by one, converted not collated", () => {
    const loader = new DataLoader([{ v: new Float32Array([1, 2]) }, { v: new Float32Array([3]) }], { batchSize: null });
    const items = [...loader];
    expect(loader.length).toBe(2);
    expect(items.map((i) => (i as { v: torch.Tensor }).v.tolist())).toEqual([[1, 2], [3]]);
  });

  test("a collateFn builds each batch from the list of items", () => {
    const loader = new DataLoader(range(5), { batchSize: 2, collateFn: (items) => items.join("+") });
    expectTypeOf(loader).toEqualTypeOf<DataLoader<number, string>>();
    expect([...loader]).toEqual(["0+1", "2+3", "4"]);
  });

  test("numWorkers > 0 is refused: there are no worker processes", () => {
    expect(() => new DataLoader(range(4), { numWorkers: 2 })).toThrow(/no worker processes/);
    expect(new DataLoader(range(4), { numWorkers: 0 }).numWorkers).toBe(0);
  });

  test("a map-style dataset class works as well as an array", () => {
    class Pairs extends Dataset<{ x: number; label: string }> {
      readonly length = 3;
      getItem(i: number): { x: number; label: string } {
        return { x: i / 2, label: `n${i}` };
      }
    }
    const [batch] = [...new DataLoader(new Pairs(), { batchSize: 3 })];
    expectTypeOf(batch!).toEqualTypeOf<{ x: torch.Tensor; label: string[] }>();
    expect(batch?.x.dtype).toBe("float64");
    expect(batch?.x.tolist()).toEqual([0, 0.5, 1]);
    expect(batch?.label).toEqual(["n0", "n1", "n2"]);
  });
});

class Stream extends IterableDataset<number> {
  constructor(readonly length: number) {
    super();
  }
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.length; i++) yield i * 10;
  }
}

describe("DataLoader over an IterableDataset", () => {
  test("batches of the stream, the last one shorter or dropped", () => {
    expect([...new DataLoader(new Stream(5), { batchSize: 2 })].map((t) => t.tolist())).toEqual([[0, 10], [20, 30], [40]]);
    expect([...new DataLoader(new Stream(5), { batchSize: 2, dropLast: true })].map((t) => t.tolist())).toEqual([[0, 10], [20, 30]]);
    expect(new DataLoader(new Stream(5), { batchSize: 2 }).length).toBe(3);
    expect(new DataLoader(new Stream(5), { batchSize: 2, dropLast: true }).length).toBe(2);
    expect([...new DataLoader(new Stream(2), { batchSize: null })]).toEqual([0, 10]);
  });

  test("a stream without a length gives a loader without one", () => {
    class Endless extends IterableDataset<number> {
      *[Symbol.iterator](): Iterator<number> {
        yield 1;
      }
    }
    expect(() => new DataLoader(new Endless()).length).toThrow("object of type 'Endless' has no len()");
  });
});

describe("async iteration", () => {
  class Slow extends Dataset<Promise<[torch.Tensor, number]>> {
    readonly length = 5;
    async getItem(i: number): Promise<[torch.Tensor, number]> {
      await new Promise((r) => setTimeout(r, 1));
      return [torch.tensor([i, -i]), i];
    }
  }

  test("for await collates the awaited items of a dataset of Promises", async () => {
    const seen: unknown[] = [];
    for await (const [xs, ys] of new DataLoader(new Slow(), { batchSize: 2 })) {
      expectTypeOf(xs).toEqualTypeOf<torch.Tensor>();
      seen.push([xs.tolist(), ys.tolist()]);
    }
    expect(seen).toEqual([
      [[[0, 0], [1, -1]], [0, 1]],
      [[[2, -2], [3, -3]], [2, 3]],
      [[[4, -4]], [4]],
    ]);
  });

  test("for await also works for plain datasets and streams", async () => {
    const out: unknown[] = [];
    for await (const b of new DataLoader(new Stream(3), { batchSize: 2 })) out.push(b.tolist());
    for await (const b of new DataLoader(range(3), { batchSize: null })) out.push(b);
    expect(out).toEqual([[0, 10], [20], 0, 1, 2]);
  });

  test("synchronous iteration over Promise items says to use for await", () => {
    expect(() => [...new DataLoader(new Slow(), { batchSize: 2 })]).toThrow(/for await/);
  });
});
