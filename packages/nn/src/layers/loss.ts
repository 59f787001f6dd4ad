/** Loss modules: each stores its options and calls the functional form. */
import type { Tensor } from "@typetorch/tensor-core";
import { Module } from "../module.js";
import * as F from "../functional/loss.js";
import type { BCEOptions, BCEWithLogitsOptions, CrossEntropyOptions, LossOptions, NLLLossOptions } from "../functional/loss.js";
import type { Reduction } from "../util.js";

abstract class Loss<O extends LossOptions> extends Module {
  readonly reduction: Reduction;
  constructor(readonly options: O) {
    super();
    this.reduction = options.reduction ?? "mean";
  }
  abstract override forward(input: Tensor, target: Tensor): Tensor;
}

export class MSELoss extends Loss<LossOptions> {
  constructor(options: LossOptions = {}) {
    super(options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(input, target, this.options);
  }
}
export class L1Loss extends Loss<LossOptions> {
  constructor(options: LossOptions = {}) {
    super(options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.l1Loss(input, target, this.options);
  }
}
export class SmoothL1Loss extends Loss<LossOptions & { beta?: number }> {
  constructor(options: LossOptions & { beta?: number } = {}) {
    super(options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.smoothL1Loss(input, target, this.options);
  }
}
export class HuberLoss extends Loss<LossOptions & { delta?: number }> {
  constructor(options: LossOptions & { delta?: number } = {}) {
    super(options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.huberLoss(input, target, this.options);
  }
}
export class NLLLoss extends Loss<NLLLossOptions> {
  constructor(options: NLLLossOptions = {}) {
    super(options);
    if (options.weight) this.registerBuffer("weight", options.weight);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, { ...this.options, weight: this._buffers.get("weight") ?? null });
  }
}
export class CrossEntropyLoss extends Loss<CrossEntropyOptions> {
  constructor(options: CrossEntropyOptions = {}) {
    super(options);
    if (options.weight) this.registerBuffer("weight", options.weight);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, { ...this.options, weight: this._buffers.get("weight") ?? null });
  }
}
export class BCELoss extends Loss<BCEOptions> {
  constructor(options: BCEOptions = {}) {
    super(options);
    if (options.weight) this.registerBuffer("weight", options.weight);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropy(input, target, { ...this.options, weight: this._buffers.get("weight") ?? null });
  }
}
export class BCEWithLogitsLoss extends Loss<BCEWithLogitsOptions> {
  constructor(options: BCEWithLogitsOptions = {}) {
    super(options);
    if (options.weight) this.registerBuffer("weight", options.weight);
    if (options.posWeight) this.registerBuffer("pos_weight", options.posWeight);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, {
      ...this.options,
      weight: this._buffers.get("weight") ?? null,
      posWeight: this._buffers.get("pos_weight") ?? null,
    });
  }
}
