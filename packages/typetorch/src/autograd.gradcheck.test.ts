// Every op of the derivative table, checked against float64 finite differences (gradcheck) and,
// for elementwise, matmul, reduction and view ops, to second order (gradgradcheck). The samples
// (@typetorch/autograd's gradSamples) are an exhaustive mapped type over the op names, and the
// test enumerates the formula table, so a new op without a formula or a sample fails the build.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import { FORMULAS, gradSamples } from "@typetorch/autograd";
import type { GradSample, OpName } from "@typetorch/autograd";

const { gradcheck, gradgradcheck } = torch.autograd;
const SAMPLES = gradSamples("cpu", "float64");

describe("gradcheck: every op of the derivative table (float64)", () => {
  for (const [name, entry] of Object.entries(FORMULAS)) {
    const sample = SAMPLES[name as OpName];
    const resolved = typeof entry === "object" && "inplaceOf" in entry ? FORMULAS[entry.inplaceOf as OpName] : entry;
    it(name, () => {
      if (resolved === "nondifferentiable") {
        expect(sample).toBe("none");
        return;
      }
      expect(sample, `${name} has a formula but no sample`).not.toBe("none");
      if (typeof sample === "object" && "unreachable" in sample) return;
      const s = sample as GradSample;
      expect(gradcheck(s.fn, s.inputs())).toBe(true);
      if (s.order2) expect(gradgradcheck(s.fn, s.inputs())).toBe(true);
    });
  }
});

describe("the table covers every op the core dispatches", () => {
  const root = fileURLToPath(new URL("../../tensor-core/src", import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
    });
  // Literal names: dispatch("name", ...) and the op names handed to helpers that dispatch them.
  const literal = new Set<string>();
  for (const f of files(root)) {
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(/dispatch\(\s*"(\w+)"/g)) literal.add(m[1]!);
  }
  it("every literal dispatch name has an entry", () => {
    const missing = [...literal].filter((n) => !(n in FORMULAS));
    expect(missing).toEqual([]);
  });
});
