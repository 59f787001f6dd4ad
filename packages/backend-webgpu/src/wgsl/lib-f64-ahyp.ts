/**
 * float64 asinh, acosh and atanh on f64_log/f64_log1p/f64_sqrt: fdlibm's s_asinh.c, e_acosh.c and
 * e_atanh.c as V8 uses them, step for step (f64Program segments, lib-f64-vm.ts).
 * asinh(x) = sign·log(2|x| + 1/(√(x²+1) + |x|)) above 2, sign·log1p(|x| + x²/(1 + √(1+x²))) below,
 * log|x| + ln2 above 2^28; acosh alike with √(x² − 1); atanh = ½·log1p(2x/(1 − x)).
 */
import { f64Lit } from "./lib-f64.js";
import { f64Program, hex } from "./lib-f64-vm.js";

const NAN = "vec2u(0u, 0x7ff80000u)";
const LN2 = { LN2: hex(0x3fe62e42, 0xfefa39ef) };
const VARS = ["x", "ax", "t", "q", "s", "arg", "l", "w"];

const ASINH = f64Program(VARS, LN2, {
  qMid: "q = x * x + 1",
  qSmall: "t = x * x; q = 1 + t",
  argMid: "arg = 2 * ax + 1 / (s + ax)",
  argSmall: "arg = ax + t / (1 + s)",
  big: "w = l + LN2",
  done: "w = l",
}, f64Lit);

const ACOSH = f64Program(VARS, LN2, {
  qMid: "t = x * x; q = t - 1",
  qSmall: "t = x - 1; q = 2 * t + t * t",
  argMid: "arg = 2 * x - 1 / (x + s)",
  argSmall: "arg = t + s",
  big: "w = l + LN2",
  done: "w = l",
}, f64Lit);

const ATANH = f64Program(VARS, {}, {
  argSmall: "t = ax + ax; arg = t + t * ax / (1 - ax)",
  argBig: "arg = (ax + ax) / (1 - ax)",
  done: "w = 0.5 * l",
}, f64Lit);

/**
 * The shared flow of asinh and acosh: q → s = √q → the argument → log (mid, big) or log1p
 * (small) → + ln2 (big); one run of the program per stage, through one loop.
 */
function logOfSqrtForm(P: typeof ASINH, big: string, mid: string): string {
  return `
  ${P.decl}
  ${P.reg("x")} = x;
  ${P.reg("ax")} = f64_abs(x);
  var stage = select(0i, 2i, ${big});
  var seg = select(${P.seg("qSmall")}, ${P.seg("qMid")}, ${mid});
  loop {
    if (stage == 2i) {
      // log of the argument (or of |x|, big), log1p when small: one call
      ${P.reg("l")} = f64_log_or_log1p(select(${P.reg("arg")}, ${P.reg("ax")}, ${big}), !(${big} || ${mid}));
      seg = select(${P.seg("done")}, ${P.seg("big")}, ${big});
    }
    ${P.run("seg")}
    if (stage == 0i) { ${P.reg("s")} = f64_sqrt(${P.reg("q")}); seg = select(${P.seg("argSmall")}, ${P.seg("argMid")}, ${mid}); }
    if (stage == 2i) { break; }
    stage += 1i;
  }`;
}

export const F64_AHYP: Record<string, string> = {
  f64_asinh: /* wgsl */ `
fn f64_asinh(x: vec2u) -> vec2u {
  let ix = x.y & 0x7fffffffu;
  if (ix >= 0x7ff00000u || ix < 0x3e300000u) { return x; }
  ${logOfSqrtForm(ASINH, "(ix > 0x41b00000u)", "(ix > 0x40000000u)")}
  let w = ${ASINH.reg("w")};
  return select(w, f64_neg(w), x.y >= 0x80000000u);
}`,

  f64_acosh: /* wgsl */ `
fn f64_acosh(x: vec2u) -> vec2u {
  let hx = bitcast<i32>(x.y);
  if (f64_isnan(x)) { return x; }
  if (hx < 0x3ff00000i) { return ${NAN}; }
  if (hx >= 0x7ff00000i) { return x; }
  if (hx == 0x3ff00000i && x.x == 0u) { return vec2u(0u); }
  ${logOfSqrtForm(ACOSH, "(hx >= 0x41b00000i)", "(hx > 0x40000000i)")}
  return ${ACOSH.reg("w")};
}`,

  f64_atanh: /* wgsl */ `
fn f64_atanh(x: vec2u) -> vec2u {
  let ix = x.y & 0x7fffffffu;
  if (f64_isnan(x)) { return x; }
  if (ix > 0x3ff00000u || (ix == 0x3ff00000u && x.x != 0u)) { return ${NAN}; }
  if (ix == 0x3ff00000u) { return vec2u(0u, 0x7ff00000u | (x.y & 0x80000000u)); }
  if (ix < 0x3e300000u) { return x; }
  ${ATANH.decl}
  ${ATANH.reg("ax")} = f64_abs(x);
  var seg = select(${ATANH.seg("argBig")}, ${ATANH.seg("argSmall")}, ix < 0x3fe00000u);
  for (var stage = 0i; stage < 2i; stage++) {
    ${ATANH.run("seg")}
    if (stage == 0i) {
      ${ATANH.reg("l")} = f64_log1p(${ATANH.reg("arg")});
      seg = ${ATANH.seg("done")};
    }
  }
  let w = ${ATANH.reg("w")};
  return select(w, f64_neg(w), x.y >= 0x80000000u);
}`,
};
