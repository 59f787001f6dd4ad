/** `OneCycleLR`: Smith's 1cycle policy — warm up to `maxLr`, anneal far below the start, cycling momentum inversely. */
import { ValueError } from "@typetorch/tensor-core";
import type { ParamGroup } from "../optimizer.js";
import { crCos as cos } from "@typetorch/tensor-core/math";
import { LRScheduler, checkOptimizer, perGroup } from "./scheduler.js";
import type { AnyOptimizer } from "./scheduler.js";

export interface OneCycleLROptions {
  maxLr: number | readonly number[];
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  pctStart?: number;
  annealStrategy?: "cos" | "linear";
  cycleMomentum?: boolean;
  baseMomentum?: number | readonly number[];
  maxMomentum?: number | readonly number[];
  divFactor?: number;
  finalDivFactor?: number;
  threePhase?: boolean;
  lastEpoch?: number;
}

/** One phase: from group[startLr] to group[endLr] (and the momenta) until `endStep`. */
interface Phase {
  endStep: number;
  startLr: string;
  endLr: string;
  startMomentum: string;
  endMomentum: string;
}

const positiveInt = (x: number | undefined): boolean => x !== undefined && Number.isInteger(x) && x > 0;

const anneal = {
  cos: (start: number, end: number, pct: number): number => end + ((start - end) / 2.0) * (cos(Math.PI * pct) + 1),
  linear: (start: number, end: number, pct: number): number => (end - start) * pct + start,
};

export class OneCycleLR extends LRScheduler {
  declare totalSteps: number;
  declare phases: Phase[];
  declare annealStrategy: "cos" | "linear";
  declare cycleMomentum: boolean;
  /** Whether momentum is Adam's `betas[0]` rather than SGD's `momentum`. */
  declare useBeta1: boolean;

  constructor(optimizer: AnyOptimizer, options: OneCycleLROptions) {
    checkOptimizer(optimizer);
    const { epochs, stepsPerEpoch, pctStart = 0.3, annealStrategy = "cos", cycleMomentum = true } = options;
    let totalSteps: number;
    if (options.totalSteps === undefined && epochs === undefined && stepsPerEpoch === undefined) {
      throw new ValueError("You must define either total_steps OR (epochs AND steps_per_epoch)");
    } else if (options.totalSteps !== undefined) {
      if (!positiveInt(options.totalSteps)) throw new ValueError(`Expected positive integer total_steps, but got ${options.totalSteps}`);
      totalSteps = options.totalSteps;
    } else {
      if (!positiveInt(epochs)) throw new ValueError(`Expected positive integer epochs, but got ${epochs}`);
      if (!positiveInt(stepsPerEpoch)) throw new ValueError(`Expected positive integer steps_per_epoch, but got ${stepsPerEpoch}`);
      totalSteps = (epochs as number) * (stepsPerEpoch as number);
    }
    const phase = (endStep: number, lr: [string, string], m: [string, string]): Phase =>
      ({ endStep, startLr: lr[0], endLr: lr[1], startMomentum: m[0], endMomentum: m[1] });
    const phases = options.threePhase === true
      ? [
          phase(pctStart * totalSteps - 1, ["initialLr", "maxLr"], ["maxMomentum", "baseMomentum"]),
          phase(2 * pctStart * totalSteps - 2, ["maxLr", "initialLr"], ["baseMomentum", "maxMomentum"]),
          phase(totalSteps - 1, ["initialLr", "minLr"], ["maxMomentum", "maxMomentum"]),
        ]
      : [
          phase(pctStart * totalSteps - 1, ["initialLr", "maxLr"], ["maxMomentum", "baseMomentum"]),
          phase(totalSteps - 1, ["maxLr", "minLr"], ["baseMomentum", "maxMomentum"]),
        ];
    if (pctStart < 0 || pctStart > 1) throw new ValueError(`Expected float between 0 and 1 pct_start, but got ${pctStart}`);
    if (annealStrategy !== "cos" && annealStrategy !== "linear") {
      throw new ValueError(`anneal_strategy must by one of 'cos' or 'linear', instead got ${String(annealStrategy)}`);
    }
    const lastEpoch = options.lastEpoch ?? -1;
    const groups: ParamGroup[] = optimizer.paramGroups;
    const maxLrs = perGroup(optimizer, "max_lr", options.maxLr);
    if (lastEpoch === -1) {
      groups.forEach((g, i) => {
        g["initialLr"] = (maxLrs[i] as number) / (options.divFactor ?? 25);
        g["maxLr"] = maxLrs[i];
        g["minLr"] = (g["initialLr"] as number) / (options.finalDivFactor ?? 1e4);
      });
    }
    const useBeta1 = "betas" in optimizer.defaults;
    if (cycleMomentum) {
      if (!("momentum" in optimizer.defaults) && !useBeta1) {
        throw new ValueError("optimizer must support momentum with `cycle_momentum` option enabled");
      }
      const maxMomenta = perGroup(optimizer, "max_momentum", options.maxMomentum ?? 0.95);
      const baseMomenta = perGroup(optimizer, "base_momentum", options.baseMomentum ?? 0.85);
      if (lastEpoch === -1) {
        groups.forEach((g, i) => {
          setMomentum(g, useBeta1, maxMomenta[i] as number);
          g["maxMomentum"] = maxMomenta[i];
          g["baseMomentum"] = baseMomenta[i];
        });
      }
    }
    super(optimizer, lastEpoch, { totalSteps, phases, annealStrategy, cycleMomentum, useBeta1 });
  }

  protected getLr(): number[] {
    const step = this.lastEpoch;
    if (step > this.totalSteps) {
      throw new ValueError(`Tried to step ${step + 1} times. The specified number of total steps is ${this.totalSteps}`);
    }
    const f = anneal[this.annealStrategy];
    return this.optimizer.paramGroups.map((g: ParamGroup) => {
      let start = 0;
      for (const [i, ph] of this.phases.entries()) {
        if (step <= ph.endStep || i === this.phases.length - 1) {
          const pct = (step - start) / (ph.endStep - start);
          const at = (a: string, b: string): number => f(g[a] as number, g[b] as number, pct);
          if (this.cycleMomentum) setMomentum(g, this.useBeta1, at(ph.startMomentum, ph.endMomentum));
          return at(ph.startLr, ph.endLr);
        }
        start = ph.endStep;
      }
      return g.lr; // unreachable: the last phase always matches
    });
  }
}

function setMomentum(g: ParamGroup, useBeta1: boolean, m: number): void {
  if (useBeta1) g["betas"] = [m, ...(g["betas"] as number[]).slice(1)];
  else g["momentum"] = m;
}
