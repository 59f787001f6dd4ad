// Regressions found by the PyTorch view fixtures (views.fixtures.test.ts), pinned one by one.
import { describe, expect, it } from "vitest";
import * as torch from "./index.js";

describe("view fixes", () => {
  it("a 0-d tensor views as any shape of one element, with strides 1", () => {
    const x = torch.tensor(5);
    expect(x.view(-1).stride()).toEqual([1]);
    expect(x.view(1, 1).stride()).toEqual([1, 1]);
    expect(x.reshape([1]).sharesStorage(x)).toBe(true);
    expect(x.flatten().shape).toEqual([1]);
  });

  it("an empty tensor is contiguous whatever its strides (PyTorch's is_contiguous)", () => {
    const x = torch.zeros(2, 0, 3);
    expect(x.T.isContiguous()).toBe(true);
    expect(x.movedim(0, -1).isContiguous()).toBe(true);
    expect(x.T.contiguous().sharesStorage(x)).toBe(true);
  });

  it("reading an empty view at an offset past its empty storage gives no values", () => {
    const x = torch.zeros(0, 3);
    expect(x.narrow(1, 2, 1).tolist()).toEqual([]);
    expect(x.unbind(1).map((t) => t.tolist())).toEqual([[], [], []]);
  });

  it("chunk of an empty dim gives `chunks` empty pieces", () => {
    const parts = torch.zeros(0, 3).chunk(3, 0);
    expect(parts.map((p) => p.shape)).toEqual([[0, 3], [0, 3], [0, 3]]);
  });
});
