/**
 * scan: inclusive cumsum/cumprod along `axis`. float32/float64 accumulate in float64 and round
 * each output once; float16/bfloat16 accumulate in float32 as PyTorch's CPU kernel does;
 * integers wrap like their dtype (int64 in BigInt).
 */
import type { Operand, ScanOp } from "@typetorch/tensor-core";
import { decoder, encoder, isHalf, type NumArray } from "./dtype-io.js";
import { dataOf, stridesAt } from "./operand.js";
import { specialize } from "./specialize.js";
import { dropAxis, forEachRow } from "./strided.js";

/**
 * One lane of a number-domain or 16-bit scan; mode 0 wraps like int32, 1 rounds to float32
 * after every step (float16/bfloat16), 2 accumulates in float64. Copied per (op, dtype).
 */
function numberLane(
  x: NumArray, i: number, ska: number, y: NumArray, j: number, sko: number, K: number, sum: boolean, mode: number,
  dec: (arr: NumArray, i: number) => number, enc: (x: number) => number,
): void {
  let acc = sum ? 0 : 1;
  for (let k = 0; k < K; k++, i += ska, j += sko) {
    const v = dec(x, i);
    if (mode === 0) acc = sum ? (acc + v) | 0 : Math.imul(acc, v);
    else if (mode === 1) acc = Math.fround(sum ? acc + v : acc * v);
    else acc = sum ? acc + v : acc * v;
    y[j] = enc(acc);
  }
}

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
  const mode = isInt ? 0 : half ? 1 : 2;
  const lane = specialize(numberLane, op, d);
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
      } else lane(src as NumArray, ai, ska, dst as NumArray, oi, sko, K, sum, mode, dec, enc);
    }
  });
}
