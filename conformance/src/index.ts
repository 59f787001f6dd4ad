/**
 * @typetorch/conformance: the property-based suite every typetorch backend passes.
 * `describeBackendConformance("mine", () => createMyBackend())` in a vitest file runs it all.
 */
export { describeBackendConformance } from "./describe.js";
export { runChecks, applies } from "./run.js";
export { allChecks } from "./checks/index.js";
export type { Check, Failure, Family } from "./check.js";
export { resolveOptions, DEFAULT_RUNS, type ConformanceOptions, type KnownFailure } from "./options.js";
export * from "./bounds.js";
export * as reference from "./reference/index.js";
