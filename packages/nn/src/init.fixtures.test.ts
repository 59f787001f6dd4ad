// nn.init and the layers' reset_parameters against PyTorch 1.13 (gen_nn.py, "init"/"gains"): in
// "torch" RNG mode, after the same manualSeed, the same sequence of layers gets PyTorch's initial
// weights bit for bit (float32), because every initialiser makes PyTorch's generator calls with
// bounds computed in the same double-precision steps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";
import * as nn from "@typetorch/nn";
import { expectFloat32Exact, fixture } from "./test-utils/fixture.js";

const LAYERS: Record<string, () => nn.Module> = {
  "Linear(4,3)": () => new nn.Linear(4, 3),
  "Linear(5,2,bias=False)": () => new nn.Linear(5, 2, { bias: false }),
  "Linear(300,20)": () => new nn.Linear(300, 20),
  "Conv2d(2,3,3)": () => new nn.Conv2d(2, 3, 3),
  "Conv1d(4,2,3,groups=2)": () => new nn.Conv1d(4, 2, 3, { groups: 2 }),
  "Conv2d(3,6,(2,3),stride=2,groups=3)": () => new nn.Conv2d(3, 6, [2, 3], { stride: 2, groups: 3 }),
  "Embedding(6,3,padding_idx=1)": () => new nn.Embedding(6, 3, { paddingIdx: 1 }),
  "Bilinear(2,3,4)": () => new nn.Bilinear(2, 3, 4),
  "LayerNorm(3)": () => new nn.LayerNorm(3),
  "BatchNorm1d(3)": () => new nn.BatchNorm1d(3),
  "Conv3d(2,4,(2,3,2))": () => new nn.Conv3d(2, 4, [2, 3, 2]),
  "ConvTranspose2d(4,6,3,groups=2)": () => new nn.ConvTranspose2d(4, 6, 3, { groups: 2 }),
  "GroupNorm(2,4)": () => new nn.GroupNorm(2, 4),
};

const I = nn.init;
const INIT_FNS: Record<string, () => Tensor> = {
  "xavierUniform_(3,5)": () => I.xavierUniform_(torch.empty(3, 5)),
  "xavierUniform_(4,2,3,gain=2)": () => I.xavierUniform_(torch.empty(4, 2, 3), 2.0),
  "xavierNormal_(4,2,3)": () => I.xavierNormal_(torch.empty(4, 2, 3)),
  "kaimingUniform_(3,4,fan_out,relu)": () => I.kaimingUniform_(torch.empty(3, 4), { mode: "fan_out", nonlinearity: "relu" }),
  "kaimingNormal_(5,3,a=0.1)": () => I.kaimingNormal_(torch.empty(5, 3), { a: 0.1 }),
  "kaimingNormal_(20,3)": () => I.kaimingNormal_(torch.empty(20, 3)),
  "normal_(17,1,2)": () => I.normal_(torch.empty(17), 1.0, 2.0),
  "uniform_(3,-2,3)": () => I.uniform_(torch.empty(3), -2.0, 3.0),
  "eye_(3,4)": () => I.eye_(torch.empty(3, 4)),
  "constant_(2,2,0.3)": () => I.constant_(torch.empty(2, 2), 0.3),
  "ones_zeros_(2)": () => torch.cat([I.ones_(torch.empty(2)), I.zeros_(torch.empty(2))]),
};

describe("initial parameters in torch RNG mode are PyTorch 1.13's, bit for bit", () => {
  beforeAll(() => torch.setRngMode("torch"));
  afterAll(() => torch.setRngMode("portable"));
  const fx = fixture();

  it("the tables here name exactly the recorded layers and functions", () => {
    expect(Object.keys(LAYERS)).toEqual(Object.keys(fx.init[0]!.layers));
    expect(Object.keys(INIT_FNS)).toEqual(Object.keys(fx.init[0]!.fns));
  });

  for (const { seed, layers, fns } of fx.init) {
    it(`layers built in sequence after manualSeed(${seed})`, () => {
      torch.manualSeed(seed);
      for (const [name, make] of Object.entries(LAYERS)) {
        const sd = make().stateDict();
        expect(Object.keys(sd), name).toEqual(Object.keys(layers[name]!));
        for (const [key, rec] of Object.entries(layers[name]!)) {
          if (rec.dtype === "int64") expect(Number(sd[key]!.item()), `${name} ${key}`).toBe(rec.data[0]);
          else expectFloat32Exact(sd[key]!, rec, `${name} ${key}`);
        }
      }
    });
    it(`nn.init functions in sequence after manualSeed(${seed})`, () => {
      torch.manualSeed(seed);
      for (const [name, make] of Object.entries(INIT_FNS)) {
        const t = make();
        expect(t.requiresGrad).toBe(false);
        expectFloat32Exact(t, fns[name]!, name);
      }
    });
  }

  it("calculateGain is PyTorch's to the last bit", () => {
    for (const [name, param, gain] of fx.gains) {
      expect(I.calculateGain(name as nn.init.Nonlinearity, param), `${name}(${param})`).toBe(gain);
    }
  });

  it("initialisers do not record: a parameter stays a leaf", () => {
    const w = nn.Parameter(torch.empty(3, 4));
    I.kaimingUniform_(w, { a: Math.sqrt(5) });
    expect(w.isLeaf).toBe(true);
    expect(w.gradFn).toBeNull();
  });

  it("calculateFanInAndFanOut multiplies the receptive field in", () => {
    expect(I.calculateFanInAndFanOut(torch.empty(16, 6, 3, 3))).toEqual([54, 144]);
    expect(I.calculateFanInAndFanOut(torch.empty(3, 5))).toEqual([5, 3]);
  });
});
