// The CPU backend runs the whole conformance suite (conformance/README.md); known failures are open bugs.
import { describeBackendConformance } from "@typetorch/conformance";
import { createCpuBackend } from "./index.js";

const floats = ["float16", "bfloat16", "float32", "float64"];
describeBackendConformance("cpu", () => createCpuBackend(), { knownFailures: [
  ...floats.flatMap((d) => [{ check: `unary/sign/${d}`, reason: "sign(NaN) is NaN, torch 1.13 gives 0" }, { check: `unary/relu/${d}`, reason: "relu(-0) is +0, torch gives -0" }]),
  { check: "unary/erf/float64", reason: "erf up to 10 ULP from torch (bound 2), e.g. erf(1.9001234)" },
  { check: "views/zero-dim", reason: "tensor-core: 0-dim view([1]) throws; torch gives strides [1]" },
] });
