/**
 * Reference gather and scatter, as the contract states them: every index checked first (an
 * out-of-range one raises PyTorch's IndexError and nothing is written), then plain loops over the
 * index's multi-indices in row-major order. Scatter combines in float64/BigInt and rounds each
 * result to the dtype (float16/bfloat16 through float32), so duplicates accumulate step by step.
 */
import { IndexError, type ScatterOp } from "@typetorch/tensor-core";
import { address, multiIndices, type RefOperand } from "./layout.js";
import { isFloatDtype, readElement, roundFloat, wrapInt, writeElement, type Value } from "./values.js";

/** Validates every index of `index` against `size`, in row-major order (the first bad one is named). */
function checkIndices(index: RefOperand, axis: number, size: number): void {
  for (const p of multiIndices(index.shape)) {
    const i = readElement("int64", index.data, address(index, p)) as bigint;
    if (i < 0n || i >= BigInt(size)) {
      throw new IndexError(`index ${i} is out of bounds for dimension ${axis} with size ${size}`);
    }
  }
}

/** out[p] = a[p with p[axis] = index[p]]; elements copied bit for bit. */
export function refGather(out: RefOperand, a: RefOperand, index: RefOperand, axis: number): void {
  checkIndices(index, axis, a.shape[axis] as number);
  for (const p of multiIndices(out.shape)) {
    const i = Number(readElement("int64", index.data, address(index, p)) as bigint);
    const src = p.map((v, d) => (d === axis ? i : v));
    (out.data as unknown as Value[])[address(out, p)] = (a.data as unknown as Value[])[address(a, src)] as Value;
  }
}

/** One scatter step: the old element combined with the source element, rounded to the dtype. */
function combine(op: ScatterOp, d: RefOperand["dtype"], old: Value, src: Value): Value {
  if (op === "assign") return src;
  if (isFloatDtype(d)) {
    const [x, y] = [old as number, src as number];
    if (op === "add") return roundFloat(d, x + y);
    if (op === "mul") return roundFloat(d, x * y);
    if (x !== x || y !== y) return NaN; // amax/amin propagate NaN
    return op === "amax" ? (y > x ? y : x) : y < x ? y : x;
  }
  const [x, y] = [old as bigint, src as bigint];
  if (op === "add") return wrapInt(d, x + y); // bool: nonzero → 1, i.e. OR
  if (op === "mul") return wrapInt(d, x * y); // bool: AND
  return op === "amax" ? (y > x ? y : x) : y < x ? y : x;
}

/** For every p of index: out[p with p[axis] = index[p]] = op(that, src[p]), in row-major order. */
export function refScatter(op: ScatterOp, out: RefOperand, index: RefOperand, src: RefOperand, axis: number): void {
  checkIndices(index, axis, out.shape[axis] as number);
  for (const p of multiIndices(index.shape)) {
    const i = Number(readElement("int64", index.data, address(index, p)) as bigint);
    const at = address(
      out,
      p.map((v, d) => (d === axis ? i : v)),
    );
    const s = readElement(src.dtype, src.data, address(src, p));
    if (op === "assign") {
      (out.data as unknown as Value[])[at] = (src.data as unknown as Value[])[address(src, p)] as Value;
      continue;
    }
    writeElement(out.dtype, out.data, at, combine(op, out.dtype, readElement(out.dtype, out.data, at), s));
  }
}
