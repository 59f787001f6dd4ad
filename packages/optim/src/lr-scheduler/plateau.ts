/** `ReduceLROnPlateau`: divides the rates when a metric has stopped improving for `patience` epochs. */
import { DeviceError, Tensor, ValueError, getBackend } from "@typetorch/tensor-core";
import type { ParamGroup } from "../optimizer.js";
import { checkOptimizer, perGroup, savedFields } from "./scheduler.js";
import type { AnyOptimizer } from "./scheduler.js";

export interface ReduceLROnPlateauOptions {
  mode?: "min" | "max";
  factor?: number;
  patience?: number;
  threshold?: number;
  thresholdMode?: "rel" | "abs";
  cooldown?: number;
  minLr?: number | readonly number[];
  eps?: number;
}

/**
 * ```ts
 * const scheduler = new optim.lrScheduler.ReduceLROnPlateau(optimizer, { mode: "min" });
 * for (...) { train(); scheduler.step(valLoss); }
 * ```
 * Not an `LRScheduler` (as in PyTorch): `step` takes the metric.
 */
export class ReduceLROnPlateau {
  readonly optimizer: AnyOptimizer;
  mode: "min" | "max";
  factor: number;
  patience: number;
  threshold: number;
  thresholdMode: "rel" | "abs";
  cooldown: number;
  cooldownCounter = 0;
  minLrs: number[];
  eps: number;
  best: number;
  numBadEpochs = 0;
  lastEpoch = 0;
  /** @internal */
  _lastLr: number[];

  constructor(optimizer: AnyOptimizer, options: ReduceLROnPlateauOptions = {}) {
    const { mode = "min", factor = 0.1, patience = 10, threshold = 1e-4, thresholdMode = "rel" } = options;
    if (factor >= 1.0) throw new ValueError("Factor should be < 1.0.");
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    if (Array.isArray(options.minLr) && options.minLr.length !== optimizer.paramGroups.length) {
      throw new ValueError(`expected ${optimizer.paramGroups.length} min_lrs, got ${options.minLr.length}`);
    }
    this.minLrs = perGroup(optimizer, "min_lr", options.minLr ?? 0);
    this.factor = factor;
    this.patience = patience;
    this.cooldown = options.cooldown ?? 0;
    this.eps = options.eps ?? 1e-8;
    if (mode !== "min" && mode !== "max") throw new ValueError(`mode ${String(mode)} is unknown!`);
    if (thresholdMode !== "rel" && thresholdMode !== "abs") throw new ValueError(`threshold mode ${String(thresholdMode)} is unknown!`);
    this.mode = mode;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
    this.best = this.worst();
    this._lastLr = this.optimizer.paramGroups.map((g: ParamGroup) => g.lr);
  }

  private worst(): number {
    return this.mode === "min" ? Infinity : -Infinity;
  }

  /** Records one epoch's metric (a number or a one-element tensor) and reduces the rates if due. */
  step(metrics: number | Tensor): void {
    if (metrics instanceof Tensor && !getBackend(metrics.device).capabilities.syncRead) {
      // The decision is made on the host (PyTorch's `float(metrics)` syncs a CUDA device).
      throw new DeviceError(
        `ReduceLROnPlateau.step compares the metric on the host, and a ${metrics.device} tensor cannot be read synchronously: pass a number, \`scheduler.step(Number(await metric.itemAsync()))\``,
      );
    }
    const current = metrics instanceof Tensor ? Number(metrics.item()) : metrics;
    this.lastEpoch += 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.inCooldown) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((g: ParamGroup, i: number) => {
        const newLr = Math.max(g.lr * this.factor, this.minLrs[i] as number);
        if (g.lr - newLr > this.eps) g.lr = newLr;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this._lastLr = this.optimizer.paramGroups.map((g: ParamGroup) => g.lr);
  }

  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  isBetter(a: number, best: number): boolean {
    if (this.mode === "min") return this.thresholdMode === "rel" ? a < best * (1 - this.threshold) : a < best - this.threshold;
    return this.thresholdMode === "rel" ? a > best * (this.threshold + 1) : a > best + this.threshold;
  }

  getLastLr(): number[] {
    return [...this._lastLr];
  }

  stateDict(): Record<string, unknown> {
    return savedFields(this, ["optimizer"]);
  }

  loadStateDict(stateDict: Record<string, unknown>): void {
    Object.assign(this, savedFields(stateDict, []));
  }
}
