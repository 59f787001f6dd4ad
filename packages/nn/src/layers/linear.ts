/** Identity, Linear, Bilinear, Flatten, Unflatten. */
import { empty } from "@typetorch/tensor-core";
import type { DType, Device, Tensor } from "@typetorch/tensor-core";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import * as init from "../init.js";
import * as F from "../functional/basic.js";
import { pyTuple } from "../util.js";

/** Where and how a layer allocates its parameters (PyTorch's `factory_kwargs`). */
export interface FactoryOptions {
  device?: Device;
  dtype?: DType;
}
export interface LinearOptions extends FactoryOptions {
  bias?: boolean;
}

export function pyBool(b: boolean): string {
  return b ? "True" : "False";
}

/** Returns its input unchanged (a placeholder in architectures). */
export class Identity extends Module {
  override forward(input: Tensor): Tensor {
    return input;
  }
}

/** y = x·Wᵀ + b, with W [outFeatures, inFeatures] initialised as PyTorch's `reset_parameters`. */
export class Linear extends Module {
  weight: Tensor;
  declare bias: Tensor | null;
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    this.weight = Parameter(empty([outFeatures, inFeatures], factory(options)));
    if (options.bias === false) this.registerParameter("bias", null);
    else this.bias = Parameter(empty([outFeatures], factory(options)));
    this.resetParameters();
  }
  /** kaiming_uniform_(W, a=√5), then the bias from U(±1/√inFeatures): PyTorch's order and draws. */
  resetParameters(): void {
    init.kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) init.defaultBias_(this.bias, this.weight, false);
  }
  override forward(input: Tensor): Tensor {
    return F.linear(input, this.weight, this.bias);
  }
  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}

/** y = x1ᵀ·A·x2 + b, with A [out, in1, in2]. */
export class Bilinear extends Module {
  weight: Tensor;
  declare bias: Tensor | null;
  constructor(
    readonly in1Features: number,
    readonly in2Features: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    this.weight = Parameter(empty([outFeatures, in1Features, in2Features], factory(options)));
    if (options.bias === false) this.registerParameter("bias", null);
    else this.bias = Parameter(empty([outFeatures], factory(options)));
    this.resetParameters();
  }
  resetParameters(): void {
    const bound = 1 / Math.sqrt(this.weight.shape[1]!);
    init.uniform_(this.weight, -bound, bound);
    if (this.bias !== null) init.uniform_(this.bias, -bound, bound);
  }
  override forward(input1: Tensor, input2: Tensor): Tensor {
    return F.bilinear(input1, input2, this.weight, this.bias);
  }
  override extraRepr(): string {
    return `in1_features=${this.in1Features}, in2_features=${this.in2Features}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}

/** Flattens dims startDim..endDim (default 1..-1: everything but the batch). */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return input.flatten(this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/** Splits dim `dim` into `unflattenedSize`. */
export class Unflatten extends Module {
  constructor(
    readonly dim: number,
    readonly unflattenedSize: readonly number[],
  ) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return input.unflatten(this.dim, this.unflattenedSize);
  }
  override extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=${pyTuple(this.unflattenedSize)}`;
  }
}

/** Tensor options from factory options, leaving out what is unset (exactOptionalPropertyTypes). */
export function factory(f: { device?: Device | undefined; dtype?: DType | undefined }): { device?: Device; dtype?: DType } {
  return { ...(f.device !== undefined ? { device: f.device } : {}), ...(f.dtype !== undefined ? { dtype: f.dtype } : {}) };
}
