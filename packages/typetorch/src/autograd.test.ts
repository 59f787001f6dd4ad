// Autograd behaviour beyond the PyTorch fixtures: hooks, grad modes, tidy, the engine seam.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import { disableAutograd, enableAutograd } from "@typetorch/autograd";

const f64 = (data: torch.NestedData, requiresGrad = true): torch.Tensor => torch.tensor(data, { dtype: "float64", requiresGrad });

describe("autograd basics", () => {
  it("y = 2 * x**2 scalar", () => {
    const x = torch.tensor(10, { requiresGrad: true, dtype: torch.float32 });
    const y = x.pow(2).mul(2);
    expect(y.gradFn?.name()).toBe("MulBackward0");
    y.sum().backward();
    expect(String(x.grad)).toBe("tensor(40.)");
  });

  it("matmul through views", () => {
    const a = f64([[1, 2], [3, 4]]);
    const b = f64([[1, 0], [2, 1]]);
    a.mm(b).t().narrow(0, 0, 1).sum().backward();
    expect(a.grad?.tolist()).toEqual([[1, 2], [1, 2]]);
    expect(b.grad?.tolist()).toEqual([[4, 0], [6, 0]]);
  });

  it("nextFunctions walks the graph to AccumulateGrad", () => {
    const x = f64([1, 2]);
    const y = x.mul(2).add(x);
    const names = (fn: torch.GradFn | null | undefined): (string | number | null)[][] =>
      (fn?.nextFunctions ?? []).map(([n, i]) => [n?.name() ?? null, i]);
    expect(names(y.gradFn)).toEqual([["MulBackward0", 0], ["torch::autograd::AccumulateGrad", 0]]);
    expect(names(y.gradFn?.nextFunctions[0]?.[0])).toEqual([["torch::autograd::AccumulateGrad", 0], [null, 0]]);
    expect(String(y)).toBe("tensor([3., 6.], dtype=torch.float64, grad_fn=<AddBackward0>)");
  });
});

describe("hooks", () => {
  it("a leaf hook sees and may replace the gradient; remove() stops it", () => {
    const x = f64([1, 2, 3]);
    const seen: number[][] = [];
    const h = x.registerHook((g) => {
      seen.push(g.tolist() as number[]);
      return g.mul(10);
    });
    x.mul(2).sum().backward();
    expect(seen).toEqual([[2, 2, 2]]);
    expect(x.grad?.tolist()).toEqual([20, 20, 20]);
    h.remove();
    x.grad = null;
    x.mul(2).sum().backward();
    expect((x.grad as torch.Tensor | null)?.tolist()).toEqual([2, 2, 2]);
  });

  it("a non-leaf hook changes what flows further back", () => {
    const x = f64([1, 2]);
    const y = x.mul(3);
    y.registerHook((g) => g.neg());
    y.pow(2).sum().backward();
    expect(x.grad?.tolist()).toEqual([-18, -36]);
  });

  it("retainGrad keeps a non-leaf's grad; hooks on tensors without grad refuse", () => {
    const x = f64([1, 2]);
    const y = x.exp();
    y.retainGrad();
    expect(y.retainsGrad).toBe(true);
    y.sum().backward();
    expect(y.grad?.tolist()).toEqual([1, 1]);
    expect(() => f64([1], false).registerHook(() => undefined)).toThrow(
      "cannot register a hook on a tensor that doesn't require gradient",
    );
  });
});

describe("grad modes", () => {
  it("noGrad / enableGrad / setGradEnabled / isGradEnabled / inferenceMode", () => {
    const x = f64([1, 2]);
    expect(torch.isGradEnabled()).toBe(true);
    const y = torch.noGrad(() => {
      expect(torch.isGradEnabled()).toBe(false);
      const inner = torch.enableGrad(() => x.mul(2));
      expect(inner.requiresGrad).toBe(true);
      return x.mul(2);
    });
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    torch.setGradEnabled(false);
    expect(x.add(1).requiresGrad).toBe(false);
    torch.setGradEnabled(true);
    expect(torch.inferenceMode(() => x.add(1).requiresGrad)).toBe(false);
    expect(torch.isInferenceModeEnabled()).toBe(false);
    expect(torch.isGradEnabled()).toBe(true);
  });

  it("noGrad restores the mode when fn throws", () => {
    expect(() => torch.noGrad(() => { throw new Error("x"); })).toThrow("x");
    expect(torch.isGradEnabled()).toBe(true);
  });

  it("in-place updates of a leaf under noGrad are allowed (the optimizer pattern)", () => {
    const w = f64([1, 2]);
    w.mul(w).sum().backward();
    torch.noGrad(() => w.sub_(w.grad!.mul(0.1)));
    expect(w.tolist()).toEqual([0.8, 1.6]);
    expect(w.isLeaf).toBe(true);
  });
});

describe("memory", () => {
  it("a graph built inside tidy still runs backward; .grad survives a tidy around backward", () => {
    const x = f64([1, 2, 3]);
    const loss = torch.tidy(() => x.exp().mul(x).sum());
    torch.tidy(() => loss.backward());
    expect(x.grad?.isDisposed).toBe(false);
    const e = Math.E;
    const want = [1, 2, 3].map((v) => e ** v * (1 + v));
    (x.grad!.tolist() as number[]).forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 12));
  });
});

describe("memory after backward", () => {
  it("saved tensors are freed when backward releases the graph", () => {
    const x = f64([1, 2, 3]);
    const storages = (): number => torch.memory().devices.cpu?.numStorages ?? 0;
    const before = storages();
    const loss = torch.tidy(() => x.exp().mul(x).sin().sum());
    expect(storages()).toBeGreaterThan(before + 1); // the graph holds exp's output, x.exp().mul(x)...
    torch.tidy(() => loss.backward());
    expect(storages()).toBe(before + 2); // loss and x.grad
  });
});

describe("views and in-place", () => {
  it("an in-place op on a view rebases its base (CopySlices) and the view (AsStridedBackward0)", () => {
    const x = f64([[1, 2], [3, 4]]);
    const y = x.mul(1);
    const row = y.select(0, 0);
    row.mul_(5);
    expect(y.gradFn?.name()).toBe("torch::autograd::CopySlices");
    expect(String(y)).toContain("grad_fn=<CopySlices>");
    expect(row.gradFn?.name()).toBe("AsStridedBackward0");
    y.sum().backward();
    expect(x.grad?.tolist()).toEqual([[5, 5], [1, 1]]);
  });

  it("detach_ makes a leaf; .data writes are invisible to the version check", () => {
    const x = f64([1, 2]);
    const y = x.mul(2);
    y.detach_();
    expect(y.isLeaf).toBe(true);
    expect(y.requiresGrad).toBe(false);
    const z = x.pow(2);
    x.data.mul_(3);
    z.sum().backward();
    expect(x.grad?.tolist()).toEqual([6, 12]);
  });

  it("int and bool tensors carry no grad", () => {
    const x = f64([1.5, -2]);
    const idx = x.gt(0);
    expect(idx.requiresGrad).toBe(false);
    expect(x.argmax().requiresGrad).toBe(false);
    expect(x.long().requiresGrad).toBe(false);
  });
});

describe("views made under noGrad or inferenceMode (PyTorch's creation_meta)", () => {
  const NO_GRAD = "A view was created in no_grad mode and is being modified inplace with grad mode enabled.";
  const INFERENCE = "A view was created in inference mode and is being modified inplace in normal mode.";

  it("recording an in-place op on one is refused, and nothing is written", () => {
    const x = f64([1, 2, 3]).mul(1);
    const v = torch.noGrad(() => x.narrow(0, 0, 2));
    expect(() => v.mul_(2)).toThrow(expect.objectContaining({ name: "RuntimeError", message: expect.stringContaining(NO_GRAD) }));
    expect(x.tolist()).toEqual([1, 2, 3]);
    const w = torch.noGrad(() => v.select(0, 1)); // a view of such a view is one too
    expect(() => w.add_(1)).toThrow(NO_GRAD);
    expect(() => v.narrow(0, 1, 1).add_(1)).toThrow(NO_GRAD); // also when made with grad mode on
    const u = torch.inferenceMode(() => x.narrow(0, 1, 2));
    expect(() => u.mul_(2)).toThrow(INFERENCE);
  });

  it("the op would be recorded when another input requires grad, even if the base does not", () => {
    const y = torch.tensor([1, 2, 3], { dtype: "float64" });
    const u = torch.noGrad(() => y.narrow(0, 0, 2));
    const g = f64([1, 1]);
    expect(() => u.add_(g)).toThrow(NO_GRAD);
    u.mul_(2); // nothing requires grad: not recorded, allowed
    expect(y.tolist()).toEqual([2, 4, 3]);
  });

  it("in-place inside the same mode, and views made with grad on, are fine", () => {
    const x = f64([1, 2, 3]).mul(1);
    torch.noGrad(() => x.narrow(0, 0, 2).mul_(2));
    expect(x.tolist()).toEqual([2, 4, 3]);
    const v = x.narrow(0, 1, 2);
    v.mul_(3);
    expect(x.gradFn?.name()).toBe("torch::autograd::CopySlices");
  });
});

describe("the engine seam", () => {
  it("without autograd, tensors compute and backward explains what to import", () => {
    disableAutograd();
    try {
      const x = f64([1, 2]);
      const y = x.mul(2);
      expect(y.requiresGrad).toBe(false);
      expect(() => y.backward()).toThrow('autograd is not loaded: import "@typetorch/autograd" (the typetorch umbrella does)');
    } finally {
      enableAutograd();
    }
  });
});

describe("views whose base changed in place", () => {
  it("take the base's new history (PyTorch regenerates their grad_fn)", () => {
    const x = f64([[1, 2], [3, 4]]);
    let y = x.mul(1);
    let v = y.select(0, 0);
    y.mul_(2);
    v.sum().backward();
    expect(v.gradFn?.name()).toBe("AsStridedBackward0");
    expect(x.grad?.tolist()).toEqual([[2, 2], [0, 0]]);
    x.grad = null;
    y = x.mul(1);
    v = y.select(0, 0);
    const w = y.select(0, 1);
    w.mul_(3);
    v.mul(w).sum().backward();
    expect((x.grad as torch.Tensor | null)?.tolist()).toEqual([[9, 12], [3, 6]]);
  });
});

describe("higher order through in-place ops on views", () => {
  it("CopySlices and AsStridedBackward0 are differentiable", () => {
    const x = f64([[1, 2], [3, 4]]);
    const y = x.mul(1);
    y.select(0, 1).pow_(3);
    const [g] = torch.autograd.grad(y.sum(), x, { createGraph: true });
    expect(g?.tolist()).toEqual([[1, 1], [27, 48]]);
    const [g2] = torch.autograd.grad(g!.sum(), x);
    expect(g2?.tolist()).toEqual([[0, 0], [18, 24]]);
    expect(torch.autograd.gradgradcheck((a) => {
      const b = a.mul(2);
      b.narrow(1, 0, 1).mul_(a.narrow(1, 1, 1).exp());
      return b;
    }, [f64([[0.5, 1.5], [2.5, -1]])])).toBe(true);
  });
});

describe("in-place on a view of a tensor that needs no grad (PyTorch rebases the base)", () => {
  it("out.narrow(0, 0, 2).copy_(w): out takes CopySlices and the gradient reaches w", () => {
    const out = torch.zeros([3], { dtype: "float64" });
    const w = f64([2, 3]);
    out.narrow(0, 0, 2).copy_(w);
    expect(out.requiresGrad).toBe(true);
    expect(out.gradFn?.name()).toBe("torch::autograd::CopySlices");
    out.mul(f64([5, 7, 11], false)).sum().backward();
    expect(w.grad?.tolist()).toEqual([5, 7]); // d/dw Σ c·out = c on the copied region
  });

  it("a view of a view rebases the root base", () => {
    const out = torch.zeros([2, 3], { dtype: "float64" });
    const w = f64([4]);
    out.select(0, 1).narrow(0, 2, 1).mul_(0).add_(w);
    expect(out.gradFn?.name()).toBe("torch::autograd::CopySlices");
    out.pow(2).sum().backward();
    expect(w.grad?.tolist()).toEqual([8]); // d/dw (w)² = 2w
  });
});
