/**
 * The epoch-indexed schedulers: StepLR, MultiStepLR, ExponentialLR, LambdaLR, MultiplicativeLR,
 * ConstantLR, LinearLR, CosineAnnealingLR. Each `getLr` is PyTorch 1.13's chainable form (from the
 * groups' current rates) and `closedFormLr` its closed form (from `baseLrs`), float for float.
 */
import { ValueError } from "@typetorch/tensor-core";
import { crCos as cos } from "@typetorch/tensor-core/math";
import { LRScheduler } from "./scheduler.js";
import type { AnyOptimizer } from "./scheduler.js";

/** Decays each group's rate by `gamma` every `stepSize` epochs. */
export class StepLR extends LRScheduler {
  declare stepSize: number;
  declare gamma: number;
  constructor(optimizer: AnyOptimizer, options: { stepSize: number; gamma?: number; lastEpoch?: number }) {
    super(optimizer, options.lastEpoch ?? -1, { stepSize: options.stepSize, gamma: options.gamma ?? 0.1 });
  }
  protected getLr(): number[] {
    const e = this.lastEpoch;
    return e === 0 || e % this.stepSize !== 0 ? this.groupLrs() : this.groupLrs().map((lr) => lr * this.gamma);
  }
  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}

/** Decays by `gamma` at each milestone (a milestone listed twice decays twice). */
export class MultiStepLR extends LRScheduler {
  declare milestones: number[];
  declare gamma: number;
  constructor(optimizer: AnyOptimizer, options: { milestones: readonly number[]; gamma?: number; lastEpoch?: number }) {
    const milestones = [...options.milestones].sort((a, b) => a - b);
    super(optimizer, options.lastEpoch ?? -1, { milestones, gamma: options.gamma ?? 0.1 });
  }
  protected getLr(): number[] {
    const hits = this.milestones.filter((m) => m === this.lastEpoch).length;
    return hits === 0 ? this.groupLrs() : this.groupLrs().map((lr) => lr * this.gamma ** hits);
  }
  protected override closedFormLr(): number[] {
    const passed = this.milestones.filter((m) => m <= this.lastEpoch).length;
    return this.baseLrs.map((lr) => lr * this.gamma ** passed);
  }
}

/** Decays by `gamma` every epoch. */
export class ExponentialLR extends LRScheduler {
  declare gamma: number;
  constructor(optimizer: AnyOptimizer, options: { gamma: number; lastEpoch?: number }) {
    super(optimizer, options.lastEpoch ?? -1, { gamma: options.gamma });
  }
  protected getLr(): number[] {
    return this.lastEpoch === 0 ? this.groupLrs() : this.groupLrs().map((lr) => lr * this.gamma);
  }
  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.gamma ** this.lastEpoch);
  }
}

type LrLambda = (epoch: number) => number;

function lambdas(optimizer: AnyOptimizer, lrLambda: LrLambda | readonly LrLambda[]): LrLambda[] {
  const n = optimizer.paramGroups.length;
  if (typeof lrLambda === "function") return Array.from({ length: n }, () => lrLambda);
  if (lrLambda.length !== n) throw new ValueError(`Expected ${n} lr_lambdas, but got ${lrLambda.length}`);
  return [...lrLambda];
}

/** Sets each group's rate to its initial rate times `lrLambda(epoch)` (one function, or one per group). */
export class LambdaLR extends LRScheduler {
  declare lrLambdas: LrLambda[];
  constructor(optimizer: AnyOptimizer, options: { lrLambda: LrLambda | readonly LrLambda[]; lastEpoch?: number }) {
    super(optimizer, options.lastEpoch ?? -1, { lrLambdas: lambdas(optimizer, options.lrLambda) });
  }
  protected getLr(): number[] {
    return this.baseLrs.map((lr, i) => lr * (this.lrLambdas[i] as LrLambda)(this.lastEpoch));
  }
}

/** Multiplies each group's rate by `lrLambda(epoch)` every epoch after the first. */
export class MultiplicativeLR extends LRScheduler {
  declare lrLambdas: LrLambda[];
  constructor(optimizer: AnyOptimizer, options: { lrLambda: LrLambda | readonly LrLambda[]; lastEpoch?: number }) {
    super(optimizer, options.lastEpoch ?? -1, { lrLambdas: lambdas(optimizer, options.lrLambda) });
  }
  protected getLr(): number[] {
    if (this.lastEpoch <= 0) return this.groupLrs();
    return this.groupLrs().map((lr, i) => lr * (this.lrLambdas[i] as LrLambda)(this.lastEpoch));
  }
}

/** Multiplies the rate by `factor` (default 1/3) until epoch `totalIters` (default 5). */
export class ConstantLR extends LRScheduler {
  declare factor: number;
  declare totalIters: number;
  constructor(optimizer: AnyOptimizer, options: { factor?: number; totalIters?: number; lastEpoch?: number } = {}) {
    const { factor = 1.0 / 3, totalIters = 5 } = options;
    if (factor > 1.0 || factor < 0) throw new ValueError("Constant multiplicative factor expected to be between 0 and 1.");
    super(optimizer, options.lastEpoch ?? -1, { factor, totalIters });
  }
  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groupLrs().map((lr) => lr * this.factor);
    if (this.lastEpoch !== this.totalIters) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * (1.0 / this.factor));
  }
  protected override closedFormLr(): number[] {
    const after = this.lastEpoch >= this.totalIters ? 1 : 0;
    return this.baseLrs.map((lr) => lr * (this.factor + after * (1 - this.factor)));
  }
}

/** Moves the rate's factor linearly from `startFactor` (1/3) to `endFactor` (1) over `totalIters` (5) epochs. */
export class LinearLR extends LRScheduler {
  declare startFactor: number;
  declare endFactor: number;
  declare totalIters: number;
  constructor(
    optimizer: AnyOptimizer,
    options: { startFactor?: number; endFactor?: number; totalIters?: number; lastEpoch?: number } = {},
  ) {
    const { startFactor = 1.0 / 3, endFactor = 1.0, totalIters = 5 } = options;
    if (startFactor > 1.0 || startFactor < 0) throw new ValueError("Starting multiplicative factor expected to be between 0 and 1.");
    if (endFactor > 1.0 || endFactor < 0) throw new ValueError("Ending multiplicative factor expected to be between 0 and 1.");
    super(optimizer, options.lastEpoch ?? -1, { startFactor, endFactor, totalIters });
  }
  protected getLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: n, lastEpoch: t } = this;
    if (t === 0) return this.groupLrs().map((lr) => lr * s);
    if (t > n) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * (1 + (e - s) / (n * s + (t - 1) * (e - s))));
  }
  protected override closedFormLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: n, lastEpoch: t } = this;
    return this.baseLrs.map((lr) => lr * (s + ((e - s) * Math.min(n, t)) / n));
  }
}

/** Cosine annealing from the initial rate to `etaMin` over `TMax` epochs (and back, periodically). */
export class CosineAnnealingLR extends LRScheduler {
  declare TMax: number;
  declare etaMin: number;
  constructor(optimizer: AnyOptimizer, options: { TMax: number; etaMin?: number; lastEpoch?: number }) {
    super(optimizer, options.lastEpoch ?? -1, { TMax: options.TMax, etaMin: options.etaMin ?? 0 });
  }
  protected getLr(): number[] {
    const { TMax: T, etaMin: eta, lastEpoch: t } = this;
    if (t === 0) return this.groupLrs();
    if (this._stepCount === 1 && t > 0) {
      return this.baseLrs.map((base) => eta + ((base - eta) * (1 + cos((t * Math.PI) / T))) / 2);
    }
    if ((t - 1 - T) % (2 * T) === 0) {
      return this.groupLrs().map((lr, i) => lr + ((this.baseLrs[i] as number) - eta) * (1 - cos(Math.PI / T)) / 2);
    }
    return this.groupLrs().map(
      (lr) => ((1 + cos((Math.PI * t) / T)) / (1 + cos((Math.PI * (t - 1)) / T))) * (lr - eta) + eta,
    );
  }
  protected override closedFormLr(): number[] {
    const { TMax: T, etaMin: eta, lastEpoch: t } = this;
    return this.baseLrs.map((base) => eta + ((base - eta) * (1 + cos((Math.PI * t) / T))) / 2);
  }
}
