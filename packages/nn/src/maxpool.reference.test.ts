// Max pooling gathers each window's first maximum (functional/pool.ts). It must agree bit for bit
// — values, input gradients, signs of zero — with the plain composite: pad with −inf, cut the
// windows, `max` over each flattened window (whose backward routes g to the first maximum), for
// disjoint and overlapping windows, padding, dilation and ceil mode; and it keeps PyTorch's NaN rule.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";
import * as nn from "@typetorch/nn";
import { pad } from "./functional/basic.js";
import { padList, windows } from "./functional/conv.js";

const F = nn.functional;

/** Every element as text, −0 spelled out: equal strings mean bit-identical values. */
const bits = (t: Tensor): string =>
  (t.detach().flatten().tolist() as number[]).map((v) => (Object.is(v, -0) ? "-0" : String(v))).join(",");

type Config = [kernel: number[], stride: number[], padding: number[], dilation: number[], ceil: boolean];

/** The reference composite, with PyTorch's output size and ceil-mode overhang. */
function windowMax(x: Tensor, [k, s, p, d, ceil]: Config): Tensor {
  const extra = x.shape.slice(2).map((L, i) => {
    const span = d[i]! * (k[i]! - 1) + 1;
    let size = Math.floor((L + 2 * p[i]! - span + (ceil ? s[i]! - 1 : 0)) / s[i]!) + 1;
    if (ceil && (size - 1) * s[i]! >= L + p[i]!) size--;
    return Math.max(0, (size - 1) * s[i]! + span - (L + 2 * p[i]!));
  });
  let y = pad(x, padList(p.map((v) => [v, v] as [number, number])), "constant", -Infinity);
  y = pad(y, padList(extra.map((e) => [0, e] as [number, number])), "constant", -Infinity);
  return windows(y, k, s, d).flatten(-2).max(-1).values;
}

describe("maxPool2d against the window-max composite", () => {
  const configs: Config[] = [
    [[2, 2], [2, 2], [0, 0], [1, 1], false], // the tutorial's pooling: disjoint windows
    [[3, 3], [3, 3], [0, 0], [1, 1], true],
    [[3, 2], [3, 2], [1, 0], [1, 1], true],
    [[2, 2], [2, 2], [1, 1], [2, 2], false],
    [[3, 3], [1, 1], [1, 1], [1, 1], false], // overlapping: an element can win up to 9 windows
    [[3, 3], [2, 2], [1, 1], [1, 1], true],
    [[2, 3], [1, 2], [0, 1], [2, 1], false],
    [[2, 2], [1, 1], [0, 0], [1, 1], false],
  ];
  it.each(configs)("kernel %j stride %j padding %j dilation %j ceil %s: same values and gradients, bit for bit", (...config) => {
    torch.manualSeed(3);
    for (const dtype of ["float64", "float32"] as const) {
      for (const data of ["randn", "ties", "relu"]) {
        const base = torch.randn(2, 3, 9, 8, { dtype });
        // rounded values tie often (the first maximum must win); relu output is mostly zeros
        const x0 = data === "randn" ? base : data === "ties" ? base.mul(2).round() : base.relu();
        const [xa, xb] = [x0.clone().requiresGrad_(), x0.clone().requiresGrad_()];
        const [k, s, p, d, ceil] = config;
        const expected = windowMax(xa, config);
        const actual = F.maxPool2d(xb, k, { stride: s, padding: p, dilation: d, ceilMode: ceil });
        expect(bits(actual)).toBe(bits(expected));
        const g = torch.randn(...expected.shape, { dtype });
        expected.backward(g);
        actual.backward(g);
        expect(bits(xb.grad!)).toBe(bits(xa.grad!));
      }
    }
  });

  it("a window whose real elements are all −inf answers its first real element, never padding", () => {
    // PyTorch 1.13: F.max_pool2d(torch.full((1,1,3,3), -inf), 2, stride=2, padding=1, return_indices=True)
    // → indices [[0, 1], [3, 4]], and the gradient of the sum reaches exactly those cells.
    const x = torch.full([1, 1, 3, 3], -Infinity).requiresGrad_();
    const [values, indices] = F.maxPool2d(x, 2, { stride: 2, padding: 1, returnIndices: true });
    expect(indices.tolist()).toEqual([[[[0, 1], [3, 4]]]]);
    expect(values.tolist()).toEqual([[[[-Infinity, -Infinity], [-Infinity, -Infinity]]]]);
    values.sum().backward();
    expect(x.grad!.tolist()).toEqual([[[[1, 1, 0], [1, 1, 0], [0, 0, 0]]]]);
    // Overlapping windows (stride 1), a finite maximum wins over padding as before; the corner
    // window has only −inf real cells. PyTorch: indices [[1, 1, 1], [6, 6, 1], [6, 6, 4]].
    const y = torch.tensor([[[[-Infinity, 1, -Infinity], [-Infinity, -Infinity, -Infinity], [2, -Infinity, -Infinity]]]]);
    expect(F.maxPool2d(y, 3, { stride: 1, padding: 1, returnIndices: true })[1].tolist()).toEqual([[[[1, 1, 1], [6, 6, 1], [6, 6, 4]]]]);
  });

  it("a NaN wins its window (the last NaN, as PyTorch 1.13's kernel) and takes the gradient", () => {
    const x = torch.tensor([[[[1, NaN, 0, 5], [3, 2, NaN, NaN]]]]).requiresGrad_();
    const [values, indices] = F.maxPool2d(x, 2, { returnIndices: true });
    expect(values.isnan().all().item()).toBe(true);
    expect(indices.tolist()).toEqual([[[[1, 7]]]]); // PyTorch: tensor([[[[1, 7]]]])
    values.sum().backward();
    expect(x.grad!.tolist()).toEqual([[[[0, 1, 0, 0], [0, 0, 0, 1]]]]);
  });
});
