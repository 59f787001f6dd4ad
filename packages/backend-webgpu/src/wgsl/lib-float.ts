/**
 * float32 helpers in WGSL that the language leaves loose: NaN/inf tests on the bits (WGSL lets a
 * compiler assume no NaNs, so `x != x` is not trusted), float16/bfloat16 conversions with the core's
 * round-to-nearest-even (`float16.ts`), correctly rounded int → float32 (WGSL's `f32(u32)` may round
 * either way), x86-style float → int casts, and an exact `fmod` (WGSL's `%` on floats is
 * `x - y * trunc(x / y)`, which is not exact).
 */
export const FLOAT_WGSL = /* wgsl */ `
fn isnan32(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn isinf32(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn nz32(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) != 0u; }
fn signbit32(x: f32) -> bool { return (bitcast<u32>(x) >> 31u) != 0u; }
// NaN and infinity are runtime values: WGSL rejects them in constant expressions.
var<private> NAN_BITS: u32 = 0x7fc00000u;
var<private> INF_BITS: u32 = 0x7f800000u;
// A zero the compiler cannot see (set from the parameter block by every kernel): SwiftShader
// reassociates float math ((1 + x) - 1 became x), which breaks the exact-split tricks below;
// passing an intermediate through opq() pins its rounding.
var<private> OPQ: u32 = 0u;
fn opq(x: f32) -> f32 { return bitcast<f32>(bitcast<u32>(x) ^ OPQ); }
fn nan32() -> f32 { return bitcast<f32>(NAN_BITS); }
fn inf32() -> f32 { return bitcast<f32>(INF_BITS); }
fn withbits(x: u32) -> f32 { return bitcast<f32>(x | (INF_BITS & 0u)); }
// Devices may treat subnormal inputs as zero and flush subnormal results (SwiftShader does both).
// Order and arithmetic that must be exact go through the bits: ord32 is a signed key with
// -0 == +0 and the float order; up32 rescales a subnormal by 2^64 (exactly, from its mantissa).
fn ord32(x: f32) -> i32 { let i = bitcast<i32>(x); return select(i, i32(-2147483647i - 1i) - i, i < 0i); }
fn flt(a: f32, b: f32) -> bool { return !isnan32(a) && !isnan32(b) && ord32(a) < ord32(b); }
fn fle(a: f32, b: f32) -> bool { return !isnan32(a) && !isnan32(b) && ord32(a) <= ord32(b); }
fn feq(a: f32, b: f32) -> bool { return !isnan32(a) && !isnan32(b) && ord32(a) == ord32(b); }
fn tiny32(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) == 0u; }
fn up32(x: f32) -> f32 {
  let b = bitcast<u32>(x);
  if ((b & 0x7f800000u) != 0u) { return x; }
  let v = f32(b & 0x7fffffu) * 2.5849394142282115e-26;
  return select(v, -v, (b >> 31u) != 0u);
}
fn upk(x: f32) -> i32 { return select(0i, 64i, tiny32(x)); }
// v · 2^n, producing subnormal results by hand on devices that flush them to zero.
fn ldexp_sub(v: f32, n: i32) -> f32 {
  let r = ldexp(v, n);
  if (abs(r) >= 1.17549435e-38 || !nz32(v) || n > 0i || isnan32(v) || isinf32(v)) { return r; }
  let m = round(ldexp(abs(v), n + 149i));
  return bitcast<f32>(u32(m) | (bitcast<u32>(v) & 0x80000000u));
}
fn f16_to_f32(h: u32) -> f32 {
  let s = (h & 0x8000u) << 16u; let e = (h >> 10u) & 0x1fu; let m = h & 0x3ffu;
  if (e == 0u) {
    if (m == 0u) { return bitcast<f32>(s); }
    let sh = 10u - firstLeadingBit(m);
    return bitcast<f32>(s | ((113u - sh) << 23u) | (((m << sh) & 0x3ffu) << 13u));
  }
  if (e == 31u) { return withbits(s | 0x7f800000u | (m << 13u)); }
  return bitcast<f32>(s | ((e + 112u) << 23u) | (m << 13u));
}
fn f32_to_f16(xf: f32) -> u32 {
  let x = bitcast<u32>(xf);
  let sign = (x >> 16u) & 0x8000u; let exp = (x >> 23u) & 0xffu; var mant = x & 0x7fffffu;
  if (exp == 0xffu) { return sign | select(0x7c00u, 0x7e00u, mant != 0u); }
  let e = i32(exp) - 112i;
  if (e >= 31i) { return sign | 0x7c00u; }
  if (e <= 0i) {
    if (e < -10i) { return sign; }
    mant = mant | 0x800000u;
    let shift = u32(14i - e);
    let half = 1u << (shift - 1u);
    let rest = mant & ((1u << shift) - 1u);
    var r = mant >> shift;
    if (rest > half || (rest == half && (r & 1u) == 1u)) { r += 1u; }
    return sign | r;
  }
  var r = (u32(e) << 10u) | (mant >> 13u);
  let rest = mant & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (r & 1u) == 1u)) { r += 1u; }
  return sign | r;
}
fn bf16_to_f32(h: u32) -> f32 { return bitcast<f32>(h << 16u); }
fn f32_to_bf16(x: f32) -> u32 {
  if (isnan32(x)) { return 0x7fc0u; }
  let b = bitcast<u32>(x);
  return ((b + 0x7fffu + ((b >> 16u) & 1u)) >> 16u) & 0xffffu;
}
// Arithmetic exact under flushing: subnormal operands are rescaled first, and a result in the
// subnormal range is rounded by hand (ldexp_sub).
fn fneg(x: f32) -> f32 { return bitcast<f32>(bitcast<u32>(x) ^ 0x80000000u); }
fn fadd(a: f32, b: f32) -> f32 {
  if (!tiny32(a) && !tiny32(b)) {
    let r = a + b;
    if (!tiny32(r) || bitcast<u32>(a) == (bitcast<u32>(b) ^ 0x80000000u)) { return r; }
  }
  // a subnormal operand (or result): exact at scale 2^64 unless the other operand dwarfs it
  let big = max(bitcast<u32>(a) & 0x7f800000u, bitcast<u32>(b) & 0x7f800000u);
  if (big > 0x1f000000u) { return select(a, b, tiny32(a)); }
  return ldexp_sub(ldexp(up32(a), 64i - upk(a)) + ldexp(up32(b), 64i - upk(b)), -64i);
}
fn fmul(a: f32, b: f32) -> f32 {
  let r = a * b;
  if (!tiny32(a) && !tiny32(b) && (bitcast<u32>(r) & 0x7f800000u) > 0x00800000u) { return r; }
  let ka = select(upk(a), 64i, !tiny32(a) && (bitcast<u32>(a) & 0x7f800000u) < 0x20000000u);
  let kb = select(upk(b), 64i, !tiny32(b) && (bitcast<u32>(b) & 0x7f800000u) < 0x20000000u && ka == 0i);
  return ldexp_sub(ldexp(up32(a), ka - upk(a)) * ldexp(up32(b), kb - upk(b)), -(ka + kb));
}
fn fdiv(a: f32, b: f32) -> f32 {
  let r = a / b;
  if (isinf32(b) || isnan32(b) || isnan32(a) || isinf32(a)) { return r; }
  if (!tiny32(a) && !tiny32(b) && (bitcast<u32>(r) & 0x7f800000u) > 0x00800000u) { return r; }
  var na = up32(a); var ea = upk(a); var nb = up32(b); var eb = upk(b);
  if ((bitcast<u32>(na) & 0x7f800000u) < 0x5d800000u) { na = ldexp(na, 64i); ea += 64i; } else { nb = ldexp(nb, -64i); eb -= 64i; }
  let v = ldexp(na / nb, eb - ea);
  if (!nz32(b) || abs(v) >= 1.17549435e-38) { return v; }
  return fdiv_tiny(a, b);
}
// a / b rounded once to the subnormal grid (the quotient is below the smallest normal): the
// significands are divided in integers (shift-subtract), then rounded to nearest even on the bits.
fn fdiv_tiny(a: f32, b: f32) -> f32 {
  let s = (bitcast<u32>(a) ^ bitcast<u32>(b)) & 0x80000000u;
  if (!nz32(a)) { return bitcast<f32>(s); }
  let na = norm32(bitcast<u32>(a) & 0x7fffffffu); let nb = norm32(bitcast<u32>(b) & 0x7fffffffu);
  let ma = bitcast<u32>(na.x); var mb = bitcast<u32>(nb.x);
  // |a / b| = (ma / mb) · 2^(sh - 149): the result in units of 2^-149 is ma · 2^sh / mb
  let sh = na.y - nb.y + 149i;
  if (sh < -1i) { return bitcast<f32>(s); }
  var q = 0u; var r = ma;
  if (sh == -1i) { mb = mb << 1u; } else {
    if (r >= mb) { r -= mb; q = 1u; }
    for (var i = 0i; i < sh; i++) { r = r << 1u; q = q << 1u; if (r >= mb) { r -= mb; q = q | 1u; } }
  }
  let r2 = r << 1u;
  if (r2 > mb || (r2 == mb && (q & 1u) == 1u)) { q += 1u; }
  return bitcast<f32>(s | q);
}
fn babs(x: f32) -> f32 { return bitcast<f32>(bitcast<u32>(x) & 0x7fffffffu); }
fn fr16(x: f32) -> f32 { return f16_to_f32(f32_to_f16(x)); }
fn frbf(x: f32) -> f32 { return bf16_to_f32(f32_to_bf16(x)); }
// |m| (an unsigned 64-bit magnitude) → nearest float32, ties to even, by hand.
fn u64_to_f32(m: vec2u) -> f32 {
  if (m.y == 0u && m.x < 0x1000000u) { return f32(m.x); }
  var hi = m.y; var lo = m.x; var lz = 0u;
  if (hi == 0u) { hi = lo; lo = 0u; lz = 32u; }
  let z = countLeadingZeros(hi);
  if (z > 0u) { hi = (hi << z) | (lo >> (32u - z)); lo = lo << z; }
  lz += z;
  var mant = hi >> 8u; let rb = hi & 0xffu;
  if (rb > 0x80u || (rb == 0x80u && (lo != 0u || (mant & 1u) == 1u))) { mant += 1u; }
  var e = 190u - lz;
  if (mant == 0x1000000u) { mant = 0x800000u; e += 1u; }
  return bitcast<f32>((e << 23u) | (mant & 0x7fffffu));
}
fn i64_to_f32(a: vec2u) -> f32 {
  let n = (a.y >> 31u) != 0u;
  let v = u64_to_f32(select(a, neg64(a), n));
  return select(v, -v, n);
}
fn i32_to_f32(x: i32) -> f32 { return i64_to_f32(sext64(x)); }
// float → int64: truncate; NaN, ±inf and out of range give INT64_MIN (x86 cvttss2si).
fn f32_to_i64(x: f32) -> vec2u {
  let b = bitcast<u32>(x); let e = (b >> 23u) & 0xffu;
  if (e >= 190u) { return vec2u(0u, 0x80000000u); }
  if (e < 127u) { return vec2u(0u); }
  let m = (b & 0x7fffffu) | 0x800000u;
  var mag: vec2u;
  if (e >= 150u) { mag = shl64(vec2u(m, 0u), e - 150u); } else { mag = vec2u(m >> (150u - e), 0u); }
  return select(mag, neg64(mag), (b >> 31u) != 0u);
}
// float → int32 (then wrapped to 8/16 bits by the store): NaN/±inf/out of range give INT32_MIN.
fn f32_to_i32(x: f32) -> i32 {
  let e = (bitcast<u32>(x) >> 23u) & 0xffu;
  if (e >= 158u) { return i32(-2147483647i - 1i); }
  return i32(x);
}
fn norm32(a: u32) -> vec2i {
  var e = i32(a >> 23u); var m = a & 0x7fffffu;
  if (e == 0i) { let s = countLeadingZeros(m) - 8u; m = m << s; e = 1i - i32(s); } else { m = m | 0x800000u; }
  return vec2i(bitcast<i32>(m), e);
}
fn fmod32(x: f32, y: f32) -> f32 {
  let ux = bitcast<u32>(x); let uy = bitcast<u32>(y);
  let sx = ux & 0x80000000u; let ax = ux & 0x7fffffffu; let ay = uy & 0x7fffffffu;
  if (ay == 0u || ax >= 0x7f800000u || ay > 0x7f800000u) { return nan32(); }
  if (ax < ay) { return x; }
  let nx = norm32(ax); let ny = norm32(ay);
  var mx = bitcast<u32>(nx.x); let my = bitcast<u32>(ny.x); var ex = nx.y; let ey = ny.y;
  for (; ex > ey; ex--) {
    if (mx >= my) { mx -= my; if (mx == 0u) { return bitcast<f32>(sx); } }
    mx = mx << 1u;
  }
  if (mx >= my) { mx -= my; if (mx == 0u) { return bitcast<f32>(sx); } }
  for (; (mx >> 23u) == 0u; ex--) { mx = mx << 1u; }
  var r: u32;
  if (ex > 0i) { r = (mx - 0x800000u) | (u32(ex) << 23u); } else { r = mx >> u32(1i - ex); }
  return bitcast<f32>(r | sx);
}
`;
