// Layers' behaviour beyond their functional forms: containers, train/eval differences, dropout's
// stream (PyTorch's masks in torch RNG mode, gen_nn.py "dropout"), factory options.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as torch from "typetorch";
import * as nn from "@typetorch/nn";
import { expectFloat32Exact, fixture } from "./test-utils/fixture.js";

describe("Sequential, ModuleList, ModuleDict", () => {
  it("Sequential chains its modules, indexes like a list, appends and iterates", () => {
    const seq = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU());
    seq.append(new nn.Linear(3, 1));
    expect(seq.length).toBe(3);
    expect(seq[0]).toBeInstanceOf(nn.Linear);
    expect(seq.at(-1)).toBe(seq[2]);
    expect([...seq].map((m) => m.constructor.name)).toEqual(["Linear", "ReLU", "Linear"]);
    expect([...seq.call(torch.ones(5, 2)).shape]).toEqual([5, 1]);
    expect(() => seq.at(3)).toThrow(torch.IndexError);
  });
  it("Sequential from named modules keeps the names (PyTorch's OrderedDict form)", () => {
    const seq = new nn.Sequential({ conv: new nn.Conv2d(1, 2, 3), act: new nn.ReLU() });
    expect(Object.keys(seq.stateDict())).toEqual(["conv.weight", "conv.bias"]);
  });
  it("ModuleList registers what a plain array would hide; insert renumbers", () => {
    const list = new nn.ModuleList([new nn.Linear(1, 1), new nn.Linear(1, 2)]);
    list.insert(1, new nn.ReLU());
    expect(list.namedChildren().map(([n, m]) => `${n}:${m.constructor.name}`)).toEqual(["0:Linear", "1:ReLU", "2:Linear"]);
    expect(list.parameters().length).toBe(4);
  });
  it("ModuleDict maps names to modules in insertion order", () => {
    const d = new nn.ModuleDict({ a: new nn.ReLU() });
    d.set("b", new nn.Linear(1, 1));
    expect(d.keys()).toEqual(["a", "b"]);
    expect(d.has("b") && !d.has("c")).toBe(true);
    expect(d.pop("a")).toBeInstanceOf(nn.ReLU);
    expect([...d]).toEqual(["b"]);
    expect(d.parameters().length).toBe(2);
  });
});

describe("train and eval", () => {
  it("Dropout is the identity in eval mode and scales kept elements by 1/(1 − p) in training", () => {
    const drop = new nn.Dropout(0.25);
    const x = torch.ones(1000);
    const y = drop.call(x);
    const kept = y.ne(0);
    expect(y.index(kept).sub(1 / 0.75).abs().max().item()).toBeLessThan(1e-6);
    drop.eval();
    expect(drop.call(x)).toBe(x);
  });
  it("BatchNorm uses batch statistics in training, running statistics in eval", () => {
    const bn = new nn.BatchNorm1d(2, { momentum: 0.5 });
    const x = torch.tensor([[1, 10], [3, 30]], { dtype: torch.float32 });
    const y = bn.call(x);
    expect(y.mean(0).abs().max().item()).toBeLessThan(1e-6);
    // running = 0.5·0 + 0.5·mean; var: 0.5·1 + 0.5·unbiased variance (2 and 200).
    expect(bn.runningMean!.tolist()).toEqual([1, 10]);
    expect(bn.runningVar!.tolist()).toEqual([1.5, 100.5]);
    expect(Number(bn.numBatchesTracked!.item())).toBe(1);
    bn.eval();
    const e = bn.call(x);
    expect(e.index(0, 0).item()).toBeCloseTo(0, 5);
    expect(Number(bn.numBatchesTracked!.item())).toBe(1);
  });
  it("batchNorm takes its momentum as a number or a 0-dim float64 tensor (a device's 1/n) alike", () => {
    const x = torch.randn(6, 3);
    const run = (momentum: number | torch.Tensor): torch.Tensor[] => {
      const mean = torch.zeros(3);
      const variance = torch.ones(3);
      nn.functional.batchNorm(x, mean, variance, { training: true, momentum });
      return [mean, variance];
    };
    const byNumber = run(1 / 3);
    const byTensor = run(torch.tensor(3, { dtype: torch.int64 }).double().reciprocal());
    byTensor.forEach((t, i) => expect(t.tolist()).toEqual(byNumber[i]!.tolist()));
  });
});

describe("factory options and shapes", () => {
  it("Linear with dtype float64 and without bias", () => {
    const lin = new nn.Linear(3, 2, { dtype: torch.float64, bias: false });
    expect(lin.weight.dtype).toBe("float64");
    expect(lin.bias).toBeNull();
    expect(lin.parameters().length).toBe(1);
  });
  it("Flatten, Unflatten and Identity", () => {
    const x = torch.zeros(2, 3, 4, 5);
    expect([...new nn.Flatten().call(x).shape]).toEqual([2, 60]);
    expect([...new nn.Unflatten(1, [3, 20]).call(new nn.Flatten().call(x)).shape]).toEqual([2, 3, 20]);
    expect(new nn.Identity().call(x)).toBe(x);
  });
  it("Embedding zeroes its padding row and keeps it out of the gradient", () => {
    const emb = new nn.Embedding(4, 3, { paddingIdx: 0 });
    expect(emb.weight.index(0).abs().sum().item()).toBe(0);
    emb.call(torch.tensor([[0, 2, 0]])).sum().backward();
    expect(emb.weight.grad!.sum(1).tolist()).toEqual([0, 0, 3, 0]);
  });
  it("AdaptiveAvgPool2d(1) is the global average", () => {
    const x = torch.arange(24, { dtype: torch.float32 }).reshape(1, 2, 3, 4);
    expect(new nn.AdaptiveAvgPool2d(1).call(x).reshape(-1).tolist()).toEqual([5.5, 17.5]);
  });
});

describe("dropout masks are PyTorch's in torch RNG mode", () => {
  beforeAll(() => torch.setRngMode("torch"));
  afterAll(() => torch.setRngMode("portable"));
  for (const { seed, p, shape, out } of fixture().dropout) {
    it(`manualSeed(${seed}), p=${p}, shape [${shape.join(", ")}]`, () => {
      torch.manualSeed(seed);
      expectFloat32Exact(nn.functional.dropout(torch.ones(shape), p), out, "dropout");
    });
  }
});

describe("in-place activations", () => {
  it("ReLU, LeakyReLU and ELU with inplace write into their input and still differentiate", () => {
    for (const [make, slope] of [
      [() => new nn.ReLU(true), 0],
      [() => new nn.LeakyReLU(0.1, true), 0.1],
      [() => new nn.ELU(1, true), null],
    ] as const) {
      const x = torch.tensor([-1.5, 0.5, 2], { requiresGrad: true });
      const y = x.mul(1);
      const out = make().call(y);
      expect(out).toBe(y);
      out.sum().backward();
      const expected = slope === null ? [Math.exp(-1.5), 1, 1] : [slope, 1, 1];
      (x.grad!.tolist() as number[]).forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 6));
    }
  });
});

describe("in-place dropout", () => {
  it("Dropout(p, inplace) scales its input in place; the gradient is the same mask", () => {
    const x = torch.ones([50], { requiresGrad: true });
    const y = x.mul(1);
    const out = new nn.Dropout(0.5, true).call(y);
    expect(out).toBe(y);
    out.sum().backward();
    expect(x.grad!.equal(out.detach())).toBe(true);
  });
});
