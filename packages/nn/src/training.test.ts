// The tutorials' training loops without optim: model.call, a loss module, zeroGrad, backward and
// a manual SGD step through `.data` — the pieces nn provides must compose into learning.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";
import * as nn from "@typetorch/nn";

function sgdStep(model: nn.Module, lr: number): void {
  for (const p of model.parameters()) p.data = p.data.sub(p.grad!.mul(lr));
}

describe("training loops", () => {
  it("nn.Linear(1, 1) with MSELoss recovers y = 2x + 1", () => {
    torch.manualSeed(0);
    const x = torch.linspace(-1, 1, 32).reshape(-1, 1);
    const y = x.mul(2).add(1);
    const model = new nn.Linear(1, 1);
    const criterion = new nn.MSELoss();
    for (let epoch = 0; epoch < 300; epoch++) {
      const loss = criterion.call(model.call(x), y);
      model.zeroGrad();
      loss.backward();
      sgdStep(model, 0.1);
    }
    expect(model.weight.item()).toBeCloseTo(2, 3);
    expect(model.bias!.item()).toBeCloseTo(1, 3);
  });

  it("a small CNN with BatchNorm and Dropout learns to tell a bright half from a dark half", () => {
    torch.manualSeed(1);
    const model = new nn.Sequential(
      new nn.Conv2d(1, 4, 3, { padding: 1 }),
      new nn.BatchNorm2d(4),
      new nn.ReLU(),
      new nn.MaxPool2d(2),
      new nn.Flatten(),
      new nn.Dropout(0.1),
      new nn.Linear(4 * 4 * 4, 2),
    );
    const images: Tensor[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 32; i++) {
      const label = i % 2;
      const img = torch.randn([1, 8, 8]).mul(0.3);
      img.index(":", ":", label === 0 ? ":4" : "4:").add_(1); // brighten the left or the right half
      images.push(img);
      labels.push(label);
    }
    const xb = torch.stack(images);
    const yb = torch.tensor(labels);
    const criterion = new nn.CrossEntropyLoss();
    const first = criterion.call(model.call(xb), yb).item() as number;
    for (let step = 0; step < 60; step++) {
      const loss = criterion.call(model.call(xb), yb);
      model.zeroGrad();
      loss.backward();
      sgdStep(model, 0.1);
    }
    model.eval();
    const logits = model.call(xb);
    expect(criterion.call(logits, yb).item()).toBeLessThan(first / 4);
    expect(logits.argmax(1).eq(yb).all().item()).toBe(true);
  });
});
