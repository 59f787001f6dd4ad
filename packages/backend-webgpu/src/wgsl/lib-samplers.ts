/**
 * The float32 samplers of tensor-core's reference stream (random/stream.ts) in WGSL: Box–Muller,
 * Cauchy, and Poisson's multiplication method for λ < 10, each the reference's exact operation
 * sequence on hardware binary32 (lib-softmath.ts). Poisson's λ ≥ 10 branch (PTRS, with its
 * binary64 steps in log k!) and every binary64 sampler run as register-machine programs
 * (lib-vm.ts, kernels/random-programs.ts). A sampler reads its element's words (`rs_next`) in the
 * reference's order.
 */
import { P32 as p, softmathWgsl } from "./lib-softmath.js";

/** The float32 samplers (with the soft math); Poisson's only on request (it calls the register machine). */
export function samplers32(poisson: boolean): string {
  const L = (v: number): string => p.lit(v);
  const common = `${softmathWgsl()}
// Box–Muller, cos branch: √(−2 log u)·cos 2πt.
fn sm_normal32() -> f32 {
  let u = rs_open32();
  let t = rs_turn32();
  return ${p.mul(`sm_sqrt32(${p.mul(L(-2), "sm_log32(u)")})`, "sm_sincos32(t).y")};
}
// tan(π(u − ½)) by odd symmetry: the argument |u − ½|/2 turns stays an exact dyadic.
fn sm_cauchy32() -> f32 {
  let v = ${p.sub("rs_open32()", L(0.5))};
  let sc = sm_sincos32(${p.mul(p.abs("v"), L(0.5))});
  let t = ${p.mul("sc.x", "sm_recip32(sc.y)")};
  return select(t, ${p.neg("t")}, ${p.lt("v", p.zero)});
}
`;
  if (!poisson) return common;
  return `${common}
// Poisson(λ), λ = R(rate): 0 unless λ > 0; below 10, multiply uniforms until the product falls to
// e^−λ; from 10 on, the register machine runs the reference's PTRS (program in prm).
fn sm_poisson32(lam: f32) -> f32 {
  if (!${p.lt(p.zero, "lam")}) { return 0.0; }
  if (!${p.lt("lam", L(10))}) {
    VR[1] = f64_from_f32bits(bitcast<u32>(lam));
    vm_run();
    return bitcast<f32>(f64_to_f32bits(VR[0]));
  }
  let limit = sm_exp32(${p.neg("lam")});
  var prod = ${L(1)};
  for (var n = 0i; ; n++) {
    prod = ${p.mul("prod", `f32(((rs_refill() >> 9u) << 1u) | 1u) * ${L(2 ** -24)}`)};
    if (!${p.lt("limit", "prod")}) { return f32(n); }
    if (RS_BAD) { return 0.0; }
  }
}
`;
}
