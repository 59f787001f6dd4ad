/** `optim.Adam` and `optim.AdamW` (decoupled weight decay), with AMSGrad and maximize. */
import { maximum, zerosLike } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { Optimizer, checkAdamLike, countStep, stepCounter } from "./optimizer.js";
import type { ParamGroup, ParamState, Params } from "./optimizer.js";
import { addScaled, addScaled_, addcdiv_, addcmul_ } from "./pointwise.js";

export interface AdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

type AdamGroup = ParamGroup & AdamOptions;

function withDefaults(o: Partial<AdamOptions>, weightDecay: number): AdamOptions {
  const full: AdamOptions = {
    lr: o.lr ?? 1e-3,
    betas: o.betas ?? [0.9, 0.999],
    eps: o.eps ?? 1e-8,
    weightDecay: o.weightDecay ?? weightDecay,
    amsgrad: o.amsgrad ?? false,
    maximize: o.maximize ?? false,
  };
  checkAdamLike(full);
  return full;
}

/** One parameter's Adam update; `decoupled` is AdamW (decay the weights, not the gradient). */
function adamStep(p: Tensor, grad: Tensor, st: ParamState, group: AdamGroup, decoupled: boolean): void {
  const { lr, betas: [beta1, beta2], eps, weightDecay, amsgrad } = group;
  const expAvg = st["expAvg"] as Tensor;
  const expAvgSq = st["expAvgSq"] as Tensor;
  const step = countStep(st);
  if (decoupled) p.mul_(1 - lr * weightDecay);
  else if (weightDecay !== 0) grad = addScaled(grad, p, weightDecay);
  addScaled_(expAvg.mul_(beta1), grad, 1 - beta1);
  addcmul_(expAvgSq.mul_(beta2), grad, grad, 1 - beta2);
  const stepSize = lr / (1 - beta1 ** step);
  const bias2Sqrt = Math.sqrt(1 - beta2 ** step);
  let second = expAvgSq;
  if (amsgrad) {
    second = st["maxExpAvgSq"] as Tensor;
    second.copy_(maximum(second, expAvgSq));
  }
  addcdiv_(p, expAvg, second.sqrt().div(bias2Sqrt).add_(eps), -stepSize);
}

abstract class AdamBase extends Optimizer<AdamOptions> {
  protected abstract readonly decoupled: boolean;

  protected updateGroup(group: AdamGroup): void {
    for (const p of group.params) {
      if (p.grad === null) continue;
      const st = this.initState(p, () => ({
        step: stepCounter(),
        expAvg: zerosLike(p),
        expAvgSq: zerosLike(p),
        ...(group.amsgrad ? { maxExpAvgSq: zerosLike(p) } : {}),
      }));
      adamStep(p, group.maximize ? p.grad.neg() : p.grad, st, group, this.decoupled);
    }
  }
}

/**
 * ```ts
 * const optimizer = new optim.Adam(model.parameters(), { lr: 1e-3, betas: [0.9, 0.999] });
 * ```
 * Defaults as PyTorch: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0 (an L2 term added to the
 * gradient). State per parameter: `step` (a 0-dim tensor, as 1.13), `expAvg`, `expAvgSq`, `maxExpAvgSq`.
 */
export class Adam extends AdamBase {
  protected readonly decoupled = false;
  constructor(params: Params<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, withDefaults(options, 0));
  }
}

/** Adam with decoupled weight decay (`p *= 1 - lr·weightDecay` each step); weightDecay defaults to 1e-2. */
export class AdamW extends AdamBase {
  protected readonly decoupled = true;
  constructor(params: Params<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, withDefaults(options, 1e-2));
  }
}
