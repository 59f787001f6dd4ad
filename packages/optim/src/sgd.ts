/** `optim.SGD`: stochastic gradient descent with momentum, dampening, Nesterov and weight decay. */
import type { Tensor } from "@typetorch/tensor-core";
import { Optimizer, check, py, required } from "./optimizer.js";
import type { ParamGroup, Params } from "./optimizer.js";
import { addScaled, addScaled_ } from "./pointwise.js";

export interface SGDOptions {
  /** Required (PyTorch 1.13 has no default), in the options or in every group. */
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
}

/**
 * ```ts
 * const optimizer = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * optimizer.zeroGrad(); loss.backward(); optimizer.step();
 * ```
 * State per parameter: `momentumBuffer` (once momentum is used).
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Params<SGDOptions>, options: Partial<SGDOptions> = {}) {
    const { lr, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false, maximize = false } = options;
    // PyTorch's SGD tests `x < 0` (a NaN passes), its other optimizers `0 <= x` (a NaN fails).
    if (lr !== undefined) check(!(lr < 0), `Invalid learning rate: ${py(lr)}`);
    check(!(momentum < 0), `Invalid momentum value: ${py(momentum)}`);
    check(!(weightDecay < 0), `Invalid weight_decay value: ${py(weightDecay)}`);
    check(!nesterov || (momentum > 0 && dampening === 0), "Nesterov momentum requires a momentum and zero dampening");
    super(params, { lr: lr ?? required, momentum, dampening, weightDecay, nesterov, maximize });
  }

  protected updateGroup(group: ParamGroup & SGDOptions): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    for (const p of group.params) {
      if (p.grad === null) continue;
      let dp: Tensor = maximize ? p.grad.neg() : p.grad;
      if (weightDecay !== 0) dp = addScaled(dp, p, weightDecay);
      // As PyTorch, a group without momentum still records `momentumBuffer: null`.
      const st = this.initState(p, () => ({ momentumBuffer: null }));
      if (momentum !== 0) {
        let buf = st["momentumBuffer"] as Tensor | null;
        if (buf === null) {
          buf = this.setState(st, "momentumBuffer", dp.clone());
        } else {
          addScaled_(buf.mul_(momentum), dp, 1 - dampening);
        }
        dp = nesterov ? addScaled(dp, buf, momentum) : buf;
      }
      addScaled_(p, dp, -lr);
    }
  }
}
