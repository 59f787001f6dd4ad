/**
 * The reference stream of the `random` primitive: what every backend must produce, element by
 * element, for a `RandomSpec`. backend-cpu calls it directly; other backends port it (the
 * conformance suite compares them against it with zero tolerance).
 *
 * Element `i` owns a stream of 32-bit words: the four words of Philox block `round = 0`, then of
 * `round = 1`, and so on (see `RandomSpec` for the counter layout). Samplers take words from it in
 * order. Uniforms use the top bits of a word; "f64" samplers take two words per uniform (first
 * word most significant). Transforms run in the out dtype's sampling precision — binary64 for
 * float64, binary32 for everything else (float16/bfloat16 round the binary32 result once) — with
 * `softmath.ts`, so they are exact sequences of IEEE `+ − ×`.
 */
import type { DType } from "../dtype.js";
import { DTYPES, isFloatingPoint } from "../dtype.js";
import { roundToBfloat16, roundToFloat16 } from "../float16.js";
import type { RandomDistributionName, RandomSpec } from "../primitives.js";
import { RANDOM_DISTRIBUTIONS } from "../primitives.js";
import { philox4x32 } from "./philox.js";
import type { SoftMath } from "./softmath.js";
import { softMath32, softMath64 } from "./softmath.js";

const TWO32 = 4294967296;

/** The out dtypes the core may send a distribution with (what a conformance suite should cover). */
export function randomOutDtypes(kind: RandomDistributionName): DType[] {
  const rule = RANDOM_DISTRIBUTIONS[kind];
  return DTYPES.filter((d) => (rule === "float" ? isFloatingPoint(d) : rule === "numeric" ? d !== "bool" : true));
}
const MAX_ROUNDS = 65536;

/** The word stream of one element; `reset(i)` moves it to element `i`, round 0. */
export class PhiloxWords {
  private readonly block = new Uint32Array(4);
  private readonly k0: number;
  private readonly k1: number;
  private readonly o0: number;
  private readonly o1: number;
  private index = 0;
  private round = 0;
  private used = 4;

  constructor(seed: bigint, offset: bigint) {
    this.k0 = Number(BigInt.asUintN(32, seed));
    this.k1 = Number(BigInt.asUintN(32, seed >> 32n));
    this.o0 = Number(BigInt.asUintN(32, offset));
    this.o1 = Number(BigInt.asUintN(32, offset >> 32n));
  }

  /** The four words of element `index`'s first block (round 0), into `out`. */
  first(index: number, out: Uint32Array): void {
    philox4x32(index >>> 0, Math.floor(index / TWO32) >>> 0, this.o0, this.o1, this.k0, this.k1, out);
  }

  reset(index: number): void {
    this.index = index;
    this.round = 0;
    this.used = 4;
  }

  next(): number {
    if (this.used === 4) {
      if (this.round >= MAX_ROUNDS) throw new RangeError("random: an element needed more than 2^16 Philox blocks");
      const i = this.index;
      const hi = Math.floor(i / TWO32);
      philox4x32(i >>> 0, (hi | (this.round << 16)) >>> 0, this.o0, this.o1, this.k0, this.k1, this.block);
      this.round++;
      this.used = 0;
    }
    return this.block[this.used++] as number;
  }
}

/** The uniform and transform helpers of one sampling precision. */
interface Sampler {
  readonly m: SoftMath;
  /** (0, 1): (k + ½)·2^-23 (f32) or (k + ½)·2^-52 (f64). Never 0 or 1, so log and tan stay finite. */
  open(w: PhiloxWords): number;
  /** [0, 1) angle in turns for Box–Muller: 24 bits (f32) or 53 bits (f64). */
  turn(w: PhiloxWords): number;
}

/**
 * The helpers of a sampling precision. (Uniform samples themselves — [0, 1) with 24/11/8 bits of
 * word 0 for float32/float16/bfloat16, 53 bits of words 0–1 for float64 — are in the hot path of
 * `referenceRandom`.)
 */
function sampler(dtype: DType): Sampler {
  if (dtype === "float64") {
    return {
      m: softMath64,
      open: (w) => ((w.next() >>> 12) * TWO32 + w.next() + 0.5) * 2 ** -52,
      turn: (w) => ((w.next() >>> 11) * TWO32 + w.next()) * 2 ** -53,
    };
  }
  return {
    m: softMath32,
    open: (w) => ((w.next() >>> 9) + 0.5) * 2 ** -23,
    turn: (w) => (w.next() >>> 8) * 2 ** -24,
  };
}

/** Standard normal by Box–Muller: √(−2 log u)·cos 2πt, u on (0, 1), t on [0, 1). */
function standardNormal(s: Sampler, w: PhiloxWords): number {
  const { m } = s;
  const u = s.open(w);
  const t = s.turn(w);
  const radius = m.sqrt(-2 * m.log(u)); // ×(−2) is exact
  return m.round(radius * (m.sinCosTurns(t)[1] as number));
}

/** tan(π(u − ½)) for u on (0, 1): odd symmetry keeps the argument an exact dyadic in [0, ¼). */
function cauchyStd(s: Sampler, w: PhiloxWords): number {
  const { m } = s;
  const v = s.open(w) - 0.5; // exact
  const [sn, cs] = m.sinCosTurns(Math.abs(v) * 0.5);
  const t = m.round(sn * m.recip(cs));
  return v < 0 ? -t : t;
}

/** log Γ(k + 1) for k < 16 as constants of the reference (rounded to the precision). */
const LOG_FACTORIAL = [
  0, 0, 0.6931471805599453, 1.791759469228055, 3.1780538303479458, 4.787491742782046, 6.579251212010101,
  8.525161361065415, 10.60460290274525, 12.801827480081469, 15.104412573075516, 17.502307845873887,
  19.987214495661885, 22.552163853123425, 25.19122118273868, 27.89927138384089,
];
const HALF_LOG_2PI = 0.9189385332046728;

function logFactorial(m: SoftMath, k: number): number {
  const R = m.round;
  if (k < 16) return R(LOG_FACTORIAL[k] as number);
  // Stirling: (n − ½)·log n − n + ½·log 2π + 1/(12n) − 1/(360n³) + 1/(1260n⁵), n = k + 1
  const n = k + 1;
  const r = m.recip(n);
  const r2 = R(r * r);
  const series = R(r * R(R(1 / 12) - R(r2 * R(R(1 / 360) - R(r2 * R(1 / 1260))))));
  return R(R(R(R(R(n - 0.5) * m.log(n)) - n) + R(HALF_LOG_2PI)) + series);
}

/**
 * Poisson(λ): λ < 10 by multiplying uniforms until the product falls to e^−λ; λ ≥ 10 by Hörmann's
 * transformed rejection (PTRS, 1993) with Stirling's log k!.
 */
function poisson(s: Sampler, w: PhiloxWords, lambda: number): number {
  const { m } = s;
  const R = m.round;
  const lam = R(lambda);
  if (!(lam > 0)) return 0;
  if (lam < 10) {
    const limit = m.exp(-lam);
    let prod = 1;
    for (let x = 0; ; x++) {
      prod = R(prod * s.open(w));
      if (!(prod > limit)) return x;
    }
  }
  const slam = m.sqrt(lam);
  const loglam = m.log(lam);
  const b = R(R(2.53 * slam) + R(0.931));
  const a = R(R(R(0.02483) * b) - R(0.059));
  const invAlpha = R(R(1.1239) + R(R(1.1328) * m.recip(R(b - R(3.4)))));
  const vr = R(R(0.9277) - R(R(3.6224) * m.recip(R(b - 2))));
  const logInvAlpha = m.log(invAlpha);
  for (;;) {
    const U = R(s.open(w) - 0.5);
    const V = s.open(w);
    const us = R(0.5 - Math.abs(U));
    const k = Math.floor(R(R(R(R(R(2 * a) * m.recip(us)) + b) * U) + R(lam + R(0.43))));
    if (us >= R(0.07) && V <= vr) return k;
    if (k < 0 || (us < R(0.013) && V > us)) continue;
    const lhs = R(R(m.log(V) + logInvAlpha) - m.log(R(R(a * m.recip(R(us * us))) + b)));
    const rhs = R(R(R(k * loglam) - lam) - logFactorial(m, k));
    if (lhs <= rhs) return k;
  }
}

const ROUND_TO: Partial<Record<DType, (x: number) => number>> = {
  float16: roundToFloat16,
  bfloat16: roundToBfloat16,
  float32: Math.fround,
};

/**
 * The reference values of one `random` call with `n` elements of `dtype`: a Float64Array of the
 * exact values (already rounded to `dtype`; integers as integral numbers, bool as 0/1), or a
 * BigInt64Array for int64. `input` holds the per-element parameter (bernoulli p, poisson rate),
 * already broadcast to `n` elements in row-major order.
 */
export function referenceRandom(
  spec: RandomSpec,
  dtype: DType,
  n: number,
  input?: ArrayLike<number>,
): Float64Array | BigInt64Array {
  const d = spec.distribution;
  const w = new PhiloxWords(spec.seed, spec.offset);
  if (d.kind === "randint") {
    const range = d.high - d.low;
    if (range <= 0n) throw new RangeError("random: randint needs low < high");
    const small = range <= BigInt(TWO32);
    const out = dtype === "int64" ? new BigInt64Array(n) : new Float64Array(n);
    const r = Number(range);
    const lowN = Number(d.low);
    for (let i = 0; i < n; i++) {
      w.reset(i);
      if (out instanceof BigInt64Array) {
        const bits = small ? BigInt(w.next() % r) : ((BigInt(w.next()) << 32n) | BigInt(w.next())) % range;
        out[i] = d.low + bits;
      } else {
        out[i] = small ? lowN + (w.next() % r) : Number(d.low + (((BigInt(w.next()) << 32n) | BigInt(w.next())) % range));
      }
    }
    return out;
  }
  const out = new Float64Array(n);
  if (d.kind === "uniform") {
    // rand's and uniform_'s hot path: the general loop's values, without the word-stream bookkeeping
    const block = new Uint32Array(4);
    const bits = dtype === "float64" ? 53 : dtype === "float16" ? 11 : dtype === "bfloat16" ? 8 : 24;
    const R = dtype === "float64" ? (x: number): number => x : Math.fround;
    const fin = ROUND_TO[dtype] ?? ((x: number) => x);
    const unit = d.low === 0 && d.high === 1;
    const lo = R(d.low);
    const span = R(R(d.high) - lo);
    for (let i = 0; i < n; i++) {
      w.first(i, block);
      const w0 = block[0] as number;
      const u = bits === 53 ? ((w0 >>> 11) * TWO32 + (block[1] as number)) * 2 ** -53 : (w0 >>> (32 - bits)) * 2 ** -bits;
      out[i] = unit ? u : fin(R(R(u * span) + lo));
    }
    return out;
  }
  const s = sampler(isFloatingPoint(dtype) ? dtype : "float32");
  const R = s.m.round;
  const fin = ROUND_TO[dtype] ?? ((x: number) => x);
  const param = (i: number, fallback: number): number => (input ? (input[i] as number) : fallback);
  for (let i = 0; i < n; i++) {
    w.reset(i);
    let v: number;
    switch (d.kind) {
      case "normal":
        v = R(R(standardNormal(s, w) * R(d.std)) + R(d.mean));
        break;
      case "logNormal":
        v = s.m.exp(R(R(standardNormal(s, w) * R(d.std)) + R(d.mean)));
        break;
      case "cauchy":
        v = R(R(cauchyStd(s, w) * R(d.sigma)) + R(d.median));
        break;
      case "exponential":
        v = R(-s.m.log(s.open(w)) * R(d.scale));
        break;
      case "geometric":
        v = Math.max(1, Math.ceil(R(s.m.log(s.open(w)) * R(d.scale))));
        break;
      case "bernoulli": {
        const p = param(i, d.p);
        const word = w.next();
        v = p >= 1 || word < Math.ceil(p * TWO32) ? 1 : 0;
        break;
      }
      case "poisson":
        v = poisson(s, w, param(i, 0));
        break;
    }
    out[i] = fin(v);
  }
  return dtype === "int64" ? BigInt64Array.from(out, (x) => BigInt(x)) : out;
}
