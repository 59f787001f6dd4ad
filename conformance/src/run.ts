/** The plain-function form of the suite: run every (or a filtered set of) check(s), collect failures. */
import type { Backend } from "@typetorch/tensor-core";
import type { Check, Failure } from "./check.js";
import { allChecks } from "./checks/index.js";
import { resolveOptions, type ConformanceOptions } from "./options.js";

/** Whether a check applies to a backend: its dtypes are all declared capabilities. */
export const applies = (c: Check, backend: Backend): boolean =>
  c.dtypes.every((d) => backend.capabilities.dtypes.includes(d));

/**
 * Runs the checks (all, or those whose name contains `filter`) on `backend` and returns their
 * failures. Used by the mutation test and by anyone who wants the suite outside vitest.
 */
export async function runChecks(backend: Backend, options: ConformanceOptions & { filter?: string } = {}): Promise<Failure[]> {
  const o = resolveOptions(options);
  const failures: Failure[] = [];
  for (const c of allChecks()) {
    if (!applies(c, backend)) continue;
    if (options.filter !== undefined && !c.name.includes(options.filter)) continue;
    if (o.only && !c.name.includes(o.only)) continue;
    const f = await c.run(backend, o);
    if (f) failures.push(f);
  }
  return failures;
}
