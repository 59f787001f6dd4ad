// The WebGPU backend runs the whole conformance suite (conformance/README.md) through Dawn + SwiftShader.
import { describeBackendConformance } from "@typetorch/conformance";
import { createCpuBackend } from "@typetorch/backend-cpu";
import { createWebGpuBackend } from "./index.js";

describeBackendConformance("webgpu", () => createWebGpuBackend({ host: createCpuBackend() }));
