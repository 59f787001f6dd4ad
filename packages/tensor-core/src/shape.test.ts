import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { broadcastShapes, contiguousStrides, isContiguousLayout, normalizeDim, numel } from "./shape.js";
import { computeStride, inferSize } from "./ops/view.js";

describe("contiguousStrides", () => {
  it("is row-major, size-0/1 dims counted as 1 (PyTorch: torch.empty(2, 0, 3).stride() == (3, 3, 1))", () => {
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(contiguousStrides([2, 0, 3])).toEqual([3, 3, 1]);
    expect(contiguousStrides([])).toEqual([]);
  });
  it("describes a contiguous layout", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 5 }), (shape) =>
        isContiguousLayout(shape, contiguousStrides(shape)),
      ),
    );
  });
});

describe("broadcastShapes", () => {
  it("aligns trailing dims and stretches ones", () => {
    expect(broadcastShapes([3, 1], [1, 4])).toEqual([3, 4]);
    expect(broadcastShapes([5, 1, 4], [3, 1])).toEqual([5, 3, 4]);
    expect(broadcastShapes([0], [1])).toEqual([0]);
  });
  it("refuses incompatible sizes with PyTorch's message", () => {
    // PyTorch 1.13 (tooling/fixtures/data/ops_errors.json) names the output dimension: 1, not 0.
    expect(() => broadcastShapes([2, 3], [4])).toThrow(
      "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
    );
  });
  it("is commutative", () => {
    const dim = fc.constantFrom(1, 2, 3);
    fc.assert(
      fc.property(fc.array(dim, { maxLength: 4 }), fc.array(dim, { maxLength: 4 }), (a, b) => {
        let ab: number[] | string;
        let ba: number[] | string;
        try { ab = broadcastShapes(a, b); } catch { ab = "error"; }
        try { ba = broadcastShapes(b, a); } catch { ba = "error"; }
        return (ab === "error") === (ba === "error") && (ab === "error" || numel(ab as number[]) === numel(ba as number[]));
      }),
    );
  });
});

describe("normalizeDim", () => {
  it("wraps negative dims and gives PyTorch's message out of range", () => {
    expect(normalizeDim(-1, 3)).toBe(2);
    expect(() => normalizeDim(3, 3)).toThrow("Dimension out of range (expected to be in range of [-3, 2], but got 3)");
  });
});

describe("computeStride (the rule deciding whether view/reshape can share storage)", () => {
  it("views a contiguous tensor as any shape", () => {
    expect(computeStride([2, 3], [3, 1], [6])).toEqual([1]);
    expect(computeStride([2, 3], [3, 1], [3, 2])).toEqual([2, 1]);
  });
  it("cannot flatten a transpose (dims span two contiguous subspaces)", () => {
    // x = arange(6).view(2, 3).t(): shape [3, 2], strides [1, 3]; elements 0,3,1,4,2,5 in order
    expect(computeStride([3, 2], [1, 3], [6])).toBeNull();
  });
  it("may split or merge dims inside one contiguous chunk of a strided tensor", () => {
    // x[:, ::2] of a [4, 6] tensor: shape [4, 3], strides [6, 2]: addresses 0,2,4,6,… are evenly
    // spaced, so even flattening is a view
    expect(computeStride([4, 3], [6, 2], [2, 2, 3])).toEqual([12, 6, 2]);
    expect(computeStride([4, 3], [6, 2], [12])).toEqual([2]);
    // x[:, :2]: shape [4, 2], strides [6, 1]: addresses 0,1,6,7,… — splitting dim 0 works, flattening not
    expect(computeStride([4, 2], [6, 1], [2, 2, 2])).toEqual([12, 6, 1]);
    expect(computeStride([4, 2], [6, 1], [8])).toBeNull();
  });
  it("inserts size-1 dims freely", () => {
    expect(computeStride([3, 2], [1, 3], [3, 1, 2])).not.toBeNull();
  });
  it("reproduces every element address of the source (law: view addresses equal flat row-major addresses)", () => {
    const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 0, max: 1000 }), (shape, seed) => {
        // a random permutation of a contiguous layout
        const base = contiguousStrides(shape);
        const perm = shape.map((_, i) => i).sort((a, b) => ((a * 7 + seed) % 5) - ((b * 7 + seed) % 5) || a - b);
        const s = perm.map((i) => shape[i] as number);
        const st = perm.map((i) => base[i] as number);
        const target = [numel(s)];
        const r = computeStride(s, st, target);
        const addrs = (sh: number[], str: number[]): number[] => {
          const out: number[] = [];
          const rec = (d: number, off: number): void => {
            if (d === sh.length) { out.push(off); return; }
            for (let i = 0; i < (sh[d] as number); i++) rec(d + 1, off + i * (str[d] as number));
          };
          rec(0, 0);
          return out;
        };
        if (r === null) return true;
        expect(addrs(target, r)).toEqual(addrs(s, st));
        return true;
      }),
    );
  });
});

describe("inferSize", () => {
  it("infers one -1 and refuses bad shapes with PyTorch's messages", () => {
    expect(inferSize([-1, 4], 8)).toEqual([2, 4]);
    expect(() => inferSize([-1, 4], 6)).toThrow("shape '[-1, 4]' is invalid for input of size 6");
    expect(() => inferSize([-1, -1], 6)).toThrow("only one dimension can be inferred");
  });
});
