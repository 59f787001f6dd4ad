/**
 * tensor-core's soft math (random/softmath.ts) in WGSL, in both sampling precisions: log, exp,
 * √, 1/x and sin/cos of turns as the reference's exact sequence of correctly rounded `+ − ×`
 * (same constants, same Horner order, same iteration counts), so the device reproduces it bit
 * for bit. One generator writes both precisions from the same template, so the two cannot drift:
 *
 * - "32": binary32 in WGSL `f32`. Every operation goes through `m32`/`a32`/`s32`, which pin the
 *   rounding with `opq()` (SwiftShader may reassociate, and contract a product into an FMA).
 *   Scaling by 2^k is done on the bits, subnormal results rounded by hand: SwiftShader flushes
 *   them. Inside these functions no other operand or result can be subnormal (the arguments are
 *   normal and the constants bounded; README "random"), so hardware `+ − ×` are exact there.
 * - "64": binary64 through lib-f64 (integer arithmetic, exact everywhere).
 *
 * The reference's constants are restated here (softmath.ts keeps them private); the device
 * tests compare every distribution against `referenceRandom` bit for bit, so a wrong digit fails.
 */

const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
const series = (terms: number, f: (k: number) => number): number[] => Array.from({ length: terms }, (_, k) => f(k));
const sinC = (terms: number): number[] => series(terms, (k) => (k % 2 === 0 ? 1 : -1) / fact(2 * k + 1));
const cosC = (terms: number): number[] => series(terms, (k) => (k % 2 === 0 ? 1 : -1) / fact(2 * k));
const expC = (terms: number): number[] => series(terms, (k) => 1 / fact(k));
const logC = (terms: number): number[] => series(terms, (k) => 2 / (2 * k + 1));

/** softmath.ts SPEC, per precision. */
const SPEC = {
  "32": { log: logC(6), sin: sinC(6), cos: cosC(7), exp: expC(10), recipIters: 3, rsqrtIters: 5, ln2Hi: 0.693145751953125, ln2Lo: 1.4286068203094173e-6, expMax: 88.72283935546875, expMin: -103.97208404541016 },
} as const;

export type Sfx = "32";

/** How a precision spells its type, constants and operations in WGSL. */
export interface Prec {
  readonly sfx: Sfx;
  readonly T: string;
  readonly round: (x: number) => number;
  /** A constant rounded to the precision. */
  lit(x: number): string;
  mul(a: string, b: string): string;
  add(a: string, b: string): string;
  sub(a: string, b: string): string;
  neg(a: string): string;
  abs(a: string): string;
  lt(a: string, b: string): string;
  le(a: string, b: string): string;
  isnan(a: string): string;
  floor(a: string): string;
  ceil(a: string): string;
  /** An integral value of small magnitude → i32. */
  toInt(a: string): string;
  /** i32 → T (exact). */
  fromInt(i: string): string;
  /** x·2^k rounded once (subnormal results included). */
  ldexp(x: string, k: string): string;
  /** A product / sum involving a caller's parameter: exact even with subnormal operands. */
  pmul(a: string, b: string): string;
  padd(a: string, b: string): string;
  readonly inf: string;
  readonly zero: string;
}

const f32bits = (x: number): string => {
  const v = new DataView(new ArrayBuffer(4));
  v.setFloat32(0, x, true);
  return `bitcast<f32>(0x${v.getUint32(0, true).toString(16)}u)`;
};

export const P32: Prec = {
  sfx: "32",
  T: "f32",
  round: Math.fround,
  lit: (x) => f32bits(Math.fround(x)),
  mul: (a, b) => `m32(${a}, ${b})`,
  add: (a, b) => `a32(${a}, ${b})`,
  sub: (a, b) => `s32(${a}, ${b})`,
  neg: (a) => `fneg(${a})`,
  abs: (a) => `babs(${a})`,
  lt: (a, b) => `flt(${a}, ${b})`,
  le: (a, b) => `fle(${a}, ${b})`,
  isnan: (a) => `isnan32(${a})`,
  floor: (a) => `floor(opq(${a}))`,
  ceil: (a) => `ceil(opq(${a}))`,
  toInt: (a) => `i32(${a})`,
  fromInt: (i) => `f32(${i})`,
  ldexp: (x, k) => `sm_ldexp32(${x}, ${k})`,
  pmul: (a, b) => `fmul_rn(${a}, ${b})`,
  padd: (a, b) => `opq(fadd(${a}, ${b}))`,
  inf: "inf32()",
  zero: "0.0",
};

/** Binary32 helpers the "32" template uses: pinned operations, exact scaling, an exact product. */
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
function horner(p: Prec, name: string, coeffs: readonly number[]): string {
  const c = coeffs.map((x) => p.lit(p.round(x)));
  const lines = [`var p = ${c[c.length - 1]};`];
  for (let i = c.length - 2; i >= 0; i--) lines.push(`p = ${p.add(p.mul("p", "z"), c[i] as string)};`);
  return `fn ${name}(z: ${p.T}) -> ${p.T} {\n  ${lines.join("\n  ")}\n  return p;\n}`;
}

/** The soft math of one precision: sm_recip, sm_sqrt, sm_log, sm_exp, sm_sincos (suffixed; needs F32_BASE / F64_BASE). */
export function softmathWgsl(p: Prec): string {
  const s = SPEC[p.sfx];
  const x = p.sfx;
  const L = (v: number): string => p.lit(p.round(v));
  const mant = (v: string): string => `sm_mant${x}(${v})`;
  const pair = p.sfx === "32" ? "vec2f" : "vec4u";
  const mk = (a: string, b: string): string => (p.sfx === "32" ? `vec2f(${a}, ${b})` : `vec4u(${a}, ${b})`);
  return `${horner(p, `sm_plog${x}`, s.log)}
${horner(p, `sm_psin${x}`, s.sin)}
${horner(p, `sm_pcos${x}`, s.cos)}
${horner(p, `sm_pexp${x}`, s.exp)}
// 1/x: x = m·2^e, Newton r ← r·(2 − m·r) from the linear seed 24/17 − 8/17·m.
fn sm_recip${x}(v: ${p.T}) -> ${p.T} {
  let neg = ${p.lt("v", p.zero)};
  let m = ${mant(p.abs("v"))}; let e = SM_E;
  var r = ${p.sub(L(24 / 17), p.mul(L(8 / 17), "m"))};
  for (var i = 0; i < ${s.recipIters}; i++) { r = ${p.mul("r", p.sub(L(2), p.mul("m", "r")))}; }
  let q = ${p.ldexp("r", "-e")};
  return select(q, ${p.neg("q")}, neg);
}
// √x: x = m·4^k, m in [1, 4); Newton on 1/√m, r ← r·(1.5 − ½m·r²); √m = m·r.
fn sm_sqrt${x}(v: ${p.T}) -> ${p.T} {
  var m = ${mant("v")}; var e = SM_E;
  if ((e & 1i) != 0i) { m = ${p.mul("m", L(2))}; e -= 1i; }
  var r = ${p.sub(L(1.2), p.mul(L(0.2), "m"))};
  let hm = ${p.mul(L(0.5), "m")};
  for (var i = 0; i < ${s.rsqrtIters}; i++) { r = ${p.mul("r", p.sub(L(1.5), p.mul("hm", p.mul("r", "r"))))}; }
  return ${p.ldexp(p.mul("m", "r"), "e / 2i")};
}
// ln x from num = m − 1 and den = m + 1 (m in [√½, √2)): e·ln2 + 2·atanh(num/den).
fn sm_logmd${x}(num: ${p.T}, den: ${p.T}, e: i32) -> ${p.T} {
  let t = ${p.mul("num", `sm_recip${x}(den)`)};
  let lm = ${p.mul("t", `sm_plog${x}(${p.mul("t", "t")})`)};
  let ef = ${p.fromInt("e")};
  return ${p.add(p.mul("ef", L(s.ln2Hi)), p.add("lm", p.mul("ef", L(s.ln2Lo))))};
}
fn sm_log${x}(v: ${p.T}) -> ${p.T} {
  var m = ${mant("v")}; var e = SM_E;
  if (${p.lt(L(2 * p.round(Math.SQRT1_2)), "m")}) { m = ${p.mul("m", L(0.5))}; e += 1i; }
  return sm_logmd${x}(${p.sub("m", L(1))}, ${p.add("m", L(1))}, e);
}
// e^x = 2^k·e^r, k = ⌊x·log2e + ½⌋, r = (x − k·ln2Hi) − k·ln2Lo, Taylor for e^r.
fn sm_exp${x}(v: ${p.T}) -> ${p.T} {
  if (${p.isnan("v")}) { return v; }
  if (${p.lt(L(s.expMax), "v")}) { return ${p.inf}; }
  if (${p.lt("v", L(s.expMin))}) { return ${p.zero}; }
  let k = ${p.floor(p.add(p.mul("v", L(Math.LOG2E)), L(0.5)))};
  let r = ${p.sub(p.sub("v", p.mul("k", L(s.ln2Hi))), p.mul("k", L(s.ln2Lo)))};
  return ${p.ldexp(`sm_pexp${x}(r)`, p.toInt("k"))};
}
// [sin 2πt, cos 2πt] for t in [0, 1) dyadic: quadrant and octant fold are exact.
fn sm_sincos${x}(t: ${p.T}) -> ${pair} {
  let v = ${p.mul("t", L(4))};
  let q = ${p.floor("v")};
  let f = ${p.sub("v", "q")};
  let fold = ${p.lt(L(0.5), "f")};
  let y = ${p.mul(`select(f, ${p.sub(L(1), "f")}, fold)`, L(Math.PI / 2))};
  let z = ${p.mul("y", "y")};
  let sx = ${p.mul("y", `sm_psin${x}(z)`)};
  let cx = sm_pcos${x}(z);
  let s0 = select(sx, cx, fold); let c0 = select(cx, sx, fold);
  switch (${p.toInt("q")} & 3i) {
    case 0i: { return ${mk("s0", "c0")}; }
    case 1i: { return ${mk("c0", p.neg("s0"))}; }
    case 2i: { return ${mk(p.neg("s0"), p.neg("c0"))}; }
    default: { return ${mk(p.neg("c0"), "s0")}; }
  }
}
`;
}
