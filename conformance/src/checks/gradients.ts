/**
 * The gradient family: for every differentiable op of autograd's derivative table, on the
 * backend under test, the backward pass agrees with central finite differences of the forward
 * pass (gradcheck; second derivatives too for elementwise, matmul, reduction and view ops).
 *
 * Bounds: float64 uses PyTorch's gradcheck defaults (eps 1e-6, atol 1e-5, rtol 1e-3). A backend
 * without float64 is checked in float32 with eps 1e-3, atol 1e-2, rtol 1e-2 (first order only):
 * float32 finite differences carry about 1e-4 of rounding error per unit of curvature.
 */
import * as torch from "@typetorch/tensor-core";
import type { Backend } from "@typetorch/tensor-core";
import { FORMULAS, enableAutograd, gradSamples, gradcheck, gradgradcheck } from "@typetorch/autograd";
import type { GradSample, OpName } from "@typetorch/autograd";
import type { Check, Failure } from "../check.js";
import type { ResolvedOptions } from "../options.js";

const TOLERANCE = {
  float64: { eps: 1e-6, atol: 1e-5, rtol: 1e-3 },
  float32: { eps: 1e-3, atol: 1e-2, rtol: 1e-2 },
} as const;

function gradientCheck(op: OpName, dtype: "float64" | "float32"): Check {
  const name = `gradient/${op}/${dtype}`;
  return {
    name,
    family: "gradient",
    dtypes: [dtype],
    run: async (backend: Backend, o: ResolvedOptions): Promise<Failure | null> => {
      if (dtype === "float32" && backend.capabilities.dtypes.includes("float64")) return null;
      enableAutograd();
      torch.registerBackend(o.device, backend);
      await torch.initBackend(o.device);
      const sample = gradSamples(o.device, dtype)[op];
      if (sample === "none" || "unreachable" in sample) return null;
      const s = sample as GradSample;
      try {
        gradcheck(s.fn, s.inputs(), TOLERANCE[dtype]);
        if (s.order2 && dtype === "float64") gradgradcheck(s.fn, s.inputs(), undefined, TOLERANCE[dtype]);
        return null;
      } catch (e) {
        const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        const report = [`conformance check ${name} failed:`, message, `replay: TYPETORCH_CONFORMANCE_ONLY=${name}`].join("\n");
        return { check: name, family: "gradient", message, seed: o.seed, path: "", report };
      }
    },
  };
}

/** One check per differentiable op and dtype. */
export function gradientChecks(): Check[] {
  const ops = (Object.keys(FORMULAS) as OpName[]).filter((op) => FORMULAS[op] !== "nondifferentiable");
  return (["float64", "float32"] as const).flatMap((dtype) => ops.map((op) => gradientCheck(op, dtype)));
}
