/**
 * float64 atan, atan2, asin and acos in soft binary64: fdlibm's algorithms (as V8 uses them for
 * Math.atan/atan2/asin/acos), step for step, as f64Program segments (lib-f64-vm.ts).
 *
 * atan: |x| is mapped to one of five intervals, [0, 7/16) directly and the others through
 * atan(x) = atan(c) + atan((x − c)/(1 + c·x)) for c = 1/2, 1, 3/2, ∞ with atan(c) as hi + lo;
 * then t − t³·A(t²), A a degree-10 fit split into odd and even halves.
 * asin/acos: x + x³·R(x²) on [0, 1/2], R = P/Q rational; above, asin(x) = π/2 − 2·asin(√((1 − x)/2))
 * with the root split into a 32-bit head and a correction so that 2·head is exact.
 */
import { f64Lit } from "./lib-f64.js";
import { horner } from "./f64-regs.js";
import { f64Program, hex } from "./lib-f64-vm.js";

const NAN = "vec2u(0u, 0x7ff80000u)";
const PI = Math.PI;
const PI_LO = 1.2246467991473532e-16; // π − PI
const PIO2_LO = 6.123233995736766e-17; // π/2 − PI/2
const TINY = 1e-300; // fdlibm adds it to raise "inexact"; it rounds away, the sums are kept as written

const AT = Object.fromEntries([
  [0x3fd55555, 0x5555550d], [0xbfc99999, 0x9998ebc4], [0x3fc24924, 0x920083ff], [0xbfbc71c6, 0xfe231671], [0x3fb745cd, 0xc54c206e],
  [0xbfb3b0f2, 0xaf749a6d], [0x3fb10d66, 0xa0d03d51], [0xbfadde2d, 0x52defd9a], [0x3fa97b4b, 0x24760deb], [0xbfa2b444, 0x2c6a6c2f],
  [0x3f90ad3a, 0xe322da11],
].map(([h, l], i) => [`A${i}`, hex(h as number, l as number)]));
const A = (is: number[]): string[] => is.map((i) => `A${i}`);
/** atan(1/2), atan(1), atan(3/2), atan(∞) as hi + lo. */
const ATAN_HI = [hex(0x3fddac67, 0x0561bb4f), hex(0x3fe921fb, 0x54442d18), hex(0x3fef730b, 0xd281f69b), hex(0x3ff921fb, 0x54442d18)];
const ATAN_LO = [hex(0x3c7a2b7f, 0x222f65e2), hex(0x3c81a626, 0x33145c07), hex(0x3c700788, 0x7af0cbbd), hex(0x3c91a626, 0x33145c07)];
const POLY = `z = x * x; w = z * z; s1 = z * ${horner("w", A([0, 2, 4, 6, 8, 10]))}; s2 = w * ${horner("w", A([1, 3, 5, 7, 9]))}`;
const OFFSET = `${POLY}; y = hi - ((x * (s1 + s2) - lo) - x)`;
const ATAN = f64Program(["x", "z", "w", "s1", "s2", "hi", "lo", "y"], AT, {
  direct: `${POLY}; y = x - x * (s1 + s2)`,
  half: `x = (2 * x - 1) / (2 + x); ${OFFSET}`,
  one: `x = (x - 1) / (x + 1); ${OFFSET}`,
  threeHalves: `x = (x - 1.5) / (1 + 1.5 * x); ${OFFSET}`,
  inf: `x = -1 / x; ${OFFSET}`,
}, f64Lit);

const ASIN_K = {
  PIO2_HI: hex(0x3ff921fb, 0x54442d18), PIO2_LO: hex(0x3c91a626, 0x33145c07), PIO4_HI: hex(0x3fe921fb, 0x54442d18), PI: f64Lit(PI),
  ...Object.fromEntries([[0x3fc55555, 0x55555555], [0xbfd4d612, 0x03eb6f7d], [0x3fc9c155, 0x0e884455], [0xbfa48228, 0xb5688f3b], [0x3f49efe0, 0x7501b288], [0x3f023de1, 0x0dfdf709]]
    .map(([h, l], i) => [`pS${i}`, hex(h as number, l as number)])),
  ...Object.fromEntries([[0xc0033a27, 0x1c8a2d4b], [0x40002ae5, 0x9c598ac8], [0xbfe6066c, 0x1b8d0159], [0x3fb3b8c5, 0xb12e9282]]
    .map(([h, l], i) => [`qS${i + 1}`, hex(h as number, l as number)])),
};
/** p = t·P(t), q = Q(t): R(t) = p/q ≈ (asin(√t) − √t)/√t³. */
const PQ = (t: string): string =>
  `p = ${t} * ${horner(t, ["pS0", "pS1", "pS2", "pS3", "pS4", "pS5"])}; q = 1 + ${t} * ${horner(t, ["qS1", "qS2", "qS3", "qS4"])}`;
const ASIN = f64Program(["x", "ax", "t", "w", "p", "q", "s", "c", "r", "y"], ASIN_K, {
  small: `t = x * x; ${PQ("t")}; w = p / q; y = x + x * w`,
  big: `w = 1 - ax; t = w * 0.5; ${PQ("t")}`,
  edge: "w = p / q; y = PIO2_HI - (2 * (s + s * w) - PIO2_LO)",
  mid: "w = hi(s); c = (t - w * w) / (s + w); r = p / q; p = 2 * s * r - (PIO2_LO - 2 * c); q = PIO4_HI - 2 * w; y = PIO4_HI - (p - q)",
}, f64Lit);
const ACOS = f64Program(["x", "z", "p", "q", "s", "c", "r", "w", "df", "y"], ASIN_K, {
  small: `z = x * x; ${PQ("z")}; r = p / q; y = PIO2_HI - (x - (PIO2_LO - x * r))`,
  negZ: `z = (1 + x) * 0.5; ${PQ("z")}`,
  neg: "r = p / q; w = r * s - PIO2_LO; y = PI - 2 * (s + w)",
  posZ: `z = (1 - x) * 0.5; ${PQ("z")}`,
  pos: "df = hi(s); c = (z - df * df) / (s + df); r = p / q; w = r * s + c; y = 2 * (df + w)",
}, f64Lit);

export const F64_ATAN: Record<string, string> = {
  f64_atan: /* wgsl */ `
fn f64_atan(x: vec2u) -> vec2u {
  let ix = x.y & 0x7fffffffu;
  let sign = x.y & 0x80000000u;
  if (ix >= 0x44100000u) {
    if (f64_isnan(x)) { return x; }
    return ${f64Lit(PI / 2 + PIO2_LO)} | vec2u(0u, sign);
  }
  if (ix < 0x3e400000u) { return x; }
  ${ATAN.decl}
  ${ATAN.reg("x")} = x;
  var seg = ${ATAN.seg("direct")};
  var id = -1i;
  if (ix >= 0x3fdc0000u) {
    ${ATAN.reg("x")} = f64_abs(x);
    if (ix < 0x3fe60000u) { id = 0i; seg = ${ATAN.seg("half")}; }
    else if (ix < 0x3ff30000u) { id = 1i; seg = ${ATAN.seg("one")}; }
    else if (ix < 0x40038000u) { id = 2i; seg = ${ATAN.seg("threeHalves")}; }
    else { id = 3i; seg = ${ATAN.seg("inf")}; }
    var his = array<vec2u, 4>(${ATAN_HI.join(", ")});
    var los = array<vec2u, 4>(${ATAN_LO.join(", ")});
    ${ATAN.reg("hi")} = his[id];
    ${ATAN.reg("lo")} = los[id];
  }
  ${ATAN.run("seg")}
  let y = ${ATAN.reg("y")};
  return select(y | vec2u(0u, sign), y, id < 0i);
}`,

  // atan2(y, x) with fdlibm's special cases (signed zeros and infinities give ±0, ±π/4, ±π/2,
  // ±3π/4, ±π) and its shortcuts for |y/x| beyond 2^±60.
  f64_atan2: /* wgsl */ `
fn f64_atan2(y: vec2u, x: vec2u) -> vec2u {
  if (f64_isnan(x) || f64_isnan(y)) { return select(y, x, f64_isnan(x)); }
  if (x.y == 0x3ff00000u && x.x == 0u) { return f64_atan(y); }
  let ix = x.y & 0x7fffffffu;
  let iy = y.y & 0x7fffffffu;
  var m = (y.y >> 31u) | ((x.y >> 30u) & 2u);
  var PIS = array<vec2u, 4>(${f64Lit(PI + TINY)}, ${f64Lit(-PI - TINY)}, ${f64Lit(PI / 2 + TINY)}, ${f64Lit(-PI / 2 - TINY)});
  if ((iy | y.x) == 0u) {
    if (m < 2u) { return y; }
    return PIS[m - 2u];
  }
  if ((ix | x.x) == 0u) { return PIS[2u + (m & 1u)]; }
  if (ix == 0x7ff00000u) {
    if (iy == 0x7ff00000u) {
      var Q = array<vec2u, 4>(${f64Lit(PI / 4 + TINY)}, ${f64Lit(-PI / 4 - TINY)}, ${f64Lit(3 * (PI / 4) + TINY)}, ${f64Lit(-3 * (PI / 4) - TINY)});
      return Q[m];
    }
    if (m < 2u) { return vec2u(0u, m << 31u); }
    return PIS[m - 2u];
  }
  if (iy == 0x7ff00000u) { return PIS[2u + (m & 1u)]; }
  // no register program here: a division and two subtractions compile faster as direct calls
  let k = (i32(iy) - i32(ix)) >> 20u;
  var z = vec2u(0u);
  if (k > 60i) {
    z = ${f64Lit(PI / 2 + 0.5 * PI_LO)};
    m &= 1u;
  } else if (x.y < 0x80000000u || k >= -60i) {
    z = f64_atan(f64_abs(f64_div(y, x)));
  }
  if (m == 0u) { return z; }
  if (m == 1u) { return f64_neg(z); }
  // π − (z − π_lo) above the negative x axis, (z − π_lo) − π below
  let t = f64_sub(z, ${f64Lit(PI_LO)});
  return f64_sub(select(t, ${f64Lit(PI)}, m == 2u), select(${f64Lit(PI)}, t, m == 2u));
}`,

  f64_asin: /* wgsl */ `
fn f64_asin(x: vec2u) -> vec2u {
  let ix = x.y & 0x7fffffffu;
  if (ix >= 0x3ff00000u) {
    if (ix == 0x3ff00000u && x.x == 0u) { return ${f64Lit(PI / 2 + PIO2_LO)} | vec2u(0u, x.y & 0x80000000u); }
    return select(${NAN}, x, f64_isnan(x));
  }
  if (ix < 0x3e400000u) { return x; }
  ${ASIN.decl}
  ${ASIN.reg("x")} = x;
  ${ASIN.reg("ax")} = f64_abs(x);
  var seg = select(${ASIN.seg("big")}, ${ASIN.seg("small")}, ix < 0x3fe00000u);
  loop {
    ${ASIN.run("seg")}
    if (!all(seg == ${ASIN.seg("big")})) { break; }
    ${ASIN.reg("s")} = f64_sqrt(${ASIN.reg("t")});
    seg = select(${ASIN.seg("mid")}, ${ASIN.seg("edge")}, ix >= 0x3fef3333u);
  }
  let y = ${ASIN.reg("y")};
  return select(y, f64_neg(y), ix >= 0x3fe00000u && x.y >= 0x80000000u);
}`,

  f64_acos: /* wgsl */ `
fn f64_acos(x: vec2u) -> vec2u {
  let ix = x.y & 0x7fffffffu;
  let neg = x.y >= 0x80000000u;
  if (ix >= 0x3ff00000u) {
    if (ix == 0x3ff00000u && x.x == 0u) { return select(vec2u(0u), ${f64Lit(PI + 2 * PIO2_LO)}, neg); }
    return select(${NAN}, x, f64_isnan(x));
  }
  if (ix <= 0x3c600000u) { return ${f64Lit(PI / 2 + PIO2_LO)}; }
  ${ACOS.decl}
  ${ACOS.reg("x")} = x;
  var seg = ${ACOS.seg("small")};
  if (ix >= 0x3fe00000u) { seg = select(${ACOS.seg("posZ")}, ${ACOS.seg("negZ")}, neg); }
  loop {
    ${ACOS.run("seg")}
    if (all(seg == ${ACOS.seg("small")}) || all(seg == ${ACOS.seg("neg")}) || all(seg == ${ACOS.seg("pos")})) { break; }
    ${ACOS.reg("s")} = f64_sqrt(${ACOS.reg("z")});
    seg = select(${ACOS.seg("pos")}, ${ACOS.seg("neg")}, neg);
  }
  return ${ACOS.reg("y")};
}`,
};
