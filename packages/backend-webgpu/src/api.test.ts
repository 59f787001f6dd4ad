/** The backend behind the public API: moves, async reads, the sync-read error, memory, tidy. */
import { describe, expect, it, beforeAll } from "vitest";
import * as torch from "@typetorch/tensor-core";
import { createCpuBackend } from "@typetorch/backend-cpu";
import { createWebGpuBackend } from "./index.js";

beforeAll(async () => {
  if (!torch.registeredBackends().includes("cpu")) torch.registerBackend("cpu", createCpuBackend());
  torch.registerBackend("webgpu", () => createWebGpuBackend());
  expect(await torch.webgpu.isAvailable()).toBe(true);
});

describe("webgpu through the tensor API", () => {
  it("moves data with to() and cpuAsync(), and computes like the CPU", async () => {
    const a = torch.tensor([[1, 2, 3], [4, 5, 6]], { dtype: "float32" });
    const g = a.to("webgpu");
    expect(g.device).toBe("webgpu");
    const r = g.mul(2).add(1).T.matmul(g).sum(0);
    const want = a.mul(2).add(1).T.matmul(a).sum(0);
    expect(await r.tolistAsync()).toEqual(want.tolist());
    expect((await r.cpuAsync()).device).toBe("cpu");
    const i = torch.tensor([5n, -7n, 2n ** 62n]).to("webgpu");
    expect(await i.mul(3).tolistAsync()).toEqual(torch.tensor([5n, -7n, 2n ** 62n]).mul(3).tolist());
    const d = torch.tensor([0.1, 0.2], { dtype: "float64" }).to("webgpu");
    expect(await d.exp().add(d).tolistAsync()).toEqual(torch.tensor([0.1, 0.2], { dtype: "float64" }).exp().add(torch.tensor([0.1, 0.2], { dtype: "float64" })).tolist());
  });

  it("a synchronous read throws an error naming the async call", () => {
    const g = torch.tensor([1, 2]).to("webgpu");
    expect(() => g.tolist()).toThrow(/tolistAsync|cpuAsync/);
    expect(() => g.cpu()).toThrow(/cpuAsync/);
    expect(() => g.sum().item()).toThrow(/itemAsync/);
  });

  it("integer division by zero surfaces at the next read and leaves the target untouched", async () => {
    const a = torch.tensor([4, 5, 6]).to("webgpu");
    const z = torch.tensor([1, 0, 1]).to("webgpu");
    a.floorDivide_?.(z);
    await expect(a.tolistAsync()).rejects.toThrow(/ZeroDivisionError/);
    expect(await a.tolistAsync()).toEqual([4, 5, 6]);
  });

  it("frees device memory deterministically and torch.memory() reports webgpu bytes", async () => {
    const before = torch.memory().devices.webgpu?.numBytes ?? 0;
    const x = torch.zeros([1000], { dtype: "float32" }).to("webgpu");
    expect((torch.memory().devices.webgpu?.numBytes ?? 0) - before).toBe(4000);
    x.dispose();
    expect(torch.memory().devices.webgpu?.numBytes ?? 0).toBe(before);
    const mid = torch.memory().devices.webgpu?.numBytes ?? 0;
    const kept = torch.tidy(() => {
      const t = torch.ones([10]).to("webgpu");
      return t.add(t);
    });
    expect(torch.memory().devices.webgpu?.numBytes ?? 0).toBeLessThanOrEqual(mid + 80);
    expect(await kept.tolistAsync()).toEqual(new Array(10).fill(2));
    kept.dispose();
  });
});
