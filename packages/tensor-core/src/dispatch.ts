/**
 * The dispatcher: the single path every public op takes on its way to a backend.
 *
 * Without layers an op costs one branch here. A layer (autograd, when loaded; a profiler) wraps
 * each op call: it sees the op's name, tensor inputs and attributes, runs `next()` to compute, and
 * may inspect or annotate the outputs (autograd records a graph node there).
 */
import type { Tensor } from "./tensor.js";

export interface OpCall {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  /** Non-tensor arguments the op was called with (dims, scalars, options), for derivative rules. */
  readonly attrs: Readonly<Record<string, unknown>>;
}

export type OpResult = Tensor | readonly Tensor[] | { readonly [k: string]: Tensor };

export type Layer = (call: OpCall, next: () => OpResult) => OpResult;

const layers: Layer[] = [];

/** Installs a layer; layers run outermost-first in installation order. Returns an uninstaller. */
export function installLayer(layer: Layer): () => void {
  layers.push(layer);
  return () => {
    const i = layers.indexOf(layer);
    if (i >= 0) layers.splice(i, 1);
  };
}

/** Runs `compute` through the installed layers. */
export function dispatch<R extends OpResult>(
  name: string,
  inputs: readonly Tensor[],
  attrs: Readonly<Record<string, unknown>>,
  compute: () => R,
): R {
  if (layers.length === 0) return compute();
  const call: OpCall = { name, inputs, attrs };
  let run: () => OpResult = compute;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i] as Layer;
    const next = run;
    run = () => layer(call, next);
  }
  return run() as R;
}
