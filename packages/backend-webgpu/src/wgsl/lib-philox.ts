/**
 * Philox4x32-10 and the per-element word stream of the `random` primitive, in WGSL (the reference
 * is tensor-core's random/philox.ts and random/stream.ts). Everything here is u32 arithmetic,
 * which WGSL defines exactly (wrapping), so every device produces the reference's words.
 *
 * Philox (Salmon et al., SC'11) needs the high word of a 32×32→64 product; WGSL has no mulhi,
 * so `mul32x32` of lib-int64 builds the product from 16-bit partial products.
 */
export const PHILOX_WGSL = /* wgsl */ `
fn philox(c: vec4u, k: vec2u) -> vec4u {
  var x = c; var key = k;
  for (var r = 0u; r < 10u; r++) {
    let p0 = mul32x32(0xd2511f53u, x.x);
    let p1 = mul32x32(0xcd9e8d57u, x.z);
    x = vec4u(p1.y ^ x.y ^ key.x, p1.x, p0.y ^ x.w ^ key.y, p0.x);
    key = key + vec2u(0x9e3779b9u, 0xbb67ae85u);
  }
  return x;
}
// The word stream of one element (stream.ts PhiloxWords): the four words of block round 0, then
// round 1, ... with counter [i, round << 16, offset lo, offset hi] (i < 2^32 here, so its high
// word is 0). Block 0 is computed at the start; only Poisson draws more, through rs_refill (a
// call site runs its Philox under a lane mask whether needed or not, so samplers that use at most
// four words have none). Past 2^16 blocks RS_BAD is set and words are 0; the kernel then raises
// the device error the CPU throws as a RangeError.
var<private> RS_IDX: u32;
var<private> RS_ROUND: u32;
var<private> RS_USED: u32;
var<private> RS_BLK: vec4u;
var<private> RS_BAD: bool;
fn rs_block() { RS_BLK = philox(vec4u(RS_IDX, RS_ROUND << 16u, prm[4], prm[5]), vec2u(prm[2], prm[3])); RS_ROUND += 1u; RS_USED = 0u; }
fn rs_start(i: u32) { RS_IDX = i; RS_ROUND = 0u; RS_BAD = false; rs_block(); }
fn rs_next() -> u32 { let w = RS_BLK[RS_USED]; RS_USED += 1u; return w; }
// rs_next for samplers with no word bound: a new block when the four are used.
fn rs_refill() -> u32 {
  if (RS_USED == 4u) {
    if (RS_ROUND >= 65536u) { RS_BAD = true; RS_BLK = vec4u(0u); RS_USED = 0u; } else { rs_block(); }
  }
  return rs_next();
}
// float32-precision uniforms (stream.ts sampler): (k + ½)·2^-23 on (0, 1) and k·2^-24 on [0, 1).
// Both are exact: an integer below 2^24 converts exactly and the power-of-two scale is exact
// (pinned, so that the scale cannot be reassociated into the product that uses the uniform).
fn rs_open32() -> f32 { return opq(f32(((rs_next() >> 9u) << 1u) | 1u) * 5.9604644775390625e-8); }
fn rs_turn32() -> f32 { return opq(f32(rs_next() >> 8u) * 5.9604644775390625e-8); }
// float64-precision uniform on [0, 1): k·2^-53 with k from 53 bits of two words (first most
// significant), packed exactly (k < 2^53). (The (0, 1) one is the register machine's OPEN.)
fn u53_scaled(n: vec2u) -> vec2u {
  if ((n.x | n.y) == 0u) { return vec2u(0u); }
  let lz = select(32u + countLeadingZeros(n.x), countLeadingZeros(n.y), n.y != 0u) - 11u;
  let m = shl64(n, lz);
  return vec2u(m.x, ((1022u - lz) << 20u) | (m.y & 0xfffffu));
}
fn rs_turn64() -> vec2u { let hi = rs_next() >> 11u; return u53_scaled(vec2u(rs_next(), hi)); }
// Bernoulli: 1 when w < ⌈p·2^32⌉, i.e. when w < p·2^32 exactly. p = m·2^e (m < 2^53, from the
// bits of a float32 or float64 probability) is compared in integers, so subnormal p counts too.
fn bern_hit(w: u32, m: vec2u, e: i32) -> bool {
  if (!nz64(m)) { return false; }
  let s = e + 32i;
  if (s >= 0i) { let x = shl64(m, u32(s)); return x.y != 0u || w < x.x; }
  let k = u32(-s);
  if (k >= 64u) { return w == 0u; }
  // T = ceil(m / 2^k) = (m + 2^k - 1) >> k (no carry out: m < 2^53), at most 2^32 since p < 1
  let n = add64(m, sub64(shl64(vec2u(1u, 0u), k), vec2u(1u, 0u)));
  let t = select(vec2u((n.x >> k) | select(0u, n.y << (32u - k), k > 0u), n.y >> k), vec2u(n.y >> (k - 32u), 0u), k >= 32u);
  return t.y != 0u || w < t.x;
}
// p as (m, e) from float32 bits; p ≥ 1 (or +inf) is "always", NaN and p ≤ 0 are "never".
fn bern32(w: u32, b: u32) -> bool {
  if ((b >> 31u) != 0u || b > 0x7f800000u) { return false; }
  if (b >= 0x3f800000u) { return true; }
  let ex = i32(b >> 23u);
  let m = select((b & 0x7fffffu) | 0x800000u, b & 0x7fffffu, ex == 0i);
  return bern_hit(w, vec2u(m, 0u), select(ex, 1i, ex == 0i) - 150i);
}
// The same from float64 bits (lo, hi).
fn bern64(w: u32, b: vec2u) -> bool {
  if ((b.y >> 31u) != 0u || b.y > 0x7ff00000u || (b.y == 0x7ff00000u && b.x != 0u)) { return false; }
  if (b.y >= 0x3ff00000u) { return true; }
  let ex = i32(b.y >> 20u);
  let m = vec2u(b.x, select((b.y & 0xfffffu) | 0x100000u, b.y & 0xfffffu, ex == 0i));
  return bern_hit(w, m, select(ex, 1i, ex == 0i) - 1075i);
}
// randint: bits mod range, one word when range ≤ 2^32, else two (first most significant) with an
// unsigned 64-bit remainder; range 0 stands for 2^64 (int64's full span: the word itself).
fn randint_small(range: vec2u) -> bool { return (range.y == 0u && range.x != 0u) || (range.y == 1u && range.x == 0u); }
fn randint_bits(range: vec2u) -> vec2u {
  if (range.y == 0u && range.x != 0u) { return vec2u(rs_next() % range.x, 0u); }
  if (range.y == 1u && range.x == 0u) { return vec2u(rs_next(), 0u); }
  let hi = rs_next(); let lo = rs_next();
  if (!nz64(range)) { return vec2u(lo, hi); }
  return udivmod64(vec2u(lo, hi), range).r;
}
`;
