/** `optim.RMSprop`: Hinton's RMSprop, optionally centered and with momentum. */
import { zerosLike } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { Optimizer, check, py } from "./optimizer.js";
import type { ParamGroup, Params } from "./optimizer.js";
import { addScaled, addScaled_, addcdiv_, addcmul, addcmul_ } from "./pointwise.js";

export interface RMSpropOptions {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

/**
 * Defaults as PyTorch: lr 1e-2, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false.
 * State per parameter: `step` (a number, as 1.13), `squareAvg`, `momentumBuffer`, `gradAvg` (centered).
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: Params<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    const { lr = 1e-2, alpha = 0.99, eps = 1e-8, weightDecay = 0, momentum = 0, centered = false, maximize = false } = options;
    check(lr >= 0, `Invalid learning rate: ${py(lr)}`);
    check(eps >= 0, `Invalid epsilon value: ${py(eps)}`);
    check(momentum >= 0, `Invalid momentum value: ${py(momentum)}`);
    check(weightDecay >= 0, `Invalid weight_decay value: ${py(weightDecay)}`);
    check(alpha >= 0, `Invalid alpha value: ${py(alpha)}`);
    super(params, { lr, alpha, eps, weightDecay, momentum, centered, maximize });
  }

  protected updateGroup(group: ParamGroup & RMSpropOptions): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
    for (const p of group.params) {
      if (p.grad === null) continue;
      const st = this.initState(p, () => ({
        step: 0,
        squareAvg: zerosLike(p),
        ...(momentum > 0 ? { momentumBuffer: zerosLike(p) } : {}),
        ...(centered ? { gradAvg: zerosLike(p) } : {}),
      }));
      st["step"] = (st["step"] as number) + 1;
      let grad = maximize ? p.grad.neg() : p.grad;
      if (weightDecay !== 0) grad = addScaled(grad, p, weightDecay);
      const squareAvg = addcmul_((st["squareAvg"] as Tensor).mul_(alpha), grad, grad, 1 - alpha);
      let avg: Tensor;
      if (centered) {
        const gradAvg = addScaled_((st["gradAvg"] as Tensor).mul_(alpha), grad, 1 - alpha);
        avg = addcmul(squareAvg, gradAvg, gradAvg, -1).sqrt_();
      } else {
        avg = squareAvg.sqrt();
      }
      avg.add_(eps);
      if (momentum > 0) {
        const buf = addcdiv_((st["momentumBuffer"] as Tensor).mul_(momentum), grad, avg, 1);
        addScaled_(p, buf, -lr);
      } else {
        addcdiv_(p, grad, avg, -lr);
      }
    }
  }
}
