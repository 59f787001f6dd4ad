/**
 * The gradient family: for every differentiable op of autograd's derivative table, on the
 * backend under test, the backward pass agrees with central finite differences of the forward
 * pass (gradcheck; second derivatives too for elementwise, matmul, reduction and view ops).
 *
 * A device that cannot read synchronously (API.md rule 8) cannot run finite differences itself:
 * there gradcheck runs on the reference backend (validating the formula), and the backward pass on
 * the device must give the reference's gradients within the same atol/rtol. An op whose forward
 * form reads synchronously by design (bool-mask selection, data-dependent sizes) has async forms
 * tested elsewhere and is not applicable here.
 *
 * Bounds: float64 uses PyTorch's gradcheck defaults (eps 1e-6, atol 1e-5, rtol 1e-3). A backend
 * without float64 is checked in float32 with eps 1e-3, atol 1e-2, rtol 1e-2 (first order only):
 * float32 finite differences carry about 1e-4 of rounding error per unit of curvature.
 */
import * as torch from "@typetorch/tensor-core";
import type { Backend, Tensor } from "@typetorch/tensor-core";
import { FORMULAS, enableAutograd, grad, gradSamples, gradcheck, gradgradcheck } from "@typetorch/autograd";
import type { GradSample, OpName } from "@typetorch/autograd";
import type { Check, Failure } from "../check.js";
import type { ResolvedOptions } from "../options.js";
import { createReferenceBackend } from "../reference/index.js";

const REFERENCE_DEVICE = "conformance-reference";

/** Gradients of sum(fn(inputs) * w) for a fixed, non-uniform weight w, with respect to the inputs that require grad. */
function weightedGrads(s: GradSample, inputs: Tensor[]): { grads: (Tensor | null)[]; targets: Tensor[] } {
  const out = s.fn(...inputs);
  const n = out.numel();
  const w = torch.linspace(0.5, 1.5, Math.max(n, 1), { dtype: out.dtype, device: out.device }).narrow(0, 0, n).reshape(out.shape);
  const targets = inputs.filter((x) => x.requiresGrad);
  return { grads: grad(out, targets, { gradOutputs: w, allowUnused: true }), targets };
}

/** The device's gradients against the reference backend's, within atol + rtol·|reference|. */
async function compareWithReference(op: OpName, s: GradSample, dtype: "float64" | "float32", device: string): Promise<string | null> {
  torch.registerBackend(REFERENCE_DEVICE, createReferenceBackend());
  await torch.initBackend(REFERENCE_DEVICE);
  const ref = gradSamples(REFERENCE_DEVICE, dtype)[op] as GradSample;
  const tol = TOLERANCE[dtype];
  gradcheck(ref.fn, ref.inputs(), tol);
  const refIns = ref.inputs();
  const devIns = refIns.map((x) => {
    const d = x.detach().to(device);
    return x.requiresGrad ? d.requiresGrad_(true) : d;
  });
  let dev: (Tensor | null)[];
  try {
    dev = weightedGrads(s, devIns).grads;
  } catch (e) {
    if (e instanceof torch.DeviceError) return null; // a synchronous form by design; not applicable
    throw e;
  }
  const want = weightedGrads(ref, refIns).grads;
  for (let k = 0; k < want.length; k++) {
    const w = want[k];
    const g = dev[k];
    if (!w || !g) {
      if (!w !== !g) return `input ${k}: gradient ${g ? "present" : "missing"} on the device, ${w ? "present" : "missing"} on the reference`;
      continue;
    }
    const got = Array.from((await g.to(dtype).toArray()) as Float64Array | Float32Array, Number);
    const expFlat = Array.from((await w.to(dtype).toArray()) as Float64Array | Float32Array, Number);
    for (let i = 0; i < expFlat.length; i++) {
      const e = expFlat[i] as number;
      const gv = got[i] as number;
      if (!(Math.abs(gv - e) <= tol.atol + tol.rtol * Math.abs(e)) && !(Number.isNaN(gv) && Number.isNaN(e))) {
        return `input ${k} element ${i}: device gradient ${gv}, reference ${e}`;
      }
    }
  }
  return null;
}

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
        if (!backend.capabilities.syncRead) {
          const why = await compareWithReference(op, s, dtype, o.device);
          if (why !== null) throw new Error(why);
          return null;
        }
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
