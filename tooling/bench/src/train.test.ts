// A smoke test of `dist/train.js`'s engines, not a timing test: the tutorial Net's first training
// step on one image gives typetorch's loss and gradient norms on tfjs-cpu and tfjs-wasm too, from
// the same weights and data, and the TF.js step leaks no tensor (runTfjsNet throws if it does).
import { describe, expect, it } from "vitest";
import { CASES, runTypetorch, type LoopOptions, type Reference } from "./train-typetorch.js";
import { runTfjsNet } from "./train-tfjs.js";
import { crossCheck, TRAIN_TOL } from "./train-check.js";

const quick: LoopOptions = { now: () => performance.now(), warmup: 1, minSteps: 1, minSeconds: 0, lr: 0.01 };

describe("training step on every engine", () => {
  const oneImage = CASES.find((c) => c.id.startsWith("net, one image"))!;

  it("typetorch, tfjs-cpu and tfjs-wasm agree on the first step", async () => {
    const tt = runTypetorch(oneImage, quick, true);
    expect(tt.times!.steps).toBeGreaterThanOrEqual(1);
    expect(tt.ref.params.map((p) => p.shape)).toEqual([[6, 1, 3, 3], [6], [16, 6, 3, 3], [16], [120, 576], [120], [84, 120], [84], [10, 84], [10]]);
    expect(tt.ref.gradNorms.every((n) => n > 0)).toBe(true);
    for (const backend of ["cpu", "wasm"] as const) {
      const r = await runTfjsNet(backend, tt.ref, quick);
      const check = crossCheck(tt.ref, r);
      expect(check.ok, `tfjs-${backend}: ${check.text}`).toBe(true);
      expect(r.times.total).toBeGreaterThan(0);
    }
  });

  it("the cross-check rejects a wrong loss scale, a wrong gradient and NaN", () => {
    const ref: Reference = { params: [], input: { data: new Float32Array(), shape: [] }, target: null, loss: 0.5, gradNorms: [1, 2] };
    expect(crossCheck(ref, { loss: 0.5 * (1 + TRAIN_TOL / 2), gradNorms: [1, 2] }).ok).toBe(true);
    // MSELoss summed instead of averaged over 10 outputs.
    expect(crossCheck(ref, { loss: 5, gradNorms: [10, 20] }).ok).toBe(false);
    expect(crossCheck(ref, { loss: 0.5, gradNorms: [1, 2.01] }).ok).toBe(false);
    expect(crossCheck(ref, { loss: NaN, gradNorms: [1, 2] }).ok).toBe(false);
    expect(crossCheck(ref, { loss: 0.5, gradNorms: [1, NaN] }).ok).toBe(false);
    expect(crossCheck(ref, { loss: 0.5, gradNorms: [1] }).ok).toBe(false);
  });
});
