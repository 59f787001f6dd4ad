// Tutorial 002's program against PyTorch 1.13's own run of it (tooling/fixtures/gen_training.py):
// the same sklearn data, torch.manual_seed(0), torch RNG mode. Initialisation and batch order come
// from PyTorch's generator, which typetorch reproduces bit for bit; the arithmetic is float32 on
// both sides but not in the same order (PyTorch's Linear is one BLAS addmm, its MSE a vectorised
// sum), so losses are compared with a relative bound.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as torch from "typetorch";
import { train, type TrainResult } from "./train.js";

interface Recorded {
  x: number[];
  y: number[];
  init: { weight: number[]; bias: number[] };
  stepLoss: number[];
  epochLoss: number[];
  final: { weight: number[]; bias: number[] };
}
const fixture = JSON.parse(
  readFileSync(new URL("../../../tooling/fixtures/data/training.json", import.meta.url), "utf8"),
) as { linear_regression: Recorded };
const want = fixture.linear_regression;

const relErr = (got: number, ref: number): number => Math.abs(got - ref) / Math.abs(ref);

describe("tutorial 002: linear regression with nn.Linear, MSELoss, SGD and a shuffled DataLoader", () => {
  let got: TrainResult;
  beforeAll(() => {
    torch.setRngMode("torch");
    torch.manualSeed(0);
    const x = torch.tensor(want.x, { dtype: torch.float64 }).reshape(-1, 1);
    const y = torch.tensor(want.y, { dtype: torch.float64 });
    got = train(x, y);
  });
  afterAll(() => torch.setRngMode("portable"));

  it("initialises nn.Linear(1, 1) with PyTorch's weight and bias, bit for bit", () => {
    expect(got.initial.weight).toBe(want.init.weight[0]);
    expect(got.initial.bias).toBe(want.init.bias[0]);
  });

  it("takes PyTorch's batches in PyTorch's order: every one of the 700 step losses agrees", () => {
    expect(got.stepLoss).toHaveLength(want.stepLoss.length);
    // A batch drawn in another order would change its loss by far more than float32 rounding.
    const worst = Math.max(...got.stepLoss.map((v, i) => relErr(v, want.stepLoss[i]!)));
    expect(worst).toBeLessThan(1e-6); // measured: 1.8e-7, and 437 of 700 equal
  });

  it("ends with PyTorch's epoch losses and parameters", () => {
    expect(got.epochLoss).toHaveLength(100);
    got.epochLoss.forEach((v, i) => expect(relErr(v, want.epochLoss[i]!)).toBeLessThan(1e-7)); // measured 1.1e-8
    // Measured: both equal PyTorch's float32 values exactly (SGD contracts the early differences).
    expect(relErr(got.weight, want.final.weight[0]!)).toBeLessThan(1e-6);
    expect(relErr(got.bias, want.final.bias[0]!)).toBeLessThan(1e-6);
  });
});
