/**
 * Sequential, ModuleList, ModuleDict. Children are registered under their index ("0", "1", ...)
 * or key, which are also their own properties, so `seq[0]` reads a child as in PyTorch.
 */
import { IndexError, KeyError } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { Module } from "../module.js";

/** PyTorch's index check for `seq[i]` / `list[i]` (negative counts from the end). */
function checkIndex(i: number, n: number): number {
  if (!Number.isInteger(i) || i < -n || i >= n) throw new IndexError(`index ${i} is out of range`);
  return i < 0 ? i + n : i;
}

/** Modules registered under "0", "1", ...: the shared base of Sequential and ModuleList. */
abstract class IndexedModules extends Module {
  readonly [index: number]: Module;

  get length(): number {
    return this._modules.size;
  }
  /** The module at `index` (negative counts from the end): PyTorch's `seq[i]`. */
  at(index: number): Module {
    const mods = [...this._modules.values()];
    return mods[checkIndex(index, mods.length)]!;
  }
  append(module: Module): this {
    this.addModule(String(this._modules.size), module);
    return this;
  }
  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }
  /** Inserts `module` before `index`, renumbering the modules after it. */
  insert(index: number, module: Module): this {
    const mods = [...this._modules.values()] as Module[];
    const n = mods.length;
    const at = index < 0 ? Math.max(0, index + n) : Math.min(index, n);
    mods.splice(at, 0, module);
    for (let i = 0; i < mods.length; i++) this.addModule(String(i), mods[i]!);
    return this;
  }
  [Symbol.iterator](): Iterator<Module> {
    return ([...this._modules.values()] as Module[])[Symbol.iterator]();
  }
}

/** Runs its modules in order, each on the previous one's output. */
export class Sequential extends IndexedModules {
  /** `new nn.Sequential(a, b, c)` (named "0", "1", "2") or `new nn.Sequential({ name: module, ... })`. */
  constructor(...modules: Module[] | [Record<string, Module>] | [Map<string, Module>]) {
    super();
    const first = modules[0];
    if (modules.length === 1 && first !== undefined && !(first instanceof Module)) {
      const entries = first instanceof Map ? [...first] : Object.entries(first);
      for (const [name, m] of entries) this.addModule(name, m);
    } else {
      for (const m of modules as Module[]) this.append(m);
    }
  }
  /** Typed for tensors, the common case; any value a module accepts flows through at runtime. */
  override forward(input: Tensor): Tensor {
    let x: unknown = input;
    for (const m of this._modules.values()) if (m !== null) x = m.call(x as never);
    return x as Tensor;
  }
}

/** Holds submodules in a list so that they are registered (a plain array is not). */
export class ModuleList extends IndexedModules {
  constructor(modules: Iterable<Module> = []) {
    super();
    this.extend(modules);
  }
}

/** Holds submodules by name, in insertion order. */
export class ModuleDict extends Module {
  constructor(modules: Record<string, Module> | Iterable<[string, Module]> = {}) {
    super();
    this.update(modules);
  }
  get length(): number {
    return this._modules.size;
  }
  /** PyTorch's `d[key]`. */
  get(key: string): Module {
    const m = this._modules.get(key);
    if (m === undefined || m === null) throw new KeyError(key);
    return m;
  }
  /** PyTorch's `d[key] = module`. */
  set(key: string, module: Module): this {
    this.addModule(key, module);
    return this;
  }
  has(key: string): boolean {
    return this._modules.has(key);
  }
  /** Removes `key` and returns its module (PyTorch's `pop`). */
  pop(key: string): Module {
    const m = this.get(key);
    this._modules.delete(key);
    Reflect.deleteProperty(this, key);
    return m;
  }
  keys(): string[] {
    return [...this._modules.keys()];
  }
  values(): Module[] {
    return [...this._modules.values()].filter((m): m is Module => m !== null);
  }
  items(): [string, Module][] {
    return [...this._modules].filter((e): e is [string, Module] => e[1] !== null);
  }
  update(modules: Record<string, Module> | Iterable<[string, Module]>): this {
    const entries = Symbol.iterator in modules ? [...(modules as Iterable<[string, Module]>)] : Object.entries(modules);
    for (const [k, m] of entries) this.addModule(k, m);
    return this;
  }
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
}
