/** where: `out = cond ? a : b`. All three share a dtype, so elements move raw (bits, bigints). */
import type { Operand } from "@typetorch/tensor-core";
import type { AnyArray } from "./dtype-io.js";
import { dataOf, layoutAt } from "./operand.js";
import { forEachRow } from "./strided.js";

export function where(out: Operand, cond: Operand, a: Operand, b: Operand): void {
  const shape = out.shape;
  const o = dataOf(out) as unknown as AnyArray;
  const c = dataOf(cond) as Uint8Array;
  const x = dataOf(a) as unknown as AnyArray;
  const y = dataOf(b) as unknown as AnyArray;
  forEachRow(shape, [out, layoutAt(cond, shape), layoutAt(a, shape), layoutAt(b, shape)], (p, n, s) => {
    let oi = p[0] as number;
    let ci = p[1] as number;
    let ai = p[2] as number;
    let bi = p[3] as number;
    const so = s[0] as number;
    const sc = s[1] as number;
    const sa = s[2] as number;
    const sb = s[3] as number;
    for (let k = 0; k < n; k++, oi += so, ci += sc, ai += sa, bi += sb)
      o[oi] = (c[ci] as number) !== 0 ? (x[ai] as number | bigint) : (y[bi] as number | bigint);
  });
}
