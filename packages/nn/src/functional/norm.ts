/** Normalisations: layerNorm and batchNorm as composites (mean, biased variance, rsqrt). */
import { RuntimeError, ValueError } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { noGrad } from "@typetorch/autograd";
import { torchSize } from "../util.js";

/** Normalises over the last `normalizedShape.length` dims, then scales and shifts elementwise. */
export function layerNorm(
  input: Tensor,
  normalizedShape: readonly number[],
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
): Tensor {
  const k = normalizedShape.length;
  const tail = input.shape.slice(input.ndim - k);
  if (k === 0 || input.ndim < k || tail.some((s, i) => s !== normalizedShape[i])) {
    throw new RuntimeError(
      `Given normalized_shape=[${normalizedShape.join(", ")}], expected input with shape [*, ${normalizedShape.join(", ")}], but got input of size[${input.shape.join(", ")}]`,
    );
  }
  const dims = Array.from({ length: k }, (_, i) => -1 - i);
  const mean = input.mean(dims, true);
  const variance = input.var(dims, true, { correction: 0 });
  let y = input.sub(mean).mul(variance.add(eps).rsqrt());
  if (weight !== null) y = y.mul(weight);
  if (bias !== null) y = y.add(bias);
  return y;
}

export interface BatchNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  training?: boolean;
  /**
   * Running-statistics update weight (BatchNorm's cumulative average passes `1/numBatchesTracked`).
   * A 0-dim float64 tensor is accepted too: BatchNorm passes one on a device without synchronous
   * reads, so that the factor never has to be read on the host.
   */
  momentum?: number | Tensor;
  eps?: number;
}

/**
 * Batch normalisation over every dim but 1 (the channels). In training it normalises with the
 * batch statistics and, when running stats are given, updates them in place without recording:
 * `running = (1 − momentum)·running + momentum·batch` (the variance unbiased, as PyTorch).
 */
export function batchNorm(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, options: BatchNormOptions = {}): Tensor {
  const { weight = null, bias = null, training = false, momentum = 0.1, eps = 1e-5 } = options;
  if (input.ndim < 2) throw new ValueError(`expected 2D or 3D input (got ${input.ndim}D input)`);
  const c = input.shape[1]!;
  const shape = input.shape.map((s, i) => (i === 1 ? s : 1));
  const dims = input.shape.map((_, i) => i).filter((i) => i !== 1);
  let mean: Tensor;
  let variance: Tensor;
  if (training) {
    const count = input.numel() / c;
    if (count <= 1) throw new ValueError(`Expected more than 1 value per channel when training, got input size ${torchSize(input)}`);
    mean = input.mean(dims, true);
    variance = input.var(dims, true, { correction: 0 });
    noGrad(() => {
      // A tensor momentum m: 1 − m in float64 (as a JS number), then rounded to the stats' dtype.
      const keep = (r: Tensor): number | Tensor => (typeof momentum === "number" ? 1 - momentum : momentum.neg().add(1).to(r.dtype));
      const take = (r: Tensor): number | Tensor => (typeof momentum === "number" ? momentum : momentum.to(r.dtype));
      if (runningMean !== null) runningMean.mul_(keep(runningMean)).add_(mean.detach().reshape(c).mul(take(runningMean)));
      if (runningVar !== null) runningVar.mul_(keep(runningVar)).add_(variance.detach().reshape(c).mul(count / (count - 1)).mul(take(runningVar)));
    });
  } else {
    if (runningMean === null || runningVar === null) throw new RuntimeError("running_mean and running_var must be defined in evaluation mode");
    mean = runningMean.reshape(shape);
    variance = runningVar.reshape(shape);
  }
  let y = input.sub(mean).mul(variance.add(eps).rsqrt());
  if (weight !== null) y = y.mul(weight.reshape(shape));
  if (bias !== null) y = y.add(bias.reshape(shape));
  return y;
}

/** Normalises each of `numGroups` channel groups per sample, then scales and shifts per channel. */
export function groupNorm(input: Tensor, numGroups: number, weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  if (input.ndim < 2) throw new RuntimeError(`Expected at least 2 dimensions for input tensor but received ${input.ndim}`);
  const [n, c] = [input.shape[0]!, input.shape[1]!];
  if (c % numGroups !== 0) {
    throw new RuntimeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape [${input.shape.join(", ")}] and num_groups=${numGroups}`);
  }
  const grouped = input.reshape(n, numGroups, -1);
  const mean = grouped.mean(-1, true);
  const variance = grouped.var(-1, true, { correction: 0 });
  let y = grouped.sub(mean).mul(variance.add(eps).rsqrt()).reshape(input.shape);
  const shape = input.shape.map((s, i) => (i === 1 ? s : 1));
  if (weight !== null) y = y.mul(weight.reshape(shape));
  if (bias !== null) y = y.add(bias.reshape(shape));
  return y;
}
