import { DTYPE_INFO, DTYPES, type DType, isDType, type Scalar, torchName } from "./dtype.js";
import { getDefaultDtype } from "./default-dtype.js";
import { RuntimeError, TorchTypeError } from "./errors.js";

/**
 * Type promotion, computed once in the core for every backend (DESIGN.md "How an op flows").
 * Every rule here is replayed against PyTorch 1.13 by `promotion.test.ts`
 * (fixtures: `tooling/fixtures/gen_promotion.py`).
 */

/** What a promotion participant looks like: any tensor (0-dim when `shape.length === 0`). */
export interface TensorLike {
  readonly dtype: DType;
  readonly shape: readonly number[];
}
/** An operand of `resultType`: a tensor, or a JS scalar that is "weak" like a Python scalar. */
export type PromotionOperand = TensorLike | Scalar;

/** The three categories PyTorch orders participants by: bool < integral < floating. */
export type Category = "bool" | "int" | "float";
const CATEGORY_RANK: { readonly [C in Category]: number } = { bool: 0, int: 1, float: 2 };
const category = (d: DType): Category => DTYPE_INFO[d].kind;

// PyTorch's promotion lattice as a table; row and column order is DTYPES. Not a pure "widest
// wins" lattice: uint8+int8 -> int16 (neither holds the other) and float16+bfloat16 -> float32.
type Row = readonly [string, string, string, string, string, string, string, string, string, string];
const ABBR: { readonly [k: string]: DType } = {
  b1: "bool", u1: "uint8", i1: "int8", i2: "int16", i4: "int32", i8: "int64",
  f2: "float16", bf: "bfloat16", f4: "float32", f8: "float64",
};
// prettier-ignore
const TABLE: readonly Row[] = [
  /*        b1    u1    i1    i2    i4    i8    f2    bf    f4    f8  */
  /* b1 */ ["b1", "u1", "i1", "i2", "i4", "i8", "f2", "bf", "f4", "f8"],
  /* u1 */ ["u1", "u1", "i2", "i2", "i4", "i8", "f2", "bf", "f4", "f8"],
  /* i1 */ ["i1", "i2", "i1", "i2", "i4", "i8", "f2", "bf", "f4", "f8"],
  /* i2 */ ["i2", "i2", "i2", "i2", "i4", "i8", "f2", "bf", "f4", "f8"],
  /* i4 */ ["i4", "i4", "i4", "i4", "i4", "i8", "f2", "bf", "f4", "f8"],
  /* i8 */ ["i8", "i8", "i8", "i8", "i8", "i8", "f2", "bf", "f4", "f8"],
  /* f2 */ ["f2", "f2", "f2", "f2", "f2", "f2", "f2", "f4", "f4", "f8"],
  /* bf */ ["bf", "bf", "bf", "bf", "bf", "bf", "f4", "bf", "f4", "f8"],
  /* f4 */ ["f4", "f4", "f4", "f4", "f4", "f4", "f4", "f4", "f4", "f8"],
  /* f8 */ ["f8", "f8", "f8", "f8", "f8", "f8", "f8", "f8", "f8", "f8"],
];
const PROMOTE: ReadonlyMap<DType, ReadonlyMap<DType, DType>> = new Map(
  DTYPES.map((a, i) => [
    a,
    new Map(DTYPES.map((b, j) => [b, ABBR[TABLE[i]?.[j] ?? ""] ?? tableHole(a, b)])),
  ]),
);
function tableHole(a: DType, b: DType): never {
  throw new Error(`promotion table has no entry for (${a}, ${b})`);
}

function checkDType(fn: string, what: string, x: unknown): DType {
  if (isDType(x)) return x;
  const shown = typeof x === "string" ? `'${x}'` : typeof x;
  throw new TorchTypeError(
    `${fn}(): ${what} must be a dtype (one of ${DTYPES.join(", ")}), got ${shown}`,
  );
}

/**
 * PyTorch's `torch.promote_types(a, b)`: the smallest dtype both can be converted to without
 * leaving their category, ignoring dimensions and weak scalars (see `resultType` for those).
 * Commutative and associative. Trap: `uint8` with `int8` gives `int16`.
 * @example
 * torch.promoteTypes(torch.int32, torch.float32);  // "float32"
 * torch.promoteTypes(torch.uint8, torch.int8);     // "int16"
 * torch.promoteTypes(torch.float16, torch.bfloat16); // "float32"
 */
export function promoteTypes(a: DType, b: DType): DType {
  const x = checkDType("promoteTypes", "first argument", a);
  const y = checkDType("promoteTypes", "second argument", b);
  return PROMOTE.get(x)?.get(y) ?? tableHole(x, y);
}

/**
 * How a JS scalar takes part in promotion (API.md rule 4b): a boolean is `"bool"`, a bigint is
 * `"int"`, a number is `"int"` when `Number.isInteger(x)` (like a Python int) and `"float"`
 * otherwise — 1.5, NaN and ±Infinity (like a Python float). Trap: JS cannot write Python's `2.0`;
 * `2` is integral, so `intTensor.add(2)` stays integral — use `.float()` to get a float result.
 * @example
 * scalarKind(true);  // "bool"
 * scalarKind(2);     // "int"   (Python: 2)
 * scalarKind(2.5);   // "float" (Python: 2.5)
 * scalarKind(3n);    // "int"
 */
export function scalarKind(x: Scalar): Category {
  switch (typeof x) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return Number.isInteger(x) ? "int" : "float";
    default:
      throw new TorchTypeError(
        `scalarKind(): expected a number, boolean or bigint, got ${typeof (x as unknown)}`,
      );
  }
}

/** The dtype a weak scalar participates with: bool, int64, or the current default dtype. */
function scalarDType(x: Scalar): DType {
  const kind = scalarKind(x);
  return kind === "bool" ? "bool" : kind === "int" ? "int64" : getDefaultDtype();
}

function isScalar(x: unknown): x is Scalar {
  return typeof x === "number" || typeof x === "boolean" || typeof x === "bigint";
}

const promoteSkip = (a: DType | undefined, b: DType): DType =>
  a === undefined ? b : promoteTypes(a, b);

/** A lower-priority participant only counts when its category is strictly higher. */
function combine(higher: DType | undefined, lower: DType | undefined): DType | undefined {
  if (lower === undefined) return higher;
  if (higher === undefined) return lower;
  return CATEGORY_RANK[category(lower)] > CATEGORY_RANK[category(higher)]
    ? promoteTypes(higher, lower)
    : higher;
}

/**
 * PyTorch's `torch.result_type(...)`, for any number of operands: the dtype an elementwise op
 * computes in. Operands fall in three priority groups — tensors with ≥1 dimension, 0-dim tensors,
 * then JS scalars — each promoted within itself with `promoteTypes`; a lower group only matters
 * when its category (bool < integral < floating) is higher than every group above it. A
 * non-integral number participates as the default dtype (`setDefaultDtype`), an integral one as
 * int64, a boolean as bool.
 * @example
 * const i = torch.tensor([1, 2], { dtype: torch.int32 });
 * torch.resultType(i, 5);                              // "int32"   (same category: scalar is weak)
 * torch.resultType(i, 2.5);                            // "float32" (higher category: the default dtype)
 * torch.resultType(i, torch.tensor(1, { dtype: torch.float64 })); // "float64" (0-dim, higher category)
 * torch.resultType(i, torch.tensor(1n));               // "int32"   (0-dim int64, same category)
 */
export function resultType(...operands: readonly PromotionOperand[]): DType {
  let dim: DType | undefined;
  let zero: DType | undefined;
  let wrapped: DType | undefined;
  operands.forEach((op: unknown, i) => {
    if (isScalar(op)) {
      wrapped = promoteSkip(wrapped, scalarDType(op));
      return;
    }
    if (typeof op !== "object" || op === null || !("dtype" in op) || !("shape" in op)) {
      throw new TorchTypeError(
        `resultType(): operand ${i} must be a tensor or a scalar (number, boolean, bigint), got ${op === null ? "null" : typeof op}`,
      );
    }
    const d = checkDType("resultType", `operand ${i}'s dtype`, op.dtype);
    if (!Array.isArray(op.shape)) {
      throw new TorchTypeError(`resultType(): operand ${i}'s shape must be an array`);
    }
    if (op.shape.length > 0) dim = promoteSkip(dim, d);
    else zero = promoteSkip(zero, d);
  });
  const r = combine(dim, combine(zero, wrapped));
  if (r === undefined) throw new TorchTypeError("resultType(): expected at least one operand");
  return r;
}

/**
 * PyTorch's `torch.can_cast(from, to)`: whether an op may write a `from` result into a `to`
 * tensor (in-place ops, `out=`). Allowed unless it would go floating → integral or non-bool →
 * bool; narrowing inside a category (int64 → uint8, float64 → float16) is allowed.
 * @example
 * torch.canCast(torch.float64, torch.int32); // false
 * torch.canCast(torch.int64, torch.uint8);   // true
 * torch.canCast(torch.int32, torch.bool);    // false
 */
export function canCast(from: DType, to: DType): boolean {
  const f = category(checkDType("canCast", "from", from));
  const t = category(checkDType("canCast", "to", to));
  if (f === "float" && t === "int") return false;
  if (f !== "bool" && t === "bool") return false;
  return true;
}

/**
 * Throws PyTorch's `RuntimeError` when an op's result dtype cannot be written into its output
 * (the tensor an in-place op modifies, or `out=`). The message is PyTorch's, in its ScalarType
 * names. Call it before touching the output, so a refused op leaves the tensor unmodified.
 * @example
 * torch.ones(2, { dtype: torch.long }).add_(torch.ones(2));
 * // RuntimeError: result type Float can't be cast to the desired output type Long
 * checkInplaceCast("float32", "int64"); // throws the same
 */
export function checkInplaceCast(resultDtype: DType, outDtype: DType): void {
  if (!canCast(resultDtype, outDtype)) {
    throw new RuntimeError(
      `result type ${torchName(resultDtype)} can't be cast to the desired output type ${torchName(outDtype)}`,
    );
  }
}
