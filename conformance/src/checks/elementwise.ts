/**
 * Properties for copy/cast, fill, unary, binary and where: every op over every dtype it accepts,
 * inputs in random strided layouts (stride-0 broadcast included), outputs of copy/fill strided.
 */
import fc from "fast-check";
import {
  BINARY_OPS, DTYPES, INT_RANGE, UNARY_OPS,
  type BinaryOp, type DType, type UnaryOp,
} from "@typetorch/tensor-core";
import { EXACT_FLOAT_BINARY, EXACT_FLOAT_UNARY, address, readElement, refBinary, refCopy, refFill, refUnary, refWhere, type Value } from "../reference/index.js";
import { BINARY_ULPS, UNARY_ULPS } from "../bounds.js";
import { isFloatD, sameValue, sameValueAnyZero, ulpDistance } from "../compare.js";
import { shapeArb } from "../arbitraries/layout.js";
import { edgeValues, valueArb } from "../arbitraries/values.js";
import { describeInputsAt, fixedOperand, operandArb, show, zeroOperand, type OperandSpec } from "../cases.js";
import { runProperty, type Check } from "../check.js";
import { runCase } from "./run-case.js";

const FLOATS: readonly DType[] = ["float16", "bfloat16", "float32", "float64"];
const INTS: readonly DType[] = ["uint8", "int8", "int16", "int32", "int64"];
const SHAPE = shapeArb({ maxNumel: 96 });

/** The dtypes the core sends a unary op with (see UNARY_OPS rules). */
export function unaryDtypes(op: UnaryOp): readonly DType[] {
  const rule = UNARY_OPS[op];
  if (rule === "float") return FLOATS;
  if (rule === "int-only") return ["bool", ...INTS];
  if (rule === "no-bool") return DTYPES.filter((d) => d !== "bool");
  return DTYPES;
}

/** The dtypes the core sends a binary op with: bool only for add/mul/maximum/minimum and predicates. */
export function binaryDtypes(op: BinaryOp): readonly DType[] {
  const rule = BINARY_OPS[op];
  if (rule === "float") return FLOATS;
  if (rule === "bool") return DTYPES;
  if (op === "leftShift" || op === "rightShift") return INTS;
  if (rule === "int-only") return ["bool", ...INTS];
  if (op === "add" || op === "mul" || op === "maximum" || op === "minimum") return DTYPES;
  return [...INTS, ...FLOATS];
}

const outDtype = (rule: string, d: DType): DType => (rule === "bool" ? "bool" : d);

const exactAccept = (got: Value, exp: Value): boolean => sameValue(got, exp);

const DIVISION: ReadonlySet<BinaryOp> = new Set<BinaryOp>(["truncDiv", "floorDiv", "remainder", "fmod"]);

/** Integer division never sees a zero divisor (the core raises) nor INT_MIN / −1 (PyTorch traps). */
function sanitize(op: BinaryOp, d: DType, side: "a" | "b"): (x: Value) => Value {
  if (!DIVISION.has(op) || !INTS.includes(d)) return (x) => x;
  const min = (INT_RANGE[d] as readonly [bigint, bigint])[0];
  if (side === "b") return (x) => (x === 0n ? 1n : x);
  return d === "int32" || d === "int64" ? (x) => (x === min ? min + 1n : x) : (x) => x;
}
const binaryValues = (op: BinaryOp, d: DType, side: "a" | "b"): fc.Arbitrary<Value> => valueArb(d).map(sanitize(op, d, side));

/** Edge example of a unary op: every trap value of `d` in a row. */
function unaryEdge(d: DType, od: DType): [OperandSpec, OperandSpec] {
  const e = edgeValues(d);
  return [fixedOperand(d, e, [e.length], [1]), zeroOperand(od, [e.length])];
}

/** Edge example of a binary op: a as a column, b as a row (stride 0 both), so out holds every pair. */
function binaryEdge(op: BinaryOp, d: DType, od: DType): [OperandSpec, OperandSpec, OperandSpec] {
  const e = edgeValues(d);
  const n = e.length;
  return [
    fixedOperand(d, e.map(sanitize(op, d, "a")), [n, n], [1, 0]),
    fixedOperand(d, e.map(sanitize(op, d, "b")), [n, n], [0, 1]),
    zeroOperand(od, [n, n]),
  ];
}

function unaryCheck(op: UnaryOp, d: DType): Check {
  const name = `unary/${op}/${d}`;
  const od = outDtype(UNARY_OPS[op], d);
  const bound = isFloatD(d) && !EXACT_FLOAT_UNARY.has(op) ? UNARY_ULPS[op]?.[d] : undefined;
  const accept = (g: Value, e: Value): boolean =>
    bound !== undefined && isFloatD(od) ? ulpDistance(od, g as number, e as number) <= bound : exactAccept(g, e);
  const arb = SHAPE.chain((shape) =>
    fc.tuple(
      operandArb(d, shape, valueArb(d), { broadcast: true }),
      operandArb(od, shape, valueArb(od), { broadcast: false, contiguous: true }),
    ),
  );
  return {
    name, family: "unary", dtypes: [d],
    run: (backend, o) =>
      runProperty(name, "unary", arb, ([a, out]) =>
        runCase(backend, {
          title: `unary ${op} ${d} → ${od}${bound !== undefined ? ` (bound ${bound} ULP)` : ""}`,
          names: ["a"], inputs: [a], out,
          run: (be, out, [x]) => be.unary(op, out, x!),
          ref: (out, [x]) => refUnary(op, out, x!),
          accept: () => accept,
          context: (idx) => describeInputsAt(["a"], [a], idx),
        }), o, [unaryEdge(d, od)]),
  };
}

function binaryCheck(op: BinaryOp, d: DType): Check {
  const name = `binary/${op}/${d}`;
  const od = outDtype(BINARY_OPS[op], d);
  const bound = isFloatD(d) && !EXACT_FLOAT_BINARY.has(op) ? BINARY_ULPS[op]?.[d] : undefined;
  const tie = op === "maximum" || op === "minimum" ? sameValueAnyZero : exactAccept;
  const accept = (g: Value, e: Value): boolean =>
    bound !== undefined && isFloatD(od) ? ulpDistance(od, g as number, e as number) <= bound : tie(g, e);
  const arb = SHAPE.chain((shape) =>
    fc.tuple(
      operandArb(d, shape, binaryValues(op, d, "a"), { broadcast: true }),
      operandArb(d, shape, binaryValues(op, d, "b"), { broadcast: true }),
      operandArb(od, shape, valueArb(od), { broadcast: false, contiguous: true }),
    ),
  );
  // torch 1.13's float16/bfloat16 floor_divide rounds its steps to 16 bits or to float32 depending on the tensor's length: accept both
  const twoPaths = op === "floorDiv" && (d === "float16" || d === "bfloat16");
  return {
    name, family: "binary", dtypes: [d],
    run: (backend, o) =>
      runProperty(name, "binary", arb, ([a, b, out]) =>
        runCase(backend, {
          title: `binary ${op} ${d} → ${od}${bound !== undefined ? ` (bound ${bound} ULP)` : ""}`,
          names: ["a", "b"], inputs: [a, b], out,
          run: (be, out, [x, y]) => be.binary(op, out, x!, y!),
          ref: (out, [x, y]) => {
            refBinary(op, out, x!, y!);
            if (!twoPaths) return null;
            const alt = { ...out, data: out.data.slice() as typeof out.data };
            refBinary(op, alt, x!, y!, "float32");
            return alt;
          },
          accept: (alt) =>
            alt === null
              ? accept
              : (g, e, idx) => accept(g, e) || accept(g, readElement(od, alt.data, address(alt, idx))),
          context: (idx) => describeInputsAt(["a", "b"], [a, b], idx),
        }), o, [binaryEdge(op, d, od)]),
  };
}

function copyCheck(from: DType, to: DType): Check {
  const name = `copy/${from}->${to}`;
  const arb = SHAPE.chain((shape) =>
    fc.tuple(
      operandArb(from, shape, valueArb(from), { broadcast: true }),
      operandArb(to, shape, valueArb(to), { broadcast: false }),
    ),
  );
  return {
    name, family: "copy", dtypes: [from, to],
    run: (backend, o) =>
      runProperty(name, "copy", arb, ([a, out]) =>
        runCase(backend, {
          title: `copy ${from} → ${to}`, names: ["a"], inputs: [a], out,
          run: (be, out, [x]) => be.copy(out, x!),
          ref: (out, [x]) => refCopy(out, x!),
          accept: () => exactAccept,
          context: (idx) => describeInputsAt(["a"], [a], idx),
        }), o, [unaryEdge(from, to)]),
  };
}

/** The scalar the core passes to fill: castScalar's result (bool 0/1, int64 bigint, else number). */
function fillValueArb(d: DType): fc.Arbitrary<number | bigint> {
  if (d === "int64") return valueArb(d) as fc.Arbitrary<bigint>;
  if (isFloatD(d)) return valueArb("float64") as fc.Arbitrary<number>;
  return valueArb(d).map((v) => Number(v));
}

function fillCheck(d: DType): Check {
  const name = `fill/${d}`;
  const arb = SHAPE.chain((shape) => fc.tuple(operandArb(d, shape, valueArb(d), { broadcast: false }), fillValueArb(d)));
  return {
    name, family: "fill", dtypes: [d],
    run: (backend, o) =>
      runProperty(name, "fill", arb, ([out, value]) =>
        runCase(backend, {
          title: `fill ${d} with ${show(value)}`, names: [], inputs: [], out,
          run: (be, out) => be.fill(out, value),
          ref: (out) => refFill(out, value),
          accept: () => exactAccept,
          context: () => `value ${show(value)}`,
        }), o),
  };
}

function whereCheck(d: DType): Check {
  const name = `where/${d}`;
  const arb = SHAPE.chain((shape) =>
    fc.tuple(
      operandArb("bool", shape, valueArb("bool"), { broadcast: true }),
      operandArb(d, shape, valueArb(d), { broadcast: true }),
      operandArb(d, shape, valueArb(d), { broadcast: true }),
      operandArb(d, shape, valueArb(d), { broadcast: false, contiguous: true }),
    ),
  );
  return {
    name, family: "where", dtypes: [d],
    run: (backend, o) =>
      runProperty(name, "where", arb, ([c, a, b, out]: [OperandSpec, OperandSpec, OperandSpec, OperandSpec]) =>
        runCase(backend, {
          title: `where ${d}`, names: ["cond", "a", "b"], inputs: [c, a, b], out,
          run: (be, out, [x, y, z]) => be.where(out, x!, y!, z!),
          ref: (out, [x, y, z]) => refWhere(out, x!, y!, z!),
          accept: () => exactAccept,
          context: (idx) => describeInputsAt(["cond", "a", "b"], [c, a, b], idx),
        }), o),
  };
}

export function elementwiseChecks(): Check[] {
  const checks: Check[] = [];
  for (const from of DTYPES) for (const to of DTYPES) checks.push(copyCheck(from, to));
  for (const d of DTYPES) checks.push(fillCheck(d));
  for (const op of Object.keys(UNARY_OPS) as UnaryOp[]) for (const d of unaryDtypes(op)) checks.push(unaryCheck(op, d));
  for (const op of Object.keys(BINARY_OPS) as BinaryOp[]) for (const d of binaryDtypes(op)) checks.push(binaryCheck(op, d));
  for (const d of DTYPES) checks.push(whereCheck(d));
  return checks;
}
