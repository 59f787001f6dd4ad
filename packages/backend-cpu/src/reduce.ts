/**
 * reduce: `out` has a's shape with the reduced axes set to 1. One pass over `a` in its own order
 * folds every element into an accumulator laid out like `out` (stride 0 on reduced axes), so any
 * strides and any set of axes take the same path. Floats accumulate in float64 and round once on
 * store; integers wrap like their dtype (int64 in BigInt). Empty extents leave the identity.
 */
import { INT_RANGE, type DType, type Operand, type ReduceOp } from "@typetorch/tensor-core";
import { isHalf, type NumArray } from "./dtype-io.js";
import { dataOf, narrowInto, viewOf, widenToF32, contiguousView, type View } from "./operand.js";
import { kindOf, specialize } from "./specialize.js";
import { contiguousStrides, forEachRow, numel, type Layout } from "./strided.js";

/** Accumulator layout: out's contiguous strides, 0 on reduced axes, iterated at a's shape. */
function accLayout(shape: readonly number[], axes: readonly number[]): Layout {
  const outShape = shape.map((n, d) => (axes.includes(d) ? 1 : n));
  const st = contiguousStrides(outShape).map((s, d) => (axes.includes(d) ? 0 : s));
  return { strides: st, offset: 0 };
}

function identity(op: ReduceOp, d: DType): number {
  const range = INT_RANGE[d];
  switch (op) {
    case "sum":
    case "any":
      return 0;
    case "prod":
    case "all":
      return 1;
    case "max":
      return range && d !== "bool" ? Number(range[0]) : d === "bool" ? 0 : -Infinity;
    case "min":
      return range && d !== "bool" ? Number(range[1]) : d === "bool" ? 1 : Infinity;
  }
}

type Fold = (acc: number, x: number) => number;

function fold(op: ReduceOp, d: DType): Fold {
  const isF = d === "float32" || d === "float64" || isHalf(d);
  switch (op) {
    case "sum":
      return isF ? (s, x) => s + x : d === "bool" ? (s, x) => s | x : (s, x) => (s + x) | 0;
    case "prod":
      return isF ? (s, x) => s * x : d === "bool" ? (s, x) => s & x : Math.imul;
    case "max":
      return (s, x) => (x !== x || x > s ? x : s); // once NaN, nothing is > NaN: it sticks
    case "min":
      return (s, x) => (x !== x || x < s ? x : s);
    case "all":
      return (s, x) => (s !== 0 && x !== 0 ? 1 : 0);
    case "any":
      return (s, x) => (s !== 0 || x !== 0 ? 1 : 0);
  }
}

// Row kernels, each copied per (op, dtype, array kind) by specialize.ts. `across` folds a row
// that runs along a kept axis into the accumulator element-wise; the others fold a row that
// runs along a reduced axis into one value and return it.
function across(f: Fold, acc: Float64Array, ci: number, sc: number, src: NumArray, ai: number, sa: number, n: number): void {
  for (let k = 0; k < n; k++, ci += sc, ai += sa) acc[ci] = f(acc[ci] as number, src[ai] as number);
}
function foldAlong(f: Fold, v: number, src: NumArray, ai: number, sa: number, n: number): number {
  for (let k = 0; k < n; k++, ai += sa) v = f(v, src[ai] as number);
  return v;
}
function maxAlong(_f: Fold, v: number, src: NumArray, ai: number, sa: number, n: number): number {
  for (let k = 0; k < n; k++, ai += sa) {
    const x = src[ai] as number;
    if (x > v || x !== x) v = x;
  }
  return v;
}
function minAlong(_f: Fold, v: number, src: NumArray, ai: number, sa: number, n: number): number {
  for (let k = 0; k < n; k++, ai += sa) {
    const x = src[ai] as number;
    if (x < v || x !== x) v = x;
  }
  return v;
}
/** float64 data: one sequential float64 accumulator (the result is what a plain loop gives). */
function sumAlong(_f: Fold, v: number, src: NumArray, ai: number, sa: number, n: number): number {
  if (sa === 1) for (let k = 0; k < n; k++) v += src[ai + k] as number;
  else for (let k = 0; k < n; k++, ai += sa) v += src[ai] as number;
  return v;
}
/**
 * float32 (and widened float16/bfloat16) data: four float64 accumulators over interleaved
 * elements of a block (of up to BLOCK elements), added pairwise, then added to the running sum. Still float64 accumulation rounded once to the output
 * dtype; the order differs from one sequential float64 sum by far less than a float32 ulp.
 */
function sumAlong4(_f: Fold, v: number, src: NumArray, ai: number, sa: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  if (sa === 1)
    for (; k + 4 <= n; k += 4, ai += 4) {
      s0 += src[ai] as number;
      s1 += src[ai + 1] as number;
      s2 += src[ai + 2] as number;
      s3 += src[ai + 3] as number;
    }
  for (; k < n; k++, ai += sa) s0 += src[ai] as number;
  return v + (s0 + s1 + (s2 + s3));
}

type Along = (f: Fold, v: number, src: NumArray, ai: number, sa: number, n: number) => number;

/**
 * A long row goes to `along` in blocks of 4096: each block is one call, so V8 optimises the
 * kernel as a whole function with full feedback instead of on-stack-replacing one long first call
 * (whose unvisited tail then deoptimised it, leaving sum at ~1.5 GB/s in some processes). Copied
 * per (op, dtype, kind) like the kernels, so the call to `along` stays monomorphic.
 */
function inBlocks(along: Along, f: Fold, v: number, src: NumArray, ai: number, sa: number, n: number): number {
  for (let k = 0; k < n; k += 4096, ai += 4096 * sa) v = along(f, v, src, ai, sa, Math.min(4096, n - k));
  return v;
}

function reduceNumber(op: ReduceOp, d: DType, a: View, shape: readonly number[], axes: readonly number[]): Float64Array {
  const outShape = shape.map((n, i) => (axes.includes(i) ? 1 : n));
  const acc = new Float64Array(numel(outShape)).fill(identity(op, d));
  const src = a.data as NumArray;
  const f = fold(op, d);
  const isF = d === "float32" || d === "float64" || isHalf(d);
  const alongFn =
    op === "max" ? maxAlong
    : op === "min" ? minAlong
    : op === "sum" && isF ? (d === "float64" ? sumAlong : sumAlong4)
    : foldAlong;
  const along = specialize(alongFn, op, d, kindOf(src));
  const acrossRow = specialize(across, op, d, kindOf(src));
  const blocks = specialize(inBlocks, op, d, kindOf(src));
  forEachRow(shape, [accLayout(shape, axes), a], (p, n, s) => {
    const ci = p[0] as number;
    if (s[0] !== 0) acrossRow(f, acc, ci, s[0] as number, src, p[1] as number, s[1] as number, n);
    else acc[ci] = blocks(along, f, acc[ci] as number, src, p[1] as number, s[1] as number, n);
  });
  return acc;
}

function reduceBigInt(op: ReduceOp, a: View, shape: readonly number[], axes: readonly number[]): (bigint | number)[] {
  const outShape = shape.map((n, i) => (axes.includes(i) ? 1 : n));
  const range = INT_RANGE.int64 as readonly [bigint, bigint];
  const init: bigint = op === "prod" || op === "all" ? 1n : op === "max" ? range[0] : op === "min" ? range[1] : 0n;
  const acc = new Array<bigint>(numel(outShape)).fill(init);
  const src = a.data as BigInt64Array;
  const f: (s: bigint, x: bigint) => bigint =
    op === "sum" ? (s, x) => s + x
    : op === "prod" ? (s, x) => BigInt.asIntN(64, s * x)
    : op === "max" ? (s, x) => (x > s ? x : s)
    : op === "min" ? (s, x) => (x < s ? x : s)
    : op === "all" ? (s, x) => (s !== 0n && x !== 0n ? 1n : 0n)
    : (s, x) => (s !== 0n || x !== 0n ? 1n : 0n);
  forEachRow(shape, [accLayout(shape, axes), a], (p, n, s) => {
    let ci = p[0] as number;
    let ai = p[1] as number;
    const sc = s[0] as number;
    const sa = s[1] as number;
    for (let k = 0; k < n; k++, ci += sc, ai += sa) acc[ci] = f(acc[ci] as bigint, src[ai] as bigint);
  });
  return op === "all" || op === "any" ? acc.map(Number) : acc;
}

export function reduce(op: ReduceOp, out: Operand, a: Operand, axes: readonly number[]): void {
  const shape = a.shape;
  const d = a.dtype;
  const ax = axes.map((x) => (x < 0 ? x + shape.length : x));
  if (d === "int64") {
    const acc = reduceBigInt(op, viewOf(a, shape), shape, ax);
    const o = dataOf(out) as unknown as { [i: number]: bigint | number };
    forEachRow(out.shape, [{ strides: contiguousStrides(out.shape), offset: 0 }, out], (p, n, s) => {
      let v = p[0] as number;
      let oi = p[1] as number;
      const so = s[1] as number;
      for (let k = 0; k < n; k++, v++, oi += so) o[oi] = acc[v] as bigint | number;
    });
    return;
  }
  const av = isHalf(d) ? contiguousView(widenToF32(a, shape), shape) : viewOf(a, shape);
  const acc = reduceNumber(op, d, av, shape, ax);
  narrowInto(out, acc);
}
