/** where: `out = cond ? a : b`. All three share a dtype, so elements move raw (bits, bigints). */
import type { Operand } from "@typetorch/tensor-core";
import type { AnyArray } from "./dtype-io.js";
import { dataOf, layoutAt } from "./operand.js";
import { kindOf, specialize } from "./specialize.js";
import { forEachRow } from "./strided.js";

// One copy per value array kind (specialize.ts); cond is always a Uint8Array.
function whereRow(
  o: AnyArray, oi: number, so: number, c: Uint8Array, ci: number, sc: number,
  x: AnyArray, ai: number, sa: number, y: AnyArray, bi: number, sb: number, n: number,
): void {
  for (let k = 0; k < n; k++, oi += so, ci += sc, ai += sa, bi += sb)
    o[oi] = (c[ci] as number) !== 0 ? (x[ai] as number | bigint) : (y[bi] as number | bigint);
}

export function where(out: Operand, cond: Operand, a: Operand, b: Operand): void {
  const shape = out.shape;
  const o = dataOf(out) as unknown as AnyArray;
  const c = dataOf(cond) as Uint8Array;
  const x = dataOf(a) as unknown as AnyArray;
  const y = dataOf(b) as unknown as AnyArray;
  const row = specialize(whereRow, kindOf(o));
  forEachRow(shape, [out, layoutAt(cond, shape), layoutAt(a, shape), layoutAt(b, shape)], (p, n, s) =>
    row(o, p[0] as number, s[0] as number, c, p[1] as number, s[1] as number,
      x, p[2] as number, s[2] as number, y, p[3] as number, s[3] as number, n),
  );
}
