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
import { below } from "./grad-mode.js";
import { entryOf } from "./formulas.js";
import { Node, Saved, edgeOf, meta } from "./node.js";
import type { Edge, InputMeta } from "./node.js";
import type { Ctx, Rule } from "./rule.js";
import { attach } from "./record.js";
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

export function autogradLayer(call: OpCall, next: () => OpResult): OpResult {
  const r = ruleOf(call.name);
  if (r === "composite") return next();
  if (r === "nondifferentiable") return below(next);
  const inplace = call.name.endsWith("_");
  const self = call.inputs[0] as Tensor;
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
    if (r.view && !inplace) {
      const m = meta(out);
      m.base = base ?? self;
      m.viewVersion = out._version;
    }
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
