// The WebGPU backend runs the whole conformance suite (conformance/README.md) through Dawn + SwiftShader.
// The seed is pinned unless TYPETORCH_CONFORMANCE_SEED is set, so that the known failures below
// (float32 math past the suite's 1-ULP bound on this device, README "Bounds") fail every run.
import { describeBackendConformance, type ConformanceOptions } from "@typetorch/conformance";
import { createCpuBackend } from "@typetorch/backend-cpu";
import { createWebGpuBackend } from "./index.js";

const pinned = process.env.TYPETORCH_CONFORMANCE_SEED ? {} : { seed: 20261201 };
const options: ConformanceOptions = { ...pinned };

describeBackendConformance("webgpu", () => createWebGpuBackend({ host: createCpuBackend() }), options);
