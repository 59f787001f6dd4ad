/**
 * Activations as composites of public tensor ops (autograd differentiates them for free).
 * Where a branch is masked by `where`, the masked-out branch is computed on a clamped input so
 * that it stays finite: `where`'s backward multiplies the unused branch's gradient by zero,
 * and 0·inf would be NaN.
 */
import { ValueError, where } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { warn } from "../util.js";

export function relu(input: Tensor): Tensor {
  return input.relu();
}
export function relu6(input: Tensor): Tensor {
  return input.clamp(0, 6);
}
/** x for x > 0, negativeSlope·x otherwise (the gradient at 0 is the slope, as PyTorch's). */
export function leakyRelu(input: Tensor, negativeSlope = 0.01): Tensor {
  return where(input.gt(0), input, input.mul(negativeSlope));
}
/** x for x > 0, α·(eˣ − 1) otherwise. */
export function elu(input: Tensor, alpha = 1.0): Tensor {
  return where(input.gt(0), input, input.clamp(null, 0).expm1().mul(alpha));
}
/** x·Φ(x) (the exact, erf form), or PyTorch's tanh approximation with `approximate: "tanh"`. */
export function gelu(input: Tensor, options: { approximate?: "none" | "tanh" } = {}): Tensor {
  const approximate = options.approximate ?? "none";
  if (approximate === "tanh") {
    const inner = input.add(input.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return input.mul(0.5).mul(inner.tanh().add(1));
  }
  if (approximate !== "none") throw new ValueError(`approximate argument must be either none or tanh.`);
  return input.mul(0.5).mul(input.mul(Math.SQRT1_2).erf().add(1));
}
export function sigmoid(input: Tensor): Tensor {
  return input.sigmoid();
}
export function tanh(input: Tensor): Tensor {
  return input.tanh();
}
/** log(1 + e^(βx))/β, and x itself where βx > threshold (PyTorch's numerical cut-over). */
export function softplus(input: Tensor, beta = 1, threshold = 20): Tensor {
  const scaled = input.mul(beta);
  const soft = scaled.clamp(null, threshold).exp().log1p().div(beta);
  return where(scaled.gt(threshold), input, soft);
}
export function silu(input: Tensor): Tensor {
  return input.mul(input.sigmoid());
}
export function logsigmoid(input: Tensor): Tensor {
  return softplus(input.neg()).neg();
}

/** PyTorch's choice of dim when none is given (deprecated there, with this warning). */
function implicitDim(name: string, ndim: number): number {
  warn(`Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`);
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

/** exp(x − max) / Σ exp(x − max) along `dim` (the max is a constant: softmax is shift-invariant). */
export function softmax(input: Tensor, dim?: number): Tensor {
  const d = dim ?? implicitDim("softmax", input.ndim);
  if (input.ndim === 0) return input.sub(input).exp();
  const e = input.sub(input.amax(d, true).detach()).exp();
  return e.div(e.sum(d, true));
}
/** x − max − log Σ exp(x − max) along `dim`. */
export function logSoftmax(input: Tensor, dim?: number): Tensor {
  const d = dim ?? implicitDim("log_softmax", input.ndim);
  if (input.ndim === 0) return input.sub(input);
  const shifted = input.sub(input.amax(d, true).detach());
  return shifted.sub(shifted.exp().sum(d, true).log());
}
export function softmin(input: Tensor, dim?: number): Tensor {
  return softmax(input.neg(), dim ?? implicitDim("softmin", input.ndim));
}
