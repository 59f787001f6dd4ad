/**
 * float64 erf in soft binary64: the CPU backend's erf64 (backend-cpu/src/erf.ts), operation for
 * operation (f64Program segments, lib-f64-vm.ts), so that the two agree bit for bit whenever
 * f64_exp matches Math.exp. For |x| < 2.5 the positive-term series
 * erf(x) = 2/√π·e^(−x²)·Σ x(2x²)^n/(2n+1)!! in double-double arithmetic (Dekker's exact product by
 * Veltkamp splitting, Knuth's exact sum); above, 1 − erfc(x) from erfc's continued fraction with
 * 100 terms; ±1 from |x| = 6 on. e^(−x²) comes from the exact square x² = h + l as e^(−h)·(1 − l).
 */
import { f64Lit } from "./lib-f64.js";
import { f64Program } from "./lib-f64-vm.js";

/** a·b = P + Pl exactly (Veltkamp split into 26-bit halves, Dekker product), as infix statements. */
const twoProd = (a: string, b: string, P: string, Pl: string): string =>
  `c = SPLIT * ${a}; ah = c - (c - ${a}); al = ${a} - ah; c = SPLIT * ${b}; bh = c - (c - ${b}); bl = ${b} - bh;
   ${P} = ${a} * ${b}; ${Pl} = ah * bh - ${P} + ah * bl + al * bh + al * bl`;

const ERF = f64Program(
  ["x", "ax", "c", "ah", "al", "bh", "bl", "h", "l", "fh", "fl", "e", "ens", "f", "kk", "th", "tl", "sh", "sl", "p", "pl", "s", "q", "d", "r", "bb", "lim", "y"],
  { SPLIT: f64Lit(134217729), TWO_OVER_SQRT_PI: f64Lit(1.1283791670955126), TWO_OVER_SQRT_PI_LO: f64Lit(1.533545961316588e-17), INV_SQRT_PI: f64Lit(0.5641895835477563) },
  {
    square: `${twoProd("x", "x", "h", "l")}; fh = 2 * h; fl = 2 * l`,
    expNegSquare: "ens = e - e * l",
    cfTerm: "f = ax + kk / 2 / f",
    cfPos: "c = ens * INV_SQRT_PI / f; y = 1 - c",
    cfNeg: "c = ens * INV_SQRT_PI / f; y = c - 1",
    // t ·= 2x² and t /= 2n + 1 in double-double, then sum += t; lim = sum·1e-33 for the stop test
    term: `${twoProd("th", "fh", "p", "pl")}; e = pl + (th * fl + tl * fh); s = p + e; th = s; tl = e - (s - p);
      q = th / d; ${twoProd("q", "d", "p", "pl")}; r = (th - p - pl + tl) / d; th = q + r; tl = r - (th - q);
      s = sh + th; bb = s - sh; e = sh - (s - bb) + (th - bb) + sl + tl; sh = s + e; sl = e - (sh - s); lim = sh * 1e-33`,
    series: `${twoProd("sh", "TWO_OVER_SQRT_PI", "p", "pl")}; y = p + (pl + sh * TWO_OVER_SQRT_PI_LO + sl * TWO_OVER_SQRT_PI); y = y * ens`,
  },
  f64Lit,
);
const R = ERF.reg;
const S = ERF.seg;

export const F64_ERF: Record<string, string> = {
  f64_erf: /* wgsl */ `
fn f64_erf(x: vec2u) -> vec2u {
  if (f64_isnan(x)) { return x; }
  let pos = x.y < 0x80000000u && (x.y | x.x) != 0u;
  let ax = f64_abs(x);
  if (f64_le(${f64Lit(6)}, ax)) { return select(${f64Lit(-1)}, ${f64Lit(1)}, pos); }
  let cf = f64_le(${f64Lit(2.5)}, ax);
  ${ERF.decl}
  ${R("x")} = x;
  ${R("ax")} = ax;
  ${R("f")} = ax;
  ${R("th")} = x;
  ${R("sh")} = x;
  var seg = ${S("square")};
  var stage = 0i;
  var k = 100i;
  var n = 1i;
  loop {
    ${ERF.run("seg")}
    if (stage == 0i) {
      ${R("e")} = f64_exp(f64_neg(${R("h")}));
      seg = ${S("expNegSquare")};
      stage = 1i;
    } else if (stage == 1i) {
      stage = 2i;
      ${R("kk")} = f64_from_i32(k);
      ${R("d")} = ${f64Lit(3)};
      seg = select(${S("term")}, ${S("cfTerm")}, cf);
    } else if (stage == 2i && cf) {
      k -= 1i;
      ${R("kk")} = f64_from_i32(k);
      if (k == 0i) { seg = select(${S("cfNeg")}, ${S("cfPos")}, pos); stage = 3i; }
    } else if (stage == 2i) {
      if (n == 199i || f64_le(f64_abs(${R("th")}), f64_abs(${R("lim")}))) { seg = ${S("series")}; stage = 3i; }
      n += 1i;
      ${R("d")} = f64_from_i32(2i * n + 1i);
    } else {
      break;
    }
  }
  return ${R("y")};
}`,
};
