/**
 * The float32 log and sincos PyTorch's AVX2 CPU kernel uses for `normal_` on float32 tensors of
 * at least 16 contiguous elements (cephes-derived polynomials of `avx_mathfun.h`), emulated in
 * binary32 so "torch" mode reproduces those values bit for bit.
 */
const f = Math.fround;
const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);

/** The binary32 neighbour of float `x` one step toward +inf (`dir` 1) or −inf (`dir` −1). */
function step32(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * 2 ** -149;
  F32[0] = x;
  I32[0] = (I32[0] as number) + ((x > 0) === (dir > 0) ? 1 : -1);
  return F32[0] as number;
}

/** a·b + c with one rounding to binary32, for float a, b, c (a·b is exact in a double). */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = f(s);
  const bb = s - p;
  const err = p - (s - bb) + (c - bb); // s + err is exactly p + c (TwoSum)
  if (err === 0 || s === r) return r;
  // Only a double sum lying exactly halfway between two floats can round the wrong way.
  const other = step32(r, s > r ? 1 : -1);
  if (s - r !== (other - r) / 2) return r;
  return err > 0 === other > r ? other : r;
}

/** Splits a double into two 26-bit halves (Veltkamp), so products of halves are exact. */
function split(a: number): [number, number] {
  const t = 134217729 * a; // 2^27 + 1
  const hi = t - (t - a);
  return [hi, a - hi];
}

/** a·b + c for doubles, as a fused multiply-add computes it (the exact sum, rounded once). */
export function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || p === 0) return p + c;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const e = ah * bh - p + ah * bl + al * bh + al * bl; // p + e = a·b exactly
  const s = p + c;
  const bb = s - p;
  const t = p - (s - bb) + (c - bb); // p + c = s + t exactly
  return s + (t + e);
}

const c = {
  sqrthf: f(0.7071067811865476),
  p: [7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1].map(f),
  q1: f(-2.12194440e-4),
  q2: f(0.693359375),
  fopi: f(1.27323954473516),
  dp1: f(-0.78515625),
  dp2: f(-2.4187564849853515625e-4),
  dp3: f(-3.774894977445941e-8),
  sin: [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(f),
  cos: [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(f),
};

/*
 * The two functions below follow the instruction sequence GCC 12 emitted for
 * `normal_fill_16_AVX2` in Debian's libtorch_cpu.so 1.13 (normal_stub's AVX2 entry; the loop and
 * the tail block agree): which mul/add pairs became vfmadd/vfmsub/vfnmadd is read from that
 * binary, not assumed. In `a·b + c·d` it fused a·b and kept c·d as a rounded vmulps; fusing c·d
 * instead moves about one value in a thousand by an ULP.
 */

/** log256_ps for a positive normal float. */
export function log256(x: number): number {
  F32[0] = x;
  const bits = I32[0] as number;
  let e = f(((bits >>> 23) - 0x7f) + 1);
  I32[0] = (bits & ~0x7f800000) | 0x3f000000; // mantissa with exponent of 0.5
  let m = F32[0] as number;
  const lt = m < c.sqrthf;
  const tmp = lt ? m : 0;
  m = f(m - 1);
  e = f(e - (lt ? 1 : 0));
  m = f(m + tmp);
  const z = f(m * m);
  let y = c.p[0] as number;
  for (let i = 1; i < 9; i++) y = fma32(y, m, c.p[i] as number); // vfmadd213ps, eight times
  y = f(y * m);
  y = fma32(y, z, f(e * c.q1)); // y·z + e·q1: vfmadd132ps fuses y·z; e·q1 is its own vmulps
  y = fma32(-z, 0.5, y); // y − z·0.5: vfnmadd132ps (z·0.5 is exact, so this is a plain subtraction)
  m = f(m + y);
  return fma32(e, c.q2, m); // vfmadd132ps
}

/** sincos256_ps: [sin x, cos x] for float x (here x ≥ 0). */
export function sincos256(xIn: number): [number, number] {
  const signSin = xIn < 0 || Object.is(xIn, -0);
  let x = Math.abs(xIn);
  let j = Math.trunc(f(x * c.fopi));
  j = (j + 1) & ~1;
  const y = f(j);
  const swapSin = (j & 4) !== 0;
  const polySin = (j & 2) === 0;
  x = fma32(y, c.dp1, x); // the extended-precision reduction: three vfmadd231/132ps
  x = fma32(y, c.dp2, x);
  x = fma32(y, c.dp3, x);
  const cosNeg = ((~(j - 2)) & 4) !== 0;
  const z = f(x * x);
  let yc = fma32(c.cos[0] as number, z, c.cos[1] as number);
  yc = fma32(yc, z, c.cos[2] as number);
  yc = f(yc * z);
  yc = fma32(yc, z, -f(z * 0.5)); // y·z − z·0.5: vfmsub132ps fuses the second y·z, not z·0.5
  yc = f(yc + 1);
  let ys = fma32(c.sin[0] as number, z, c.sin[1] as number);
  ys = fma32(ys, z, c.sin[2] as number);
  ys = f(ys * z);
  ys = fma32(ys, x, x); // y·x + x: vfmadd132ps
  let sin = polySin ? ys : yc;
  let cos = polySin ? yc : ys;
  if (signSin !== swapSin) sin = -sin;
  if (cosNeg) cos = -cos;
  return [sin, cos];
}
