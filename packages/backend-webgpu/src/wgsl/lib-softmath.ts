/**
 * tensor-core's float32 soft math (random/softmath.ts, precision "f32") in WGSL: log, exp, √, 1/x
 * and sin/cos of turns as the reference's exact sequence of correctly rounded `+ − ×` (same
 * constants, same Horner order, same iteration counts), so the device reproduces it bit for bit.
 * Every operation goes through `m32`/`a32`/`s32`, which pin the rounding with `opq()` (SwiftShader
 * may reassociate, and contract a product into an FMA). Scaling by 2^k is done on the bits, with
 * subnormal results rounded by hand: SwiftShader flushes them. No other operand or result inside
 * these functions can be subnormal (their arguments are normal and the constants bounded), so
 * hardware `+ − ×` are exact there; products and sums with a caller's parameter use `fmul_rn` and
 * `fadd`, exact for subnormals too. (The binary64 precision is lib-vm.ts's register machine.)
 *
 * The reference's constants are restated in `softSpec` (softmath.ts keeps them private); the
 * device tests compare every distribution with `referenceRandom` bit for bit, so a wrong digit fails.
 */

const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
const series = (terms: number, f: (k: number) => number): number[] => Array.from({ length: terms }, (_, k) => f(k));

/** softmath.ts SPEC: binary32 (`f32`) or binary64 constants, unrounded. */
export const softSpec = (f32: boolean) => ({
  log: series(f32 ? 6 : 12, (k) => 2 / (2 * k + 1)),
  sin: series(f32 ? 6 : 9, (k) => (k % 2 === 0 ? 1 : -1) / fact(2 * k + 1)),
  cos: series(f32 ? 7 : 10, (k) => (k % 2 === 0 ? 1 : -1) / fact(2 * k)),
  exp: series(f32 ? 10 : 16, (k) => 1 / fact(k)),
  recipIters: f32 ? 3 : 4,
  rsqrtIters: f32 ? 5 : 6,
  ln2Hi: f32 ? 0.693145751953125 : 6.9314718036912381649e-1,
  ln2Lo: f32 ? 1.4286068203094173e-6 : 1.90821492927058770002e-10,
  expMax: f32 ? 88.72283935546875 : 709.782712893384,
  expMin: f32 ? -103.97208404541016 : -745.1332191019411,
});

/** A binary32 constant (rounded from `x`) as WGSL. */
function lit(x: number): string {
  const v = new DataView(new ArrayBuffer(4));
  v.setFloat32(0, Math.fround(x), true);
  return `bitcast<f32>(0x${v.getUint32(0, true).toString(16)}u)`;
}

/** How the templates spell binary32 operations in WGSL. */
export const P32 = {
  lit,
  mul: (a: string, b: string): string => `m32(${a}, ${b})`,
  add: (a: string, b: string): string => `a32(${a}, ${b})`,
  sub: (a: string, b: string): string => `s32(${a}, ${b})`,
  neg: (a: string): string => `fneg(${a})`,
  abs: (a: string): string => `babs(${a})`,
  lt: (a: string, b: string): string => `flt(${a}, ${b})`,
  floor: (a: string): string => `floor(opq(${a}))`,
  ceil: (a: string): string => `ceil(opq(${a}))`,
  /** A product / sum involving a caller's parameter: exact even with subnormal operands. */
  pmul: (a: string, b: string): string => `fmul_rn(${a}, ${b})`,
  padd: (a: string, b: string): string => `opq(fadd(${a}, ${b}))`,
  zero: "0.0",
};
const p = P32;

/** Binary32 helpers of the soft math and the samplers: pinned operations, exact scaling, an exact product. */
export const F32_BASE = /* wgsl */ `
fn m32(a: f32, b: f32) -> f32 { return opq(a * b); }
fn a32(a: f32, b: f32) -> f32 { return opq(a + b); }
fn s32(a: f32, b: f32) -> f32 { return opq(a - b); }
var<private> SM_E: i32;
// m in [1, 2) with x = m·2^SM_E (x positive normal), on the bits.
fn sm_mant32(x: f32) -> f32 {
  // an infinite x gets the exponent of its binary64 representation, as in the reference
  let b = bitcast<u32>(x); let ex = i32((b >> 23u) & 0xffu); SM_E = select(ex - 127i, 1024i, ex == 255i);
  return bitcast<f32>((b & 0x007fffffu) | 0x3f800000u);
}
// x·2^k (x normal or zero) rounded once to nearest even, subnormal results by hand.
fn sm_ldexp32(x: f32, k: i32) -> f32 {
  let b = bitcast<u32>(x); let ex = i32((b >> 23u) & 0xffu); let s = b & 0x80000000u;
  if (ex == 0i || ex == 255i) { return x; }
  let e = ex + k;
  if (e >= 255i) { return withbits(s | 0x7f800000u); }
  if (e > 0i) { return bitcast<f32>((b & 0x807fffffu) | (u32(e) << 23u)); }
  let sh = u32(1i - e);
  if (sh > 25u) { return bitcast<f32>(s); }
  let m = (b & 0x7fffffu) | 0x800000u;
  let q = m >> sh; let rem = m & ((1u << sh) - 1u); let half = 1u << (sh - 1u);
  return bitcast<f32>(s | (q + select(0u, 1u, rem > half || (rem == half && (q & 1u) == 1u))));
}
// a·b correctly rounded whatever the operands (subnormal ones and results included): the
// hardware product when operands and result are normal, else the 24×24-bit significand product
// in integers, rounded once to nearest even at the result's exponent.
fn fmul_rn(a: f32, b: f32) -> f32 {
  let r = opq(a * b);
  if (!tiny32(a) && !tiny32(b) && (bitcast<u32>(r) & 0x7f800000u) > 0x00800000u) { return r; }
  let ua = bitcast<u32>(a); let ub = bitcast<u32>(b); let s = (ua ^ ub) & 0x80000000u;
  let aa = ua & 0x7fffffffu; let ab = ub & 0x7fffffffu;
  if (aa > 0x7f800000u || ab > 0x7f800000u) { return nan32(); }
  if (aa == 0x7f800000u || ab == 0x7f800000u) { return select(withbits(s | 0x7f800000u), nan32(), aa == 0u || ab == 0u); }
  if (aa == 0u || ab == 0u) { return bitcast<f32>(s); }
  let na = norm32(aa); let nb = norm32(ab);
  let p = mul32x32(bitcast<u32>(na.x), bitcast<u32>(nb.x));
  // |a·b| = p·2^(ea + eb - 300), p in [2^46, 2^48)
  let top = select(46i, 47i, (p.y >> 15u) != 0u);
  let e = na.y + nb.y - 300i;
  let biased = top + e + 127i;
  if (biased >= 255i) { return withbits(s | 0x7f800000u); }
  let sh = select(u32(-149i - e), u32(top - 23i), biased >= 1i);
  if (sh >= 49u) { return bitcast<f32>(s); }
  let q = sar64(p, sh).x;
  let rem = sub64(p, shl64(vec2u(q, 0u), sh));
  let half = shl64(vec2u(1u, 0u), sh - 1u);
  let up = ltu64(half, rem) || (eq64(rem, half) && (q & 1u) == 1u);
  let lead = select(0u, u32(biased - 1i) << 23u, biased >= 1i);
  return withbits(s | min(lead + q + select(0u, 1u, up), 0x7f800000u));
}
`;

/** Horner from the last coefficient, as softmath.ts `horner`. */
function horner(name: string, coeffs: readonly number[]): string {
  const lines = [`var p = ${lit(coeffs[coeffs.length - 1] as number)};`];
  for (let i = coeffs.length - 2; i >= 0; i--) lines.push(`p = ${p.add(p.mul("p", "z"), lit(coeffs[i] as number))};`);
  return `fn ${name}(z: f32) -> f32 {\n  ${lines.join("\n  ")}\n  return p;\n}`;
}

/** sm_recip32, sm_sqrt32, sm_log32 (and sm_logmd32), sm_exp32, sm_sincos32; needs F32_BASE. */
export function softmathWgsl(): string {
  const s = softSpec(true);
  const L = lit;
  return `${horner("sm_plog32", s.log)}
${horner("sm_psin32", s.sin)}
${horner("sm_pcos32", s.cos)}
${horner("sm_pexp32", s.exp)}
// 1/x: x = m·2^e, Newton r ← r·(2 − m·r) from the linear seed 24/17 − 8/17·m.
fn sm_recip32(v: f32) -> f32 {
  let neg = ${p.lt("v", p.zero)};
  let m = sm_mant32(${p.abs("v")}); let e = SM_E;
  var r = ${p.sub(L(24 / 17), p.mul(L(8 / 17), "m"))};
  for (var i = 0; i < ${s.recipIters}; i++) { r = ${p.mul("r", p.sub(L(2), p.mul("m", "r")))}; }
  let q = sm_ldexp32(r, -e);
  return select(q, ${p.neg("q")}, neg);
}
// √x: x = m·4^k, m in [1, 4); Newton on 1/√m, r ← r·(1.5 − ½m·r²); √m = m·r.
fn sm_sqrt32(v: f32) -> f32 {
  var m = sm_mant32(v); var e = SM_E;
  if ((e & 1i) != 0i) { m = ${p.mul("m", L(2))}; e -= 1i; }
  var r = ${p.sub(L(1.2), p.mul(L(0.2), "m"))};
  let hm = ${p.mul(L(0.5), "m")};
  for (var i = 0; i < ${s.rsqrtIters}; i++) { r = ${p.mul("r", p.sub(L(1.5), p.mul("hm", p.mul("r", "r"))))}; }
  return sm_ldexp32(${p.mul("m", "r")}, e / 2i);
}
// ln x from num = m − 1 and den = m + 1 (m in [√½, √2)): e·ln2 + 2·atanh(num/den).
fn sm_logmd32(num: f32, den: f32, e: i32) -> f32 {
  let t = ${p.mul("num", `sm_recip32(den)`)};
  let lm = ${p.mul("t", `sm_plog32(${p.mul("t", "t")})`)};
  let ef = f32(e);
  return ${p.add(p.mul("ef", L(s.ln2Hi)), p.add("lm", p.mul("ef", L(s.ln2Lo))))};
}
fn sm_log32(v: f32) -> f32 {
  var m = sm_mant32(v); var e = SM_E;
  if (${p.lt(L(2 * Math.fround(Math.SQRT1_2)), "m")}) { m = ${p.mul("m", L(0.5))}; e += 1i; }
  return sm_logmd32(${p.sub("m", L(1))}, ${p.add("m", L(1))}, e);
}
// e^x = 2^k·e^r, k = ⌊x·log2e + ½⌋, r = (x − k·ln2Hi) − k·ln2Lo, Taylor for e^r.
fn sm_exp32(v: f32) -> f32 {
  if (isnan32(v)) { return v; }
  if (${p.lt(L(s.expMax), "v")}) { return inf32(); }
  if (${p.lt("v", L(s.expMin))}) { return 0.0; }
  let k = ${p.floor(p.add(p.mul("v", L(Math.LOG2E)), L(0.5)))};
  let r = ${p.sub(p.sub("v", p.mul("k", L(s.ln2Hi))), p.mul("k", L(s.ln2Lo)))};
  return sm_ldexp32(sm_pexp32(r), i32(k));
}
// [sin 2πt, cos 2πt] for t in [0, 1) dyadic: quadrant and octant fold are exact.
fn sm_sincos32(t: f32) -> vec2f {
  let v = ${p.mul("t", L(4))};
  let q = ${p.floor("v")};
  let f = ${p.sub("v", "q")};
  let fold = ${p.lt(L(0.5), "f")};
  let y = ${p.mul(`select(f, ${p.sub(L(1), "f")}, fold)`, L(Math.PI / 2))};
  let z = ${p.mul("y", "y")};
  let sx = ${p.mul("y", `sm_psin32(z)`)};
  let cx = sm_pcos32(z);
  let s0 = select(sx, cx, fold); let c0 = select(cx, sx, fold);
  switch (i32(q) & 3i) {
    case 0i: { return vec2f(s0, c0); }
    case 1i: { return vec2f(c0, ${p.neg("s0")}); }
    case 2i: { return vec2f(${p.neg("s0")}, ${p.neg("c0")}); }
    default: { return vec2f(${p.neg("c0")}, s0); }
  }
}
`;
}
