/**
 * typetorch: `import * as torch from "typetorch"` gives PyTorch's API with the CPU backend
 * registered and autograd enabled. This umbrella is the one module whose import has effects
 * (registering "cpu", installing autograd), so that the tutorials port line by line; the
 * packages underneath do nothing by themselves.
 */
import { registerBackend, registeredBackends } from "@typetorch/tensor-core";
import { createCpuBackend } from "@typetorch/backend-cpu";
import { enableAutograd, backward, grad, gradcheck, gradgradcheck, GradcheckError, Function, FunctionCtx, onceDifferentiable } from "@typetorch/autograd";
import type { FunctionCtx as Ctx } from "@typetorch/autograd";

if (!registeredBackends().includes("cpu")) registerBackend("cpu", createCpuBackend());
enableAutograd();

export * from "@typetorch/tensor-core";
export { createCpuBackend } from "@typetorch/backend-cpu";
export { noGrad, enableGrad, setGradEnabled, isGradEnabled, inferenceMode, isInferenceModeEnabled, isInference } from "@typetorch/autograd";

/** `torch.autograd`: `grad`, `backward`, `gradcheck`, `gradgradcheck`, custom `Function`s. */
export const autograd = { grad, backward, gradcheck, gradgradcheck, GradcheckError, Function, FunctionCtx, onceDifferentiable } as const;
// `torch.autograd.FunctionCtx` in type positions (`static forward(ctx: torch.autograd.FunctionCtx, …)`).
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace autograd {
  type FunctionCtx<S extends object = Record<string, unknown>> = Ctx<S>;
}

/** `torch.optim`: optimizers (`optim.SGD`, `optim.Adam`, …) and `optim.lrScheduler`. */
export * as optim from "@typetorch/optim";

/** `torch.nn`: `nn.Module`, `nn.Linear`, `nn.functional`, `nn.init`, losses, … */
export * as nn from "@typetorch/nn";
