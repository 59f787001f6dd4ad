/**
 * sort: every row along `axis` sorted into `values` and int64 `indices`. The CPU sort is always
 * stable (a merge sort), which satisfies both settings of `stable`.
 * Keys: int64 rows compare as BigInt (exact), 16-bit floats are decoded, NaN is the largest key
 * and equal to itself, −0 equals +0. Values are moved as raw storage elements (exact bits).
 *
 * How: NaNs are set aside (they keep their order and go last, or first when descending); the
 * other keys are negated for a descending sort (bitwise NOT for int64, which cannot overflow), so
 * one ascending stable merge sort serves both directions. Keys and positions are merged as pairs
 * of typed arrays: sequential access, several times faster than Array.prototype.sort with a
 * comparator on large rows.
 */
import type { Operand } from "@typetorch/tensor-core";
import { decoder, isHalf, type AnyArray, type NumArray } from "./dtype-io.js";
import { dataOf, stridesAt } from "./operand.js";
import { dropAxis, forEachRow } from "./strided.js";

type Keys = Float64Array | BigInt64Array;
const RUN = 32;

/** Stable ascending sort of `n` (key, position) pairs in (k0, i0); returns the sorted positions. */
function mergeSort(k0: Keys, i0: Int32Array, k1: Keys, i1: Int32Array, n: number): Int32Array {
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const kv = k0[i] as number;
      const iv = i0[i] as number;
      let j = i - 1;
      for (; j >= lo && (k0[j] as number) > kv; j--) {
        k0[j + 1] = k0[j] as number;
        i0[j + 1] = i0[j] as number;
      }
      k0[j + 1] = kv;
      i0[j + 1] = iv;
    }
  }
  let [sk, si, dk, di] = [k0, i0, k1, i1];
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if ((sk[i] as number) > (sk[j] as number)) {
          dk[k] = sk[j] as number;
          di[k++] = si[j++] as number;
        } else {
          dk[k] = sk[i] as number;
          di[k++] = si[i++] as number;
        }
      }
      for (; i < mid; i++, k++) [dk[k], di[k]] = [sk[i] as number, si[i] as number];
      for (; j < hi; j++, k++) [dk[k], di[k]] = [sk[j] as number, si[j] as number];
    }
    [sk, si, dk, di] = [dk, di, sk, si];
  }
  return si;
}

export function sort(values: Operand, indices: Operand, a: Operand, axis: number, descending: boolean, _stable: boolean): void {
  const shape = a.shape;
  const ax = axis < 0 ? axis + shape.length : axis;
  const K = shape.length === 0 ? 1 : (shape[ax] as number);
  if (K === 0) return;
  const aStrides = stridesAt(a, shape);
  const vStrides = stridesAt(values, shape);
  const iStrides = stridesAt(indices, shape);
  const sk = aStrides[ax] ?? 0;
  const vk = vStrides[ax] ?? 0;
  const ik = iStrides[ax] ?? 0;
  const src = dataOf(a) as AnyArray;
  const dst = dataOf(values) as AnyArray;
  const idx = dataOf(indices) as BigInt64Array;
  const isBig = a.dtype === "int64";
  const dec = isHalf(a.dtype) ? decoder(a.dtype) : null;
  const num = dataOf(a) as NumArray;
  const big = dataOf(a) as BigInt64Array;
  const [k0, k1] = isBig ? [new BigInt64Array(K), new BigInt64Array(K)] : [new Float64Array(K), new Float64Array(K)];
  const i0 = new Int32Array(K);
  const i1 = new Int32Array(K);
  const nans = new Int32Array(K);
  const layouts = [
    { strides: dropAxis(aStrides, ax), offset: a.offset },
    { strides: dropAxis(vStrides, ax), offset: values.offset },
    { strides: dropAxis(iStrides, ax), offset: indices.offset },
  ];
  forEachRow(shape.length === 0 ? [] : dropAxis(shape, ax), layouts, (p, n, s) => {
    let ai = p[0] as number;
    let vi = p[1] as number;
    let ii = p[2] as number;
    for (let r = 0; r < n; r++, ai += s[0] as number, vi += s[1] as number, ii += s[2] as number) {
      let m = 0;
      let nanCount = 0;
      for (let k = 0, i = ai; k < K; k++, i += sk) {
        if (isBig) {
          const v = big[i] as bigint;
          (k0 as BigInt64Array)[m] = descending ? ~v : v;
        } else {
          const v = dec ? dec(num, i) : (num[i] as number);
          if (v !== v) {
            nans[nanCount++] = k;
            continue;
          }
          (k0 as Float64Array)[m] = descending ? -v : v;
        }
        i0[m++] = k;
      }
      const sorted = mergeSort(k0, i0, k1, i1, m);
      // Output order: NaNs first when descending, last when ascending; each group in its own order.
      let v = vi;
      let j = ii;
      const emit = (from: number): void => {
        dst[v] = src[ai + from * sk] as number | bigint;
        idx[j] = BigInt(from);
        v += vk;
        j += ik;
      };
      if (descending) for (let k = 0; k < nanCount; k++) emit(nans[k] as number);
      for (let k = 0; k < m; k++) emit(sorted[k] as number);
      if (!descending) for (let k = 0; k < nanCount; k++) emit(nans[k] as number);
    }
  });
}
