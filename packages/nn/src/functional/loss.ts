/**
 * Loss functions with PyTorch's reductions ("mean" | "sum" | "none"), shape checks, warnings and
 * messages, written as composites so their gradients come from autograd.
 */
import { IndexError, RuntimeError, ValueError, where } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { hostReadable, torchSize, warn } from "../util.js";
import type { Reduction } from "../util.js";
import { logSoftmax } from "./activation.js";

export interface LossOptions {
  reduction?: Reduction;
}

export function reduce(loss: Tensor, reduction: Reduction = "mean"): Tensor {
  switch (reduction) {
    case "mean":
      return loss.mean();
    case "sum":
      return loss.sum();
    case "none":
      return loss;
    default:
      throw new ValueError(`${String(reduction)} is not a valid value for reduction`);
  }
}

function sameShape(a: Tensor, b: Tensor): boolean {
  return a.ndim === b.ndim && a.shape.every((s, i) => s === b.shape[i]);
}

/** The regression losses broadcast a target of another shape, with PyTorch's warning. */
function checkRegression(input: Tensor, target: Tensor): void {
  if (!sameShape(input, target)) {
    warn(
      `Using a target size (${torchSize(target)}) that is different to the input size (${torchSize(input)}). ` +
        "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
    );
  }
}

/** Mean (or sum) of squared differences. */
export function mseLoss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  checkRegression(input, target);
  return reduce(input.sub(target).square(), options.reduction);
}
/** Mean (or sum) of absolute differences. */
export function l1Loss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  checkRegression(input, target);
  return reduce(input.sub(target).abs(), options.reduction);
}
/** ½d²/β where |d| < β, |d| − ½β elsewhere (β = 0 is the L1 loss). */
export function smoothL1Loss(input: Tensor, target: Tensor, options: LossOptions & { beta?: number } = {}): Tensor {
  checkRegression(input, target);
  const beta = options.beta ?? 1.0;
  if (beta < 0) throw new RuntimeError("smooth_l1_loss does not support negative values for beta.");
  const z = input.sub(target).abs();
  if (beta === 0) return reduce(z, options.reduction);
  return reduce(where(z.lt(beta), z.square().mul(0.5 / beta), z.sub(0.5 * beta)), options.reduction);
}
/** ½d² where |d| ≤ δ, δ(|d| − ½δ) elsewhere. */
export function huberLoss(input: Tensor, target: Tensor, options: LossOptions & { delta?: number } = {}): Tensor {
  checkRegression(input, target);
  const delta = options.delta ?? 1.0;
  if (delta <= 0) throw new RuntimeError("huber_loss does not support non-positive values for delta.");
  const z = input.sub(target).abs();
  return reduce(where(z.lt(delta), z.square().mul(0.5), z.sub(0.5 * delta).mul(delta)), options.reduction);
}

export interface NLLLossOptions extends LossOptions {
  /** A rescaling weight per class, shape [C]. */
  weight?: Tensor | null;
  /** Targets equal to this contribute nothing, not even to the mean's denominator. */
  ignoreIndex?: number;
}

/** The checks PyTorch's nll_loss_nd makes on shapes, weights and target values, in its order. */
function checkNll(input: Tensor, target: Tensor, weight: Tensor | null, numClasses: number, valid: Tensor): void {
  if (input.ndim < 1) throw new ValueError(`Expected 1 or more dimensions (got ${input.ndim})`);
  if (input.ndim !== 1 && target.ndim !== 0 && input.shape[0] !== target.shape[0]) {
    throw new ValueError(`Expected input batch_size (${input.shape[0]}) to match target batch_size (${target.shape[0]}).`);
  }
  if (input.ndim <= 2) {
    if (target.ndim > 1) throw new RuntimeError("0D or 1D target tensor expected, multi-target not supported");
    const noBatch = input.ndim === 1 && target.ndim === 0;
    if (!noBatch && input.shape[0] !== (target.shape[0] ?? 1)) {
      throw new RuntimeError(`size mismatch (got input: [${input.shape.join(", ")}], target: [${target.shape.join(", ")}])`);
    }
  } else {
    const want = [input.shape[0]!, ...input.shape.slice(2)];
    if (target.ndim !== want.length || target.shape.some((d, i) => d !== want[i])) {
      throw new RuntimeError(`Expected target size [${want.join(", ")}], got [${target.shape.join(", ")}]`);
    }
  }
  if (weight !== null && weight.numel() !== numClasses) {
    throw new RuntimeError(
      `weight tensor should be defined either for all ${numClasses} classes or no classes but got weight tensor of shape: [${weight.shape.join(", ")}]`,
    );
  }
  if (target.dtype !== "int64") throw new RuntimeError(`expected scalar type Long but found ${scalarTypeName(target)}`);
  // The range check reads target values. Where that needs an async read (WebGPU), the gather in
  // nllParts checks the indices on the device instead: a bad target raises IndexError("index 5 is
  // out of bounds for dimension 1 with size 3") at the next read, as PyTorch asserts on CUDA.
  if (!hostReadable(target)) return;
  const bad = target.index(valid.logicalAnd(target.lt(0).logicalOr(target.ge(numClasses))));
  if (bad.numel() > 0) throw new IndexError(`Target ${String(bad.index(0).item())} is out of bounds.`);
}

function scalarTypeName(t: Tensor): string {
  return t.type().replace(/^torch\./, "").replace(/Tensor$/, "");
}

/** Per-element weighted negative log-likelihood and the weights used (0 where ignored). */
function nllParts(input: Tensor, target: Tensor, options: NLLLossOptions): [Tensor, Tensor] {
  const classDim = input.ndim === 1 ? 0 : 1;
  const numClasses = input.shape[classDim]!;
  const valid = target.ne(options.ignoreIndex ?? -100);
  const weight = options.weight ?? null;
  checkNll(input, target, weight, numClasses, valid);
  const safe = where(valid, target, 0);
  const picked = input.gather(classDim, safe.unsqueeze(classDim)).squeeze(classDim);
  const w = (weight === null ? valid.to(input.dtype) : weight.indexSelect(0, safe.reshape(-1)).reshape(safe.shape).mul(valid));
  return [picked.mul(w).neg(), w];
}

/** Negative log-likelihood of log-probabilities `input` [N, C, ...] (or [C]) at class indices `target`. */
export function nllLoss(input: Tensor, target: Tensor, options: NLLLossOptions = {}): Tensor {
  const [loss, w] = nllParts(input, target, options);
  const reduction = options.reduction ?? "mean";
  // "mean" is a weighted mean: divided by the total weight of the counted targets.
  return reduction === "mean" ? loss.sum().div(w.sum()) : reduce(loss, reduction);
}

export interface CrossEntropyOptions extends NLLLossOptions {
  /** Mixes the target with the uniform distribution: (1 − ε)·target + ε/C. */
  labelSmoothing?: number;
}

/**
 * logSoftmax over dim 1 (dim 0 for unbatched input) followed by the negative log-likelihood.
 * `target` holds class indices (int64, shape [N, ...]) or class probabilities (floating, the
 * input's shape).
 */
export function crossEntropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const eps = options.labelSmoothing ?? 0;
  if (eps < 0 || eps > 1) throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${eps}`);
  const reduction = options.reduction ?? "mean";
  const weight = options.weight ?? null;
  const classDim = input.ndim === 1 ? 0 : 1;
  const numClasses = input.shape[classDim]!;
  const logp = logSoftmax(input, classDim);
  const wShape = input.shape.map((s, i) => (i === classDim ? s : 1));
  if (sameShape(input, target)) {
    if (!target.isFloatingPoint()) throw new RuntimeError(`Expected floating point type for target with class probabilities, got ${scalarTypeName(target)}`);
    const smoothed = eps > 0 ? target.mul(1 - eps).add(eps / numClasses) : target;
    let terms = logp.mul(smoothed);
    if (weight !== null) terms = terms.mul(weight.reshape(wShape));
    const loss = terms.sum(classDim).neg();
    // The mean is over the batch (and any extra dims), not over classes.
    return reduction === "mean" ? loss.sum().div(input.numel() / numClasses) : reduce(loss, reduction);
  }
  const nll = nllLoss(logp, target, { ...options, reduction });
  if (eps === 0) return nll;
  // PyTorch's label smoothing for class indices: a uniform-target term over the same log-probs.
  const valid = target.ne(options.ignoreIndex ?? -100);
  const smooth = (weight === null ? logp : logp.mul(weight.reshape(wShape))).sum(classDim).neg().mul(valid);
  let smoothReduced: Tensor;
  if (reduction === "mean") {
    // Normalised like the nll term: by the count (or total weight) of the targets not ignored.
    // The ignored targets' weights are multiplied by 0 rather than masked out: a boolean mask's
    // result shape depends on values, which a device could only give after a host read.
    const validWeight = weight === null ? null : weight.indexSelect(0, where(valid, target, 0).reshape(-1)).mul(valid.reshape(-1));
    smoothReduced = smooth.sum().div(validWeight === null ? valid.sum() : validWeight.sum());
  } else smoothReduced = reduce(smooth, reduction);
  return nll.mul(1 - eps).add(smoothReduced.mul(eps / numClasses));
}

export interface BCEOptions extends LossOptions {
  /** A rescaling weight broadcast to the input's shape. */
  weight?: Tensor | null;
}

/** −w·[t·log x + (1 − t)·log(1 − x)], each log clamped at −100 as PyTorch's. */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: BCEOptions = {}): Tensor {
  if (!sameShape(input, target)) {
    throw new ValueError(`Using a target size (${torchSize(target)}) that is different to the input size (${torchSize(input)}) is deprecated. Please ensure they have the same size.`);
  }
  // On a device without synchronous reads the check is skipped (PyTorch asserts on the CUDA
  // device): an input outside [0, 1] makes a log's argument negative, so its loss is NaN.
  if (hostReadable(input) && input.lt(0).logicalOr(input.gt(1)).any().item()) throw new RuntimeError("all elements of input should be between 0 and 1");
  const logx = input.log().clamp(-100);
  const log1mx = input.neg().add(1).log().clamp(-100);
  let loss = target.mul(logx).add(target.neg().add(1).mul(log1mx)).neg();
  if (options.weight) loss = loss.mul(options.weight);
  return reduce(loss, options.reduction);
}

export interface BCEWithLogitsOptions extends BCEOptions {
  /** Weight of the positive class, broadcast along the last dim (shape [C]). */
  posWeight?: Tensor | null;
}

/** binaryCrossEntropy(sigmoid(x), t) computed stably with PyTorch's log-sum-exp formula. */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, options: BCEWithLogitsOptions = {}): Tensor {
  if (!sameShape(input, target)) throw new ValueError(`Target size (${torchSize(target)}) must be the same as input size (${torchSize(input)})`);
  const maxVal = input.neg().clamp(0);
  // log(1 + e^(−x)) = m + log(e^(−m) + e^(−x−m)), m = max(−x, 0): no overflow either way.
  const softplusNeg = maxVal.neg().exp().add(input.neg().sub(maxVal).exp()).log().add(maxVal);
  const oneMinusT = target.neg().add(1);
  let loss: Tensor;
  if (options.posWeight) {
    const logWeight = options.posWeight.sub(1).mul(target).add(1);
    loss = oneMinusT.mul(input).add(logWeight.mul(softplusNeg));
  } else {
    loss = oneMinusT.mul(input).add(softplusNeg);
  }
  if (options.weight) loss = loss.mul(options.weight);
  return reduce(loss, options.reduction);
}
