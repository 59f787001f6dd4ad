// nn.utils against PyTorch 1.13 (gen_nn.py, "clip") and by their definitions.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import * as nn from "@typetorch/nn";
import { expectClose, fixture, num, toTensor, values } from "./test-utils/fixture.js";

describe("clipGradNorm_", () => {
  for (const c of fixture().clip) {
    it(`normType ${String(c.normType)}, maxNorm ${c.maxNorm}: PyTorch's total norm and clipped gradients`, () => {
      const params = c.grads.map((g) => {
        const p = torch.zeros(g.shape, { dtype: torch.float64, requiresGrad: true });
        p.grad = toTensor(g);
        return p;
      });
      const total = nn.utils.clipGradNorm_(params, c.maxNorm, { normType: num(c.normType) });
      expectClose(total, [c.total], 1e-12, 0, "total");
      params.forEach((p, i) => expectClose(p.grad!, c.clipped[i]!.data, 1e-12, 1e-15, `grad ${i}`));
    });
  }
  it("with no gradients returns 0 and touches nothing", () => {
    expect(nn.utils.clipGradNorm_([torch.zeros([2], { requiresGrad: true })], 1).item()).toBe(0);
  });
  it("clipGradNormAsync_ clips as clipGradNorm_, and refuses a non-finite norm before touching any gradient", async () => {
    const params = (g0: number[]): torch.Tensor[] =>
      [g0, [12]].map((g) => {
        const p = torch.zeros([g.length], { requiresGrad: true });
        p.grad = torch.tensor(g);
        return p;
      });
    const sync = params([3, -4]);
    const asyncParams = params([3, -4]);
    const total = await nn.utils.clipGradNormAsync_(asyncParams, 1, { errorIfNonfinite: true });
    expect(total.item()).toBe(nn.utils.clipGradNorm_(sync, 1, { errorIfNonfinite: true }).item());
    asyncParams.forEach((p, i) => expect(p.grad!.tolist()).toEqual(sync[i]!.grad!.tolist()));
    const bad = params([Infinity, 0]);
    await expect(nn.utils.clipGradNormAsync_(bad, 1, { errorIfNonfinite: true })).rejects.toThrow(
      "The total norm of order 2.0 for gradients from `parameters` is non-finite, so it cannot be clipped.",
    );
    expect(bad[1]!.grad!.tolist()).toEqual([12]);
    expect(() => nn.utils.clipGradNorm_(bad, 1, { errorIfNonfinite: true })).toThrow(torch.RuntimeError);
  });
});

describe("clipGradValue_, parametersToVector, vectorToParameters", () => {
  it("clipGradValue_ clamps each gradient element", () => {
    const lin = new nn.Linear(2, 2);
    lin.call(torch.tensor([[10, -10]], { dtype: torch.float32 })).sum().backward();
    nn.utils.clipGradValue_(lin.parameters(), 0.5);
    for (const p of lin.parameters()) expect(Math.max(...values(p.grad!).map(Math.abs))).toBeLessThanOrEqual(0.5);
  });
  it("a model's parameters round-trip through one vector", () => {
    const a = new nn.Linear(3, 2);
    const b = new nn.Linear(3, 2);
    const vec = nn.utils.parametersToVector(a.parameters());
    expect([...vec.shape]).toEqual([8]);
    nn.utils.vectorToParameters(vec, b.parameters());
    expect(b.weight.equal(a.weight) && b.bias!.equal(a.bias!)).toBe(true);
  });
  it("Embedding.fromPretrained uses the given rows and freezes them by default", () => {
    const w = torch.tensor([[1.0, 2.5], [3.5, 4.0]]);
    const emb = nn.Embedding.fromPretrained(w);
    expect(emb.weight.requiresGrad).toBe(false);
    expect(emb.call(torch.tensor([1])).tolist()).toEqual([[3.5, 4]]);
    expect(nn.Embedding.fromPretrained(w, { freeze: false }).weight.requiresGrad).toBe(true);
  });
});
