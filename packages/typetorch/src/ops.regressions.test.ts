/**
 * Regression tests for tensor-core fixes found by the PyTorch op fixtures (ops.fixtures.test.ts
 * covers the values; these pin each fix in one readable line).
 */
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";

describe("tensor-core fixes from the op fixtures", () => {
  it("contiguous() of a transposed tensor is row-major", () => {
    const t = torch.tensor([[1, 2], [3, 4]]).T.contiguous();
    expect(t.stride()).toEqual([2, 1]);
    expect(t.isContiguous()).toBe(true);
    expect(t.tolist()).toEqual([[1, 3], [2, 4]]);
  });
  it("reshape(-1) of a 0-dim tensor", () => {
    expect(torch.tensor(5).reshape(-1).tolist()).toEqual([5]);
    expect(torch.tensor(5).reshape(1, 1).shape).toEqual([1, 1]);
  });
  it("broadcast errors name the output dimension", () => {
    expect(() => torch.add(torch.zeros(2, 3), torch.zeros(4))).toThrow(
      "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
    );
  });
  it("bool refusals with PyTorch's messages", () => {
    const b = torch.tensor([true, false]);
    expect(() => torch.tensor([1, 2]).sub(true)).toThrow("Subtraction, the `-` operator, with a bool tensor is not supported.");
    expect(() => b.sub(true)).toThrow("Subtraction, the `-` operator, with two bool tensors is not supported.");
    expect(() => torch.remainder(b, b)).toThrow(`"remainder_cpu" not implemented for 'Bool'`);
    expect(() => torch.bitwiseLeftShift(b, b)).toThrow(`"lshift_cpu" not implemented for 'Bool'`);
    expect(() => torch.abs(b)).toThrow(`"abs_cpu" not implemented for 'Bool'`);
    expect(() => torch.relu(b)).toThrow("Boolean inputs not supported for relu");
    expect(() => torch.argmax(b)).toThrow(`"argmax_cpu" not implemented for 'Bool'`);
    expect(b.max(0).indices.item()).toBe(0); // max(dim) stays allowed on bool
    expect(() => torch.dot(b, b)).toThrow(`"dot" not implemented for 'Bool'`);
    expect(() => torch.mv(b.reshape(1, 2), b)).toThrow(`"addmv_impl_cpu" not implemented for 'Bool'`);
  });
  it("reduction messages", () => {
    expect(() => torch.tensor([1, 2]).std()).toThrow("std and var only support floating point and complex dtypes");
    expect(() => torch.tensor([1.5]).mean({ dtype: torch.int32 })).toThrow("Optional dtype must be either");
    const err = (() => { try { torch.tensor([], { dtype: torch.float32 }).argmax(); } catch (e) { return e as Error; } return null; })();
    expect(err?.name).toBe("IndexError");
  });
  it("mm checks shapes before dtypes", () => {
    expect(() => torch.mm(torch.zeros(1, 2), torch.zeros([1, 1], { dtype: torch.float64 }))).toThrow(
      "mat1 and mat2 shapes cannot be multiplied (1x2 and 1x1)",
    );
  });
  it("creation with integral dtypes and float16 follows PyTorch's kernels", () => {
    expect(() => torch.arange(1, 4, 0.75, { dtype: torch.int32 })).toThrow("step must be nonzero");
    expect(torch.linspace(-2, 3.5, 7, { dtype: torch.uint8 }).tolist()).toEqual([254, 212, 170, 128, 86, 44, 3]);
    expect((torch.linspace(-2, 3.5, 7, { dtype: torch.float16 }).tolist() as number[])[1]).toBe(-1.083984375);
    expect(() => torch.full([2], -1.5, { dtype: torch.uint8 })).toThrow("value cannot be converted to type uint8_t without overflow");
    expect(torch.full([1], -1, { dtype: torch.uint8 }).tolist()).toEqual([255]);
  });
  it("round(decimals): integers refuse, float16 scales without overflow", () => {
    expect(() => torch.round(torch.tensor([1]), { decimals: 1 })).toThrow(`"round_cpu" not implemented for 'Long'`);
    expect(torch.round(torch.tensor([60000], { dtype: torch.float16 }), { decimals: 1 }).tolist()).toEqual([60000]);
  });
});
