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
      console.log("MEASURE", title(c), worst);
    });
  }
});
