/**
 * Sorting: sort (the `sort` primitive) and its composites argsort, msort, topk, kthvalue.
 *
 * Order as PyTorch: NaN sorts as the largest value (last ascending, first descending); −0 and +0
 * are equal; `stable: true` keeps equal elements in their original order in both directions.
 * topk/kthvalue use a stable sort, so their tie order is the lowest index first; PyTorch leaves
 * the order of tied indices unspecified there.
 */
import { RuntimeError } from "../errors.js";
import { normalizeDim } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { getBackend } from "../device.js";
import { dispatch } from "../dispatch.js";
import type { ValuesIndices } from "./reduce.js";
import { clone, emptyPreserving } from "./convert.js";

export interface SortOptions {
  dim?: number;
  descending?: boolean;
  stable?: boolean;
}
export interface TopkOptions {
  dim?: number;
  largest?: boolean;
  sorted?: boolean;
}

/** Accepts `sort()`, `sort(dim, descending)`, `sort({ dim, descending, stable })`. */
export function sortArgs(dim?: number | SortOptions, descending?: boolean): Required<SortOptions> {
  if (typeof dim === "object") return { dim: dim.dim ?? -1, descending: dim.descending ?? false, stable: dim.stable ?? false };
  return { dim: dim ?? -1, descending: descending ?? false, stable: false };
}

/**
 * `torch.sort(x, dim, descending)` → `{ values, indices }` (indices int64).
 * @example torch.sort(torch.tensor([3, 1, 2])) // values tensor([1, 2, 3]), indices tensor([1, 2, 0])
 */
export function sort(x: Tensor, o: Required<SortOptions>): ValuesIndices {
  const d = normalizeDim(o.dim, x.ndim);
  return dispatch("sort", [x], { dim: d, descending: o.descending, stable: o.stable }, () => {
    const src = x.ndim === 0 ? x.reshape([1]) : x;
    // Results keep the input's layout, as PyTorch's sort does (a transposed input sorts into a transposed result).
    const values = emptyPreserving(src);
    const indices = emptyPreserving(src, "int64");
    if (src.numel() > 0) {
      getBackend(x.device).sort(values._operand, indices._operand, src._operand, d, o.descending, o.stable);
    }
    if (x.ndim > 0) return { values, indices };
    return { values: values.reshape([]), indices: indices.reshape([]) };
  });
}

/** `torch.argsort(x, dim, descending)`: the indices of `sort`. */
export function argsort(x: Tensor, o: Required<SortOptions>): Tensor {
  return dispatch("argsort", [x], { dim: o.dim, descending: o.descending, stable: o.stable }, () => {
    const r = sort(x, o);
    r.values.dispose();
    return r.indices;
  });
}

/** `torch.msort(x)`: values sorted along dim 0. */
export function msort(x: Tensor): Tensor {
  return dispatch("msort", [x], {}, () => {
    const r = sort(x, { dim: 0, descending: false, stable: false });
    r.indices.dispose();
    return r.values;
  });
}

/** The first `k` entries along `d` of both results, as fresh contiguous tensors. */
function head(r: ValuesIndices, d: number, k: number, x: Tensor): ValuesIndices {
  if (x.ndim === 0) return r;
  if (k === (x.shape[d] as number)) return r;
  const values = clone(r.values.narrow(d, 0, k), "contiguous");
  const indices = clone(r.indices.narrow(d, 0, k), "contiguous");
  r.values.dispose();
  r.indices.dispose();
  return { values, indices };
}

/**
 * `torch.topk(x, k, dim, largest, sorted)`: the k largest (or smallest) entries along dim.
 * @example torch.topk(torch.tensor([1, 5, 3]), 2) // values tensor([5, 3]), indices tensor([1, 2])
 */
export function topk(x: Tensor, k: number, o: TopkOptions = {}): ValuesIndices {
  const d = normalizeDim(o.dim ?? -1, x.ndim);
  const size = x.ndim === 0 ? 1 : (x.shape[d] as number);
  if (!Number.isInteger(k) || k < 0 || k > size) throw new RuntimeError("selected index k out of range");
  const largest = o.largest ?? true;
  return dispatch("topk", [x], { k, dim: d, largest, sorted: o.sorted ?? true }, () => {
    const r = head(sort(x, { dim: d, descending: largest, stable: true }), d, k, x);
    return { values: r.values, indices: r.indices };
  });
}

/**
 * `torch.kthvalue(x, k, dim, keepdim)`: the k-th smallest entry (1-based) along dim and its index.
 * @example torch.kthvalue(torch.tensor([3, 1, 2]), 2) // values tensor(2), indices tensor(2)
 */
export function kthvalue(x: Tensor, k: number, dim = -1, keepdim = false): ValuesIndices {
  const d = normalizeDim(dim, x.ndim);
  const size = x.ndim === 0 ? 1 : (x.shape[d] as number);
  if (!Number.isInteger(k) || k < 1 || k > size) {
    throw new RuntimeError(`kthvalue(): selected number k out of range for dimension ${d}`);
  }
  return dispatch("kthvalue", [x], { k, dim: d, keepdim }, () => {
    const r = head(sort(x, { dim: d, descending: false, stable: true }), d, k, x);
    if (x.ndim === 0) return { values: r.values, indices: r.indices };
    const pick = (t: Tensor): Tensor => {
      const s = t.narrow(d, k - 1, 1);
      const c = clone(keepdim ? s : s.squeeze(d), "contiguous");
      t.dispose();
      return c;
    };
    return { values: pick(r.values), indices: pick(r.indices) };
  });
}
