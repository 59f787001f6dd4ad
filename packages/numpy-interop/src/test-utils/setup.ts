// Registers the CPU backend for this package's tests (packages register nothing by themselves).
import { registerBackend, registeredBackends } from "@typetorch/tensor-core";
import { createCpuBackend } from "@typetorch/backend-cpu";

if (!registeredBackends().includes("cpu")) registerBackend("cpu", createCpuBackend());
