// Laws of nn.functional over random shapes and hyper-parameters (fast-check): convolution and
// pooling against direct loops written from their definitions, and the identities that tie the
// softmax family and the losses together.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";
import * as nn from "@typetorch/nn";
import { values } from "./test-utils/fixture.js";

const F = nn.functional;

/** out[n][o][i][j] = b[o] + Σ_{c,u,v} x[n][g·Cg + c][i·s − p + u·d][j·s − p + v·d] · w[o][c][u][v], zero outside. */
function naiveConv2d(x: Tensor, w: Tensor, b: Tensor, s: number, p: number, d: number, groups: number): number[] {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const [O, Cg, KH, KW] = w.shape as [number, number, number, number];
  const xs = values(x);
  const ws = values(w);
  const bs = values(b);
  const OH = Math.floor((H + 2 * p - d * (KH - 1) - 1) / s) + 1;
  const OW = Math.floor((W + 2 * p - d * (KW - 1) - 1) / s) + 1;
  const out: number[] = [];
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++) {
      const g = Math.floor(o / (O / groups));
      for (let i = 0; i < OH; i++)
        for (let j = 0; j < OW; j++) {
          let acc = bs[o]!;
          for (let c = 0; c < Cg; c++)
            for (let u = 0; u < KH; u++)
              for (let v = 0; v < KW; v++) {
                const hi = i * s - p + u * d;
                const wi = j * s - p + v * d;
                if (hi < 0 || hi >= H || wi < 0 || wi >= W) continue;
                acc += xs[((n * C + g * Cg + c) * H + hi) * W + wi]! * ws[((o * Cg + c) * KH + u) * KW + v]!;
              }
          out.push(acc);
        }
    }
  expect(C).toBe(Cg * groups);
  return out;
}

function naiveMaxPool2d(x: Tensor, k: number, s: number, p: number): number[] {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const xs = values(x);
  const OH = Math.floor((H + 2 * p - k) / s) + 1;
  const OW = Math.floor((W + 2 * p - k) / s) + 1;
  const out: number[] = [];
  for (let nc = 0; nc < N * C; nc++)
    for (let i = 0; i < OH; i++)
      for (let j = 0; j < OW; j++) {
        let m = -Infinity;
        for (let u = 0; u < k; u++)
          for (let v = 0; v < k; v++) {
            const hi = i * s - p + u;
            const wi = j * s - p + v;
            if (hi >= 0 && hi < H && wi >= 0 && wi < W) m = Math.max(m, xs[(nc * H + hi) * W + wi]!);
          }
        out.push(m);
      }
  return out;
}

function expectAllClose(a: number[], b: number[], tol = 1e-12): void {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => expect(Math.abs(x - b[i]!), `[${i}]`).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i]!))));
}

const f64 = { dtype: torch.float64 };

describe("convolution and pooling equal their definitions", () => {
  it("conv2d(x, w, b, stride, padding, dilation, groups) is the direct sum", () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 2 }),
          groups: fc.integer({ min: 1, max: 2 }),
          cg: fc.integer({ min: 1, max: 2 }),
          og: fc.integer({ min: 1, max: 2 }),
          h: fc.integer({ min: 3, max: 7 }),
          w: fc.integer({ min: 3, max: 7 }),
          kh: fc.integer({ min: 1, max: 3 }),
          kw: fc.integer({ min: 1, max: 3 }),
          s: fc.integer({ min: 1, max: 3 }),
          p: fc.integer({ min: 0, max: 1 }),
          d: fc.integer({ min: 1, max: 2 }),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        ({ n, groups, cg, og, h, w, kh, kw, s, p, d, seed }) => {
          fc.pre(d * (kh - 1) + 1 <= h + 2 * p && d * (kw - 1) + 1 <= w + 2 * p);
          torch.manualSeed(seed);
          const x = torch.randn([n, cg * groups, h, w], f64);
          const weight = torch.randn([og * groups, cg, kh, kw], f64);
          const bias = torch.randn([og * groups], f64);
          const y = F.conv2d(x, weight, bias, { stride: s, padding: p, dilation: d, groups });
          expectAllClose(values(y), naiveConv2d(x, weight, bias, s, p, d, groups));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("maxPool2d is the largest element of each window (padding never wins)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 99 }), (k, s, p, seed) => {
        torch.manualSeed(seed);
        const x = torch.randn([1, 2, 6, 5], f64).sub(10); // all negative: a zero pad would show
        expectAllClose(values(F.maxPool2d(x, k, { stride: s, padding: p })), naiveMaxPool2d(x, k, s, p), 0);
      }),
      { numRuns: 40 },
    );
  });

  it("avgPool2d with divisorOverride k² equals avgPool2d with its padding counted", () => {
    torch.manualSeed(5);
    const x = torch.randn([2, 3, 6, 6], f64);
    expectAllClose(values(F.avgPool2d(x, 2, { divisorOverride: 4 })), values(F.avgPool2d(x, 2)));
    expectAllClose(values(F.adaptiveAvgPool2d(x, 3)), values(F.avgPool2d(x, 2)));
  });
});

describe("softmax family and losses", () => {
  const rows = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 999 }));
  it("softmax rows sum to 1, are shift-invariant, and logSoftmax is their log", () => {
    fc.assert(
      fc.property(rows, fc.double({ min: -50, max: 50, noNaN: true }), ([n, c, seed], shift) => {
        torch.manualSeed(seed);
        const x = torch.randn([n, c], f64).mul(5);
        const s = F.softmax(x, 1);
        expectAllClose(values(s.sum(1)), Array<number>(n).fill(1));
        expectAllClose(values(F.softmax(x.add(shift), 1)), values(s), 1e-12);
        expectAllClose(values(F.logSoftmax(x, 1)), values(s.log()), 1e-10);
      }),
    );
  });
  it("crossEntropy is nllLoss of logSoftmax; with one-hot probabilities it is the same loss", () => {
    fc.assert(
      fc.property(rows, ([n, c, seed]) => {
        torch.manualSeed(seed);
        const x = torch.randn([n, c], f64);
        const t = torch.randint(0, c, [n]);
        const ce = F.crossEntropy(x, t);
        expectAllClose(values(ce), values(F.nllLoss(F.logSoftmax(x, 1), t)));
        expectAllClose(values(ce), values(F.crossEntropy(x, F.oneHot(t, c).double())));
      }),
    );
  });
  it("huberLoss with δ = β equals β·smoothL1Loss; BCE with logits equals BCE of the sigmoid", () => {
    torch.manualSeed(11);
    const x = torch.randn([4, 3], f64);
    const y = torch.randn([4, 3], f64);
    expectAllClose(values(F.huberLoss(x, y, { delta: 0.5 })), values(F.smoothL1Loss(x, y, { beta: 0.5 }).mul(0.5)));
    const t = torch.rand([4, 3], f64);
    expectAllClose(values(F.binaryCrossEntropyWithLogits(x, t)), values(F.binaryCrossEntropy(x.sigmoid(), t)), 1e-10);
  });
  it("softmax without dim warns as PyTorch and picks dim 1 for 2-D input", () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (m: string) => void warnings.push(m);
    try {
      const x = torch.randn([2, 3], f64);
      expectAllClose(values(F.softmax(x)), values(F.softmax(x, 1)));
    } finally {
      console.warn = original;
    }
    expect(warnings).toEqual([
      "UserWarning: Implicit dimension choice for softmax has been deprecated. Change the call to include dim=X as an argument.",
    ]);
  });
});
