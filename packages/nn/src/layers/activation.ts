/** Activation modules: each holds its hyper-parameters and calls `nn.functional`. */
import type { Tensor } from "@typetorch/tensor-core";
import { Module } from "../module.js";
import * as F from "../functional/activation.js";
import { pyFloat } from "../util.js";

const inplaceRepr = (inplace: boolean): string => (inplace ? "inplace=True" : "");

/**
 * `inplace=True` for activations tensor-core has no in-place kernel for: compute on a clone and
 * copy back. The clone keeps the values the backward pass saved apart from the overwritten
 * input (computing on `input` itself would trip autograd's version check, as it should).
 */
function inplace(input: Tensor, fn: (x: Tensor) => Tensor): Tensor {
  return input.copy_(fn(input.clone()));
}

export class ReLU extends Module {
  constructor(readonly inplace = false) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return this.inplace ? input.relu_() : F.relu(input);
  }
  override extraRepr(): string {
    return inplaceRepr(this.inplace);
  }
}
export class LeakyReLU extends Module {
  constructor(
    readonly negativeSlope = 0.01,
    readonly inplace = false,
  ) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return this.inplace ? inplace(input, (x) => F.leakyRelu(x, this.negativeSlope)) : F.leakyRelu(input, this.negativeSlope);
  }
  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}${this.inplace ? ", inplace=True" : ""}`;
  }
}
export class ELU extends Module {
  constructor(
    readonly alpha = 1.0,
    readonly inplace = false,
  ) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return this.inplace ? inplace(input, (x) => F.elu(x, this.alpha)) : F.elu(input, this.alpha);
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}${this.inplace ? ", inplace=True" : ""}`;
  }
}
export class GELU extends Module {
  readonly approximate: "none" | "tanh";
  constructor(options: { approximate?: "none" | "tanh" } = {}) {
    super();
    this.approximate = options.approximate ?? "none";
  }
  override forward(input: Tensor): Tensor {
    return F.gelu(input, { approximate: this.approximate });
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}
export class Sigmoid extends Module {
  override forward(input: Tensor): Tensor {
    return input.sigmoid();
  }
}
export class Tanh extends Module {
  override forward(input: Tensor): Tensor {
    return input.tanh();
  }
}
export class SiLU extends Module {
  override forward(input: Tensor): Tensor {
    return F.silu(input);
  }
}
export class Softplus extends Module {
  constructor(
    readonly beta = 1,
    readonly threshold = 20,
  ) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return F.softplus(input, this.beta, this.threshold);
  }
  override extraRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}
export class Softmax extends Module {
  constructor(readonly dim: number | null = null) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return F.softmax(input, this.dim ?? undefined);
  }
  override extraRepr(): string {
    return `dim=${this.dim ?? "None"}`;
  }
}
export class LogSoftmax extends Module {
  constructor(readonly dim: number | null = null) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return F.logSoftmax(input, this.dim ?? undefined);
  }
  override extraRepr(): string {
    return `dim=${this.dim ?? "None"}`;
  }
}
