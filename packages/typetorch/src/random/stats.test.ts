// Statistical sanity of every sampler, in both RNG modes: means and variances within 5 standard
// errors and Kolmogorov–Smirnov distances under the 0.1% critical value (1.95/√n), at fixed seeds —
// deterministic, so a failure means a broken sampler, never bad luck.
import { afterAll, describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { DType, Tensor } from "typetorch";

const N = 20000;
const vals = (t: Tensor): number[] => (t.reshape(-1).to("float64").tolist() as number[]);
const mean = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
const variance = (x: number[]): number => {
  const m = mean(x);
  return x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1);
};

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), enough for a KS reference. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}
const normalCdf = (m: number, s: number) => (x: number): number => 0.5 * (1 + erf((x - m) / (s * Math.SQRT2)));

/** The KS distance of the sample from a continuous CDF. */
function ks(x: number[], cdf: (v: number) => number): number {
  const s = [...x].sort((a, b) => a - b);
  let d = 0;
  s.forEach((v, i) => {
    const f = cdf(v);
    d = Math.max(d, f - i / s.length, (i + 1) / s.length - f);
  });
  return d;
}
const KS = 1.95 / Math.sqrt(N);
/** Within 5 standard errors. */
const near = (got: number, want: number, sd: number, n = N): void => expect(Math.abs(got - want)).toBeLessThan((5 * sd) / Math.sqrt(n));
/** Frequencies of the given values match probabilities (each within 5 binomial standard errors). */
function frequencies(x: number[], probs: Record<number, number>): void {
  for (const [k, p] of Object.entries(probs)) {
    const f = x.filter((v) => v === Number(k)).length / x.length;
    expect(Math.abs(f - p), `P(${k})`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / x.length) + 1e-12);
  }
}
/** 16-bit floats quantise the sample; allow the grid's effect on the CDF. */
const grid: Partial<Record<DType, number>> = { float16: 2 ** -10, bfloat16: 2 ** -7 };

for (const mode of ["portable", "torch"] as const) {
  describe(`samplers are distributed as they claim (${mode} mode)`, () => {
    const seeded = (seed: number): void => {
      torch.setRngMode(mode);
      torch.manualSeed(seed);
    };
    afterAll(() => torch.setRngMode("portable"));

    for (const dt of ["float32", "float64", "float16", "bfloat16"] as const) {
      it(`rand and uniform_ (${dt})`, () => {
        seeded(11);
        const u = vals(torch.rand(N, { dtype: dt }));
        expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...u)).toBeLessThan(1);
        expect(ks(u, (v) => v)).toBeLessThan(KS + (grid[dt] ?? 0));
        const w = vals(torch.empty(N, { dtype: dt }).uniform_(-2, 3));
        expect(ks(w, (v) => (v + 2) / 5)).toBeLessThan(KS + 5 * (grid[dt] ?? 0));
      });

      it(`randn and normal_ (${dt})`, () => {
        seeded(12);
        const z = vals(torch.randn(N, { dtype: dt }));
        near(mean(z), 0, 1);
        near(variance(z), 1, Math.SQRT2);
        expect(ks(z, normalCdf(0, 1))).toBeLessThan(KS + 2 * (grid[dt] ?? 0));
        const y = vals(torch.empty(N, { dtype: dt }).normal_(1.5, 0.5));
        expect(ks(y, normalCdf(1.5, 0.5))).toBeLessThan(KS + 4 * (grid[dt] ?? 0));
      });
    }

    it("normal: the four signatures", () => {
      seeded(13);
      const m = torch.full([N], 3, { dtype: torch.float32 });
      const s = torch.full([N], 2, { dtype: torch.float32 });
      for (const x of [torch.normal(m, s), torch.normal(m, 2), torch.normal(3, s), torch.normal(3, 2, [N])]) {
        expect(ks(vals(x), normalCdf(3, 2))).toBeLessThan(KS);
      }
    });

    for (const dt of ["float32", "float64"] as const) {
      it(`exponential_, logNormal_, cauchy_, geometric_ (${dt})`, () => {
        seeded(14);
        const e = vals(torch.empty(N, { dtype: dt }).exponential_(2));
        expect(Math.min(...e)).toBeGreaterThanOrEqual(0);
        expect(ks(e, (v) => 1 - Math.exp(-2 * v))).toBeLessThan(KS);
        const l = vals(torch.empty(N, { dtype: dt }).logNormal_(0.5, 0.75));
        expect(ks(l.map(Math.log), normalCdf(0.5, 0.75))).toBeLessThan(KS);
        const c = vals(torch.empty(N, { dtype: dt }).cauchy_(0.5, 2));
        expect(ks(c, (v) => 0.5 + Math.atan((v - 0.5) / 2) / Math.PI)).toBeLessThan(KS);
        const g = vals(torch.empty(N, { dtype: dt }).geometric_(0.3));
        expect(g.every((v) => Number.isInteger(v) && v >= 1)).toBe(true);
        frequencies(g, { 1: 0.3, 2: 0.21, 3: 0.147, 4: 0.1029, 5: 0.07203 });
        near(mean(g), 1 / 0.3, Math.sqrt(0.7) / 0.3);
      });
    }

    it("bernoulli_ with a scalar p and bernoulli with a probability tensor", () => {
      seeded(15);
      const b = vals(torch.empty(N).bernoulli_(0.3));
      expect(b.every((v) => v === 0 || v === 1)).toBe(true);
      near(mean(b), 0.3, Math.sqrt(0.21));
      const p = torch.linspace(0, 1, N);
      const x = vals(torch.bernoulli(p));
      near(mean(x), 0.5, 0.5);
      expect(x[0]).toBe(0);
      expect(x[N - 1]).toBe(1);
      const bools = vals(torch.empty(N, { dtype: torch.bool }).bernoulli_(0.7));
      near(mean(bools), 0.7, Math.sqrt(0.21));
    });

    it("randint, random_ and their ranges", () => {
      seeded(16);
      const r = vals(torch.randint(-5, 7, [N]));
      expect(Math.min(...r)).toBe(-5);
      expect(Math.max(...r)).toBe(6);
      frequencies(r, Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i - 5, 1 / 12])));
      const big = torch.randint(0, 2 ** 40, [N]);
      expect(big.dtype).toBe("int64");
      const bv = vals(big);
      expect(Math.max(...bv)).toBeLessThan(2 ** 40);
      near(mean(bv), 2 ** 39, 2 ** 40 / Math.sqrt(12));
      const u8 = vals(torch.empty(N, { dtype: torch.uint8 }).random_());
      near(mean(u8), 127.5, 256 / Math.sqrt(12));
      expect(Math.max(...u8)).toBe(255);
      const f = vals(torch.empty(N).random_(0, 100));
      expect(f.every((v) => Number.isInteger(v) && v >= 0 && v < 100)).toBe(true);
      const l = vals(torch.empty(N, { dtype: torch.int64 }).random_());
      near(mean(l), 2 ** 62, 2 ** 63 / Math.sqrt(12));
    });

    it("randperm: permutations with uniform positions", () => {
      seeded(17);
      let first = 0;
      for (let k = 0; k < 400; k++) {
        const p = torch.randperm(100).tolist() as number[];
        expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
        first += p[0] as number;
      }
      near(first / 400, 49.5, Math.sqrt((100 * 100 - 1) / 12), 400);
    });

    it("multinomial with and without replacement", () => {
      seeded(18);
      const probs = torch.tensor([0.1, 0.2, 0.3, 0.4]);
      frequencies(vals(torch.multinomial(probs, N, true)), { 0: 0.1, 1: 0.2, 2: 0.3, 3: 0.4 });
      const rows = torch.tensor([1, 0, 3, 0, 6], { dtype: torch.float32 }).expand(4000, 5).contiguous();
      const picks = torch.multinomial(rows, 2).tolist() as number[][];
      for (const [a, b] of picks) {
        expect(a).not.toBe(b);
        expect([0, 2, 4]).toContain(a);
        expect([0, 2, 4]).toContain(b);
      }
      frequencies(picks.map((p) => p[0] as number), { 0: 0.1, 2: 0.3, 4: 0.6 });
      // second pick given the first: P(second = 4 | first = 0) = 6/9
      const afterZero = picks.filter((p) => p[0] === 0).map((p) => p[1] as number);
      frequencies(afterZero, { 4: 6 / 9 });
    });

    for (const dt of ["float32", "float64"] as const) {
      it(`poisson (${dt})`, () => {
        seeded(19);
        for (const lam of [0.5, 3, 12, 30, 250]) {
          const x = vals(torch.poisson(torch.full([N], lam, { dtype: dt })));
          expect(x.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
          near(mean(x), lam, Math.sqrt(lam));
          near(variance(x), lam, Math.sqrt(lam + 2 * lam * lam));
        }
        expect(vals(torch.poisson(torch.zeros(10, { dtype: dt })))).toEqual(new Array(10).fill(0));
      });
    }
  });
}
