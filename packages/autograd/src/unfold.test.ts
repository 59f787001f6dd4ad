// unfold's backward (unfold.ts) accumulates window slices in place. It must equal, bit for bit,
// the composite it replaced — zeros with slice j set to g[..., j], summed over j in order —
// including the signs of zero, and stay differentiable (its derivative is the unfold again).
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";

/** Every element as text, −0 spelled out: equal strings mean bit-identical float values. */
const bits = (t: Tensor): string =>
  (t.detach().flatten().tolist() as number[]).map((v) => (Object.is(v, -0) ? "-0" : String(v))).join(",");

/** The reference: Σ_j (zeros with t[dim, j::step][:n] = g[..., j]), added left to right. */
function sumOfEmbeds(g: Tensor, shape: number[], dim: number, size: number, step: number): Tensor {
  const n = g.shape[dim]!;
  let acc: Tensor | null = null;
  for (let j = 0; j < size; j++) {
    const z = torch.zeros(...shape, { dtype: g.dtype });
    z.narrow(dim, j, (n - 1) * step + 1).unfold(dim, 1, step).select(-1, 0).copy_(g.select(-1, j));
    acc = acc === null ? z : acc.add(z);
  }
  return acc!;
}

describe("unfold backward", () => {
  const cases: [number[], number, number, number][] = [
    [[4, 7, 5], 1, 3, 1], // overlapping windows: interior positions covered by every j
    [[4, 7, 5], 1, 2, 2], // disjoint windows
    [[4, 7, 5], 1, 3, 2], // overlapping, step > 1
    [[4, 9, 5], 1, 2, 4], // gaps between windows
    [[4, 7, 5], 2, 1, 2], // windows of one
    [[4, 7, 5], 2, 5, 1], // one window
    [[4, 7, 5], 0, 2, 1],
    [[6], 0, 3, 1],
  ];
  it.each(cases)("shape %j, dim %i, size %i, step %i: bit-identical to the sum of embeds (with −0s, any layout of g)", (shape, dim, size, step) => {
    torch.manualSeed(5);
    for (const dtype of ["float32", "float64"] as const) {
      for (const layout of ["contiguous", "transposed"]) {
        const x = torch.randn(...shape, { dtype }).requiresGrad_();
        const y = x.unfold(dim, size, step);
        // a third of the gradient is −0 or +0, so sign-of-zero rules are exercised
        let g = torch.randn(...y.shape, { dtype });
        g = torch.where(torch.rand(...y.shape).lt(0.2), torch.zeros(...y.shape, { dtype }).neg(), g);
        g = torch.where(torch.rand(...y.shape).lt(0.1), 0, g);
        if (layout === "transposed") g = g.transpose(0, -1).contiguous().transpose(0, -1);
        y.backward(g);
        expect(bits(x.grad!)).toBe(bits(sumOfEmbeds(g, shape, dim, size, step)));
      }
    }
  });

  it("records UnfoldBackward0, whose gradient under createGraph is differentiable (UnfoldBackwardBackward0 → unfold)", () => {
    const x = torch.arange(6, { dtype: "float64" }).requiresGrad_();
    const y = x.unfold(0, 3, 1); // [[0,1,2],[1,2,3],[2,3,4],[3,4,5]]
    expect(y.gradFn?.name()).toBe("UnfoldBackward0");
    const g = torch.ones(4, 3, { dtype: "float64" }).requiresGrad_();
    const [gx] = torch.autograd.grad([y], [x], { gradOutputs: [g], createGraph: true });
    // each input element is counted once per window holding it
    expect(gx!.tolist()).toEqual([1, 2, 3, 3, 2, 1]);
    expect(gx!.gradFn?.name()).toBe("UnfoldBackwardBackward0");
    // d(Σ w·gx)/dg = w.unfold(0, 3, 1)
    const w = torch.arange(6, { dtype: "float64" });
    const [gg] = torch.autograd.grad([gx!.mul(w).sum()], [g]);
    expect(gg!.tolist()).toEqual(w.unfold(0, 3, 1).tolist());
  });

  it("empty windows (size 0) and no windows give a zero gradient", () => {
    const x = torch.arange(5, { dtype: "float32" }).requiresGrad_();
    x.unfold(0, 0, 1).sum().backward(); // [6, 0]
    expect(x.grad!.tolist()).toEqual([0, 0, 0, 0, 0]);
    const e = torch.zeros(0, 4).requiresGrad_();
    e.unfold(1, 2, 1).sum().backward(); // [0, 3, 2]
    expect(e.grad!.shape).toEqual([0, 4]);
  });

  it("lays the input gradient out like g: a contiguous g gives a contiguous gradient", () => {
    const x = torch.randn(2, 3, 8).requiresGrad_();
    x.unfold(2, 3, 1).backward(torch.ones(2, 3, 6, 3));
    expect(x.grad!.isContiguous()).toBe(true);
  });

  it("passes gradcheck and gradgradcheck in float64", () => {
    const x = torch.randn(3, 7, { dtype: "float64" }).requiresGrad_();
    expect(torch.autograd.gradcheck((t: Tensor) => t.unfold(1, 3, 2), [x])).toBe(true);
    expect(torch.autograd.gradgradcheck((t: Tensor) => t.unfold(1, 3, 1).mul(t.unfold(1, 3, 1)), [x])).toBe(true);
  });
});
