/**
 * scatter: `out[p with p[axis] = index[p]] op= src[p]` over the positions p of `index`, in
 * row-major order. All indices are validated before the first write. Arithmetic follows the
 * dtype: float16/bfloat16 compute in float32 and round per element (as PyTorch's CPU kernel),
 * int64 in BigInt with wrap-around, narrower ints wrap on store, bool add/mul are OR/AND.
 */
import type { DType, Operand, ScatterOp } from "@typetorch/tensor-core";
import { decoder, encoder, isHalf, type AnyArray, type NumArray } from "./dtype-io.js";
import { checkIndices, indexReader } from "./index-check.js";
import { dataOf } from "./operand.js";
import { forEachRow } from "./strided.js";

type Combine<T> = (old: T, v: T) => T;

const NUM: Record<Exclude<ScatterOp, "assign">, Combine<number>> = {
  add: (x, v) => x + v,
  mul: (x, v) => x * v,
  amax: (x, v) => (x !== x ? x : v !== v || v > x ? v : x),
  amin: (x, v) => (x !== x ? x : v !== v || v < x ? v : x),
};
const BIG: Record<Exclude<ScatterOp, "assign">, Combine<bigint>> = {
  add: (x, v) => BigInt.asIntN(64, x + v),
  mul: (x, v) => BigInt.asIntN(64, x * v),
  amax: (x, v) => (v > x ? v : x),
  amin: (x, v) => (v < x ? v : x),
};
const BOOL: Record<Exclude<ScatterOp, "assign">, Combine<number>> = {
  add: (x, v) => x | v,
  mul: (x, v) => x & v,
  amax: (x, v) => x | v,
  amin: (x, v) => x & v,
};
// int8/16/32/uint8 products can pass 2^53 before the store wraps them: multiply modulo 2^32.
const INT_MUL: Combine<number> = (x, v) => Math.imul(x, v);

function combiner(op: Exclude<ScatterOp, "assign">, d: DType): Combine<number> {
  if (d === "bool") return BOOL[op];
  if (op === "mul" && d !== "float32" && d !== "float64" && !isHalf(d)) return INT_MUL;
  return NUM[op];
}

export function scatter(op: ScatterOp, out: Operand, index: Operand, src: Operand, axis: number): void {
  const size = out.shape[axis] as number;
  checkIndices(index, size, axis);
  const o = dataOf(out);
  const v = dataOf(src);
  const at = indexReader(index, size);
  const sk = out.strides[axis] as number;
  const oLayout = { strides: out.strides.map((s, d) => (d === axis ? 0 : s)), offset: out.offset };
  const layouts = [index, { strides: src.strides, offset: src.offset }, oLayout];
  const d = out.dtype;
  if (op === "assign") {
    const oa = o as unknown as AnyArray;
    const va = v as unknown as AnyArray;
    forEachRow(index.shape, layouts, (p, n, s) => {
      let ii = p[0] as number;
      let vi = p[1] as number;
      let oi = p[2] as number;
      for (let k = 0; k < n; k++, ii += s[0] as number, vi += s[1] as number, oi += s[2] as number)
        oa[oi + at(ii) * sk] = va[vi] as number | bigint;
    });
    return;
  }
  if (d === "int64") {
    const f = BIG[op];
    const oa = o as BigInt64Array;
    const va = v as BigInt64Array;
    forEachRow(index.shape, layouts, (p, n, s) => {
      let ii = p[0] as number;
      let vi = p[1] as number;
      let oi = p[2] as number;
      for (let k = 0; k < n; k++, ii += s[0] as number, vi += s[1] as number, oi += s[2] as number) {
        const t = oi + at(ii) * sk;
        oa[t] = f(oa[t] as bigint, va[vi] as bigint);
      }
    });
    return;
  }
  const f = combiner(op, d);
  const dec = decoder(d);
  const enc = encoder(d);
  const oa = o as NumArray;
  const va = v as NumArray;
  forEachRow(index.shape, layouts, (p, n, s) => {
    let ii = p[0] as number;
    let vi = p[1] as number;
    let oi = p[2] as number;
    for (let k = 0; k < n; k++, ii += s[0] as number, vi += s[1] as number, oi += s[2] as number) {
      const t = oi + at(ii) * sk;
      oa[t] = enc(f(dec(oa, t), dec(va, vi)));
    }
  });
}
