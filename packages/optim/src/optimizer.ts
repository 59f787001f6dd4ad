/**
 * `Optimizer`: PyTorch's `torch.optim.Optimizer` — param groups with defaults merged in, per-parameter
 * state, `zeroGrad`, `step(closure?)`, `addParamGroup`, `stateDict` / `loadStateDict`.
 *
 * Subclasses implement `updateGroup`, PyTorch 1.13's single-tensor (`foreach=False`) algorithm for one
 * group. `step` runs it under `noGrad` and inside a `tidy`, so the temporaries of an update are freed at
 * once; state tensors made by `initState` are kept.
 */
import { Tensor, TorchTypeError, ValueError, getDefaultDtype, keep, tidy, zeros } from "@typetorch/tensor-core";
import { enableGrad, noGrad } from "@typetorch/autograd";

/** A value of an optimizer's per-parameter state (`momentumBuffer`, `expAvg`, `step`, ...). */
export type StateValue = Tensor | number | null;
export type ParamState = Record<string, StateValue>;

/** A param group as the optimizer holds it: its parameters and every option, defaults merged in. */
export interface ParamGroup {
  params: Tensor[];
  lr: number;
  /** Schedulers add keys (`initialLr`, `maxLr`, ...), as PyTorch's add `initial_lr`. */
  [option: string]: unknown;
}

/** A param group as given to the constructor or `addParamGroup`: `{ params, ...options }`. */
export type ParamGroupInput<O> = Partial<O> & { params: Iterable<Tensor> | Tensor; [option: string]: unknown };

/** What an optimizer takes: an iterable of parameters, or of param groups. */
export type Params<O> = Iterable<Tensor> | Iterable<ParamGroupInput<O>>;

/** PyTorch's state_dict: state keyed by the parameter's index (over all groups, in order). */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  paramGroups: Array<{ params: number[]; [option: string]: unknown }>;
}

/** Marks an option without a default (SGD's `lr`): each group must then give it. */
export const required: unique symbol = Symbol("required");

const pythonTypeName = (x: unknown): string =>
  x instanceof Tensor ? x.type() : x === null ? "NoneType" : Array.isArray(x) ? "list" : typeof x;

/** Throws PyTorch's ValueError for an invalid option when `ok` is false. */
export function check(ok: boolean, message: string): void {
  if (!ok) throw new ValueError(message);
}

/** A number as Python prints it in a message: nan, inf, 1e-05 (JS: NaN, Infinity, 0.00001). */
export function py(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-4 || a >= 1e16) ? x.toExponential().replace(/e([+-])(\d)$/, "e$10$2") : String(x);
}

/** PyTorch 1.13 counts the Adam family's steps in a 0-dim tensor of the default dtype (`torch.tensor(0.)`). */
export const stepCounter = (): Tensor => zeros([], { dtype: getDefaultDtype() });

/** `step_t += 1; step = step_t.item()` */
export function countStep(st: ParamState): number {
  const t = (st["step"] as Tensor).add_(1);
  return Number(t.item());
}

/** Checks PyTorch's `0 <= lr`, `0 <= eps`, `0 <= beta < 1` and `0 <= weight_decay` (Adam and kin). */
export function checkAdamLike(o: { lr: number; eps: number; betas: readonly [number, number]; weightDecay: number }): void {
  check(o.lr >= 0, `Invalid learning rate: ${py(o.lr)}`);
  check(o.eps >= 0, `Invalid epsilon value: ${py(o.eps)}`);
  o.betas.forEach((b, i) => check(b >= 0 && b < 1, `Invalid beta parameter at index ${i}: ${py(b)}`));
  check(o.weightDecay >= 0, `Invalid weight_decay value: ${py(o.weightDecay)}`);
}

export abstract class Optimizer<O extends object = Record<string, unknown>> {
  /** The options each group falls back to (the constructor's, after validation). */
  readonly defaults: Readonly<Record<string, unknown>>;
  paramGroups: Array<ParamGroup & O> = [];
  /** Per-parameter state, as PyTorch's `optimizer.state[p]`. */
  state: Map<Tensor, ParamState> = new Map();

  constructor(params: Params<O>, defaults: { [K in keyof O]: O[K] | typeof required }) {
    this.defaults = defaults;
    if (params instanceof Tensor) {
      throw new TorchTypeError(
        `params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${params.type()}`,
      );
    }
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw new ValueError("optimizer got an empty parameter list");
    const groups = (list[0] instanceof Tensor ? [{ params: list }] : list) as ParamGroupInput<O>[];
    for (const g of groups) this.addParamGroup(g);
  }

  /** Adds a group (e.g. layers unfrozen while fine-tuning); missing options take the defaults. */
  addParamGroup(paramGroup: ParamGroupInput<O>): void {
    if (typeof paramGroup !== "object" || paramGroup instanceof Tensor) throw new TorchTypeError("param group must be a dict");
    const { params: given, ...options } = paramGroup;
    if (given instanceof Set) {
      throw new TorchTypeError(
        "optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.",
      );
    }
    const params: unknown[] = given instanceof Tensor ? [given] : [...(given as Iterable<unknown>)];
    for (const p of params) {
      if (!(p instanceof Tensor)) {
        throw new TorchTypeError(`optimizer can only optimize Tensors, but one of the params is ${pythonTypeName(p)}`);
      }
      if (!(p.isLeaf || p.retainsGrad)) throw new ValueError("can't optimize a non-leaf Tensor");
    }
    const group: Record<string, unknown> = { params, ...options };
    for (const [name, value] of Object.entries(this.defaults)) {
      if (group[name] !== undefined) continue;
      if (value === required) {
        throw new ValueError(`parameter group didn't specify a value of required optimization parameter ${name}`);
      }
      group[name] = Array.isArray(value) ? [...(value as unknown[])] : value;
    }
    const taken = new Set(this.paramGroups.flatMap((g) => g.params));
    if (params.some((p) => taken.has(p as Tensor))) {
      throw new ValueError("some parameters appear in more than one parameter group");
    }
    this.paramGroups.push(group as ParamGroup & O);
  }

  /**
   * Clears every parameter's gradient. `setToNone` defaults to true, as in PyTorch 2.x (1.13's
   * default was false): `.grad` becomes null, so the next backward allocates it afresh and a
   * parameter left out of the next loss is skipped by `step` instead of stepped with a zero gradient.
   * With `setToNone: false` the gradient is detached and zeroed in place, as PyTorch does.
   */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    const setToNone = options.setToNone ?? true;
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (p.grad === null) continue;
        if (setToNone) {
          p.grad = null;
        } else {
          if (p.grad.gradFn !== null) p.grad.detach_();
          else p.grad.requiresGrad_(false);
          p.grad.zero_();
        }
      }
    }
  }

  /**
   * One optimization step. `closure`, when given, re-evaluates the model and returns the loss (it runs
   * with grad enabled, so it may call `backward`); its value is returned.
   */
  step<L = undefined>(closure?: () => L): L | undefined {
    const loss = closure === undefined ? undefined : enableGrad(closure);
    noGrad(() => {
      for (const group of this.paramGroups) tidy(() => this.updateGroup(group));
    });
    return loss;
  }

  /** One group's update: the single-tensor algorithm of PyTorch 1.13, in place on each parameter. */
  protected abstract updateGroup(group: ParamGroup & O): void;

  /** The state of `p`, made by `init` (its tensors kept past the step's tidy) the first time. */
  protected initState(p: Tensor, init: () => ParamState): ParamState {
    let st = this.state.get(p);
    if (st === undefined || Object.keys(st).length === 0) {
      st = init();
      for (const v of Object.values(st)) if (v instanceof Tensor) keep(v);
      this.state.set(p, st);
    }
    return st;
  }

  /** Stores a tensor made during a step in `st[key]`, kept past the step's tidy. */
  protected setState(st: ParamState, key: string, value: Tensor): Tensor {
    st[key] = keep(value);
    return value;
  }

  /**
   * PyTorch's `state_dict()`: parameters replaced by their index over all groups, state keyed by that
   * index. As in PyTorch the state tensors are the live ones (not copies).
   */
  stateDict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((g) => {
      const packed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(g)) if (k !== "params") packed[k] = Array.isArray(v) ? [...(v as unknown[])] : v;
      const ids = g.params.map((p) => {
        if (!index.has(p)) index.set(p, index.size);
        return index.get(p) as number;
      });
      return { ...packed, params: ids };
    });
    const state: Record<number, ParamState> = {};
    for (const [p, st] of this.state) {
      const i = index.get(p);
      if (i !== undefined) state[i] = { ...st };
    }
    return { state, paramGroups };
  }

  /**
   * Loads a `stateDict()`: group options are replaced by the saved ones, and state tensors are copied,
   * floating ones cast to their parameter's dtype (except `step`), as PyTorch does.
   */
  loadStateDict(stateDict: OptimizerStateDict): void {
    const saved = stateDict.paramGroups;
    if (saved.length !== this.paramGroups.length) {
      throw new ValueError("loaded state dict has a different number of parameter groups");
    }
    if (saved.some((g, i) => g.params.length !== this.paramGroups[i]?.params.length)) {
      throw new ValueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
    }
    const byId = new Map<number, Tensor>();
    saved.forEach((g, i) => g.params.forEach((id, j) => byId.set(id, (this.paramGroups[i] as ParamGroup).params[j] as Tensor)));
    const state = new Map<Tensor, ParamState>();
    for (const [key, st] of Object.entries(stateDict.state)) {
      const p = byId.get(Number(key));
      if (p === undefined) continue;
      const copy: ParamState = {};
      for (const [k, v] of Object.entries(st)) {
        if (!(v instanceof Tensor)) copy[k] = v;
        else if (k === "step") copy[k] = keep(v.clone());
        // NAdam's muProduct is read on the host each step (as `step` is), so it keeps its device
        // (PyTorch moves it to the parameter's and syncs a CUDA device on every step's `.item()`).
        else if (k === "muProduct") copy[k] = keep(v.to({ dtype: p.isFloatingPoint() ? p.dtype : v.dtype }, { copy: true }));
        else copy[k] = keep(v.to({ device: p.device, dtype: p.isFloatingPoint() ? p.dtype : v.dtype }, { copy: true }));
      }
      state.set(p, copy);
    }
    this.state = state;
    this.paramGroups = saved.map((g, i) => {
      const group: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(g)) group[k] = Array.isArray(v) ? [...(v as unknown[])] : v;
      group["params"] = (this.paramGroups[i] as ParamGroup).params;
      return group as ParamGroup & O;
    });
  }
}
