/** Schedulers made of schedulers: `SequentialLR` (one after another, at milestones) and `ChainedScheduler` (all at once). */
import { ValueError } from "@typetorch/tensor-core";
import type { ParamGroup } from "../optimizer.js";
import { savedFields } from "./scheduler.js";
import type { AnyOptimizer, LRScheduler, Scheduler } from "./scheduler.js";

/** What both composites share: the rates they report and a state dict that nests their parts'. */
abstract class CompositeScheduler implements Scheduler {
  abstract readonly optimizer: AnyOptimizer;
  /** @internal */
  abstract _schedulers: Scheduler[];
  /** @internal */
  _lastLr: number[] = [];

  abstract step(): void;

  getLastLr(): number[] {
    return [...this._lastLr];
  }

  stateDict(): Record<string, unknown> {
    return { ...savedFields(this, ["optimizer", "_schedulers"]), _schedulers: this._schedulers.map((s) => s.stateDict()) };
  }

  loadStateDict(stateDict: Record<string, unknown>): void {
    const subs = stateDict["_schedulers"] as Record<string, unknown>[];
    subs.forEach((s, i) => this._schedulers[i]?.loadStateDict(s));
    Object.assign(this, savedFields(stateDict, ["_schedulers"]));
  }
}

/**
 * Runs `schedulers[0]` until `milestones[0]`, then `schedulers[1]` (restarted at its epoch 0 with its
 * closed form), and so on — PyTorch 1.13's construction and stepping, quirks included.
 */
export class SequentialLR extends CompositeScheduler {
  readonly optimizer: AnyOptimizer;
  /** @internal */
  _schedulers: LRScheduler[];
  /** @internal */
  _milestones: number[];
  lastEpoch: number;

  constructor(optimizer: AnyOptimizer, options: { schedulers: readonly LRScheduler[]; milestones: readonly number[]; lastEpoch?: number }) {
    super();
    const { schedulers, milestones } = options;
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) {
        throw new ValueError(
          `Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${i} to be different than the optimizer passed in.`,
        );
      }
    });
    if (milestones.length !== schedulers.length - 1) {
      throw new ValueError(
        `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be equal to ${milestones.length}`,
      );
    }
    this._schedulers = [...schedulers];
    this._milestones = [...milestones];
    this.lastEpoch = (options.lastEpoch ?? -1) + 1;
    this.optimizer = optimizer;
    // Undo what constructing the schedulers did, then start the first one again.
    for (const g of optimizer.paramGroups as ParamGroup[]) g.lr = g["initialLr"] as number;
    for (const s of this._schedulers) s.lastEpoch -= 1;
    (this._schedulers[0] as LRScheduler).initialStep();
    this._lastLr = (this._schedulers[0] as LRScheduler).getLastLr();
  }

  step(): void {
    this.lastEpoch += 1;
    const idx = this._milestones.filter((m) => m <= this.lastEpoch).length; // bisect_right
    const scheduler = this._schedulers[idx] as LRScheduler;
    if (idx > 0 && this._milestones[idx - 1] === this.lastEpoch) scheduler.step(0);
    else scheduler.step();
    this._lastLr = scheduler.getLastLr();
  }
}

/** Steps every scheduler at each `step()`: their multiplicative effects compose. */
export class ChainedScheduler extends CompositeScheduler {
  readonly optimizer: AnyOptimizer;
  /** @internal */
  _schedulers: Scheduler[];

  constructor(schedulers: ReadonlyArray<LRScheduler | Scheduler & { optimizer: AnyOptimizer }>) {
    super();
    const first = schedulers[0] as Scheduler & { optimizer: AnyOptimizer };
    schedulers.forEach((s, i) => {
      if (s.optimizer !== first.optimizer) {
        throw new ValueError(
          `ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different`,
        );
      }
    });
    this._schedulers = [...schedulers];
    this.optimizer = first.optimizer;
    this._lastLr = this.groupLrs();
  }

  private groupLrs(): number[] {
    return this.optimizer.paramGroups.map((g: ParamGroup) => g.lr);
  }

  step(): void {
    for (const s of this._schedulers) s.step();
    this._lastLr = this.groupLrs();
  }
}
