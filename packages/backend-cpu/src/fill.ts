/** fill: every element of `out` becomes `value` (already converted to out.dtype by the core). */
import { numberToBfloat16Bits, numberToFloat16Bits, type Operand, type Scalar } from "@typetorch/tensor-core";
import type { AnyArray } from "./dtype-io.js";
import { dataOf } from "./operand.js";
import { kindOf, specialize } from "./specialize.js";
import { forEachRow } from "./strided.js";

function stored(out: Operand, value: Scalar): number | bigint {
  switch (out.dtype) {
    case "int64":
      return typeof value === "bigint" ? value : BigInt(Math.trunc(Number(value)));
    case "bool":
      return Number(value) !== 0 || (typeof value === "number" && value !== value) ? 1 : 0;
    case "float16":
      return numberToFloat16Bits(Number(value));
    case "bfloat16":
      return numberToBfloat16Bits(Number(value));
    default:
      return Number(value);
  }
}

// Strided rows, one copy per array kind (specialize.ts); contiguous rows use TypedArray.fill.
function fillRow(dst: AnyArray, o: number, so: number, n: number, v: number | bigint): void {
  if (so === 1) (dst as unknown as { fill(v: number | bigint, start: number, end: number): void }).fill(v, o, o + n);
  else for (let k = 0; k < n; k++, o += so) dst[o] = v;
}

export function fill(out: Operand, value: Scalar): void {
  const v = stored(out, value);
  const dst = dataOf(out) as unknown as AnyArray;
  const row = specialize(fillRow, kindOf(dst));
  forEachRow(out.shape, [out], (p, n, s) => row(dst, p[0] as number, s[0] as number, n, v));
}
