/** Suite options and their environment knobs. */

export interface KnownFailure {
  /** A check name as printed by the suite, e.g. "unary/sign/float32". */
  readonly check: string;
  /** Why it fails and where the fix is tracked; shown in the test name. */
  readonly reason: string;
}

export interface ConformanceOptions {
  /** fast-check runs per property (env TYPETORCH_CONFORMANCE_RUNS; default 20). */
  readonly runs?: number;
  /** Ten times the runs, for release checks (env TYPETORCH_CONFORMANCE_DEEP=1). */
  readonly deep?: boolean;
  /** Master seed; every property derives its own seed from it (env TYPETORCH_CONFORMANCE_SEED). */
  readonly seed?: number;
  /** Only checks whose name contains this string (env TYPETORCH_CONFORMANCE_ONLY). */
  readonly only?: string;
  /** Checks expected to fail until a tracked fix lands; they fail the suite once they pass. */
  readonly knownFailures?: readonly KnownFailure[];
  /** Device name the backend is registered under for the Tensor-API checks. */
  readonly device?: string;
}

export interface ResolvedOptions {
  readonly runs: number;
  readonly seed: number;
  readonly only: string;
  readonly knownFailures: readonly KnownFailure[];
  readonly device: string;
}

export const DEFAULT_RUNS = 20;

function env(name: string): string | undefined {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const v = p?.env?.[name];
  return v === undefined || v === "" ? undefined : v;
}

export function resolveOptions(o: ConformanceOptions = {}): ResolvedOptions {
  const envRuns = env("TYPETORCH_CONFORMANCE_RUNS");
  const envSeed = env("TYPETORCH_CONFORMANCE_SEED");
  const deep = o.deep ?? env("TYPETORCH_CONFORMANCE_DEEP") === "1";
  const base = o.runs ?? (envRuns !== undefined ? Number(envRuns) : DEFAULT_RUNS);
  return {
    runs: Math.max(1, Math.round(deep ? base * 10 : base)),
    seed: o.seed ?? (envSeed !== undefined ? Number(envSeed) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0),
    only: o.only ?? env("TYPETORCH_CONFORMANCE_ONLY") ?? "",
    knownFailures: o.knownFailures ?? [],
    device: o.device ?? "conformance-under-test",
  };
}

/** A property's own seed: the master seed mixed with its name (FNV-1a), so one seed replays all. */
export function propertySeed(master: number, name: string): number {
  let h = (0x811c9dc5 ^ master) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h | 0;
}
