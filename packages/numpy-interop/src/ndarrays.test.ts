// scijs ndarray (installed as a devDependency) and @stdlib/ndarray (its documented object shape:
// @stdlib/ndarray-ctor does not install offline — a transitive git dependency) in and out.
import "./test-utils/setup.js";
import ndarray from "ndarray";
import { describe, expect, it } from "vitest";
import { arange, fromNumpy, tensor } from "@typetorch/tensor-core";
import type { StorageArray } from "@typetorch/tensor-core";
import { fromScijs, fromStdlib, toScijs, toStdlib } from "./index.js";

describe("scijs ndarray", () => {
  it("fromScijs shares memory, strides and offset", () => {
    const a = ndarray(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    const t = fromNumpy(fromScijs(a.transpose(1, 0)));
    expect(t.shape).toEqual([3, 2]);
    expect(t.stride()).toEqual([1, 3]);
    expect(t.tolist()).toEqual([[1, 4], [2, 5], [3, 6]]);
    t.mul_(10);
    expect(a.get(1, 2)).toBe(60);
    const sliced = fromNumpy(fromScijs(a.lo(1, 1)));
    expect(sliced.storageOffset()).toBe(4);
    expect(sliced.tolist()).toEqual([[50, 60]]);
  });

  it("copies only a flipped (negative-stride) view", () => {
    const a = ndarray(new Int32Array([1, 2, 3, 4]), [4]);
    const nd = fromScijs(a.step(-1));
    expect(Array.from(nd.data as Int32Array)).toEqual([4, 3, 2, 1]);
    expect(nd.data.buffer).not.toBe(a.data.buffer);
  });

  it("toScijs shares the tensor's memory", () => {
    const x = arange(6, { dtype: "float64" }).reshape(2, 3);
    const factory = ndarray as unknown as (d: StorageArray, s: number[], st: number[], o: number) => ndarray.NdArray<Float64Array>;
    const a = toScijs(x.T, factory);
    expect(a.shape).toEqual([3, 2]);
    expect(a.get(2, 1)).toBe(5);
    a.set(0, 0, -1);
    expect(x.tolist()).toEqual([[-1, 1, 2], [3, 4, 5]]);
    expect(() => toScijs(tensor([1.5], { dtype: "float16" }), ndarray as never)).toThrow(/no float16 dtype/);
  });

  it("names unsupported dtypes", () => {
    expect(() => fromScijs(ndarray([1, 2, 3]) as never)).toThrow(/dtype 'array' has no typetorch dtype/);
  });
});

/** A stand-in with @stdlib/ndarray-ctor's documented constructor signature and fields. */
class StdlibLike {
  constructor(
    readonly dtype: string,
    readonly data: StorageArray,
    readonly shape: number[],
    readonly strides: number[],
    readonly offset: number,
    readonly order: "row-major" | "column-major",
  ) {}
  get(...idx: number[]): unknown {
    return this.data[this.offset + idx.reduce((s, v, i) => s + v * (this.strides[i] as number), 0)];
  }
}

describe("@stdlib/ndarray (documented object shape)", () => {
  it("round-trips through toStdlib / fromStdlib sharing memory", () => {
    const x = arange(6, { dtype: "int32" }).reshape(2, 3);
    const s = toStdlib(x.T, StdlibLike);
    expect(s.order).toBe("column-major");
    expect(s.dtype).toBe("int32");
    expect(s.get(2, 1)).toBe(5);
    const back = fromNumpy(fromStdlib(s));
    back.fill_(7);
    expect(x.tolist()).toEqual([[7, 7, 7], [7, 7, 7]]);
  });

  it("maps bool to uint8 and refuses int64", () => {
    expect(toStdlib(tensor([true, false]), StdlibLike).dtype).toBe("uint8");
    expect(() => toStdlib(tensor([1, 2]), StdlibLike)).toThrow(/no int64 dtype/);
    expect(() => fromStdlib({ dtype: "complex128", data: new Float64Array(2), shape: [1], strides: [1], offset: 0, order: "row-major" })).toThrow(
      /'complex128' has no typetorch dtype/,
    );
  });
});
