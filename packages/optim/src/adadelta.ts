/** `optim.Adadelta`: Zeiler's adaptive learning rate from running averages of squared gradients and updates. */
import { zerosLike } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { Optimizer, check, py } from "./optimizer.js";
import type { ParamGroup, Params } from "./optimizer.js";
import { addScaled, addScaled_, addcmul_ } from "./pointwise.js";

export interface AdadeltaOptions {
  lr: number;
  rho: number;
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

/** Defaults as PyTorch: lr 1.0, rho 0.9, eps 1e-6, weightDecay 0. State: `step` (a number), `squareAvg`, `accDelta`. */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(params: Params<AdadeltaOptions>, options: Partial<AdadeltaOptions> = {}) {
    const { lr = 1.0, rho = 0.9, eps = 1e-6, weightDecay = 0, maximize = false } = options;
    check(lr >= 0, `Invalid learning rate: ${py(lr)}`);
    check(rho >= 0 && rho <= 1, `Invalid rho value: ${py(rho)}`);
    check(eps >= 0, `Invalid epsilon value: ${py(eps)}`);
    check(weightDecay >= 0, `Invalid weight_decay value: ${py(weightDecay)}`);
    super(params, { lr, rho, eps, weightDecay, maximize });
  }

  protected updateGroup(group: ParamGroup & AdadeltaOptions): void {
    const { lr, rho, eps, weightDecay, maximize } = group;
    for (const p of group.params) {
      if (p.grad === null) continue;
      const st = this.initState(p, () => ({ step: 0, squareAvg: zerosLike(p), accDelta: zerosLike(p) }));
      st["step"] = (st["step"] as number) + 1;
      let grad = maximize ? p.grad.neg() : p.grad;
      if (weightDecay !== 0) grad = addScaled(grad, p, weightDecay);
      const squareAvg = addcmul_((st["squareAvg"] as Tensor).mul_(rho), grad, grad, 1 - rho);
      const accDelta = st["accDelta"] as Tensor;
      const std = squareAvg.add(eps).sqrt_();
      const delta = accDelta.add(eps).sqrt_().div_(std).mul_(grad);
      addcmul_(accDelta.mul_(rho), delta, delta, 1 - rho);
      addScaled_(p, delta, -lr);
    }
  }
}
