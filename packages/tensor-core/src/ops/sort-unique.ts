/**
 * `unique`: its result size depends on the data. Without `dim` the values are sorted on the device
 * (the `sort` primitive), then the sorted values and their positions are read once — synchronously
 * on a device with sync reads, or with `uniqueAsync` on any device through `backend.read`, without
 * blocking — and adjacent equal values are grouped on the host; results are written back to the
 * device. With `dim`, whole slices are read and sorted lexicographically on the host.
 *
 * Order and equality follow `sort`: NaN is the largest value and, as in PyTorch, NaNs are never
 * equal to each other, so each NaN is its own entry (PyTorch 1.13 reports their counts as 0,
 * which is a PyTorch bug; here each NaN counts 1). `sorted: false` still returns sorted values —
 * PyTorch allows any order there. With `dim`, whole slices are compared lexicographically.
 */
import type { DType, StorageArray } from "../dtype.js";
import { makeStorageArray } from "../dtype.js";
import { bfloat16BitsToNumber, float16BitsToNumber } from "../float16.js";
import { normalizeDim } from "../shape.js";
import { Tensor } from "../tensor.js";
import { getBackend } from "../device.js";
import { dispatch } from "../dispatch.js";
import { toArray, toArraySync } from "../read.js";
import { sort } from "./sort.js";

export interface UniqueOptions {
  sorted?: boolean;
  returnInverse?: boolean;
  returnCounts?: boolean;
  dim?: number | null;
}
/** PyTorch's tuple: `[output]` plus `inverse` and/or `counts` in that order when requested. */
export type UniqueResult = Tensor | Tensor[];
/** Options asking for the values only: `unique` returns a Tensor. */
export type UniqueValuesOptions = UniqueOptions & { returnInverse?: false; returnCounts?: false };
/** Options asking for inverse indices and/or counts: `unique` returns PyTorch's tuple as an array. */
export type UniqueTupleOptions = UniqueOptions & ({ returnInverse: true } | { returnCounts: true });

type Key = number | bigint;
function keysOf(data: StorageArray, dtype: DType): Key[] {
  const n = data.length;
  const out = new Array<Key>(n);
  for (let i = 0; i < n; i++) {
    const v = data[i] as number | bigint;
    out[i] = dtype === "float16" ? float16BitsToNumber(v as number) : dtype === "bfloat16" ? bfloat16BitsToNumber(v as number) : v;
  }
  return out;
}
/** Sort order (NaN largest); `same` is equality, under which NaN is never equal. */
const order = (a: Key, b: Key): number => {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
};
const same = (a: Key, b: Key): boolean => a === b;

interface Grouping {
  /** Row of the data (as read) holding each group's representative, in sorted order. */
  reps: number[];
  inverse: number[];
  counts: number[];
}

/**
 * Groups the data's rows (of `width` keys) visited in sorted order: `sorted[k]` is the k-th row;
 * adjacent equal rows merge; the k-th visited row is input entry `entry(k)` (for the inverse).
 */
function groupSorted(keys: Key[], width: number, sorted: readonly number[], entry: (k: number) => number): Grouping {
  const eq = (i: number, j: number): boolean => {
    for (let k = 0; k < width; k++) if (!same(keys[i * width + k] as Key, keys[j * width + k] as Key)) return false;
    return true;
  };
  const reps: number[] = [];
  const counts: number[] = [];
  const inverse = new Array<number>(sorted.length);
  sorted.forEach((r, k) => {
    if (k === 0 || !eq(sorted[k - 1] as number, r)) {
      reps.push(r);
      counts.push(0);
    }
    counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
    inverse[entry(k)] = reps.length - 1;
  });
  return { reps, inverse, counts };
}

/** Host sort of rows, lexicographic by `order` (used for `dim`, where rows are whole slices). */
function sortRows(keys: Key[], rows: number, width: number): number[] {
  const cmp = (i: number, j: number): number => {
    for (let k = 0; k < width; k++) {
      const c = order(keys[i * width + k] as Key, keys[j * width + k] as Key);
      if (c !== 0) return c;
    }
    return 0;
  };
  return Array.from({ length: rows }, (_, i) => i).sort(cmp);
}

function int64Tensor(values: readonly number[], shape: readonly number[], x: Tensor): Tensor {
  const t = Tensor._empty(shape, "int64", x.device);
  getBackend(x.device).write(t._storage.buffer, "int64", BigInt64Array.from(values, (v) => BigInt(v)), 0);
  return t;
}

/**
 * What must be read: without `dim`, the flattened input sorted on the device by the `sort`
 * primitive (values and their positions); with `dim`, the input with `dim` moved first.
 */
function prepare(x: Tensor, o: UniqueOptions): { data: Tensor; positions: Tensor | null } {
  if (o.dim === undefined || o.dim === null) {
    const r = sort(x.flatten(), { dim: 0, descending: false, stable: true });
    return { data: r.values, positions: r.indices };
  }
  return { data: x.movedim(normalizeDim(o.dim, x.ndim), 0), positions: null };
}

function build(x: Tensor, moved: Tensor, data: StorageArray, positions: StorageArray | null, o: UniqueOptions): UniqueResult {
  const d = o.dim === undefined || o.dim === null ? null : normalizeDim(o.dim, x.ndim);
  const rows = d === null ? x.numel() : (x.shape[d] as number);
  const width = rows === 0 ? 0 : moved.numel() / rows;
  const keys = keysOf(data, x.dtype);
  let g: Grouping;
  if (positions !== null) {
    const pos = positions as BigInt64Array;
    g = groupSorted(keys, 1, Array.from({ length: rows }, (_, k) => k), (k) => Number(pos[k]));
  } else {
    const sorted = sortRows(keys, rows, width);
    g = groupSorted(keys, width, sorted, (k) => sorted[k] as number);
  }
  const vals = makeStorageArray(x.dtype, g.reps.length * width);
  g.reps.forEach((r, k) => {
    for (let j = 0; j < width; j++) (vals as { [i: number]: number | bigint })[k * width + j] = data[r * width + j] as number | bigint;
  });
  const shape = d === null ? [g.reps.length] : [g.reps.length, ...moved.shape.slice(1)];
  const out = Tensor._empty(shape, x.dtype, x.device);
  if (vals.length > 0) getBackend(x.device).write(out._storage.buffer, x.dtype, vals, 0);
  const values = d === null ? out : out.movedim(0, d).contiguous();
  if (!o.returnInverse && !o.returnCounts) return values;
  const result = [values];
  if (o.returnInverse) result.push(int64Tensor(g.inverse, d === null ? x.shape : [rows], x));
  if (o.returnCounts) result.push(int64Tensor(g.counts, [g.counts.length], x));
  return result;
}

/**
 * `torch.unique(x, { sorted, returnInverse, returnCounts, dim })`: the distinct values (or
 * slices along `dim`), sorted. Needs a device with synchronous reads; `uniqueAsync` works anywhere.
 * @example torch.unique(torch.tensor([2, 1, 2])) // tensor([1, 2])
 */
export function unique(x: Tensor, o: UniqueOptions = {}): UniqueResult {
  return dispatch("unique", [x], { ...o }, () => {
    const { data, positions } = prepare(x, o);
    try {
      return build(x, data, toArraySync(data), positions === null ? null : toArraySync(positions), o);
    } finally {
      data.dispose();
      positions?.dispose();
    }
  });
}

/** `await torch.uniqueAsync(x, options)`: `unique` on any device; reads with `backend.read`. */
export async function uniqueAsync(x: Tensor, o: UniqueOptions = {}): Promise<UniqueResult> {
  const { data, positions } = prepare(x, o);
  try {
    const [values, pos] = await Promise.all([toArray(data), positions === null ? null : toArray(positions)]);
    return dispatch("unique", [x], { ...o }, () => build(x, data, values, pos, o));
  } finally {
    data.dispose();
    positions?.dispose();
  }
}
