/**
 * Grad mode: whether ops record a graph. `noGrad(fn)` / `enableGrad(fn)` / `inferenceMode(fn)`
 * run fn with the mode set and restore it after (also on throw), as PyTorch's context managers.
 *
 * `recording` is what the dispatcher's gate reads: grad mode on, and not inside an op whose
 * own derivative covers its inner computation (PyTorch's "below autograd" dispatch).
 */
import type { Tensor } from "@typetorch/tensor-core";
import { setTensorCreationHook } from "@typetorch/tensor-core";

export const mode = { enabled: true, inference: false, below: 0 };

/** Inference mode's creation hook: a tensor made there is an inference tensor. */
const markInference = (t: Tensor): void => {
  t._inference = 1;
};

/** `torch.isGradEnabled()` */
export function isGradEnabled(): boolean {
  return mode.enabled;
}

/** `torch.setGradEnabled(flag)`: sets grad mode globally. */
export function setGradEnabled(enabled: boolean): void {
  mode.enabled = enabled;
}

function withMode<R>(enabled: boolean, inference: boolean, fn: () => R): R {
  const saved = { enabled: mode.enabled, inference: mode.inference };
  mode.enabled = enabled;
  mode.inference = inference;
  // the hook is set exactly while inference mode is on (tensor-core's requiresGrad_ relies on it)
  if (inference !== saved.inference) setTensorCreationHook(inference ? markInference : null);
  try {
    return fn();
  } finally {
    mode.enabled = saved.enabled;
    mode.inference = saved.inference;
    if (inference !== saved.inference) setTensorCreationHook(saved.inference ? markInference : null);
  }
}

/** `with torch.no_grad():` → `torch.noGrad(() => ...)`. Returns fn's result. */
export function noGrad<R>(fn: () => R): R {
  return withMode(false, mode.inference, fn);
}

/** `with torch.enable_grad():` → `torch.enableGrad(() => ...)`. */
export function enableGrad<R>(fn: () => R): R {
  return withMode(true, mode.inference, fn);
}

/**
 * `with torch.inference_mode():` — no recording, not even under `enableGrad`, and every tensor made
 * inside (factories, op outputs, clones; not views of normal tensors) is an inference tensor.
 * `inferenceMode(fn, false)` is PyTorch's `inference_mode(False)`: normal tensors, grad mode ON.
 */
export function inferenceMode<R>(fn: () => R, enabled = true): R {
  return withMode(!enabled, enabled, fn);
}

/** `torch.is_inference_mode_enabled()` */
export function isInferenceModeEnabled(): boolean {
  return mode.inference;
}

/** `torch.is_inference(t)`: `t.isInference()`. */
export function isInference(t: Tensor): boolean {
  return t.isInference();
}

/** Runs fn with recording off: the inner ops of an op that records its own node. */
export function below<R>(fn: () => R): R {
  mode.below++;
  try {
    return fn();
  } finally {
    mode.below--;
  }
}
