/**
 * Elementwise ops: the unary and binary primitives with PyTorch's dtype rules, plus the
 * composites built on them (clamp, nanToNum, round with decimals, equal).
 *
 * Traps, stated once: `remainder` is Python's modulo (sign of the divisor), `fmod` is C's (sign
 * of the dividend); `maximum`/`minimum`/`clamp` propagate NaN; integer division by zero raises
 * "ZeroDivisionError" where PyTorch's CPU does; a weak JS scalar never widens an integer tensor
 * (`int8Tensor.add(1000)` wraps, as in PyTorch).
 */
import type { DType, Scalar } from "../dtype.js";
import { isFloatingPoint, torchName } from "../dtype.js";
import { RuntimeError } from "../errors.js";
import type { BinaryOp, UnaryOp } from "../primitives.js";
import { BINARY_OPS, UNARY_OPS } from "../primitives.js";
import { broadcastShapes, sameShape } from "../shape.js";
import { Tensor } from "../tensor.js";
import type { TensorOrScalar } from "../tensor.js";
import { getBackend } from "../device.js";
import { dispatch } from "../dispatch.js";
import { resultType } from "../promotion.js";
import { getDefaultDtype } from "../default-dtype.js";
import { OperandSet, checkInplace, commitInplace, commonDevice, scalarTensor } from "./operands.js";
import { isScalar } from "./scalar.js";

export interface BinaryOptions {
  /** `add(a, b, { alpha })` computes `a + alpha * b`. */
  alpha?: Scalar;
}
export interface DivOptions {
  roundingMode?: "trunc" | "floor" | null;
}
export type ClampBound = Scalar | Tensor | null | undefined;

const ERROR_NAMES: Partial<Record<BinaryOp | UnaryOp, string>> = {
  bitwiseAnd: "bitwise_and_cpu",
  bitwiseOr: "bitwise_or_cpu",
  bitwiseXor: "bitwise_xor_cpu",
  leftShift: "lshift_cpu",
  rightShift: "rshift_cpu",
  bitwiseNot: "bitwise_not_cpu",
};

/** Ops PyTorch refuses on bool, with the kernel name its message uses. */
const BOOL_REFUSED: Partial<Record<BinaryOp | UnaryOp, string>> = {
  truncDiv: "div_trunc_cpu",
  floorDiv: "div_floor_cpu",
  remainder: "remainder_cpu",
  fmod: "fmod_cpu",
  pow: "pow",
  leftShift: "lshift_cpu",
  rightShift: "rshift_cpu",
  abs: "abs_cpu",
  floor: "floor_vml_cpu",
  ceil: "ceil_vml_cpu",
  round: "round_vml_cpu",
  trunc: "trunc_vml_cpu",
};
const refuseBool = (op: BinaryOp | UnaryOp): never => {
  if (op === "relu") throw new RuntimeError("Boolean inputs not supported for relu");
  throw new RuntimeError(`"${BOOL_REFUSED[op]}" not implemented for 'Bool'`);
};

/** PyTorch refuses `-` with any bool operand (a JS boolean scalar counts as a bool tensor). */
function checkBoolSub(op: BinaryOp, a: TensorOrScalar, b: TensorOrScalar): void {
  if (op !== "sub") return;
  const bools = [a, b].filter((x) => (x instanceof Tensor ? x.dtype === "bool" : typeof x === "boolean")).length;
  if (bools === 1) {
    throw new RuntimeError(
      "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
    );
  }
}

/** The dtype a binary op computes in, and the dtype of its result, by the op's rule. */
function binaryDtypes(op: BinaryOp, common: DType): { compute: DType; out: DType } {
  const rule = BINARY_OPS[op];
  if (rule === "bool") return { compute: common, out: "bool" };
  if (rule === "float" && !isFloatingPoint(common)) return { compute: getDefaultDtype(), out: getDefaultDtype() };
  if (rule === "int-only" && isFloatingPoint(common)) {
    throw new RuntimeError(`"${ERROR_NAMES[op] ?? op}" not implemented for '${torchName(common)}'`);
  }
  if (common === "bool") {
    if (op === "sub") {
      throw new RuntimeError(
        "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
      );
    }
    if (op === "add" || op === "mul" || op === "maximum" || op === "minimum") return { compute: "bool", out: "bool" };
    if (BOOL_REFUSED[op]) refuseBool(op);
    if (rule === "same") return { compute: "int64", out: "int64" };
  }
  return { compute: common, out: common };
}

/** Computes `op(a, b)` into a fresh tensor (no dispatch; the building block of public ops). */
export function binaryRaw(op: BinaryOp, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  checkBoolSub(op, a, b);
  const device = commonDevice([a, b]);
  const { compute, out: outDtype } = binaryDtypes(op, resultType(a, b));
  const shape =
    a instanceof Tensor ? (b instanceof Tensor ? broadcastShapes(a.shape, b.shape) : a.shape) : b instanceof Tensor ? b.shape : [];
  const ops = new OperandSet();
  try {
    const out = Tensor._empty(shape, outDtype, device);
    try {
      getBackend(device).binary(op, out._operand, ops.input(a, compute, shape, device), ops.input(b, compute, shape, device));
    } catch (e) {
      out.dispose();
      throw e;
    }
    return out;
  } finally {
    ops.release();
  }
}

function checkIntPow(a: TensorOrScalar, b: TensorOrScalar): void {
  if (a instanceof Tensor && !isFloatingPoint(a.dtype) && isScalar(b) && typeof b !== "boolean") {
    const integral = typeof b === "bigint" || Number.isInteger(b);
    if (integral && b < 0) throw new RuntimeError("Integers to negative integer powers are not allowed.");
  }
}

/** `torch.<op>(a, b)`: a binary op through the dispatcher. */
export function binary(op: BinaryOp, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const inputs = [a, b].filter((x): x is Tensor => x instanceof Tensor);
  return dispatch(op, inputs, { a: isScalar(a) ? a : undefined, b: isScalar(b) ? b : undefined }, () =>
    binaryRaw(op, a, b),
  );
}

/** `a + alpha * b` / `a - alpha * b` as one op (one autograd node, as PyTorch's). */
function withAlpha(op: "add" | "sub", a: TensorOrScalar, b: TensorOrScalar, alpha: Scalar): Tensor {
  const inputs = [a, b].filter((x): x is Tensor => x instanceof Tensor);
  const attrs = { a: isScalar(a) ? a : undefined, b: isScalar(b) ? b : undefined, alpha };
  return dispatch(op, inputs, attrs, () => {
    const scaled = binaryRaw("mul", b, alpha);
    try {
      return binaryRaw(op, a, scaled);
    } finally {
      scaled.dispose();
    }
  });
}

/** `self.<op>_(other)`: computes out of place, checks the cast, then writes into `self`. */
export function binary_(op: BinaryOp, self: Tensor, other: TensorOrScalar, alpha?: Scalar): void {
  checkBoolSub(op, self, other);
  const common = resultType(self, other);
  const { out } = binaryDtypes(op, common);
  checkInplace(self, out);
  if (other instanceof Tensor) {
    const shape = broadcastShapes(self.shape, other.shape);
    if (!sameShape(shape, self.shape)) {
      throw new RuntimeError(
        `output with shape [${self.shape.join(", ")}] doesn't match the broadcast shape [${shape.join(", ")}]`,
      );
    }
  }
  const attrs = { b: isScalar(other) ? other : undefined, ...(alpha === undefined ? {} : { alpha }) };
  dispatch(`${op}_`, other instanceof Tensor ? [self, other] : [self], attrs, () => {
    if (alpha === undefined) commitInplace(self, binaryRaw(op, self, other));
    else {
      const scaled = binaryRaw("mul", other, alpha);
      commitInplace(self, binaryRaw(op, self, scaled));
      scaled.dispose();
    }
    return self;
  });
}

export function add(a: TensorOrScalar, b: TensorOrScalar, options?: BinaryOptions): Tensor {
  const alpha = options?.alpha;
  if (alpha === undefined || alpha === 1) return binary("add", a, b);
  return withAlpha("add", a, b, alpha);
}
export function add_(self: Tensor, b: TensorOrScalar, options?: BinaryOptions): void {
  const alpha = options?.alpha;
  binary_("add", self, b, alpha === undefined || alpha === 1 ? undefined : alpha);
}
export function sub(a: TensorOrScalar, b: TensorOrScalar, options?: BinaryOptions): Tensor {
  const alpha = options?.alpha;
  if (alpha === undefined || alpha === 1) return binary("sub", a, b);
  return withAlpha("sub", a, b, alpha);
}
export function sub_(self: Tensor, b: TensorOrScalar, options?: BinaryOptions): void {
  const alpha = options?.alpha;
  binary_("sub", self, b, alpha === undefined || alpha === 1 ? undefined : alpha);
}

const DIV_OPS = { trunc: "truncDiv", floor: "floorDiv" } as const;
export function div(a: TensorOrScalar, b: TensorOrScalar, options?: DivOptions): Tensor {
  const mode = options?.roundingMode;
  return binary(mode ? DIV_OPS[mode] : "div", a, b);
}
export function div_(self: Tensor, b: TensorOrScalar, options?: DivOptions): void {
  const mode = options?.roundingMode;
  binary_(mode ? DIV_OPS[mode] : "div", self, b);
}

export function pow(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  checkIntPow(a, b);
  return binary("pow", a, b);
}
export function pow_(self: Tensor, b: TensorOrScalar): void {
  checkIntPow(self, b);
  binary_("pow", self, b);
}

/** The dtype a unary op computes in: integral inputs of float ops become the default float. */
function unaryDtypes(op: UnaryOp, dtype: DType): { compute: DType; out: DType } {
  const rule = UNARY_OPS[op];
  if (rule === "bool") return { compute: dtype, out: "bool" };
  if (rule === "float" && !isFloatingPoint(dtype)) return { compute: getDefaultDtype(), out: getDefaultDtype() };
  if (rule === "int-only" && isFloatingPoint(dtype)) {
    throw new RuntimeError(`"${ERROR_NAMES[op] ?? op}" not implemented for '${torchName(dtype)}'`);
  }
  if (dtype === "bool" && (BOOL_REFUSED[op] || op === "relu")) refuseBool(op);
  if (op === "neg" && dtype === "bool") {
    throw new RuntimeError(
      "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
    );
  }
  return { compute: dtype, out: dtype };
}

export function unaryRaw(op: UnaryOp, x: Tensor): Tensor {
  const { compute, out: outDtype } = unaryDtypes(op, x.dtype);
  const ops = new OperandSet();
  try {
    const out = Tensor._empty(x.shape, outDtype, x.device);
    getBackend(x.device).unary(op, out._operand, ops.input(x, compute, x.shape, x.device));
    return out;
  } finally {
    ops.release();
  }
}

export function unary(op: UnaryOp, x: Tensor): Tensor {
  return dispatch(op, [x], {}, () => unaryRaw(op, x));
}

export function unary_(op: UnaryOp, self: Tensor): void {
  checkInplace(self, unaryDtypes(op, self.dtype).out);
  dispatch(`${op}_`, [self], {}, () => {
    commitInplace(self, unaryRaw(op, self));
    return self;
  });
}

/** `torch.where(condition, a, b)`: a and b are promoted together; condition must be bool. */
export function where(condition: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (condition.dtype !== "bool" && condition.dtype !== "uint8") {
    throw new RuntimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${torchName(condition.dtype)}`);
  }
  const inputs = [condition, a, b].filter((x): x is Tensor => x instanceof Tensor);
  return dispatch("where", inputs, { a: isScalar(a) ? a : undefined, b: isScalar(b) ? b : undefined }, () => {
    const device = commonDevice([condition, a, b]);
    const dtype = resultType(a, b);
    const shapes = [condition.shape, ...[a, b].filter((x): x is Tensor => x instanceof Tensor).map((t) => t.shape)];
    const shape = broadcastShapes(...shapes);
    const ops = new OperandSet();
    try {
      const out = Tensor._empty(shape, dtype, device);
      getBackend(device).where(
        out._operand,
        ops.input(condition, "bool", shape, device),
        ops.input(a, dtype, shape, device),
        ops.input(b, dtype, shape, device),
      );
      return out;
    } finally {
      ops.release();
    }
  });
}

/** `x.clamp(min, max)`: NaN stays NaN; a min above max gives max everywhere, as PyTorch. */
export function clamp(x: Tensor, min?: ClampBound, max?: ClampBound): Tensor {
  if ((min === undefined || min === null) && (max === undefined || max === null)) {
    throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  }
  return dispatch("clamp", ...clampCall(x, min, max), () => {
    let r = x;
    if (min !== undefined && min !== null) r = binary("maximum", r, min);
    if (max !== undefined && max !== null) r = binary("minimum", r, max);
    return r === x ? x.clone() : r;
  });
}
/** clamp's tensor inputs and attrs: scalar bounds as attrs, which bounds exist (for autograd). */
function clampCall(x: Tensor, min: ClampBound, max: ClampBound): [Tensor[], Record<string, unknown>] {
  const inputs = [x, min, max].filter((t): t is Tensor => t instanceof Tensor);
  const scalar = (v: ClampBound): Scalar | undefined => (v instanceof Tensor || v === null ? undefined : v);
  const has = (v: ClampBound): boolean => v !== undefined && v !== null;
  return [inputs, { min: scalar(min), max: scalar(max), hasMin: has(min), hasMax: has(max) }];
}
export function clamp_(self: Tensor, min?: ClampBound, max?: ClampBound): void {
  dispatch("clamp_", ...clampCall(self, min, max), () => {
    const r = clamp(self, min, max);
    checkInplace(self, r.dtype);
    commitInplace(self, r);
    return self;
  });
}

/** `x.fill_(v)`: every element becomes v (a 0-dim tensor works too), bumping the version. */
export function fill_(self: Tensor, value: Scalar | Tensor, op: "fill_" | "zero_" = "fill_"): void {
  const v = value instanceof Tensor ? value.item() : value;
  dispatch(op, [self], { value: v }, () => {
    const t = scalarTensor(v, self.dtype, self.device);
    commitInplace(self, t);
    return self;
  });
}

/** `torch.nanToNum`: NaN → nan, +Inf → posinf (default: dtype max), −Inf → neginf (dtype min). */
export function nanToNum(x: Tensor, nan = 0, posinf?: number, neginf?: number): Tensor {
  if (!isFloatingPoint(x.dtype)) return x.clone();
  const big = FLOAT_MAX[x.dtype] as number;
  let r = where(unary("isnan", x), nan, x);
  r = where(r.eq(Infinity), posinf ?? big, r);
  return where(r.eq(-Infinity), neginf ?? -big, r);
}
const FLOAT_MAX: Partial<Record<DType, number>> = {
  float16: 65504,
  bfloat16: 3.3895313892515355e38,
  float32: 3.4028234663852886e38,
  float64: Number.MAX_VALUE,
};

/** `x.round({ decimals })`: half-to-even at the given decimal place, via scaling as PyTorch. */
export function round(x: Tensor, options?: { decimals?: number }): Tensor {
  const d = options?.decimals ?? 0;
  if (d === 0) return unary("round", x);
  if (!isFloatingPoint(x.dtype)) throw new RuntimeError(`"round_cpu" not implemented for '${torchName(x.dtype)}'`);
  // float16 scales in float32 (PyTorch 1.13's CPU has no half kernel; its CUDA one computes in
  // float), so 60000 * 10 does not overflow; bfloat16 rounds each step, as PyTorch's CPU does.
  const low = x.dtype === "float16";
  const y = low ? x.float() : x;
  const scale = 10 ** Math.abs(d);
  const r = d > 0 ? unary("round", y.mul(scale)).div(scale) : unary("round", y.div(scale)).mul(scale);
  return low ? r.to(x.dtype) : r;
}

/** `torch.equal`: same shape and equal elements (NaN ≠ NaN). */
export function equal(a: Tensor, b: Tensor): boolean {
  if (!sameShape(a.shape, b.shape)) return false;
  return binaryRaw("eq", a, b).all().item() === true;
}
