/**
 * scan: inclusive cumsum/cumprod along `axis`. float32/float64 accumulate in float64 and round
 * each output once; float16/bfloat16 accumulate in float32 as PyTorch's CPU kernel does;
 * integers wrap like their dtype (int64 in BigInt).
 */
import type { Operand, ScanOp } from "@typetorch/tensor-core";
import { decoder, encoder, isHalf, type NumArray } from "./dtype-io.js";
import { dataOf, stridesAt } from "./operand.js";
import { dropAxis, forEachRow } from "./strided.js";

export function scan(op: ScanOp, out: Operand, a: Operand, axis: number): void {
  const shape = a.shape;
  const d = a.dtype;
  const ax = axis < 0 ? axis + shape.length : axis;
  const K = shape[ax] as number;
  const aStrides = stridesAt(a, shape);
  const oStrides = stridesAt(out, shape);
  const ska = aStrides[ax] as number;
  const sko = oStrides[ax] as number;
  const src = dataOf(a);
  const dst = dataOf(out);
  const sum = op === "cumsum";
  const half = isHalf(d);
  const isInt = d !== "float32" && d !== "float64" && !half;
  const dec = decoder(d);
  const enc = encoder(d);
  const layouts = [
    { strides: dropAxis(oStrides, ax), offset: out.offset },
    { strides: dropAxis(aStrides, ax), offset: a.offset },
  ];
  forEachRow(dropAxis(shape, ax), layouts, (p, n, s) => {
    let oi = p[0] as number;
    let ai = p[1] as number;
    const so = s[0] as number;
    const sa = s[1] as number;
    for (let r = 0; r < n; r++, oi += so, ai += sa) {
      if (d === "int64") {
        const x = src as BigInt64Array;
        const y = dst as BigInt64Array;
        let acc = sum ? 0n : 1n;
        for (let k = 0, i = ai, j = oi; k < K; k++, i += ska, j += sko) {
          acc = BigInt.asIntN(64, sum ? acc + (x[i] as bigint) : acc * (x[i] as bigint));
          y[j] = acc;
        }
      } else if (d === "bool") {
        const x = src as Uint8Array;
        const y = dst as Uint8Array;
        let acc = sum ? 0 : 1;
        for (let k = 0, i = ai, j = oi; k < K; k++, i += ska, j += sko) {
          acc = sum ? acc | (x[i] as number) : acc & (x[i] as number);
          y[j] = acc;
        }
      } else {
        const x = src as NumArray;
        const y = dst as NumArray;
        let acc = sum ? 0 : 1;
        for (let k = 0, i = ai, j = oi; k < K; k++, i += ska, j += sko) {
          const v = dec(x, i);
          if (isInt) acc = sum ? (acc + v) | 0 : Math.imul(acc, v);
          else if (half) acc = Math.fround(sum ? acc + v : acc * v);
          else acc = sum ? acc + v : acc * v;
          y[j] = enc(acc);
        }
      }
    }
  });
}
