/**
 * sort: every row along `axis` sorted into `values` and int64 `indices`. The CPU sort is always
 * stable (JS's Array.prototype.sort is), which satisfies both settings of `stable`.
 * Keys: int64 rows compare as BigInt (exact), 16-bit floats are decoded, NaN is the largest key
 * and equal to itself, −0 equals +0. Values are moved as raw storage elements (exact bits).
 */
import type { Operand } from "@typetorch/tensor-core";
import { decoder, isHalf, type AnyArray, type NumArray } from "./dtype-io.js";
import { dataOf, stridesAt } from "./operand.js";
import { dropAxis, forEachRow } from "./strided.js";

function numberOrder(keys: Float64Array, descending: boolean): (i: number, j: number) => number {
  return (i, j) => {
    const a = keys[i] as number;
    const b = keys[j] as number;
    let c: number;
    if (a !== a) c = b !== b ? 0 : 1;
    else if (b !== b) c = -1;
    else c = a < b ? -1 : a > b ? 1 : 0;
    return descending ? -c : c;
  };
}

function bigOrder(keys: bigint[], descending: boolean): (i: number, j: number) => number {
  return (i, j) => {
    const a = keys[i] as bigint;
    const b = keys[j] as bigint;
    const c = a < b ? -1 : a > b ? 1 : 0;
    return descending ? -c : c;
  };
}

export function sort(values: Operand, indices: Operand, a: Operand, axis: number, descending: boolean, _stable: boolean): void {
  const shape = a.shape;
  const ax = axis < 0 ? axis + shape.length : axis;
  const K = shape.length === 0 ? 1 : (shape[ax] as number);
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
  const fkeys = new Float64Array(isBig ? 0 : K);
  const bkeys: bigint[] = isBig ? new Array<bigint>(K) : [];
  const order = new Array<number>(K);
  const cmp = isBig ? bigOrder(bkeys, descending) : numberOrder(fkeys, descending);
  const layouts = [
    { strides: dropAxis(aStrides, ax), offset: a.offset },
    { strides: dropAxis(vStrides, ax), offset: values.offset },
    { strides: dropAxis(iStrides, ax), offset: indices.offset },
  ];
  const outer = shape.length === 0 ? [] : dropAxis(shape, ax);
  if (K === 0) return;
  forEachRow(outer, layouts, (p, n, s) => {
    let ai = p[0] as number;
    let vi = p[1] as number;
    let ii = p[2] as number;
    for (let r = 0; r < n; r++, ai += s[0] as number, vi += s[1] as number, ii += s[2] as number) {
      for (let k = 0, i = ai; k < K; k++, i += sk) {
        order[k] = k;
        if (isBig) bkeys[k] = (src as BigInt64Array)[i] as bigint;
        else fkeys[k] = dec ? dec(num, i) : (num[i] as number);
      }
      order.sort(cmp);
      for (let k = 0, v = vi, j = ii; k < K; k++, v += vk, j += ik) {
        const from = order[k] as number;
        dst[v] = src[ai + from * sk] as number | bigint;
        idx[j] = BigInt(from);
      }
    }
  });
}
