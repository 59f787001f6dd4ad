import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatExp, formatFixed } from "./format-scalar.js";

describe("formatExp / formatFixed", () => {
  it("17 significant digits round-trip every finite double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(formatExp(x, 16))).toBe(x);
      }),
    );
  });

  it("rounds exact ties to even, unlike toFixed", () => {
    expect(formatFixed(0.5, 0)).toBe("0");
    expect(formatFixed(2.5, 0)).toBe("2");
    expect(formatFixed(0.03125, 4)).toBe("0.0312");
    expect(formatExp(125, 1)).toBe("1.2e+02");
  });

  it("keeps the sign of negative zero and of values rounding to zero", () => {
    expect(formatFixed(-0, 4)).toBe("-0.0000");
    expect(formatFixed(-1e-9, 4)).toBe("-0.0000");
    expect(formatExp(-0, 2)).toBe("-0.00e+00");
  });

  it("writes every digit of huge values in fixed notation", () => {
    expect(formatFixed(1e21, 0)).toBe("1000000000000000000000");
    expect(formatExp(1e-300, 4)).toBe("1.0000e-300");
  });
});
