/** What a check is, what a failure carries, and the fast-check runner that produces failures. */
import fc from "fast-check";
import type { Backend, DType } from "@typetorch/tensor-core";
import { propertySeed, type ResolvedOptions } from "./options.js";

export type Family =
  | "copy" | "fill" | "unary" | "binary" | "where" | "reduce" | "argReduce" | "scan" | "matmul" | "sort"
  | "gather" | "scatter" | "random" | "promotion" | "views" | "gradient";

export interface Failure {
  readonly check: string;
  readonly family: Family;
  /** The shrunk counterexample, described: op, dtypes, shapes, strides, element, expected vs got. */
  readonly message: string;
  /** The master seed: TYPETORCH_CONFORMANCE_SEED=<seed> replays this failure. */
  readonly seed: number;
  /** fast-check's replay path for the property's own seed (optional, for fc users). */
  readonly path: string;
  /** The whole report, as thrown by the vitest wrapper. */
  readonly report: string;
}

export interface Check {
  /** "family/op/dtype", unique; what `only` and `knownFailures` match. */
  readonly name: string;
  readonly family: Family;
  /** Dtypes the backend must support for the check to apply. */
  readonly dtypes: readonly DType[];
  run(backend: Backend, o: ResolvedOptions): Promise<Failure | null>;
}

/** A failed comparison inside a property; its message is the reader's report. */
export class Mismatch extends Error {
  override readonly name = "Mismatch";
}

/**
 * Runs one property with the check's derived seed and turns a failure into a Failure. The
 * property throws a Mismatch describing the case; fast-check shrinks it first.
 */
export async function runProperty<T>(
  name: string,
  family: Family,
  arb: fc.Arbitrary<T>,
  body: (value: T) => Promise<void>,
  o: ResolvedOptions,
  examples: readonly T[] = [],
): Promise<Failure | null> {
  const seed = propertySeed(o.seed, name);
  const details = await fc.check(fc.asyncProperty(arb, body), {
    numRuns: o.runs,
    seed,
    examples: examples.map((e) => [e] as [T]),
  });
  if (!details.failed) return null;
  const err = details.errorInstance;
  const message = err instanceof Error ? err.message : String(err);
  const path = details.counterexamplePath ?? "";
  const report = [
    `conformance check ${name} failed after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s):`,
    message,
    `replay: TYPETORCH_CONFORMANCE_SEED=${o.seed} TYPETORCH_CONFORMANCE_ONLY=${name}`,
    `(fast-check: seed ${seed}, path "${path}")`,
  ].join("\n");
  return { check: name, family, message, seed: o.seed, path, report };
}
