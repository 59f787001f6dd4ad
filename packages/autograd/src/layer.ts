/**
 * The dispatcher layer: for an op called while recording with an input that requires grad, it
 * looks the op up in the formula table and
 * - "composite": lets the op run, its inner ops record themselves;
 * - a rule: runs the op below autograd (inner ops do not record) and records ONE node;
 * - an in-place op: the same, with `self` taking the new node (and, when `self` is a view,
 *   its base taking a CopySlices node, as PyTorch).
 */
import type { OpCall, OpResult } from "@typetorch/tensor-core";
import { RuntimeError, Tensor, isFloatingPoint } from "@typetorch/tensor-core";
import { below, mode } from "./grad-mode.js";
import { FORMULAS, entryOf } from "./formulas.js";
import { Node, Saved, edgeOf, meta } from "./node.js";
import type { Edge, InputMeta, TensorMeta } from "./node.js";
import type { Ctx, Rule } from "./rule.js";
import { attach, recording } from "./record.js";
import { copySlices } from "./views.js";

const metaOf = (t: Tensor): InputMeta => ({ shape: t.shape, dtype: t.dtype, device: t.device });
const PLACEHOLDER: InputMeta = { shape: [], dtype: "float32", device: "cpu" };

function ruleOf(name: string): Rule | "composite" | "nondifferentiable" {
  const e = entryOf(name);
  if (e === undefined) throw new RuntimeError(`the derivative for '${name}' is not implemented.`);
  if (typeof e === "object" && "inplaceOf" in e) {
    const base = entryOf(e.inplaceOf);
    if (base === undefined || (typeof base === "object" && "inplaceOf" in base)) {
      throw new RuntimeError(`the derivative for '${name}' is not implemented.`);
    }
    return base;
  }
  return e;
}

function context(node: Node, call: OpCall, shapes: readonly (readonly number[])[]): Ctx {
  const n = call.inputs.length;
  return {
    attrs: call.attrs,
    shapes,
    x: (i = 0) => node.savedTensor(i),
    out: () => node.savedTensor(n),
    indices: () => node.savedTensor(n + 1),
  };
}

const INFERENCE_INPLACE =
  "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details.";

/** The ops whose output views their input's storage. */
const VIEW_OPS = new Set(
  Object.keys(FORMULAS).filter((k) => {
    const e = entryOf(k);
    return typeof e === "object" && "view" in e && e.view === true;
  }),
);

/**
 * The dispatcher's gate: calls that may record; every view op (a view remembers its base, so
 * that an in-place op on it can rebase the base later, as PyTorch); and — grad mode off — every
 * call, so that views made under no_grad are marked. A marked view keeps passing the gate.
 */
export function layerGate(inputs: readonly Tensor[], name: string): boolean {
  if (mode.below !== 0) return false;
  if (!mode.enabled || mode.inference || VIEW_OPS.has(name)) return true;
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i] as Tensor;
    if (t._requiresGrad || t._inference !== 0 || noGradViewOf(t) !== undefined) return true;
  }
  return false;
}

export function autogradLayer(call: OpCall, next: () => OpResult): OpResult {
  const inplace = call.name.endsWith("_");
  const self = call.inputs[0] as Tensor;
  // Checked before the write, so the tensor is left as it was (PyTorch writes, then raises).
  if (inplace && self._inference === 1 && !mode.inference) throw new RuntimeError(INFERENCE_INPLACE);
  if (!mode.enabled || mode.inference) return markNoGradView(call, next);
  if (inplace) checkNoGradView(self, call.inputs);
  // The gate also passes views of tensors that need no grad, and calls that merely touch a
  // no-grad view: those record nothing (a view still remembers its base).
  if (!recording(call.inputs)) return !inplace && VIEW_OPS.has(call.name) ? rememberBase(self, next()) : next();
  const r = ruleOf(call.name);
  if (r === "composite") return next();
  if (r === "nondifferentiable") return below(next);
  if (inplace) checkInplace(self);
  const slots = r.slots?.(call.attrs, call.inputs.length) ?? call.inputs.map((_, i) => i);
  const edges: (Edge | null)[] = slots.map((i) => (i === null ? null : edgeOf(call.inputs[i] as Tensor)));
  const metas = slots.map((i) => (i === null ? PLACEHOLDER : metaOf(call.inputs[i] as Tensor)));
  const shapes = call.inputs.map((t) => t.shape);
  const saveIn = r.saves === "inputs" || r.saves === "both";
  const savedIn: (Saved | undefined)[] = call.inputs.map((t, i) =>
    // An in-place op's self is saved as a clone taken before the write (recorded, so its history
    // stays differentiable for higher-order gradients).
    !saveIn ? undefined : new Saved(inplace && i === 0 ? t.clone() : t, () => t.gradFn?.name() ?? null),
  );
  const result = below(next);
  // Ops returning `{ values, indices }` (sort, topk, kthvalue): values carry the gradient.
  const pair = result instanceof Tensor ? null : (result as { values?: unknown; indices?: unknown });
  if (pair !== null && !(pair.values instanceof Tensor && pair.indices instanceof Tensor)) return result;
  const out = (pair === null ? result : pair.values) as Tensor;
  if (!isFloatingPoint(out.dtype)) return result;
  const name = typeof r.name === "string" ? r.name : r.name(call.attrs, call.inputs.length);
  const saved = [...savedIn];
  const backward = (g: Tensor, nd: Node): readonly (Tensor | null | undefined)[] => {
    const grads = r.backward(g, context(nd, call, shapes));
    return slots.map((i) => (i === null ? null : grads[i]));
  };
  const node = new Node(name, edges, metas, backward, saved);
  if (r.saves === "output" || r.saves === "both") saved[call.inputs.length] = new Saved(out, () => name, node);
  if (pair !== null) saved[call.inputs.length + 1] = new Saved(pair.indices as Tensor, () => null, null);
  const base = meta(self).base;
  if (inplace && base !== undefined) {
    copySlices(base, self, node);
  } else {
    attach(out, node);
    if (r.view && !inplace) rememberBase(self, out);
  }
  return result;
}

/** A view op's output remembers the tensor (not itself a view) whose storage it views. */
function rememberBase(self: Tensor, result: OpResult): OpResult {
  if (result instanceof Tensor && result !== self) {
    const m = meta(result);
    m.base = meta(self).base ?? self;
    m.viewVersion = result._version;
    // a view of a no-grad view is one too (PyTorch propagates the creation mode to views of views)
    const from = noGradViewOf(self);
    if (from !== undefined) m.noGradView = from;
  }
  return result;
}

/** PyTorch's refusals of in-place writes into leaves that require grad (and their views). */
function checkInplace(self: Tensor): void {
  if (self.isLeaf && self.requiresGrad) {
    throw new RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.");
  }
  const base = meta(self).base;
  if (base !== undefined && base.isLeaf && base.requiresGrad) {
    throw new RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.");
  }
}

const noGradViewOf = (t: Tensor): TensorMeta["noGradView"] => (t._autograd as TensorMeta | undefined)?.noGradView;

/** Grad mode off: runs the op; a view it makes is marked with the mode and its base's requires-grad. */
function markNoGradView(call: OpCall, next: () => OpResult): OpResult {
  const result = next();
  const self = call.inputs[0];
  if (self === undefined || !(result instanceof Tensor) || !VIEW_OPS.has(call.name)) return result;
  const from = noGradViewOf(self);
  meta(result).noGradView = {
    mode: mode.inference ? "inference" : "no_grad",
    baseRequiresGrad: from?.baseRequiresGrad ?? self.requiresGrad,
  };
  return result;
}

/**
 * PyTorch refuses to record an in-place op on a view made under no_grad (or inference mode): it
 * cannot tell whether the write should be tracked. The op would be recorded when the view's base
 * requires grad or another input does.
 */
function checkNoGradView(self: Tensor, inputs: readonly Tensor[]): void {
  const v = noGradViewOf(self);
  if (v === undefined || !(v.baseRequiresGrad || inputs.some((t) => t.requiresGrad))) return;
  throw new RuntimeError(
    v.mode === "inference"
      ? "A view was created in inference mode and is being modified inplace in normal mode. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the inference_mode block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked)."
      : "A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).",
  );
}
