/**
 * `unique`: its result size depends on the data, so the values are read once (synchronously on a
 * device with sync reads, or with `uniqueAsync` on any device through `backend.read`, without
 * blocking) and the grouping runs on the host; the results are written back to the device.
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
  /** Row index (into the moved layout) of each group's representative, in sorted order. */
  reps: number[];
  inverse: number[];
  counts: number[];
}

function group(keys: Key[], rows: number, width: number): Grouping {
  const cmp = (i: number, j: number): number => {
    for (let k = 0; k < width; k++) {
      const c = order(keys[i * width + k] as Key, keys[j * width + k] as Key);
      if (c !== 0) return c;
    }
    return 0;
  };
  const eq = (i: number, j: number): boolean => {
    for (let k = 0; k < width; k++) if (!same(keys[i * width + k] as Key, keys[j * width + k] as Key)) return false;
    return true;
  };
  const idx = Array.from({ length: rows }, (_, i) => i).sort(cmp);
  const reps: number[] = [];
  const counts: number[] = [];
  const inverse = new Array<number>(rows);
  idx.forEach((r, k) => {
    if (k === 0 || !eq(idx[k - 1] as number, r)) {
      reps.push(r);
      counts.push(0);
    }
    counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
    inverse[r] = reps.length - 1;
  });
  return { reps, inverse, counts };
}

function int64Tensor(values: readonly number[], shape: readonly number[], x: Tensor): Tensor {
  const t = Tensor._empty(shape, "int64", x.device);
  getBackend(x.device).write(t._storage.buffer, "int64", BigInt64Array.from(values, (v) => BigInt(v)), 0);
  return t;
}

function build(x: Tensor, moved: Tensor, data: StorageArray, o: UniqueOptions): UniqueResult {
  const d = o.dim === undefined || o.dim === null ? null : normalizeDim(o.dim, x.ndim);
  const rows = d === null ? x.numel() : (x.shape[d] as number);
  const width = rows === 0 ? 0 : moved.numel() / rows;
  const g = group(keysOf(data, x.dtype), rows, width);
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

const movedOf = (x: Tensor, o: UniqueOptions): Tensor =>
  o.dim === undefined || o.dim === null ? x : x.movedim(normalizeDim(o.dim, x.ndim), 0);

/**
 * `torch.unique(x, { sorted, returnInverse, returnCounts, dim })`: the distinct values (or
 * slices along `dim`), sorted. Needs a device with synchronous reads; `uniqueAsync` works anywhere.
 * @example torch.unique(torch.tensor([2, 1, 2])) // tensor([1, 2])
 */
export function unique(x: Tensor, o: UniqueOptions = {}): UniqueResult {
  return dispatch("unique", [x], { ...o }, () => {
    const moved = movedOf(x, o);
    return build(x, moved, toArraySync(moved), o);
  });
}

/** `await torch.uniqueAsync(x, options)`: `unique` on any device; reads with `backend.read`. */
export async function uniqueAsync(x: Tensor, o: UniqueOptions = {}): Promise<UniqueResult> {
  const moved = movedOf(x, o);
  const data = await toArray(moved);
  return dispatch("unique", [x], { ...o }, () => build(x, moved, data, o));
}
