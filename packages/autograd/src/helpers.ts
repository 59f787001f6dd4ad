/**
 * Small differentiable building blocks of the derivative formulas. Every one is written with
 * public ops, so formulas built from them record graphs under `createGraph`.
 */
import type { DimArg, Tensor } from "@typetorch/tensor-core";
import { RuntimeError, arange, cat, zeros } from "@typetorch/tensor-core";

/** Sums `g` down to `shape` (the reverse of broadcasting). */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  const lead = g.ndim - shape.length;
  if (lead < 0) throw new RuntimeError(`size [${g.shape.join(", ")}] is not expandable to [${shape.join(", ")}]`);
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead) dims.push(i);
    else if (shape[i - lead] === 1 && g.shape[i] !== 1) dims.push(i);
    else if (shape[i - lead] !== g.shape[i]) {
      throw new RuntimeError(`size [${g.shape.join(", ")}] is not expandable to [${shape.join(", ")}]`);
    }
  }
  const r = dims.length > 0 ? g.sum(dims, true) : g;
  return lead > 0 || dims.length > 0 ? r.reshape(shape) : r;
}

/** The reduced axes of a reduction over `dim` (null: all) of an `ndim`-d input, normalised. */
export function axesOf(dim: unknown, ndim: number): number[] {
  if (dim === null || dim === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dim === "number" ? [dim] : [...(dim as readonly number[])];
  return list.map((d) => (d < 0 ? d + ndim : d)).filter((d) => d < Math.max(ndim, 1)).sort((a, b) => a - b);
}

/** A reduction's output gradient put back with keepdim shape, then expanded to the input's shape. */
export function unreduce(g: Tensor, shape: readonly number[], dim: unknown, keepdim: unknown): Tensor {
  let r = g;
  if (!keepdim && shape.length > 0) {
    for (const a of axesOf(dim, shape.length)) r = r.unsqueeze(a);
  }
  return r.expand(shape);
}

/** Number of elements a reduction over `dim` combines per output. */
export function reducedCount(shape: readonly number[], dim: unknown): number {
  return axesOf(dim, shape.length).reduce((n, a) => n * (shape[a] as number), 1);
}

/** A zeros tensor like `g` but with `shape` (float grads live in the input's dtype). */
export function zerosOf(g: Tensor, shape: readonly number[]): Tensor {
  return zeros(shape, { dtype: g.dtype, device: g.device });
}

/**
 * zeros(shape) with g's entries added at `indices` along dim d (g and indices share a shape).
 * One-hot matmul keeps it differentiable in g with the ops every backend has.
 */
export function scatterAlong(g: Tensor, indices: Tensor, d: number, shape: readonly number[]): Tensor {
  if (shape.length === 0) return g.reshape([]);
  const n = shape[d] as number;
  const onehot = indices.movedim(d, -1).unsqueeze(-1).eq(arange(n, { device: g.device })).to(g.dtype);
  return g.movedim(d, -1).unsqueeze(-2).matmul(onehot).squeeze(-2).movedim(-1, d);
}

/** d repeat(sizes): the sum over the copies (input shape padded with leading 1s to sizes' length). */
export function unrepeat(g: Tensor, shape: readonly number[], sizes: readonly number[]): Tensor {
  const padded = [...new Array<number>(sizes.length - shape.length).fill(1), ...shape];
  const split = padded.flatMap((s, i) => [sizes[i] as number, s]);
  const copies = sizes.map((_, i) => 2 * i);
  return g.reshape(split).sum(copies).reshape(shape);
}

/** Slab sums along d: counts[i] consecutive slabs of g sum into slab i (repeatInterleave's inverse). */
export function segmentSum(g: Tensor, d: number, counts: readonly number[]): Tensor {
  let at = 0;
  return cat(
    counts.map((c) => {
      const part = g.narrow(d, at, c).sum(d, true);
      at += c;
      return part;
    }),
    d,
  );
}

export type { DimArg };
