/**
 * Attaching a node to a freshly computed tensor, and the one op autograd defines itself:
 * `embed`, the transpose of a view (zeros with the view's region set to g), which view
 * derivatives use and which is itself differentiable (its derivative replays the view).
 */
import type { Tensor } from "@typetorch/tensor-core";
import { isFloatingPoint } from "@typetorch/tensor-core";
import { below, mode } from "./grad-mode.js";
import { Node, edgeOf, meta } from "./node.js";
import type { BackwardFn, Saved, TensorMeta } from "./node.js";
import { zerosOf } from "./helpers.js";

/** Makes `node` the gradFn of `out` (a non-leaf that requires grad). */
export function attach(out: Tensor, node: Node, outputNr = 0): void {
  // A tensor that was output k of a multi-output node and is now rebased (in-place) is output 0.
  if (outputNr !== 0 || (out._autograd as TensorMeta | undefined)?.outputNr) meta(out).outputNr = outputNr;
  out.gradFn = node;
  out._requiresGrad = true;
}

/** Whether a call with these inputs should be recorded right now. */
export function recording(inputs: readonly Tensor[]): boolean {
  if (!mode.enabled || mode.inference || mode.below !== 0) return false;
  for (let i = 0; i < inputs.length; i++) if ((inputs[i] as Tensor)._requiresGrad) return true;
  return false;
}

/** Records `out = f(inputs)` with `backward` when recording is on; returns out. */
export function record(name: string, inputs: readonly Tensor[], out: Tensor, backward: BackwardFn, saved: (Saved | undefined)[] = []): Tensor {
  if (!recording(inputs) || !isFloatingPoint(out.dtype)) return out;
  const node = new Node(
    name,
    inputs.map((t) => edgeOf(t)),
    inputs.map((t) => ({ shape: t.shape, dtype: t.dtype, device: t.device })),
    backward,
    saved,
  );
  attach(out, node);
  return out;
}

/** zeros(shape) with `view(zeros)` set to g; differentiable in g (its derivative is `view`). */
export function embed(g: Tensor, shape: readonly number[], view: (t: Tensor) => Tensor, name: string): Tensor {
  const out = below(() => {
    const z = zerosOf(g, shape);
    view(z).copy_(g);
    return z;
  });
  return record(name, [g], out, (gg) => [view(gg)]);
}
