// The schedules' cos against gen_optim.py's record: glibc's math.cos (what PyTorch's schedules call)
// and the correctly rounded value (mpmath).
import { expect, it } from "vitest";
import { crCos as cos } from "@typetorch/tensor-core/math";
import { fixture } from "../test-utils/problem.js";

const cases = fixture.cos as Array<[number, number, number]>;

it("cos is correctly rounded on every recorded argument", () => {
  expect(cases.filter(([x, , exact]) => cos(x) !== exact)).toEqual([]);
});

it("so it equals glibc's cos wherever glibc is correctly rounded (all but 0.2%), and Math.cos does not", () => {
  const glibcWrong = cases.filter(([, glibc, exact]) => glibc !== exact).length;
  expect(cases.filter(([x, glibc]) => cos(x) !== glibc).length).toBe(glibcWrong);
  expect(glibcWrong / cases.length).toBeLessThan(0.005);
  expect(cases.filter(([x, glibc]) => Math.cos(x) !== glibc).length).toBeGreaterThan(10 * glibcWrong);
});
