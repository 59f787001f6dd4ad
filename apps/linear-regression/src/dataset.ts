/**
 * The tutorial's data: sklearn's `make_regression(n_samples=100, n_features=1, noise=10,
 * coef=True, bias=14.5)`, drawn the way sklearn draws it (x standard normal, the coefficient
 * 100·U[0, 1), then bias and noise·N(0, 1) added) but with typetorch's generator, so the numbers
 * are not sklearn's. The test replays the exact sklearn data PyTorch was trained on instead.
 */
import * as torch from "typetorch";
import type { Tensor } from "typetorch";

export interface RegressionData {
  /** [n, 1] float64 */
  readonly x: Tensor;
  /** [n] float64 */
  readonly y: Tensor;
  /** The true slope. */
  readonly coef: number;
}

export function createDataset(n = 100, noise = 10, bias = 14.5): RegressionData {
  const x = torch.randn(n, 1, { dtype: torch.float64 });
  const coef = torch.rand([], { dtype: torch.float64 }).mul(100).item() as number;
  const y = x.squeeze(1).mul(coef).add(bias).add(torch.randn(n, { dtype: torch.float64 }).mul(noise));
  return { x, y, coef };
}
