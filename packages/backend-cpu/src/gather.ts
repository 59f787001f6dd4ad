/**
 * gather: `out[p] = a[p with p[axis] = index[p]]`. `a` and `out` share a dtype, so elements move
 * raw (bits, bigints). Indices are validated first; nothing is written when one is out of range.
 */
import type { Operand } from "@typetorch/tensor-core";
import type { AnyArray } from "./dtype-io.js";
import { checkIndices, lowWords } from "./index-check.js";
import { dataOf } from "./operand.js";
import { forEachRow } from "./strided.js";

function gatherRow(o: AnyArray, oi: number, so: number, w: Int32Array, ii: number, si: number, a: AnyArray, ai: number, sa: number, sk: number, n: number): void {
  for (let k = 0; k < n; k++, oi += so, ii += si, ai += sa) o[oi] = a[ai + (w[2 * ii] as number) * sk] as number | bigint;
}
function gatherRowBig(o: AnyArray, oi: number, so: number, idx: BigInt64Array, ii: number, si: number, a: AnyArray, ai: number, sa: number, sk: number, n: number): void {
  for (let k = 0; k < n; k++, oi += so, ii += si, ai += sa) o[oi] = a[ai + Number(idx[ii] as bigint) * sk] as number | bigint;
}

export function gather(out: Operand, a: Operand, index: Operand, axis: number): void {
  const size = a.shape[axis] as number;
  checkIndices(index, size, axis);
  const w = lowWords(index, size);
  const o = dataOf(out) as unknown as AnyArray;
  const src = dataOf(a) as unknown as AnyArray;
  const idx = dataOf(index) as BigInt64Array;
  const sk = a.strides[axis] as number;
  // `a` walked at out's shape: the gathered axis contributes only through the index.
  const aLayout = { strides: a.strides.map((s, d) => (d === axis ? 0 : s)), offset: a.offset };
  forEachRow(out.shape, [out, index, aLayout], (p, n, s) => {
    if (w !== null) gatherRow(o, p[0] as number, s[0] as number, w, p[1] as number, s[1] as number, src, p[2] as number, s[2] as number, sk, n);
    else gatherRowBig(o, p[0] as number, s[0] as number, idx, p[1] as number, s[1] as number, src, p[2] as number, s[2] as number, sk, n);
  });
}
