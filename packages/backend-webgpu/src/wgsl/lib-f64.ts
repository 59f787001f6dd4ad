/**
 * Software binary64 in WGSL. A float64 is `vec2u(lo, hi)`, its IEEE-754 bit pattern, and every
 * operation is done in u32 integer arithmetic, so results are exact on every device (no f32 math,
 * no flush-to-zero, nothing a compiler may reassociate). Results are correctly rounded to nearest
 * even with gradual underflow, as JS doubles (the CPU backend) are.
 *
 * The method is the classic one of software floating point (e.g. Berkeley SoftFloat's design,
 * written here from scratch): unpack to a sign, an unbiased exponent and an integer significand;
 * compute on integers carrying extra low bits, with every bit shifted out ORed into bit 0 (a
 * "sticky" bit, `f64_u_shr_jam`); then one rounding step (`f64_round_pack`) that places the leading
 * one at bit 62 (10 bits below the 53-bit significand decide the rounding), denormalises a result
 * below 2^-1022 first, and overflows to infinity.
 *
 * Each entry is one WGSL function keyed by its name; `library.ts` prepends to a kernel only the
 * functions it calls (transitively), because SwiftShader's compile time grows with the source.
 */
import { f64Words } from "./f64-regs.js";

const CANON_NAN = "vec2u(0u, 0x7ff80000u)";

/** A double constant for WGSL source: its bit pattern as `vec2u(lo, hi)`. */
export function f64Lit(x: number): string {
  return `vec2u(${f64Words(x).map((n) => `0x${n.toString(16)}u`).join(", ")})`;
}

export const F64_LIB: Record<string, string> = {
  // --- 64-bit unsigned integers on vec2u (x = low word, y = high word); shift counts < 64 ---
  f64_u_shl: `fn f64_u_shl(m: vec2u, n: u32) -> vec2u {
  if (n == 0u) { return m; }
  if (n >= 32u) { return vec2u(0u, m.x << (n - 32u)); }
  return vec2u(m.x << n, (m.y << n) | (m.x >> (32u - n)));
}`,
  f64_u_shr: `fn f64_u_shr(m: vec2u, n: u32) -> vec2u {
  if (n == 0u) { return m; }
  if (n >= 32u) { return vec2u(m.y >> (n - 32u), 0u); }
  return vec2u((m.x >> n) | (m.y << (32u - n)), m.y >> n);
}`,
  // Shift right, ORing every bit shifted out into bit 0: rounding still sees "inexact".
  f64_u_shr_jam: `fn f64_u_shr_jam(m: vec2u, n: u32) -> vec2u {
  if (n >= 64u) { return vec2u(select(0u, 1u, (m.x | m.y) != 0u), 0u); }
  let r = f64_u_shr(m, n);
  let back = f64_u_shl(r, n);
  return vec2u(r.x | select(0u, 1u, back.x != m.x || back.y != m.y), r.y);
}`,
  f64_u_shl1: `fn f64_u_shl1(m: vec2u) -> vec2u { return vec2u(m.x << 1u, (m.y << 1u) | (m.x >> 31u)); }`,
  f64_u_add: `fn f64_u_add(a: vec2u, b: vec2u) -> vec2u { let lo = a.x + b.x; return vec2u(lo, a.y + b.y + select(0u, 1u, lo < a.x)); }`,
  f64_u_sub: `fn f64_u_sub(a: vec2u, b: vec2u) -> vec2u { return vec2u(a.x - b.x, a.y - b.y - select(0u, 1u, a.x < b.x)); }`,
  f64_u_lt: `fn f64_u_lt(a: vec2u, b: vec2u) -> bool { return a.y < b.y || (a.y == b.y && a.x < b.x); }`,
  f64_u_clz: `fn f64_u_clz(m: vec2u) -> u32 { return select(32u + countLeadingZeros(m.x), countLeadingZeros(m.y), m.y != 0u); }`,
  f64_u_nz: `fn f64_u_nz(m: vec2u) -> bool { return (m.x | m.y) != 0u; }`,
  // 32×32 → 64 in 16-bit halves (exact in u32 arithmetic).
  f64_u_mul32: `fn f64_u_mul32(a: u32, b: u32) -> vec2u {
  let al = a & 0xffffu; let ah = a >> 16u; let bl = b & 0xffffu; let bh = b >> 16u;
  let ll = al * bl; let lh = al * bh; let hl = ah * bl;
  let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  return vec2u((ll & 0xffffu) | (mid << 16u), ah * bh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u));
}`,
  // 64×64 → 128 as vec4u (x lowest word … w highest).
  f64_u_mul128: `fn f64_u_mul128(a: vec2u, b: vec2u) -> vec4u {
  let ll = f64_u_mul32(a.x, b.x); let lh = f64_u_mul32(a.x, b.y);
  let hl = f64_u_mul32(a.y, b.x); let hh = f64_u_mul32(a.y, b.y);
  let mid = f64_u_add(vec2u(ll.y, 0u), vec2u(lh.x, 0u));
  let mid2 = f64_u_add(mid, vec2u(hl.x, 0u));
  let top = f64_u_add(f64_u_add(hh, vec2u(lh.y, 0u)), f64_u_add(vec2u(hl.y, 0u), vec2u(mid2.y, 0u)));
  return vec4u(ll.x, mid2.x, top.x, top.y);
}`,

  // One digit of long division by a significand d in [2^52, 2^53), for r < d and k <= 11:
  // (r·2^k mod d, floor(r·2^k / d)) as vec3u(rem.x, rem.y, digit). The digit is estimated from
  // the top bits with a u32 division whose divisor is rounded up, so it is never too large and at
  // most 2 too small (|x/y − (x−1)/(y+1)| < 1/8 for x < 2^27, y ≥ 2^15); the loop corrects it.
  f64_u_divstep: `fn f64_u_divstep(r: vec2u, d: vec2u, k: u32) -> vec3u {
  var x = f64_u_shl(r, k);
  var q = (x.y >> 5u) / ((d.y >> 5u) + 1u);
  let p = f64_u_mul32(q, d.x);
  x = f64_u_sub(x, vec2u(p.x, p.y + q * d.y));
  loop {
    if (f64_u_lt(x, d)) { break; }
    x = f64_u_sub(x, d);
    q += 1u;
  }
  return vec3u(x, q);
}`,
  // --- classification (on the bits) ---
  f64_isnan: `fn f64_isnan(a: vec2u) -> bool { let h = a.y & 0x7fffffffu; return h > 0x7ff00000u || (h == 0x7ff00000u && a.x != 0u); }`,
  f64_isinf: `fn f64_isinf(a: vec2u) -> bool { return (a.y & 0x7fffffffu) == 0x7ff00000u && a.x == 0u; }`,
  f64_isfinite: `fn f64_isfinite(a: vec2u) -> bool { return (a.y & 0x7ff00000u) != 0x7ff00000u; }`,
  f64_iszero: `fn f64_iszero(a: vec2u) -> bool { return ((a.y & 0x7fffffffu) | a.x) == 0u; }`,
  f64_signbit: `fn f64_signbit(a: vec2u) -> bool { return (a.y >> 31u) != 0u; }`,
  f64_neg: `fn f64_neg(a: vec2u) -> vec2u { return vec2u(a.x, a.y ^ 0x80000000u); }`,
  f64_abs: `fn f64_abs(a: vec2u) -> vec2u { return vec2u(a.x, a.y & 0x7fffffffu); }`,
  // A NaN operand's result: the first NaN, quieted (as x86 does; the payload is not specified).
  f64_nan2: `fn f64_nan2(a: vec2u, b: vec2u) -> vec2u { let n = select(b, a, f64_isnan(a)); return vec2u(n.x, n.y | 0x00080000u); }`,

  // --- ordering: an unsigned key with the float order, -0 == +0 ---
  f64_key: `fn f64_key(a: vec2u) -> vec2u {
  if (f64_iszero(a)) { return vec2u(0u, 0x80000000u); }
  return select(vec2u(a.x, a.y | 0x80000000u), ~a, (a.y >> 31u) != 0u);
}`,
  f64_lt: `fn f64_lt(a: vec2u, b: vec2u) -> bool { return !f64_isnan(a) && !f64_isnan(b) && f64_u_lt(f64_key(a), f64_key(b)); }`,
  f64_le: `fn f64_le(a: vec2u, b: vec2u) -> bool { return !f64_isnan(a) && !f64_isnan(b) && !f64_u_lt(f64_key(b), f64_key(a)); }`,
  f64_eq: `fn f64_eq(a: vec2u, b: vec2u) -> bool { return !f64_isnan(a) && !f64_isnan(b) && all(f64_key(a) == f64_key(b)); }`,

  // --- unpacking a finite nonzero value: a = ±sig · 2^(exponent − 52), sig in [2^52, 2^53) ---
  f64_exponent: `fn f64_exponent(a: vec2u) -> i32 {
  let ef = (a.y >> 20u) & 0x7ffu;
  if (ef != 0u) { return i32(ef) - 1023i; }
  return -1011i - i32(f64_u_clz(vec2u(a.x, a.y & 0xfffffu)));
}`,
  f64_sig: `fn f64_sig(a: vec2u) -> vec2u {
  let f = vec2u(a.x, a.y & 0xfffffu);
  if ((a.y & 0x7ff00000u) != 0u) { return vec2u(f.x, f.y | 0x100000u); }
  return f64_u_shl(f, f64_u_clz(f) - 11u);
}`,

  // --- the one rounding step ---
  // Rounds ±m · 2^(e − 62) (s = sign bit at bit 31; m has its leading one at bit 62, or is 0) to
  // nearest even, denormalising below 2^-1022 and overflowing to infinity.
  f64_round_pack: `fn f64_round_pack(s: u32, e: i32, m0: vec2u) -> vec2u {
  if ((m0.x | m0.y) == 0u) { return vec2u(0u, s); }
  var ex = e + 1022i;
  if (ex > 2045i) { return vec2u(0u, s | 0x7ff00000u); }
  var m = m0;
  if (ex < 0i) { m = f64_u_shr_jam(m, u32(min(-ex, 64i))); ex = 0i; }
  let r = m.x & 0x3ffu;
  m = vec2u((m.x >> 10u) | (m.y << 22u), m.y >> 10u);
  if (r > 0x200u || (r == 0x200u && (m.x & 1u) == 1u)) { m = f64_u_add(m, vec2u(1u, 0u)); }
  // the significand's bit 52 (and a rounding carry) adds into the exponent field
  let hi = (u32(ex) << 20u) + m.y;
  if (hi >= 0x7ff00000u) { return vec2u(0u, s | 0x7ff00000u); }
  return vec2u(m.x, hi | s);
}`,
  // The same for any nonzero 64-bit m (normalised first; a bit-63 carry is shifted out sticky).
  f64_norm_pack: `fn f64_norm_pack(s: u32, e: i32, m: vec2u) -> vec2u {
  if ((m.x | m.y) == 0u) { return vec2u(0u, s); }
  let z = f64_u_clz(m);
  // one call site each: SwiftShader inlines every call, so compile time follows call sites
  let n = select(f64_u_shl(m, max(z, 1u) - 1u), vec2u((m.x >> 1u) | (m.y << 31u) | (m.x & 1u), m.y >> 1u), z == 0u);
  return f64_round_pack(s, e + 1i - i32(z), n);
}`,

  // --- arithmetic ---
  f64_add: `fn f64_add(a: vec2u, b: vec2u) -> vec2u {
  if (f64_isnan(a) || f64_isnan(b)) { return f64_nan2(a, b); }
  if (f64_isinf(a)) { if (f64_isinf(b) && ((a.y ^ b.y) >> 31u) != 0u) { return ${CANON_NAN}; } return a; }
  if (f64_isinf(b)) { return b; }
  if (f64_iszero(b)) { if (f64_iszero(a)) { return vec2u(0u, a.y & b.y); } return a; }
  if (f64_iszero(a)) { return b; }
  // x: the operand of larger magnitude; the result has its sign
  let swap = f64_u_lt(vec2u(a.x, a.y & 0x7fffffffu), vec2u(b.x, b.y & 0x7fffffffu));
  let x = select(a, b, swap); let y = select(b, a, swap);
  let s = x.y & 0x80000000u;
  let ex = f64_exponent(x);
  let mx = f64_u_shl(f64_sig(x), 10u);
  let my = f64_u_shr_jam(f64_u_shl(f64_sig(y), 10u), u32(min(ex - f64_exponent(y), 64i)));
  let same = ((x.y ^ y.y) >> 31u) == 0u;
  let m = select(f64_u_sub(mx, my), f64_u_add(mx, my), same);
  // an exact cancellation is +0 (round to nearest)
  return f64_norm_pack(select(0u, s, f64_u_nz(m)), ex, m);
}`,
  f64_sub: `fn f64_sub(a: vec2u, b: vec2u) -> vec2u { if (f64_isnan(b)) { return f64_nan2(a, b); } return f64_add(a, f64_neg(b)); }`,
  f64_mul: `fn f64_mul(a: vec2u, b: vec2u) -> vec2u {
  if (f64_isnan(a) || f64_isnan(b)) { return f64_nan2(a, b); }
  let s = (a.y ^ b.y) & 0x80000000u;
  let z = f64_iszero(a) || f64_iszero(b);
  if (f64_isinf(a) || f64_isinf(b)) { if (z) { return ${CANON_NAN}; } return vec2u(0u, s | 0x7ff00000u); }
  if (z) { return vec2u(0u, s); }
  let e = f64_exponent(a) + f64_exponent(b);
  // (sig_a·2^10)(sig_b·2^11) has its leading one at bit 125 or 126: keep the high word, sticky
  let p = f64_u_mul128(f64_u_shl(f64_sig(a), 10u), f64_u_shl(f64_sig(b), 11u));
  let m = vec2u(p.z | select(0u, 1u, (p.x | p.y) != 0u), p.w);
  let low = m.y < 0x40000000u;
  return f64_round_pack(s, select(e + 1i, e, low), select(m, f64_u_shl1(m), low));
}`,
  // Long division of the significands in 11-bit digits (f64_u_divstep): 56 quotient bits (leading
  // one at 55) and the remainder as sticky bit.
  f64_div: `fn f64_div(a: vec2u, b: vec2u) -> vec2u {
  if (f64_isnan(a) || f64_isnan(b)) { return f64_nan2(a, b); }
  let s = (a.y ^ b.y) & 0x80000000u;
  if (f64_isinf(a)) { if (f64_isinf(b)) { return ${CANON_NAN}; } return vec2u(0u, s | 0x7ff00000u); }
  if (f64_isinf(b)) { return vec2u(0u, s); }
  if (f64_iszero(b)) { if (f64_iszero(a)) { return ${CANON_NAN}; } return vec2u(0u, s | 0x7ff00000u); }
  if (f64_iszero(a)) { return vec2u(0u, s); }
  var e = f64_exponent(a) - f64_exponent(b);
  var r = f64_sig(a); let d = f64_sig(b);
  if (f64_u_lt(r, d)) { r = f64_u_shl1(r); e -= 1i; }
  // the leading quotient bit is 1; then 5 digits of 11 bits
  r = f64_u_sub(r, d);
  var q = vec2u(1u, 0u);
  for (var i = 0u; i < 5u; i++) {
    let st = f64_u_divstep(r, d, 11u);
    r = st.xy;
    q = f64_u_shl(q, 11u) | vec2u(st.z, 0u);
  }
  let m = f64_u_shl(q, 7u);
  return f64_round_pack(s, e, vec2u(m.x | select(0u, 1u, f64_u_nz(r)), m.y));
}`,
  // Digit-by-digit square root of sig · 2^k (k = 58 or 59 so the exponent halves exactly): 56 root
  // bits and a sticky bit from the remainder. A square root is never exactly halfway.
  f64_sqrt: `fn f64_sqrt(a: vec2u) -> vec2u {
  if (f64_isnan(a)) { return f64_nan2(a, a); }
  if (f64_iszero(a)) { return a; }
  if ((a.y >> 31u) != 0u) { return ${CANON_NAN}; }
  if (f64_isinf(a)) { return a; }
  let e = f64_exponent(a);
  let odd = (e & 1i) != 0i;
  let n = select(f64_sig(a), f64_u_shl(f64_sig(a), 1u), odd);
  var r = vec2u(0u); var q = vec2u(0u);
  for (var i = 55i; i >= 0i; i--) {
    // bits 2i+1, 2i of n · 2^58
    let pair = select(0u, f64_u_shr(n, u32(max(2i * i - 58i, 0i))).x & 3u, i >= 29i);
    r = f64_u_shl1(f64_u_shl1(r)); r.x |= pair;
    let t = f64_u_shl1(f64_u_shl1(q)) | vec2u(1u, 0u);
    q = f64_u_shl1(q);
    if (!f64_u_lt(r, t)) { r = f64_u_sub(r, t); q.x |= 1u; }
  }
  let m = f64_u_shl(q, 7u);
  return f64_round_pack(0u, 55i + (e - 52i - select(58i, 59i, odd)) / 2i, vec2u(m.x | select(0u, 1u, f64_u_nz(r)), m.y));
}`,
  // a · 2^k rounded once (k is clamped: beyond ±4000 the result is 0 or ±inf anyway).
  f64_ldexp: `fn f64_ldexp(a: vec2u, k: i32) -> vec2u {
  if (f64_isnan(a)) { return f64_nan2(a, a); }
  if (f64_iszero(a) || f64_isinf(a)) { return a; }
  return f64_round_pack(a.y & 0x80000000u, f64_exponent(a) + clamp(k, -4000i, 4000i), f64_u_shl(f64_sig(a), 10u));
}`,
  // C fmod: exact. The remainder is reduced up to 11 exponent steps at a time (f64_u_divstep).
  f64_fmod: `fn f64_fmod(a: vec2u, b: vec2u) -> vec2u {
  if (f64_isnan(a) || f64_isnan(b)) { return f64_nan2(a, b); }
  if (f64_isinf(a) || f64_iszero(b)) { return ${CANON_NAN}; }
  if (f64_isinf(b) || f64_iszero(a)) { return a; }
  let s = a.y & 0x80000000u;
  if (f64_u_lt(vec2u(a.x, a.y & 0x7fffffffu), vec2u(b.x, b.y & 0x7fffffffu))) { return a; }
  let eb = f64_exponent(b);
  let d = f64_sig(b);
  var r = f64_sig(a);
  if (!f64_u_lt(r, d)) { r = f64_u_sub(r, d); }
  // r = sig_a · 2^(ea − eb) mod sig_b, taking up to 11 exponent steps per digit
  for (var e = f64_exponent(a) - eb; e > 0i; e -= 11i) {
    r = f64_u_divstep(r, d, u32(min(e, 11i))).xy;
  }
  return f64_norm_pack(s, eb + 10i, r);
}`,

  // --- 128-bit unsigned integers on vec4u (x lowest word), for fma; shift counts < 128 ---
  f64_w_shl: `fn f64_w_shl(v: vec4u, n: u32) -> vec4u {
  var r = v; var k = n;
  while (k >= 32u) { r = vec4u(0u, r.x, r.y, r.z); k -= 32u; }
  if (k == 0u) { return r; }
  return vec4u(r.x << k, (r.y << k) | (r.x >> (32u - k)), (r.z << k) | (r.y >> (32u - k)), (r.w << k) | (r.z >> (32u - k)));
}`,
  f64_w_shr_jam: `fn f64_w_shr_jam(v: vec4u, n: u32) -> vec4u {
  let nz = select(0u, 1u, any(v != vec4u(0u)));
  if (n >= 128u) { return vec4u(nz, 0u, 0u, 0u); }
  var r = v; var k = n;
  while (k >= 32u) { r = vec4u(r.y, r.z, r.w, 0u); k -= 32u; }
  if (k != 0u) { r = vec4u((r.x >> k) | (r.y << (32u - k)), (r.y >> k) | (r.z << (32u - k)), (r.z >> k) | (r.w << (32u - k)), r.w >> k); }
  r.x |= select(0u, 1u, any(f64_w_shl(r, n) != v));
  return r;
}`,
  f64_w_add: `fn f64_w_add(a: vec4u, b: vec4u) -> vec4u {
  let lo = f64_u_add(a.xy, b.xy);
  let c = select(0u, 1u, f64_u_lt(lo, a.xy));
  return vec4u(lo, f64_u_add(f64_u_add(a.zw, b.zw), vec2u(c, 0u)));
}`,
  f64_w_sub: `fn f64_w_sub(a: vec4u, b: vec4u) -> vec4u {
  let c = select(0u, 1u, f64_u_lt(a.xy, b.xy));
  return vec4u(f64_u_sub(a.xy, b.xy), f64_u_sub(f64_u_sub(a.zw, b.zw), vec2u(c, 0u)));
}`,
  f64_w_lt: `fn f64_w_lt(a: vec4u, b: vec4u) -> bool { return f64_u_lt(a.zw, b.zw) || (all(a.zw == b.zw) && f64_u_lt(a.xy, b.xy)); }`,
  f64_w_clz: `fn f64_w_clz(v: vec4u) -> u32 { return select(64u + f64_u_clz(v.xy), f64_u_clz(v.zw), f64_u_nz(v.zw)); }`,
  // a·b + c rounded once: the exact 106-bit product and c meet in a 128-bit frame (both with the
  // leading one at bit 126), the smaller one shifted right sticky; then the top 64 bits round.
  f64_fma: `fn f64_fma(a: vec2u, b: vec2u, c: vec2u) -> vec2u {
  if (f64_isnan(a) || f64_isnan(b) || f64_isnan(c)) { return f64_nan2(f64_nan2(a, b), c); }
  let sp = (a.y ^ b.y) & 0x80000000u;
  let pz = f64_iszero(a) || f64_iszero(b);
  if (f64_isinf(a) || f64_isinf(b)) {
    if (pz || (f64_isinf(c) && (c.y & 0x80000000u) != sp)) { return ${CANON_NAN}; }
    return vec2u(0u, sp | 0x7ff00000u);
  }
  if (f64_isinf(c)) { return c; }
  if (pz) { return f64_add(vec2u(0u, sp), c); }
  if (f64_iszero(c)) { return f64_mul(a, b); }
  var ep = f64_exponent(a) + f64_exponent(b) + 1i;
  var p = f64_u_mul128(f64_u_shl(f64_sig(a), 10u), f64_u_shl(f64_sig(b), 11u));
  if (p.w < 0x40000000u) { p = f64_w_shl(p, 1u); ep -= 1i; }
  let sc = c.y & 0x80000000u;
  let ec = f64_exponent(c);
  let q = vec4u(0u, 0u, f64_u_shl(f64_sig(c), 10u));
  let pBig = ep > ec || (ep == ec && !f64_w_lt(p, q));
  let ex = select(ec, ep, pBig);
  let x = select(q, p, pBig);
  let y = f64_w_shr_jam(select(p, q, pBig), u32(min(abs(ep - ec), 128i)));
  let s = select(sc, sp, pBig);
  var r: vec4u;
  if (sp == sc) { r = f64_w_add(x, y); } else { r = f64_w_sub(x, y); }
  if (!any(r != vec4u(0u))) { return vec2u(0u); }
  let z = f64_w_clz(r);
  if (z == 0u) { r = f64_w_shr_jam(r, 1u); } else { r = f64_w_shl(r, z - 1u); }
  let e = ex + 1i - i32(z);
  return f64_round_pack(s, e, vec2u(r.z | select(0u, 1u, f64_u_nz(r.xy)), r.w));
}`,

  // --- rounding to integers (on the bits: the integer part's last bit is at 52 − exponent) ---
  f64_round_int: `fn f64_round_int(a: vec2u, mode: u32) -> vec2u {
  // mode 0 trunc, 1 floor, 2 ceil, 3 nearest even
  if (f64_isnan(a)) { return f64_nan2(a, a); }
  let s = a.y & 0x80000000u;
  let ef = i32((a.y >> 20u) & 0x7ffu) - 1023i;
  if (ef >= 52i || f64_iszero(a)) { return a; }
  let mag = vec2u(a.x, a.y & 0x7fffffffu);
  let one = vec2u(0u, s | 0x3ff00000u);
  if (ef < 0i) {
    if (mode == 1u && s != 0u) { return one; }
    if (mode == 2u && s == 0u) { return one; }
    if (mode == 3u && ef == -1i && (mag.x != 0u || mag.y != 0x3fe00000u)) { return one; }
    return vec2u(0u, s);
  }
  let p = u32(52i - ef);
  let unit = f64_u_shl(vec2u(1u, 0u), p);
  let low = f64_u_sub(unit, vec2u(1u, 0u));
  let rem = mag & low;
  let base = mag & ~low;
  var up = false;
  if (mode == 1u) { up = s != 0u && f64_u_nz(rem); }
  if (mode == 2u) { up = s == 0u && f64_u_nz(rem); }
  if (mode == 3u) {
    let half = f64_u_shr(unit, 1u);
    up = f64_u_lt(half, rem) || (all(rem == half) && f64_u_nz(base & unit));
  }
  // adding one unit may carry into the exponent field, which is then exactly right
  let r = select(base, f64_u_add(base, unit), up);
  return vec2u(r.x, r.y | s);
}`,
  f64_trunc: `fn f64_trunc(a: vec2u) -> vec2u { return f64_round_int(a, 0u); }`,
  f64_floor: `fn f64_floor(a: vec2u) -> vec2u { return f64_round_int(a, 1u); }`,
  f64_ceil: `fn f64_ceil(a: vec2u) -> vec2u { return f64_round_int(a, 2u); }`,
  f64_round_even: `fn f64_round_even(a: vec2u) -> vec2u { return f64_round_int(a, 3u); }`,

  // --- conversions ---
  f64_from_u32: `fn f64_from_u32(u: u32) -> vec2u {
  if (u == 0u) { return vec2u(0u); }
  let p = firstLeadingBit(u);
  let m = f64_u_shl(vec2u(u, 0u), 52u - p);
  return vec2u(m.x, ((p + 1023u) << 20u) | (m.y & 0xfffffu));
}`,
  f64_from_i32: `fn f64_from_i32(i: i32) -> vec2u {
  let u = bitcast<u32>(i);
  let r = f64_from_u32(select(u, 0u - u, i < 0i));
  return vec2u(r.x, r.y | (u & 0x80000000u));
}`,
  f64_from_i64: `fn f64_from_i64(v: vec2u) -> vec2u {
  let s = v.y & 0x80000000u;
  let mag = select(v, f64_u_sub(vec2u(0u), v), s != 0u);
  return f64_norm_pack(s, 62i, mag);
}`,
  // Exact (every float32 is a double); a NaN keeps its payload.
  f64_from_f32bits: `fn f64_from_f32bits(u: u32) -> vec2u {
  let s = u & 0x80000000u; let ef = (u >> 23u) & 0xffu; let f = u & 0x7fffffu;
  if (ef == 0xffu) { return vec2u(f << 29u, s | 0x7ff00000u | (f >> 3u)); }
  if (ef != 0u) { return vec2u(f << 29u, s | ((ef + 896u) << 20u) | (f >> 3u)); }
  if (f == 0u) { return vec2u(0u, s); }
  let p = firstLeadingBit(f);
  let m = f64_u_shl(vec2u(f, 0u), 52u - p);
  return vec2u(m.x, s | ((p + 874u) << 20u) | (m.y & 0xfffffu));
}`,
  // Rounded once to nearest even, float32 subnormals included; returned as bits (no f32 flush).
  f64_to_f32bits: `fn f64_to_f32bits(a: vec2u) -> u32 {
  let s = a.y & 0x80000000u;
  if (f64_isnan(a)) { return s | 0x7fc00000u | ((a.y & 0xfffffu) << 3u) | (a.x >> 29u); }
  if (f64_isinf(a)) { return s | 0x7f800000u; }
  if (f64_iszero(a)) { return s; }
  let e = f64_exponent(a);
  if (e > 127i) { return s | 0x7f800000u; }
  var ex = e + 126i;
  var sh = 29u;
  if (ex < 0i) { sh = u32(min(29i - ex, 60i)); ex = 0i; }
  let sig = f64_sig(a);
  let q = f64_u_shr(sig, sh);
  let unit = f64_u_shl(vec2u(1u, 0u), sh);
  let rem = sig & f64_u_sub(unit, vec2u(1u, 0u));
  let half = f64_u_shr(unit, 1u);
  let up = f64_u_lt(half, rem) || (all(rem == half) && (q.x & 1u) == 1u);
  let bits = (u32(ex) << 23u) + q.x + select(0u, 1u, up);
  return s | min(bits, 0x7f800000u);
}`,
  // Truncation toward zero of a finite |a| < 2^31 (the caller guarantees the range).
  f64_to_i32_trunc: `fn f64_to_i32_trunc(a: vec2u) -> i32 {
  let e = f64_exponent(a);
  if (e < 0i || f64_iszero(a)) { return 0i; }
  let m = i32(f64_u_shr(f64_sig(a), u32(52i - e)).x);
  return select(m, -m, (a.y >> 31u) != 0u);
}`,
  // The CPU backend's float → int32 (cvttsd2si): truncate; NaN, ±inf or out of range → INT32_MIN.
  f64_to_i32: `fn f64_to_i32(a: vec2u) -> i32 {
  if (!f64_isfinite(a) || (!f64_iszero(a) && f64_exponent(a) >= 31i)) { return i32(-2147483647i - 1i); }
  return f64_to_i32_trunc(a);
}`,
  // The CPU backend's float → int64 (cvttsd2si): truncate; NaN, ±inf or out of range → INT64_MIN.
  f64_to_i64: `fn f64_to_i64(a: vec2u) -> vec2u {
  if (!f64_isfinite(a)) { return vec2u(0u, 0x80000000u); }
  if (f64_iszero(a)) { return vec2u(0u); }
  let e = f64_exponent(a);
  if (e < 0i) { return vec2u(0u); }
  if (e >= 63i) { return vec2u(0u, 0x80000000u); }
  let sig = f64_sig(a);
  let m = select(f64_u_shr(sig, u32(52i - e)), f64_u_shl(sig, u32(max(e - 52i, 0i))), e >= 52i);
  return select(m, f64_u_sub(vec2u(0u), m), (a.y >> 31u) != 0u);
}`,
};
