/**
 * Pooling over the windows `conv.ts` cuts (`Tensor.unfold` views): max pooling gathers each
 * window's first maximum (so the gradient goes to it, as PyTorch's kernel routes it), average
 * pooling is a window sum over a divisor counted by pooling a mask.
 */
import { RuntimeError, arange, full, ones, stack, tidy, where, zeros } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { ntuple } from "../util.js";
import { pad } from "./basic.js";
import { padList, windows } from "./conv.js";

export interface PoolOptions {
  /** Defaults to the kernel size. */
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  dilation?: number | readonly number[];
  ceilMode?: boolean;
}
export interface MaxPoolOptions extends PoolOptions {
  returnIndices?: boolean;
}
export interface AvgPoolOptions extends Omit<PoolOptions, "dilation"> {
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

interface Geometry {
  batched: boolean;
  kernel: number[];
  stride: number[];
  padding: number[];
  dilation: number[];
  out: number[];
  /** Extra right padding so the last ceil-mode window fits. */
  extra: number[];
}

/** PyTorch's `pooling_output_shape` and its checks, per spatial dim. */
function geometry(n: number, input: Tensor, kernelSize: number | readonly number[], o: PoolOptions): Geometry {
  if (input.ndim !== n + 1 && input.ndim !== n + 2) {
    throw new RuntimeError(`non-empty ${n + 1}D or ${n + 2}D (batch mode) tensor expected for input`);
  }
  const kernel = ntuple(kernelSize, n, "kernel_size");
  // No stride (or PyTorch's functional default, an empty list) means stride = kernel size.
  const stride = o.stride === undefined || o.stride === null || (Array.isArray(o.stride) && o.stride.length === 0) ? kernel : ntuple(o.stride, n, "stride");
  const padding = ntuple(o.padding ?? 0, n, "padding");
  const dilation = ntuple(o.dilation ?? 1, n, "dilation");
  const spatial = input.shape.slice(input.ndim - n);
  const out: number[] = [];
  const extra: number[] = [];
  for (let i = 0; i < n; i++) {
    const [L, k, s, p, d] = [spatial[i]!, kernel[i]!, stride[i]!, padding[i]!, dilation[i]!];
    const eff = d * (k - 1) + 1;
    if (p > Math.floor(k / 2)) throw new RuntimeError(`pad should be at most half of kernel size, but got pad=${p} and kernel_size=${k}`);
    let size = Math.floor((L + 2 * p - eff + (o.ceilMode ? s - 1 : 0)) / s) + 1;
    if (o.ceilMode && (size - 1) * s >= L + p) size--;
    out.push(size);
    extra.push(Math.max(0, (size - 1) * s + eff - (L + 2 * p)));
  }
  if (out.some((s) => s <= 0)) {
    const c = input.shape[input.ndim - n - 1]!;
    throw new RuntimeError(`Given input size: (${[c, ...spatial].join("x")}). Calculated output size: (${[c, ...out].join("x")}). Output size is too small`);
  }
  return { batched: input.ndim === n + 2, kernel, stride, padding, dilation, out, extra };
}

/** `x` ([N, C, *spatial]) padded with `value` on both sides, plus the ceil-mode extra on the right. */
function padFor(x: Tensor, g: Geometry, value: number, extraValue = value): Tensor {
  let y = g.padding.some((p) => p > 0) ? pad(x, padList(g.padding.map((p) => [p, p] as [number, number])), "constant", value) : x;
  if (g.extra.some((e) => e > 0)) y = pad(y, padList(g.extra.map((e) => [0, e] as [number, number])), "constant", extraValue);
  return y;
}

/**
 * The first maximum of every window (a NaN wins, as in PyTorch's kernel): for each window, the
 * kernel offset's `label` (int32). Computed without gradient: one compare-and-select per kernel
 * offset over [N, C, *out] slabs — reducing the flattened windows instead walks rows of k
 * elements twice (values, indices), and `max`'s backward compares every window again.
 */
function argmaxWindows(xp: Tensor, g: Geometry, label: (k: readonly number[], p: number) => number): Tensor {
  const n = g.kernel.length;
  const count = g.kernel.reduce((a, b) => a * b, 1);
  // One copy puts each kernel offset's [N, C, *out] slab in one contiguous block, so the
  // compare-and-selects below run over flat arrays, not over rows of out[-1] strided elements.
  const slabsOf = (t: Tensor): Tensor => {
    const win = windows(t, g.kernel, g.stride, g.dilation);
    return win.permute(...g.kernel.map((_, i) => 2 + n + i), 0, 1, ...g.out.map((_, i) => 2 + i)).reshape(count, ...win.shape.slice(0, 2 + n));
  };
  const slabs = slabsOf(xp.detach());
  // PyTorch's kernel never visits padding: a window whose real elements are all −inf answers its
  // first real element. So a padding cell (also −inf) holding the lead yields to the next real one.
  const isPadded = g.padding.some((p) => p > 0) || g.extra.some((e) => e > 0);
  const spatial = xp.shape.slice(2).map((s, i) => s - 2 * g.padding[i]! - g.extra[i]!);
  const real = isPadded ? slabsOf(padFor(ones([1, 1, ...spatial], { device: xp.device }), g, 0)).gt(0) : null;
  let padLead: Tensor | null = null;
  let best: Tensor | null = null;
  let arg: Tensor | null = null;
  for (let p = 0; p < count; p++) {
    const v = slabs.select(0, p);
    let rest = p;
    const k = new Array<number>(n);
    for (let i = n - 1; i >= 0; i--) {
      k[i] = rest % g.kernel[i]!;
      rest = Math.floor(rest / g.kernel[i]!);
    }
    const isReal = real?.select(0, p);
    if (best === null || arg === null) {
      best = v;
      arg = full(v.shape, label(k, p), { dtype: "int32", device: xp.device });
      padLead = isReal?.logicalNot() ?? null;
      continue;
    }
    // Temporaries go back to the allocator's pool at once (fresh buffers cost page faults and GC).
    const [nextBest, nextArg, nextLead] = tidy(() => {
      let take = v.gt(best!).logicalOr(v.isnan());
      if (padLead !== null && isReal !== undefined) take = take.logicalOr(padLead.logicalAnd(isReal));
      return [where(take, v, best!), where(take, label(k, p), arg!), padLead?.logicalAnd(take.logicalNot()) ?? null];
    });
    best.dispose();
    arg.dispose();
    padLead?.dispose();
    [best, arg, padLead] = [nextBest, nextArg, nextLead];
  }
  best?.dispose();
  padLead?.dispose();
  real?.dispose();
  slabs.dispose();
  return arg!;
}

/**
 * Max pooling gathers each window's first maximum: the values are exact input elements, and the
 * backward is a scatter-add of the output's gradient into zeros (gather's derivative). When
 * windows do not overlap (stride ≥ dilated kernel span), the gather reads the padded input
 * itself, so the backward is one scatter-add into the input's size. Overlapping windows gather
 * from the flattened windows instead: an element that wins several windows then receives their
 * gradients summed in the unfold's order, as before (bit-identical results).
 */
function maxPoolNd(n: number, input: Tensor, kernelSize: number | readonly number[], o: MaxPoolOptions): Tensor | [Tensor, Tensor] {
  const g = geometry(n, input, kernelSize, o);
  const x = g.batched ? input : input.unsqueeze(0);
  const xp = padFor(x, g, -Infinity);
  const [batch, channels] = [x.shape[0]!, x.shape[1]!];
  const padded = xp.shape.slice(2);
  // Element strides of the flattened padded spatial dims.
  const flatStride = padded.map((_, i) => padded.slice(i + 1).reduce((a, b) => a * b, 1));
  const disjoint = g.stride.every((s, i) => s >= g.dilation[i]! * (g.kernel[i]! - 1) + 1);
  let values: Tensor;
  let at: Tensor | null = null; // flat index into the padded spatial dims (int32), for returnIndices
  if (disjoint) {
    // The window's start (out index · stride per dim) plus the winner's offset inside it.
    const start = g.out.reduce(
      (acc: Tensor, size, i) => acc.add(arange(size, { dtype: "int32", device: x.device }).mul(g.stride[i]! * flatStride[i]!).reshape(g.out.map((s, j) => (j === i ? s : 1)))),
      zeros(g.out.map(() => 1), { dtype: "int32", device: x.device }),
    );
    const [flat, index] = tidy(() => {
      const f = argmaxWindows(xp, g, (k) => k.reduce((a, ki, i) => a + ki * g.dilation[i]! * flatStride[i]!, 0)).add(start);
      return [f, f.flatten(2).long()];
    });
    at = flat;
    values = xp.flatten(2).gather(2, index).view(batch, channels, ...g.out);
  } else {
    const p = argmaxWindows(xp, g, (_, q) => q);
    values = windows(xp, g.kernel, g.stride, g.dilation).flatten(-n).gather(-1, p.long().unsqueeze(-1)).squeeze(-1);
    if (o.returnIndices) {
      at = null;
      let rest = p;
      for (let i = n - 1; i >= 0; i--) {
        const k = rest.remainder(g.kernel[i]!);
        rest = rest.floorDivide(g.kernel[i]!);
        const start = arange(g.out[i]!, { dtype: "int32", device: x.device }).mul(g.stride[i]!).reshape(g.out.map((s, j) => (j === i ? s : 1)));
        const pos = k.mul(g.dilation[i]!).add(start).mul(flatStride[i]!);
        at = at === null ? pos : at.add(pos);
      }
    }
  }
  const squeeze = (t: Tensor): Tensor => (g.batched ? t : t.squeeze(0));
  if (!o.returnIndices) return squeeze(values);
  // PyTorch's indices are flat positions in the unpadded input's spatial dims.
  const spatial = x.shape.slice(2);
  let rest = at!;
  let flat: Tensor | null = null;
  for (let i = 0; i < n; i++) {
    const pos = rest.floorDivide(flatStride[i]!).sub(g.padding[i]!);
    rest = rest.remainder(flatStride[i]!);
    flat = flat === null ? pos : flat.mul(spatial[i]!).add(pos);
  }
  return [squeeze(values), squeeze(flat!.long())];
}

function avgPoolNd(n: number, input: Tensor, kernelSize: number | readonly number[], o: AvgPoolOptions): Tensor {
  const g = geometry(n, input, kernelSize, o);
  const x = g.batched ? input : input.unsqueeze(0);
  const sums = windows(padFor(x, g, 0), g.kernel, g.stride, g.dilation).sum(Array.from({ length: n }, (_, i) => -1 - i));
  let divisor: Tensor | number;
  if (o.divisorOverride !== undefined && o.divisorOverride !== null) {
    if (o.divisorOverride === 0) throw new RuntimeError("divisor must be not zero");
    divisor = o.divisorOverride;
  } else {
    // Count, per window, the cells that are input (always), padding (if countIncludePad) but
    // never the ceil-mode overhang: PyTorch's divisor, computed by pooling a mask.
    const mask = padFor(ones([1, 1, ...x.shape.slice(2)], { dtype: x.dtype, device: x.device }), g, o.countIncludePad === false ? 0 : 1, 0);
    divisor = windows(mask, g.kernel, g.stride, g.dilation).sum(Array.from({ length: n }, (_, i) => -1 - i));
  }
  const y = sums.div(divisor);
  return g.batched ? y : y.squeeze(0);
}

/** 2-D max pooling; with `returnIndices: true`, `[values, indices]` (flat indices into H·W). */
export function maxPool2d(input: Tensor, kernelSize: number | readonly number[], options?: MaxPoolOptions & { returnIndices?: false }): Tensor;
export function maxPool2d(input: Tensor, kernelSize: number | readonly number[], options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool2d(input: Tensor, kernelSize: number | readonly number[], options: MaxPoolOptions = {}): Tensor | [Tensor, Tensor] {
  return maxPoolNd(2, input, kernelSize, options);
}
export function maxPool1d(input: Tensor, kernelSize: number | readonly number[], options?: MaxPoolOptions & { returnIndices?: false }): Tensor;
export function maxPool1d(input: Tensor, kernelSize: number | readonly number[], options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool1d(input: Tensor, kernelSize: number | readonly number[], options: MaxPoolOptions = {}): Tensor | [Tensor, Tensor] {
  return maxPoolNd(1, input, kernelSize, options);
}
export function avgPool2d(input: Tensor, kernelSize: number | readonly number[], options: AvgPoolOptions = {}): Tensor {
  return avgPoolNd(2, input, kernelSize, options);
}
export function avgPool1d(input: Tensor, kernelSize: number | readonly number[], options: AvgPoolOptions = {}): Tensor {
  return avgPoolNd(1, input, kernelSize, options);
}

/**
 * Adaptive average pooling: output cell i of a dim averages input [⌊i·L/o⌋, ⌈(i+1)·L/o⌉).
 * A rectangle's mean is the mean over rows of the means over columns, so dims pool one at a time.
 */
function adaptiveAvgPoolNd(n: number, input: Tensor, outputSize: number | readonly (number | null)[]): Tensor {
  if (input.ndim !== n + 1 && input.ndim !== n + 2) {
    throw new RuntimeError(`adaptive_avg_pool${n}d(): Expected ${n + 1}D or ${n + 2}D tensor, but got ${String(input.shape.length)}D`);
  }
  const sizes = typeof outputSize === "number" ? Array<number>(n).fill(outputSize) : outputSize;
  let y = input;
  for (let i = 0; i < n; i++) {
    const dim = input.ndim - n + i;
    const L = input.shape[dim]!;
    const o = sizes[i] ?? L;
    if (o === L) continue;
    const cells = Array.from({ length: o }, (_, j) => {
      const start = Math.floor((j * L) / o);
      const end = Math.ceil(((j + 1) * L) / o);
      return y.narrow(dim, start, end - start).mean(dim);
    });
    y = stack(cells, dim);
  }
  return y;
}
export function adaptiveAvgPool2d(input: Tensor, outputSize: number | readonly (number | null)[]): Tensor {
  return adaptiveAvgPoolNd(2, input, outputSize);
}
export function adaptiveAvgPool1d(input: Tensor, outputSize: number | readonly number[]): Tensor {
  return adaptiveAvgPoolNd(1, input, outputSize);
}
