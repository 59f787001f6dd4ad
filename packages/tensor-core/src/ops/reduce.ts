/**
 * Reductions with `dim` (a number or a list; omitted = all dims) and `keepdim`, and scans.
 *
 * Dtype rules as PyTorch: sum/prod/cumsum/cumprod of bool or integers → int64; mean/std/var need a
 * floating dtype (the error suggests `.float()`, since JS data with integral values infers int64);
 * max/min keep the dtype and propagate NaN; argmax/argmin give int64, first index of the extreme.
 */
import type { DType } from "../dtype.js";
import { isFloatingPoint, torchName } from "../dtype.js";
import { IndexError, RuntimeError } from "../errors.js";
import type { ArgReduceOp, ReduceOp, ScanOp } from "../primitives.js";
import { contiguousStrides, normalizeDim, numel } from "../shape.js";
import { Tensor } from "../tensor.js";
import { getBackend } from "../device.js";
import { dispatch } from "../dispatch.js";
import { castTensor } from "./operands.js";
import { binary, unary } from "./elementwise.js";

export type DimArg = number | readonly number[];
export interface ReduceOptions {
  dim?: DimArg | null;
  keepdim?: boolean;
  dtype?: DType;
}
export interface VarOptions extends ReduceOptions {
  /** Bessel's correction: 1 (default) divides by N − 1, 0 by N. */
  correction?: number;
  unbiased?: boolean;
}
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}
interface Args {
  dim: DimArg | null;
  keepdim: boolean;
  dtype?: DType;
}

/** Accepts `sum()`, `sum(0)`, `sum([0, 1], true)`, `sum({ dim, keepdim, dtype })`, `sum(0, true, { dtype })`. */
export function reduceArgs(dim?: DimArg | ReduceOptions | null, keepdim?: boolean, options?: ReduceOptions): Args {
  if (dim !== null && dim !== undefined && typeof dim === "object" && !Array.isArray(dim)) {
    const o = dim as ReduceOptions;
    return { dim: o.dim ?? null, keepdim: o.keepdim ?? false, ...(o.dtype ? { dtype: o.dtype } : {}) };
  }
  const d = (dim ?? null) as DimArg | null;
  const dtype = options?.dtype;
  return { dim: d, keepdim: keepdim ?? options?.keepdim ?? false, ...(dtype ? { dtype } : {}) };
}
export function varArgs(dim?: DimArg | VarOptions | null, keepdim?: boolean, options?: VarOptions): Args & { correction: number } {
  const o: VarOptions = dim !== null && typeof dim === "object" && !Array.isArray(dim) ? (dim as VarOptions) : (options ?? {});
  const correction = o.correction ?? (o.unbiased === false ? 0 : 1);
  return { ...reduceArgs(dim, keepdim, options), correction };
}

/** The reduced axes, normalised, sorted and checked for repeats. */
export function reduceAxes(x: Tensor, dim: DimArg | null): number[] {
  if (dim === null) return x.shape.map((_, i) => i);
  const list = typeof dim === "number" ? [dim] : [...dim];
  const axes = list.map((d) => normalizeDim(d, x.ndim));
  for (let i = 0; i < axes.length; i++) {
    if (axes.indexOf(axes[i] as number) !== i) {
      throw new RuntimeError(`dim ${axes[i]} appears multiple times in the list of dims`);
    }
  }
  return axes.filter((a) => a < x.ndim).sort((a, b) => a - b);
}

/** The keepdim shape (reduced axes → 1) and the result shape. */
function shapes(x: Tensor, axes: readonly number[], keepdim: boolean): { kept: number[]; result: number[] } {
  const kept = x.shape.map((s, i) => (axes.includes(i) ? 1 : s));
  const result = keepdim ? kept : x.shape.filter((_, i) => !axes.includes(i));
  return { kept, result };
}

/** Runs the reduce primitive on `x` (already of the accumulation dtype) and shapes the result. */
function reducePrim(op: ReduceOp, x: Tensor, axes: readonly number[], keepdim: boolean): Tensor {
  const { kept, result } = shapes(x, axes, keepdim);
  const out = Tensor._empty(kept, x.dtype, x.device);
  getBackend(x.device).reduce(op, out._operand, x._operand, axes);
  if (keepdim) return out;
  const view = out._view(result, contiguousStrides(result), 0);
  out.dispose();
  return view;
}

/** sum/prod accumulate bool and integers in int64, as PyTorch. */
const accDtype = (d: DType): DType => (isFloatingPoint(d) ? d : "int64");

function sumLike(op: "sum" | "prod", x: Tensor, a: Args): Tensor {
  return dispatch(op, [x], { dim: a.dim, keepdim: a.keepdim }, () => {
    const axes = reduceAxes(x, a.dim);
    const input = castTensor(x, a.dtype ?? accDtype(x.dtype));
    try {
      return reducePrim(op, input, axes, a.keepdim);
    } finally {
      if (input !== x) input.dispose();
    }
  });
}
export const sum = (x: Tensor, a: Args): Tensor => sumLike("sum", x, a);
export const prod = (x: Tensor, a: Args): Tensor => sumLike("prod", x, a);

function requireFloat(op: string, x: Tensor, dtype?: DType): void {
  const d = dtype ?? x.dtype;
  if (!isFloatingPoint(d)) {
    const which = dtype === undefined ? "Input" : "Optional";
    throw new RuntimeError(
      `${op}(): could not infer output dtype. ${which} dtype must be either a floating point or complex dtype. Got: ${torchName(d)}` +
        " (typetorch: JS numbers with integral values infer int64; call .float() first)",
    );
  }
}

/** The number of elements each output of a reduction over `axes` combines. */
const reducedCount = (x: Tensor, axes: readonly number[]): number => axes.reduce((n, a) => n * (x.shape[a] as number), 1);

export function mean(x: Tensor, a: Args): Tensor {
  requireFloat("mean", x, a.dtype);
  return dispatch("mean", [x], { dim: a.dim, keepdim: a.keepdim }, () => {
    const axes = reduceAxes(x, a.dim);
    const s = sum(x, { ...a, dim: axes });
    return binary("div", s, reducedCount(x, axes));
  });
}

export function variance(x: Tensor, a: Args & { correction: number }): Tensor {
  if (!isFloatingPoint(x.dtype)) throw new RuntimeError("std and var only support floating point and complex dtypes");
  return dispatch("var", [x], { dim: a.dim, keepdim: a.keepdim, correction: a.correction }, () => {
    const axes = reduceAxes(x, a.dim);
    const centered = binary("sub", x, mean(x, { dim: axes, keepdim: true }));
    const ss = sum(binary("mul", centered, centered), { dim: axes, keepdim: a.keepdim });
    return binary("div", ss, Math.max(reducedCount(x, axes) - a.correction, 0));
  });
}
export function std(x: Tensor, a: Args & { correction: number }): Tensor {
  if (!isFloatingPoint(x.dtype)) throw new RuntimeError("std and var only support floating point and complex dtypes");
  return dispatch("std", [x], { dim: a.dim, keepdim: a.keepdim, correction: a.correction }, () => unary("sqrt", variance(x, a)));
}

function checkNonEmpty(op: string, x: Tensor, axes: readonly number[], dimGiven: boolean, Err = RuntimeError): void {
  if (x.numel() !== 0) return;
  if (!dimGiven) {
    throw new Err(
      `${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
    );
  }
  for (const ax of axes) {
    if (x.shape[ax] === 0) {
      throw new IndexError(`${op}(): Expected reduction dim ${ax} to have non-zero size.`);
    }
  }
}

function extreme(op: "max" | "min", name: string, x: Tensor, a: Args): Tensor {
  return dispatch(name, [x], { dim: a.dim, keepdim: a.keepdim }, () => {
    const axes = reduceAxes(x, a.dim);
    checkNonEmpty(name, x, axes, a.dim !== null);
    return reducePrim(op, x, axes, a.keepdim);
  });
}
export const amax = (x: Tensor, a: Args): Tensor => extreme("max", "amax", x, a);
export const amin = (x: Tensor, a: Args): Tensor => extreme("min", "amin", x, a);

/** `viaMaxMin`: the indices of `max(dim)`/`min(dim)`, which PyTorch allows on bool (argmax refuses). */
export function argReduce(op: ArgReduceOp, x: Tensor, a: Args, viaMaxMin = false): Tensor {
  if (Array.isArray(a.dim)) throw new RuntimeError(`${op}(): dim must be a single integer`);
  if (x.dtype === "bool" && !viaMaxMin) throw new RuntimeError(`"${op}_cpu" not implemented for 'Bool'`);
  return dispatch(op, [x], { dim: a.dim, keepdim: a.keepdim }, () => {
    const flat = a.dim === null;
    const src = flat ? x.reshape(-1) : x;
    const axis = flat ? 0 : normalizeDim(a.dim as number, x.ndim);
    checkNonEmpty(op, src, [axis], !flat, IndexError); // PyTorch raises IndexError here, RuntimeError for max
    if (src.ndim === 0) {
      const zero = Tensor._empty([], "int64", x.device);
      getBackend(x.device).fill(zero._operand, 0n);
      return zero;
    }
    const kept = src.shape.map((s, i) => (i === axis ? 1 : s));
    const out = Tensor._empty(kept, "int64", x.device);
    getBackend(x.device).argReduce(op, out._operand, src._operand, axis);
    if (flat) {
      const r = a.keepdim ? out.reshape(x.shape.map(() => 1)) : out.reshape([]);
      return r;
    }
    return a.keepdim ? out : out.squeeze(axis);
  });
}

/** `x.max()`, `x.max(dim, keepdim)` → `{ values, indices }`, `x.max(other)` → `maximum`. */
export function maxMin(
  op: "max" | "min",
  x: Tensor,
  arg?: number | ReduceOptions | Tensor,
  keepdim?: boolean,
): Tensor | ValuesIndices {
  if (arg instanceof Tensor) return binary(op === "max" ? "maximum" : "minimum", x, arg);
  const a = reduceArgs(arg, keepdim);
  if (a.dim === null) return extreme(op, op, x, a);
  const values = extreme(op, op, x, a);
  const indices = argReduce(op === "max" ? "argmax" : "argmin", x, a, true);
  return returnTypes(op, values, indices);
}

/**
 * PyTorch's named tuple `torch.return_types.max(values=…, indices=…)`: destructures as
 * `{ values, indices }` and prints as PyTorch's repr (toString is non-enumerable).
 */
export function returnTypes(name: string, values: Tensor, indices: Tensor): ValuesIndices {
  const out = { values, indices };
  Object.defineProperty(out, "toString", {
    value: () => `torch.return_types.${name}(\nvalues=${String(values)},\nindices=${String(indices)})`,
  });
  return out;
}

/** all/any: bool results (uint8 input keeps uint8, a PyTorch quirk kept for fidelity). */
export function allAny(op: "all" | "any", x: Tensor, a: Args): Tensor {
  return dispatch(op, [x], { dim: a.dim, keepdim: a.keepdim }, () => {
    const axes = reduceAxes(x, a.dim);
    const asBool = castTensor(x, "bool");
    const r = reducePrim(op, asBool, axes, a.keepdim);
    if (asBool !== x) asBool.dispose();
    return x.dtype === "uint8" ? castTensor(r, "uint8") : r;
  });
}

/** `logsumexp`: max-shifted so large inputs do not overflow; an all −Inf slice gives −Inf. */
export function logsumexp(x: Tensor, a: { dim: DimArg; keepdim: boolean }): Tensor {
  const input = isFloatingPoint(x.dtype) ? x : x.float();
  return dispatch("logsumexp", [input], { dim: a.dim, keepdim: a.keepdim }, () => {
    const axes = reduceAxes(input, a.dim);
    if (input.numel() === 0) return unary("log", sum(unary("exp", input), { dim: axes, keepdim: a.keepdim }));
    const m = amax(input, { dim: axes, keepdim: true });
    const finiteM = m.where(unary("isfinite", m), 0);
    const s = sum(unary("exp", binary("sub", input, finiteM)), { dim: axes, keepdim: a.keepdim });
    const shift = a.keepdim ? finiteM : finiteM.squeeze(axes);
    return binary("add", unary("log", s), shift);
  });
}

/** cumsum/cumprod along `dim`; integers and bool accumulate in int64. */
export function scan(op: ScanOp, x: Tensor, dim: number, dtype?: DType): Tensor {
  return dispatch(op, [x], { dim }, () => {
    const axis = normalizeDim(dim, x.ndim);
    const input = castTensor(x, dtype ?? accDtype(x.dtype));
    const out = Tensor._empty(input.shape, input.dtype, x.device);
    if (numel(x.shape) > 0) {
      if (input.ndim === 0) getBackend(x.device).copy(out._operand, input._operand);
      else getBackend(x.device).scan(op, out._operand, input._operand, axis);
    }
    if (input !== x) input.dispose();
    return out;
  });
}
