/**
 * Synthetic data for demos: the tutorials' straight line (`y = weight · X + bias`).
 */
import type { Generator, Tensor } from "@typetorch/tensor-core";
import { arange, randn } from "@typetorch/tensor-core";

export interface LinearDataOptions {
  /** X runs over arange(start, end, step): default 0, 1, 0.02 (50 points), as the tutorials. */
  start?: number;
  end?: number;
  step?: number;
  /** Standard deviation of Gaussian noise added to y (default 0: exact). */
  noise?: number;
  generator?: Generator;
}

/**
 * The PyTorch workflow tutorial's data: `X = torch.arange(start, end, step).unsqueeze(1)` and
 * `y = weight * X + bias` (+ `noise * randn`), both [n, 1] in the default float dtype.
 * @example const { X, y } = linearData(0.7, 0.3);   // X: [50, 1], y: [50, 1]
 */
export function linearData(weight: number, bias: number, options: LinearDataOptions = {}): { X: Tensor; y: Tensor } {
  const { start = 0, end = 1, step = 0.02, noise = 0 } = options;
  const X = arange(start, end, step, { dtype: "float32" }).unsqueeze(1);
  let y = X.mul(weight).add(bias);
  if (noise !== 0) y = y.add(randn(y.shape, options.generator ? { generator: options.generator } : {}).mul(noise));
  return { X, y };
}
