/**
 * The dispatcher: the single path every public op takes on its way to a backend.
 *
 * Without layers an op costs one branch here. A layer (autograd, when loaded; a profiler) wraps
 * each op call: it sees the op's name, tensor inputs and attributes, runs `next()` to compute, and
 * may inspect or annotate the outputs (autograd records a graph node there).
 *
 * A layer may come with a gate, a cheap test of the inputs (autograd's: "grad mode is on and an
 * input requires grad"); when every installed layer is gated and no gate passes, the op still
 * costs one branch.
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

/** Whether a layer wants to see a call of op `name` with these inputs. */
export type Gate = (inputs: readonly Tensor[], name: string) => boolean;

const never: Gate = () => false;
const always: Gate = () => true;
const layers: { layer: Layer; gate: Gate | undefined }[] = [];
let active: Gate = never;

function recomputeGate(): void {
  if (layers.length === 0) active = never;
  else if (layers.some((l) => l.gate === undefined)) active = always;
  else if (layers.length === 1) active = (layers[0] as { gate: Gate }).gate;
  else {
    const gates = layers.map((l) => l.gate as Gate);
    active = (inputs, name) => gates.some((g) => g(inputs, name));
  }
}

/**
 * Installs a layer; layers run outermost-first in installation order. With a `gate`, the layer
 * is skipped for calls the gate rejects. Returns an uninstaller.
 */
export function installLayer(layer: Layer, gate?: Gate): () => void {
  const entry = { layer, gate };
  layers.push(entry);
  recomputeGate();
  return () => {
    const i = layers.indexOf(entry);
    if (i >= 0) layers.splice(i, 1);
    recomputeGate();
  };
}

/** Runs `compute` through the installed layers. */
export function dispatch<R extends OpResult>(
  name: string,
  inputs: readonly Tensor[],
  attrs: Readonly<Record<string, unknown>>,
  compute: () => R,
): R {
  if (!active(inputs, name)) return compute();
  const call: OpCall = { name, inputs, attrs };
  let run: () => OpResult = compute;
  for (let i = layers.length - 1; i >= 0; i--) {
    const { layer, gate } = layers[i] as (typeof layers)[number];
    if (gate !== undefined && !gate(inputs, name)) continue;
    const next = run;
    run = () => layer(call, next);
  }
  return run() as R;
}
