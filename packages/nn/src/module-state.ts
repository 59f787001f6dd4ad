/**
 * The parts of Module that move tensors around: state dicts, dtype/device conversion, zeroGrad.
 * Kept apart from module.ts (registration and traversal) because each is its own small protocol.
 */
import { RuntimeError, isDType } from "@typetorch/tensor-core";
import type { DType, Device, Tensor } from "@typetorch/tensor-core";
import { noGrad } from "@typetorch/autograd";
import type { Module } from "./module.js";

/** PyTorch's OrderedDict state dict: dotted names to tensors, in PyTorch's order. */
export type StateDict = Record<string, Tensor>;
export interface LoadStateDictOptions {
  /** Refuse missing and unexpected keys (default true, as PyTorch). */
  strict?: boolean;
}
/** PyTorch's `_IncompatibleKeys` named tuple. */
export interface IncompatibleKeys {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/** Own parameters, then own persistent buffers, then each child's, recursively (not deduplicated). */
export function stateDict(module: Module, prefix: string, keepVars: boolean, into: StateDict = {}): StateDict {
  for (const [name, p] of module._parameters) if (p !== null) into[prefix + name] = keepVars ? p : p.detach();
  for (const [name, b] of module._buffers) {
    if (b !== null && !module._nonPersistentBuffers.has(name)) into[prefix + name] = keepVars ? b : b.detach();
  }
  for (const [name, child] of module._modules) if (child !== null) stateDict(child, `${prefix}${name}.`, keepVars, into);
  return into;
}

/**
 * PyTorch's `load_state_dict`: the same missing/unexpected/size-mismatch bookkeeping and message,
 * except that every check runs before the first copy, so a refused load changes nothing.
 */
export function loadStateDict(root: Module, sd: StateDict, strict: boolean): IncompatibleKeys {
  const missingKeys: string[] = [];
  const unexpectedKeys: string[] = [];
  const errors: string[] = [];
  const copies: [Tensor, Tensor][] = [];
  const keys = Object.keys(sd);
  const visit = (module: Module, prefix: string): void => {
    const local = new Map<string, Tensor>();
    for (const [name, p] of module._parameters) if (p !== null) local.set(name, p);
    for (const [name, b] of module._buffers) if (b !== null && !module._nonPersistentBuffers.has(name)) local.set(name, b);
    for (const [name, target] of local) {
      const key = prefix + name;
      const src = sd[key];
      if (src === undefined || !Object.hasOwn(sd, key)) {
        const fallback = module._stateDefault(name);
        if (fallback !== undefined) copies.push([target, fallback]);
        else missingKeys.push(key);
        continue;
      }
      const same = src.ndim === target.ndim && src.shape.every((s, i) => s === target.shape[i]);
      if (!same) {
        errors.push(
          `size mismatch for ${key}: copying a param with shape torch.Size([${src.shape.join(", ")}]) from checkpoint, ` +
            `the shape in current model is torch.Size([${target.shape.join(", ")}]).`,
        );
        continue;
      }
      copies.push([target, src]);
    }
    // Counted whether or not `strict`: a non-strict load reports them instead of refusing.
    for (const key of keys) {
      if (!key.startsWith(prefix)) continue;
      const head = key.slice(prefix.length).split(".", 1)[0]!;
      if (!module._modules.has(head) && !local.has(head)) unexpectedKeys.push(key);
    }
    for (const [name, child] of module._modules) if (child !== null) visit(child, `${prefix}${name}.`);
  };
  visit(root, "");
  if (strict) {
    if (unexpectedKeys.length > 0) errors.unshift(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(", ")}. `);
    if (missingKeys.length > 0) errors.unshift(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(", ")}. `);
  }
  if (errors.length > 0) {
    throw new RuntimeError(`Error(s) in loading state_dict for ${root.constructor.name}:\n\t${errors.join("\n\t")}`);
  }
  noGrad(() => {
    for (const [target, src] of copies) target.copy_(src);
  });
  return { missingKeys, unexpectedKeys };
}

/** The tensor `t` converted as `module.to(arg)` converts it: dtype changes only floating tensors. */
export function convert(t: Tensor, arg: Device | DType | { device?: Device; dtype?: DType }): Tensor {
  if (typeof arg === "string") {
    if (isDType(arg)) return t.isFloatingPoint() ? t.to(arg) : t;
    return t.to(arg);
  }
  const dtype = arg.dtype !== undefined && t.isFloatingPoint() ? arg.dtype : t.dtype;
  return t.to(arg.device !== undefined ? { device: arg.device, dtype } : { dtype });
}

/**
 * PyTorch's `Module._apply`: children first; a parameter keeps its identity and gets the
 * converted tensor through `.data` (so optimizers holding it still see it), its grad likewise;
 * a buffer is replaced by the converted tensor.
 */
export function applyConversion(module: Module, fn: (t: Tensor) => Tensor): void {
  for (const child of module.children()) applyConversion(child, fn);
  noGrad(() => {
    for (const p of module._parameters.values()) {
      if (p === null) continue;
      const converted = fn(p);
      if (converted !== p) p.data = converted;
      if (p.grad !== null) {
        const g = fn(p.grad);
        if (g !== p.grad) p.grad.data = g;
      }
    }
    for (const [name, b] of module._buffers) {
      if (b === null) continue;
      const converted = fn(b);
      if (converted !== b) Reflect.set(module, name, converted);
    }
  });
}

/** Module/Optimizer `zeroGrad`: drop the grads, or zero them in place cut from any graph. */
export function zeroGrad(params: Iterable<Tensor>, setToNone: boolean): void {
  for (const p of params) {
    if (p.grad === null) continue;
    if (setToNone) {
      p.grad = null;
      continue;
    }
    if (p.grad.gradFn !== null) p.grad.detach_();
    else p.grad.requiresGrad_(false);
    p.grad.zero_();
  }
}
