/** Adam's relatives: `optim.Adamax` (infinity norm), `optim.NAdam` (Nesterov momentum), `optim.RAdam` (rectified). */
import { getDefaultDtype, maximum, ones, zerosLike } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { Optimizer, check, py, checkAdamLike, countStep, stepCounter } from "./optimizer.js";
import type { ParamGroup, ParamState, Params } from "./optimizer.js";
import { addScaled, addScaled_, addcdiv_, addcmul_ } from "./pointwise.js";

interface AdamLike {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
}
export interface AdamaxOptions extends AdamLike {
  maximize: boolean;
}
export interface NAdamOptions extends AdamLike {
  momentumDecay: number;
}
export type RAdamOptions = AdamLike;

function adamLike(o: Partial<AdamLike>, lr: number): AdamLike {
  const full = { lr: o.lr ?? lr, betas: o.betas ?? ([0.9, 0.999] as [number, number]), eps: o.eps ?? 1e-8, weightDecay: o.weightDecay ?? 0 };
  checkAdamLike(full);
  return full;
}

/** The update's gradient: negated for `maximize`, plus the L2 term. */
function effectiveGrad(p: Tensor, grad: Tensor, group: { weightDecay: number; maximize?: boolean }): Tensor {
  const g = group.maximize === true ? grad.neg() : grad;
  return group.weightDecay !== 0 ? addScaled(g, p, group.weightDecay) : g;
}

/** Updates the first and second moments in place, Adam's way. */
function moments(st: ParamState, grad: Tensor, [beta1, beta2]: [number, number]): [Tensor, Tensor] {
  const expAvg = addScaled_((st["expAvg"] as Tensor).mul_(beta1), grad, 1 - beta1);
  return [expAvg, addcmul_((st["expAvgSq"] as Tensor).mul_(beta2), grad, grad, 1 - beta2)];
}

/** Defaults as PyTorch: lr 2e-3, betas [0.9, 0.999], eps 1e-8. State: `step`, `expAvg`, `expInf`. */
export class Adamax extends Optimizer<AdamaxOptions> {
  constructor(params: Params<AdamaxOptions>, options: Partial<AdamaxOptions> = {}) {
    super(params, { ...adamLike(options, 2e-3), maximize: options.maximize ?? false });
  }

  protected updateGroup(group: ParamGroup & AdamaxOptions): void {
    const { lr, betas: [beta1, beta2], eps } = group;
    for (const p of group.params) {
      if (p.grad === null) continue;
      const st = this.initState(p, () => ({ step: stepCounter(), expAvg: zerosLike(p), expInf: zerosLike(p) }));
      const step = countStep(st);
      const grad = effectiveGrad(p, p.grad, group);
      const expAvg = addScaled_((st["expAvg"] as Tensor).mul_(beta1), grad, 1 - beta1);
      const expInf = st["expInf"] as Tensor;
      expInf.copy_(maximum(expInf.mul_(beta2), grad.abs().add_(eps)));
      addcdiv_(p, expAvg, expInf, -lr / (1 - beta1 ** step));
    }
  }
}

/**
 * Defaults as PyTorch: lr 2e-3, betas [0.9, 0.999], eps 1e-8, momentumDecay 4e-3 (1.13 has no
 * `maximize` here). State: `step`, `muProduct` (a 0-dim tensor of the default dtype, as 1.13, so its
 * products round there), `expAvg`, `expAvgSq`.
 */
export class NAdam extends Optimizer<NAdamOptions> {
  constructor(params: Params<NAdamOptions>, options: Partial<NAdamOptions> = {}) {
    const momentumDecay = options.momentumDecay ?? 4e-3;
    const base = adamLike(options, 2e-3);
    check(momentumDecay >= 0, `Invalid momentum_decay value: ${py(momentumDecay)}`);
    super(params, { ...base, momentumDecay });
  }

  protected updateGroup(group: ParamGroup & NAdamOptions): void {
    const { lr, betas, eps, momentumDecay } = group;
    const [beta1, beta2] = betas;
    for (const p of group.params) {
      if (p.grad === null) continue;
      const st = this.initState(p, () => ({
        step: stepCounter(),
        muProduct: ones([], { dtype: getDefaultDtype() }),
        expAvg: zerosLike(p),
        expAvgSq: zerosLike(p),
      }));
      const step = countStep(st);
      const bias2 = 1 - beta2 ** step;
      const grad = effectiveGrad(p, p.grad, group);
      const mu = beta1 * (1 - 0.5 * 0.96 ** (step * momentumDecay));
      const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * momentumDecay));
      const muProduct = (st["muProduct"] as Tensor).mul_(mu);
      const muProductNext = Number(muProduct.mul(mu).mul(muNext).item());
      const [expAvg, expAvgSq] = moments(st, grad, betas);
      const denom = expAvgSq.div(bias2).sqrt().add_(eps);
      addcdiv_(p, grad, denom, (-lr * (1 - mu)) / (1 - Number(muProduct.item())));
      addcdiv_(p, expAvg, denom, (-lr * muNext) / (1 - muProductNext));
    }
  }
}

/** Defaults as PyTorch: lr 1e-3, betas [0.9, 0.999], eps 1e-8. State: `step`, `expAvg`, `expAvgSq`. */
export class RAdam extends Optimizer<RAdamOptions> {
  constructor(params: Params<RAdamOptions>, options: Partial<RAdamOptions> = {}) {
    super(params, adamLike(options, 1e-3));
  }

  protected updateGroup(group: ParamGroup & RAdamOptions): void {
    const { lr, betas, eps } = group;
    const [beta1, beta2] = betas;
    for (const p of group.params) {
      if (p.grad === null) continue;
      const st = this.initState(p, () => ({ step: stepCounter(), expAvg: zerosLike(p), expAvgSq: zerosLike(p) }));
      const step = countStep(st);
      const bias1 = 1 - beta1 ** step;
      const bias2 = 1 - beta2 ** step;
      const [expAvg, expAvgSq] = moments(st, effectiveGrad(p, p.grad, group), betas);
      const corrected = expAvg.div(bias1);
      // The variance of the adaptive step is tractable once rho_t > 5; before, a plain momentum step.
      const rhoInf = 2 / (1 - beta2) - 1;
      const rhoT = rhoInf - (2 * step * beta2 ** step) / bias2;
      if (rhoT > 5) {
        const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
        // PyTorch's `scalar / tensor` is `tensor.reciprocal() * scalar`.
        const adaptiveLr = expAvgSq.sqrt().add_(eps).reciprocal().mul(Math.sqrt(bias2));
        addScaled_(p, corrected.mul(lr).mul(adaptiveLr).mul(rect), -1);
      } else {
        addScaled_(p, corrected.mul(lr), -1);
      }
    }
  }
}
