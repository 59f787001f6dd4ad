// The CPU backend runs the whole conformance suite (conformance/README.md).
import { describeBackendConformance } from "@typetorch/conformance";
import { createCpuBackend } from "./index.js";

const f = ["float16", "bfloat16", "float32", "float64"];
const knownFailures = [
  ...f.map((d) => ({ check: `unary/sign/${d}`, reason: "cpu: sign(NaN) gives NaN, torch 1.13 gives 0" })),
  ...f.map((d) => ({ check: `unary/relu/${d}`, reason: "cpu: relu(-0) gives +0, torch 1.13 gives -0" })),
  { check: "unary/erf/float64", reason: "cpu: erf float64 up to 10 ULP from torch (2 allowed), e.g. erf(1.9001234)" },
  { check: "views/zero-dim", reason: "tensor-core: view([1]) of a 0-dim tensor throws; torch gives strides [1]" },
];
describeBackendConformance("cpu", () => createCpuBackend(), { knownFailures });
