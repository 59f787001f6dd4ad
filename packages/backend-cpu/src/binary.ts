/**
 * binary: elementwise `out = a ∘ b` over out.shape; a and b share a dtype and are broadcast by
 * stride 0. float16/bfloat16 are widened to float32, computed in float32 (multi-step division
 * formulas round to 16 bits per step, see binary-ops.ts) and rounded to 16 bits on store.
 * Integer division by zero throws before anything is written.
 */
import { RuntimeError, type BinaryOp, type DType, type Operand } from "@typetorch/tensor-core";
import {
  BFLOAT16_OPS,
  BOOL_OPS,
  FLOAT16_OPS,
  FLOAT32_OPS,
  FLOAT64_OPS,
  INT64_OPS,
  INT_DIVISIONS,
  INT_OPS,
  type BigFn,
  type NumFn,
} from "./binary-ops.js";
import { isHalf, type NumArray } from "./dtype-io.js";
import { contiguousView, narrowInto, unsupported, viewOf, widenToF32, type View } from "./operand.js";
import { kindOf, specialize } from "./specialize.js";
import { forEachRow, numel } from "./strided.js";

function numberTable(d: DType): { readonly [K in BinaryOp]: NumFn | null } {
  if (d === "float64") return FLOAT64_OPS;
  if (d === "float32") return FLOAT32_OPS;
  if (d === "float16") return FLOAT16_OPS;
  if (d === "bfloat16") return BFLOAT16_OPS;
  if (d === "bool") return BOOL_OPS;
  return INT_OPS;
}

type Row = (
  o: NumArray, oi: number, so: number,
  a: NumArray, ai: number, sa: number,
  b: NumArray, bi: number, sb: number, n: number,
) => void;

// Hand-written loops for the hottest ops: one monomorphic expression each, with the
// contiguous and scalar-broadcast cases split out so the JIT sees flat loops.
const addRow: Row = (o, oi, so, a, ai, sa, b, bi, sb, n) => {
  if (so === 1 && sa === 1 && sb === 1) for (let k = 0; k < n; k++) o[oi + k] = (a[ai + k] as number) + (b[bi + k] as number);
  else if (so === 1 && sa === 1 && sb === 0) {
    const c = b[bi] as number;
    for (let k = 0; k < n; k++) o[oi + k] = (a[ai + k] as number) + c;
  } else for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = (a[ai] as number) + (b[bi] as number);
};
const subRow: Row = (o, oi, so, a, ai, sa, b, bi, sb, n) => {
  if (so === 1 && sa === 1 && sb === 1) for (let k = 0; k < n; k++) o[oi + k] = (a[ai + k] as number) - (b[bi + k] as number);
  else if (so === 1 && sa === 1 && sb === 0) {
    const c = b[bi] as number;
    for (let k = 0; k < n; k++) o[oi + k] = (a[ai + k] as number) - c;
  } else for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = (a[ai] as number) - (b[bi] as number);
};
const mulRow: Row = (o, oi, so, a, ai, sa, b, bi, sb, n) => {
  if (so === 1 && sa === 1 && sb === 1) for (let k = 0; k < n; k++) o[oi + k] = (a[ai + k] as number) * (b[bi + k] as number);
  else if (so === 1 && sa === 1 && sb === 0) {
    const c = b[bi] as number;
    for (let k = 0; k < n; k++) o[oi + k] = (a[ai + k] as number) * c;
  } else for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = (a[ai] as number) * (b[bi] as number);
};
const divRow: Row = (o, oi, so, a, ai, sa, b, bi, sb, n) => {
  if (so === 1 && sa === 1 && sb === 1) for (let k = 0; k < n; k++) o[oi + k] = (a[ai + k] as number) / (b[bi + k] as number);
  else if (so === 1 && sa === 1 && sb === 0) {
    const c = b[bi] as number;
    for (let k = 0; k < n; k++) o[oi + k] = (a[ai + k] as number) / c;
  } else for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = (a[ai] as number) / (b[bi] as number);
};

// Every other op: the table function per element. Each (op, dtype, out kind) gets its own copy
// (specialize.ts), so both the element access and the call to `f` stay monomorphic. The input
// kind follows from the dtype (16-bit floats arrive widened to Float32Array).
function tableRow(
  f: NumFn, o: NumArray, oi: number, so: number,
  a: NumArray, ai: number, sa: number, b: NumArray, bi: number, sb: number, n: number,
): void {
  for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = f(a[ai] as number, b[bi] as number);
}

const FAST: Partial<Record<BinaryOp, Row>> = { add: addRow, sub: subRow, mul: mulRow, div: divRow };

// Predicates write 0/1 into the bool output with `+(x > y)`, which V8 compiles without a branch:
// through the table (`c ? 1 : 0`) a data-dependent branch mispredicted on mixed-sign data at
// ~7 ns an element, 4× an add. Valid for every number-domain dtype (16-bit floats arrive
// widened), bool included.
const gtRow: Row = (o, oi, so, a, ai, sa, b, bi, sb, n) => {
  for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = +((a[ai] as number) > (b[bi] as number));
};
const ltRow: Row = (o, oi, so, a, ai, sa, b, bi, sb, n) => {
  for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = +((a[ai] as number) < (b[bi] as number));
};
const geRow: Row = (o, oi, so, a, ai, sa, b, bi, sb, n) => {
  for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = +((a[ai] as number) >= (b[bi] as number));
};
const leRow: Row = (o, oi, so, a, ai, sa, b, bi, sb, n) => {
  for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = +((a[ai] as number) <= (b[bi] as number));
};
const eqRow: Row = (o, oi, so, a, ai, sa, b, bi, sb, n) => {
  for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = +((a[ai] as number) === (b[bi] as number));
};
const neRow: Row = (o, oi, so, a, ai, sa, b, bi, sb, n) => {
  for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = +((a[ai] as number) !== (b[bi] as number));
};
const andRow: Row = (o, oi, so, a, ai, sa, b, bi, sb, n) => {
  for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = +((a[ai] as number) !== 0) & +((b[bi] as number) !== 0);
};
const orRow: Row = (o, oi, so, a, ai, sa, b, bi, sb, n) => {
  for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) o[oi] = +((a[ai] as number) !== 0) | +((b[bi] as number) !== 0);
};
const PREDICATES: Partial<Record<BinaryOp, Row>> = {
  gt: gtRow, lt: ltRow, ge: geRow, le: leRow, eq: eqRow, ne: neRow, logicalAnd: andRow, logicalOr: orRow,
};

function runNumber(op: BinaryOp, d: DType, shape: readonly number[], o: View, a: View, b: View): void {
  const isF = d === "float32" || d === "float64" || isHalf(d);
  const od = o.data as NumArray;
  const ad = a.data as NumArray;
  const bd = b.data as NumArray;
  const arith = FAST[op];
  const fast = arith !== undefined && d !== "bool" && (isF || op === "add" || op === "sub") ? arith : PREDICATES[op];
  if (fast !== undefined) {
    const row = specialize(fast, op, d, kindOf(od));
    forEachRow(shape, [o, a, b], (p, n, s) =>
      row(od, p[0] as number, s[0] as number, ad, p[1] as number, s[1] as number, bd, p[2] as number, s[2] as number, n),
    );
    return;
  }
  const f = numberTable(d)[op];
  if (f === null) return unsupported(op, d);
  const row = specialize(tableRow, op, d, kindOf(od));
  forEachRow(shape, [o, a, b], (p, n, s) =>
    row(f, od, p[0] as number, s[0] as number, ad, p[1] as number, s[1] as number, bd, p[2] as number, s[2] as number, n),
  );
}

function runBigInt(op: BinaryOp, shape: readonly number[], o: View, a: View, b: View): void {
  const f: BigFn | null = INT64_OPS[op];
  if (f === null) return unsupported(op, "int64");
  const od = o.data as unknown as { [i: number]: bigint | number };
  const ad = a.data as BigInt64Array;
  const bd = b.data as BigInt64Array;
  forEachRow(shape, [o, a, b], (p, n, s) => {
    let oi = p[0] as number;
    let ai = p[1] as number;
    let bi = p[2] as number;
    const so = s[0] as number;
    const sa = s[1] as number;
    const sb = s[2] as number;
    for (let k = 0; k < n; k++, oi += so, ai += sa, bi += sb) od[oi] = f(ad[ai] as bigint, bd[bi] as bigint);
  });
}

function hasZero(d: ArrayLike<number | bigint>, i: number, st: number, n: number): boolean {
  for (let k = 0; k < n; k++, i += st) if (d[i] == 0) return true; // 0 or 0n
  return false;
}
/** Throws ZeroDivisionError if any divisor element is zero (before out is touched). */
function checkNoZero(b: View, shape: readonly number[]): void {
  const d = b.data as unknown as ArrayLike<number | bigint>;
  const row = specialize(hasZero, kindOf(d));
  let zero = false;
  forEachRow(shape, [b], (p, n, s) => {
    if (!zero) zero = row(d, p[0] as number, s[0] as number, n);
  });
  if (zero) throw new RuntimeError("ZeroDivisionError");
}

export function binary(op: BinaryOp, out: Operand, a: Operand, b: Operand): void {
  const d = a.dtype;
  const shape = out.shape;
  const bv = viewOf(b, shape);
  const isInt = d !== "float32" && d !== "float64" && !isHalf(d);
  if (isInt && INT_DIVISIONS.has(op)) checkNoZero(bv, shape);
  if (d === "int64") return runBigInt(op, shape, viewOf(out, shape), viewOf(a, shape), bv);
  if (!isHalf(d)) return runNumber(op, d, shape, viewOf(out, shape), viewOf(a, shape), bv);
  const wa = contiguousView(widenToF32(a, shape), shape);
  const wb = contiguousView(widenToF32(b, shape), shape);
  if (out.dtype === "bool") return runNumber(op, d, shape, viewOf(out, shape), wa, wb);
  const tmp = new Float32Array(numel(shape));
  runNumber(op, d, shape, contiguousView(tmp, shape), wa, wb);
  narrowInto(out, tmp);
}
