// LR schedulers as PyTorch's documentation uses them: construction, stepping, state dicts, errors.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import * as optim from "@typetorch/optim";

import { lrScheduler } from "@typetorch/optim";
const sgd = (lr = 0.05, extra: Partial<optim.SGDOptions> = {}): optim.SGD =>
  new optim.SGD([torch.tensor([1], { dtype: torch.float32, requiresGrad: true })], { lr, ...extra });

describe("LRScheduler", () => {
  it("StepLR: lr = 0.05 for epochs 0-29, 0.005 for 30-59, 0.0005 from 60 (PyTorch's docstring example)", () => {
    const opt = sgd();
    const scheduler = new lrScheduler.StepLR(opt, { stepSize: 30, gamma: 0.1 });
    const seen: number[] = [];
    for (let epoch = 0; epoch < 61; epoch++) {
      seen.push(scheduler.getLastLr()[0] as number);
      opt.step();
      scheduler.step();
    }
    expect([seen[0], seen[29], seen[30], seen[59], seen[60]]).toEqual([0.05, 0.05, 0.05 * 0.1, 0.05 * 0.1, 0.05 * 0.1 * 0.1]);
    expect(scheduler.lastEpoch).toBe(61);
  });

  it("records initialLr in each group and keeps baseLrs", () => {
    const opt = sgd(0.3);
    const s = new lrScheduler.ExponentialLR(opt, { gamma: 0.5 });
    s.step();
    expect(opt.paramGroups[0]?.["initialLr"]).toBe(0.3);
    expect([s.baseLrs, opt.paramGroups[0]?.lr]).toEqual([[0.3], 0.15]);
  });

  it("resuming (lastEpoch ≥ 0) needs initialLr in the groups", () => {
    expect(() => new lrScheduler.StepLR(sgd(), { stepSize: 2, lastEpoch: 4 })).toThrow(
      new torch.KeyError("param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer"),
    );
  });

  it("a scheduler restored from a state dict continues the same sequence", () => {
    const run = (restoreAt: number | null): number[] => {
      let opt = sgd(0.1, { momentum: 0.9 });
      let s = new lrScheduler.CosineAnnealingLR(opt, { TMax: 7, etaMin: 0.01 });
      const lrs: number[] = [];
      for (let e = 0; e < 20; e++) {
        if (e === restoreAt) {
          const [osd, ssd] = [opt.stateDict(), s.stateDict()];
          opt = sgd(1, { momentum: 0.9 });
          opt.loadStateDict(osd);
          s = new lrScheduler.CosineAnnealingLR(opt, { TMax: 1 });
          s.loadStateDict(ssd);
        }
        opt.step();
        s.step();
        lrs.push(...s.getLastLr());
      }
      return lrs;
    };
    expect(run(9)).toEqual(run(null));
  });

  it("state dicts hold data only (no optimizer, no lambdas), as PyTorch's", () => {
    const s = new lrScheduler.LambdaLR(sgd(), { lrLambda: (e) => 1 / (e + 1) });
    const sd = s.stateDict();
    expect(Object.keys(sd).sort()).toEqual(["_lastLr", "_stepCount", "baseLrs", "lastEpoch"]);
    expect(JSON.parse(JSON.stringify(sd))).toEqual(sd);
  });

  it("step(epoch) jumps with the closed form (deprecated in PyTorch, used by SequentialLR)", () => {
    const s = new lrScheduler.StepLR(sgd(1), { stepSize: 3, gamma: 0.5 });
    s.step(7);
    expect(s.getLastLr()).toEqual([0.25]);
  });

  it("OneCycleLR cycles SGD's momentum, and Adam's beta1, inversely to the rate", () => {
    const opt = sgd(0.1, { momentum: 0.9 });
    const s = new lrScheduler.OneCycleLR(opt, { maxLr: 1, totalSteps: 10 });
    // maxLr / divFactor = 0.04, reached as 1 + (0.04 - 1) / 2 · (cos 0 + 1), PyTorch's float
    expect([opt.paramGroups[0]?.lr, opt.paramGroups[0]?.momentum]).toEqual([1 + ((0.04 - 1) / 2) * 2, 0.95]);
    for (let i = 0; i < 2; i++) s.step();
    expect([opt.paramGroups[0]?.lr, opt.paramGroups[0]?.momentum]).toEqual([1, 0.85]);
    const adam = new optim.Adam([torch.tensor([1], { dtype: torch.float32, requiresGrad: true })]);
    new lrScheduler.OneCycleLR(adam, { maxLr: 1, totalSteps: 10 });
    expect(adam.paramGroups[0]?.betas).toEqual([0.95, 0.999]);
  });

  it("OneCycleLR refuses to step past totalSteps and bad options, with PyTorch's messages", () => {
    const s = new lrScheduler.OneCycleLR(sgd(0.1, { momentum: 0.9 }), { maxLr: 1, totalSteps: 3 });
    s.step();
    s.step();
    s.step();
    expect(() => s.step()).toThrow(new torch.ValueError("Tried to step 5 times. The specified number of total steps is 3"));
    const o = sgd(0.1, { momentum: 0.9 });
    expect(() => new lrScheduler.OneCycleLR(o, { maxLr: 1 })).toThrow("You must define either total_steps OR (epochs AND steps_per_epoch)");
    expect(() => new lrScheduler.OneCycleLR(o, { maxLr: 1, totalSteps: 0 })).toThrow("Expected positive integer total_steps, but got 0");
    expect(() => new lrScheduler.OneCycleLR(o, { maxLr: 1, epochs: 2 })).toThrow("Expected positive integer steps_per_epoch, but got undefined");
    expect(() => new lrScheduler.OneCycleLR(o, { maxLr: 1, totalSteps: 5, pctStart: 1.5 })).toThrow(
      "Expected float between 0 and 1 pct_start, but got 1.5",
    );
    expect(() => new lrScheduler.OneCycleLR(o, { maxLr: [1, 2], totalSteps: 5 })).toThrow("expected 1 values for max_lr, got 2");
    expect(() => new lrScheduler.OneCycleLR(new optim.Adagrad([torch.ones(1, { requiresGrad: true })]), { maxLr: 1, totalSteps: 5 })).toThrow(
      "optimizer must support momentum with `cycle_momentum` option enabled",
    );
  });

  it("validates factors, lambdas and optimizers", () => {
    expect(() => new lrScheduler.ConstantLR(sgd(), { factor: 2 })).toThrow("Constant multiplicative factor expected to be between 0 and 1.");
    expect(() => new lrScheduler.LinearLR(sgd(), { startFactor: -1 })).toThrow("Starting multiplicative factor expected to be between 0 and 1.");
    expect(() => new lrScheduler.LinearLR(sgd(), { endFactor: 2 })).toThrow("Ending multiplicative factor expected to be between 0 and 1.");
    expect(() => new lrScheduler.LambdaLR(sgd(), { lrLambda: [() => 1, () => 2] })).toThrow("Expected 1 lr_lambdas, but got 2");
    expect(() => new lrScheduler.StepLR({} as optim.SGD, { stepSize: 1 })).toThrow(new torch.TorchTypeError("Object is not an Optimizer"));
    expect(() => new lrScheduler.ReduceLROnPlateau(sgd(), { factor: 1 })).toThrow("Factor should be < 1.0.");
    expect(() => new lrScheduler.ReduceLROnPlateau(sgd(), { minLr: [0, 0] })).toThrow("expected 1 min_lrs, got 2");
  });

  it("SequentialLR and ChainedScheduler refuse schedulers of another optimizer", () => {
    const [a, b] = [sgd(), sgd()];
    const [sa, sb] = [new lrScheduler.ExponentialLR(a, { gamma: 0.9 }), new lrScheduler.ExponentialLR(b, { gamma: 0.9 })];
    expect(() => new lrScheduler.SequentialLR(a, { schedulers: [sa, sb], milestones: [2] })).toThrow(
      "Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index 1 to be different than the optimizer passed in.",
    );
    expect(() => new lrScheduler.SequentialLR(a, { schedulers: [sa], milestones: [2] })).toThrow(
      "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers 1 and the number of milestones to be equal to 1",
    );
    expect(() => new lrScheduler.ChainedScheduler([sa, sb])).toThrow(
      "ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and 1 to be different",
    );
  });

  it("ReduceLROnPlateau takes a tensor metric", () => {
    const opt = sgd(1);
    const s = new lrScheduler.ReduceLROnPlateau(opt, { patience: 0 });
    s.step(torch.tensor(1.5));
    s.step(torch.tensor(2.5));
    expect(s.getLastLr()).toEqual([0.1]);
  });
});
