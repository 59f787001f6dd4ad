/**
 * float64 pow (and exp2 = pow(2, x), as the CPU backend's `2 ** x`) in soft binary64: fdlibm's
 * e_pow.c, the algorithm behind V8's Math.pow, step for step (f64Program segments, lib-f64-vm.ts),
 * behind the C special cases the CPU backend adds (pow(1, y) = pow(x, ±0) = 1, pow(−1, ±inf) = 1).
 *
 * log2|x| = t1 + t2 in extra precision (t1 with its low word cleared): |x| = 2^n·m with m near 1
 * or 1.5, s = (m − b)/(m + b) split into head and tail, log2(m) = (2s + s³·L(s²))·2/(3·ln2) plus
 * log2(b); then y·log2|x| = p_h + p_l with y split the same way, the nearest integer n taken off
 * on the bits, and 2^(p_h + p_l) = 2^n·e^z from exp's rational form. For |y| > 2^31 the result
 * over/underflows unless |x| is within 2^-20 of 1, where log x comes from its series.
 */
import { f64Lit } from "./lib-f64.js";
import { horner } from "./f64-regs.js";
import { f64Program, hex } from "./lib-f64-vm.js";

const ONE = f64Lit(1);
const INF = "vec2u(0u, 0x7ff00000u)";
const NAN = "vec2u(0u, 0x7ff80000u)";
const K = {
  CP: hex(0x3feec709, 0xdc3a03fd), CP_H: hex(0x3feec709, 0xe0000000), CP_L: hex(0xbe3e2fe0, 0x145b01f5),
  IVLN2: hex(0x3ff71547, 0x652b82fe), IVLN2_H: hex(0x3ff71547, 0x60000000), IVLN2_L: hex(0x3e54ae0b, 0xf85ddf44),
  LG2: hex(0x3fe62e42, 0xfefa39ef), LG2_H: hex(0x3fe62e43, 0), LG2_L: hex(0xbe205c61, 0x0ca86c39),
  THIRD: hex(0x3fd55555, 0x55555555),
  /** −(1024 − log2(largest double + ½ulp)): the overflow test's margin. */
  OVT: hex(0x3c971547, 0x652b82fe),
  L1: hex(0x3fe33333, 0x33333303), L2: hex(0x3fdb6db6, 0xdb6fabff), L3: hex(0x3fd55555, 0x518f264d), L4: hex(0x3fd17460, 0xa91d4101),
  L5: hex(0x3fcd864a, 0x93c9db65), L6: hex(0x3fca7e28, 0x4a454eef),
  P1: hex(0x3fc55555, 0x5555553e), P2: hex(0xbf66c16c, 0x16bebd93), P3: hex(0x3f11566a, 0xaf25de2c), P4: hex(0xbebbbd41, 0xc5d26bf1), P5: hex(0x3e663769, 0x72bea4d0),
};
/** y·(t1 + t2) = p_h + p_l with y = hi(y) + (y − hi(y)); ov1/ov2 for the overflow/underflow tests. */
const PRODUCT = "y1 = hi(y); p_l = (y - y1) * t1 + y * t2; p_h = y1 * t1; z = p_l + p_h; ov1 = p_l + OVT; ov2 = z - p_h";
const POW = f64Program([
  "ax", "y", "t", "w", "u", "v", "t1", "t2", "bp", "ss", "s_h", "s_l", "t_h", "t_l", "s2", "r", "p_h", "p_l", "z_h", "z_l",
  "dp_h", "dp_l", "tn", "y1", "z", "ov1", "ov2", "tt",
], K, {
  // |x| within 2^-20 of 1 and |y| > 2^31: log x = t − t²/2 + t³/3 − t⁴/4
  nearOne: `t = ax - 1; w = (t * t) * (0.5 - t * (THIRD - t * 0.25)); u = IVLN2_H * t; v = t * IVLN2_L - w * IVLN2;
    t1 = hi(u + v); t2 = v - (t1 - u); ${PRODUCT}`,
  log2: `u = ax - bp; v = 1 / (ax + bp); ss = u * v; s_h = hi(ss); t_l = ax - (t_h - bp); s_l = v * ((u - s_h * t_h) - s_h * t_l);
    s2 = ss * ss; r = s2 * s2 * ${horner("s2", ["L1", "L2", "L3", "L4", "L5", "L6"])}; r = r + s_l * (s_h + ss);
    s2 = s_h * s_h; t_h = hi(3 + s2 + r); t_l = r - ((t_h - 3) - s2);
    u = s_h * t_h; v = s_l * t_h + t_l * ss; p_h = hi(u + v); p_l = v - (p_h - u);
    z_h = CP_H * p_h; z_l = CP_L * p_h + p_l * CP + dp_l; t1 = hi(((z_h + z_l) + dp_h) + tn); t2 = z_l - (((t1 - tn) - dp_h) - z_h);
    ${PRODUCT}`,
  // 2^(p_h + p_l) with the integer part tt already taken off p_h: e^z by exp's rational form
  exp2: `p_h = p_h - tt; t = hi(p_l + p_h); u = t * LG2_H; v = (p_l - (t - p_h)) * LG2 + t * LG2_L; z = u + v; w = v - (z - u);
    t = z * z; t1 = z - t * ${horner("t", ["P1", "P2", "P3", "P4", "P5"])}; r = (z * t1) / ((t1 - 2) - (w + z * w)); z = 1 - (r - z)`,
}, f64Lit);
const R = POW.reg;

export const F64_POW: Record<string, string> = {
  f64_pow: /* wgsl */ `
fn f64_pow(x: vec2u, y: vec2u) -> vec2u {
  let hx = bitcast<i32>(x.y);
  let hy = bitcast<i32>(y.y);
  let ix = hx & 0x7fffffffi;
  let iy = hy & 0x7fffffffi;
  let lx = x.x;
  let ly = y.x;
  if ((x.y == 0x3ff00000u && lx == 0u) || (iy == 0i && ly == 0u)) { return ${ONE}; }
  if (f64_isnan(x) || f64_isnan(y)) { return select(y, x, f64_isnan(x)); }
  if (x.y == 0xbff00000u && lx == 0u && f64_isinf(y)) { return ${ONE}; }
  // yisint: 0 y not an integer, 1 odd, 2 even (needed when x < 0)
  var yisint = 0i;
  if (hx < 0i) {
    if (iy >= 0x43400000i) {
      yisint = 2i;
    } else if (iy >= 0x3ff00000i) {
      let k = (iy >> 20u) - 0x3ffi;
      if (k > 20i) {
        let j = ly >> u32(52i - k);
        if ((j << u32(52i - k)) == ly) { yisint = 2i - i32(j & 1u); }
      } else if (ly == 0u) {
        let j = iy >> u32(20i - k);
        if ((j << u32(20i - k)) == iy) { yisint = 2i - (j & 1i); }
      }
    }
  }
  if (ly == 0u) {
    if (iy == 0x7ff00000i) {
      if (ix >= 0x3ff00000i) { return select(vec2u(0u), y, hy >= 0i); }
      return select(vec2u(0u), f64_neg(y), hy < 0i);
    }
    if (iy == 0x3ff00000i) { return select(x, f64_div(${ONE}, x), hy < 0i); }
    if (hy == 0x40000000i) { return f64_mul(x, x); }
    if (hy == 0x3fe00000i && hx >= 0i) { return f64_sqrt(x); }
  }
  let ax0 = f64_abs(x);
  if (lx == 0u && (ix == 0x7ff00000i || ix == 0i || ix == 0x3ff00000i)) {
    // |x| is 0, inf or 1: 1/|x| for y < 0, and the sign of an odd power
    var z = select(ax0, vec2u(0u, 0x7ff00000u - (ax0.y & 0x7ff00000u)), hy < 0i && ix != 0x3ff00000i);
    if (hx < 0i) {
      if (((ix - 0x3ff00000i) | yisint) == 0i) { return ${NAN}; }
      if (yisint == 1i) { z = f64_neg(z); }
    }
    return z;
  }
  if (hx < 0i && yisint == 0i) { return ${NAN}; }
  let sign = select(0u, 0x80000000u, hx < 0i && yisint == 1i);
  if (iy > 0x43f00000i) {
    if (ix <= 0x3fefffffi) { return select(vec2u(0u), ${INF}, hy < 0i); }
    return select(vec2u(0u), ${INF}, hy > 0i);
  }
  if (iy > 0x41e00000i) {
    if (ix < 0x3fefffffi) { return select(vec2u(0u), ${INF}, hy < 0i) | vec2u(0u, sign); }
    if (ix > 0x3ff00000i) { return select(vec2u(0u), ${INF}, hy > 0i) | vec2u(0u, sign); }
  }
  ${POW.decl}
  ${R("y")} = y;
  ${R("ax")} = ax0;
  var seg = ${POW.seg("nearOne")};
  if (iy <= 0x41e00000i) {
    // |x| = 2^n·m, m in [1, √3) with b = 1 (|m| < √(3/2)) or b = 1.5
    var n = 0i;
    var jx = ix;
    if (jx < 0x00100000i) { ${R("ax")} = f64_ldexp(ax0, 53i); n = -53i; jx = i32(${R("ax")}.y); }
    n += (jx >> 20u) - 0x3ffi;
    let j = jx & 0x000fffffi;
    jx = j | 0x3ff00000i;
    var k = 0i;
    if (j > 0x3988ei) {
      if (j < 0xbb67ai) { k = 1i; } else { n += 1i; jx -= 0x00100000i; }
    }
    ${R("ax")} = vec2u(${R("ax")}.x, u32(jx));
    ${R("bp")} = select(${ONE}, ${f64Lit(1.5)}, k == 1i);
    ${R("dp_h")} = select(vec2u(0u), ${hex(0x3fe2b803, 0x40000000)}, k == 1i);
    ${R("dp_l")} = select(vec2u(0u), ${hex(0x3e4cfdeb, 0x43cfd006)}, k == 1i);
    ${R("t_h")} = vec2u(0u, u32(((jx >> 1u) | 0x20000000i) + 0x00080000i + (k << 18u)));
    ${R("tn")} = f64_from_i32(n);
    seg = ${POW.seg("log2")};
  }
  var n = 0i;
  for (var stage = 0i; stage < 2i; stage++) {
    ${POW.run("seg")}
    if (stage == 1i) { break; }
    let z = ${R("z")};
    let j = bitcast<i32>(z.y);
    if (j >= 0x40900000i) {
      if (j != 0x40900000i || z.x != 0u || f64_lt(${R("ov2")}, ${R("ov1")})) { return ${INF} | vec2u(0u, sign); }
    } else if ((j & 0x7fffffffi) >= 0x4090cc00i) {
      if (j != bitcast<i32>(0xc090cc00u) || z.x != 0u || f64_le(${R("p_l")}, ${R("ov2")})) { return vec2u(0u, sign); }
    }
    // n = the integer nearest p_h + p_l, and tt = n as a double on p_h's bits
    let i = j & 0x7fffffffi;
    var k = (i >> 20u) - 0x3ffi;
    if (i > 0x3fe00000i) {
      n = j + (0x00100000i >> u32(k + 1i));
      k = ((n & 0x7fffffffi) >> 20u) - 0x3ffi;
      ${R("tt")} = vec2u(0u, u32(n & ~(0x000fffffi >> u32(k))));
      n = ((n & 0x000fffffi) | 0x00100000i) >> u32(20i - k);
      if (j < 0i) { n = -n; }
    }
    seg = ${POW.seg("exp2")};
  }
  var z = ${R("z")};
  let jz = bitcast<i32>(z.y) + (n << 20u);
  if ((jz >> 20u) <= 0i) { z = f64_ldexp(z, n); } else { z = vec2u(z.x, u32(jz)); }
  return z | vec2u(0u, sign);
}`,

  f64_exp2: /* wgsl */ `
fn f64_exp2(x: vec2u) -> vec2u { return f64_pow(${f64Lit(2)}, x); }`,
};
