// Philox4x32-10 against Random123's published known-answer vectors and against an independent
// BigInt transcription of the algorithm's definition (Salmon et al., SC'11), on random inputs.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mulhi32, philox4x32 } from "./philox.js";
import { PhiloxWords, referenceRandom } from "./stream.js";

/** The definition, literally: 64-bit products as BigInts, hi/lo halves, Weyl key bumps. */
function philoxBig(ctr: readonly number[], key: readonly number[]): number[] {
  const M = [0xd2511f53n, 0xcd9e8d57n];
  const W = [0x9e3779b9n, 0xbb67ae85n];
  const mask = 0xffffffffn;
  let x = ctr.map(BigInt);
  let k = key.map(BigInt);
  for (let round = 0; round < 10; round++) {
    const p0 = (M[0] as bigint) * (x[0] as bigint);
    const p1 = (M[1] as bigint) * (x[2] as bigint);
    x = [((p1 >> 32n) ^ (x[1] as bigint) ^ (k[0] as bigint)) & mask, p1 & mask, ((p0 >> 32n) ^ (x[3] as bigint) ^ (k[1] as bigint)) & mask, p0 & mask];
    k = [((k[0] as bigint) + (W[0] as bigint)) & mask, ((k[1] as bigint) + (W[1] as bigint)) & mask];
  }
  return x.map(Number);
}

const run = (c: number[], k: number[]): number[] => {
  const out = new Uint32Array(4);
  philox4x32(c[0] as number, c[1] as number, c[2] as number, c[3] as number, k[0] as number, k[1] as number, out);
  return [...out];
};

describe("philox4x32-10", () => {
  it("matches Random123's known-answer vectors", () => {
    expect(run([0, 0, 0, 0], [0, 0])).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    expect(run([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff])).toEqual([0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]);
    expect(run([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0])).toEqual([0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]);
  });

  it("the BigInt transcription agrees on the same vectors (so it is a valid oracle)", () => {
    expect(philoxBig([0, 0, 0, 0], [0, 0])).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    expect(philoxBig([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0])).toEqual([0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]);
  });

  it("equals the BigInt definition on random counters and keys", () => {
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(fc.array(u32, { minLength: 4, maxLength: 4 }), fc.array(u32, { minLength: 2, maxLength: 2 }), (c, k) => {
        expect(run(c, k)).toEqual(philoxBig(c, k));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it("mulhi32 is the high word of the exact product", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), (a, b) => {
        expect(mulhi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
      }),
      { numRuns: 2000, seed: 3 },
    );
  });
});

describe("the reference stream (stream.ts) is Philox at (seed, offset, index)", () => {
  const seed = 0x123456789abcdefn;
  const offset = 0x1_0000_0005n;
  const words = (i: number, round = 0): number[] =>
    philoxBig([i % 2 ** 32, Math.floor(i / 2 ** 32) | (round << 16), Number(offset & 0xffffffffn), Number(offset >> 32n)], [Number(seed & 0xffffffffn), Number(seed >> 32n)]);
  const spec = (distribution: Parameters<typeof referenceRandom>[0]["distribution"]) => ({ algorithm: "philox4x32-10" as const, seed, offset, distribution });

  it("uniform float32/float64/float16/bfloat16 take the top bits of words 0 (and 1)", () => {
    const n = 50;
    const f32 = referenceRandom(spec({ kind: "uniform", low: 0, high: 1 }), "float32", n);
    const f64 = referenceRandom(spec({ kind: "uniform", low: 0, high: 1 }), "float64", n);
    const f16 = referenceRandom(spec({ kind: "uniform", low: 0, high: 1 }), "float16", n);
    const bf16 = referenceRandom(spec({ kind: "uniform", low: 0, high: 1 }), "bfloat16", n);
    for (let i = 0; i < n; i++) {
      const [w0, w1] = words(i) as [number, number];
      expect(f32[i]).toBe((w0 >>> 8) / 2 ** 24);
      expect(f64[i]).toBe(((w0 >>> 11) * 2 ** 32 + w1) / 2 ** 53);
      expect(f16[i]).toBe((w0 >>> 21) / 2 ** 11);
      expect(bf16[i]).toBe((w0 >>> 24) / 2 ** 8);
    }
  });

  it("randint is low + word mod range (32-bit ranges) or the 64-bit word pair mod range", () => {
    const small = referenceRandom(spec({ kind: "randint", low: -7n, high: 1000n }), "int32", 40);
    const big = referenceRandom(spec({ kind: "randint", low: 5n, high: 2n ** 40n + 5n }), "int64", 40);
    for (let i = 0; i < 40; i++) {
      const [w0, w1] = words(i) as [number, number];
      expect(small[i]).toBe(-7 + (w0 % 1007));
      expect(big[i]).toBe(5n + (((BigInt(w0) << 32n) | BigInt(w1)) % 2n ** 40n));
    }
  });

  it("bernoulli compares word 0 with ⌈p·2^32⌉", () => {
    const out = referenceRandom(spec({ kind: "bernoulli", p: 0.3 }), "float32", 200);
    for (let i = 0; i < 200; i++) expect(out[i]).toBe((words(i)[0] as number) < Math.ceil(0.3 * 2 ** 32) ? 1 : 0);
  });

  it("an element depends only on its index: a longer call extends a shorter one", () => {
    for (const d of [{ kind: "normal", mean: 0, std: 1 }, { kind: "cauchy", median: 0, sigma: 1 }, { kind: "exponential", scale: 1 }] as const) {
      const long = referenceRandom(spec(d), "float32", 300);
      const short = referenceRandom(spec(d), "float32", 17);
      expect([...short]).toEqual([...long.subarray(0, 17)]);
    }
    const rates = Array.from({ length: 64 }, (_, i) => i * 1.5);
    const p = referenceRandom(spec({ kind: "poisson" }), "float32", 64, rates);
    expect([...referenceRandom(spec({ kind: "poisson" }), "float32", 10, rates.slice(0, 10))]).toEqual([...p.subarray(0, 10)]);
  });

  it("poisson uses later rounds of an element's counter only when it needs more words", () => {
    const w = new PhiloxWords(seed, offset);
    w.reset(3);
    const got = Array.from({ length: 10 }, () => w.next());
    expect(got).toEqual([...words(3, 0), ...words(3, 1), ...(words(3, 2).slice(0, 2))]);
  });
});
