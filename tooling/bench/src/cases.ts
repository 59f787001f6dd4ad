import type { BenchOp } from "./engine.js";
import type { MeasureOptions } from "./measure.js";

export type Unit = "GFLOP/s" | "GB/s" | "µs/op";

export interface BenchCase {
  readonly id: string;
  readonly op: BenchOp;
  readonly shapes: readonly (readonly number[])[];
  readonly unit: Unit;
  /** FLOPs (GFLOP/s) or bytes read + written (GB/s) per call; unused for µs/op. */
  readonly work: number;
  /** Inputs are uniform in [lo, 1). */
  readonly lo: number;
  /** Cross-check bound: max |other − typetorch| / max |typetorch|. */
  readonly tol: number;
  readonly inner: number;
  /** Run `Engine.mixDtypes` first. Such a case pollutes the process, so it comes last. */
  readonly mixed?: boolean;
}

const F32 = 4;

function matmul(n: number): BenchCase {
  return { id: `matmul ${n}×${n}`, op: "matmul", shapes: [[n, n], [n, n]], unit: "GFLOP/s", work: 2 * n ** 3, lo: -1, tol: 1e-4, inner: 1 };
}
function add(n: number, label: string): BenchCase {
  return { id: `add ${label}`, op: "add", shapes: [[n], [n]], unit: "GB/s", work: 3 * n * F32, lo: -1, tol: 1e-6, inner: 1 };
}
function exp(n: number, label: string): BenchCase {
  return { id: `exp ${label}`, op: "exp", shapes: [[n]], unit: "GB/s", work: 2 * n * F32, lo: -1, tol: 1e-6, inner: 1 };
}
function sum(n: number, label: string): BenchCase {
  // Inputs in [0, 1): no cancellation, so the bound measures accumulation error only.
  return { id: `sum ${label}`, op: "sum", shapes: [[n]], unit: "GB/s", work: n * F32, lo: 0, tol: 1e-4, inner: 1 };
}
function transpose(n: number): BenchCase {
  // A [n, n] transposed view made contiguous: one strided read, one contiguous write.
  return { id: `transpose ${n}²`, op: "transpose", shapes: [[n, n]], unit: "GB/s", work: 2 * n * n * F32, lo: -1, tol: 0, inner: 1 };
}
function dispatch(inner: number): BenchCase {
  return { id: "dispatch: add 4 + 4", op: "add", shapes: [[4], [4]], unit: "µs/op", work: 0, lo: -1, tol: 1e-6, inner };
}

export const fullCases: readonly BenchCase[] = [
  matmul(128), matmul(256), matmul(512), matmul(1024),
  add(1e6, "1e6"), add(1e7, "1e7"), exp(1e6, "1e6"), exp(1e7, "1e7"),
  sum(1e7, "1e7"), transpose(1000),
  dispatch(1000),
  // The same cases after every dtype went through the kernels (see Engine.mixDtypes): they
  // must match the rows above. They change the process, so they come last.
  { ...add(1e6, "1e6"), id: "add 1e6, mixed dtypes", mixed: true },
  { ...exp(1e6, "1e6"), id: "exp 1e6, mixed dtypes", mixed: true },
  { ...sum(1e7, "1e7"), id: "sum 1e7, mixed dtypes", mixed: true },
  { ...transpose(1000), id: "transpose 1000², mixed dtypes", mixed: true },
];

export const quickCases: readonly BenchCase[] = [
  matmul(16), matmul(64),
  add(1e4, "1e4"), exp(1e4, "1e4"),
  sum(1e4, "1e4"), transpose(64),
  dispatch(100),
  { ...add(1e4, "1e4"), id: "add 1e4, mixed dtypes", mixed: true },
  { ...transpose(64), id: "transpose 64², mixed dtypes", mixed: true },
];

export const fullTiming: MeasureOptions = { warmup: 3, warmupSeconds: 0.25, minSeconds: 0.5, minSamples: 3, maxSamples: 200, inner: 1 };
export const quickTiming: MeasureOptions = { warmup: 1, warmupSeconds: 0.01, minSeconds: 0.01, minSamples: 2, maxSamples: 5, inner: 1 };

/** Value in the case's unit from median seconds per call. */
export function score(c: BenchCase, seconds: number): number {
  return c.unit === "µs/op" ? seconds * 1e6 : c.work / seconds / 1e9;
}

/** Deterministic inputs (a 32-bit LCG), so every engine and every run sees the same numbers. */
export function makeData(n: number, lo: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + (1 - lo) * (s / 4294967296);
  }
  return out;
}
