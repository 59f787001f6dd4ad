/** Conv1d, Conv2d, Conv3d: weights [Cout, Cin/groups, *kernel] initialised as PyTorch's `_ConvNd`. */
import { ValueError, empty } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import * as init from "../init.js";
import { conv1d, conv2d, conv3d, convTranspose1d, convTranspose2d } from "../functional/conv.js";
import type { ConvPadding } from "../functional/conv.js";
import { ntuple, pyTuple } from "../util.js";
import { factory } from "./linear.js";
import type { FactoryOptions } from "./linear.js";

export interface ConvModuleOptions extends FactoryOptions {
  stride?: number | readonly number[];
  padding?: ConvPadding;
  dilation?: number | readonly number[];
  groups?: number;
  bias?: boolean;
  /** Only "zeros" (constant zero padding) is supported. */
  paddingMode?: "zeros";
}

/**
 * PyTorch's `_ConvNd`, shared by convolutions and transposed ones: its checks (in its order), the
 * weight layout ([Cout, Cin/groups, *kernel], transposed [Cin, Cout/groups, *kernel]), the init
 * and the repr.
 */
abstract class ConvBase extends Module {
  weight: Tensor;
  declare bias: Tensor | null;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[] | "same" | "valid";
  readonly dilation: number[];
  /** Zeros for a plain convolution. */
  readonly outputPadding: number[];
  readonly groups: number;
  constructor(
    n: number,
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | readonly number[],
    options: ConvModuleOptions & { outputPadding?: number | readonly number[] },
    transposed: boolean,
  ) {
    super();
    this.kernelSize = ntuple(kernelSize, n, "kernel_size");
    this.stride = ntuple(options.stride ?? 1, n, "stride");
    this.dilation = ntuple(options.dilation ?? 1, n, "dilation");
    this.outputPadding = ntuple(options.outputPadding ?? 0, n, "output_padding");
    this.groups = options.groups ?? 1;
    if (this.groups <= 0) throw new ValueError("groups must be a positive integer");
    if (inChannels % this.groups !== 0) throw new ValueError("in_channels must be divisible by groups");
    if (outChannels % this.groups !== 0) throw new ValueError("out_channels must be divisible by groups");
    const padding = options.padding ?? 0;
    if (typeof padding === "string") {
      if (padding !== "same" && padding !== "valid") {
        throw new ValueError(`Invalid padding string '${String(padding)}', should be one of {'valid', 'same'}`);
      }
      if (padding === "same" && this.stride.some((s) => s !== 1)) throw new ValueError("padding='same' is not supported for strided convolutions");
      this.padding = padding;
    } else this.padding = ntuple(padding, n, "padding");
    if ((options.paddingMode ?? "zeros") !== "zeros") throw new ValueError(`padding_mode must be one of ['zeros'], but got padding_mode='${String(options.paddingMode)}'`);
    const [first, second] = transposed ? [inChannels, outChannels / this.groups] : [outChannels, inChannels / this.groups];
    this.weight = Parameter(empty([first, second, ...this.kernelSize], factory(options)));
    if (options.bias === false) this.registerParameter("bias", null);
    else this.bias = Parameter(empty([outChannels], factory(options)));
    this.resetParameters();
  }
  /** kaiming_uniform_(W, a=√5), then the bias from U(±1/√fanIn): PyTorch's order and draws. */
  resetParameters(): void {
    init.kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) init.defaultBias_(this.bias, this.weight, true);
  }
  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}`;
    if (typeof this.padding === "string") s += `, padding=${this.padding}`;
    else if (this.padding.some((p) => p !== 0)) s += `, padding=${pyTuple(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    if (this.outputPadding.some((p) => p !== 0)) s += `, output_padding=${pyTuple(this.outputPadding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ", bias=False";
    return s;
  }
}

abstract class ConvNd extends ConvBase {
  constructor(n: number, inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvModuleOptions) {
    super(n, inChannels, outChannels, kernelSize, options, false);
  }
  protected get convOptions(): { stride: number[]; padding: number[] | "same" | "valid"; dilation: number[]; groups: number } {
    return { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups };
  }
}

export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvModuleOptions = {}) {
    super(1, inChannels, outChannels, kernelSize, options);
  }
  override forward(input: Tensor): Tensor {
    return conv1d(input, this.weight, this.bias, this.convOptions);
  }
}

export class Conv2d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvModuleOptions = {}) {
    super(2, inChannels, outChannels, kernelSize, options);
  }
  override forward(input: Tensor): Tensor {
    return conv2d(input, this.weight, this.bias, this.convOptions);
  }
}

export class Conv3d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvModuleOptions = {}) {
    super(3, inChannels, outChannels, kernelSize, options);
  }
  override forward(input: Tensor): Tensor {
    return conv3d(input, this.weight, this.bias, this.convOptions);
  }
}

export interface ConvTransposeModuleOptions extends FactoryOptions {
  stride?: number | readonly number[];
  padding?: number | readonly number[];
  outputPadding?: number | readonly number[];
  groups?: number;
  bias?: boolean;
  dilation?: number | readonly number[];
}

/** Transposed convolutions: weights [Cin, Cout/groups, *kernel], initialised as `_ConvNd`. */
abstract class ConvTransposeNd extends ConvBase {
  declare readonly padding: number[];
  constructor(n: number, inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvTransposeModuleOptions) {
    super(n, inChannels, outChannels, kernelSize, options, true);
  }
  protected get convOptions(): { stride: number[]; padding: number[]; outputPadding: number[]; dilation: number[]; groups: number } {
    return { stride: this.stride, padding: this.padding, outputPadding: this.outputPadding, dilation: this.dilation, groups: this.groups };
  }
}

export class ConvTranspose1d extends ConvTransposeNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvTransposeModuleOptions = {}) {
    super(1, inChannels, outChannels, kernelSize, options);
  }
  override forward(input: Tensor): Tensor {
    return convTranspose1d(input, this.weight, this.bias, this.convOptions);
  }
}

export class ConvTranspose2d extends ConvTransposeNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvTransposeModuleOptions = {}) {
    super(2, inChannels, outChannels, kernelSize, options);
  }
  override forward(input: Tensor): Tensor {
    return convTranspose2d(input, this.weight, this.bias, this.convOptions);
  }
}
