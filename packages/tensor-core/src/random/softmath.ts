/**
 * Software log / exp / sqrt / sin-cos built only from correctly rounded `+ − ×`, exact bit
 * manipulation (exponent extraction, scaling by powers of two), comparisons, `floor`/`ceil` and
 * small-integer conversions. No division, no hardware sqrt, no fused multiply-add, no library
 * transcendental: each of those rounds differently on different devices (WGSL allows 2.5 ULP for
 * `/` and `sqrt`, CUDA contracts to FMA), so a sampler written with them could not give the same
 * bits everywhere. Every step here rounds exactly once in the chosen precision, so any device
 * that evaluates the same sequence of IEEE `+ − ×` reproduces these functions bit for bit.
 *
 * This file is the reference: a backend that samples on its own device must evaluate the exact
 * sequence of operations below (same constants, same Horner order, same iteration counts).
 * The functions are accurate to a few ULPs — enough for sampling; they are not meant as `torch.log`.
 *
 * Two precisions: "f32" rounds every operation to binary32 (`Math.fround` of a double op is the
 * correctly rounded binary32 result for + − ×), "f64" is binary64.
 */

export type Precision = "f32" | "f64";

export interface SoftMath {
  readonly precision: Precision;
  /** Rounds a double to this precision. */
  readonly round: (x: number) => number;
  /** Natural log of a positive normal number. */
  log(x: number): number;
  /** e^x (overflows to +inf, underflows through subnormals to 0). */
  exp(x: number): number;
  /** √x for positive normal x (x·rsqrt(x) after Newton iterations). */
  sqrt(x: number): number;
  /** 1/x for finite nonzero x (Newton iterations from a linear seed). */
  recip(x: number): number;
  /** [sin 2πt, cos 2πt] for t in [0, 1) with t an exact dyadic (quadrant reduction is exact). */
  sinCosTurns(t: number): [number, number];
}

const F64 = new Float64Array(1);
const U64 = new Uint32Array(F64.buffer);

/** The exponent of the last `mantissa` call (a module slot, so hot loops allocate no tuples). */
let exponent = 0;

/** m with x = m · 2^e, m in [1, 2), exactly (x positive, normal in binary64); e in `exponent`. */
function mantissa(x: number): number {
  F64[0] = x;
  const hi = U64[1] as number;
  exponent = ((hi >>> 20) & 0x7ff) - 1023;
  U64[1] = (hi & 0x800fffff) | 0x3ff00000;
  return F64[0] as number;
}

/** 2^k exactly for -1022 ≤ k ≤ 1023. */
function pow2(k: number): number {
  U64[0] = 0;
  U64[1] = (k + 1023) << 20;
  return F64[0] as number;
}

/** x · 2^k with one rounding at most (two exact-power steps keep subnormal results single-rounded). */
function ldexp(x: number, k: number): number {
  if (k > 1023) return ldexp(x * pow2(1023), k - 1023);
  if (k < -1022) return x * pow2(-1022) * pow2(Math.max(k + 1022, -1022));
  return x * pow2(k);
}

// Taylor coefficients, most significant first; the Horner loops run from the end.
const LOG_F32 = [2, 2 / 3, 2 / 5, 2 / 7, 2 / 9, 2 / 11];
const LOG_F64 = [2, 2 / 3, 2 / 5, 2 / 7, 2 / 9, 2 / 11, 2 / 13, 2 / 15, 2 / 17, 2 / 19, 2 / 21, 2 / 23];
const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
const sinCoeffs = (terms: number): number[] =>
  Array.from({ length: terms }, (_, k) => (k % 2 === 0 ? 1 : -1) / fact(2 * k + 1));
const cosCoeffs = (terms: number): number[] =>
  Array.from({ length: terms }, (_, k) => (k % 2 === 0 ? 1 : -1) / fact(2 * k));
const expCoeffs = (terms: number): number[] => Array.from({ length: terms }, (_, k) => 1 / fact(k));

const SPEC = {
  f32: {
    round: Math.fround,
    log: LOG_F32,
    sin: sinCoeffs(6), // through x^11
    cos: cosCoeffs(7), // through x^12
    exp: expCoeffs(10), // through r^9
    recipIters: 3,
    rsqrtIters: 5,
    ln2Hi: 0.693145751953125, // 16 significant bits: k·ln2Hi is exact for |k| < 2^8
    ln2Lo: 1.4286068203094173e-6,
    expMax: 88.72283935546875,
    expMin: -103.97208404541016,
  },
  f64: {
    round: (x: number): number => x,
    log: LOG_F64,
    sin: sinCoeffs(9), // through x^17
    cos: cosCoeffs(10), // through x^18
    exp: expCoeffs(16), // through r^15
    recipIters: 4,
    rsqrtIters: 6,
    ln2Hi: 6.93147180369123816490e-1, // 32 significant bits
    ln2Lo: 1.90821492927058770002e-10,
    expMax: 709.782712893384,
    expMin: -745.1332191019411,
  },
} as const;

/** The soft math of one precision. Constants are rounded to that precision once, here. */
export function softMath(precision: Precision): SoftMath {
  const s = SPEC[precision];
  const R = s.round;
  const logC = s.log.map(R);
  const sinC = s.sin.map(R);
  const cosC = s.cos.map(R);
  const expC = s.exp.map(R);
  const ln2Hi = R(s.ln2Hi);
  const ln2Lo = R(s.ln2Lo);
  const log2e = R(Math.LOG2E);
  const halfPi = R(Math.PI / 2);
  const sqrtTwo = R(2 * R(Math.SQRT1_2));
  const seedA = R(24 / 17);
  const seedB = R(8 / 17);
  const rsA = R(1.2);
  const rsB = R(0.2);
  const horner = (c: readonly number[], z: number): number => {
    let p = c[c.length - 1] as number;
    for (let i = c.length - 2; i >= 0; i--) p = R(R(p * z) + (c[i] as number));
    return p;
  };

  /** 1/x: x = m·2^e, Newton r ← r·(2 − m·r) from the linear seed 24/17 − 8/17·m, then scale. */
  const recip = (x: number): number => {
    const neg = x < 0;
    const m = mantissa(neg ? -x : x);
    const e = exponent;
    let r = R(seedA - R(seedB * m)); // m in [1, 2): relative error ≤ 1/17
    for (let i = 0; i < s.recipIters; i++) r = R(r * R(2 - R(m * r)));
    const v = R(ldexp(r, -e));
    return neg ? -v : v;
  };

  /** √x: x = m·4^k with m in [1, 4); Newton on 1/√m, r ← r·(1.5 − 0.5·m·r²); √m = m·r. */
  const sqrt = (x: number): number => {
    let m = mantissa(x);
    let e = exponent;
    if ((e & 1) !== 0) {
      m = m * 2; // exact
      e -= 1;
    }
    let r = R(rsA - R(rsB * m)); // m in [1, 4): within 25% of 1/√m
    const hm = R(0.5 * m); // exact
    for (let i = 0; i < s.rsqrtIters; i++) r = R(r * R(1.5 - R(hm * R(r * r))));
    return R(ldexp(R(m * r), e / 2));
  };

  /** ln x = e·ln2 + 2·atanh(s), s = (m−1)/(m+1), m in [√½, √2) so |s| ≤ 0.172. */
  const log = (x: number): number => {
    let m = mantissa(x);
    let e = exponent;
    if (m > sqrtTwo) {
      m = m * 0.5; // exact
      e += 1;
    }
    const num = R(m - 1); // exact (Sterbenz)
    const den = R(m + 1);
    const t = R(num * recip(den));
    const z = R(t * t);
    const lm = R(t * horner(logC, z));
    return R(R(e * ln2Hi) + R(lm + R(e * ln2Lo)));
  };

  /** e^x = 2^k·e^r, k = ⌊x·log2e + ½⌋, r = (x − k·ln2Hi) − k·ln2Lo (Cody–Waite), Taylor for e^r. */
  const exp = (x: number): number => {
    if (x !== x) return x;
    if (x > s.expMax) return Infinity;
    if (x < s.expMin) return 0;
    const k = Math.floor(R(R(x * log2e) + 0.5));
    const r = R(R(x - R(k * ln2Hi)) - R(k * ln2Lo));
    return R(ldexp(horner(expC, r), k));
  };

  /** Quadrant q = ⌊4t⌋ and f = 4t − q are exact; the octant fold 1 − f is exact too. */
  const sinCosTurns = (t: number): [number, number] => {
    const v = t * 4; // exact
    const q = Math.floor(v);
    const f = v - q; // exact
    const fold = f > 0.5;
    const x = R((fold ? 1 - f : f) * halfPi);
    const z = R(x * x);
    const sx = R(x * horner(sinC, z));
    const cx = horner(cosC, z);
    const [s0, c0] = fold ? [cx, sx] : [sx, cx];
    switch (q & 3) {
      case 0:
        return [s0, c0];
      case 1:
        return [c0, -s0];
      case 2:
        return [-s0, -c0];
      default:
        return [-c0, s0];
    }
  };

  return { precision, round: R, log, exp, sqrt, recip, sinCosTurns };
}

export const softMath32 = softMath("f32");
export const softMath64 = softMath("f64");
