// x.numpy() / torch.fromNumpy / torch.tensor(nd): PyTorch's memory-sharing rules (API.md rule 8).
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";

describe("x.numpy()", () => {
  it("shares memory with a CPU tensor, both ways", () => {
    const t = torch.tensor([2, 3, 4]);
    const nd = t.numpy();
    expect(nd.dtype).toBe("int64");
    expect(nd.shape).toEqual([3]);
    expect(nd.strides).toEqual([1]);
    (nd.data as BigInt64Array)[nd.offset] = 10n;
    expect(t.tolist()).toEqual([10, 3, 4]);
    t.add_(1);
    expect(Array.from(nd.data as BigInt64Array).slice(0, 3)).toEqual([11n, 4n, 5n]);
  });

  it("reports a view's strides and offset in elements", () => {
    const t = torch.arange(12, { dtype: torch.float32 }).reshape(3, 4);
    const v = t.T.narrow(0, 1, 2);
    const nd = v.numpy();
    expect(nd.shape).toEqual([2, 3]);
    expect(nd.strides).toEqual([1, 4]);
    expect(nd.offset).toBe(1);
    expect((nd.data as Float32Array)[nd.offset + 1 * nd.strides[0]! + 2 * nd.strides[1]!]).toBe(10);
  });

  it("refuses a tensor that requires grad with PyTorch's message", () => {
    const x = torch.ones([2], { requiresGrad: true });
    expect(() => x.numpy()).toThrow("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    expect(x.detach().numpy().shape).toEqual([2]);
    expect(x.numpy({ force: true }).shape).toEqual([2]);
  });

  it("refuses a non-CPU tensor with PyTorch's message (a CPU clone without host memory stands in for CUDA)", async () => {
    const { hostView: _h, adopt: _a, ...rest } = torch.createCpuBackend();
    torch.registerBackend("cuda", { ...rest, name: "cuda" });
    await torch.initBackend("cuda");
    const g = torch.tensor([1, 2, 3]).to("cuda");
    expect(() => g.numpy()).toThrow(
      expect.objectContaining({
        name: "TypeError",
        message: "can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.",
      }),
    );
    expect(g.cpu().numpy().shape).toEqual([3]);
    expect(g.numpy({ force: true }).dtype).toBe("int64");
  });

  it("keeps the memory valid after the tensor is disposed (never recycled by the pool)", () => {
    const t = torch.tensor([1.5, 2.5], { dtype: torch.float64 });
    const nd = t.numpy();
    t.dispose();
    const others = Array.from({ length: 20 }, () => torch.full([2], 7, { dtype: torch.float64 }));
    expect(Array.from(nd.data as Float64Array).slice(0, 2)).toEqual([1.5, 2.5]);
    others.forEach((o) => o.dispose());
  });
});

describe("torch.fromNumpy / torch.tensor(nd)", () => {
  it("fromNumpy shares, torch.tensor copies", () => {
    const nd: torch.NDArray = { data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [2, 3], strides: [3, 1], dtype: "float64", offset: 0 };
    const shared = torch.fromNumpy(nd);
    const copied = torch.tensor(nd);
    expect(copied.dtype).toBe("float64");
    (nd.data as Float64Array)[0] = 100;
    expect(shared.tolist()).toEqual([[100, 2, 3], [4, 5, 6]]);
    expect(copied.tolist()).toEqual([[1, 2, 3], [4, 5, 6]]);
    shared.mul_(2);
    expect((nd.data as Float64Array)[5]).toBe(12);
  });

  it("round-trips x.numpy() of a strided view, sharing bytes with x", () => {
    const x = torch.arange(6, { dtype: torch.int32 }).reshape(2, 3);
    const y = torch.fromNumpy(x.T.numpy());
    expect(y.stride()).toEqual([1, 3]);
    expect(y.tolist()).toEqual([[0, 3], [1, 4], [2, 5]]);
    y.fill_(9);
    expect(x.tolist()).toEqual([[9, 9, 9], [9, 9, 9]]);
  });

  it("adopts a typed array with a byte offset", () => {
    const buf = new ArrayBuffer(32);
    const data = new Int16Array(buf, 8, 4);
    const t = torch.fromNumpy({ data, shape: [4], strides: [1], dtype: "int16", offset: 0 });
    t.fill_(3);
    expect(Array.from(new Int16Array(buf))).toEqual([0, 0, 0, 0, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("refuses negative strides, out-of-range views and mismatched arrays", () => {
    const data = new Float32Array(4);
    expect(() => torch.fromNumpy({ data, shape: [4], strides: [-1], dtype: "float32", offset: 3 })).toThrow(
      "At least one stride in the given numpy array is negative",
    );
    expect(() => torch.fromNumpy({ data, shape: [5], strides: [1], dtype: "float32", offset: 0 })).toThrow(/addresses element 4/);
    expect(() => torch.fromNumpy({ data, shape: [4], strides: [1], dtype: "int32", offset: 0 })).toThrow(/must hold a Int32Array/);
  });

  it("handles 0-d and size-0 arrays", () => {
    expect(torch.fromNumpy({ data: new Int8Array([7]), shape: [], strides: [], dtype: "int8", offset: 0 }).item()).toBe(7);
    expect(torch.fromNumpy({ data: new Int8Array(0), shape: [2, 0], strides: [0, 1], dtype: "int8", offset: 0 }).shape).toEqual([2, 0]);
  });
});
