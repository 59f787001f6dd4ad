/**
 * float16/bfloat16: round trips and rounding of ties, against values PyTorch 1.13 printed for the
 * same conversions (`torch.tensor(v, dtype=...).half().tolist()`), plus every cast fixture whose
 * source or target is a 16-bit float (tooling/fixtures/data/ops_cast.json).
 */
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import { checkCase, loadCases } from "./test-utils/fixtures.js";

const half = (v: number[], from: torch.DType): number[] => torch.tensor(v, { dtype: from }).to(torch.float16).tolist() as number[];
const bf16 = (v: number[], from: torch.DType): number[] => torch.tensor(v, { dtype: from }).to(torch.bfloat16).tolist() as number[];

describe("float16", () => {
  it("rounds float32 ties to even, overflows past 65519.99, keeps subnormals", () => {
    expect(half([2049, 2051, 1 + 2 ** -11, 1 + 3 * 2 ** -11, 65519, 65520, 1e-8, 3e-8, 6e-8], torch.float32)).toEqual([
      2048, 2052, 1, 1.001953125, 65504, Infinity, 0, 5.960464477539063e-8, 5.960464477539063e-8,
    ]);
  });
  it("converts float64 through float32 as PyTorch does (double rounding)", () => {
    // Direct rounding would give 1.0009765625; PyTorch's double → float → half gives 1.
    expect(half([1 + 2 ** -11 + 2 ** -40, 1 + 2 ** -11 + 2 ** -30], torch.float64)).toEqual([1, 1]);
  });
  it("round-trips every float16 value through float32 and float64 exactly", () => {
    const bits = Array.from({ length: 1 << 16 }, (_, i) => torch.float16BitsToNumber(i)).filter((x) => !Number.isNaN(x));
    for (const via of [torch.float32, torch.float64]) {
      const back = torch.tensor(bits, { dtype: torch.float16 }).to(via).to(torch.float16).tolist() as number[];
      const bad = back.findIndex((x, i) => !Object.is(x, bits[i]));
      expect(bad, `first mismatch at ${bits[bad]} via ${via}`).toBe(-1);
    }
  });
  it("keeps NaN and -0", () => {
    const r = half([NaN, -0], torch.float32);
    expect(Number.isNaN(r[0])).toBe(true);
    expect(Object.is(r[1], -0)).toBe(true);
  });
});

describe("bfloat16", () => {
  it("rounds float32 ties to even and saturates at the largest finite value as PyTorch", () => {
    expect(bf16([1 + 2 ** -8, 1 + 3 * 2 ** -8, 1 + 2 ** -8 + 2 ** -20, 255.5, 3.3961e38], torch.float32)).toEqual([
      1, 1.015625, 1.0078125, 256, 3.3895313892515355e38,
    ]);
  });
  it("converts float64 through float32 (double rounding)", () => {
    expect(bf16([1 + 2 ** -8 + 2 ** -40], torch.float64)).toEqual([1]);
  });
  it("round-trips every bfloat16 value through float32", () => {
    const vals = Array.from({ length: 1 << 16 }, (_, i) => torch.bfloat16BitsToNumber(i)).filter((x) => !Number.isNaN(x));
    const back = torch.tensor(vals, { dtype: torch.bfloat16 }).to(torch.float32).to(torch.bfloat16).tolist() as number[];
    expect(back.findIndex((x, i) => !Object.is(x, vals[i]))).toBe(-1);
  });
});

describe("PyTorch cast fixtures touching 16-bit floats", () => {
  const cases = loadCases("ops_cast.json").filter((c) => /float16|bfloat16/.test(c.group ?? ""));
  for (const c of cases) {
    it(c.group ?? c.op, () => {
      const failure = checkCase(c);
      expect(failure, failure ?? "").toBeNull();
    });
  }
});
