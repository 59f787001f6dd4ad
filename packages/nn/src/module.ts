/**
 * `nn.Module`: the base class of every layer and model.
 *
 * Registration rule (API.md rule 14): a Module is returned from its constructor wrapped in a
 * Proxy whose `defineProperty` trap sees every own-property write — class fields
 * (`fc1 = new nn.Linear(3, 2)`) and assignments (`this.fc1 = ...`) alike, since both reach
 * [[DefineOwnProperty]]. The trap does what PyTorch's `Module.__setattr__` does:
 * - a Parameter registers as a parameter, a Module as a child, in assignment order;
 * - a Tensor (or null) assigned to a registered buffer's name replaces the buffer;
 * - null assigned to a parameter's or child's name keeps the slot (as PyTorch's `None`);
 * - anything else assigned to a parameter's name is PyTorch's TypeError.
 * Plain tensors are never registered by assignment (use `registerBuffer`), nor are arrays of
 * modules (use `nn.ModuleList`), exactly as in PyTorch. Methods run with `this` being the Proxy
 * (subclass `#private` fields live on it too); Module itself therefore declares no `#private`
 * fields, which would live on the target.
 */
import { KeyError, NotImplementedError, Tensor, TorchTypeError, ValueError } from "@typetorch/tensor-core";
import type { DType, Device, RemovableHandle } from "@typetorch/tensor-core";
import { isParameter } from "./parameter.js";
import * as State from "./module-state.js";
import type { LoadStateDictOptions, IncompatibleKeys, StateDict } from "./module-state.js";

export type { LoadStateDictOptions, IncompatibleKeys, StateDict };

type ForwardPreHook = (module: Module, args: unknown[]) => unknown[] | void;
type ForwardHook = (module: Module, args: unknown[], output: unknown) => unknown;

/** PyTorch's `torch.typename` of a value, for the "cannot assign" errors. */
function typeName(value: unknown): string {
  if (value instanceof Tensor) return value.type();
  if (value === null) return "NoneType";
  if (typeof value === "object") return (value as object).constructor.name;
  // Python's names for the JS primitives a user might pass.
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  return typeof value;
}

/**
 * PyTorch's "attribute already exists" check. An own property holding `undefined` is a class
 * field declared without an initialiser (`bias: Tensor | null;`), which is free to register.
 */
function taken(module: Module, name: string, registry: Map<string, unknown>): boolean {
  return name in module && !registry.has(name) && Reflect.get(module, name) !== undefined;
}

function checkName(kind: string, name: string): void {
  // PyTorch 1.13 names the offending name for modules only.
  if (name.includes(".")) throw new KeyError(`${kind} name can't contain "."${kind === "module" ? `, got: ${name}` : ""}`);
  if (name === "") throw new KeyError(`${kind} name can't be empty string ""`);
}

export class Module {
  /** Train mode (true) or eval mode (false); set by `train()` / `eval()`. */
  training = true;
  /** @internal Registered parameters in registration order (null: a declared but absent one). */
  _parameters: Map<string, Tensor | null> = new Map();
  /** @internal Registered buffers in registration order. */
  _buffers: Map<string, Tensor | null> = new Map();
  /** @internal Buffers left out of the state dict (`registerBuffer(name, t, { persistent: false })`). */
  _nonPersistentBuffers = new Set<string>();
  /** @internal Child modules in registration order. */
  _modules = new Map<string, Module | null>();
  /** @internal */ _forwardPreHooks = new Map<number, ForwardPreHook>();
  /** @internal */ _forwardHooks = new Map<number, ForwardHook>();

  constructor() {
    for (const key of Object.keys(this)) Object.defineProperty(this, key, { enumerable: false });
    return new Proxy(this, {
      defineProperty: (target, key, desc) => target._define(key, desc),
      // PyTorch's `del module.name` unregisters as well.
      deleteProperty: (target, key) => {
        if (typeof key === "string") target._forget(key);
        return Reflect.deleteProperty(target, key);
      },
    });
  }

  /** @internal The `__setattr__` logic; see the file comment. */
  _define(key: string | symbol, desc: PropertyDescriptor): boolean {
    if (typeof key === "string" && "value" in desc) {
      const value: unknown = desc.value;
      if (isParameter(value)) {
        this._forget(key, "_parameters");
        this._parameters.set(key, value);
      } else if (value instanceof Module) {
        this._forget(key, "_modules");
        this._modules.set(key, value);
      } else if (this._parameters.has(key)) {
        if (value !== null) {
          throw new TorchTypeError(`cannot assign '${typeName(value)}' as parameter '${key}' (torch.nn.Parameter or None expected)`);
        }
        this._parameters.set(key, null);
      } else if (this._modules.has(key)) {
        if (value !== null) throw new TorchTypeError(`cannot assign '${typeName(value)}' as child module '${key}' (torch.nn.Module or None expected)`);
        this._modules.set(key, null);
      } else if (this._buffers.has(key)) {
        if (value !== null && !(value instanceof Tensor)) {
          throw new TorchTypeError(`cannot assign '${typeName(value)}' as buffer '${key}' (torch.Tensor or None expected)`);
        }
        this._buffers.set(key, value);
      }
    }
    return Reflect.defineProperty(this, key, desc);
  }

  /**
   * @internal Drops `key` from every registry but `keep` (a value of another kind takes the
   * name); a slot re-registered in its own registry keeps its place, as in PyTorch's dicts.
   */
  _forget(key: string, keep?: "_parameters" | "_modules" | "_buffers"): void {
    if (keep !== "_parameters") this._parameters.delete(key);
    if (keep !== "_modules") this._modules.delete(key);
    if (keep !== "_buffers") {
      this._buffers.delete(key);
      this._nonPersistentBuffers.delete(key);
    }
  }

  /** The computation; subclasses override it. Call the module with `call(...)` to run hooks. */
  forward(...args: never[]): unknown {
    void args;
    throw new NotImplementedError(`Module [${this.constructor.name}] is missing the required "forward" function`);
  }

  /** PyTorch's `module(*args)`: forward pre-hooks, `forward`, forward hooks. */
  call(...args: Parameters<this["forward"]>): ReturnType<this["forward"]> {
    let input: unknown[] = args;
    for (const hook of this._forwardPreHooks.values()) {
      const r = hook(this, input);
      if (r !== undefined) input = r;
    }
    let output = (this.forward as (...a: unknown[]) => unknown)(...input);
    for (const hook of this._forwardHooks.values()) {
      const r = hook(this, input, output);
      if (r !== undefined) output = r;
    }
    return output as ReturnType<this["forward"]>;
  }

  /** `hook(module, args)` runs before `forward`; returning an array replaces the arguments. */
  registerForwardPreHook(hook: ForwardPreHook): RemovableHandle {
    return addHook(this._forwardPreHooks, hook);
  }
  /** `hook(module, args, output)` runs after `forward`; returning a value replaces the output. */
  registerForwardHook(hook: ForwardHook): RemovableHandle {
    return addHook(this._forwardHooks, hook);
  }

  // ── registration ───────────────────────────────────────────────────────────────────────────
  /** Registers `param` (a Parameter or null) under `name`. */
  registerParameter(name: string, param: Tensor | null): void {
    checkName("parameter", name);
    if (taken(this, name, this._parameters)) throw new KeyError(`attribute '${name}' already exists`);
    if (param !== null && !isParameter(param)) {
      throw new TorchTypeError(`cannot assign '${typeName(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`);
    }
    this._forget(name, "_parameters");
    this._parameters.set(name, param);
    Reflect.defineProperty(this, name, { value: param, writable: true, enumerable: true, configurable: true });
  }

  /** Registers a tensor that is state but not a parameter (BatchNorm's running statistics). */
  registerBuffer(name: string, tensor: Tensor | null, options: { persistent?: boolean } = {}): void {
    checkName("buffer", name);
    if (taken(this, name, this._buffers)) throw new KeyError(`attribute '${name}' already exists`);
    if (tensor !== null && !(tensor instanceof Tensor)) {
      throw new TorchTypeError(`cannot assign '${typeName(tensor)}' object to buffer '${name}' (torch Tensor or None required)`);
    }
    this._forget(name, "_buffers");
    this._buffers.set(name, tensor);
    if (options.persistent === false) this._nonPersistentBuffers.add(name);
    Reflect.defineProperty(this, name, { value: tensor, writable: true, enumerable: true, configurable: true });
  }

  /** Registers a child module (or null) under `name`. */
  addModule(name: string, module: Module | null): void {
    if (module !== null && !(module instanceof Module)) throw new TorchTypeError(`${typeName(module)} is not a Module subclass`);
    checkName("module", name);
    if (taken(this, name, this._modules)) throw new KeyError(`attribute '${name}' already exists`);
    this._forget(name, "_modules");
    this._modules.set(name, module);
    Reflect.defineProperty(this, name, { value: module, writable: true, enumerable: true, configurable: true });
  }
  /** Alias of `addModule`. */
  registerModule(name: string, module: Module | null): void {
    this.addModule(name, module);
  }

  // ── traversal (PyTorch's order: pre-order, registration order, duplicates once) ─────────────
  /** `[name, module]` for self and every descendant; a module reachable twice appears once. */
  namedModules(prefix = "", memo = new Set<Module>(), removeDuplicate = true): [string, Module][] {
    const out: [string, Module][] = [];
    if (memo.has(this) && removeDuplicate) return out;
    if (removeDuplicate) memo.add(this);
    out.push([prefix, this]);
    for (const [name, child] of this._modules) {
      if (child === null) continue;
      out.push(...child.namedModules(prefix === "" ? name : `${prefix}.${name}`, memo, removeDuplicate));
    }
    return out;
  }
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }
  /** Immediate children, each once. */
  namedChildren(): [string, Module][] {
    const seen = new Set<Module>();
    const out: [string, Module][] = [];
    for (const [name, child] of this._modules) {
      if (child === null || seen.has(child)) continue;
      seen.add(child);
      out.push([name, child]);
    }
    return out;
  }
  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  private namedMembers(which: "_parameters" | "_buffers", prefix: string, recurse: boolean): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    const mods: [string, Module][] = recurse ? this.namedModules(prefix) : [[prefix, this]];
    for (const [modPrefix, mod] of mods) {
      for (const [name, t] of mod[which]) {
        if (t === null || seen.has(t)) continue;
        seen.add(t);
        out.push([modPrefix === "" ? name : `${modPrefix}.${name}`, t]);
      }
    }
    return out;
  }
  /** `[dotted name, parameter]` pairs (`fc1.weight`), each parameter once. */
  namedParameters(prefix = "", recurse = true): [string, Tensor][] {
    return this.namedMembers("_parameters", prefix, recurse);
  }
  parameters(recurse = true): Tensor[] {
    return this.namedParameters("", recurse).map(([, p]) => p);
  }
  namedBuffers(prefix = "", recurse = true): [string, Tensor][] {
    return this.namedMembers("_buffers", prefix, recurse);
  }
  buffers(recurse = true): Tensor[] {
    return this.namedBuffers("", recurse).map(([, b]) => b);
  }
  /** The submodule at a dotted path (`"net.0"`), as PyTorch's `get_submodule`. */
  getSubmodule(target: string): Module {
    return target === "" ? this : target.split(".").reduce<Module>((mod, item) => {
      const next = mod._modules.get(item);
      if (next === undefined || next === null) throw new ValueError(`${mod.constructor.name} has no attribute \`${item}\``);
      return next;
    }, this);
  }

  // ── modes and bulk changes ─────────────────────────────────────────────────────────────────
  train(mode = true): this {
    if (typeof mode !== "boolean") throw new ValueError("training mode is expected to be boolean");
    this.training = mode;
    for (const child of this.children()) child.train(mode);
    return this;
  }
  eval(): this {
    return this.train(false);
  }
  /** Calls `fn` on every submodule (children first) and then on self. */
  apply(fn: (module: Module) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad_(requiresGrad);
    return this;
  }
  /**
   * Clears the parameters' gradients. Default `setToNone: true`, as PyTorch 2.x (1.13 zeroed in
   * place): it frees memory, and `optim` treats a null grad as "no gradient".
   */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    State.zeroGrad(this.parameters(), options.setToNone ?? true);
  }

  // ── state dict ─────────────────────────────────────────────────────────────────────────────
  /** Parameters and persistent buffers by dotted name, detached (PyTorch's `state_dict()`). */
  stateDict(options: { prefix?: string; keepVars?: boolean } = {}): StateDict {
    return State.stateDict(this, options.prefix ?? "", options.keepVars ?? false);
  }
  /** Copies `stateDict`'s tensors into this module's parameters and buffers (no-grad, in place). */
  loadStateDict(stateDict: StateDict, options: LoadStateDictOptions = {}): IncompatibleKeys {
    return State.loadStateDict(this, stateDict, options.strict ?? true);
  }

  // ── conversion (parameters change in place via `.data`, as PyTorch's `_apply`) ─────────────
  to(arg: Device | DType | { device?: Device; dtype?: DType }): this {
    State.applyConversion(this, (t) => State.convert(t, arg));
    return this;
  }
  float(): this {
    State.applyConversion(this, (t) => (t.isFloatingPoint() ? t.float() : t));
    return this;
  }
  double(): this {
    State.applyConversion(this, (t) => (t.isFloatingPoint() ? t.double() : t));
    return this;
  }
  half(): this {
    State.applyConversion(this, (t) => (t.isFloatingPoint() ? t.half() : t));
    return this;
  }
  cpu(): this {
    return this.to("cpu");
  }

  // ── printing ───────────────────────────────────────────────────────────────────────────────
  /**
   * @internal The value a state dict may leave out for buffer `name` (PyTorch's BatchNorm accepts
   * checkpoints without `num_batches_tracked`); undefined: the key is required.
   */
  _stateDefault(name: string): Tensor | undefined {
    void name;
    return undefined;
  }

  /** The text inside the parentheses of this module's repr (`in_features=1, ...`). */
  extraRepr(): string {
    return "";
  }
  /** PyTorch's module repr: `Linear(in_features=1, out_features=1, bias=True)`, children indented. */
  toString(): string {
    const extra = this.extraRepr();
    const extraLines = extra === "" ? [] : extra.split("\n");
    const childLines = [...this._modules].map(([key, mod]) => `(${key}): ${indent(mod === null ? "None" : mod.toString())}`);
    const lines = [...extraLines, ...childLines];
    let s = `${this.constructor.name}(`;
    if (lines.length > 0) {
      s += extraLines.length === 1 && childLines.length === 0 ? extraLines[0]! : `\n  ${lines.join("\n  ")}\n`;
    }
    return `${s})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** PyTorch's `_addindent(s, 2)`: every line but the first moves right by two spaces. */
function indent(s: string): string {
  const [first, ...rest] = s.split("\n");
  return [first, ...rest.map((l) => `  ${l}`)].join("\n");
}

let nextHookId = 0;
function addHook<H>(hooks: Map<number, H>, hook: H): RemovableHandle {
  const id = nextHookId++;
  hooks.set(id, hook);
  return { remove: () => void hooks.delete(id) };
}
