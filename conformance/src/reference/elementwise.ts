/** Reference copy/cast, fill, unary, binary and where: one scalar loop over the output each. */
import type { BinaryOp, DType, Scalar, UnaryOp } from "@typetorch/tensor-core";
import { address, multiIndices, type RefOperand } from "./layout.js";
import { castValue, computeRound, isFloatDtype, readElement, roundFloat, wrapInt, writeElement, type Value } from "./values.js";
import { FLOAT_UNARY, INT_UNARY } from "./unary-math.js";
import { FLOAT_BINARY, INT_BINARY } from "./binary-math.js";

const read = (op: RefOperand, idx: readonly number[]): Value => readElement(op.dtype, op.data, address(op, idx));
const write = (op: RefOperand, idx: readonly number[], v: Value): void =>
  writeElement(op.dtype, op.data, address(op, idx), v);

/** Stores an op's exact result into `out`: floats rounded, integers wrapped, predicates 0/1. */
function store(out: RefOperand, idx: readonly number[], v: Value): void {
  const d = out.dtype;
  if (isFloatDtype(d)) write(out, idx, roundFloat(d, v as number));
  else write(out, idx, wrapInt(d, typeof v === "bigint" ? v : BigInt(v)));
}

export function refCopy(out: RefOperand, a: RefOperand): void {
  for (const idx of multiIndices(out.shape)) write(out, idx, castValue(a.dtype, out.dtype, read(a, idx)));
}

export function refFill(out: RefOperand, value: Scalar): void {
  const v: Value = typeof value === "boolean" ? (value ? 1n : 0n) : value;
  const from: DType = typeof v === "bigint" ? "int64" : "float64";
  for (const idx of multiIndices(out.shape)) write(out, idx, castValue(from, out.dtype, v));
}

export function refUnary(op: UnaryOp, out: RefOperand, a: RefOperand): void {
  const d = a.dtype;
  for (const idx of multiIndices(out.shape)) {
    const x = read(a, idx);
    let v: Value;
    if (isFloatDtype(d)) {
      const f = FLOAT_UNARY[op];
      if (!f) throw new TypeError(`reference: unary ${op} is not defined for ${d}`);
      // torch's sigmoid is 1 / (1 + exp(-x)) in the compute precision, so it is 0 where exp(-x) overflows
      // (float32: x < -88.7 → 0, float64: sigmoid(-709.79) = 0), not the subnormal the math gives
      const r = computeRound(d, "float32");
      v = op === "sigmoid" ? 1 / r(1 + r(Math.exp(-(x as number)))) : f(x as number);
    } else if (d === "bool" && op === "bitwiseNot") {
      v = (x as bigint) ^ 1n; // ~True = False
    } else {
      const f = INT_UNARY[op];
      if (!f) throw new TypeError(`reference: unary ${op} is not defined for ${d}`);
      v = f(x as bigint);
    }
    store(out, idx, v);
  }
}

export function refBinary(op: BinaryOp, out: RefOperand, a: RefOperand, b: RefOperand, steps: "dtype" | "float32" = "dtype"): void {
  const d = a.dtype;
  const r = computeRound(d, steps);
  for (const idx of multiIndices(out.shape)) {
    const x = read(a, idx);
    const y = read(b, idx);
    let v: Value;
    if (isFloatDtype(d)) {
      const f = FLOAT_BINARY[op];
      if (!f) throw new TypeError(`reference: binary ${op} is not defined for ${d}`);
      v = f(x as number, y as number, r);
    } else {
      const f = INT_BINARY[op];
      if (!f) throw new TypeError(`reference: binary ${op} is not defined for ${d}`);
      v = f(x as bigint, y as bigint, d);
    }
    store(out, idx, v);
  }
}

export function refWhere(out: RefOperand, cond: RefOperand, a: RefOperand, b: RefOperand): void {
  for (const idx of multiIndices(out.shape)) write(out, idx, read(cond, idx) !== 0n ? read(a, idx) : read(b, idx));
}
