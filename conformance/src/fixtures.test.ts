/**
 * The reference checked against PyTorch: replays tooling/fixtures/data/promotion.json and every
 * ops*.json present (TYPETORCH_FIXTURES_DIR overrides the directory).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { canCast, promoteTypes, resultType, setDefaultDtype, getDefaultDtype, type DType, type PromotionOperand } from "@typetorch/tensor-core";
import { replayCases } from "./fixtures/replay.js";
import type { FixtureCase } from "./fixtures/decode.js";

const dir = process.env["TYPETORCH_FIXTURES_DIR"] ?? fileURLToPath(new URL("../../tooling/fixtures/data/", import.meta.url));
const opsFiles = existsSync(dir) ? readdirSync(dir).filter((f) => /^ops.*\.json$/.test(f)).sort() : [];

function operand(x: unknown): PromotionOperand {
  if (typeof x === "string") {
    const m = /^(\w+)\[(.*)\]$/.exec(x);
    if (m) return { dtype: m[1] as DType, shape: m[2] === "" ? [] : (m[2] as string).split(",").map(Number) };
    return x === "nan" ? NaN : x === "inf" ? Infinity : -Infinity;
  }
  return x as PromotionOperand;
}

describe("PyTorch fixtures replayed against the reference", () => {
  const promotion = join(dir, "promotion.json");
  it("promotion.json: promote_types, result_type, can_cast", () => {
    expect(existsSync(promotion), `${promotion} (tooling/fixtures/gen_promotion.py) is checked in`).toBe(true);
    const d = JSON.parse(readFileSync(promotion, "utf8")) as {
      promote_types: [DType, DType, DType][];
      can_cast: [DType, DType, boolean][];
      result_type: [unknown[], DType, string, DType][];
    };
    for (const [a, b, r] of d.promote_types) expect(promoteTypes(a, b), `promote_types(${a}, ${b})`).toBe(r);
    for (const [a, b, r] of d.can_cast) expect(canCast(a, b), `can_cast(${a}, ${b})`).toBe(r);
    const saved = getDefaultDtype();
    try {
      for (const [ops, r, , def] of d.result_type) {
        setDefaultDtype(def);
        expect(resultType(...ops.map(operand)), `result_type(${JSON.stringify(ops)}) with default ${def}`).toBe(r);
      }
    } finally {
      setDefaultDtype(saved);
    }
  });
  it("ops*.json are checked in (tooling/fixtures/gen_ops.py)", () => expect(opsFiles.length).toBeGreaterThan(0));
  for (const f of opsFiles) {
    it(`${f}: every primitive case matches PyTorch`, () => {
      // cases: [{ op, args, kw, out | err }] as written by tooling/fixtures/gen_ops.py
      const { cases } = JSON.parse(readFileSync(join(dir, f), "utf8")) as { cases: FixtureCase[] };
      const r = replayCases(cases);
      const skipped = [...r.skipped].map(([k, n]) => `${n} × ${k}`).join("; ");
      const tolerated = [...r.tolerated].map(([k, n]) => `${n} × ${k}`).join("; ");
      console.info(`${f}: ${r.replayed} replayed; skipped ${skipped || "none"}; torch quirks tolerated ${tolerated || "none"}`);
      expect(r.mismatches.slice(0, 25), `${r.mismatches.length} mismatches`).toEqual([]);
    });
  }
});
