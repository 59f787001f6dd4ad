/**
 * The float32 samplers of tensor-core's reference stream (random/stream.ts) in WGSL: Box–Muller,
 * Cauchy, Stirling's log k! and Poisson (multiplication for λ < 10, Hörmann's PTRS above), each
 * the reference's exact operation sequence on hardware binary32 (lib-softmath.ts). The steps the
 * reference does in binary64 (2.53·√λ; log k! for k ≥ 2^24, where n = k + 1 is no float32) use
 * lib-f64 and the register machine (lib-vm.ts); so do all binary64 samplers. A sampler reads its
 * element's words (`rs_next`, `rs_refill`) in the reference's order.
 */
import { P32 as p, softmathWgsl } from "./lib-softmath.js";
import { f64Lit } from "./lib-f64.js";

/** log Γ(k + 1) for k < 16: the reference's table (stream.ts LOG_FACTORIAL). */
export const LOG_FACTORIAL = [
  0, 0, 0.6931471805599453, 1.791759469228055, 3.1780538303479458, 4.787491742782046, 6.579251212010101,
  8.525161361065415, 10.60460290274525, 12.801827480081469, 15.104412573075516, 17.502307845873887,
  19.987214495661885, 22.552163853123425, 25.19122118273868, 27.89927138384089,
];
export const HALF_LOG_2PI = 0.9189385332046728;

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
  const le = (x: string, y: string): string => `fle(${x}, ${y})`;
  const open = `opq(f32(((rs_refill() >> 9u) << 1u) | 1u) * ${L(2 ** -24)})`;
  const table = LOG_FACTORIAL.map(L).join(", ");
  return `${common}
// log k! (stream.ts logFactorial) for k < 2^24: the table below 16, Stirling's series above with
// n = k + 1. (From 2^24 on, n is not a float32 and the reference works on the binary64 n: see
// sm_poisson32.)
fn sm_logfact32(k: f32) -> f32 {
  if (${p.lt("k", L(16))}) { var t = array<f32, 16>(${table}); return t[i32(k)]; }
  let n = ${p.add("k", L(1))};
  let r = sm_recip32(n);
  let r2 = ${p.mul("r", "r")};
  let ser = ${p.mul("r", p.sub(L(1 / 12), p.mul("r2", p.sub(L(1 / 360), p.mul("r2", L(1 / 1260))))))};
  return ${p.add(p.add(p.sub(p.mul(p.sub("n", L(0.5)), "sm_log32(n)"), "n"), L(HALF_LOG_2PI)), "ser")};
}
// Poisson(λ), λ = R(rate): 0 unless λ > 0; below 10, multiply uniforms until the product falls to
// e^−λ; from 10 on, Hörmann's transformed rejection (PTRS, 1993) with Stirling's log k!.
fn sm_poisson32(lam: f32) -> f32 {
  if (!${p.lt(p.zero, "lam")}) { return 0.0; }
  if (${p.lt("lam", L(10))}) {
    let limit = sm_exp32(${p.neg("lam")});
    var prod = ${L(1)};
    for (var n = 0i; ; n++) {
      prod = ${p.mul("prod", open)};
      if (!${p.lt("limit", "prod")}) { return f32(n); }
      if (RS_BAD) { return 0.0; }
    }
  }
  let slam = sm_sqrt32(lam);
  let loglam = sm_log32(lam);
  // R(2.53·√λ): the reference multiplies by the binary64 constant 2.53, then rounds
  let b = ${p.add("bitcast<f32>(f64_to_f32bits(f64_mul(" + f64Lit(2.53) + ", f64_from_f32bits(bitcast<u32>(slam)))))", L(0.931))};
  let a = ${p.sub(p.mul(L(0.02483), "b"), L(0.059))};
  let inv_alpha = ${p.add(L(1.1239), p.mul(L(1.1328), `sm_recip32(${p.sub("b", L(3.4))})`))};
  let vr = ${p.sub(L(0.9277), p.mul(L(3.6224), `sm_recip32(${p.sub("b", L(2))})`))};
  let log_inv_alpha = sm_log32(inv_alpha);
  // log k! for k ≥ 2^24 runs on the register machine (its binary32-mode program in prm), outside
  // the rejection loop: SwiftShader runs a call site's code under a lane mask on every pass.
  loop {
    var k = 0.0; var lhs = 0.0; var part = 0.0;
    loop {
      if (RS_BAD) { return 0.0; }
      let U = ${p.sub(open, L(0.5))};
      let V = ${open};
      let us = ${p.sub(L(0.5), p.abs("U"))};
      k = ${p.floor(p.add(p.mul(p.add(p.mul(p.mul(L(2), "a"), "sm_recip32(us)"), "b"), "U"), p.add("lam", L(0.43))))};
      if (${le(L(0.07), "us")} && ${le("V", "vr")}) { return k; }
      if (${p.lt("k", p.zero)} || (${p.lt("us", L(0.013))} && ${p.lt("us", "V")})) { continue; }
      lhs = ${p.sub(p.add("sm_log32(V)", "log_inv_alpha"), `sm_log32(${p.add(p.mul("a", `sm_recip32(${p.mul("us", "us")})`), "b")})`)};
      part = ${p.sub(p.mul("k", "loglam"), "lam")};
      if (!${p.lt("k", L(2 ** 24))}) { break; }
      if (${le("lhs", p.sub("part", "sm_logfact32(k)"))}) { return k; }
    }
    VR[1] = f64_from_f32bits(bitcast<u32>(k));
    vm_run();
    if (${le("lhs", p.sub("part", "bitcast<f32>(f64_to_f32bits(VR[0]))"))}) { return k; }
  }
}
`;
}
