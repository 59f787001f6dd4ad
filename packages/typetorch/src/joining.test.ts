// Joining/reordering behaviour beyond the PyTorch fixtures: async unique, call forms, fresh
// results, the digit-complement flip on long dims of every dtype, and op names seen by layers.
import { describe, expect, it } from "vitest";
import * as torch from "./index.js";

describe("joining and reordering", () => {
  it("uniqueAsync gives unique's results without a synchronous read", async () => {
    const x = torch.tensor([[1, 3], [2, 3], [1, 3]]);
    const [values, inverse, counts] = await torch.uniqueAsync(x, { dim: 0, returnInverse: true, returnCounts: true });
    expect(values?.tolist()).toEqual([[1, 3], [2, 3]]);
    expect(inverse?.tolist()).toEqual([0, 1, 0]);
    expect(counts?.tolist()).toEqual([2, 1]);
    expect((await x.uniqueAsync()).tolist()).toEqual([1, 2, 3]);
  });

  it("unique counts each NaN once (PyTorch 1.13 reports 0 there, a PyTorch bug)", () => {
    const [v, c] = torch.unique(torch.tensor([NaN, 1, NaN]), { returnCounts: true });
    expect(v?.tolist()).toEqual([1, NaN, NaN]);
    expect(c?.tolist()).toEqual([1, 1, 1]);
  });

  it("repeatInterleave(repeats) alone repeats arange(n)", () => {
    expect(torch.repeatInterleave(torch.tensor([1, 0, 2])).tolist()).toEqual([0, 2, 2]);
  });

  it("method forms: sort(dim, descending), topk options object, kthvalue keepdim", () => {
    const m = torch.tensor([[3, 1, 2], [9, 7, 8]]);
    expect(m.sort(1, true).values.tolist()).toEqual([[3, 2, 1], [9, 8, 7]]);
    expect(m.argsort({ dim: 0, descending: true }).tolist()).toEqual([[1, 1, 1], [0, 0, 0]]);
    expect(m.topk(1, { dim: 1, largest: false }).indices.tolist()).toEqual([[1], [1]]);
    expect(m.kthvalue(2, 1, true).values.shape).toEqual([2, 1]);
    expect(m.msort().tolist()).toEqual([[3, 1, 2], [9, 7, 8]]);
  });

  it("results are fresh tensors that do not share the input's storage", () => {
    const x = torch.arange(6).reshape(2, 3);
    for (const y of [x.flip(0), x.roll(1), x.repeat(1, 1), x.tile([1]), x.tril(), torch.cat([x]), x.sort().values]) {
      expect(y.sharesStorage(x)).toBe(false);
      expect(y.isContiguous()).toBe(true);
    }
  });

  it("flip and sort keep a dense input's layout; the others return row-major (PyTorch 1.13's strides)", () => {
    const x = torch.arange(6).reshape(2, 3).T;
    expect(x.flip(0).stride()).toEqual([1, 3]);
    expect(x.flip(1).stride()).toEqual([1, 3]);
    expect(x.sort(0).values.stride()).toEqual([1, 3]);
    expect(x.sort(0).indices.stride()).toEqual([1, 3]);
    expect(x.argsort(0).stride()).toEqual([1, 3]);
    expect(torch.roll(x, 1, 0).stride()).toEqual([2, 1]);
    expect(x.repeat(1, 1).stride()).toEqual([2, 1]);
    expect(x.tril().stride()).toEqual([2, 1]);
    expect(torch.cat([x, x], 0).stride()).toEqual([2, 1]);
    expect(x.topk(2, 0).values.stride()).toEqual([2, 1]);
    const z = torch.arange(24).reshape(2, 3, 4).permute(2, 0, 1);
    expect(z.flip(0).stride()).toEqual([1, 12, 4]);
    expect(z.sort(0).values.stride()).toEqual([1, 12, 4]);
    const e = torch.arange(4).reshape(2, 2).narrow(1, 0, 1).expand(2, 3);
    expect([e.flip(0).stride(), e.sort(0).values.stride()]).toEqual([[3, 1], [3, 1]]);
  });

  it("flip of long dims (the 2·√n-copy path) is exact for every dtype and layout", () => {
    for (const dtype of [torch.float16, torch.bfloat16, torch.int64, torch.bool, torch.uint8, torch.float64]) {
      const base = torch.arange(3 * 70).remainder(dtype === torch.bool ? 2 : 50).to(dtype).reshape(3, 70);
      const ref = (base.tolist() as unknown[][]).map((row) => [...row].reverse());
      expect(base.flip(1).tolist()).toEqual(ref);
      expect(base.T.flip(0).T.tolist()).toEqual(ref);
    }
  });

  it("records one named op per call for dispatcher layers", () => {
    const names: string[] = [];
    const uninstall = torch.installLayer((call, next) => {
      names.push(call.name);
      return next();
    });
    try {
      torch.stack([torch.ones(2), torch.ones(2)]);
      torch.flip(torch.ones(2), [0]);
      torch.sort(torch.ones(2));
    } finally {
      uninstall();
    }
    expect(names).toEqual(expect.arrayContaining(["stack", "cat", "flip", "sort"]));
  });
});

describe("torch.where with one argument", () => {
  // PyTorch 1.13: torch.where(torch.tensor([[0, 1.5], [2, 0]])) → (tensor([0, 1]), tensor([1, 0]))
  it("gives the nonzero coordinates, one tensor per dim", () => {
    const [rows, cols] = torch.where(torch.tensor([[0, 1.5], [2, 0]]));
    expect(String(rows)).toBe("tensor([0, 1])");
    expect(String(cols)).toBe("tensor([1, 0])");
  });
  // PyTorch 1.13: torch.where(torch.tensor(3)) → (tensor([0]),)
  it("treats a 0-dim condition as one element", () => {
    const r = torch.where(torch.tensor(3));
    expect(r.map(String)).toEqual(["tensor([0])"]);
  });
});
