/**
 * The gradient of `t.unfold(dim, size, step)` (PyTorch's `unfold_backward`): window position j
 * of every window is one strided slice of the input, so the input's gradient is the sum over j
 * of g[..., j] put into slice j. It is accumulated in place into one zeros tensor — convolution
 * and pooling unfold every spatial dim, and one full-size zeros-plus-add per window position
 * (what a composite of `embed`s costs) dominated their backward.
 *
 * The result is bit-identical to that composite, `((p0 + p1) + …)` with p_j = zeros except
 * slice j: the same additions in the same order per element, and the same signs of zero (a sum
 * that adds a +0 of some p_j turns −0 into +0; see `normaliseZeros`). Its derivative is the
 * unfold itself (`UnfoldBackwardBackward0`).
 */
import type { Tensor } from "@typetorch/tensor-core";
import { zeros } from "@typetorch/tensor-core";
import { below } from "./grad-mode.js";
import { record } from "./record.js";

/** `t[dim, start::step]` for `count` elements, a view (narrow, then every step-th via unfold). */
function strided(t: Tensor, dim: number, start: number, count: number, step: number): Tensor {
  const n = t.narrow(dim, start, (count - 1) * step + 1);
  return step === 1 ? n : n.unfold(dim, 1, step).select(-1, 0);
}

/**
 * Dims of the input ordered outermost-first by g's strides (the window dim dropped): the input
 * gradient is laid out like the incoming gradient, so the slices added below, and the next
 * unfold's backward that reads this one, walk long contiguous rows (a 2-D window's first unfold
 * would otherwise put the kernel dim innermost: rows of 3).
 */
function memoryOrder(g: Tensor): number[] {
  const r = g.ndim - 1;
  const dims = Array.from({ length: r }, (_, i) => i);
  return dims.sort((a, b) => (g.stride(b) as number) - (g.stride(a) as number) || a - b);
}

export function unfoldBackward(g: Tensor, shape: readonly number[], dim: number, size: number, step: number): Tensor {
  if (shape.length === 0) return g.reshape([]);
  const n = g.shape[dim] as number;
  const order = memoryOrder(g);
  const inverse = order.map((_, i) => order.indexOf(i));
  const out = below(() => {
    const z = zeros(order.map((d) => shape[d] as number), { dtype: g.dtype, device: g.device }).permute(...inverse);
    if (n === 0 || size === 0) return z; // no window, or empty windows: nothing reaches the input
    for (let j = 0; j < size; j++) {
      const dst = strided(z, dim, j, n, step).permute(...order);
      const src = g.select(-1, j).permute(...order);
      // With step 1 every interior position is covered by every j: start from g[..., 0] itself
      // (not +0 + it), as the composite's first term; a window of one is a plain embed.
      if (j === 0 && (step === 1 || size === 1)) dst.copy_(src);
      else dst.add_(src);
    }
    normaliseZeros(z, dim, size, step, n);
    return z;
  });
  return record("UnfoldBackwardBackward0", [g], out, (gg) => [gg.unfold(dim, size, step)]);
}

/**
 * The composite turns a −0 into +0 wherever some p_j adds a +0 there: for step 1 and size > 1
 * those are the positions not covered by every j, i.e. the first size − 1 (the last size − 1
 * were never copied into, so they started at +0 already). For step > 1 every position misses
 * some j, and the in-place sums started from +0. A window of one copies: −0 stays, as there.
 */
function normaliseZeros(z: Tensor, dim: number, size: number, step: number, n: number): void {
  if (step !== 1 || size === 1) return;
  z.narrow(dim, 0, Math.min(size - 1, n)).add_(0);
}
