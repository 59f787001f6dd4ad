// What nn refuses, with PyTorch 1.13's exception type and message (gen_nn.py, "errors").
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import * as nn from "@typetorch/nn";
import { errorText, fixture } from "./test-utils/fixture.js";

const F = nn.functional;
const z = (...s: number[]): torch.Tensor => torch.zeros(s);
const L = (v: number[]): torch.Tensor => torch.tensor(v, { dtype: torch.int64 });

const THUNKS: Record<string, () => unknown> = {
  conv2dChannels: () => F.conv2d(z(1, 3, 8, 8), z(6, 1, 3, 3)),
  conv2dInputDims: () => F.conv2d(z(8, 8), z(6, 1, 3, 3)),
  conv2dKernelTooBig: () => F.conv2d(z(1, 1, 2, 2), z(6, 1, 3, 3)),
  conv2dSameStrided: () => F.conv2d(z(1, 1, 5, 5), z(1, 1, 3, 3), null, { stride: 2, padding: "same" }),
  conv2dPaddingString: () => F.conv2d(z(1, 1, 5, 5), z(1, 1, 3, 3), null, { padding: "full" as "same" }),
  Conv2dSameStrided: () => new nn.Conv2d(1, 1, 3, { stride: 2, padding: "same" }),
  Conv2dGroups: () => new nn.Conv2d(3, 4, 3, { groups: 2 }),
  Conv2dGroupsBeforePadding: () => new nn.Conv2d(3, 4, 3, { padding: "full" as "same", groups: 2 }),
  linearShapes: () => F.linear(z(2, 3), z(5, 4)),
  maxPoolPad: () => F.maxPool2d(z(1, 1, 5, 5), 2, { padding: 2 }),
  maxPoolTooSmall: () => F.maxPool2d(z(1, 2, 2), 3),
  avgPoolPad: () => F.avgPool2d(z(1, 1, 5, 5), 2, { padding: 2 }),
  crossEntropyTargetBounds: () => F.crossEntropy(z(2, 3), L([0, 5])),
  crossEntropyBatch: () => F.crossEntropy(z(3, 4), L([0, 1])),
  crossEntropySmoothingRange: () => F.crossEntropy(z(2, 3), L([0, 1]), { labelSmoothing: 1.5 }),
  nllLossFloatTarget: () => F.nllLoss(z(2, 3), torch.tensor([0.0, 1.0], { dtype: torch.float32 })),
  nllLossSpatialTarget: () => F.nllLoss(z(2, 3, 4), torch.zeros([2, 5], { dtype: torch.int64 })),
  nllLossMultiTarget: () => F.nllLoss(z(2, 3), torch.zeros([2, 1], { dtype: torch.int64 })),
  nllLoss0d: () => F.nllLoss(z(), L([0]).reshape([])),
  crossEntropyUnbatchedSize: () => F.crossEntropy(z(3), L([0, 1])),
  crossEntropyWeightSize: () => F.crossEntropy(z(2, 3), L([0, 1]), { weight: torch.ones(4) }),
  crossEntropyProbsInt: () => F.crossEntropy(z(2, 3), torch.zeros([2, 3], { dtype: torch.int64 })),
  groupNormChannels: () => F.groupNorm(z(2, 5, 3), 2),
  convTranspose2dChannels: () => F.convTranspose2d(z(1, 2, 3, 3), z(3, 2, 3, 3)),
  convTransposeOutputPadding: () => F.convTranspose2d(z(1, 3, 3, 3), z(3, 2, 3, 3), null, { stride: 2, outputPadding: 2 }),
  bceSize: () => F.binaryCrossEntropy(z(3, 1), z(3)),
  bceRange: () => F.binaryCrossEntropy(torch.tensor([0.5, 1.5]), torch.tensor([0.0, 1.0], { dtype: torch.float32 })),
  bceWithLogitsSize: () => F.binaryCrossEntropyWithLogits(z(3, 1), z(3)),
  mseReduction: () => F.mseLoss(z(3), z(3), { reduction: "avg" as "mean" }),
  dropoutP: () => F.dropout(z(3), 1.5),
  DropoutP: () => new nn.Dropout(-0.1),
  fan1d: () => nn.init.xavierUniform_(z(3)),
  kaimingMode: () => nn.init.kaimingUniform_(z(3, 3), { mode: "fan_avg" as "fan_in" }),
  gainUnsupported: () => nn.init.calculateGain("softsign" as "relu"),
  eye3d: () => nn.init.eye_(z(2, 2, 2)),
  oneHotNegative: () => F.oneHot(L([0, -1])),
  oneHotTooLarge: () => F.oneHot(L([0, 3]), 3),
  embeddingFloat: () => F.embedding(torch.tensor([0.0, 1.0], { dtype: torch.float32 }), z(3, 2)),
  layerNormShape: () => F.layerNorm(z(3, 4), [5]),
  batchNormOneValue: () => new nn.BatchNorm1d(3).call(z(1, 3)),
  batchNorm2dDims: () => new nn.BatchNorm2d(3).call(z(2, 3)),
  embeddingPaddingIdx: () => new nn.Embedding(3, 2, { paddingIdx: 3 }),
  registerParameterDot: () => new nn.Module().registerParameter("a.b", nn.Parameter(z(1))),
  registerParameterTensor: () => new nn.Module().registerParameter("w", z(1)),
  assignTensorToParameter: () => {
    const m = new nn.Linear(2, 2);
    m.weight = z(2, 2);
  },
  addModuleNotModule: () => new nn.Module().addModule("x", 3 as unknown as nn.Module),
  addModuleDot: () => new nn.Module().addModule("a.b", new nn.ReLU()),
  registerBufferExists: () => new nn.Linear(2, 2).registerBuffer("forward", z(1)),
  registerBufferEmpty: () => new nn.Module().registerBuffer("", z(1)),
  moduleDictMissing: () => new nn.ModuleDict({ a: new nn.ReLU() }).get("b"),
  sequentialIndex: () => new nn.Sequential(new nn.ReLU()).at(3),
  forwardMissing: () => (new nn.ModuleList([new nn.ReLU()]) as nn.Module).call(...([z(1)] as never[])),
  clipGradNormNonfinite: () => {
    const p = torch.zeros([2], { requiresGrad: true });
    p.grad = torch.tensor([Infinity, 1.0]);
    nn.utils.clipGradNorm_([p], 1.0, { errorIfNonfinite: true });
  },
  trainNotBool: () => new nn.Linear(1, 1).train("yes" as unknown as boolean),
  loadMissingUnexpected: () => new nn.Linear(2, 3).loadStateDict({ weight: z(3, 2), extra: z(1), "bias.x": z(1) }),
  loadSizeMismatch: () => new nn.Sequential(new nn.Linear(2, 3)).loadStateDict({ "0.weight": z(2, 2), "0.bias": z(3) }),
  loadMissingNested: () =>
    new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.BatchNorm1d(3)).loadStateDict({ "0.weight": z(3, 2), "0.bias": z(3) }),
};

/** Where JS has no class of PyTorch's name, the nearest one we throw (README "Differences"). */
const RENAMED: Record<string, string> = { AssertionError: "ValueError" };

describe("nn errors match PyTorch 1.13", () => {
  const { errors } = fixture();
  it("every recorded error has a thunk here, and every thunk an error", () => {
    expect(Object.keys(THUNKS).sort()).toEqual(Object.keys(errors).sort());
  });
  for (const [name, text] of Object.entries(errors)) {
    it(name, () => {
      const [type, ...rest] = text.split(": ");
      const expected = `${RENAMED[type!] ?? type}: ${rest.join(": ")}`;
      expect(errorText(THUNKS[name]!)).toBe(expected);
    });
  }

  it("a refused load changes no parameter (every check runs before the first copy)", () => {
    const m = new nn.Sequential(new nn.Linear(2, 3), new nn.Linear(3, 1));
    const before = m.stateDict();
    const snapshot = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v.clone()]));
    const sd = { "0.weight": torch.ones(3, 2), "0.bias": torch.ones(3), "1.weight": torch.ones(2, 2), "1.bias": torch.ones(1) };
    expect(() => m.loadStateDict(sd)).toThrow(/size mismatch for 1.weight/);
    for (const [k, v] of Object.entries(m.stateDict())) expect(v.equal(snapshot[k]!), k).toBe(true);
  });

  it("MSELoss warns, as PyTorch, when the target's shape differs (then broadcasts)", () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (m: string) => void warnings.push(m);
    try {
      const loss = F.mseLoss(torch.ones(3, 1), torch.zeros(3, { dtype: torch.float32 }).add(0.5));
      expect(loss.item()).toBeCloseTo(0.25, 7);
    } finally {
      console.warn = original;
    }
    expect(warnings).toEqual([
      "UserWarning: Using a target size (torch.Size([3])) that is different to the input size (torch.Size([3, 1])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
    ]);
  });
});
