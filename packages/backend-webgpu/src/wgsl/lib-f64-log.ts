/**
 * float64 log, log1p, log2 and log10 in soft binary64: the algorithms V8 uses for Math.log/log1p/
 * log2/log10 (fdlibm, and FreeBSD's log2 on fdlibm's kernel), step for step, as f64Program
 * segments (lib-f64-vm.ts), so the results match the CPU backend.
 *
 * log: x = 2^k·m with √2/2 < m < √2 (decided on the high word), f = m − 1, s = f/(2 + f);
 * log(1 + f) = 2s + s·R(s²), R a degree-7 Remez fit split into odd and even halves, written as
 * f − (f²/2 − s·(f²/2 + R)) for accuracy; k·ln2 added as k·LN2HI (exact) + k·LN2LO.
 */
import { f64Lit } from "./lib-f64.js";
import { horner } from "./f64-regs.js";
import { f64Program, hex } from "./lib-f64-vm.js";

const NINF = "vec2u(0u, 0xfff00000u)";
const NAN = "vec2u(0u, 0x7ff80000u)";
const LG = {
  LN2HI: hex(0x3fe62e42, 0xfee00000), LN2LO: hex(0x3dea39ef, 0x35793c76),
  Lg1: hex(0x3fe55555, 0x55555593), Lg2: hex(0x3fd99999, 0x9997fa04), Lg3: hex(0x3fd24924, 0x94229359), Lg4: hex(0x3fcc71c5, 0x1d8e78af),
  Lg5: hex(0x3fc74664, 0x96cb03de), Lg6: hex(0x3fc39a09, 0xd078c69f), Lg7: hex(0x3fc2f112, 0xdf3e5244),
  THIRD: hex(0x3fd55555, 0x55555555), TWOTHIRDS: hex(0x3fe55555, 0x55555555),
};
/** s, z = s², w = z², and R = z·(Lg1 + w·(Lg3 + …)) + w·(Lg2 + w·(Lg4 + …)) (fdlibm's t2 + t1). */
const KERNEL = `s = f / (2 + f); z = s * s; w = z * z; R = z * ${horner("w", ["Lg1", "Lg3", "Lg5", "Lg7"])} + w * ${horner("w", ["Lg2", "Lg4", "Lg6"])}`;
const HFSQ = "hfsq = 0.5 * f * f";

const LOG2 = f64Program(["m", "dk", "f", "s", "z", "w", "R", "hfsq", "r", "h", "lo", "vh", "vl", "ws", "y"], {
  ...LG, IVLN2HI: hex(0x3ff71547, 0x65200000), IVLN2LO: hex(0x3de705fc, 0x2eefa200),
}, {
  // f − f²/2 = h + lo with h's low word cleared, so h·IVLN2HI is exact; y = k added with its error kept.
  all: `f = m - 1; ${HFSQ}; ${KERNEL}; r = s * (hfsq + R); h = hi(f - hfsq); lo = (f - h) - hfsq + r;
    vh = h * IVLN2HI; vl = (lo + h) * IVLN2LO + lo * IVLN2HI; ws = dk + vh; vl = vl + ((dk - ws) + vh); y = vl + ws`,
}, f64Lit);

const LOG10 = f64Program(["dk", "l", "y"], {
  IVLN10: hex(0x3fdbcb7b, 0x1526e50e), LOG10_2HI: hex(0x3fd34413, 0x509f6000), LOG10_2LO: hex(0x3d59fef3, 0x11f12b36),
}, { all: "y = dk * LOG10_2LO + IVLN10 * l; y = y + dk * LOG10_2HI" }, f64Lit);

/** log's and log1p's segments in one program, so that one loop (one f64_alu) serves both. */
const LOG = f64Program(["x", "u", "m", "c", "dk", "f", "s", "z", "w", "R", "hfsq", "y"], {
  ...LG, Lp1: LG.Lg1, Lp2: LG.Lg2, Lp3: LG.Lg3, Lp4: LG.Lg4, Lp5: LG.Lg5, Lp6: LG.Lg6, Lp7: LG.Lg7,
}, {
  // log: f = m − 1 exactly
  exact: "y = dk * LN2HI + dk * LN2LO",
  near0: "f = m - 1; R = f * f * (0.5 - THIRD * f); y = f - R",
  nearK: "f = m - 1; R = f * f * (0.5 - THIRD * f); y = dk * LN2HI - ((R - dk * LN2LO) - f)",
  wide0: `f = m - 1; ${KERNEL}; ${HFSQ}; y = f - (hfsq - s * (hfsq + R))`,
  wideK: `f = m - 1; ${KERNEL}; ${HFSQ}; y = dk * LN2HI - ((hfsq - (s * (hfsq + R) + dk * LN2LO)) - f)`,
  plain0: `f = m - 1; ${KERNEL}; y = f - s * (f - R)`,
  plainK: `f = m - 1; ${KERNEL}; y = dk * LN2HI - ((s * (f - R) - dk * LN2LO) - f)`,
  // log1p: c = ((1 + x) − u)/u corrects log(u) of u = 1 + x rounded; above 2^53, c = 0
  pTiny: "y = x - x * x * 0.5",
  pU: "u = 1 + x",
  pCUp: "c = (1 - (u - x)) / u; f = m - 1",
  pCDown: "c = (x - (u - 1)) / u; f = m - 1",
  pCNone: "f = m - 1",
  pExact: "c = c + dk * LN2LO; y = dk * LN2HI + c",
  pNear0: "hfsq = 0.5 * f * f; R = hfsq * (1 - TWOTHIRDS * f); y = f - R",
  pNearK: "hfsq = 0.5 * f * f; R = hfsq * (1 - TWOTHIRDS * f); y = dk * LN2HI - ((R - (dk * LN2LO + c)) - f)",
  pWide0: `hfsq = 0.5 * f * f; s = f / (2 + f); z = s * s; R = z * ${horner("z", ["Lp1", "Lp2", "Lp3", "Lp4", "Lp5", "Lp6", "Lp7"])}; y = f - (hfsq - s * (hfsq + R))`,
  pWideK: `hfsq = 0.5 * f * f; s = f / (2 + f); z = s * s; R = z * ${horner("z", ["Lp1", "Lp2", "Lp3", "Lp4", "Lp5", "Lp6", "Lp7"])};
    y = dk * LN2HI - ((hfsq - (s * (hfsq + R) + (dk * LN2LO + c))) - f)`,
}, f64Lit);

export const F64_LOG: Record<string, string> = {
  // x = 2^k·m with m in [√2/2, √2) on the bits (subnormals scaled by 2^54 first): vec4u(m, k, the
  // high word of m's fraction). Callers handle NaN, inf, zero and negative x.
  f64_log_reduce: /* wgsl */ `
fn f64_log_reduce(x0: vec2u) -> vec4u {
  var x = x0;
  var k = 0i;
  if (x.y < 0x00100000u) { x = f64_ldexp(x, 54i); k = -54i; }
  var hx = i32(x.y);
  k += (hx >> 20u) - 1023i;
  hx &= 0x000fffffi;
  let i = (hx + 0x95f64i) & 0x100000i;
  k += i >> 20u;
  return vec4u(x.x, u32(hx | (i ^ 0x3ff00000i)), bitcast<u32>(k), u32(hx));
}`,

  // log2 (FreeBSD's e_log2.c as V8 has it): f − f²/2 and 1/ln2 split so that the products and the
  // final + k are carried in extra precision.
  f64_log2: /* wgsl */ `
fn f64_log2(x: vec2u) -> vec2u {
  if (f64_iszero(x)) { return ${NINF}; }
  if (f64_isnan(x)) { return x; }
  if (x.y >= 0x80000000u) { return ${NAN}; }
  if (x.y >= 0x7ff00000u) { return x; }
  if (x.y == 0x3ff00000u && x.x == 0u) { return vec2u(0u); }
  let red = f64_log_reduce(x);
  ${LOG2.decl}
  ${LOG2.reg("m")} = red.xy;
  ${LOG2.reg("dk")} = f64_from_i32(bitcast<i32>(red.z));
  let seg = ${LOG2.seg("all")};
  ${LOG2.run("seg")}
  return ${LOG2.reg("y")};
}`,

  // log10 (fdlibm's e_log10.c as V8 has it): n·log10(2)hi + (n·log10(2)lo + log(m)/ln10), x = 2^n·m
  // with m in [1, 2) (n ≥ 0) or [1/2, 1) (n < 0).
  f64_log10: /* wgsl */ `
fn f64_log10(x0: vec2u) -> vec2u {
  var x = x0;
  if (f64_iszero(x)) { return ${NINF}; }
  if (f64_isnan(x)) { return x; }
  if (x.y >= 0x80000000u) { return ${NAN}; }
  if (x.y >= 0x7ff00000u) { return x; }
  if (x.y == 0x3ff00000u && x.x == 0u) { return vec2u(0u); }
  var k = 0i;
  if (x.y < 0x00100000u) { x = f64_ldexp(x, 54i); k = -54i; }
  k += i32(x.y >> 20u) - 1023i;
  let i = select(0i, 1i, k < 0i);
  x = vec2u(x.x, (x.y & 0x000fffffu) | (u32(0x3ff - i) << 20u));
  ${LOG10.decl}
  ${LOG10.reg("dk")} = f64_from_i32(k + i);
  ${LOG10.reg("l")} = f64_log(x);
  let seg = ${LOG10.seg("all")};
  ${LOG10.run("seg")}
  return ${LOG10.reg("y")};
}`,

  // log(x) (p1 false) or log1p(x) (p1 true); log1p takes log of u = 1 + x rounded, plus the
  // correction c, for 1 + x away from 1.
  f64_log_or_log1p: /* wgsl */ `
fn f64_log_or_log1p(x: vec2u, p1: bool) -> vec2u {
  let hx = bitcast<i32>(x.y);
  let ax = hx & 0x7fffffffi;
  if (f64_isnan(x)) { return x; }
  ${LOG.decl}
  ${LOG.reg("x")} = x;
  ${LOG.reg("f")} = x;
  var k = 0i;
  var hu = 1i;
  var seg = ${LOG.seg("pU")};
  // stages: 0 u = 1 + x; 1 the correction c and f = m − 1; 2 log1p's logarithm; 3 a last segment
  var stage = 0i;
  if (!p1) {
    if (f64_iszero(x)) { return ${NINF}; }
    if (hx < 0i) { return ${NAN}; }
    if (hx >= 0x7ff00000i) { return x; }
    let red = f64_log_reduce(x);
    k = bitcast<i32>(red.z);
    let fx = i32(red.w);
    ${LOG.reg("m")} = red.xy;
    ${LOG.reg("dk")} = f64_from_i32(k);
    stage = 3i;
    if ((0x000fffffi & (2i + fx)) < 3i) {
      // |f| < 2^-20
      if (red.y == 0x3ff00000u && red.x == 0u) {
        if (k == 0i) { return vec2u(0u); }
        seg = ${LOG.seg("exact")};
      } else {
        seg = select(${LOG.seg("nearK")}, ${LOG.seg("near0")}, k == 0i);
      }
    } else if (((fx - 0x6147ai) | (0x6b851i - fx)) > 0i) {
      seg = select(${LOG.seg("wideK")}, ${LOG.seg("wide0")}, k == 0i);
    } else {
      seg = select(${LOG.seg("plainK")}, ${LOG.seg("plain0")}, k == 0i);
    }
  } else {
    if (hx < 0x3fda827ai) {
      if (ax >= 0x3ff00000i) {
        if (x.y == 0xbff00000u && x.x == 0u) { return ${NINF}; }
        return ${NAN};
      }
      if (ax < 0x3c900000i) { return x; }
      if (ax < 0x3e200000i) { seg = ${LOG.seg("pTiny")}; stage = 3i; }
      else if (hx > 0i || hx <= bitcast<i32>(0xbfd2bec4u)) { stage = 2i; }
    }
    if (hx >= 0x7ff00000i) { return x; }
  }
  loop {
    if (stage == 2i) {
      ${LOG.reg("dk")} = f64_from_i32(k);
      if (hu == 0i) {
        if (f64_iszero(${LOG.reg("f")})) {
          if (k == 0i) { return vec2u(0u); }
          seg = ${LOG.seg("pExact")};
        } else {
          seg = select(${LOG.seg("pNearK")}, ${LOG.seg("pNear0")}, k == 0i);
        }
      } else {
        seg = select(${LOG.seg("pWideK")}, ${LOG.seg("pWide0")}, k == 0i);
      }
    }
    ${LOG.run("seg")}
    if (stage >= 2i) { break; }
    if (stage == 0i) {
      // u = 1 + x (or x itself from 2^53 on): its exponent is k, its significand normalised to m
      var u = ${LOG.reg("u")};
      seg = select(${LOG.seg("pCDown")}, ${LOG.seg("pCUp")}, (i32(u.y) >> 20u) - 1023i > 0i);
      if (hx >= 0x43400000i) { u = x; seg = ${LOG.seg("pCNone")}; }
      k = i32(u.y >> 20u) - 1023i;
      hu = i32(u.y & 0x000fffffu);
      if (hu < 0x6a09ei) {
        ${LOG.reg("m")} = vec2u(u.x, u32(hu | 0x3ff00000i));
      } else {
        k += 1i;
        ${LOG.reg("m")} = vec2u(u.x, u32(hu | 0x3fe00000i));
        hu = (0x00100000i - hu) >> 2u;
      }
    }
    stage += 1i;
  }
  return ${LOG.reg("y")};
}`,
  f64_log: `fn f64_log(x: vec2u) -> vec2u { return f64_log_or_log1p(x, false); }`,
  f64_log1p: `fn f64_log1p(x: vec2u) -> vec2u { return f64_log_or_log1p(x, true); }`,
};
