/**
 * typetorch: `import * as torch from "typetorch"` gives PyTorch's API with the CPU backend
 * registered. This umbrella is the one module whose import has an effect (registering "cpu"), so
 * that the tutorials port line by line; the packages underneath register nothing by themselves.
 */
import { registerBackend, registeredBackends } from "@typetorch/tensor-core";
import { createCpuBackend } from "@typetorch/backend-cpu";

if (!registeredBackends().includes("cpu")) registerBackend("cpu", createCpuBackend());

export * from "@typetorch/tensor-core";
export { createCpuBackend } from "@typetorch/backend-cpu";
