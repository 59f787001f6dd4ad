/** LayerNorm and BatchNorm1d/2d, with PyTorch's parameters, buffers and reprs. */
import { ValueError, empty, ones, tensor, zeros } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { noGrad } from "@typetorch/autograd";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import * as init from "../init.js";
import { batchNorm, groupNorm, layerNorm } from "../functional/norm.js";
import { hostReadable, pyFloat, pyTuple } from "../util.js";
import { factory, pyBool } from "./linear.js";
import type { FactoryOptions } from "./linear.js";

/** The norm layers' learnt scale and shift: `weight` and `bias` of `shape`, or both registered as null. */
function affineParameters(m: Module, shape: readonly number[], affine: boolean, options: FactoryOptions): void {
  m.registerParameter("weight", affine ? Parameter(empty([...shape], factory(options))) : null);
  m.registerParameter("bias", affine ? Parameter(empty([...shape], factory(options))) : null);
}

/** PyTorch's reset for them: scale 1, shift 0. */
function resetAffine(weight: Tensor | null, bias: Tensor | null): void {
  if (weight !== null) init.ones_(weight);
  if (bias !== null) init.zeros_(bias);
}

export interface LayerNormOptions extends FactoryOptions {
  eps?: number;
  elementwiseAffine?: boolean;
}

/** Normalises over the trailing `normalizedShape`, with a learnt elementwise scale and shift. */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  declare weight: Tensor | null;
  declare bias: Tensor | null;
  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === "number" ? [normalizedShape] : [...normalizedShape];
    this.eps = options.eps ?? 1e-5;
    this.elementwiseAffine = options.elementwiseAffine ?? true;
    affineParameters(this, this.normalizedShape, this.elementwiseAffine, options);
    this.resetParameters();
  }
  resetParameters(): void {
    resetAffine(this.weight, this.bias);
  }
  override forward(input: Tensor): Tensor {
    return layerNorm(input, this.normalizedShape, this.weight, this.bias, this.eps);
  }
  override extraRepr(): string {
    return `${pyTuple(this.normalizedShape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyBool(this.elementwiseAffine)}`;
  }
}

export interface BatchNormModuleOptions extends FactoryOptions {
  eps?: number;
  /** null: a cumulative moving average over all batches seen. */
  momentum?: number | null;
  affine?: boolean;
  trackRunningStats?: boolean;
}

abstract class BatchNormNd extends Module {
  readonly eps: number;
  momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  declare weight: Tensor | null;
  declare bias: Tensor | null;
  declare runningMean: Tensor | null;
  declare runningVar: Tensor | null;
  declare numBatchesTracked: Tensor | null;
  constructor(
    readonly numFeatures: number,
    options: BatchNormModuleOptions,
  ) {
    super();
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    this.affine = options.affine ?? true;
    this.trackRunningStats = options.trackRunningStats ?? true;
    affineParameters(this, [numFeatures], this.affine, options);
    if (this.trackRunningStats) {
      this.registerBuffer("running_mean", zeros([numFeatures], factory(options)));
      this.registerBuffer("running_var", ones([numFeatures], factory(options)));
      this.registerBuffer("num_batches_tracked", tensor(0, { dtype: "int64", ...(options.device ? { device: options.device } : {}) }));
    } else {
      for (const name of ["running_mean", "running_var", "num_batches_tracked"]) this.registerBuffer(name, null);
    }
    this.resetParameters();
  }
  /** PyTorch's buffer names are snake_case (they are state-dict keys); these read them. */
  private buffer(name: string): Tensor | null {
    return this._buffers.get(name) ?? null;
  }
  /** Checkpoints from before PyTorch 0.4.1 lack `num_batches_tracked`; PyTorch loads them as 0. */
  override _stateDefault(name: string): Tensor | undefined {
    return name === "num_batches_tracked" && this.trackRunningStats ? tensor(0, { dtype: "int64" }) : undefined;
  }
  resetRunningStats(): void {
    noGrad(() => {
      this.buffer("running_mean")?.zero_();
      this.buffer("running_var")?.fill_(1);
      this.buffer("num_batches_tracked")?.zero_();
    });
  }
  resetParameters(): void {
    this.resetRunningStats();
    resetAffine(this.weight, this.bias);
  }
  protected abstract checkInputDim(input: Tensor): void;
  override forward(input: Tensor): Tensor {
    this.checkInputDim(input);
    let factor: number | Tensor = this.momentum ?? 0;
    const tracked = this.buffer("num_batches_tracked");
    if (this.training && this.trackRunningStats && tracked !== null) {
      noGrad(() => tracked.add_(1));
      // momentum null: the cumulative average, weight 1/n for the n-th batch.
      // On a device without synchronous reads the count stays there: 1/n is a float64 tensor.
      if (this.momentum === null) factor = hostReadable(tracked) ? 1 / Number(tracked.item()) : tracked.double().reciprocal();
    }
    // Batch statistics in training, or whenever there are no running statistics to use.
    const useBatch = this.training || this.buffer("running_mean") === null;
    const track = !this.training || this.trackRunningStats;
    return batchNorm(input, track ? this.buffer("running_mean") : null, track ? this.buffer("running_var") : null, {
      weight: this.weight,
      bias: this.bias,
      training: useBatch,
      momentum: factor,
      eps: this.eps,
    });
  }
  override extraRepr(): string {
    return (
      `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${this.momentum === null ? "None" : pyFloat(this.momentum)}, ` +
      `affine=${pyBool(this.affine)}, track_running_stats=${pyBool(this.trackRunningStats)}`
    );
  }
}
for (const [prop, name] of [["runningMean", "running_mean"], ["runningVar", "running_var"], ["numBatchesTracked", "num_batches_tracked"]] as const) {
  Object.defineProperty(BatchNormNd.prototype, prop, {
    get(this: Module) {
      return this._buffers.get(name) ?? null;
    },
  });
}

/** Batch norm over [N, C] or [N, C, L] input. */
export class BatchNorm1d extends BatchNormNd {
  constructor(numFeatures: number, options: BatchNormModuleOptions = {}) {
    super(numFeatures, options);
  }
  protected checkInputDim(input: Tensor): void {
    if (input.ndim !== 2 && input.ndim !== 3) throw new ValueError(`expected 2D or 3D input (got ${input.ndim}D input)`);
  }
}
/** Batch norm over [N, C, H, W] input. */
export class BatchNorm2d extends BatchNormNd {
  constructor(numFeatures: number, options: BatchNormModuleOptions = {}) {
    super(numFeatures, options);
  }
  protected checkInputDim(input: Tensor): void {
    if (input.ndim !== 4) throw new ValueError(`expected 4D input (got ${input.ndim}D input)`);
  }
}

export interface GroupNormOptions extends FactoryOptions {
  eps?: number;
  affine?: boolean;
}

/** Normalises channel groups per sample (batch-size independent), with per-channel scale and shift. */
export class GroupNorm extends Module {
  readonly eps: number;
  readonly affine: boolean;
  declare weight: Tensor | null;
  declare bias: Tensor | null;
  constructor(
    readonly numGroups: number,
    readonly numChannels: number,
    options: GroupNormOptions = {},
  ) {
    super();
    if (numChannels % numGroups !== 0) throw new ValueError("num_channels must be divisible by num_groups");
    this.eps = options.eps ?? 1e-5;
    this.affine = options.affine ?? true;
    affineParameters(this, [numChannels], this.affine, options);
    this.resetParameters();
  }
  resetParameters(): void {
    resetAffine(this.weight, this.bias);
  }
  override forward(input: Tensor): Tensor {
    return groupNorm(input, this.numGroups, this.weight, this.bias, this.eps);
  }
  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyFloat(this.eps)}, affine=${pyBool(this.affine)}`;
  }
}
