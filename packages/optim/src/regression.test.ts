// End to end: API.md's tutorial loop (zeroGrad, backward, step) fits y = 2x + 1 by linear regression,
// with a hand-written model `x.matmul(w).add(b)` (no nn here).
import { expect, it } from "vitest";
import * as torch from "typetorch";
import * as optim from "@typetorch/optim";

function data(): { x: torch.Tensor; y: torch.Tensor } {
  const xs = Array.from({ length: 20 }, (_, i) => [(i - 10) / 5]);
  const x = torch.tensor(xs, { dtype: torch.float32 });
  return { x, y: x.mul(2).add(1) };
}

function fit(make: (params: torch.Tensor[]) => optim.Optimizer, epochs: number, onEpoch?: () => void): [number, number, number] {
  const { x, y } = data();
  const w = torch.zeros([1, 1], { requiresGrad: true });
  const b = torch.zeros([1], { requiresGrad: true });
  const optimizer = make([w, b]);
  let last = Infinity;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const loss = x.matmul(w).add(b).sub(y).pow(2).mean();
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    onEpoch?.();
    last = loss.item() as number;
  }
  return [w.item() as number, b.item() as number, last];
}

it("SGD fits y = 2x + 1", () => {
  const [w, b, loss] = fit((p) => new optim.SGD(p, { lr: 0.1 }), 300);
  expect(w).toBeCloseTo(2, 4);
  expect(b).toBeCloseTo(1, 4);
  expect(loss).toBeLessThan(1e-8);
});

it("SGD with Nesterov momentum and Adam with a StepLR schedule fit it too", () => {
  const [w1, b1] = fit((p) => new optim.SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true }), 200);
  expect([w1, b1].map((v) => Math.round(v * 1e3) / 1e3)).toEqual([2, 1]);
  let scheduler: optim.lrScheduler.StepLR | null = null;
  const [w2, b2] = fit(
    (p) => {
      const opt = new optim.Adam(p, { lr: 0.1 });
      scheduler = new optim.lrScheduler.StepLR(opt, { stepSize: 100, gamma: 0.3 });
      return opt;
    },
    400,
    () => scheduler?.step(),
  );
  expect([w2, b2].map((v) => Math.round(v * 1e3) / 1e3)).toEqual([2, 1]);
});
