// The CPU backend runs the whole conformance suite (conformance/README.md).
import { describeBackendConformance } from "@typetorch/conformance";
import { createCpuBackend } from "./index.js";

describeBackendConformance("cpu", () => createCpuBackend());
