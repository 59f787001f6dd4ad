// API.md rule 11: dispose, `using`, tidy (sync and async), memory() accounting.
import { describe, expect, it } from "vitest";
import * as torch from "./index.js";

const cpuBytes = (): number => torch.memory().devices["cpu"]?.numBytes ?? 0;

describe("memory", () => {
  it("dispose frees the storage once its last view is gone", () => {
    const before = cpuBytes();
    const x = torch.zeros(1000, { dtype: torch.float64 });
    expect(cpuBytes() - before).toBe(8000);
    const v = x.view(10, 100);
    x.dispose();
    expect(cpuBytes() - before).toBe(8000); // the view still holds the storage
    v.dispose();
    expect(cpuBytes() - before).toBe(0);
  });

  it("a disposed tensor refuses to be used", () => {
    const x = torch.ones(3);
    x.dispose();
    expect(() => x.add(1)).toThrow(/disposed/);
    expect(x.isDisposed).toBe(true);
  });

  it("`using` disposes at the end of the block", () => {
    const before = cpuBytes();
    {
      using x = torch.ones(256);
      expect(x.sum().item()).toBe(256);
    }
    // the sum's 0-dim result is garbage, not disposed: only x's 1 KiB must be gone
    expect(cpuBytes() - before).toBeLessThan(256 * 4);
  });

  it("tidy disposes everything made inside except what it returns", () => {
    const before = torch.memory().numTensors;
    const kept = torch.tidy(() => {
      const a = torch.ones(4);
      const b = a.mul(2);
      return { result: b.add(1), note: "plain values pass through" };
    });
    expect(torch.memory().numTensors - before).toBe(1);
    expect(kept.result.tolist()).toEqual([3, 3, 3, 3]);
    kept.result.dispose();
  });

  it("nested tidy hands returned tensors to the outer scope", () => {
    const before = torch.memory().numTensors;
    torch.tidy(() => {
      const inner = torch.tidy(() => torch.ones(2).add(1));
      expect(inner.isDisposed).toBe(false);
      return undefined;
    });
    expect(torch.memory().numTensors).toBe(before);
  });

  it("tidy works across await", async () => {
    const before = torch.memory().numTensors;
    const r = await torch.tidy(async () => {
      const a = torch.ones(3);
      await new Promise((res) => setTimeout(res, 1));
      const b = a.add(1); // made after the await: still tracked
      await Promise.resolve();
      return b.mul(2);
    });
    expect(r.tolist()).toEqual([4, 4, 4]);
    expect(torch.memory().numTensors - before).toBe(1);
    r.dispose();
  });

  it("tidy disposes its tensors when the function throws", () => {
    const before = torch.memory().numTensors;
    expect(() =>
      torch.tidy(() => {
        torch.ones(3);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(torch.memory().numTensors).toBe(before);
  });

  it("x.data = y swaps storage and keeps accounting right", () => {
    const x = torch.zeros(2);
    const y = torch.ones(3);
    x.data = y;
    expect(x.tolist()).toEqual([1, 1, 1]);
    expect(x.sharesStorage(y)).toBe(true);
    const before = cpuBytes();
    y.dispose();
    expect(cpuBytes()).toBe(before); // x still references it
    x.dispose();
    expect(cpuBytes()).toBe(before - 12);
  });
});

describe("torch.tensor(typedArray) copies (torch.tensor always copies its data)", () => {
  it("writing the source array or the tensor afterwards leaves the other as it was", () => {
    const src = new Float32Array([1, 2, 3]);
    const t = torch.tensor(src);
    expect(t.dtype).toBe("float32");
    src[0] = 100;
    expect(t.tolist()).toEqual([1, 2, 3]);
    t.mul_(2);
    expect([...src]).toEqual([100, 2, 3]);
    const ints = new Int32Array([7, 8]).subarray(1); // a view with a byte offset
    expect(torch.tensor(ints).tolist()).toEqual([8]);
  });
});
