/**
 * The seam between the Tensor class and `@typetorch/autograd`: tensor methods that need the
 * backward engine (`backward`, `retainGrad`, `registerHook`, `detach_`) call the engine installed
 * here. tensor-core alone has no engine, and those methods say how to get one.
 */
import { RuntimeError } from "./errors.js";
import type { Tensor } from "./tensor.js";

export interface BackwardOptions {
  /** Keep the graph's saved tensors so that backward can run through it again. */
  retainGraph?: boolean;
  /** Record the backward pass itself, for higher-order gradients. */
  createGraph?: boolean;
  /** Accumulate into these tensors' `.grad` only. */
  inputs?: Tensor | readonly Tensor[];
}

/** A gradient hook: may return a replacement gradient. */
export type GradHook = (grad: Tensor) => Tensor | void;

export interface RemovableHandle {
  remove(): void;
}

export interface AutogradEngine {
  backward(t: Tensor, gradient: Tensor | undefined, options: BackwardOptions): void;
  retainGrad(t: Tensor): void;
  retainsGrad(t: Tensor): boolean;
  registerHook(t: Tensor, hook: GradHook): RemovableHandle;
  detach_(t: Tensor): void;
}

let engine: AutogradEngine | null = null;

/** Installs the backward engine (called by `@typetorch/autograd`'s `enableAutograd()`). */
export function setAutogradEngine(e: AutogradEngine | null): void {
  engine = e;
}

/**
 * Called with every Tensor as it is constructed, while set: `@typetorch/autograd` sets it exactly
 * while inference mode is on, to mark the tensors made there (PyTorch's inference tensors; a view
 * then takes its base's mark back in `_view`). Unset, it costs each construction one null test.
 */
export let onTensorCreated: ((t: Tensor) => void) | null = null;
export function setTensorCreationHook(f: ((t: Tensor) => void) | null): void {
  onTensorCreated = f;
}

/** @internal The installed engine, or PyTorch-style guidance when there is none. */
export function autogradEngine(): AutogradEngine {
  if (engine === null) {
    throw new RuntimeError('autograd is not loaded: import "@typetorch/autograd" (the typetorch umbrella does)');
  }
  return engine;
}
