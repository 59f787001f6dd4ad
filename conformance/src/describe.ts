/** `describeBackendConformance`: the suite as vitest tests, one `it` per check. */
import { beforeAll, describe, it } from "vitest";
import type { Backend } from "@typetorch/tensor-core";
import { allChecks } from "./checks/index.js";
import type { Family } from "./check.js";
import { resolveOptions, type ConformanceOptions } from "./options.js";
import { applies } from "./run.js";

const FAMILIES: readonly Family[] = [
  "copy", "fill", "unary", "binary", "where", "reduce", "argReduce", "scan", "matmul", "sort", "gather", "scatter", "random", "promotion", "views",
  "gradient",
];

/**
 * Registers the conformance suite for a backend:
 * @example
 * describeBackendConformance("cpu", () => createCpuBackend());
 */
export function describeBackendConformance(
  name: string,
  createBackend: () => Backend | Promise<Backend>,
  options: ConformanceOptions = {},
): void {
  const o = resolveOptions(options);
  const checks = allChecks().filter((c) => !o.only || c.name.includes(o.only));
  describe(`${name} conformance (seed ${o.seed}, ${o.runs} runs per property)`, () => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await createBackend();
    });
    for (const family of FAMILIES) {
      const mine = checks.filter((c) => c.family === family);
      if (mine.length === 0) continue;
      describe(family, () => {
        for (const c of mine) {
          const known = o.knownFailures.find((k) => k.check === c.name);
          const test = known ? it.fails : it;
          test(known ? `${c.name} [known failure: ${known.reason}]` : c.name, async (ctx) => {
            if (!applies(c, backend)) {
              ctx.skip(`${name} does not declare ${c.dtypes.join(", ")}`);
              return;
            }
            const f = await c.run(backend, o);
            if (f) throw new Error(f.report);
          }, 120_000);
        }
      });
    }
  });
}
