/**
 * PyTorch 1.13's CPU sampling kernels over its mt19937 generator, reproduced for "torch" mode:
 * the same words consumed in the same order, the same transforms in the same precision. Values
 * are produced in the order PyTorch's kernel visits elements (memory order for in-place fills).
 * Verified against `tooling/fixtures/data/random.json` (PyTorch's own outputs).
 */
import type { DType } from "../dtype.js";
import { roundToBfloat16, roundToFloat16 } from "../float16.js";
import type { MT19937 } from "./mt19937.js";
import { fma32, fma64, log256, sincos256 } from "./avx-mathfun.js";
import { crCos, crExp, crLog, crSin, crTan } from "./libm.js";

const TWO32 = 4294967296;
const f = Math.fround;

/** Rounding of each floating dtype (the identity for float64). */
export const ROUND: Record<"float16" | "bfloat16" | "float32" | "float64", (x: number) => number> = {
  float16: roundToFloat16,
  bfloat16: roundToBfloat16,
  float32: f,
  float64: (x) => x,
};
type FloatDType = keyof typeof ROUND;
const roundOf = (d: DType): ((x: number) => number) => ROUND[d as FloatDType] ?? ((x: number) => x);

/** `uniform_real_distribution<T>(0, 1)`: the low `digits` bits of one word (two for double). */
export function uniform01(mt: MT19937, dtype: DType): number {
  switch (dtype) {
    case "float64": {
      const [hi, lo] = mt.nextU64();
      return ((hi & 0x1fffff) * TWO32 + lo) * 2 ** -53;
    }
    case "float16":
      return (mt.nextU32() & 0x7ff) * 2 ** -11;
    case "bfloat16":
      return (mt.nextU32() & 0xff) * 2 ** -8;
    default:
      return (mt.nextU32() & 0xffffff) * 2 ** -24;
  }
}

/** `uniform_(from, to)`: `x·(to − from) + from` in the accumulate type (float for 16-bit dtypes). */
export function uniform(mt: MT19937, n: number, dtype: DType, from: number, to: number): Float64Array {
  const out = new Float64Array(n);
  const r = roundOf(dtype);
  const lo = r(from);
  const hi = r(to);
  const span = r(hi - lo);
  for (let i = 0; i < n; i++) {
    const x = uniform01(mt, dtype);
    out[i] = dtype === "float64" ? fma64(x, span, lo) : r(fma32(x, span, lo));
  }
  return out;
}

/** `at::normal_distribution<double>`: Box–Muller on two doubles, caching the sine branch. */
export function normalDouble(mt: MT19937, mean: number, std: number): number {
  if (mt.nextDoubleNormal !== null) {
    const z = mt.nextDoubleNormal;
    mt.nextDoubleNormal = null;
    return fma64(z, std, mean);
  }
  const u1 = uniform01(mt, "float64");
  const u2 = uniform01(mt, "float64");
  const radius = Math.sqrt(-2 * crLog(1 - u2));
  const theta = 2 * Math.PI * u1;
  mt.nextDoubleNormal = radius * crSin(theta);
  return fma64(radius * crCos(theta), std, mean);
}

/**
 * PyTorch's `normal_fill_16` (scalar version) over 16 uniforms in `d`, in dtype precision. Half
 * math promotes to float between stores; c10's BFloat16 math functions and operators return
 * BFloat16, so every bfloat16 step rounds.
 */
function fill16(d: Float64Array, at: number, dtype: DType, mean: number, std: number): void {
  const r = roundOf(dtype);
  if (dtype === "bfloat16") {
    for (let j = 0; j < 8; j++) {
      const u1 = r(1 - (d[at + j] as number));
      const u2 = d[at + j + 8] as number;
      const radius = r(Math.sqrt(r(-2 * r(Math.log(u1)))));
      const theta = r(2 * Math.PI * u2);
      d[at + j] = r(r(r(radius * r(Math.cos(theta))) * std) + mean);
      d[at + j + 8] = r(r(r(radius * r(Math.sin(theta))) * std) + mean);
    }
    return;
  }
  const wide = dtype === "float64";
  for (let j = 0; j < 8; j++) {
    const u1 = r(1 - (d[at + j] as number));
    const u2 = d[at + j + 8] as number;
    const radius = r(wide ? Math.sqrt(-2 * crLog(u1)) : f(Math.sqrt(f(-2 * f(Math.log(u1))))));
    const theta = r(2 * Math.PI * u2);
    const cos = wide ? crCos(theta) : f(Math.cos(theta));
    const sin = wide ? crSin(theta) : f(Math.sin(theta));
    d[at + j] = r(wide ? fma64(radius * cos, std, mean) : f(f(f(radius * cos) * std) + mean));
    d[at + j + 8] = r(wide ? fma64(radius * sin, std, mean) : f(f(f(radius * sin) * std) + mean));
  }
}

const TWO_PI_F = f(2 * Math.PI);

/** `normal_fill_16_AVX2`: float32 with avx_mathfun's log/sincos and a final FMA. */
function fill16Avx2(d: Float64Array, at: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = f(1 - (d[at + j] as number));
    const u2 = d[at + j + 8] as number;
    const radius = f(Math.sqrt(f(-2 * log256(u1))));
    const [sin, cos] = sincos256(f(TWO_PI_F * u2));
    d[at + j] = fma32(f(radius * cos), std, mean);
    d[at + j + 8] = fma32(f(radius * sin), std, mean);
  }
}

/**
 * `normal_(mean, std)`. Tensors of ≥ 16 contiguous elements take the vectorised path: all
 * uniforms first, Box–Muller on blocks of 16 (the last block recomputed from 16 fresh uniforms
 * when the size is not a multiple of 16). Smaller or strided tensors use the scalar double
 * sampler element by element.
 */
export function normal(mt: MT19937, n: number, dtype: DType, mean: number, std: number, contiguous: boolean): Float64Array {
  const out = new Float64Array(n);
  const r = roundOf(dtype);
  if (n >= 16 && contiguous) {
    const m = r(mean);
    const s = r(std);
    for (let i = 0; i < n; i++) out[i] = uniform01(mt, dtype);
    const block = dtype === "float32" ? (at: number): void => fill16Avx2(out, at, m, s) : (at: number): void => fill16(out, at, dtype, m, s);
    for (let i = 0; i + 16 <= n; i += 16) block(i);
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) out[i] = uniform01(mt, dtype);
      block(n - 16);
    }
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = r(normalDouble(mt, mean, std));
  return out;
}

/** Uniform double in [0, 1) (random64). */
const u64 = (mt: MT19937): number => uniform01(mt, "float64");

export function exponential(mt: MT19937, n: number, dtype: DType, lambda: number): Float64Array {
  const r = roundOf(dtype);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = r((-1 / lambda) * crLog(1 - u64(mt)));
  return out;
}

export function geometric(mt: MT19937, n: number, dtype: DType, p: number): Float64Array {
  const r = roundOf(dtype);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = r(Math.ceil(Math.log(u64(mt)) / Math.log1p(-p)));
  return out;
}

export function logNormal(mt: MT19937, n: number, dtype: DType, mean: number, std: number): Float64Array {
  const r = roundOf(dtype);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = r(crExp(normalDouble(mt, mean, std)));
  return out;
}

export function cauchy(mt: MT19937, n: number, dtype: DType, median: number, sigma: number): Float64Array {
  const r = roundOf(dtype);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = r(fma64(sigma, crTan(Math.PI * (u64(mt) - 0.5)), median));
  return out;
}

/** `bernoulli_(p)` with a scalar p: one double uniform per element, `u < p`. */
export function bernoulliScalar(mt: MT19937, n: number, p: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = u64(mt) < p ? 1 : 0;
  return out;
}

/** `bernoulli(p_tensor)`: a double uniform for float64 p, a float uniform otherwise. */
export function bernoulliTensor(mt: MT19937, p: ArrayLike<number>, pDtype: DType): Float64Array {
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const u = pDtype === "float64" ? u64(mt) : uniform01(mt, "float32");
    out[i] = u < (p[i] as number) ? 1 : 0;
  }
  return out;
}

/** The 64-bit modulo of PyTorch's integer transforms. */
function mod64(hi: number, lo: number, m: bigint): bigint {
  return ((BigInt(hi) << 32n) | BigInt(lo)) % m;
}

/** `random_(from, to)` / `randint`: `from + bits mod range`; 64 bits only for large ranges of 64-bit types. */
export function randint(mt: MT19937, n: number, dtype: DType, low: bigint, high: bigint): Float64Array | BigInt64Array {
  const range = high - low;
  const wide = range >= 2n ** 32n && (dtype === "int64" || dtype === "float64" || dtype === "float32" || dtype === "bfloat16");
  const r = roundOf(dtype);
  const out = dtype === "int64" ? new BigInt64Array(n) : new Float64Array(n);
  const rn = Number(range);
  for (let i = 0; i < n; i++) {
    let v: bigint | number;
    if (wide) {
      const [hi, lo] = mt.nextU64();
      v = mod64(hi, lo, range) + low;
    } else {
      const w = mt.nextU32();
      v = range < 2n ** 32n ? (w % rn) + Number(low) : BigInt(w) % range + low;
    }
    if (out instanceof BigInt64Array) out[i] = BigInt.asIntN(64, BigInt(v));
    else out[i] = r(Number(v));
  }
  return out;
}

/** `random_()` without bounds: [0, 2^mantissa] for floats, [0, max] for integers, a bit for bool. */
export function randomFull(mt: MT19937, n: number, dtype: DType): Float64Array | BigInt64Array {
  const modulus: Record<DType, bigint> = {
    bool: 2n,
    uint8: 256n,
    int8: 128n,
    int16: 32768n,
    int32: 2n ** 31n,
    int64: 2n ** 63n,
    float16: 2n ** 11n + 1n,
    bfloat16: 2n ** 8n + 1n,
    float32: 2n ** 24n + 1n,
    float64: 2n ** 53n + 1n,
  };
  const m = modulus[dtype];
  const wide = dtype === "int64" || dtype === "float64";
  const out = dtype === "int64" ? new BigInt64Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = wide ? mod64(...mt.nextU64(), m) : BigInt(mt.nextU32()) % m;
    if (out instanceof BigInt64Array) out[i] = v;
    else out[i] = Number(v);
  }
  return out;
}

/** `randperm(n)`: Fisher–Yates from the front, `z = random() % (n − i)`. */
export function randperm(mt: MT19937, n: number): number[] {
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n - 1; i++) {
    const z = mt.nextU32() % (n - i);
    const t = perm[i] as number;
    perm[i] = perm[z + i] as number;
    perm[z + i] = t;
  }
  return perm;
}

/** log Γ(x) for x ≥ 1 (Lanczos, g = 7): only compared against, so a few ULPs never matter in practice. */
function lgamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0] as number;
  const t = z + g + 0.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** PyTorch's `sample_poisson`: transformed rejection (Hörmann) for λ ≥ 10, multiplication below. */
function samplePoisson(mt: MT19937, lambda: number): number {
  if (lambda >= 10) {
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const U = u64(mt) - 0.5;
      const V = u64(mt);
      const us = 0.5 - Math.abs(U);
      const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
      if (us >= 0.07 && V <= vr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lgamma(k + 1)) return k;
    }
  }
  if (lambda === 0) return 0;
  const enlam = Math.exp(-lambda);
  let x = 0;
  let prod = 1;
  for (;;) {
    prod *= u64(mt);
    if (prod > enlam) x += 1;
    else return x;
  }
}

export function poisson(mt: MT19937, rates: ArrayLike<number>, dtype: DType): Float64Array {
  const r = roundOf(dtype);
  const out = new Float64Array(rates.length);
  for (let i = 0; i < rates.length; i++) out[i] = r(samplePoisson(mt, rates[i] as number));
  return out;
}

/** Multinomial with replacement: float cumulative sums normalised, binary search per double uniform. */
export function multinomialWithReplacement(mt: MT19937, probs: ArrayLike<number>, rows: number, k: number, n: number, dtype: DType): number[] {
  const r = roundOf(dtype);
  const out: number[] = [];
  const cum = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      sum = r(sum + (probs[i * k + j] as number));
      cum[j] = sum;
    }
    for (let j = 0; j < k; j++) cum[j] = r((cum[j] as number) / sum);
    cum[k - 1] = 1;
    for (let s = 0; s < n; s++) {
      const u = u64(mt);
      let left = 0;
      let right = k;
      while (right - left > 0) {
        const mid = left + Math.floor((right - left) / 2);
        if ((cum[mid] as number) < u) left = mid + 1;
        else right = mid;
      }
      out.push(left);
    }
  }
  return out;
}

/**
 * Multinomial without replacement: the exponential race
 * `argmax/topk(p / q)`, q ~ Exp(1) drawn with `exponential_` in the probabilities' dtype.
 */
export function multinomialRace(mt: MT19937, probs: ArrayLike<number>, rows: number, k: number, n: number, dtype: DType): number[] {
  const r = roundOf(dtype);
  const q = exponential(mt, rows * k, dtype, 1);
  const out: number[] = [];
  for (let i = 0; i < rows; i++) {
    const keys = Array.from({ length: k }, (_, j) => r((probs[i * k + j] as number) / (q[i * k + j] as number)));
    const idx = Array.from({ length: k }, (_, j) => j).sort((a, b) => (keys[b] as number) - (keys[a] as number) || a - b);
    out.push(...idx.slice(0, n));
  }
  return out;
}
