// The WebGPU backend runs the whole conformance suite (conformance/README.md) through Dawn + SwiftShader.
// The seed is pinned unless TYPETORCH_CONFORMANCE_SEED is set, so that the known failures below
// (README "Bounds": float32 results past the suite's bounds on this device) fail on every run and
// the suite reports it the day one of them starts to pass.
import { describeBackendConformance, type ConformanceOptions, type KnownFailure } from "@typetorch/conformance";
import { createCpuBackend } from "@typetorch/backend-cpu";
import { createWebGpuBackend } from "./index.js";

const pinned = !process.env.TYPETORCH_CONFORMANCE_SEED;
const known: KnownFailure[] = [];
const options: ConformanceOptions = pinned ? { seed: 20261201, knownFailures: known } : {};

describeBackendConformance("webgpu", () => createWebGpuBackend({ host: createCpuBackend() }), options);
