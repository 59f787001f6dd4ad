/**
 * Properties for reduce, argReduce, scan and matmul. Integer results are exact; float results
 * stay within ACCUMULATION's bound (bounds.ts) of the float64 reference, scaled by the term count
 * and Σ|terms|; max/min/all/any and arg-reductions are exact.
 */
import fc from "fast-check";
import { DTYPES, type ArgReduceOp, type DType, type ReduceOp, type ScanOp } from "@typetorch/tensor-core";
import { address, multiIndices, refArgReduce, refMatmul, refReduce, refScan, type ErrorScale, type Value } from "../reference/index.js";
import { isFloatD, sameValue, sameValueAnyZero, withinAccumulation } from "../compare.js";
import { capNumel, shapeArb } from "../arbitraries/layout.js";
import { accumValueArb, edgeValues, valueArb } from "../arbitraries/values.js";
import { describeOperand, fixedOperand, operandArb, show, zeroOperand, type OperandSpec } from "../cases.js";
import { runProperty, type Check } from "../check.js";
import { runCase } from "./run-case.js";

const NON_BOOL = DTYPES.filter((d) => d !== "bool");
const SHAPE = shapeArb({ maxNumel: 120 });

const keptShape = (shape: readonly number[], axes: readonly number[]): number[] =>
  shape.map((s, i) => (axes.includes(i) ? 1 : s));

function acceptAccum(op: "sum" | "prod" | "cumsum" | "cumprod" | "matmul", d: DType, scale: ErrorScale) {
  return (g: Value, e: Value, _idx: readonly number[], k: number): boolean => {
    if (!isFloatD(d)) return sameValue(g, e);
    return withinAccumulation(op, d, g as number, e as number, scale.exact[k] ?? NaN, scale.absSum[k] ?? NaN, scale.count[k] ?? 0);
  };
}

/** A few input elements of the reduced slice, for the report. */
function sliceValues(a: OperandSpec, idx: readonly number[], axes: readonly number[]): string {
  const sub = axes.map((ax) => a.layout.shape[ax] as number);
  const vals: string[] = [];
  for (const inner of multiIndices(sub)) {
    const full = idx.slice();
    axes.forEach((ax, j) => (full[ax] = inner[j] as number));
    vals.push(show(a.base[address(a.layout, full)] as Value));
    if (vals.length >= 12) {
      vals.push("…");
      break;
    }
  }
  return `reduced elements [${vals.join(", ")}] over axes [${axes.join(",")}]`;
}

function reduceCheck(op: ReduceOp, d: DType): Check {
  const name = `reduce/${op}/${d}`;
  const extremum = op === "max" || op === "min";
  const values = op === "sum" ? accumValueArb(d, false) : op === "prod" ? accumValueArb(d, true) : valueArb(d);
  const arb = SHAPE.chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.subarray(shape.map((_, i) => i)).filter((axes) => !extremum || axes.every((ax) => (shape[ax] as number) > 0)),
      operandArb(d, shape, values, { broadcast: true }),
    ).chain(([shape, axes, a]) =>
      operandArb(d, keptShape(shape, axes), valueArb(d), { broadcast: false, contiguous: true }).map((out) => ({ axes, a, out })),
    ),
  );
  return {
    name, family: "reduce", dtypes: [d],
    run: (backend, o) =>
      runProperty(name, "reduce", arb, ({ axes, a, out }) =>
        runCase(backend, {
          title: `reduce ${op} ${d} over axes [${axes.join(",")}]`, names: ["a"], inputs: [a], out,
          run: (be, out, [x]) => be.reduce(op, out, x!, axes),
          ref: (out, [x]) => refReduce(op, out, x!, axes),
          accept: (scale) =>
            op === "sum" || op === "prod" ? acceptAccum(op, d, scale) : extremum ? sameValueAnyZero : (g, e) => sameValue(g, e),
          context: (idx) => sliceValues(a, idx, axes),
        }), o, [reduceEdge(op, d)]),
  };
}

/** Edge example: the dtype's traps in one row, reduced whole (finite ones only for sum/prod, whose order matters). */
function reduceEdge(op: ReduceOp, d: DType): { axes: number[]; a: OperandSpec; out: OperandSpec } {
  let e = edgeValues(d);
  if ((op === "sum" || op === "prod") && isFloatD(d)) e = e.filter((x) => Math.abs(x as number) <= 8);
  return { axes: [0], a: fixedOperand(d, e, [e.length], [1]), out: zeroOperand(d, [1]) };
}

function argReduceCheck(op: ArgReduceOp, d: DType): Check {
  const name = `argReduce/${op}/${d}`;
  const arb = shapeArb({ minDims: 1, maxNumel: 120 }).chain((shape0) => {
    const shape = shape0.map((s, i) => (i === 0 ? Math.max(1, s) : s));
    return fc.nat(shape.length - 1).chain((axis0) => {
      const s = shape.slice();
      s[axis0] = Math.max(1, s[axis0] as number); // the core refuses an empty reduced axis
      const axis = axis0;
      return fc.tuple(
        operandArb(d, s, valueArb(d), { broadcast: true }),
        operandArb("int64", keptShape(s, [axis]), valueArb("int64"), { broadcast: false, contiguous: true }),
      ).map(([a, out]) => ({ axis, a, out }));
    });
  });
  return {
    name, family: "argReduce", dtypes: [d],
    run: (backend, o) =>
      runProperty(name, "argReduce", arb, ({ axis, a, out }) =>
        runCase(backend, {
          title: `argReduce ${op} ${d} along axis ${axis}`, names: ["a"], inputs: [a], out,
          run: (be, out, [x]) => be.argReduce(op, out, x!, axis),
          ref: (out, [x]) => refArgReduce(op, out, x!, axis),
          accept: () => (g, e) => sameValue(g, e),
          context: (idx) => sliceValues(a, idx, [axis]),
        }), o),
  };
}

function scanCheck(op: ScanOp, d: DType): Check {
  const name = `scan/${op}/${d}`;
  const arb = shapeArb({ minDims: 1, minSize: 1, maxNumel: 120 }).chain((shape) =>
    fc.nat(shape.length - 1).chain((axis) =>
      fc.tuple(
        operandArb(d, shape, accumValueArb(d, op === "cumprod"), { broadcast: true }),
        operandArb(d, shape, valueArb(d), { broadcast: false, contiguous: true }),
      ).map(([a, out]) => ({ axis, a, out })),
    ),
  );
  return {
    name, family: "scan", dtypes: [d],
    run: (backend, o) =>
      runProperty(name, "scan", arb, ({ axis, a, out }) =>
        runCase(backend, {
          title: `scan ${op} ${d} along axis ${axis}`, names: ["a"], inputs: [a], out,
          run: (be, out, [x]) => be.scan(op, out, x!, axis),
          ref: (out, [x]) => refScan(op, out, x!, axis),
          accept: (scale) => acceptAccum(op, d, scale),
          context: (idx) => sliceValues(a, idx.map((v, i) => (i === axis ? 0 : v)), [axis]),
        }), o),
  };
}

function matmulCheck(d: DType): Check {
  const name = `matmul/${d}`;
  const dims = fc.tuple(
    fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
    fc.integer({ min: 0, max: 7 }),
    fc.integer({ min: 0, max: 7 }),
    fc.integer({ min: 0, max: 7 }),
  );
  const arb = dims.chain(([batch0, m, k, n]) => {
    const batch = capNumel(batch0, 6);
    return fc.tuple(
      operandArb(d, [...batch, m, k], accumValueArb(d, false), { broadcast: true }),
      operandArb(d, [...batch, k, n], accumValueArb(d, false), { broadcast: true }),
      operandArb(d, [...batch, m, n], valueArb(d), { broadcast: false, contiguous: true }),
    );
  });
  return {
    name, family: "matmul", dtypes: [d],
    run: (backend, o) =>
      runProperty(name, "matmul", arb, ([a, b, out]) =>
        runCase(backend, {
          title: `matmul ${d}`, names: ["a", "b"], inputs: [a, b], out,
          run: (be, out, [x, y]) => be.matmul(out, x!, y!),
          ref: (out, [x, y]) => refMatmul(out, x!, y!),
          accept: (scale) => acceptAccum("matmul", d, scale),
          context: (idx) => `out index [${idx.join(",")}]\n${describeOperand("a", a)}\n${describeOperand("b", b)}`,
        }), o),
  };
}

export function reductionChecks(): Check[] {
  const checks: Check[] = [];
  for (const op of ["sum", "prod", "max", "min"] as const) for (const d of DTYPES) checks.push(reduceCheck(op, d));
  for (const op of ["all", "any"] as const) checks.push(reduceCheck(op, "bool"));
  for (const op of ["argmax", "argmin"] as const) for (const d of DTYPES) checks.push(argReduceCheck(op, d));
  for (const op of ["cumsum", "cumprod"] as const) for (const d of NON_BOOL) checks.push(scanCheck(op, d));
  for (const d of NON_BOOL) checks.push(matmulCheck(d));
  return checks;
}
