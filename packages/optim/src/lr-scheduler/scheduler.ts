/**
 * `LRScheduler`: PyTorch's `_LRScheduler`. Construction records `initialLr` in each group (when it
 * starts afresh, `lastEpoch` -1) and takes the first step, so `getLastLr()` is the epoch-0 rate.
 * `step()` advances `lastEpoch` and writes the new rates into the groups; most schedulers compute them
 * in PyTorch's chainable (recursive) form from the groups' current `lr`, so they compose with other
 * changes to the rates and their floats equal PyTorch's.
 */
import { KeyError, TorchTypeError, ValueError } from "@typetorch/tensor-core";
import { Optimizer } from "../optimizer.js";
import type { ParamGroup } from "../optimizer.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a scheduler drives any optimizer's groups
export type AnyOptimizer = Optimizer<any>;

export function checkOptimizer(optimizer: unknown): asserts optimizer is AnyOptimizer {
  if (!(optimizer instanceof Optimizer)) {
    const name = (optimizer as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof optimizer;
    throw new TorchTypeError(`${name} is not an Optimizer`);
  }
}

/** PyTorch's `_format_param`: one value per group, from a scalar or a list of the right length. */
export function perGroup<T>(optimizer: AnyOptimizer, name: string, value: T | readonly T[]): T[] {
  const n = optimizer.paramGroups.length;
  if (!Array.isArray(value)) return Array.from({ length: n }, () => value as T);
  if (value.length !== n) throw new ValueError(`expected ${n} values for ${name}, got ${value.length}`);
  return [...(value as readonly T[])];
}

const isCode = (v: unknown): boolean =>
  typeof v === "function" || (Array.isArray(v) && v.some((x) => typeof x === "function"));

/** The plain-data fields of `obj` (arrays copied), without `skip`: what a scheduler's state dict holds. */
export function savedFields(obj: object, skip: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (!skip.includes(k) && !isCode(v)) out[k] = Array.isArray(v) ? structuredClone(v) : v;
  }
  return out;
}

/** What every scheduler offers (SequentialLR and ChainedScheduler included). */
export interface Scheduler {
  step(): void;
  getLastLr(): number[];
  stateDict(): Record<string, unknown>;
  loadStateDict(stateDict: Record<string, unknown>): void;
}

export abstract class LRScheduler implements Scheduler {
  readonly optimizer: AnyOptimizer;
  baseLrs: number[];
  lastEpoch: number;
  /** @internal How many times `step` ran (PyTorch's `_step_count`; CosineAnnealingLR reads it). */
  _stepCount = 0;
  /** @internal The rates of the last step (PyTorch's `_last_lr`). */
  _lastLr: number[] = [];

  /**
   * `fields` are the subclass's hyper-parameters: assigned before the first step, which needs them
   * (a subclass declares them with `declare`, so its own field initialisers do not reset them).
   */
  constructor(optimizer: AnyOptimizer, lastEpoch: number, fields: object) {
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    Object.assign(this, fields);
    const groups: ParamGroup[] = optimizer.paramGroups;
    if (lastEpoch === -1) {
      for (const g of groups) if (!("initialLr" in g)) g["initialLr"] = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (!("initialLr" in g)) {
          throw new KeyError(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
        }
      });
    }
    this.baseLrs = groups.map((g) => g["initialLr"] as number);
    this.lastEpoch = lastEpoch;
    this.initialStep();
  }

  /** @internal Resets the step count and takes the first step (SequentialLR re-runs it). */
  initialStep(): void {
    this._stepCount = 0;
    this.step();
  }

  /**
   * Advances one epoch. `step(epoch)` (deprecated in PyTorch too) jumps to `epoch` and uses the
   * closed form where the scheduler has one; SequentialLR relies on it at its milestones.
   */
  step(epoch?: number): void {
    this._stepCount++;
    let values: number[];
    if (epoch === undefined) {
      this.lastEpoch++;
      values = this.getLr();
    } else {
      this.lastEpoch = epoch;
      values = this.closedFormLr() ?? this.getLr();
    }
    this.optimizer.paramGroups.forEach((g: ParamGroup, i: number) => (g.lr = values[i] as number));
    this._lastLr = this.optimizer.paramGroups.map((g: ParamGroup) => g.lr);
  }

  /** The rates the last `step` set, one per group. */
  getLastLr(): number[] {
    return [...this._lastLr];
  }

  /** The rates for `lastEpoch` (chainable form). */
  protected abstract getLr(): number[];

  /** The rates for `lastEpoch` from `baseLrs` alone, where the schedule has a closed form. */
  protected closedFormLr(): number[] | null {
    return null;
  }

  protected groupLrs(): number[] {
    return this.optimizer.paramGroups.map((g: ParamGroup) => g.lr);
  }

  /** Every field but the optimizer and functions (PyTorch saves no lambdas either), copied. */
  stateDict(): Record<string, unknown> {
    return savedFields(this, ["optimizer"]);
  }

  loadStateDict(stateDict: Record<string, unknown>): void {
    Object.assign(this, savedFields(stateDict, []));
  }
}
