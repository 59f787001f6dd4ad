/**
 * float32 exp, log, sin/cos/tan and atan written out in WGSL, because the builtins' accuracy is
 * only what WGSL promises (exp: 3 + 2·|x| ULP; sin/cos: 2^-11 absolute) and SwiftShader measured
 * 90 ULP for exp and ~2500 ULP for sin. Each uses a Cody–Waite argument reduction with a
 * constant split so that `k · hi` is exact, then a short polynomial on the reduced range.
 * Subnormal results may still flush to zero on devices that flush (README: "Bounds").
 */
export const MATH_WGSL = /* wgsl */ `
// Double-float (hi + lo, two f32) arithmetic without FMA: Dekker's exact product by Veltkamp
// splitting, Knuth's exact sum. Every intermediate passes through opq() so that the compiler
// cannot reassociate the error terms away (README "The compiler's freedom").
fn dd_two_sum(a: f32, b: f32) -> vec2f {
  let s = opq(a + b); let bb = opq(s - a);
  return vec2f(s, opq(a - opq(s - bb)) + opq(b - bb));
}
fn dd_fast(a: f32, b: f32) -> vec2f { let s = opq(a + b); return vec2f(s, b - opq(s - a)); }
fn dd_split(a: f32) -> vec2f { let c = opq(4097.0 * a); let hi = opq(c - opq(c - a)); return vec2f(hi, a - hi); }
fn dd_prod(a: f32, b: f32) -> vec2f {
  let p = opq(a * b); let A = dd_split(a); let B = dd_split(b);
  return vec2f(p, opq(opq(opq(opq(A.x * B.x) - p) + opq(A.x * B.y)) + opq(A.y * B.x)) + opq(A.y * B.y));
}
fn dd_mul(a: vec2f, b: vec2f) -> vec2f {
  let p = dd_prod(a.x, b.x);
  return dd_fast(p.x, opq(p.y + opq(opq(a.x * b.y) + opq(a.y * b.x))));
}
fn dd_add(a: vec2f, b: vec2f) -> vec2f {
  let s = dd_two_sum(a.x, b.x);
  return dd_fast(s.x, opq(s.y + opq(a.y + b.y)));
}
// exp(x) · 2^shift for x within the finite range.
fn exp_scaled(x: f32, shift: i32) -> f32 {
  let k = round(x * 1.4426950408889634);
  let r = opq(x - k * 0.693145751953125) - k * 1.4286068203094172e-6;
  let p = r + r * r * (0.5 + r * (0.16666667 + r * (0.041666668 + r * (0.008333334 + r * (0.0013888889 + r * 0.0001984127)))));
  let h = (i32(k) + shift) / 2i;
  return ldexp_sub(ldexp(1.0 + p, h), i32(k) + shift - h);
}
fn exp_core(x: f32) -> f32 { return exp_scaled(x, 0i); }
// 2^x = 2^k · 2^f with f = x - k exact, 2^f from its Taylor series in f (coefficients ln2^n / n!).
fn exp2f(x: f32) -> f32 {
  if (isnan32(x)) { return x; }
  if (x >= 128.0) { return inf32(); }
  if (x < -150.0) { return 0.0; }
  let k = round(x); let f = x - k;
  let p = f * (0.6931472 + f * (0.2402265 + f * (0.05550411 + f * (0.009618129 + f * (0.0013333558 + f * (0.00015403530 + f * 1.5252734e-5))))));
  let h = i32(k) / 2i;
  return ldexp_sub(ldexp(1.0 + p, h), i32(k) - h);
}
fn expf(x: f32) -> f32 {
  if (isnan32(x)) { return x; }
  if (x > 88.72284) { return inf32(); }
  if (x < -103.97208) { return 0.0; }
  return exp_core(x);
}
// log(m) for m in [sqrt(1/2), sqrt(2)): log(1 + f) = 2·atanh(s), s = f / (2 + f).
fn log_m(m: f32) -> f32 { return log1p_core(m - 1.0); }
// log(1 + f) for f in [sqrt(1/2) - 1, sqrt(2) - 1], f exact (no 1 + f rounding).
fn log1p_core(f: f32) -> f32 {
  let s = f / (2.0 + f);
  let z = s * s;
  let hf = 0.5 * f * f;
  let R = z * (0.6666667 + z * (0.4 + z * (0.2857143 + z * (0.22222222 + z * 0.18181819))));
  return f - (hf - s * (hf + R));
}
// x = m · 2^e for finite x > 0, m in [sqrt(1/2), sqrt(2)], taken from the bits (subnormals
// normalised first); returns (m, e), e exact as an f32.
fn frexp_sqrt2(x: f32) -> vec2f {
  var b = bitcast<u32>(x);
  var e = i32((b >> 23u) & 0xffu);
  if (e == 0i) { let n = norm32(b); b = (bitcast<u32>(n.x) & 0x7fffffu) | 0x3f800000u; e = n.y; } else { b = (b & 0x7fffffu) | 0x3f800000u; }
  var m = bitcast<f32>(b);
  e -= 127i;
  if (m > 1.4142135) { m = m * 0.5; e += 1i; }
  return vec2f(m, f32(e));
}
fn log_split(x: f32) -> vec2f {
  let me = frexp_sqrt2(x);
  return vec2f(log_m(me.x), me.y);
}
fn logf(x: f32) -> f32 {
  if (isnan32(x) || (signbit32(x) && nz32(x))) { return nan32(); }
  if (!nz32(x)) { return -inf32(); }
  if (isinf32(x)) { return x; }
  let s = log_split(x);
  return s.y * 0.693145751953125 + (s.x + s.y * 1.4286068203094172e-6);
}
fn log2f(x: f32) -> f32 {
  if (isnan32(x) || (signbit32(x) && nz32(x))) { return nan32(); }
  if (!nz32(x)) { return -inf32(); }
  if (isinf32(x)) { return x; }
  let s = log_split(x);
  return s.y + s.x * 1.4426950408889634;
}
fn log10f(x: f32) -> f32 {
  if (isnan32(x) || (signbit32(x) && nz32(x))) { return nan32(); }
  if (!nz32(x)) { return -inf32(); }
  if (isinf32(x)) { return x; }
  let s = log_split(x);
  return s.y * 0.30102539 + (s.x * 0.4342944819 + s.y * 4.6050389e-6);
}
fn log1pf(x: f32) -> f32 {
  if (isnan32(x) || x < -1.0) { return nan32(); }
  if (x == -1.0) { return -inf32(); }
  if (isinf32(x)) { return x; }
  if ((bitcast<u32>(x) & 0x7f800000u) < 0x30800000u) { return x; }
  if ((bitcast<u32>(x) & 0x7f800000u) < 0x35800000u) { return x - 0.5 * x * x; }
  if (x > -0.29289322 && x < 0.41421356) { return log1p_core(x); }
  return logf(1.0 + x);
}
fn expm1f(x: f32) -> f32 {
  if (isnan32(x)) { return x; }
  if (x > 88.72284) { return inf32(); }
  if (x < -17.0) { return -1.0; }
  if (abs(x) < 0.35) {
    return x + x * x * (0.5 + x * (0.16666667 + x * (0.041666668 + x * (0.008333334 + x * (0.0013888889 + x * (0.0001984127 + x * 2.4801588e-5))))));
  }
  return exp_core(x) - 1.0;
}
// x mod pi/2 → (r, k): three-part Cody–Waite for |x| <= 6000 (k·P1 and k·P2 exact), else a
// Payne–Hanek reduction: the 24-bit significand times a 64-bit window of 2/pi's bits, in integers.
const TWO_OVER_PI = array<u32, 6>(0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u, 0xdb629599u, 0x3c439041u);
fn window64(s: u32) -> vec2u {
  let wi = s / 32u; let bo = s % 32u;
  let w0 = TWO_OVER_PI[wi]; let w1 = TWO_OVER_PI[wi + 1u]; let w2 = TWO_OVER_PI[wi + 2u];
  if (bo == 0u) { return vec2u(w1, w0); }
  return vec2u((w1 << bo) | (w2 >> (32u - bo)), (w0 << bo) | (w1 >> (32u - bo)));
}
// |x| mod pi/2 as a double-float (hi, lo) and the quadrant, in integers: the fraction is taken
// exactly in two 24-bit pieces (f32 of < 2^24 is exact) and multiplied by pi/2 in double-float.
fn trig_reduce_big(ax: f32) -> vec3f {
  let b = bitcast<u32>(ax);
  let s = i32((b >> 23u) & 0xffu) - 152i;
  let m = (b & 0x7fffffu) | 0x800000u;
  var f = window64(u32(max(s, 0i)));
  if (s < 0i) { let k = u32(-s); f = vec2u((f.x >> k) | (f.y << (32u - k)), f.y >> k); }
  let plo = mul32x32(m, f.x); let phi = mul32x32(m, f.y);
  let w1 = plo.y + phi.x;
  var q = (w1 >> 30u) & 3u;
  var hi = f32((w1 & 0x3fffffffu) >> 6u) * 5.9604644775390625e-8;
  let lo = f32(((w1 & 0x3fu) << 18u) | (plo.x >> 14u)) * 3.552713678800501e-15;
  if (hi >= 0.5) { hi = opq(hi - 1.0); q = (q + 1u) & 3u; }
  let r = dd_mul(dd_fast(hi, lo), vec2f(1.5707963705062866, -4.371138828673793e-08));
  return vec3f(r.x, r.y, f32(q));
}
// x mod pi/2 → (hi, lo, k): four-part Cody–Waite for |x| <= 6000 (k·P1, k·P2 exact, k·P3 as an
// exact double-float product), else the Payne–Hanek reduction above.
fn trig_reduce(x: f32) -> vec3f {
  if (abs(x) > 6000.0) {
    let t = trig_reduce_big(abs(x));
    if (x < 0.0) { return vec3f(-t.x, -t.y, f32((4u - u32(t.z)) & 3u)); }
    return t;
  }
  let k = round(x * 0.63661977236758134);
  let t = opq(opq(x - k * 1.5703125) - k * 4.837512969970703e-4);
  let p = dd_prod(k, 7.549790126404332e-08);
  let r = dd_two_sum(t, -p.x);
  return vec3f(dd_fast(r.x, opq(r.y - p.y) - k * -1.7151245100058819e-15), k);
}
// sin and cos of the double-float r = h + l (|r| <= pi/4) as double-floats (s.hi, s.lo, c.hi, c.lo).
fn sincos_dd(h: f32, l: f32) -> vec4f {
  let z = h * h;
  let st = h * z * (-0.16666667 + z * (0.008333334 + z * (-0.0001984127 + z * 2.7557319e-6)));
  let s = dd_two_sum(h, opq(st + l * (1.0 - 0.5 * z)));
  let zz = dd_prod(h, h);
  let c = dd_two_sum(1.0, -0.5 * zz.x);
  let ct = zz.x * zz.x * (0.041666668 + zz.x * (-0.0013888889 + zz.x * (2.4801588e-5 + zz.x * -2.755732e-7)));
  let cn = dd_fast(c.x, opq(c.y + opq(opq(ct - 0.5 * zz.y) - h * l)));
  return vec4f(s.x, s.y, cn.x, cn.y);
}
// a / b for double-floats, rounded once: the first quotient's residual is taken exactly.
fn dd_div1(a: vec2f, b: vec2f) -> f32 {
  let q = a.x / b.x;
  let p = dd_prod(q, b.x);
  let res = opq(opq(opq(a.x - p.x) - p.y) + opq(a.y - q * b.y));
  return q + res / b.x;
}
fn sinf(x: f32) -> f32 {
  if (isnan32(x) || isinf32(x)) { return nan32(); }
  if (abs(x) < 1e-4) { return x; }
  let t = trig_reduce(x); let q = i32(t.z) & 3i;
  let v = sincos_dd(t.x, t.y);
  let s = v.x + v.y; let c = v.z + v.w;
  return select(select(select(-c, -s, q == 2i), c, q == 1i), s, q == 0i);
}
fn cosf(x: f32) -> f32 {
  if (isnan32(x) || isinf32(x)) { return nan32(); }
  let t = trig_reduce(x); let q = i32(t.z) & 3i;
  let v = sincos_dd(t.x, t.y);
  let s = v.x + v.y; let c = v.z + v.w;
  return select(select(select(s, -c, q == 2i), -s, q == 1i), c, q == 0i);
}
fn tanf(x: f32) -> f32 {
  if (isnan32(x) || isinf32(x)) { return nan32(); }
  if (abs(x) < 1e-4) { return x; }
  let t = trig_reduce(x);
  let v = sincos_dd(t.x, t.y);
  if ((i32(t.z) & 1i) == 1i) { return -dd_div1(v.zw, v.xy); }
  return dd_div1(v.xy, v.zw);
}
// atan on [0, 1]: fold at tan(pi/8) to |t| <= 0.4142, then a Taylor series in t^2.
fn atan01(a: f32) -> f32 {
  var base = 0.0; var t = a;
  if (a > 0.41421356) { base = 0.78539816; t = (a - 1.0) / (a + 1.0); }
  let z = t * t;
  let p = t - t * z * (0.33333334 - z * (0.2 - z * (0.14285715 - z * (0.11111111 - z * (0.09090909 - z * (0.07692308 - z * (0.06666667 - z * 0.05882353)))))));
  return base + p;
}
fn atanf(x: f32) -> f32 {
  if (isnan32(x)) { return x; }
  let a = abs(x);
  var r: f32;
  if (a > 1.0) { r = 1.5707964 - atan01(1.0 / a); } else { r = atan01(a); }
  return select(r, -r, signbit32(x));
}
fn atan2f(y: f32, x: f32) -> f32 {
  if (isnan32(x) || isnan32(y)) { return nan32(); }
  let pi = select(3.1415927, -3.1415927, signbit32(y));
  if (!nz32(y)) { return select(y, pi, signbit32(x)); }
  if (isinf32(x)) {
    if (isinf32(y)) { return select(0.78539819, 2.3561945, x < 0.0) * select(1.0, -1.0, signbit32(y)); }
    return select(select(0.0, withbits(0x80000000u), signbit32(y)), pi, x < 0.0);
  }
  if (isinf32(y) || !nz32(x)) { return select(1.5707964, -1.5707964, signbit32(y)); }
  let sc = select(0i, 64i, tiny32(x) || tiny32(y));
  let ax = ldexp(up32(babs(x)), sc - upk(x)); let ay = ldexp(up32(babs(y)), sc - upk(y));
  var r: f32;
  // atan(t) = t·(1 - t²/3 + …): below 2^-13 that factor is within half an ULP of 1, so the
  // correctly rounded quotient (subnormal-exact, fdiv) is the result
  if (!signbit32(x) && ay < ax * 1.220703125e-4) { return fdiv(y, babs(x)); }
  if (ay <= ax) { r = atan01(ay / ax); } else { r = 1.5707964 - atan01(ax / ay); }
  if (signbit32(x)) { r = 3.1415927 - r; }
  return select(r, -r, signbit32(y));
}
fn asinf(x: f32) -> f32 { if (isnan32(x) || abs(x) > 1.0) { return nan32(); } if (abs(x) < 1e-4) { return x; } return atan2f(x, sqrt((1.0 - x) * (1.0 + x))); }
fn acosf(x: f32) -> f32 { if (isnan32(x) || abs(x) > 1.0) { return nan32(); } return atan2f(sqrt((1.0 - x) * (1.0 + x)), x); }
`;
