// The WebGPU backend runs the whole conformance suite (conformance/README.md) through Dawn + SwiftShader.
// No known failures: the suite's own bounds hold on this device (README "Conformance"). The seed
// is pinned unless TYPETORCH_CONFORMANCE_SEED is set, so a CI failure always replays the same way.
import { describeBackendConformance, type ConformanceOptions } from "@typetorch/conformance";
import { createWebGpuBackend } from "./index.js";

const pinned = !process.env.TYPETORCH_CONFORMANCE_SEED;
const options: ConformanceOptions = pinned ? { seed: 20261201 } : {};

describeBackendConformance("webgpu", () => createWebGpuBackend(), options);
