/**
 * The functional forms, `torch.add(a, b)` and friends: each is the method of its first argument,
 * so the semantics live in one place (`ops/`).
 */
import type { DType, Scalar } from "./dtype.js";
import { Tensor } from "./tensor.js";
import type { TensorOrScalar } from "./tensor.js";
import * as E from "./ops/elementwise.js";
import * as M from "./ops/matmul.js";
import type { BinaryOptions, ClampBound, DivOptions } from "./ops/elementwise.js";
import type { DimArg, ReduceOptions, ValuesIndices, VarOptions } from "./ops/reduce.js";
import type { UnaryOp } from "./primitives.js";
import { TorchTypeError } from "./errors.js";
import { nonzero } from "./ops/indexing-mask.js";

const asTensor = (x: TensorOrScalar, op: string): Tensor => {
  if (x instanceof Tensor) return x;
  throw new TorchTypeError(`${op}(): argument 'input' must be Tensor, not ${typeof x}`);
};

export const add = (a: TensorOrScalar, b: TensorOrScalar, o?: BinaryOptions): Tensor => E.add(a, b, o);
export const sub = (a: TensorOrScalar, b: TensorOrScalar, o?: BinaryOptions): Tensor => E.sub(a, b, o);
export const subtract = sub;
export const mul = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("mul", a, b);
export const multiply = mul;
export const div = (a: TensorOrScalar, b: TensorOrScalar, o?: DivOptions): Tensor => E.div(a, b, o);
export const divide = div;
export const trueDivide = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.div(a, b);
export const floorDivide = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("floorDiv", a, b);
export const remainder = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("remainder", a, b);
export const fmod = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("fmod", a, b);
export const pow = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.pow(a, b);
export const atan2 = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("atan2", a, b);
export const maximum = (a: Tensor, b: Tensor): Tensor => E.binary("maximum", a, b);
export const minimum = (a: Tensor, b: Tensor): Tensor => E.binary("minimum", a, b);
export const eq = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("eq", a, b);
export const ne = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("ne", a, b);
export const lt = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("lt", a, b);
export const le = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("le", a, b);
export const gt = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("gt", a, b);
export const ge = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("ge", a, b);
export const equal = (a: Tensor, b: Tensor): boolean => E.equal(a, b);
export const logicalAnd = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("logicalAnd", a, b);
export const logicalOr = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("logicalOr", a, b);
export const logicalXor = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("logicalXor", a, b);
export const logicalNot = (a: Tensor): Tensor => E.unary("logicalNot", a);
export const bitwiseAnd = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("bitwiseAnd", a, b);
export const bitwiseOr = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("bitwiseOr", a, b);
export const bitwiseXor = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("bitwiseXor", a, b);
export const bitwiseNot = (a: Tensor): Tensor => E.unary("bitwiseNot", a);
export const bitwiseLeftShift = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("leftShift", a, b);
export const bitwiseRightShift = (a: TensorOrScalar, b: TensorOrScalar): Tensor => E.binary("rightShift", a, b);
export const clamp = (x: Tensor, min?: ClampBound, max?: ClampBound): Tensor => E.clamp(x, min, max);
export const clip = clamp;
export const nanToNum = (x: Tensor, nan?: number, posinf?: number, neginf?: number): Tensor =>
  E.nanToNum(x, nan, posinf, neginf);
export const round = (x: Tensor, o?: { decimals?: number }): Tensor => E.round(x, o);
export const square = (x: Tensor): Tensor => E.pow(x, 2);

/**
 * `torch.where(cond, a, b)`: a weak scalar works on either side.
 * `torch.where(cond)`: the indices of the nonzero elements, one tensor per dim
 * (`torch.nonzero(cond, { asTuple: true })`).
 */
export function where(condition: Tensor): Tensor[];
export function where(condition: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor;
export function where(condition: Tensor, a?: TensorOrScalar, b?: TensorOrScalar): Tensor | Tensor[] {
  if (a === undefined && b === undefined) return nonzero(condition, { asTuple: true }) as Tensor[];
  if (a === undefined || b === undefined) {
    throw new TorchTypeError("where() takes either 1 argument (condition) or 3 (condition, input, other)");
  }
  return E.where(condition, a, b);
}

const u = (op: UnaryOp) => (x: Tensor): Tensor => E.unary(op, asTensor(x, op));
export const neg = u("neg");
export const negative = neg;
export const abs = u("abs");
export const absolute = abs;
export const sign = u("sign");
export const sqrt = u("sqrt");
export const rsqrt = u("rsqrt");
export const exp = u("exp");
export const exp2 = u("exp2");
export const expm1 = u("expm1");
export const log = u("log");
export const log2 = u("log2");
export const log10 = u("log10");
export const log1p = u("log1p");
export const sin = u("sin");
export const cos = u("cos");
export const tan = u("tan");
export const asin = u("asin");
export const acos = u("acos");
export const atan = u("atan");
export const sinh = u("sinh");
export const cosh = u("cosh");
export const tanh = u("tanh");
export const asinh = u("asinh");
export const acosh = u("acosh");
export const atanh = u("atanh");
export const erf = u("erf");
export const sigmoid = u("sigmoid");
export const relu = u("relu");
export const floor = u("floor");
export const ceil = u("ceil");
export const trunc = u("trunc");
export const fix = trunc;
export const reciprocal = u("reciprocal");
export const isnan = u("isnan");
export const isinf = u("isinf");
export const isfinite = u("isfinite");
export const signbit = u("signbit");

export const matmul = (a: Tensor, b: Tensor): Tensor => M.matmul(a, b);
export const mm = (a: Tensor, b: Tensor): Tensor => M.mm(a, b);
export const bmm = (a: Tensor, b: Tensor): Tensor => M.bmm(a, b);
export const mv = (a: Tensor, v: Tensor): Tensor => M.mv(a, v);
export const dot = (a: Tensor, b: Tensor): Tensor => M.dot(a, b);
export const outer = (a: Tensor, b: Tensor): Tensor => M.outer(a, b);

export const sum = (x: Tensor, dim?: DimArg | ReduceOptions, keepdim?: boolean, o?: ReduceOptions): Tensor => x.sum(dim, keepdim, o);
export const prod = (x: Tensor, dim?: number | ReduceOptions, keepdim?: boolean, o?: ReduceOptions): Tensor => x.prod(dim, keepdim, o);
export const mean = (x: Tensor, dim?: DimArg | ReduceOptions, keepdim?: boolean, o?: ReduceOptions): Tensor => x.mean(dim, keepdim, o);
export const amax = (x: Tensor, dim?: DimArg | ReduceOptions, keepdim?: boolean): Tensor => x.amax(dim, keepdim);
export const amin = (x: Tensor, dim?: DimArg | ReduceOptions, keepdim?: boolean): Tensor => x.amin(dim, keepdim);
export const argmax = (x: Tensor, dim?: number | ReduceOptions, keepdim?: boolean): Tensor => x.argmax(dim, keepdim);
export const argmin = (x: Tensor, dim?: number | ReduceOptions, keepdim?: boolean): Tensor => x.argmin(dim, keepdim);
export const std = (x: Tensor, dim?: DimArg | VarOptions, keepdim?: boolean, o?: VarOptions): Tensor => x.std(dim, keepdim, o);
export const variance = (x: Tensor, dim?: DimArg | VarOptions, keepdim?: boolean, o?: VarOptions): Tensor => x.var(dim, keepdim, o);
export { variance as var };
export const all = (x: Tensor, dim?: DimArg | ReduceOptions, keepdim?: boolean): Tensor => x.all(dim, keepdim);
export const any = (x: Tensor, dim?: DimArg | ReduceOptions, keepdim?: boolean): Tensor => x.any(dim, keepdim);
export const logsumexp = (x: Tensor, dim: DimArg, keepdim?: boolean): Tensor => x.logsumexp(dim, keepdim);
export const cumsum = (x: Tensor, dim: number, o?: { dtype?: DType }): Tensor => x.cumsum(dim, o);
export const cumprod = (x: Tensor, dim: number, o?: { dtype?: DType }): Tensor => x.cumprod(dim, o);

export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number | ReduceOptions, keepdim?: boolean): ValuesIndices;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, arg?: number | ReduceOptions | Tensor, keepdim?: boolean): Tensor | ValuesIndices {
  return arg === undefined ? x.max() : arg instanceof Tensor ? x.max(arg) : x.max(arg, keepdim);
}
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number | ReduceOptions, keepdim?: boolean): ValuesIndices;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, arg?: number | ReduceOptions | Tensor, keepdim?: boolean): Tensor | ValuesIndices {
  return arg === undefined ? x.min() : arg instanceof Tensor ? x.min(arg) : x.min(arg, keepdim);
}

export const reshape = (x: Tensor, shape: readonly number[]): Tensor => x.reshape(shape);
export const flatten = (x: Tensor, startDim?: number, endDim?: number): Tensor => x.flatten(startDim, endDim);
export const transpose = (x: Tensor, d0: number, d1: number): Tensor => x.transpose(d0, d1);
export const permute = (x: Tensor, dims: readonly number[]): Tensor => x.permute(dims);
export const squeeze = (x: Tensor, dim?: number | readonly number[]): Tensor => x.squeeze(dim);
export const unsqueeze = (x: Tensor, dim: number): Tensor => x.unsqueeze(dim);
export const clone = (x: Tensor): Tensor => x.clone();
export const numel = (x: Tensor): number => x.numel();
export const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;
export type { Scalar };
export const narrow = (x: Tensor, dim: number, start: number, length: number): Tensor => x.narrow(dim, start, length);
export const select = (x: Tensor, dim: number, index: number): Tensor => x.select(dim, index);
export const diagonal = (x: Tensor, offset?: number, dim1?: number, dim2?: number): Tensor => x.diagonal(offset, dim1, dim2);
export const split = (x: Tensor, s: number | readonly number[], dim?: number): Tensor[] => x.split(s, dim);
export const chunk = (x: Tensor, chunks: number, dim?: number): Tensor[] => x.chunk(chunks, dim);
export const unbind = (x: Tensor, dim?: number): Tensor[] => x.unbind(dim);
export const movedim = (x: Tensor, s: number | readonly number[], d: number | readonly number[]): Tensor => x.movedim(s, d);
export const moveaxis = movedim;
export const swapaxes = (x: Tensor, a: number, b: number): Tensor => x.transpose(a, b);
export const swapdims = swapaxes;
export const unflatten = (x: Tensor, dim: number, sizes: readonly number[]): Tensor => x.unflatten(dim, sizes);
export const broadcastTo = (x: Tensor, shape: readonly number[]): Tensor => x.expand(shape);
export const t = (x: Tensor): Tensor => x.t();
export const detach = (x: Tensor): Tensor => x.detach();
/** Whether two tensors share storage (PyTorch: `a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()`). */
export const sharesStorage = (a: Tensor, b: Tensor): boolean => a.sharesStorage(b);
