/**
 * `torch.autograd.gradcheck` / `gradgradcheck`: the analytical Jacobian (from backward) against
 * central finite differences, in float64, with PyTorch's defaults (eps 1e-6, atol 1e-5,
 * rtol 1e-3). Failures raise GradcheckError with PyTorch's "Jacobian mismatch" text.
 */
import type { Tensor } from "@typetorch/tensor-core";
import { RuntimeError, tensor } from "@typetorch/tensor-core";
import { grad } from "./api.js";
import { noGrad } from "./grad-mode.js";

export class GradcheckError extends RuntimeError {
  override name = "GradcheckError";
}

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Throw on failure (default) or return false. */
  raiseException?: boolean;
}

type Fn = (...inputs: Tensor[]) => Tensor | readonly Tensor[];
const outputsOf = (r: Tensor | readonly Tensor[]): readonly Tensor[] => (Array.isArray(r) ? r : [r as Tensor]);
const values = (t: Tensor): number[] => (t.reshape(-1).tolist() as unknown[]).map(Number);

/** d outputs[k] / d inputs[i] by central differences: [k][i] → rows per input element. */
function numerical(fn: Fn, inputs: readonly Tensor[], eps: number): number[][][][] {
  // fn runs in grad mode: gradgradcheck's function is itself a backward pass.
  const base = outputsOf(fn(...inputs));
  const jac = base.map(() => inputs.map(() => [] as number[][]));
  inputs.forEach((x, i) => {
    if (!x.requiresGrad) return;
    const flat = x.detach().reshape(-1);
    for (let e = 0; e < flat.numel(); e++) {
      const cell = flat.narrow(0, e, 1);
      const orig = Number(cell.item());
      const eval_ = (v: number): number[][] => {
        noGrad(() => cell.fill_(v));
        return outputsOf(fn(...inputs)).map(values);
      };
      const plus = eval_(orig + eps);
      const minus = eval_(orig - eps);
      noGrad(() => cell.fill_(orig));
      plus.forEach((p, k) => (jac[k] as number[][][])[i]?.push(p.map((v, j) => (v - (minus[k] as number[])[j]!) / (2 * eps))));
    }
  });
  return jac;
}

/** The same Jacobian from backward passes, one per output element. */
function analytical(fn: Fn, inputs: readonly Tensor[]): number[][][][] {
  const outs = outputsOf(fn(...inputs));
  const wrt = inputs.filter((x) => x.requiresGrad);
  return outs.map((out) => {
    const perInput = inputs.map((x) => Array.from({ length: x.numel() }, () => new Array<number>(out.numel()).fill(0)));
    if (!out.requiresGrad) return perInput;
    for (let j = 0; j < out.numel(); j++) {
      const onehot = new Array<number>(out.numel()).fill(0);
      onehot[j] = 1;
      const go = tensor(onehot, { dtype: out.dtype, device: out.device }).reshape(out.shape);
      const gs = grad([out], wrt, { gradOutputs: [go], retainGraph: true, allowUnused: true });
      let w = 0;
      inputs.forEach((x, i) => {
        if (!x.requiresGrad) return;
        const g = gs[w++];
        if (g) values(g).forEach((v, e) => ((perInput[i] as number[][])[e]![j] = v));
      });
    }
    return perInput;
  });
}

/** true when backward agrees with finite differences for every output and input. */
export function gradcheck(fn: Fn, inputs: Tensor | readonly Tensor[], options: GradcheckOptions = {}): boolean {
  const ins = Array.isArray(inputs) ? (inputs as readonly Tensor[]) : [inputs as Tensor];
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, raiseException = true } = options;
  for (const x of ins) {
    if (x.requiresGrad && x.dtype !== "float64") {
      console.warn(`gradcheck: input of dtype ${x.dtype} is not double precision; the check may fail`);
    }
  }
  const num = numerical(fn, ins, eps);
  const ana = analytical(fn, ins);
  for (let k = 0; k < num.length; k++) {
    for (let i = 0; i < ins.length; i++) {
      if (!(ins[i] as Tensor).requiresGrad) continue;
      const n = num[k]![i]!;
      const a = ana[k]![i]!;
      const bad = n.some((row, e) => row.some((v, j) => !(Math.abs(a[e]![j]! - v) <= atol + rtol * Math.abs(v))));
      if (bad) {
        if (!raiseException) return false;
        // Rows are input elements, columns output elements (PyTorch's layout), on any device.
        const show = (m: number[][]): string => `[${m.map((r) => `[${r.map((v) => v.toPrecision(6)).join(", ")}]`).join(",\n ")}]`;
        throw new GradcheckError(
          `Jacobian mismatch for output ${k} with respect to input ${i},\nnumerical:${show(n)}\nanalytical:${show(a)}\n`,
        );
      }
    }
  }
  return true;
}

/** Deterministic stand-ins for PyTorch's random grad_outputs (values in [-1, 1)). */
function probe(like: Tensor, seed: number): Tensor {
  let s = seed >>> 0 || 1;
  const vals = Array.from({ length: like.numel() }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
  return tensor(vals, { dtype: like.dtype, device: like.device }).reshape(like.shape).requiresGrad_();
}

/** Second derivatives: gradcheck of (inputs, gradOutputs) ↦ grad(fn(inputs), inputs, gradOutputs). */
export function gradgradcheck(
  fn: Fn,
  inputs: Tensor | readonly Tensor[],
  gradOutputs?: Tensor | readonly Tensor[],
  options: GradcheckOptions = {},
): boolean {
  const ins = Array.isArray(inputs) ? (inputs as readonly Tensor[]) : [inputs as Tensor];
  const outs = outputsOf(fn(...ins));
  const gos = gradOutputs === undefined ? outs.map((o, k) => probe(o, 7 + k)) : outputsOf(gradOutputs);
  const n = ins.length;
  const wrtIdx = ins.map((x, i) => (x.requiresGrad ? i : -1)).filter((i) => i >= 0);
  const second = (...all: Tensor[]): Tensor[] => {
    const xs = all.slice(0, n);
    const out = outputsOf(fn(...xs)).filter((o) => o.requiresGrad);
    const gs = grad(out, wrtIdx.map((i) => xs[i] as Tensor), {
      gradOutputs: all.slice(n, n + out.length),
      createGraph: true,
      allowUnused: true,
    });
    return gs.map((g, j) => g ?? xs[wrtIdx[j] as number]!.mul(0));
  };
  if (!gos.length) throw new RuntimeError("gradgradcheck: the function has no outputs");
  return gradcheck(second, [...ins, ...gos], options);
}
