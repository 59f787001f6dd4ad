/**
 * unary: elementwise `out = f(a)`. a.dtype is the compute dtype; out.dtype is a.dtype or bool
 * (predicates). float16/bfloat16 widen to float32, compute, and round once on store.
 */
import type { DType, Operand, UnaryOp } from "@typetorch/tensor-core";
import { isHalf, type NumArray } from "./dtype-io.js";
import { contiguousView, narrowInto, unsupported, viewOf, widenToF32, type View } from "./operand.js";
import { kindOf, specialize } from "./specialize.js";
import { forEachRow, numel } from "./strided.js";
import { BOOL_UNARY, FLOAT32_UNARY, FLOAT_UNARY, INT64_UNARY, INT_UNARY, type NumFn1 } from "./unary-ops.js";

function table(d: DType): { readonly [K in UnaryOp]: NumFn1 | null } {
  if (d === "float64") return FLOAT_UNARY;
  if (d === "float32" || isHalf(d)) return FLOAT32_UNARY;
  return d === "bool" ? BOOL_UNARY : INT_UNARY;
}

type Row = (o: NumArray, oi: number, so: number, a: NumArray, ai: number, sa: number, n: number) => void;

const expRow: Row = (o, oi, so, a, ai, sa, n) => {
  if (so === 1 && sa === 1) for (let k = 0; k < n; k++) o[oi + k] = Math.exp(a[ai + k] as number);
  else for (let k = 0; k < n; k++, oi += so, ai += sa) o[oi] = Math.exp(a[ai] as number);
};
const negRow: Row = (o, oi, so, a, ai, sa, n) => {
  for (let k = 0; k < n; k++, oi += so, ai += sa) o[oi] = -(a[ai] as number);
};
// relu and isnan without a data-dependent branch (`x < 0 ? 0 : x` mispredicts on mixed-sign
// data: ~7 ns an element, 10× the loop below). relu on floats ANDs the element's bits with a mask
// that is zero exactly when x < 0: −0 stays −0, NaN stays NaN, as the table's rule; integers take
// the same mask on their values. Float64 elements are two 32-bit words.
const reluBitsRow = (o: Int32Array | Int16Array | Int8Array | Uint8Array, oi: number, so: number, v: NumArray, a: Int32Array | Int16Array | Int8Array | Uint8Array, ai: number, sa: number, n: number): void => {
  for (let k = 0; k < n; k++, oi += so, ai += sa) o[oi] = (a[ai] as number) & (+((v[ai] as number) < 0) - 1);
};
const reluBitsRow64 = (o: Int32Array, oi: number, so: number, v: NumArray, a: Int32Array, ai: number, sa: number, n: number): void => {
  for (let k = 0; k < n; k++, oi += so, ai += sa) {
    const m = +((v[ai] as number) < 0) - 1;
    o[2 * oi] = (a[2 * ai] as number) & m;
    o[2 * oi + 1] = (a[2 * ai + 1] as number) & m;
  }
};
const isnanRow: Row = (o, oi, so, a, ai, sa, n) => {
  for (let k = 0; k < n; k++, oi += so, ai += sa) o[oi] = +((a[ai] as number) !== (a[ai] as number));
};
const words = (x: NumArray): Int32Array => new Int32Array(x.buffer, x.byteOffset, x.byteLength >> 2);

function relu(o: View, a: View, shape: readonly number[]): void {
  const od = o.data as NumArray;
  const ad = a.data as NumArray;
  const float = od instanceof Float32Array || od instanceof Float64Array;
  const ow = float ? words(od) : (od as Int32Array);
  const aw = float ? words(ad) : (ad as Int32Array);
  if (od instanceof Float64Array) {
    const row = specialize(reluBitsRow64, kindOf(ad));
    forEachRow(shape, [o, a], (p, n, s) => row(ow, p[0] as number, s[0] as number, ad, aw, p[1] as number, s[1] as number, n));
    return;
  }
  const row = specialize(reluBitsRow, kindOf(od), kindOf(ad));
  forEachRow(shape, [o, a], (p, n, s) => row(ow, p[0] as number, s[0] as number, ad, aw, p[1] as number, s[1] as number, n));
}

// Every other op: the table function per element, in a copy per (op, dtype, out kind).
function tableRow(f: NumFn1, o: NumArray, oi: number, so: number, a: NumArray, ai: number, sa: number, n: number): void {
  for (let k = 0; k < n; k++, oi += so, ai += sa) o[oi] = f(a[ai] as number);
}

function runNumber(op: UnaryOp, d: DType, shape: readonly number[], o: View, a: View): void {
  const isF = d === "float32" || d === "float64" || isHalf(d);
  const od = o.data as NumArray;
  const ad = a.data as NumArray;
  const fast =
    op === "exp" && isF ? expRow
    : op === "neg" && d !== "bool" ? negRow
    : op === "isnan" ? isnanRow
    : null;
  if (op === "relu" && d !== "bool") return relu(o, a, shape);
  if (fast !== null) {
    const row = specialize(fast, op, d, kindOf(od));
    forEachRow(shape, [o, a], (p, n, s) => row(od, p[0] as number, s[0] as number, ad, p[1] as number, s[1] as number, n));
    return;
  }
  const f = table(d)[op];
  if (f === null) return unsupported(op, d);
  const row = specialize(tableRow, op, d, kindOf(od));
  forEachRow(shape, [o, a], (p, n, s) => row(f, od, p[0] as number, s[0] as number, ad, p[1] as number, s[1] as number, n));
}

function runBigInt(op: UnaryOp, shape: readonly number[], o: View, a: View): void {
  const f = INT64_UNARY[op];
  if (f === null) return unsupported(op, "int64");
  const od = o.data as unknown as { [i: number]: bigint | number };
  const ad = a.data as BigInt64Array;
  forEachRow(shape, [o, a], (p, n, s) => {
    let oi = p[0] as number;
    let ai = p[1] as number;
    const so = s[0] as number;
    const sa = s[1] as number;
    for (let k = 0; k < n; k++, oi += so, ai += sa) od[oi] = f(ad[ai] as bigint);
  });
}

export function unary(op: UnaryOp, out: Operand, a: Operand): void {
  const d = a.dtype;
  const shape = out.shape;
  if (d === "int64") return runBigInt(op, shape, viewOf(out, shape), viewOf(a, shape));
  if (!isHalf(d)) return runNumber(op, d, shape, viewOf(out, shape), viewOf(a, shape));
  const wa = contiguousView(widenToF32(a, shape), shape);
  if (out.dtype === "bool") return runNumber(op, d, shape, viewOf(out, shape), wa);
  const tmp = new Float32Array(numel(shape));
  runNumber(op, d, shape, contiguousView(tmp, shape), wa);
  narrowInto(out, tmp);
}
