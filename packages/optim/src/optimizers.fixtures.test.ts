// Replays PyTorch 1.13's trajectories (tooling/fixtures/data/optim.json, gen_optim.py): each optimizer
// and option grid, two param groups, a 0-dim parameter and one whose grad is null on some steps.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import * as optim from "@typetorch/optim";
import { NAMES, fixture, makeLoss, makeParams, maxError } from "./test-utils/problem.js";
import type { Dtype, Params } from "./test-utils/problem.js";

type Ctor = new (params: optim.Params<Record<string, unknown>>, options?: Record<string, unknown>) => optim.Optimizer;
const OPTIMIZERS = {
  SGD: optim.SGD, Adam: optim.Adam, AdamW: optim.AdamW, RMSprop: optim.RMSprop, Adagrad: optim.Adagrad,
  Adadelta: optim.Adadelta, Adamax: optim.Adamax, NAdam: optim.NAdam, RAdam: optim.RAdam,
} as unknown as Record<string, Ctor>;

/** float32: ULPs of the expected value; float64: relative error. Why these bounds: README "Testing". */
const BOUND = { float32: 0, float64: 1e-12 };

type Case = (typeof fixture.optimizers)[number];

function build(c: Case, p: Params): optim.Optimizer {
  const groups = [{ params: [p.w, p.s] }, { params: [p.b, p.u], ...c.group1 }];
  return new (OPTIMIZERS[c.optimizer] as Ctor)(groups, c.options);
}

const title = (c: Case): string => `${c.optimizer}(${JSON.stringify(c.options)}, group 1 ${JSON.stringify(c.group1)}) ${c.dtype}`;

describe("optimizer trajectories: PyTorch's gradients, step by step", () => {
  for (const c of fixture.optimizers) {
    it(title(c), () => {
      const dtype = c.dtype as Dtype;
      const p = makeParams(dtype);
      const opt = build(c, p);
      let worst = 0;
      for (const rec of c.steps) {
        for (const n of NAMES) {
          const g = rec.grads[n as keyof typeof rec.grads] as number | number[] | number[][] | null;
          p[n].grad = g === null ? null : torch.tensor(g, { dtype });
        }
        opt.step();
        for (const n of NAMES) worst = Math.max(worst, maxError(p[n].tolist(), rec.params[n as keyof typeof rec.params], dtype));
      }
      expect(worst).toBeLessThanOrEqual(BOUND[dtype]);
      // One in-place write per update of a parameter, as PyTorch counts them (AdamW and NAdam: two).
      for (const n of NAMES) expect(p[n]._version, n).toBe(c.versions[n as keyof typeof c.versions]);
      checkStateDict(opt.stateDict(), c, dtype);
    });
  }
});

function checkStateDict(sd: optim.OptimizerStateDict, c: Case, dtype: Dtype): void {
  expect(sd.paramGroups).toEqual(c.paramGroups);
  const expected = c.state as Record<string, Record<string, unknown>>;
  expect(Object.keys(sd.state)).toEqual(Object.keys(expected));
  for (const [i, st] of Object.entries(expected)) {
    const mine = sd.state[Number(i)] as optim.ParamState;
    expect(Object.keys(mine).sort()).toEqual(Object.keys(st).sort());
    for (const [k, v] of Object.entries(st)) {
      if (v !== null && typeof v === "object") {
        const { tensor, dtype: d } = v as { tensor: unknown; dtype: string };
        const t = mine[k] as torch.Tensor;
        expect(t.dtype, k).toBe(d);
        expect(maxError(t.tolist(), tensor, dtype), k).toBeLessThanOrEqual(BOUND[dtype]);
      } else {
        expect(mine[k], k).toEqual(v);
      }
    }
  }
}

describe("optimizer trajectories: float64, gradients from typetorch's autograd in a closure", () => {
  for (const c of fixture.optimizers.filter((x) => x.dtype === "float64")) {
    it(title(c), () => {
      const p = makeParams("float64");
      const loss = makeLoss("float64");
      const opt = build(c, p);
      let worst = 0;
      c.steps.forEach((rec, k) => {
        const value = opt.step(() => {
          opt.zeroGrad();
          const l = loss(p, k);
          l.backward();
          return l;
        });
        expect(value).toBeInstanceOf(torch.Tensor);
        for (const n of NAMES) worst = Math.max(worst, maxError(p[n].tolist(), rec.params[n as keyof typeof rec.params], "float64"));
      });
      expect(worst).toBeLessThanOrEqual(BOUND.float64);
    });
  }
});

describe("16-bit parameters (where PyTorch 1.13's CPU has the kernels): bit for bit", () => {
  for (const c of fixture.half) {
    it(`${c.optimizer}(${JSON.stringify(c.options)}) ${c.dtype}`, () => {
      const dtype = c.dtype as torch.DType;
      const p = torch.tensor([1, 2, -3, 0.1], { dtype, requiresGrad: true });
      const opt = new (OPTIMIZERS[c.optimizer] as Ctor)([p], c.options);
      const seen = c.params.map((_, k) => {
        p.grad = torch.tensor([0.5, -1, 2, 0.01 * k], { dtype });
        opt.step();
        return p.tolist();
      });
      expect(seen).toEqual(c.params);
    });
  }
});
