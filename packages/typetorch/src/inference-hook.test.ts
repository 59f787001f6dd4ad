// The core hook inference mode is built on: tensor-core calls the creation hook with every tensor it
// constructs while one is set, and autograd sets it exactly while inference mode is on.
import { afterEach, describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";
import { setTensorCreationHook } from "@typetorch/tensor-core";

afterEach(() => setTensorCreationHook(null));

describe("setTensorCreationHook", () => {
  it("sees every tensor constructed while it is set: factories, op outputs, views", () => {
    const x = torch.ones(3);
    const seen: Tensor[] = [];
    setTensorCreationHook((t) => seen.push(t));
    const y = torch.zeros(2);
    const z = x.add(1);
    const v = x.narrow(0, 1, 2);
    setTensorCreationHook(null);
    torch.ones(1);
    expect(seen).toContain(y);
    expect(seen).toContain(z);
    expect(seen).toContain(v);
    expect(seen).not.toContain(x);
  });

  it("is set exactly inside inferenceMode, also when fn throws or nests inferenceMode(fn, false)", () => {
    const marks = (): boolean => torch.ones(1).isInference();
    expect(marks()).toBe(false);
    expect(torch.inferenceMode(marks)).toBe(true);
    expect(torch.inferenceMode(() => torch.inferenceMode(marks, false))).toBe(false);
    expect(torch.inferenceMode(() => [torch.inferenceMode(() => 0, false), marks()][1])).toBe(true);
    expect(() =>
      torch.inferenceMode(() => {
        throw new torch.RuntimeError("boom");
      }),
    ).toThrow("boom");
    expect(marks()).toBe(false);
  });

  it("a view takes its base's mark, wherever it is made", () => {
    const n = torch.ones(4);
    const inf = torch.inferenceMode(() => torch.ones(4));
    torch.inferenceMode(() => {
      expect(n.narrow(0, 0, 2).isInference()).toBe(false);
      expect(n.reshape(2, 2).t().isInference()).toBe(false);
      expect(inf.narrow(0, 0, 2).isInference()).toBe(true);
    });
    expect(inf.reshape(2, 2).t().isInference()).toBe(true);
    expect(n.narrow(0, 0, 2).isInference()).toBe(false);
  });
});

describe("inference tensors: laws", () => {
  it("a refused in-place update leaves the tensor and its version as they were", () => {
    const a = torch.inferenceMode(() => torch.arange(6, { dtype: "float32" }));
    const before = a.tolist();
    const version = a._version;
    for (const write of [() => a.add_(1), () => a.indexPut_([0], 5), () => a.uniform_(), () => a.narrow(0, 1, 2).fill_(0)]) {
      expect(write).toThrow("Inplace update to inference tensor outside InferenceMode is not allowed.");
      expect(a.tolist()).toEqual(before);
      expect(a._version).toBe(version);
    }
  });

  it("a clone is a normal tensor that autograd may save", () => {
    const a = torch.inferenceMode(() => torch.tensor([1, 2, 3], { dtype: "float64" }));
    const w = torch.tensor([0.5, 0.5, 0.5], { dtype: "float64", requiresGrad: true });
    expect(() => a.mul(w)).toThrow("Inference tensors cannot be saved for backward.");
    const c = a.clone();
    expect(c.isInference()).toBe(false);
    c.mul(w).sum().backward();
    expect(w.grad?.tolist()).toEqual([1, 2, 3]);
    c.add_(1);
    expect(c.tolist()).toEqual([2, 3, 4]);
  });

  it("nothing is recorded in inference mode, not even under enableGrad", () => {
    const w = torch.tensor([1, 2], { dtype: "float32", requiresGrad: true });
    const y = torch.inferenceMode(() => torch.enableGrad(() => w.mul(w)));
    expect([y.requiresGrad, y.gradFn, y.isInference(), torch.isInference(y)]).toEqual([false, null, true, true]);
  });
});
