// Laws every optimizer obeys, checked on random problems with fast-check.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as torch from "typetorch";
import * as optim from "@typetorch/optim";

type Ctor = new (params: optim.Params<Record<string, unknown>>, options?: Record<string, unknown>) => optim.Optimizer;
const O = optim as unknown as Record<string, Ctor>;
const WITH_MAXIMIZE = ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax"];
const ALL = [...WITH_MAXIMIZE, "NAdam", "RAdam"];

const unsignedZero = (x: number): number => x + 0;
const vec = fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 1, maxLength: 5 });
const dtype = fc.constantFrom<torch.DType>("float32", "float64");

/** Runs `steps` updates of `opt` on p with gradients grads[k] (times `sign`); returns p's values. */
function run(name: string, options: Record<string, unknown>, init: number[], grads: number[][], dt: torch.DType, sign = 1): number[] {
  const p = torch.tensor(init, { dtype: dt, requiresGrad: true });
  const opt = new (O[name] as Ctor)([p], { lr: 0.01, ...options });
  for (const g of grads) {
    p.grad = torch.tensor(g.slice(0, init.length).concat(Array(Math.max(0, init.length - g.length)).fill(0.5)), { dtype: dt }).mul(sign);
    opt.step();
  }
  return p.tolist() as number[];
}

describe("laws", () => {
  it("maximizing f is minimizing -f, bit for bit", () => {
    fc.assert(
      fc.property(fc.constantFrom(...WITH_MAXIMIZE), vec, fc.array(vec, { minLength: 1, maxLength: 4 }), dtype, fc.boolean(), (name, init, grads, dt, wd) => {
        const o = wd ? { weightDecay: 0.1 } : {};
        expect(run(name, { ...o, maximize: true }, init, grads, dt, -1)).toEqual(run(name, o, init, grads, dt));
      }),
      { numRuns: 60 },
    );
  });

  it("a learning rate of 0 leaves the parameters unchanged (every optimizer, any options)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL), vec, fc.array(vec, { minLength: 1, maxLength: 3 }), dtype, (name, init, grads, dt) => {
        const extra = name === "SGD" ? { momentum: 0.9, nesterov: true } : name === "RMSprop" ? { momentum: 0.5, centered: true } : {};
        const before = (torch.tensor(init, { dtype: dt }).tolist() as number[]).map(unsignedZero);
        // AdamW's decoupled decay is lr·weightDecay: also 0. (-0 + 0 is +0, in PyTorch too.)
        expect(run(name, { lr: 0, weightDecay: 0.5, ...extra }, init, grads, dt).map(unsignedZero)).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it("plain SGD after zeroGrad({ setToNone: false }) does nothing (the gradient is zero)", () => {
    fc.assert(
      fc.property(vec, dtype, (init, dt) => {
        const p = torch.tensor(init, { dtype: dt, requiresGrad: true });
        const opt = new optim.SGD([p], { lr: 0.3 });
        p.pow(2).sum().backward();
        opt.zeroGrad({ setToNone: false });
        const before = p.tolist();
        opt.step();
        expect(p.tolist()).toEqual(before);
      }),
      { numRuns: 30 },
    );
  });

  it("plain SGD is p - lr·g, elementwise, with one rounding in float64 and float32 alike", () => {
    fc.assert(
      fc.property(vec, vec, fc.double({ min: 0, max: 1, noNaN: true }), (init, g, lr) => {
        const p = torch.tensor(init, { dtype: torch.float64, requiresGrad: true });
        p.grad = torch.tensor(init.map((_, i) => g[i % g.length] as number), { dtype: torch.float64 });
        new optim.SGD([p], { lr }).step();
        expect(p.tolist()).toEqual(init.map((x, i) => x - lr * (g[i % g.length] as number)));
      }),
      { numRuns: 30 },
    );
  });

  it("Adam's first step moves each coordinate by lr·g/(|g| + eps): about lr, against the gradient", () => {
    // Hand derivation: m1 = (1-β1)g, v1 = (1-β2)g², so m̂ = g, v̂ = g² and the step is lr·g/(|g| + eps).
    fc.assert(
      fc.property(vec, (g) => {
        const p = torch.zeros([g.length], { dtype: torch.float64, requiresGrad: true });
        p.grad = torch.tensor(g, { dtype: torch.float64 });
        new optim.Adam([p], { lr: 0.1 }).step();
        (p.tolist() as number[]).forEach((x, i) => {
          const gi = g[i] as number;
          expect(x).toBeCloseTo((-0.1 * gi) / (Math.abs(gi) + 1e-8), 12);
        });
      }),
      { numRuns: 30 },
    );
  });
});
