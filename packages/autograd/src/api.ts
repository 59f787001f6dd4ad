/**
 * The user-facing entry points: `tensor.backward(...)`, `torch.autograd.backward`,
 * `torch.autograd.grad`, and the engine hooks the Tensor class calls.
 */
import type { AutogradEngine, BackwardOptions, GradHook, RemovableHandle, Tensor } from "@typetorch/tensor-core";
import { RuntimeError } from "@typetorch/tensor-core";
import { asList, run, seedGrads } from "./engine.js";
import { Node, meta } from "./node.js";

/** `torch.autograd.backward(tensors, gradTensors?, options)` */
export function backward(
  tensors: Tensor | readonly Tensor[],
  gradTensors?: Tensor | readonly (Tensor | null)[] | null,
  options: BackwardOptions = {},
): void {
  const outs = asList(tensors);
  const given = gradTensors === null || gradTensors === undefined ? undefined : asList(gradTensors as Tensor | readonly Tensor[]);
  const inputs = options.inputs === undefined ? null : asList(options.inputs);
  if (inputs !== null && inputs.length === 0) throw new RuntimeError("'inputs' argument to backward() cannot be empty.");
  outs.forEach((t, i) => {
    if (!t.requiresGrad) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
  });
  run(outs, seedGrads(outs, given), {
    retainGraph: options.retainGraph ?? options.createGraph ?? false,
    createGraph: options.createGraph ?? false,
    targets: inputs,
    accumulate: true,
  });
}

export interface GradOptions {
  gradOutputs?: Tensor | readonly (Tensor | null)[] | null;
  retainGraph?: boolean;
  createGraph?: boolean;
  allowUnused?: boolean;
}

/** `torch.autograd.grad(outputs, inputs, options)`: the gradients, without touching `.grad`. */
export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], options: GradOptions = {}): (Tensor | null)[] {
  const outs = asList(outputs);
  const ins = asList(inputs);
  outs.forEach((t, i) => {
    if (!t.requiresGrad) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
  });
  ins.forEach((t, i) => {
    if (!t.requiresGrad) throw new RuntimeError(`One of the differentiated Tensors does not require grad`);
    void i;
  });
  const given = options.gradOutputs === null || options.gradOutputs === undefined
    ? undefined
    : asList(options.gradOutputs as Tensor | readonly Tensor[]);
  const res = run(outs, seedGrads(outs, given), {
    retainGraph: options.retainGraph ?? options.createGraph ?? false,
    createGraph: options.createGraph ?? false,
    targets: ins,
    accumulate: false,
  });
  if (!options.allowUnused && res.some((g) => g === null)) {
    throw new RuntimeError(
      "One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.",
    );
  }
  return res;
}

/** What the Tensor class calls (installed by `enableAutograd`). */
export const engine: AutogradEngine = {
  backward(t, gradient, options) {
    backward([t], gradient === undefined ? undefined : [gradient], options);
  },
  retainGrad(t) {
    if (!t.requiresGrad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (t.isLeaf) return;
    const m = meta(t);
    if (m.retains) return;
    m.retains = true;
    const slot = (t.gradFn as Node).slot(m.outputNr);
    slot.retained = t;
    slot.retainsBeforeHooks = slot.hooks.length === 0;
  },
  retainsGrad(t) {
    return !t.isLeaf && meta(t).retains === true;
  },
  registerHook(t: Tensor, hook: GradHook): RemovableHandle {
    if (!t.requiresGrad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
    const list = t.gradFn instanceof Node ? t.gradFn.slot(meta(t).outputNr).hooks : (meta(t).hooks ??= []);
    list.push(hook);
    return {
      remove: () => {
        const i = list.indexOf(hook);
        if (i >= 0) list.splice(i, 1);
      },
    };
  },
  detach_(t) {
    if (meta(t).base !== undefined) {
      throw new RuntimeError("Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.");
    }
    t.gradFn = null;
    t._requiresGrad = false;
  },
};
