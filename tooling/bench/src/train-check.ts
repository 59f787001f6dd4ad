/** The cross-check between typetorch's first training step and another engine's. */
import type { Reference, StepTimes } from "./train-typetorch.js";

export interface TrainRow {
  readonly id: string;
  readonly engine: string;
  readonly times: StepTimes;
  /** typetorch: its fingerprint; other engines: the cross-check's differences. */
  readonly check: string;
  /** typetorch's full step ÷ this engine's (> 1: typetorch is slower). */
  readonly ratio: number;
}

/**
 * Both engines start from the same float32 weights and data and differ only in summation order
 * (im2col + matmul vs direct convolution, NCHW vs NHWC), so the first loss and each gradient's
 * norm agree to a few float32 ulps times the reduction length; 1e-4 relative is far above that
 * and far below what a wrong layout, a missing bias or a wrong loss scale produces.
 */
export const TRAIN_TOL = 1e-4;

export function crossCheck(ref: Reference, other: { loss: number; gradNorms: readonly number[] }): { ok: boolean; lossDiff: number; gradDiff: number; text: string } {
  const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
  const lossDiff = rel(other.loss, ref.loss);
  let gradDiff = ref.gradNorms.length === other.gradNorms.length ? 0 : Infinity;
  ref.gradNorms.forEach((n, i) => {
    const d = rel(other.gradNorms[i] ?? NaN, n);
    gradDiff = Number.isNaN(d) ? NaN : Math.max(gradDiff, d);
  });
  const ok = lossDiff <= TRAIN_TOL && gradDiff <= TRAIN_TOL;
  const text = `loss Δ ${lossDiff.toExponential(1)}, ‖grad‖ Δ ≤ ${gradDiff.toExponential(1)}${ok ? "" : " **FAIL**"}`;
  return { ok, lossDiff, gradDiff, text };
}
