/** `optim.Adagrad`: per-coordinate learning rates from the running sum of squared gradients. */
import { fullLike } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { Optimizer, check, py, countStep, stepCounter } from "./optimizer.js";
import type { ParamGroup, ParamState, Params } from "./optimizer.js";
import { addScaled, addcdiv_, addcmul_ } from "./pointwise.js";

export interface AdagradOptions {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
  maximize: boolean;
}

const initial = (p: Tensor, value: number): ParamState => ({ step: stepCounter(), sum: fullLike(p, value) });

/**
 * Defaults as PyTorch: lr 1e-2, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10.
 * As in PyTorch the state (`step`, `sum`) of every parameter exists from construction.
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: Params<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    const { lr = 1e-2, lrDecay = 0, weightDecay = 0, initialAccumulatorValue = 0, eps = 1e-10, maximize = false } = options;
    check(lr >= 0, `Invalid learning rate: ${py(lr)}`);
    check(lrDecay >= 0, `Invalid lr_decay value: ${py(lrDecay)}`);
    check(weightDecay >= 0, `Invalid weight_decay value: ${py(weightDecay)}`);
    check(initialAccumulatorValue >= 0, `Invalid initial_accumulator_value value: ${py(initialAccumulatorValue)}`);
    check(eps >= 0, `Invalid epsilon value: ${py(eps)}`);
    super(params, { lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize });
    for (const group of this.paramGroups) {
      for (const p of group.params) this.initState(p, () => initial(p, group.initialAccumulatorValue));
    }
  }

  protected updateGroup(group: ParamGroup & AdagradOptions): void {
    const { lr, lrDecay, weightDecay, eps, maximize } = group;
    for (const p of group.params) {
      if (p.grad === null) continue;
      // A group added after construction gets its state here (PyTorch 1.13 would fail on it).
      const st = this.initState(p, () => initial(p, group.initialAccumulatorValue));
      const step = countStep(st);
      let grad = maximize ? p.grad.neg() : p.grad;
      if (weightDecay !== 0) grad = addScaled(grad, p, weightDecay);
      const clr = lr / (1 + (step - 1) * lrDecay);
      const sum = addcmul_(st["sum"] as Tensor, grad, grad, 1);
      addcdiv_(p, grad, sum.sqrt().add_(eps), -clr);
    }
  }
}
