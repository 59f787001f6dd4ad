import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { DType } from "../dtype.js";
import { formatExp, formatFixed } from "./format-scalar.js";
import { formatTensor } from "./format-tensor.js";
import { setPrintOptions, type SetPrintOptions } from "./options.js";

/** One `str(t)` recorded from PyTorch by tooling/fixtures/gen_print.py. */
interface PrintCase {
  name: string;
  dtype: DType;
  shape: number[];
  values: (number | string | boolean)[];
  options: Record<string, number | string | boolean | null>;
  defaultDtype: DType;
  requiresGrad: boolean;
  gradFn: string | null;
  expected: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const fixturePath = join(here, "../../../../tooling/fixtures/data/print.json");
const { cases, scalars } = JSON.parse(readFileSync(fixturePath, "utf8")) as {
  cases: PrintCase[];
  /** [repr(x), precision, f"{x:.{p}f}", f"{x:.{p}e}"] */
  scalars: [string, number, string, string][];
};

function decode(v: number | string | boolean, dtype: DType): number | bigint | boolean {
  if (dtype === "int64") return BigInt(v as string);
  if (typeof v !== "string") return v;
  const special: Record<string, number> = { nan: NaN, inf: Infinity, "-inf": -Infinity, "-0": -0 };
  return special[v] ?? Number(v);
}

function toOptions(o: PrintCase["options"]): SetPrintOptions {
  const out: SetPrintOptions = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === "profile") out.profile = v as "default" | "short" | "full";
    else if (k === "sciMode") out.sciMode = v as boolean | null;
    else (out as Record<string, number>)[k] = v === "inf" ? Infinity : (v as number);
  }
  return out;
}

afterEach(() => setPrintOptions({ profile: "default" }));

describe("formatTensor replays PyTorch's str(t)", () => {
  it("has enough fixtures", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    setPrintOptions({ profile: "default" });
    setPrintOptions(toOptions(c.options));
    const values = c.values.map((v) => decode(v, c.dtype));
    const s = formatTensor({
      dtype: c.dtype,
      shape: c.shape,
      get: (i) => {
        const v = values[i];
        if (v === undefined) throw new RangeError(`index ${i} out of range`);
        return v;
      },
      device: "cpu",
      requiresGrad: c.requiresGrad,
      gradFn: c.gradFn,
      defaultDtype: c.defaultDtype,
    });
    expect(s).toBe(c.expected);
  });
});

describe("formatFixed / formatExp replay Python's float formatting", () => {
  it.each(scalars)("%s at precision %i", (repr, p, fixed, exp) => {
    const x = Number(repr);
    expect(formatFixed(x, p)).toBe(fixed);
    expect(formatExp(x, p)).toBe(exp);
  });
});
