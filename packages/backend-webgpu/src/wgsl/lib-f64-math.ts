/**
 * The float64 transcendental functions in WGSL, on the soft binary64 of lib-f64.ts: one table of
 * snippets keyed by function name (registered in library.ts, so a kernel compiles only what it
 * calls). Every function follows the algorithm the CPU backend's result comes from — fdlibm as in
 * V8's Math (exp/log/trig/atan/pow families), and the CPU backend's own erf and sigmoid — one
 * correctly rounded soft operation per C operation, so the results match it bit for bit in
 * almost every case (README "float64 math" gives the measured distances). The formulas run as
 * register programs (lib-f64-vm.ts) to keep SwiftShader's compile time down.
 */
import { F64_AHYP } from "./lib-f64-ahyp.js";
import { F64_ATAN } from "./lib-f64-atan.js";
import { F64_ERF } from "./lib-f64-erf.js";
import { F64_EXP } from "./lib-f64-exp.js";
import { F64_HYP } from "./lib-f64-hyp.js";
import { F64_LOG } from "./lib-f64-log.js";
import { F64_POW } from "./lib-f64-pow.js";
import { F64_TRIG } from "./lib-f64-trig.js";
import { F64_VM } from "./lib-f64-vm.js";
import { f64Lit } from "./lib-f64.js";

export const F64_MATH: Record<string, string> = {
  ...F64_VM,
  ...F64_EXP,
  ...F64_HYP,
  ...F64_LOG,
  ...F64_AHYP,
  ...F64_TRIG,
  ...F64_ATAN,
  ...F64_POW,
  ...F64_ERF,
  f64_rsqrt: /* wgsl */ `
fn f64_rsqrt(x: vec2u) -> vec2u { return f64_div(${f64Lit(1)}, f64_sqrt(x)); }`,
};
