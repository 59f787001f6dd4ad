/**
 * @typetorch/autograd: PyTorch's autograd over tensor-core's dispatcher. `enableAutograd()`
 * installs the recording layer and the backward engine (the typetorch umbrella calls it);
 * without it tensor-core computes without graphs.
 */
import { installLayer, setAutogradEngine } from "@typetorch/tensor-core";
import { engine } from "./api.js";
import { autogradLayer, layerGate } from "./layer.js";

let uninstall: (() => void) | null = null;

/** Turns autograd on for every op (idempotent). */
export function enableAutograd(): void {
  if (uninstall !== null) return;
  uninstall = installLayer(autogradLayer, layerGate);
  setAutogradEngine(engine);
}

/** Turns autograd off again (tests; a profiler that wants raw dispatch). */
export function disableAutograd(): void {
  uninstall?.();
  uninstall = null;
  setAutogradEngine(null);
}

export { backward, grad } from "./api.js";
export type { GradOptions } from "./api.js";
export { noGrad, enableGrad, setGradEnabled, isGradEnabled, inferenceMode, isInferenceModeEnabled, isInference } from "./grad-mode.js";
export { Node, AccumulateGrad } from "./node.js";
export { FORMULAS } from "./formulas.js";
export type { OpName } from "./formulas.js";
export type { Entry, Rule, Ctx } from "./rule.js";
export { gradcheck, gradgradcheck, GradcheckError } from "./gradcheck.js";
export type { GradcheckOptions } from "./gradcheck.js";
export { gradSamples } from "./samples.js";
export type { GradSample, SampleEntry } from "./samples.js";
export { Function, FunctionCtx, FunctionNode, onceDifferentiable } from "./function.js";
