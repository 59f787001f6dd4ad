/**
 * Errors are instances of the exported classes with PyTorch's text (the full list of PyTorch
 * messages is replayed from ops_errors.json in ops.fixtures.test.ts), and a failing in-place op
 * leaves its tensor untouched (API.md rule 13).
 */
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";

const thrown = (f: () => unknown): Error => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
};

describe("error classes", () => {
  it("integer division by zero is a RuntimeError saying ZeroDivisionError", () => {
    for (const d of [torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64]) {
      const e = thrown(() => torch.floorDivide(torch.tensor([1, 2], { dtype: d }), torch.tensor([0, 1], { dtype: d })));
      expect(e).toBeInstanceOf(torch.RuntimeError);
      expect(e).toBeInstanceOf(torch.TorchError);
      expect(e.message).toBe("ZeroDivisionError");
    }
  });
  it("shape, matmul and reduction errors", () => {
    expect(thrown(() => torch.mm(torch.zeros(3, 2), torch.zeros(3, 2)))).toBeInstanceOf(torch.RuntimeError);
    expect(thrown(() => torch.tensor([1, 2]).mean()).message).toMatch(/^mean\(\): could not infer output dtype.*Got: Long/);
    expect(thrown(() => torch.tensor([], { dtype: torch.float32 }).max()).message).toMatch(/^max\(\): Expected reduction dim to be specified/);
    expect(thrown(() => torch.zeros(2, 2).sum(2))).toBeInstanceOf(torch.IndexError);
    expect(thrown(() => torch.tensor([2, 3]).pow(-1)).message).toBe("Integers to negative integer powers are not allowed.");
  });
});

describe("failed in-place ops leave the tensor unchanged", () => {
  it("add_ with a shape that does not broadcast to self", () => {
    const x = torch.tensor([[1, 2, 3]]);
    expect(() => x.add_(torch.tensor([[1], [2]]))).toThrow(torch.RuntimeError);
    expect(x.tolist()).toEqual([[1, 2, 3]]);
  });
  it("integer div_ by zero", () => {
    const x = torch.tensor([4, 6]);
    expect(() => x.div_(torch.tensor([2, 0]), { roundingMode: "floor" })).toThrow("ZeroDivisionError");
    expect(x.tolist()).toEqual([4, 6]);
  });
  it("a result dtype self cannot hold", () => {
    const x = torch.tensor([1, 2]);
    expect(() => x.add_(0.5)).toThrow(torch.RuntimeError);
    expect(x.tolist()).toEqual([1, 2]);
  });
});
