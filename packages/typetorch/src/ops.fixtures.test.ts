/**
 * Replays tooling/fixtures/data/ops_*.json (PyTorch 1.13's values, dtypes, shapes and error
 * messages; generator: tooling/fixtures/gen_ops.py) through `import * as torch from "typetorch"`.
 * One `it` per (op, dtype) group; a failure lists the differing cases with their inputs.
 * Float tolerances: the BOUNDS table in ./test-utils/fixtures.ts (everything else bit-identical).
 */
import { describe, expect, it } from "vitest";
import { groupCases, groupFailures, loadCases } from "./test-utils/fixtures.js";

const FAMILIES = [
  ["binary ops, tensor–tensor (broadcast, transposed) and tensor–scalar", "ops_binary.json"],
  ["binary ops on mixed dtypes (promotion, 0-dim operands)", "ops_mixed.json"],
  ["unary ops, round(decimals), clamp, nan_to_num", "ops_unary.json"],
  ["reductions and scans", "ops_reduce.json"],
  ["matmul family", "ops_matmul.json"],
  ["creation", "ops_create.json"],
  ["casts between every dtype pair", "ops_cast.json"],
  ["errors: PyTorch's class and message", "ops_errors.json"],
] as const;

for (const [title, file] of FAMILIES) {
  describe(title, () => {
    for (const [group, cases] of groupCases(loadCases(file))) {
      it(`${group} (${cases.length} cases)`, () => {
        const failures = groupFailures(cases);
        expect(failures, failures.slice(0, 8).join("\n")).toEqual([]);
      });
    }
  });
}
