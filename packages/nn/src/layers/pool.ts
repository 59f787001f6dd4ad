/** Pooling modules; their reprs print the arguments as given, as PyTorch's do. */
import type { Tensor } from "@typetorch/tensor-core";
import { Module } from "../module.js";
import * as F from "../functional/pool.js";
import type { AvgPoolOptions, MaxPoolOptions } from "../functional/pool.js";
import { pyTuple } from "../util.js";
import { pyBool } from "./linear.js";

type Size = number | readonly number[];
const show = (v: Size | null | undefined): string => (v === null || v === undefined ? "None" : typeof v === "number" ? String(v) : pyTuple(v));

abstract class MaxPoolNd extends Module {
  constructor(
    readonly kernelSize: Size,
    readonly options: MaxPoolOptions = {},
  ) {
    super();
  }
  override extraRepr(): string {
    const o = this.options;
    return `kernel_size=${show(this.kernelSize)}, stride=${show(o.stride ?? this.kernelSize)}, padding=${show(o.padding ?? 0)}, dilation=${show(o.dilation ?? 1)}, ceil_mode=${pyBool(o.ceilMode ?? false)}`;
  }
}
export class MaxPool1d extends MaxPoolNd {
  override forward(input: Tensor): Tensor {
    return F.maxPool1d(input, this.kernelSize, { ...this.options, returnIndices: false });
  }
}
export class MaxPool2d extends MaxPoolNd {
  override forward(input: Tensor): Tensor {
    return F.maxPool2d(input, this.kernelSize, { ...this.options, returnIndices: false });
  }
}

abstract class AvgPoolNd extends Module {
  constructor(
    readonly kernelSize: Size,
    readonly options: AvgPoolOptions = {},
  ) {
    super();
  }
  override extraRepr(): string {
    return `kernel_size=${show(this.kernelSize)}, stride=${show(this.options.stride ?? this.kernelSize)}, padding=${show(this.options.padding ?? 0)}`;
  }
}
export class AvgPool1d extends AvgPoolNd {
  override forward(input: Tensor): Tensor {
    return F.avgPool1d(input, this.kernelSize, this.options);
  }
}
export class AvgPool2d extends AvgPoolNd {
  override forward(input: Tensor): Tensor {
    return F.avgPool2d(input, this.kernelSize, this.options);
  }
}

export class AdaptiveAvgPool1d extends Module {
  constructor(readonly outputSize: number | readonly number[]) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return F.adaptiveAvgPool1d(input, this.outputSize);
  }
  override extraRepr(): string {
    return `output_size=${show(this.outputSize)}`;
  }
}
export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: number | readonly (number | null)[]) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return F.adaptiveAvgPool2d(input, this.outputSize);
  }
  override extraRepr(): string {
    const o = this.outputSize;
    return `output_size=${typeof o === "number" ? String(o) : `(${o.map((v) => (v === null ? "None" : String(v))).join(", ")})`}`;
  }
}
