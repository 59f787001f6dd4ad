/** fill: every element of `out` becomes `value` (already converted to out.dtype by the core). */
import { numberToBfloat16Bits, numberToFloat16Bits, type Operand, type Scalar } from "@typetorch/tensor-core";
import type { AnyArray } from "./dtype-io.js";
import { dataOf } from "./operand.js";
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

export function fill(out: Operand, value: Scalar): void {
  const v = stored(out, value);
  const data = dataOf(out);
  const dst = data as unknown as AnyArray;
  forEachRow(out.shape, [out], (p, n, s) => {
    let o = p[0] as number;
    const so = s[0] as number;
    if (so === 1) {
      (data as unknown as { fill(v: number | bigint, start: number, end: number): void }).fill(v, o, o + n);
      return;
    }
    for (let k = 0; k < n; k++, o += so) dst[o] = v;
  });
}
