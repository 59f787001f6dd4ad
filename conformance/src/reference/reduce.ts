/**
 * Reference reduce, argReduce and scan. Floats accumulate in float64 in index order and round to
 * the dtype once at the end; integers accumulate exactly in BigInt and wrap once (wrapping is a
 * ring map, so that equals wrapping each step). Each float result also reports its error scale —
 * the exact value, Σ|terms| and the term count — from which bounds.ts derives a tolerance.
 */
import type { ArgReduceOp, ReduceOp, ScanOp } from "@typetorch/tensor-core";
import { address, linearIndex, multiIndices, numelOf, type RefOperand } from "./layout.js";
import { isFloatDtype, readElement, roundFloat, wrapInt, writeElement, type Value } from "./values.js";

/** Per output element (row-major over out.shape): the unrounded result and its error scale. */
export interface ErrorScale {
  readonly exact: Float64Array;
  readonly absSum: Float64Array;
  readonly count: Float64Array;
}
const newScale = (n: number): ErrorScale => ({
  exact: new Float64Array(n),
  absSum: new Float64Array(n),
  count: new Float64Array(n),
});

/** The elements of `a` that reduce into output multi-index `idx` (reduced axes range fully). */
function* slice(a: RefOperand, idx: readonly number[], axes: readonly number[]): Generator<Value> {
  const sub = axes.map((ax) => a.shape[ax] as number);
  for (const inner of multiIndices(sub)) {
    const full = idx.slice();
    axes.forEach((ax, k) => (full[ax] = inner[k] as number));
    yield readElement(a.dtype, a.data, address(a, full));
  }
}

/** max/min with NaN propagation; a tie keeps the earlier element. */
const pick = (op: "max" | "min", acc: number, x: number): number =>
  acc !== acc ? acc : x !== x ? x : (op === "max" ? x > acc : x < acc) ? x : acc;

export function refReduce(op: ReduceOp, out: RefOperand, a: RefOperand, axes: readonly number[]): ErrorScale {
  const scale = newScale(numelOf(out.shape));
  const float = isFloatDtype(a.dtype);
  for (const idx of multiIndices(out.shape)) {
    const k = linearIndex(out.shape, idx);
    const xs = [...slice(a, idx, axes)];
    let v: Value;
    if (op === "all" || op === "any") {
      const truth = xs.map((x) => (typeof x === "bigint" ? x !== 0n : x !== 0));
      v = (op === "all" ? truth.every(Boolean) : truth.some(Boolean)) ? 1n : 0n;
    } else if (float) {
      const fs = xs as number[];
      // sum starts from +0 (sum of [-0, -0] = +0 in torch); prod from 1; max/min of nothing is refused by the core
      let acc = op === "sum" ? 0 : op === "prod" ? 1 : (fs[0] ?? NaN);
      for (const x of fs) acc = op === "sum" ? acc + x : op === "prod" ? acc * x : pick(op, acc, x);
      scale.exact[k] = acc;
      scale.absSum[k] = op === "sum" ? fs.reduce((s, x) => s + Math.abs(x), 0) : Math.abs(acc);
      scale.count[k] = fs.length;
      v = roundFloat(out.dtype, acc);
    } else {
      const is = xs as bigint[];
      if (op === "sum") v = is.reduce((s, x) => s + x, 0n);
      else if (op === "prod") v = is.reduce((s, x) => s * x, 1n);
      else v = is.reduce((s, x) => ((op === "max" ? x > s : x < s) ? x : s), is[0] ?? 0n);
      v = wrapInt(out.dtype, v); // bool: sum = any, prod = all
    }
    writeElement(out.dtype, out.data, address(out, idx), v);
  }
  return scale;
}

/** Index of the first max/min along `axis`; the first NaN wins (argmax([1, NaN, 2, NaN]) = 1). */
export function refArgReduce(op: ArgReduceOp, out: RefOperand, a: RefOperand, axis: number): void {
  for (const idx of multiIndices(out.shape)) {
    const xs = [...slice(a, idx, [axis])];
    let best = 0;
    for (let i = 1; i < xs.length; i++) {
      const x = xs[i] as Value;
      const b = xs[best] as Value;
      if (typeof b === "number" && b !== b) break;
      const better = typeof x === "number" && x !== x ? true : op === "argmax" ? x > b : x < b;
      if (better) best = i;
    }
    writeElement("int64", out.data, address(out, idx), BigInt(best));
  }
}

/** Inclusive scan; a float scan starts from +0 / 1 (cumsum([-0, -0]) = [+0, +0] in torch). */
export function refScan(op: ScanOp, out: RefOperand, a: RefOperand, axis: number): ErrorScale {
  const scale = newScale(numelOf(out.shape));
  const lines = a.shape.map((s, d) => (d === axis ? 1 : s));
  const n = a.shape[axis] as number;
  for (const start of multiIndices(lines)) {
    let facc = op === "cumsum" ? 0 : 1;
    let fabs = 0;
    let iacc = op === "cumsum" ? 0n : 1n;
    for (let i = 0; i < n; i++) {
      const idx = start.slice();
      idx[axis] = i;
      const x = readElement(a.dtype, a.data, address(a, idx));
      let v: Value;
      if (typeof x === "number") {
        facc = op === "cumsum" ? facc + x : facc * x;
        fabs += Math.abs(x);
        const k = linearIndex(out.shape, idx);
        scale.exact[k] = facc;
        scale.absSum[k] = op === "cumsum" ? fabs : Math.abs(facc);
        scale.count[k] = i + 1;
        v = roundFloat(out.dtype, facc);
      } else {
        iacc = op === "cumsum" ? iacc + x : iacc * x;
        v = wrapInt(out.dtype, iacc);
      }
      writeElement(out.dtype, out.data, address(out, idx), v);
    }
  }
  return scale;
}
