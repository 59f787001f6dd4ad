// What defaultCollate does beyond the recorded PyTorch cases (fixtures.test.ts): the
// JavaScript-only inputs (bigints, TypedArrays, integral floats) and the errors.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as torch from "typetorch";
import { defaultCollate, defaultConvert } from "./index.js";

describe("defaultCollate", () => {
  test("numbers: int64 when all are integers (a JS 1.0 is 1), float64 as soon as one is not", () => {
    expect(defaultCollate([1, 2]).dtype).toBe("int64");
    expect(defaultCollate([1, 2.5]).dtype).toBe("float64");
    expect(defaultCollate([1, NaN]).dtype).toBe("float64");
  });

  test("bigints are int64, exactly", () => {
    const t = defaultCollate([2n ** 62n, -1n]);
    expect(t.dtype).toBe("int64");
    expect(t.tolist()).toEqual([2n ** 62n, -1]);
  });

  test("TypedArrays (PyTorch's NumPy arrays) become tensors of their dtype, stacked", () => {
    const t = defaultCollate([new Int32Array([1, 2]), new Int32Array([3, 4])]);
    expect(t.dtype).toBe("int32");
    expect(t.tolist()).toEqual([[1, 2], [3, 4]]);
    expect(defaultCollate([new Float32Array([0.5])]).dtype).toBe("float32");
  });

  test("law: collating tensors adds a leading batch dimension and keeps each sample", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }), (b, shape) => {
        const samples = Array.from({ length: b }, () => torch.randn(shape));
        const batch = defaultCollate(samples);
        expect(batch.shape).toEqual([b, ...shape]);
        samples.forEach((s, i) => expect(batch.index(i).equal(s)).toBe(true));
      }),
    );
  });

  test("the structure of the first sample decides; arrays are transposed, objects collated key by key", () => {
    const out = defaultCollate([
      { img: torch.zeros(2), meta: [1, "a"] },
      { img: torch.ones(2), meta: [2, "b"] },
    ]);
    expect(out.img.tolist()).toEqual([[0, 0], [1, 1]]);
    expect((out.meta[0] as torch.Tensor).tolist()).toEqual([1, 2]);
    expect(out.meta[1]).toEqual(["a", "b"]);
  });

  test("errors: a missing key, a non-tensor among tensors, an unsupported type, an empty batch", () => {
    expect(() => defaultCollate([{ a: 1, b: 2 }, { a: 3 }])).toThrow("key 'b' is missing from element 1");
    expect(() => defaultCollate([torch.zeros(1), 1])).toThrow(torch.TorchTypeError);
    expect(() => defaultCollate([torch.zeros(1), 1])).toThrow("expected Tensor as element 1 in argument 0, but got number");
    expect(() => defaultCollate([new Map(), new Map()])).toThrow("found <class 'Map'>");
    expect(() => defaultCollate([undefined])).toThrow("found <class 'NoneType'>");
    expect(() => defaultCollate([() => 1])).toThrow("found <class 'function'>");
    expect(() => defaultCollate([])).toThrow(torch.RuntimeError);
  });

  test("a failing collate changes no tensor", () => {
    const a = torch.zeros(2);
    expect(() => defaultCollate([a, torch.zeros(3)])).toThrow("stack expects each tensor to be equal size");
    expect(a.tolist()).toEqual([0, 0]);
  });
});

describe("defaultConvert", () => {
  test("TypedArrays become tensors; everything else keeps its shape and values", () => {
    const out = defaultConvert({ a: new Uint8Array([1, 2]), b: [3, "x", new Float64Array([0.5])], c: null }) as {
      a: torch.Tensor;
      b: [number, string, torch.Tensor];
      c: null;
    };
    expect(out.a.dtype).toBe("uint8");
    expect(out.b[0]).toBe(3);
    expect(out.b[1]).toBe("x");
    expect(out.b[2].dtype).toBe("float64");
    expect(out.c).toBeNull();
  });
});
