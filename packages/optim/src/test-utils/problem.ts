// The fixed problem of tooling/fixtures/gen_optim.py, and how tests compare floats with PyTorch's.
import { expect } from "vitest";
import * as torch from "typetorch";
import fixture from "../../../../tooling/fixtures/data/optim.json" with { type: "json" };

export { fixture };
export type Dtype = "float32" | "float64";
export type Params = Record<"w" | "s" | "b" | "u", torch.Tensor>;
export const NAMES = fixture.problem.names as Array<keyof Params>;

/** Leaf tensors with requiresGrad, at the generator's initial values. */
export function makeParams(dtype: Dtype): Params {
  const init = fixture.problem.init;
  const T = (d: number | number[] | number[][]): torch.Tensor => torch.tensor(d, { dtype, requiresGrad: true });
  return { w: T(init.w), s: T(init.s), b: T(init.b), u: T(init.u) };
}

/** The generator's loss at step k (u takes no part when k % 3 === 1, so its grad stays null). */
export function makeLoss(dtype: Dtype): (p: Params, k: number) => torch.Tensor {
  const { X, Y, C, D } = fixture.problem;
  const [x, y, c, d] = [X, Y, C, D].map((v) => torch.tensor(v, { dtype })) as [torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor];
  return (p, k) => {
    let loss = x.matmul(p.w).add(p.b).sub(y).pow(2).mean()
      .add(p.s.sub(0.5).pow(2).mul(2))
      .add(p.s.mul(0.1).mul(p.w.sum()));
    if (k % 3 !== 1) loss = loss.add(d.mul(p.u.sub(c).pow(2)).sum()).add(p.s.mul(0.05).mul(p.u.sum()));
    return loss;
  };
}

export function flat(x: unknown): number[] {
  if (Array.isArray(x)) return x.flatMap(flat);
  return [Number(x)];
}

const ulp32 = (x: number): number => {
  const a = Math.max(Math.abs(x), 2 ** -126);
  return 2 ** (Math.floor(Math.log2(a)) - 23);
};

/**
 * The largest error of `actual` against `expected`: in float32 ULPs of the expected value, or relative
 * to max(|expected|, 1) in float64 (so values that cross zero are measured against the problem's scale).
 */
export function maxError(actual: unknown, expected: unknown, dtype: Dtype): number {
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length).toBe(e.length);
  let worst = 0;
  a.forEach((v, i) => {
    const w = e[i] as number;
    const err = dtype === "float32" ? Math.abs(v - w) / ulp32(w) : Math.abs(v - w) / Math.max(Math.abs(w), 1);
    worst = Math.max(worst, Number.isNaN(err) ? Infinity : err);
  });
  return worst;
}
