// Indexing as a PyTorch user reads it (API.md rule 6): each test is a snippet with what PyTorch
// prints or returns, then the traps — views versus copies, writes through views, errors that leave
// the target untouched, and the async forms on a device that cannot read synchronously.
import { describe, expect, it } from "vitest";
import * as torch from "./index.js";

const data = (): torch.Tensor => torch.tensor([[1, 2, 3], [4, 5, 6]]);

describe("x.index(...) reads like x[...]", () => {
  it("data[0], data[:, 0], data[:1, 1:] are views", () => {
    const d = data();
    expect(String(d.index(0))).toBe("tensor([1, 2, 3])");
    expect(String(d.index(":", 0))).toBe("tensor([1, 4])");
    const v = d.index(":1", "1:");
    expect(String(v)).toBe("tensor([[2, 3]])");
    expect(v.sharesStorage(d)).toBe(true);
    expect([v.stride(), v.storageOffset()]).toEqual([[3, 1], 1]);
  });

  it("data[[0, 1], [1, 2]] and data[[[0], [1]], [1, 2]] copy", () => {
    const d = data();
    const r = d.index([0, 1], [1, 2]);
    expect(String(r)).toBe("tensor([2, 6])");
    expect(r.sharesStorage(d)).toBe(false);
    expect(String(d.index([[0], [1]], [1, 2]))).toBe("tensor([[2, 3],\n        [5, 6]])");
  });

  it("bool masks: data[data[:, 2] > 5] and data[:, data[1] > 5]", () => {
    const d = data();
    expect(String(d.index(d.index(":", 2).gt(5)))).toBe("tensor([[4, 5, 6]])");
    expect(String(d.index(":", d.index(1).gt(5)))).toBe("tensor([[3],\n        [6]])");
    expect(String(d.index(d.gt(2)))).toBe("tensor([3, 4, 5, 6])");
  });

  it("slices, negative indices, '...', null", () => {
    const x = torch.arange(24).reshape(2, 3, 4);
    expect(x.index("...", -1).tolist()).toEqual([[3, 7, 11], [15, 19, 23]]);
    expect(x.index(-1, "::2", "1:-1:2").tolist()).toEqual([[13], [21]]);
    expect(x.index(null, 0, "...", null).shape).toEqual([1, 3, 4, 1]);
    expect(x.index(":", ":", 0).tolist()).toEqual([[0, 4, 8], [12, 16, 20]]);
  });

  it("where the advanced dims go: adjacent stay, separated go first, integers are selects", () => {
    const x = torch.zeros(2, 3, 4);
    expect(x.index(":", [0, 1], [0, 1]).shape).toEqual([2, 2]);
    expect(x.index([0, 1], ":", [0, 1]).shape).toEqual([2, 3]);
    expect(x.index(0, ":", [0, 1]).shape).toEqual([3, 2]); // NumPy would give [2, 3]
  });

  it("errors carry PyTorch's class and message", () => {
    const d = data();
    expect(() => d.index(5)).toThrow(new torch.IndexError("index 5 is out of bounds for dimension 0 with size 2"));
    expect(() => d.index("::-1")).toThrow(new torch.ValueError("step must be greater than zero"));
    expect(() => torch.zeros(2, 3, 4).index(0, 0, 0, 0)).toThrow("too many indices for tensor of dimension 3");
    expect(() => d.index(torch.tensor([true, false, true]))).toThrow(
      "The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3] at index 0",
    );
    expect(() => d.index([0, 1], [0, 1, 2])).toThrow(
      "shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]",
    );
  });
});

describe("x.indexPut_(indices, value)", () => {
  it("writes through a view to its base and bumps the version", () => {
    const base = torch.zeros(3, 4);
    const view = base.index("1:", "::2");
    const v0 = base._version;
    view.indexPut_([[0, 1], [1, 0]], 7);
    expect(base.tolist()).toEqual([[0, 0, 0, 0], [0, 0, 7, 0], [7, 0, 0, 0]]);
    expect(base._version).toBe(v0 + 1);
  });

  it("broadcasts the value and accumulates duplicates", () => {
    const x = torch.zeros(5);
    x.indexPut_([torch.tensor([0, 0, 2])], torch.tensor(1.5), { accumulate: true });
    expect(x.tolist()).toEqual([3, 0, 1.5, 0, 0]);
    const y = torch.zeros(2, 3);
    y.indexPut_([[1]], torch.tensor([1, 2, 3], { dtype: torch.float32 }));
    expect(y.tolist()).toEqual([[0, 0, 0], [1, 2, 3]]);
  });

  it("x[mask] = 0 is a masked fill", () => {
    const d = data();
    d.indexPut_([d.gt(3)], 0);
    expect(d.tolist()).toEqual([[1, 2, 3], [0, 0, 0]]);
  });

  it("leaves the target untouched on error", () => {
    const d = data();
    expect(() => d.indexPut_([[0, 5]], 9)).toThrow("index 5 is out of bounds for dimension 0 with size 2");
    expect(() => d.indexPut_([[0, 1], [0, 3]], 9)).toThrow("index 3 is out of bounds for dimension 1 with size 3");
    expect(() => d.indexPut_([[0]], torch.tensor([1, 2]))).toThrow("shape mismatch: value tensor of shape [2]");
    expect(() => d.scatter_(1, torch.tensor([[0, 9]]), torch.tensor([[7, 7]]))).toThrow(
      "index 9 is out of bounds for dimension 1 with size 3",
    );
    expect(d.tolist()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(d._version).toBe(0);
  });
});

describe("the gather/scatter family", () => {
  it("gather picks along a dim; scatter and scatterAdd write along it", () => {
    const t = torch.tensor([[1, 2], [3, 4]]);
    expect(torch.gather(t, 1, torch.tensor([[0, 0], [1, 0]])).tolist()).toEqual([[1, 1], [4, 3]]);
    const z = torch.zeros(2, 3, { dtype: torch.int64 });
    expect(z.scatter(1, torch.tensor([[2], [0]]), 5).tolist()).toEqual([[0, 0, 5], [5, 0, 0]]);
    expect(z.scatterAdd(1, torch.tensor([[0, 0]]), torch.tensor([[2, 3]])).tolist()).toEqual([[5, 0, 0], [0, 0, 0]]);
  });

  it("scatterReduce with and without self", () => {
    const x = torch.tensor([1, 2, 3, 4], { dtype: torch.float32 });
    const idx = torch.tensor([0, 1, 0, 1]);
    const self = torch.tensor([10, 20], { dtype: torch.float32 });
    expect(self.scatterReduce(0, idx, x, "sum").tolist()).toEqual([14, 26]);
    expect(self.scatterReduce(0, idx, x, "amax", { includeSelf: false }).tolist()).toEqual([3, 4]);
    expect(self.scatterReduce(0, idx, x, "mean", { includeSelf: false }).tolist()).toEqual([2, 3]);
  });

  it("indexSelect, indexAdd_ with alpha, indexFill_, take, maskedSelect, nonzero", () => {
    const d = data();
    expect(d.indexSelect(1, torch.tensor([2, 0])).tolist()).toEqual([[3, 1], [6, 4]]);
    expect(d.clone().indexAdd_(0, torch.tensor([1]), torch.ones(1, 3, { dtype: torch.int64 }), { alpha: 10 }).tolist()).toEqual([
      [1, 2, 3],
      [14, 15, 16],
    ]);
    expect(d.clone().indexFill_(1, torch.tensor([0]), torch.tensor(-1)).tolist()).toEqual([[-1, 2, 3], [-1, 5, 6]]);
    expect(torch.take(d, torch.tensor([0, -1])).tolist()).toEqual([1, 6]);
    expect(d.maskedSelect(d.gt(4)).tolist()).toEqual([5, 6]);
    expect(d.gt(4).nonzero().tolist()).toEqual([[1, 1], [1, 2]]);
    expect(torch.nonzero(d.gt(4), { asTuple: true }).map((t) => t.tolist())).toEqual([[1, 1], [1, 2]]);
    expect(torch.argwhere(d.eq(2)).tolist()).toEqual([[0, 1]]);
  });
});

describe("memory", () => {
  it("indexing leaves only its results alive (temporaries are disposed)", () => {
    const x = torch.arange(12).reshape(3, 4);
    const mask = x.gt(4);
    const idx = torch.tensor([2, 0]);
    const gatherIdx = torch.tensor([[0], [1], [2]]);
    const one = torch.tensor(1);
    const rows = torch.tensor([true, false, true]);
    const before = torch.memory().numTensors;
    const results = [x.index(idx, ":"), x.index(mask), x.index(":", [1, -1]), x.gather(1, gatherIdx), x.index(rows, [0, 1])];
    x.indexPut_([idx], 0);
    x.indexPut_([mask], one);
    x.indexPut_([idx, [1, 2]], one, { accumulate: true });
    expect(torch.memory().numTensors).toBe(before + results.length);
  });
});

describe("async forms on a device that cannot read synchronously", () => {
  const cpu = torch.createCpuBackend();
  const { readSync: _unused, ...rest } = cpu;
  torch.registerBackend("asyncdev", { ...rest, name: "asyncdev", capabilities: { ...cpu.capabilities, syncRead: false } });

  it("bool masks need indexAsync / nonzeroAsync / maskedSelectAsync there", async () => {
    const d = data().to("asyncdev");
    const mask = d.gt(3);
    expect(() => d.index(mask)).toThrow(torch.DeviceError);
    expect(await (await d.indexAsync(mask)).tolistAsync()).toEqual([4, 5, 6]);
    expect(await (await d.indexAsync(":", torch.tensor(1).to("asyncdev"))).tolistAsync()).toEqual([2, 5]);
    expect(await (await torch.nonzeroAsync(mask)).tolistAsync()).toEqual([[1, 0], [1, 1], [1, 2]]);
    expect(await (await d.maskedSelectAsync(mask)).tolistAsync()).toEqual([4, 5, 6]);
  });

  it("everything without a data-dependent shape runs there unchanged", async () => {
    const d = data().to("asyncdev");
    const idx = torch.tensor([[1, 0, 0]]).to("asyncdev");
    expect(await d.index([1, 0], "1:").tolistAsync()).toEqual([[5, 6], [2, 3]]);
    expect(await d.index(":", torch.tensor([2, 2])).tolistAsync()).toEqual([[3, 3], [6, 6]]); // a CPU index
    expect(await d.gather(0, idx).tolistAsync()).toEqual([[4, 2, 3]]);
    expect(await d.maskedFill(d.gt(3), 0).tolistAsync()).toEqual([[1, 2, 3], [0, 0, 0]]);
    d.indexPut_([d.gt(3)], -1);
    expect(await d.tolistAsync()).toEqual([[1, 2, 3], [-1, -1, -1]]);
    expect(() => d.gather(1, torch.tensor([[3]]).to("asyncdev"))).toThrow("index 3 is out of bounds for dimension 1 with size 3");
  });
});
