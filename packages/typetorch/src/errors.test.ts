// Bad input gets PyTorch's message (recorded from PyTorch 1.13 where it has one) and leaves every
// tensor as it was.
import { describe, expect, it } from "vitest";
import * as torch from "./index.js";

const expectError = (fn: () => unknown, cls: new (...a: never[]) => Error, message: string): void => {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(cls);
  expect((caught as Error).message).toBe(message);
};

describe("errors carry PyTorch's messages", () => {
  it("in-place ops refuse casts they cannot do, and leave the tensor alone", () => {
    const x = torch.tensor([1, 2]);
    expectError(() => x.add_(torch.tensor([1.5, 2])), torch.RuntimeError, "result type Float can't be cast to the desired output type Long");
    expect(x.tolist()).toEqual([1, 2]);
    expect(x._version).toBe(0);
  });

  it("in-place ops refuse to broadcast the written tensor", () => {
    const x = torch.ones(3);
    expectError(() => x.add_(torch.ones(2, 3)), torch.RuntimeError, "output with shape [3] doesn't match the broadcast shape [2, 3]");
  });

  it("writing into an expanded tensor is refused", () => {
    const x = torch.ones(1).expand(3);
    expectError(
      () => x.add_(1),
      torch.RuntimeError,
      "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.",
    );
  });

  it("integer division by zero raises and leaves the target unmodified", () => {
    const x = torch.tensor([6, 7, 8]);
    expect(() => x.floorDivide_(torch.tensor([1, 0, 2]))).toThrow(torch.RuntimeError);
    expect(() => x.floorDivide_(torch.tensor([1, 0, 2]))).toThrow("ZeroDivisionError");
    expect(x.tolist()).toEqual([6, 7, 8]);
  });

  it("bool arithmetic that PyTorch refuses", () => {
    const b = torch.tensor([true]);
    expectError(
      () => b.sub(b),
      torch.RuntimeError,
      "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
    );
    expectError(
      () => b.neg(),
      torch.RuntimeError,
      "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
    );
  });

  it("bitwise ops on floats and negative integer powers", () => {
    expectError(() => torch.tensor([1.5]).bitwiseAnd(torch.tensor([1.5])), torch.RuntimeError, `"bitwise_and_cpu" not implemented for 'Float'`);
    expectError(() => torch.tensor([2]).pow(-1), torch.RuntimeError, "Integers to negative integer powers are not allowed.");
  });

  it("matmul shape and dtype errors", () => {
    expectError(() => torch.mm(torch.ones(3, 2), torch.ones(3, 2)), torch.RuntimeError, "mat1 and mat2 shapes cannot be multiplied (3x2 and 3x2)");
    expectError(
      () => torch.matmul(torch.ones(3), torch.ones(4)),
      torch.RuntimeError,
      "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively",
    );
    expectError(() => torch.matmul(torch.ones(3), torch.ones(2, 2)), torch.RuntimeError, "mat1 and mat2 shapes cannot be multiplied (1x3 and 2x2)");
    expectError(() => torch.matmul(torch.ones(3, 2), torch.ones(3)), torch.RuntimeError, "size mismatch, got 3, 3x2,3");
    expectError(
      () => torch.matmul(torch.ones(2, 3, 2), torch.ones(2, 3, 2)),
      torch.RuntimeError,
      "Expected size for first two dimensions of batch2 tensor to be: [2, 2] but got: [2, 3].",
    );
    expectError(
      () => torch.matmul(torch.ones(3, 2), torch.ones(2, 2, { dtype: torch.float64 })),
      torch.RuntimeError,
      "expected scalar type Float but found Double",
    );
    expectError(
      () => torch.matmul(torch.ones([3, 2], { dtype: torch.bool }), torch.ones([2, 2], { dtype: torch.bool })),
      torch.RuntimeError,
      `"addmm_impl_cpu_" not implemented for 'Bool'`,
    );
    expectError(
      () => torch.matmul(torch.ones([]), torch.ones(2, 2)),
      torch.RuntimeError,
      "both arguments to matmul need to be at least 1D, but they are 0D and 2D",
    );
    expectError(
      () => torch.dot(torch.ones(3), torch.ones(3, { dtype: torch.float64 })),
      torch.RuntimeError,
      "dot : expected both vectors to have same dtype, but found Float and Double",
    );
  });

  it("reductions", () => {
    expect(() => torch.tensor([1, 2]).mean()).toThrow(
      "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long",
    );
    expectError(
      () => torch.tensor([]).max(),
      torch.RuntimeError,
      "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
    );
    expectError(() => torch.ones(2, 3).sum(2), torch.IndexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
  });

  it("creation", () => {
    expectError(() => torch.tensor([[1, 2], [3]]), torch.ValueError, "expected sequence of length 2 at dim 1 (got 1)");
    expectError(() => torch.arange(0, 10, -1), torch.RuntimeError, "upper bound and larger bound inconsistent with step sign");
    expectError(() => torch.arange(0, 10, 0), torch.RuntimeError, "step must be nonzero");
    expectError(() => torch.zeros(-1), torch.RuntimeError, "Trying to create tensor with negative dimension -1: [-1]");
    expectError(() => torch.full([2], NaN, { dtype: torch.int32 }), torch.RuntimeError, "value cannot be converted to type int without overflow");
    expectError(() => torch.setDefaultDtype(torch.int32), torch.TorchTypeError, "only floating-point types are supported as the default type");
    expectError(() => torch.ones(2, 3).view(-1, 4), torch.RuntimeError, "shape '[-1, 4]' is invalid for input of size 6");
  });

  it("reading", () => {
    expectError(() => torch.ones(2).item(), torch.RuntimeError, "a Tensor with 2 elements cannot be converted to Scalar");
    expectError(() => torch.tensor([1]).requiresGrad_(), torch.RuntimeError, "only Tensors of floating point dtype can require gradients");
  });

  it("unknown devices", () => {
    expect(() => torch.ones(2).to("cuda")).toThrow(/cuda/);
  });
});

describe("devices", () => {
  it("device-agnostic code falls back to the CPU when no CUDA backend is registered", async () => {
    const device = torch.cuda.isAvailable() ? "cuda" : "cpu";
    expect(device).toBe("cpu");
    expect(torch.cuda.deviceCount()).toBe(0);
    expect(await torch.webgpu.isAvailable()).toBe(false);
    expect(torch.ones(2).to(device).device).toBe("cpu");
  });
});
