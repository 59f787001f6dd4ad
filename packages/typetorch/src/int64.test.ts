/**
 * int64 is exact beyond 2^53 and wraps at 2^63, as PyTorch's int64_t does. Expected values are
 * BigInt arithmetic written here (asIntN(64, …) is C's two's-complement wrap).
 */
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";

const wrap = (x: bigint): bigint => BigInt.asIntN(64, x);
const big = (t: torch.Tensor): bigint[] => (t.reshape(-1).tolist() as (number | bigint)[]).map((v) => BigInt(v));
const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

describe("int64 beyond 2^53", () => {
  it("adds exactly", () => {
    const t = torch.tensor([2n ** 53n + 1n]).add(1);
    expect(t.dtype).toBe("int64");
    expect(big(t)).toEqual([2n ** 53n + 2n]);
  });
  it("keeps neighbours distinct that float64 would merge", () => {
    const a = torch.tensor([2n ** 53n, 2n ** 53n + 1n, -(2n ** 60n) - 1n]);
    expect(torch.eq(a, torch.tensor([2n ** 53n + 1n, 2n ** 53n + 1n, -(2n ** 60n)])).tolist()).toEqual([false, true, false]);
    expect(big(a.sub(torch.tensor([2n ** 53n])))).toEqual([0n, 1n, -(2n ** 60n) - 1n - 2n ** 53n]);
  });
  it("multiplies, divides and takes remainders exactly", () => {
    const xs = [2n ** 53n + 3n, -(2n ** 55n) - 7n, 10n ** 15n + 7n, 3037000499n];
    const ys = [3n, -5n, 7n, 3037000499n];
    const a = torch.tensor(xs);
    const b = torch.tensor(ys);
    expect(big(a.mul(b))).toEqual(xs.map((x, i) => wrap(x * (ys[i] as bigint))));
    expect(big(torch.div(a, b, { roundingMode: "trunc" }))).toEqual(xs.map((x, i) => x / (ys[i] as bigint)));
    const floorDiv = (x: bigint, y: bigint): bigint => (x % y !== 0n && (x < 0n) !== (y < 0n) ? x / y - 1n : x / y);
    expect(big(torch.floorDivide(a, b))).toEqual(xs.map((x, i) => floorDiv(x, ys[i] as bigint)));
    const pyMod = (x: bigint, y: bigint): bigint => ((x % y) + y) % y;
    expect(big(torch.remainder(a, b))).toEqual(xs.map((x, i) => pyMod(x, ys[i] as bigint)));
  });
  it("sums and cumsums exactly", () => {
    const xs = [2n ** 53n + 1n, 2n ** 53n + 1n, -3n, 2n ** 60n];
    expect(big(torch.tensor(xs).sum())).toEqual([xs.reduce((s, x) => s + x, 0n)]);
    let acc = 0n;
    expect(big(torch.tensor(xs).cumsum(0))).toEqual(xs.map((x) => (acc += x)));
  });
});

describe("int64 wraps at 2^63", () => {
  it("2^63 - 1 + 1 is -2^63", () => {
    expect(big(torch.tensor([2n ** 63n - 1n]).add(1))).toEqual([MIN]);
  });
  it("wraps add, sub, mul, neg, abs, sum and prod like C", () => {
    const t = torch.tensor([MAX, MIN, MIN + 1n]);
    expect(big(t.add(t))).toEqual([wrap(2n * MAX), wrap(2n * MIN), wrap(2n * (MIN + 1n))]);
    expect(big(t.sub(torch.tensor([-1n, 1n, 2n])))).toEqual([MIN, MAX, MAX]);
    expect(big(t.mul(3))).toEqual([wrap(3n * MAX), wrap(3n * MIN), wrap(3n * (MIN + 1n))]);
    expect(big(t.neg())).toEqual([MIN + 1n, MIN, MAX]);
    expect(big(t.abs())).toEqual([MAX, MIN, MAX]);
    expect(big(t.sum())).toEqual([wrap(MAX + MIN + MIN + 1n)]);
    expect(big(torch.tensor([2n ** 40n, 2n ** 40n]).prod())).toEqual([0n]);
  });
  it("shifts and bitwise ops act on the 64-bit pattern", () => {
    const t = torch.tensor([MIN, -1n, 2n ** 62n]);
    expect(big(torch.bitwiseRightShift(t, 1))).toEqual([MIN >> 1n, -1n, 2n ** 61n]);
    expect(big(torch.bitwiseLeftShift(t, 1))).toEqual([0n, -2n, MIN]);
    expect(big(torch.bitwiseNot(t))).toEqual([MAX, 0n, wrap(~(2n ** 62n))]);
  });
  it("casts: to float64 rounds to nearest even, to int32 keeps the low bits", () => {
    const t = torch.tensor([2n ** 53n + 1n, 2n ** 53n + 3n, 2n ** 32n + 5n, MIN]);
    expect(t.double().tolist()).toEqual([2 ** 53, 2 ** 53 + 4, 2 ** 32 + 5, -(2 ** 63)]);
    expect(t.int().tolist()).toEqual([1, 3, 5, 0]);
  });
});
