// nn.functional against PyTorch 1.13 (tooling/fixtures/gen_nn.py, "cases"): every case runs the
// same program on the same float64 inputs, then backward with the recorded output gradient;
// outputs and input gradients must agree to float64 rounding (rtol 1e-10: the composites sum in
// another order than PyTorch's kernels, nothing more).
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";
import * as nn from "@typetorch/nn";
import { expectClose, fixture, num, toTensor } from "./test-utils/fixture.js";

const F = nn.functional;
type In = Record<string, Tensor>;
type Program = (i: In) => Tensor | Tensor[];

function bnModule(i: In): Tensor[] {
  const bn = new nn.BatchNorm1d(3, { momentum: null }).double();
  const a = bn.call(i.x1!);
  const b = bn.call(i.x2!);
  bn.eval();
  const c = bn.call(i.x3!);
  return [a, b, c, bn.runningMean!, bn.runningVar!, bn.numBatchesTracked!, bn.weight!.detach()];
}

const PROGRAMS: Record<string, Program> = {
  relu: ({ x }) => F.relu(x!),
  leakyRelu: ({ x }) => F.leakyRelu(x!, 0.2),
  elu: ({ x }) => F.elu(x!, 1.5),
  gelu: ({ x }) => F.gelu(x!),
  geluTanh: ({ x }) => F.gelu(x!, { approximate: "tanh" }),
  sigmoid: ({ x }) => F.sigmoid(x!),
  tanh: ({ x }) => F.tanh(x!),
  softplus: ({ x }) => F.softplus(x!, 2, 3),
  silu: ({ x }) => F.silu(x!),
  logsigmoid: ({ x }) => F.logsigmoid(x!),
  softmax1: ({ x }) => F.softmax(x!, 1),
  softmax0: ({ x }) => F.softmax(x!, 0),
  logSoftmax: ({ x }) => F.logSoftmax(x!, 1),
  logSoftmax3d: ({ x }) => F.logSoftmax(x!, -1),
  softmin: ({ x }) => F.softmin(x!, 1),
  activationModules: ({ x }) =>
    [new nn.ReLU(), new nn.LeakyReLU(0.3), new nn.ELU(), new nn.GELU(), new nn.Sigmoid(), new nn.Tanh(), new nn.Softplus(), new nn.Softmax(-1), new nn.LogSoftmax(0)].map((m) =>
      m.call(x!),
    ),
  linear: ({ x, w, b }) => F.linear(x!, w!, b!),
  linearNoBias3d: ({ x, w }) => F.linear(x!, w!),
  bilinear: ({ x1, x2, w, b }) => F.bilinear(x1!, x2!, w!, b!),
  conv1d: ({ x, w, b }) => F.conv1d(x!, w!, b!, { stride: 2, padding: 1, groups: 2 }),
  conv1dSameDilated: ({ x, w }) => F.conv1d(x!, w!, null, { padding: "same", dilation: 2 }),
  conv2d: ({ x, w, b }) => F.conv2d(x!, w!, b!),
  conv2dStridePadDilation: ({ x, w, b }) => F.conv2d(x!, w!, b!, { stride: [2, 1], padding: [1, 2], dilation: [1, 2] }),
  conv2dGroups: ({ x, w, b }) => F.conv2d(x!, w!, b!, { groups: 3, padding: 1 }),
  conv2dSameEvenKernel: ({ x, w }) => F.conv2d(x!, w!, null, { padding: "same" }),
  conv2dValidUnbatched: ({ x, w, b }) => F.conv2d(x!, w!, b!, { padding: "valid" }),
  conv3d: ({ x, w, b }) => F.conv3d(x!, w!, b!, { stride: [1, 2, 1], padding: [1, 0, 1], groups: 2 }),
  relu6: ({ x }) => F.relu6(x!.mul(3)),
  groupNorm: ({ x, w, b }) => F.groupNorm(x!, 2, w!, b!),
  groupNorm4d: ({ x }) => F.groupNorm(x!, 3, null, null, 1e-3),
  convTranspose2d: ({ x, w, b }) => F.convTranspose2d(x!, w!, b!),
  convTranspose2dStrided: ({ x, w, b }) =>
    F.convTranspose2d(x!, w!, b!, { stride: [2, 3], padding: [1, 0], outputPadding: [1, 2], groups: 3, dilation: [1, 2] }),
  convTranspose1d: ({ x, w }) => F.convTranspose1d(x!, w!, null, { stride: 2, padding: 2 }),
  convTranspose2dUnbatched: ({ x, w }) => F.convTranspose2d(x!, w!, null, { stride: 2 }),
  maxPool2d: ({ x }) => F.maxPool2d(x!, 3, { stride: 2, padding: 1 }),
  maxPool2dCeil: ({ x }) => F.maxPool2d(x!, [3, 2], { stride: 2, ceilMode: true }),
  maxPool2dDilation: ({ x }) => F.maxPool2d(x!, 2, { stride: 1, dilation: 2 }),
  maxPool2dIndices: ({ x }) => F.maxPool2d(x!, 3, { stride: 2, padding: 1, returnIndices: true }),
  maxPool1d: ({ x }) => F.maxPool1d(x!, 3, { stride: 2, padding: 1, ceilMode: true }),
  avgPool2d: ({ x }) => F.avgPool2d(x!, 3, { stride: 2, padding: 1 }),
  avgPool2dExcludePad: ({ x }) => F.avgPool2d(x!, 3, { stride: 2, padding: 1, countIncludePad: false }),
  avgPool2dCeil: ({ x }) => F.avgPool2d(x!, 3, { stride: 2, padding: 1, ceilMode: true }),
  avgPool2dDivisor: ({ x }) => F.avgPool2d(x!, 2, { divisorOverride: 3 }),
  avgPool1d: ({ x }) => F.avgPool1d(x!, 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }),
  adaptiveAvgPool2d: ({ x }) => F.adaptiveAvgPool2d(x!, [3, 4]),
  adaptiveAvgPool2dNone: ({ x }) => F.adaptiveAvgPool2d(x!, [null, 2]),
  adaptiveAvgPool1d: ({ x }) => F.adaptiveAvgPool1d(x!, 3),
  pad: ({ x }) => F.pad(x!, [1, 2], "constant", 0.5),
  pad2d: ({ x }) => F.pad(x!, [1, 1, 2, 0]),
  padNegative: ({ x }) => F.pad(x!, [-1, 1]),
  layerNorm: ({ x, w, b }) => F.layerNorm(x!, [5], w!, b!),
  layerNorm2: ({ x }) => F.layerNorm(x!, [4, 5], null, null, 1e-3),
  batchNormTraining: ({ x, w, b, rm, rv }) => [F.batchNorm(x!, rm!, rv!, { weight: w!, bias: b!, training: true, momentum: 0.2 }), rm!, rv!],
  batchNormEval: ({ x, w, b, rm, rv }) => F.batchNorm(x!, rm!, rv!, { weight: w!, bias: b!, training: false }),
  batchNormModule: bnModule,
  embedding: ({ w, idx }) => F.embedding(idx!, w!),
  embeddingPadding: ({ w, idx }) => F.embedding(idx!, w!, 2),
  oneHot: ({ idx }) => F.oneHot(idx!),
  oneHot5: ({ idx }) => F.oneHot(idx!, 5),
  mseLoss: ({ x, t }) => F.mseLoss(x!, t!),
  mseLossSumNone: ({ x, t }) => [F.mseLoss(x!, t!, { reduction: "sum" }), F.mseLoss(x!, t!, { reduction: "none" })],
  l1Loss: ({ x, t }) => [F.l1Loss(x!, t!), F.l1Loss(x!, t!, { reduction: "sum" })],
  smoothL1Loss: ({ x, t }) => [F.smoothL1Loss(x!, t!, { beta: 0.5 }), F.smoothL1Loss(x!, t!, { reduction: "none" })],
  huberLoss: ({ x, t }) => [F.huberLoss(x!, t!, { delta: 0.7 }), F.huberLoss(x!, t!, { reduction: "sum", delta: 2.0 })],
  nllLoss: ({ x, t }) => F.nllLoss(F.logSoftmax(x!, 1), t!),
  nllLossWeightIgnore: ({ x, t, w }) => [F.nllLoss(x!, t!, { weight: w!, ignoreIndex: 1 }), F.nllLoss(x!, t!, { weight: w!, reduction: "none" })],
  nllLoss1d: ({ x, t }) => F.nllLoss(x!, t!),
  nllLossSpatial: ({ x, t }) => F.nllLoss(x!, t!, { reduction: "sum" }),
  crossEntropy: ({ x, t }) => F.crossEntropy(x!, t!),
  crossEntropyWeightIgnore: ({ x, t, w }) => [
    F.crossEntropy(x!, t!, { weight: w!, ignoreIndex: 0 }),
    F.crossEntropy(x!, t!, { weight: w!, reduction: "sum" }),
  ],
  crossEntropySmoothing: ({ x, t }) => [
    F.crossEntropy(x!, t!, { labelSmoothing: 0.1 }),
    F.crossEntropy(x!, t!, { labelSmoothing: 0.2, ignoreIndex: 4 }),
    F.crossEntropy(x!, t!, { labelSmoothing: 0.3, reduction: "none" }),
  ],
  crossEntropySmoothingWeight: ({ x, t, w }) => [
    F.crossEntropy(x!, t!, { weight: w!, labelSmoothing: 0.1, ignoreIndex: 0 }),
    F.crossEntropy(x!, t!, { weight: w!, labelSmoothing: 0.1, reduction: "sum" }),
  ],
  crossEntropyProbs: ({ x, p }) => [F.crossEntropy(x!, p!), F.crossEntropy(x!, p!, { reduction: "none" })],
  crossEntropyProbsSmoothingWeight: ({ x, p, w }) => F.crossEntropy(x!, p!, { weight: w!, labelSmoothing: 0.25 }),
  crossEntropyUnbatched: ({ x, t }) => F.crossEntropy(x!, t!),
  crossEntropySpatial: ({ x, t }) => F.crossEntropy(x!, t!),
  bce: ({ x, t, w }) => [F.binaryCrossEntropy(x!, t!), F.binaryCrossEntropy(x!, t!, { weight: w!, reduction: "sum" })],
  bceWithLogits: ({ x, t, w, pw }) => [
    F.binaryCrossEntropyWithLogits(x!, t!),
    F.binaryCrossEntropyWithLogits(x!, t!, { weight: w!, posWeight: pw!, reduction: "none" }),
  ],
  lossModules: ({ x, t, c }) => [
    new nn.MSELoss().call(x!, t!),
    new nn.L1Loss({ reduction: "sum" }).call(x!, t!),
    new nn.SmoothL1Loss({ beta: 0.3 }).call(x!, t!),
    new nn.HuberLoss({ delta: 0.4 }).call(x!, t!),
    new nn.CrossEntropyLoss({ labelSmoothing: 0.1 }).call(x!, c!),
    new nn.NLLLoss().call(x!, c!),
    new nn.BCEWithLogitsLoss({ posWeight: torch.full([5], 2.0, { dtype: torch.float64 }) }).call(x!, t!.sigmoid()),
    new nn.BCELoss().call(x!.sigmoid(), t!.sigmoid()),
  ],
};

describe("nn.functional against PyTorch 1.13 (float64 outputs and gradients)", () => {
  const { cases } = fixture();

  it("every recorded case has a program here, and every program a case", () => {
    expect(Object.keys(PROGRAMS).sort()).toEqual(cases.map((c) => c.name).sort());
  });

  for (const c of cases) {
    it(c.name, () => {
      const inputs: In = {};
      for (const [k, r] of Object.entries(c.inputs)) inputs[k] = toTensor(r, { requiresGrad: r.requiresGrad === true });
      const result = PROGRAMS[c.name]!(inputs);
      const outs = Array.isArray(result) ? result : [result];
      expect(outs.length).toBe(c.outputs.length);
      let total: Tensor | null = null;
      outs.forEach((o, i) => {
        const e = c.outputs[i]!;
        expect([...o.shape], `output ${i} shape`).toEqual(e.shape);
        expect(o.dtype, `output ${i} dtype`).toBe(e.dtype);
        expectClose(o, e.data, 1e-10, 1e-12, `output ${i}`);
        const g = c.gradOutputs[i];
        expect(o.requiresGrad, `output ${i} requiresGrad`).toBe(g !== null && g !== undefined);
        if (g !== null && g !== undefined) {
          const term = o.mul(torch.tensor(g.map(num), { dtype: o.dtype }).reshape(o.shape)).sum();
          total = total === null ? term : total.add(term);
        }
      });
      if (total !== null) (total as Tensor).backward();
      for (const [k, expected] of Object.entries(c.grads)) {
        const grad = inputs[k]!.grad;
        if (expected === null) expect(grad, `grad of ${k}`).toBeNull();
        else expectClose(grad!, expected, 1e-9, 1e-12, `grad of ${k}`);
      }
    });
  }
});
