/**
 * The backward engine, micrograd-shaped: order the graph topologically from the roots, then walk
 * it once in reverse, handing each node the sum of the gradients that reached it.
 *
 * Two uses: `backward` accumulates into leaves' `.grad` (all leaves, or only `inputs`), and
 * `torch.autograd.grad` captures the gradients reaching given tensors and accumulates nothing.
 */
import type { Tensor } from "@typetorch/tensor-core";
import { RuntimeError, keep, onesLike } from "@typetorch/tensor-core";
import { enableGrad, noGrad } from "./grad-mode.js";
import { AccumulateGrad, Node, edgeOf, meta } from "./node.js";
import type { Edge, InputMeta } from "./node.js";
import { sumTo } from "./helpers.js";

export interface RunOptions {
  retainGraph: boolean;
  createGraph: boolean;
  /** Tensors whose gradient is wanted; null: every leaf. */
  targets: readonly Tensor[] | null;
  /** true: add into targets' (or leaves') `.grad`; false: return the gradients. */
  accumulate: boolean;
}

const sizeStr = (s: readonly number[]): string => `torch.Size([${s.join(", ")}])`;

/** Reverse topological order of the nodes reachable from `roots` (each node after all its users). */
function topoOrder(roots: readonly Node[]): Node[] {
  const order: Node[] = [];
  const seen = new Set<Node>();
  const stack: [Node, number][] = [];
  for (const r of roots) {
    if (seen.has(r)) continue;
    seen.add(r);
    stack.push([r, 0]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [Node, number];
      const [node, i] = top;
      if (i < node.next.length) {
        top[1]++;
        const e = node.next[i];
        if (e && !seen.has(e.node)) {
          seen.add(e.node);
          stack.push([e.node, 0]);
        }
      } else {
        stack.pop();
        order.push(node);
      }
    }
  }
  return order.reverse();
}

/** The gradient as the input expects it: broadcast dims summed away, cast to the input's dtype. */
function validate(grad: Tensor, m: InputMeta, node: Node, i: number): Tensor {
  let g = grad;
  const same = g.shape.length === m.shape.length && g.shape.every((s, k) => s === m.shape[k]);
  if (!same) {
    try {
      g = sumTo(g, m.shape);
    } catch {
      throw new RuntimeError(
        `Function ${node.name()} returned an invalid gradient at index ${i} - got [${g.shape.join(", ")}] but expected shape compatible with [${m.shape.join(", ")}]`,
      );
    }
  }
  if (g.device !== m.device) g = g.to(m.device);
  return g.dtype === m.dtype ? g : g.to(m.dtype);
}

/** Runs backward from `roots` (tensors) seeded with `grads`; returns the targets' gradients. */
export function run(roots: readonly Tensor[], grads: readonly Tensor[], o: RunOptions): (Tensor | null)[] {
  const rootEdges = roots.map((t, i) => {
    const e = edgeOf(t);
    if (e === null) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    return e;
  });
  const targetEdges = o.targets?.map((t) => edgeOf(t)) ?? null;
  // Per node, the targets it feeds: [index into targets, output number].
  const targetNodes = new Map<Node, [number, number][]>();
  targetEdges?.forEach((e, i) => {
    if (e !== null) targetNodes.set(e.node, [...(targetNodes.get(e.node) ?? []), [i, e.inputNr]]);
  });
  const order = topoOrder(rootEdges.map((e) => e.node));
  // With targets, only nodes that lead to a target run (PyTorch's "needed" set).
  const needed = new Set<Node>();
  if (targetEdges !== null) {
    for (let k = order.length - 1; k >= 0; k--) {
      const n = order[k] as Node;
      if (targetNodes.has(n) || n.next.some((e) => e !== null && needed.has(e.node))) needed.add(n);
    }
  }
  const captured: (Tensor | null)[] = (o.targets ?? []).map(() => null);
  // The gradients that reached each node, per output (built-in nodes have only output 0).
  const pending = new Map<Node, (Tensor | undefined)[]>();
  const add = (e: Edge, g: Tensor): void => {
    let gs = pending.get(e.node);
    if (gs === undefined) pending.set(e.node, (gs = []));
    const prev = gs[e.inputNr];
    gs[e.inputNr] = prev === undefined ? g : prev.add(g);
  };
  rootEdges.forEach((e, i) => add(e, grads[i] as Tensor));
  const body = (): void => {
    for (const node of order) {
      const gs = pending.get(node);
      pending.delete(node);
      if (gs === undefined) continue;
      if (targetEdges !== null && !needed.has(node)) continue;
      for (let k = 0; k < gs.length; k++) gs[k] = gs[k] && hooked(node, k, gs[k] as Tensor, o.createGraph);
      const targeted = targetNodes.get(node);
      if (targeted !== undefined) {
        const done = new Set<number>(); // a tensor listed twice in `inputs` accumulates once
        for (const [i, k] of targeted) {
          const g = gs[k];
          if (g === undefined) continue;
          if (!o.accumulate) captured[i] = g;
          else if (!(node instanceof AccumulateGrad) && !done.has(k)) {
            done.add(k);
            const t = o.targets?.[i] as Tensor;
            if (node.existingSlot(k)?.retained !== t) t.grad = accumulated(t.grad, g, o.createGraph);
          }
        }
      }
      if (node instanceof AccumulateGrad) {
        if (o.accumulate) node.variable.grad = accumulated(node.variable.grad, gs[0] as Tensor, o.createGraph);
        continue;
      }
      if (targetEdges !== null && !node.next.some((e) => e !== null && needed.has(e.node))) continue;
      const outs = node.applyAll(gs);
      node.next.forEach((e, i) => {
        const gi = outs[i];
        if (e === null || gi === null || gi === undefined) return;
        add(e, validate(gi, node.inputs[i] as InputMeta, node, i));
      });
      if (!o.retainGraph) node.release();
    }
  };
  if (o.createGraph) enableGrad(body);
  else noGrad(body);
  return captured;
}

/**
 * The gradient of output k of `node` after its hooks (and a leaf's), keeping it in a tensor that
 * retains grad: before the hooks when retainGrad came first, as PyTorch 1.13 orders pre-hooks.
 */
function hooked(node: Node, k: number, grad: Tensor, createGraph: boolean): Tensor {
  let g = grad;
  const s = node.existingSlot(k);
  const retain = s?.retained ?? null;
  if (retain !== null && s?.retainsBeforeHooks) retain.grad = accumulated(retain.grad, g, createGraph);
  for (const h of s?.hooks ?? []) g = h(g) ?? g;
  if (node instanceof AccumulateGrad) {
    for (const h of meta(node.variable).hooks ?? []) g = h(g) ?? g;
  }
  if (retain !== null && !s?.retainsBeforeHooks) retain.grad = accumulated(retain.grad, g, createGraph);
  return g;
}

/** `grad` added to an existing `.grad`: in place normally, out of place when building a graph. */
function accumulated(existing: Tensor | null, g: Tensor, createGraph: boolean): Tensor {
  // `.grad` belongs to its tensor, not to a `torch.tidy` scope that runs backward.
  if (existing === null) return keep(createGraph ? g : g.detach().clone());
  if (createGraph || existing.requiresGrad) return keep(existing.add(g));
  existing.add_(g);
  return existing;
}

export function asList(t: Tensor | readonly Tensor[]): readonly Tensor[] {
  return Array.isArray(t) ? t : [t as Tensor];
}

/** The seed gradients: given ones checked for shape; implicit ones only for scalar outputs. */
export function seedGrads(outputs: readonly Tensor[], given: readonly (Tensor | null | undefined)[] | undefined): Tensor[] {
  return outputs.map((out, i) => {
    const g = given?.[i];
    if (g === null || g === undefined) {
      if (out.numel() !== 1) throw new RuntimeError("grad can be implicitly created only for scalar outputs");
      return onesLike(out);
    }
    if (g.shape.length !== out.shape.length || g.shape.some((s, k) => s !== out.shape[k])) {
      throw new RuntimeError(
        `Mismatch in shape: grad_output[${i}] has a shape of ${sizeStr(g.shape)} and output[${i}] has a shape of ${sizeStr(out.shape)}.`,
      );
    }
    return g;
  });
}

export { Node };
