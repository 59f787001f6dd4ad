import { afterEach, describe, expect, it } from "vitest";
import type { DType } from "../dtype.js";
import { formatTensor, type Printable } from "./format-tensor.js";
import { getPrintOptions, setPrintOptions } from "./options.js";

afterEach(() => setPrintOptions({ profile: "default" }));

function printable(over: Partial<Printable> & { shape: number[]; get: Printable["get"] }): Printable {
  return {
    dtype: "float32" as DType,
    device: "cpu",
    requiresGrad: false,
    gradFn: null,
    defaultDtype: "float32" as DType,
    ...over,
  };
}

describe("formatTensor", () => {
  it("reads only the printed elements of a summarised 1e8-element tensor", () => {
    const read = new Set<number>();
    const shape = [100, 1000, 1000];
    const s = formatTensor(
      printable({ shape, get: (i) => (read.add(i), i % 7) }),
    );
    expect(read.size).toBe(6 * 6 * 6);
    expect(s.startsWith("tensor([[[0., 1., 2.,  ..., 3., 4., 5.],\n         [6., 0., 1.,  ..., 2., 3., 4.],")).toBe(true);
    expect(s).toContain("\n\n        ...,\n\n");
  });

  it("prints the device suffix first, as PyTorch's device='cuda:0'", () => {
    const get = (i: number): number => i + 0.5;
    expect(formatTensor(printable({ shape: [2], get, device: "cuda:0" }))).toBe(
      "tensor([0.5000, 1.5000], device='cuda:0')",
    );
    expect(
      formatTensor(
        printable({ shape: [2], get, device: "webgpu", dtype: "float64", gradFn: "AddBackward0" }),
      ),
    ).toBe(
      "tensor([0.5000, 1.5000], device='webgpu', dtype=torch.float64,\n       grad_fn=<AddBackward0>)",
    );
    expect(formatTensor(printable({ shape: [0, 2], get, device: "webgpu", requiresGrad: true }))).toBe(
      "tensor([], device='webgpu', size=(0, 2), requires_grad=True)",
    );
  });

  it("prints grad_fn instead of requires_grad", () => {
    const p = printable({ shape: [], get: () => 120, requiresGrad: true, gradFn: "AddBackward0" });
    expect(formatTensor(p)).toBe("tensor(120., grad_fn=<AddBackward0>)");
  });

  it("prints int64 beyond 2^53 from bigints", () => {
    const v = [2n ** 63n - 1n, -(2n ** 63n)];
    const p = printable({ dtype: "int64", shape: [2], get: (i) => v[i] ?? 0n });
    expect(formatTensor(p)).toBe("tensor([ 9223372036854775807, -9223372036854775808])");
  });
});

describe("setPrintOptions", () => {
  it("applies a profile, then explicit options", () => {
    setPrintOptions({ profile: "short", linewidth: 100 });
    expect(getPrintOptions()).toEqual({
      precision: 2,
      threshold: 1000,
      edgeitems: 2,
      linewidth: 100,
      sciMode: null,
    });
    setPrintOptions({ profile: "full" });
    expect(getPrintOptions().threshold).toBe(Infinity);
  });

  it("forgets sciMode when a later call does not pass it, as torch.set_printoptions does", () => {
    setPrintOptions({ sciMode: true });
    setPrintOptions({ precision: 3 });
    expect(getPrintOptions()).toMatchObject({ precision: 3, sciMode: null });
  });
});
