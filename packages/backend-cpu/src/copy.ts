/** copy: `out[i] = cast(a[i])`, the only strided write; the cast rules live in dtype-io.ts. */
import type { Operand } from "@typetorch/tensor-core";
import { caster, type AnyArray } from "./dtype-io.js";
import { dataOf, layoutAt } from "./operand.js";
import { forEachRow } from "./strided.js";

export function copy(out: Operand, a: Operand): void {
  const dst = dataOf(out) as unknown as AnyArray;
  const src = dataOf(a) as unknown as AnyArray;
  const conv = caster(a.dtype, out.dtype);
  const la = layoutAt(a, out.shape);
  if (conv === null) {
    const sameBuffer = out.buffer === a.buffer;
    forEachRow(out.shape, [out, la], (p, n, s) => {
      let o = p[0] as number;
      let i = p[1] as number;
      const so = s[0] as number;
      const sa = s[1] as number;
      if (so === 1 && sa === 1) {
        (dataOf(out) as Uint8Array).set((dataOf(a) as Uint8Array).subarray(i, i + n), o);
        return;
      }
      if (sameBuffer && so === sa && o > i) {
        // overlapping forward copy inside one buffer: walk backwards so sources are read first
        o += so * (n - 1);
        i += sa * (n - 1);
        for (let k = 0; k < n; k++, o -= so, i -= sa) dst[o] = src[i] as number | bigint;
        return;
      }
      for (let k = 0; k < n; k++, o += so, i += sa) dst[o] = src[i] as number | bigint;
    });
    return;
  }
  forEachRow(out.shape, [out, la], (p, n, s) => {
    let o = p[0] as number;
    let i = p[1] as number;
    const so = s[0] as number;
    const sa = s[1] as number;
    for (let k = 0; k < n; k++, o += so, i += sa) dst[o] = conv(src[i] as number | bigint);
  });
}
