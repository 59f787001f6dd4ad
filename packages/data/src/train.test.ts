// End to end: the PyTorch workflow tutorial's straight line, fed through a shuffled DataLoader
// into a training loop of plain tensor ops and autograd (no nn/optim), converges to the line.
import { describe, expect, test } from "vitest";
import * as torch from "typetorch";
import * as umbrella from "typetorch/data";
import * as data from "./index.js";
import { DataLoader, TensorDataset, linearData, randomSplit } from "./index.js";

test("the umbrella's typetorch/data entry is this package", () => {
  expect(Object.keys(umbrella).sort()).toEqual(Object.keys(data).sort());
  expect(umbrella.DataLoader).toBe(DataLoader);
});

describe("linearData", () => {
  test("the tutorial's X = arange(0, 1, 0.02).unsqueeze(1) and y = 0.7·X + 0.3", () => {
    const { X, y } = linearData(0.7, 0.3);
    expect(X.shape).toEqual([50, 1]);
    expect(X.dtype).toBe("float32");
    expect(y.equal(X.mul(0.7).add(0.3))).toBe(true);
    expect(linearData(1, 0, { start: 0, end: 10, step: 1 }).y.reshape(-1).tolist()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test("noise is Gaussian with the given scale, reproducible with a generator", () => {
    const noisy = (): torch.Tensor => linearData(2, 1, { end: 100, step: 0.01, noise: 0.5, generator: new torch.Generator().manualSeed(0) }).y;
    const { y } = linearData(2, 1, { end: 100, step: 0.01 });
    expect(noisy().equal(noisy())).toBe(true);
    const std = noisy().sub(y).std().item() as number;
    expect(std).toBeGreaterThan(0.48);
    expect(std).toBeLessThan(0.52);
  });
});

describe("training through a DataLoader", () => {
  test("SGD on shuffled mini-batches of a straight line finds its weight and bias", () => {
    torch.manualSeed(42);
    const { X, y } = linearData(0.7, 0.3, { noise: 0.01, generator: new torch.Generator().manualSeed(1) });
    const [train, test] = randomSplit(new TensorDataset(X, y), [0.8, 0.2]);
    const loader = new DataLoader(train!, { batchSize: 10, shuffle: true });
    const w = torch.randn(1, { requiresGrad: true });
    const b = torch.zeros(1, { requiresGrad: true });
    const mse = (bx: torch.Tensor, by: torch.Tensor): torch.Tensor => bx.mul(w).add(b).sub(by).pow(2).mean();
    for (let epoch = 0; epoch < 150; epoch++) {
      for (const [bx, by] of loader) {
        const loss = mse(bx, by);
        w.grad?.zero_();
        b.grad?.zero_();
        loss.backward();
        w.data = w.data.sub(w.grad!.mul(0.2));
        b.data = b.data.sub(b.grad!.mul(0.2));
      }
    }
    expect(Math.abs((w.item() as number) - 0.7)).toBeLessThan(0.02);
    expect(Math.abs((b.item() as number) - 0.3)).toBeLessThan(0.02);
    const [tx, ty] = [...new DataLoader(test!, { batchSize: test!.length })][0]!;
    expect(torch.noGrad(() => mse(tx!, ty!).item() as number)).toBeLessThan(5e-4);
  });
});
