import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { DType } from "./dtype.js";
import { getDefaultDtype, setDefaultDtype } from "./default-dtype.js";
import { TorchTypeError } from "./errors.js";

interface Fixture {
  default_dtype: {
    initial: DType;
    accepted: DType[];
    rejected: { dtype: DType; error: string; message: string }[];
    non_dtype: { error: string; message: string };
  };
}
const { default_dtype: fx } = (JSON.parse(
  readFileSync(new URL("../../../tooling/fixtures/data/promotion.json", import.meta.url), "utf8"),
) as Fixture);

afterEach(() => setDefaultDtype("float32"));

describe("default dtype (torch 1.13 fixtures)", () => {
  it("starts as PyTorch's", () => {
    expect(getDefaultDtype()).toBe(fx.initial);
  });
  it.each(fx.accepted)("accepts %s", (d) => {
    setDefaultDtype(d);
    expect(getDefaultDtype()).toBe(d);
  });
  it.each(fx.rejected.map((r) => [r.dtype, r] as const))("rejects %s with PyTorch's TypeError", (_d, r) => {
    expect(r.error).toBe("TypeError");
    expect(() => setDefaultDtype(r.dtype)).toThrow(new TorchTypeError(r.message));
    expect(getDefaultDtype()).toBe("float32");
  });
  it("rejects a non-dtype with PyTorch's message", () => {
    expect(() => setDefaultDtype("torch.float64" as DType)).toThrow(new TorchTypeError(fx.non_dtype.message));
    expect(() => setDefaultDtype(undefined as unknown as DType)).toThrow(TorchTypeError);
    expect(getDefaultDtype()).toBe("float32");
  });
});
