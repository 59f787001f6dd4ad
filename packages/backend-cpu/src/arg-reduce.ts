/**
 * argReduce: the int64 index of the first maximum/minimum along `axis`. NaN counts as the
 * extreme: the first NaN wins and ends the scan.
 */
import type { ArgReduceOp, Operand } from "@typetorch/tensor-core";
import { decoder, isHalf, type NumArray } from "./dtype-io.js";
import { dataOf, stridesAt } from "./operand.js";
import { specialize } from "./specialize.js";
import { dropAxis, forEachRow } from "./strided.js";

/** The index of the first extreme (or first NaN) in one lane; copied per (op, dtype). */
function numberLane(
  num: NumArray, ai: number, sk: number, K: number, wantMax: boolean, half: boolean,
  dec: (arr: NumArray, i: number) => number,
): number {
  let best = 0;
  let bv = half ? dec(num, ai) : (num[ai] as number);
  for (let k = 1, i = ai + sk; k < K && bv === bv; k++, i += sk) {
    const v = half ? dec(num, i) : (num[i] as number);
    if (v !== v || (wantMax ? v > bv : v < bv)) {
      bv = v;
      best = k;
    }
  }
  return best;
}

export function argReduce(op: ArgReduceOp, out: Operand, a: Operand, axis: number): void {
  const shape = a.shape;
  const ax = axis < 0 ? axis + shape.length : axis;
  const K = shape[ax] as number;
  const aStrides = stridesAt(a, shape);
  const sk = aStrides[ax] as number;
  const o = dataOf(out) as BigInt64Array;
  const raw = dataOf(a);
  const dec = decoder(a.dtype);
  const half = isHalf(a.dtype);
  const num = raw as NumArray;
  const big = raw as BigInt64Array;
  const isBig = a.dtype === "int64";
  const wantMax = op === "argmax";
  const lane = specialize(numberLane, op, a.dtype);
  const outer = dropAxis(shape, ax);
  const oStrides = dropAxis(stridesAt(out, shape), ax);
  forEachRow(outer, [{ strides: oStrides, offset: out.offset }, { strides: dropAxis(aStrides, ax), offset: a.offset }], (p, n, s) => {
    let oi = p[0] as number;
    let ai = p[1] as number;
    const so = s[0] as number;
    const sa = s[1] as number;
    for (let r = 0; r < n; r++, oi += so, ai += sa) {
      let best = 0;
      if (isBig) {
        let bv = big[ai] as bigint;
        for (let k = 1, i = ai + sk; k < K; k++, i += sk) {
          const v = big[i] as bigint;
          if (wantMax ? v > bv : v < bv) {
            bv = v;
            best = k;
          }
        }
      } else if (K > 0) best = lane(num, ai, sk, K, wantMax, half, dec);
      o[oi] = BigInt(best);
    }
  });
}
