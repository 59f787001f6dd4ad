// Replays PyTorch 1.13's learning-rate sequences (tooling/fixtures/data/optim.json, gen_optim.py):
// an SGD optimizer with two groups (lr 0.1 and 0.05, momentum 0.9), getLastLr() after construction
// and after each of ~30 steps, compared for exact float equality.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import * as optim from "@typetorch/optim";
import { fixture } from "./test-utils/problem.js";

import { lrScheduler } from "@typetorch/optim";

/** The generator's named lambdas. */
const LAMBDAS: Record<string, (e: number) => number> = {
  lin: (e) => 1 - 0.02 * e,
  inv: (e) => 1 / (e + 1),
  step10: (e) => 0.5 ** Math.floor(e / 10),
  const09: () => 0.9,
};

type Spec = [string, Record<string, unknown>];
type Ctor = new (o: optim.Optimizer, options: Record<string, unknown>) => lrScheduler.LRScheduler;

function build(opt: optim.SGD, [kind, options]: Spec): lrScheduler.Scheduler {
  const o = { ...options };
  if ("lrLambda" in o) {
    const f = o["lrLambda"] as string | string[];
    o["lrLambda"] = Array.isArray(f) ? f.map((n) => LAMBDAS[n]) : LAMBDAS[f];
  }
  if (kind === "ChainedScheduler") {
    return new lrScheduler.ChainedScheduler((o["schedulers"] as Spec[]).map((s) => build(opt, s) as lrScheduler.LRScheduler));
  }
  if (kind === "SequentialLR") {
    const schedulers = (o["schedulers"] as Spec[]).map((s) => build(opt, s) as lrScheduler.LRScheduler);
    return new lrScheduler.SequentialLR(opt, { schedulers, milestones: o["milestones"] as number[] });
  }
  return new (lrScheduler[kind as keyof typeof lrScheduler] as unknown as Ctor)(opt, o);
}

function makeOptimizer(): optim.SGD {
  const leaf = (): torch.Tensor => torch.tensor([1], { dtype: torch.float32, requiresGrad: true });
  return new optim.SGD([{ params: [leaf()] }, { params: [leaf()], lr: 0.05 }], { lr: 0.1, momentum: 0.9 });
}

describe("lr scheduler sequences equal PyTorch's", () => {
  for (const c of fixture.schedulers) {
    it(`${c.scheduler} ${JSON.stringify(c.options)}`, () => {
      const opt = makeOptimizer();
      if ("lastEpoch" in c.options) for (const g of opt.paramGroups) g["initialLr"] = g.lr; // resuming
      const metrics = "metrics" in c ? (c.metrics as number[]) : null;
      const sched = metrics
        ? new lrScheduler.ReduceLROnPlateau(opt, c.options as lrScheduler.ReduceLROnPlateauOptions)
        : build(opt, [c.scheduler, c.options as Record<string, unknown>]);
      const lrs = [sched.getLastLr()];
      const momenta = [opt.paramGroups.map((g) => g.momentum)];
      for (let e = 1; e < c.lrs.length; e++) {
        opt.step();
        if (metrics) (sched as lrScheduler.ReduceLROnPlateau).step(metrics[e - 1] as number);
        else (sched as lrScheduler.Scheduler).step();
        lrs.push(sched.getLastLr());
        momenta.push(opt.paramGroups.map((g) => g.momentum));
      }
      expect(lrs).toEqual(c.lrs);
      if ("momenta" in c) expect(momenta).toEqual(c.momenta);
      if ("lastEpoch" in c) expect((sched as { lastEpoch: number }).lastEpoch).toBe(c.lastEpoch);
    });
  }
});
