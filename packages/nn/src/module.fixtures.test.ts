// Module structure against PyTorch 1.13 (gen_nn.py, "reprs" and "model"): reprs, parameter and
// buffer names in PyTorch's order, state-dict keys, module traversal.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import * as nn from "@typetorch/nn";
import { fixture } from "./test-utils/fixture.js";

const REPRS: Record<string, () => nn.Module> = {
  "Identity()": () => new nn.Identity(),
  "Linear(1,1)": () => new nn.Linear(1, 1),
  "Linear(3,2,bias=False)": () => new nn.Linear(3, 2, { bias: false }),
  "Bilinear(2,3,4)": () => new nn.Bilinear(2, 3, 4),
  "Flatten()": () => new nn.Flatten(),
  "Flatten(0,2)": () => new nn.Flatten(0, 2),
  "Unflatten(1,(2,5))": () => new nn.Unflatten(1, [2, 5]),
  "ReLU()": () => new nn.ReLU(),
  "ReLU(inplace)": () => new nn.ReLU(true),
  "LeakyReLU()": () => new nn.LeakyReLU(),
  "LeakyReLU(0.2)": () => new nn.LeakyReLU(0.2),
  "ELU()": () => new nn.ELU(),
  "GELU()": () => new nn.GELU(),
  "GELU(tanh)": () => new nn.GELU({ approximate: "tanh" }),
  "Sigmoid()": () => new nn.Sigmoid(),
  "Tanh()": () => new nn.Tanh(),
  "SiLU()": () => new nn.SiLU(),
  "Softplus()": () => new nn.Softplus(),
  "Softmax(1)": () => new nn.Softmax(1),
  "Softmax()": () => new nn.Softmax(),
  "LogSoftmax(-1)": () => new nn.LogSoftmax(-1),
  "Dropout()": () => new nn.Dropout(),
  "Dropout(0.25)": () => new nn.Dropout(0.25),
  "Embedding(10,3)": () => new nn.Embedding(10, 3),
  "Embedding(10,3,padding_idx=0)": () => new nn.Embedding(10, 3, { paddingIdx: 0 }),
  "LayerNorm(5)": () => new nn.LayerNorm(5),
  "LayerNorm((4,5),eps=1e-3,affine=False)": () => new nn.LayerNorm([4, 5], { eps: 1e-3, elementwiseAffine: false }),
  "BatchNorm1d(3)": () => new nn.BatchNorm1d(3),
  "BatchNorm2d(8,momentum=None,affine=False)": () => new nn.BatchNorm2d(8, { momentum: null, affine: false }),
  "Conv1d(4,2,3,groups=2)": () => new nn.Conv1d(4, 2, 3, { groups: 2 }),
  "Conv2d(1,6,3)": () => new nn.Conv2d(1, 6, 3),
  "Conv2d(3,6,(2,3),stride=2,padding=1,dilation=2,groups=3,bias=False)": () =>
    new nn.Conv2d(3, 6, [2, 3], { stride: 2, padding: 1, dilation: 2, groups: 3, bias: false }),
  "Conv2d(2,2,3,padding=same)": () => new nn.Conv2d(2, 2, 3, { padding: "same" }),
  "Conv3d(2,4,(2,3,2),stride=2)": () => new nn.Conv3d(2, 4, [2, 3, 2], { stride: 2 }),
  "ConvTranspose2d(3,2,3,stride=2,output_padding=1)": () => new nn.ConvTranspose2d(3, 2, 3, { stride: 2, outputPadding: 1 }),
  "ConvTranspose1d(4,2,3,padding=1,groups=2,bias=False)": () => new nn.ConvTranspose1d(4, 2, 3, { padding: 1, groups: 2, bias: false }),
  "GroupNorm(2,4)": () => new nn.GroupNorm(2, 4),
  "GroupNorm(3,6,eps=1e-3,affine=False)": () => new nn.GroupNorm(3, 6, { eps: 1e-3, affine: false }),
  "MaxPool2d(2)": () => new nn.MaxPool2d(2),
  "MaxPool2d((3,2),stride=1,padding=1,ceil_mode=True)": () => new nn.MaxPool2d([3, 2], { stride: 1, padding: 1, ceilMode: true }),
  "AvgPool2d(3,stride=2)": () => new nn.AvgPool2d(3, { stride: 2 }),
  "AdaptiveAvgPool2d((5,7))": () => new nn.AdaptiveAvgPool2d([5, 7]),
  "AdaptiveAvgPool2d(1)": () => new nn.AdaptiveAvgPool2d(1),
  "MSELoss()": () => new nn.MSELoss(),
  "CrossEntropyLoss()": () => new nn.CrossEntropyLoss(),
  "BCEWithLogitsLoss()": () => new nn.BCEWithLogitsLoss(),
  "Sequential(Linear(2,3),ReLU(),Linear(3,1))": () => new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1)),
  "ModuleList([Linear(2,2),Sequential(ReLU())])": () => new nn.ModuleList([new nn.Linear(2, 2), new nn.Sequential(new nn.ReLU())]),
  "ModuleDict({act:ReLU(),fc:Linear(1,2)})": () => new nn.ModuleDict({ act: new nn.ReLU(), fc: new nn.Linear(1, 2) }),
};

class Block extends nn.Module {
  conv = new nn.Conv2d(3, 4, 3);
  bn = new nn.BatchNorm2d(4);
  act = new nn.ReLU();
}

/** gen_nn.py's Model, written the TypeScript way: fields register in declaration order. */
class Model extends nn.Module {
  features = new nn.Sequential(new nn.Conv2d(1, 3, 3), new nn.ReLU(), new Block());
  head = new nn.ModuleDict({ fc: new nn.Linear(4, 2), drop: new nn.Dropout(0.1) });
  emb = new nn.Embedding(10, 4);
  shared = this.head.get("fc");
  layers = new nn.ModuleList([new nn.Linear(2, 2), new nn.LayerNorm(2)]);
  scale = nn.Parameter(torch.ones(1));
  constructor() {
    super();
    this.registerBuffer("step", torch.zeros(1));
    this.registerBuffer("tmp", torch.zeros(2), { persistent: false });
  }
}

describe("modules print as PyTorch 1.13's repr", () => {
  const { reprs } = fixture();
  it("the table here names exactly the recorded modules", () => {
    expect(Object.keys(REPRS)).toEqual(Object.keys(reprs));
  });
  for (const [name, text] of Object.entries(reprs)) {
    it(name, () => expect(String(REPRS[name]!())).toBe(text));
  }
});

describe("a nested model: names, order and state dict as PyTorch's", () => {
  const { model: expected } = fixture();
  const model = new Model();
  it("repr", () => expect(model.toString()).toBe(expected.repr));
  it("namedParameters: own first, then children depth-first, shared modules once", () => {
    expect(model.namedParameters().map(([n, p]) => [n, [...p.shape]])).toEqual(expected.namedParameters);
    expect(model.parameters().length).toBe(expected.namedParameters.length);
  });
  it("namedBuffers include non-persistent buffers", () => {
    expect(model.namedBuffers().map(([n]) => n)).toEqual(expected.namedBuffers);
  });
  it("stateDict keys: persistent state, a shared module under each of its names", () => {
    expect(Object.keys(model.stateDict())).toEqual(expected.stateDict);
  });
  it("namedModules and namedChildren", () => {
    expect(model.namedModules().map(([n, m]) => [n, m.constructor.name])).toEqual(expected.namedModules);
    expect(model.namedChildren().map(([n]) => n)).toEqual(expected.namedChildren);
  });
  it("loadStateDict with strict: false reports PyTorch's missing and unexpected keys", () => {
    const r = new nn.Linear(2, 3).loadStateDict({ weight: torch.zeros(3, 2), extra: torch.zeros(1) }, { strict: false });
    expect(r).toEqual(expected.nonStrict);
  });
});
