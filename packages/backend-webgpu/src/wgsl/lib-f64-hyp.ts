/**
 * float64 sinh, cosh, tanh and sigmoid on f64_exp/f64_expm1: V8's sinh/cosh and fdlibm's tanh
 * (Math.sinh/cosh/tanh), and the CPU backend's sigmoid 1/(1 + e^−x). Each makes one call of
 * f64_exp_or_expm1 (exp or expm1 by range; SwiftShader compiles every call site separately,
 * lib-f64-vm.ts) and finishes in one segment.
 */
import { f64Lit } from "./lib-f64.js";
import { f64Program, hex } from "./lib-f64-vm.js";

const ONE = f64Lit(1);
const INF = "vec2u(0u, 0x7ff00000u)";
/** |x|/2 for a normal |x| ≥ 2^−1021: the exponent field minus one (exact). */
const half = (a: string): string => `vec2u(${a}.x, ${a}.y - 0x00100000u)`;
/** 2·|x| for |x| below the overflow threshold: the exponent field plus one (exact). */
const twice = (a: string): string => `vec2u(${a}.x, ${a}.y + 0x00100000u)`;
const KOVERFLOW = f64Lit(710.4758600739439);

const SINH = f64Program(["h", "t", "w", "y"], {}, {
  small: "y = h * (2 * t - t * t / (t + 1))",
  mid: "y = h * (t + t / (t + 1))",
  once: "y = h * w",
  twice: "t = h * w; y = t * w",
}, f64Lit);

const COSH = f64Program(["t", "w", "y"], {}, {
  tiny: "y = 1 + t",
  small: "w = 1 + t; y = 1 + (t * t) / (w + w)",
  mid: "y = 0.5 * t + 0.5 / t",
  once: "y = 0.5 * t",
  twice: "w = 0.5 * t; y = w * t",
}, f64Lit);

const TANH = f64Program(["t", "z"], {}, {
  big: "z = 1 - 2 / (t + 2)",
  small: "z = -t / (t + 2)",
}, f64Lit);

export const F64_HYP: Record<string, string> = {
  // sinh: (E + E/(E + 1))/2 from E = expm1(|x|) below 22 (2E − E²/(E + 1) below 1), e^|x|/2 up to
  // ln(max double), e^(|x|/2)/2 · e^(|x|/2) up to the overflow threshold.
  f64_sinh: /* wgsl */ `
fn f64_sinh(x: vec2u) -> vec2u {
  let ax = f64_abs(x);
  if (f64_lt(ax, ${f64Lit(2 ** -28)}) || f64_isnan(x)) { return x; }
  if (f64_lt(${KOVERFLOW}, ax)) { return vec2u(0u, x.y & 0x80000000u) | ${INF}; }
  ${SINH.decl}
  ${SINH.reg("h")} = select(${f64Lit(0.5)}, ${f64Lit(-0.5)}, x.y >= 0x80000000u);
  // expm1(|x|) below 22, else exp(|x|) or exp(|x|/2): one call (each call site compiles anew)
  let m1 = f64_lt(ax, ${f64Lit(22)});
  let once = f64_lt(ax, ${hex(0x40862e42, 0)});
  let e = f64_exp_or_expm1(select(select(${half("ax")}, ax, once), ax, m1), m1);
  ${SINH.reg("t")} = e;
  ${SINH.reg("w")} = e;
  var seg = select(${SINH.seg("twice")}, ${SINH.seg("once")}, once);
  if (m1) { seg = select(${SINH.seg("mid")}, ${SINH.seg("small")}, f64_lt(ax, ${ONE})); }
  ${SINH.run("seg")}
  return ${SINH.reg("y")};
}`,

  // cosh: 1 + E²/(2(1 + E)) from E = expm1(|x|) below ln2/2, (e^|x| + e^−|x|)/2 up to 22, then as sinh.
  f64_cosh: /* wgsl */ `
fn f64_cosh(x: vec2u) -> vec2u {
  let ix = x.y & 0x7fffffffu;
  let ax = f64_abs(x);
  if (ix >= 0x7ff00000u) { return ax; }
  if (f64_lt(${KOVERFLOW}, ax)) { return ${INF}; }
  ${COSH.decl}
  // expm1(|x|) below ln2/2, else exp(|x|) or exp(|x|/2): one call
  let m1 = ix < 0x3fd62e43u;
  ${COSH.reg("t")} = f64_exp_or_expm1(select(ax, ${half("ax")}, ix >= 0x40862e42u), m1);
  var seg = select(select(${COSH.seg("twice")}, ${COSH.seg("once")}, ix < 0x40862e42u), ${COSH.seg("mid")}, ix < 0x40360000u);
  if (m1) { seg = select(${COSH.seg("small")}, ${COSH.seg("tiny")}, ix < 0x3c800000u); }
  ${COSH.run("seg")}
  return ${COSH.reg("y")};
}`,

  // tanh: −t/(t + 2) with t = expm1(−2|x|) below 1, 1 − 2/(expm1(2|x|) + 2) up to 22, else ±1.
  f64_tanh: /* wgsl */ `
fn f64_tanh(x: vec2u) -> vec2u {
  let ix = x.y & 0x7fffffffu;
  let sign = x.y & 0x80000000u;
  if (f64_isnan(x) || ix < 0x3e300000u) { return x; }
  if (ix >= 0x40360000u) { return ${ONE} | vec2u(0u, sign); }
  let big = ix >= 0x3ff00000u;
  let a2 = ${twice("f64_abs(x)")};
  ${TANH.decl}
  ${TANH.reg("t")} = f64_expm1(select(f64_neg(a2), a2, big));
  let seg = select(${TANH.seg("small")}, ${TANH.seg("big")}, big);
  ${TANH.run("seg")}
  return ${TANH.reg("z")} | vec2u(0u, sign);
}`,

  // As the CPU backend: 1 / (1 + exp(−x)).
  f64_sigmoid: /* wgsl */ `
fn f64_sigmoid(x: vec2u) -> vec2u { return f64_div(${ONE}, f64_add(${ONE}, f64_exp(f64_neg(x)))); }`,
};
