/**
 * float64 exp and expm1 in soft binary64: fdlibm's algorithms (Sun, 1993) as V8 uses them for
 * Math.exp/expm1, step for step (formulas as f64Program segments, see lib-f64-vm.ts), so that
 * the results are the CPU backend's.
 *
 * exp: x = k·ln2 + r with ln2 split in two (k·LN2HI exact), r = hi − lo; then
 * exp(r) = 1 + r + r·c/(2 − c) with c = r − r²·P(r²), a degree-5 Remez fit of R(r²) − 2 where
 * R(r²) = r·(e^r + 1)/(e^r − 1); scaled by 2^k with one rounding (f64_ldexp).
 * expm1: the same reduction with its rounding error c carried, a rational form that keeps the
 * relative accuracy near 0, and 2^k·(…) − 1 arranged per range of k to avoid cancellation.
 */
import { f64Lit } from "./lib-f64.js";
import { horner } from "./f64-regs.js";
import { f64Program, hex } from "./lib-f64-vm.js";

const INF = "vec2u(0u, 0x7ff00000u)";
const NONE = f64Lit(-1);
const REDUCTION = {
  LN2HI: hex(0x3fe62e42, 0xfee00000),
  LN2LO: hex(0x3dea39ef, 0x35793c76),
  INVLN2: hex(0x3ff71547, 0x652b82fe),
};
/** x above which exp overflows, below which it underflows to 0. */
const O_THRESHOLD = hex(0x40862e42, 0xfefa39ef);
const U_THRESHOLD = hex(0xc0874910, 0xd52d3051);
const P = { P1: hex(0x3fc55555, 0x5555553e), P2: hex(0xbf66c16c, 0x16bebd93), P3: hex(0x3f11566a, 0xaf25de2c), P4: hex(0xbebbbd41, 0xc5d26bf1), P5: hex(0x3e663769, 0x72bea4d0) };
/** expm1's Q1..Q5, scaled by 2^i (it evaluates in x²/2). */
const Q = { Q1: hex(0xbfa11111, 0x111110f4), Q2: hex(0x3f5a01a0, 0x19fe5585), Q3: hex(0xbf14ce19, 0x9eaadbb7), Q4: hex(0x3ed0cfca, 0x86e65239), Q5: hex(0xbe8afdb7, 0x6e09c32d) };

const C_OF_Z = `c = x - z * ${horner("z", ["P1", "P2", "P3", "P4", "P5"])}`;
/** Each expm1 tail first folds the reduction error into e: e = (x·(e − c) − c) − x²/2. */
const FOLD = "e = x * (e - c) - c - hxs";
/** exp's and expm1's segments in one program, so that one loop (one f64_alu) serves both. */
const EXP = f64Program(["x", "t", "h", "kf", "hi", "lo", "z", "c", "y", "hfx", "hxs", "r1", "u", "e"], { ...REDUCTION, ...P, ...Q }, {
  kf: "kf = INVLN2 * x + h",
  // exp
  reduced: `hi = x - t * LN2HI; lo = t * LN2LO; x = hi - lo; z = x * x; ${C_OF_Z}; y = 1 - ((lo - (x * c) / (2 - c)) - hi)`,
  direct: `z = x * x; ${C_OF_Z}; y = 1 - ((x * c) / (c - 2) - x)`,
  tiny: "y = 1 + x",
  // expm1
  reduce: "hi = x - t * LN2HI; lo = t * LN2LO; x = hi - lo; c = (hi - x) - lo",
  core: `hfx = 0.5 * x; hxs = x * hfx; r1 = 1 + hxs * ${horner("hxs", ["Q1", "Q2", "Q3", "Q4", "Q5"])}; u = 3 - r1 * hfx; e = hxs * ((r1 - u) / (6 - x * u))`,
  k0: "y = x - (x * e - hxs)",
  kminus1: `${FOLD}; y = 0.5 * (x - e) - 0.5`,
  k1low: `${FOLD}; y = -2 * (e - (x + 0.5))`,
  k1: `${FOLD}; y = 1 + 2 * (x - e)`,
  far: `${FOLD}; y = 1 - (e - x)`,
  minus1: "y = y - 1",
  near: `${FOLD}; y = u - (e - x)`,
  mid: `${FOLD}; y = x - (e + u); y = y + 1`,
}, f64Lit);
const R = EXP.reg;
const S = EXP.seg;

export const F64_EXP: Record<string, string> = {
  // exp(x) (m1 false) or expm1(x) (m1 true)
  f64_exp_or_expm1: /* wgsl */ `
fn f64_exp_or_expm1(x: vec2u, m1: bool) -> vec2u {
  let hx = x.y & 0x7fffffffu;
  let neg = x.y >= 0x80000000u;
  if (hx >= 0x7ff00000u) {
    if (((hx & 0xfffffu) | x.x) != 0u) { return x; }
    return select(x, select(vec2u(0u), ${NONE}, m1), neg);
  }
  if (hx >= 0x40862e42u && f64_lt(${O_THRESHOLD}, x)) { return ${INF}; }
  if (m1) {
    if (hx >= 0x4043687au && neg) { return ${NONE}; }
    if (hx < 0x3c900000u) { return x; }
  } else {
    if (hx >= 0x40862e42u && f64_lt(x, ${U_THRESHOLD})) { return vec2u(0u); }
    // V8 returns Math.E for exp(1): the general path is one ulp off there.
    if (x.y == 0x3ff00000u && x.x == 0u) { return ${hex(0x4005bf0a, 0x8b145769)}; }
  }
  ${EXP.decl}
  ${R("x")} = x;
  ${R("h")} = select(${f64Lit(0.5)}, ${f64Lit(-0.5)}, neg);
  ${R("t")} = select(${f64Lit(1)}, ${NONE}, neg);
  let reduced = select(${S("reduced")}, ${S("reduce")}, m1);
  var k = 0i;
  var seg = select(${S("direct")}, ${S("core")}, m1);
  if (hx > 0x3fd62e42u) {
    if (hx < 0x3ff0a2b2u) { k = select(1i, -1i, neg); seg = reduced; } else { seg = ${S("kf")}; }
  } else if (!m1 && hx < 0x3e300000u) {
    seg = ${S("tiny")};
  }
  // expm1's tails that need 2^k·y (then − 1 for the far range)
  var scaled = false;
  loop {
    ${EXP.run("seg")}
    if (all(seg == ${S("kf")})) {
      k = f64_to_i32_trunc(${R("kf")});
      ${R("t")} = f64_from_i32(k);
      seg = reduced;
      continue;
    }
    if (m1 && all(seg == ${S("reduce")})) { seg = ${S("core")}; continue; }
    if (m1 && all(seg == ${S("core")})) {
      scaled = true;
      if (k == 0i) { seg = ${S("k0")}; scaled = false; }
      else if (k == -1i) { seg = ${S("kminus1")}; scaled = false; }
      else if (k == 1i) { seg = select(${S("k1")}, ${S("k1low")}, f64_lt(${R("x")}, ${f64Lit(-0.25)})); scaled = false; }
      else if (k <= -2i || k > 56i) { seg = ${S("far")}; }
      else if (k < 20i) { ${R("u")} = vec2u(0u, 0x3ff00000u - (0x200000u >> u32(k))); seg = ${S("near")}; }
      else { ${R("u")} = vec2u(0u, u32(0x3ff - k) << 20u); seg = ${S("mid")}; }
      continue;
    }
    if (scaled || !m1) {
      ${R("y")} = f64_ldexp(${R("y")}, k);
      scaled = false;
      if (m1 && all(seg == ${S("far")})) { seg = ${S("minus1")}; continue; }
    }
    break;
  }
  return ${R("y")};
}`,
  f64_exp: `fn f64_exp(x: vec2u) -> vec2u { return f64_exp_or_expm1(x, false); }`,
  f64_expm1: `fn f64_expm1(x: vec2u) -> vec2u { return f64_exp_or_expm1(x, true); }`,
};
