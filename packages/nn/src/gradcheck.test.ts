// Every differentiable nn.functional composite against central finite differences in float64
// (torch.autograd.gradcheck), on random inputs away from kinks (normal draws never tie).
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";
import * as nn from "@typetorch/nn";

const F = nn.functional;
const { gradcheck } = torch.autograd;

function r(...shape: number[]): Tensor {
  return torch.randn(shape, { dtype: torch.float64 }).requiresGrad_(true);
}
function p(...shape: number[]): Tensor {
  return torch.rand(shape, { dtype: torch.float64 }).mul(0.8).add(0.1).requiresGrad_(true);
}
const L = (v: number[] | number[][]): Tensor => torch.tensor(v, { dtype: torch.int64 });

const CHECKS: [string, () => [(...x: Tensor[]) => Tensor, Tensor[]]][] = [
  ["leakyRelu", () => [(x) => F.leakyRelu(x, 0.1), [r(3, 4)]]],
  ["elu", () => [(x) => F.elu(x, 1.3), [r(3, 4)]]],
  ["gelu", () => [(x) => F.gelu(x), [r(3, 4)]]],
  ["gelu tanh", () => [(x) => F.gelu(x, { approximate: "tanh" }), [r(3, 4)]]],
  ["softplus", () => [(x) => F.softplus(x.mul(8), 1, 5), [r(3, 4)]]],
  ["softmax", () => [(x) => F.softmax(x, 1), [r(3, 4)]]],
  ["logSoftmax", () => [(x) => F.logSoftmax(x, 0), [r(3, 4)]]],
  ["linear", () => [(x, w, b) => F.linear(x, w, b), [r(2, 3), r(4, 3), r(4)]]],
  ["bilinear", () => [(a, b, w) => F.bilinear(a, b, w), [r(2, 3), r(2, 2), r(3, 3, 2)]]],
  ["conv1d", () => [(x, w, b) => F.conv1d(x, w, b, { stride: 2, padding: 2, dilation: 2 }), [r(2, 2, 7), r(3, 2, 3), r(3)]]],
  ["conv2d groups", () => [(x, w) => F.conv2d(x, w, null, { groups: 2, padding: "same" }), [r(1, 4, 4, 5), r(2, 2, 2, 3)]]],
  ["conv2d strided", () => [(x, w, b) => F.conv2d(x, w, b, { stride: [2, 1], padding: 1 }), [r(2, 2, 5, 4), r(3, 2, 3, 3), r(3)]]],
  ["convTranspose2d", () => [(x, w, b) => F.convTranspose2d(x, w, b, { stride: 2, padding: 1, outputPadding: 1 }), [r(1, 2, 3, 3), r(2, 3, 3, 3), r(3)]]],
  ["groupNorm", () => [(x, w, b) => F.groupNorm(x, 2, w, b), [r(2, 4, 3), r(4), r(4)]]],
  ["maxPool2d", () => [(x) => F.maxPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true }), [r(1, 2, 6, 5)]]],
  ["avgPool2d", () => [(x) => F.avgPool2d(x, [3, 2], { stride: 2, padding: 1, countIncludePad: false, ceilMode: true }), [r(1, 2, 6, 5)]]],
  ["adaptiveAvgPool2d", () => [(x) => F.adaptiveAvgPool2d(x, [2, 3]), [r(1, 2, 5, 4)]]],
  ["pad", () => [(x) => F.pad(x, [2, -1, 0, 1], "constant", 3), [r(2, 3)]]],
  ["layerNorm", () => [(x, w, b) => F.layerNorm(x, [4], w, b), [r(3, 4), r(4), r(4)]]],
  ["batchNorm training", () => [(x, w, b) => F.batchNorm(x, null, null, { weight: w, bias: b, training: true }), [r(4, 3, 2), r(3), r(3)]]],
  // (with paddingIdx the padding row deliberately gets no gradient, so only the plain lookup here)
  ["embedding", () => [(w) => F.embedding(L([[1, 0], [3, 1]]), w), [r(4, 3)]]],
  ["mseLoss", () => [(x, t) => F.mseLoss(x, t), [r(3, 2), r(3, 2)]]],
  ["smoothL1Loss", () => [(x, t) => F.smoothL1Loss(x, t, { beta: 0.5, reduction: "sum" }), [r(3, 2), r(3, 2)]]],
  ["huberLoss", () => [(x, t) => F.huberLoss(x, t, { delta: 0.5 }), [r(3, 2), r(3, 2)]]],
  ["crossEntropy", () => [(x, w) => F.crossEntropy(x, L([2, 0, 1]), { weight: w, labelSmoothing: 0.2, ignoreIndex: 1 }), [r(3, 4), p(4)]]],
  ["crossEntropy probabilities", () => [(x, t) => F.crossEntropy(x, F.softmax(t, 1), { labelSmoothing: 0.1 }), [r(3, 4), r(3, 4)]]],
  ["nllLoss spatial", () => [(x) => F.nllLoss(x, L([0, 2, 1, 1]).reshape(1, 2, 2)), [r(1, 3, 2, 2)]]],
  ["binaryCrossEntropy", () => [(x, t) => F.binaryCrossEntropy(x, t), [p(3, 2), p(3, 2)]]],
  ["binaryCrossEntropyWithLogits", () => [(x, t, pw) => F.binaryCrossEntropyWithLogits(x, t, { posWeight: pw }), [r(3, 2), p(3, 2), p(2)]]],
];

describe("gradcheck (float64) of nn.functional", () => {
  for (const [name, make] of CHECKS) {
    it(name, () => {
      torch.manualSeed(7);
      const [fn, inputs] = make();
      expect(gradcheck(fn, inputs)).toBe(true);
    });
  }
  it("layers: a parameter's gradient is the finite difference of the module's output", () => {
    torch.manualSeed(3);
    const conv = new nn.Conv2d(2, 3, 2, { stride: 1, padding: 1 }).double();
    const x = r(1, 2, 3, 3);
    expect(gradcheck((xi, w, b) => F.conv2d(xi, w, b, { padding: 1 }), [x, conv.weight, conv.bias!])).toBe(true);
  });
});
