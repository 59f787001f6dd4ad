/**
 * Creation functions: `tensor`, the legacy constructors, ranges, filled tensors and `*Like`.
 * Dtype defaults follow PyTorch (API.md rule 4): integral data → int64, floats → the default
 * dtype, booleans → bool; `full`'s fill value decides its dtype the same way.
 */
import type { DType, Scalar } from "../dtype.js";
import { isFloatingPoint, makeStorageArray } from "../dtype.js";
import { RuntimeError } from "../errors.js";
import { numberToBfloat16Bits, numberToFloat16Bits, roundToBfloat16, roundToFloat16 } from "../float16.js";
import { parseSize } from "../shape.js";
import { Tensor } from "../tensor.js";
import type { Device } from "../device.js";
import { canonicalDevice, getBackend } from "../device.js";
import { getDefaultDtype } from "../default-dtype.js";
import { scalarKind } from "../promotion.js";
import { castScalar, checkScalarFits } from "./scalar.js";
import { inferData, isTypedArray } from "./infer.js";
import type { NestedData } from "./infer.js";
import type { LegacyTensorType } from "./convert.js";
import type { NDArray } from "./numpy.js";
import { fromNumpy, isNDArray } from "./numpy.js";
import { legacyTypeName } from "./convert.js";

export interface TensorOptions {
  dtype?: DType;
  device?: Device;
  requiresGrad?: boolean;
}

/** Stores scalars into a storage array of `dtype`, with PyTorch's cast of each value. */
function encode(flat: readonly Scalar[], dtype: DType): ReturnType<typeof makeStorageArray> {
  const out = makeStorageArray(dtype, flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = castScalar(flat[i] as Scalar, dtype);
    if (dtype === "float16") (out as Uint16Array)[i] = numberToFloat16Bits(v as number);
    else if (dtype === "bfloat16") (out as Uint16Array)[i] = numberToBfloat16Bits(v as number);
    else (out as unknown as (number | bigint)[])[i] = v;
  }
  return out;
}

function finish(t: Tensor, options?: TensorOptions): Tensor {
  if (options?.requiresGrad) t.requiresGrad_(true);
  return t;
}

/** A contiguous tensor holding `flat` (row-major) with `shape` and `dtype`. */
export function fromFlat(flat: readonly Scalar[], shape: readonly number[], dtype: DType, device: Device = "cpu"): Tensor {
  const t = Tensor._empty(shape, dtype, device);
  getBackend(device).write(t._storage.buffer, dtype, encode(flat, dtype), 0);
  return t;
}

/**
 * `torch.tensor(data, { dtype, device, requiresGrad })`: always copies (a Tensor or an NDArray too).
 * @example torch.tensor([[1, 2, 3], [4, 5, 6]])   // int64, shape [2, 3]
 * @example torch.tensor(3.5)                       // tensor(3.5000)
 */
export function tensor(data: NestedData | Tensor | NDArray, options?: TensorOptions): Tensor {
  const device = canonicalDevice(options?.device ?? "cpu");
  if (data instanceof Tensor || isNDArray(data)) {
    // An NDArray keeps its dtype (float64 stays float64, as PyTorch's torch.tensor(ndarray)).
    const src = data instanceof Tensor ? data.detach() : fromNumpy(data);
    const t = src.to({ dtype: options?.dtype ?? src.dtype, device }, { copy: true });
    src.dispose(); // a temporary view: the copy owns its own storage
    return finish(t, options);
  }
  const { shape, dtype, flat } = inferData(data);
  const d = options?.dtype ?? dtype;
  if (isTypedArray(data) && data.length === flat.length && (options?.dtype === undefined || options.dtype === dtype)) {
    const t = Tensor._empty(shape, d, device);
    getBackend(device).write(t._storage.buffer, d, data as never, 0);
    return finish(t, options);
  }
  return finish(fromFlat(flat, shape, d, device), options);
}

export type SizeArgs = number[] | [readonly number[]];
type SizeAndOptions = [...SizeArgs] | [...number[], TensorOptions] | [readonly number[], TensorOptions];

/** Splits `(2, 3)`, `([2, 3])`, `(2, 3, { dtype })`, `([2, 3], { dtype })` into size and options. */
export function sizeAndOptions(op: string, args: readonly unknown[]): { size: number[]; options: TensorOptions } {
  const last = args[args.length - 1];
  const hasOptions = last !== null && typeof last === "object" && !Array.isArray(last);
  const options = (hasOptions ? last : {}) as TensorOptions;
  return { size: parseSize(hasOptions ? args.slice(0, -1) : args, op), options };
}

function filled(size: readonly number[], value: Scalar, dtype: DType, options: TensorOptions): Tensor {
  const device = canonicalDevice(options.device ?? "cpu");
  const t = Tensor._empty(size, dtype, device);
  getBackend(device).fill(t._operand, castScalar(value, dtype));
  return finish(t, options);
}

export function zeros(...args: SizeAndOptions): Tensor {
  const { size, options } = sizeAndOptions("zeros", args);
  return filled(size, 0, options.dtype ?? getDefaultDtype(), options);
}
export function ones(...args: SizeAndOptions): Tensor {
  const { size, options } = sizeAndOptions("ones", args);
  return filled(size, 1, options.dtype ?? getDefaultDtype(), options);
}
/** `torch.empty`: uninitialised values (pooled memory may hold anything). */
export function empty(...args: SizeAndOptions): Tensor {
  const { size, options } = sizeAndOptions("empty", args);
  const device = canonicalDevice(options.device ?? "cpu");
  return finish(Tensor._empty(size, options.dtype ?? getDefaultDtype(), device), options);
}
/** `torch.full(size, value)`: dtype from the value as PyTorch infers it (2 → int64, 2.5 → float32, true → bool). */
export function full(size: readonly number[], value: Scalar, options: TensorOptions = {}): Tensor {
  const kind = scalarKind(value);
  const inferred: DType = kind === "bool" ? "bool" : kind === "int" ? "int64" : getDefaultDtype();
  checkScalarFits(value, options.dtype ?? inferred);
  return filled(parseSize([size], "full"), value, options.dtype ?? inferred, options);
}

export type LikeOptions = TensorOptions;
const likeOpts = (x: Tensor, o?: LikeOptions): TensorOptions => ({
  dtype: o?.dtype ?? x.dtype,
  device: o?.device ?? x.device,
  ...(o?.requiresGrad !== undefined ? { requiresGrad: o.requiresGrad } : {}),
});
export const zerosLike = (x: Tensor, o?: LikeOptions): Tensor => zeros([...x.shape], likeOpts(x, o));
export const onesLike = (x: Tensor, o?: LikeOptions): Tensor => ones([...x.shape], likeOpts(x, o));
export const emptyLike = (x: Tensor, o?: LikeOptions): Tensor => empty([...x.shape], likeOpts(x, o));
export const fullLike = (x: Tensor, value: Scalar, o?: LikeOptions): Tensor => full(x.shape, value, likeOpts(x, o));

/** `torch.eye(n, m?)`: ones on the diagonal. */
export function eye(n: number, m?: number | TensorOptions, options?: TensorOptions): Tensor {
  const cols = typeof m === "number" ? m : n;
  const o = (typeof m === "object" ? m : options) ?? {};
  const dtype = o.dtype ?? getDefaultDtype();
  const flat: Scalar[] = new Array<Scalar>(n * cols).fill(0);
  for (let i = 0; i < Math.min(n, cols); i++) flat[i * cols + i] = 1;
  return finish(fromFlat(flat, parseSize([n, cols], "eye"), dtype, canonicalDevice(o.device ?? "cpu")), o);
}

/**
 * `torch.arange(end)`, `arange(start, end, step?)`: int64 when every bound is integral, else the
 * default float dtype. Values are `start + i * step` computed in float64, then cast (as PyTorch's
 * CPU kernel does with its double accumulator).
 */
export function arange(...args: (number | TensorOptions)[]): Tensor {
  const o = (typeof args[args.length - 1] === "object" ? args.pop() : {}) as TensorOptions;
  const nums = args as number[];
  const [start, end, step] = nums.length === 1 ? [0, nums[0] as number, 1] : [nums[0] as number, nums[1] as number, nums[2] ?? 1];
  if (step === 0) throw new RuntimeError("step must be nonzero");
  // An explicit integral dtype computes in int64 with truncated start/step, as PyTorch's kernel.
  const intOut = o.dtype !== undefined && !isFloatingPoint(o.dtype);
  if (intOut && Math.trunc(step) === 0) throw new RuntimeError("step must be nonzero");
  if ((end - start) * step < 0 && end !== start) {
    throw new RuntimeError("upper bound and larger bound inconsistent with step sign");
  }
  const integral = [start, end, step].every((v) => Number.isInteger(v));
  const dtype = o.dtype ?? (integral ? "int64" : getDefaultDtype());
  const n = Math.max(Math.ceil((end - start) / step), 0);
  const flat: number[] = new Array<number>(n);
  const [s0, st] = intOut ? [Math.trunc(start), Math.trunc(step)] : [start, step];
  for (let i = 0; i < n; i++) flat[i] = s0 + i * st;
  return finish(fromFlat(flat, [n], dtype, canonicalDevice(o.device ?? "cpu")), o);
}

/**
 * `torch.linspace(start, end, steps)`: the first half counts up from `start`, the second half
 * down from `end`, so both endpoints are exact (PyTorch's CPU algorithm).
 */
export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new RuntimeError("number of steps must be non-negative");
  const dtype = options.dtype ?? getDefaultDtype();
  const flat = linspaceValues(start, end, steps, dtype);
  return finish(fromFlat(flat, [steps], dtype, canonicalDevice(options.device ?? "cpu")), options);
}

const ROUND: Partial<Record<DType, (x: number) => number>> = {
  float16: roundToFloat16,
  bfloat16: roundToBfloat16,
  float32: Math.fround,
  float64: (x) => x,
};

/** `a * b + c` with one rounding (Dekker's exact product), as the fused multiply-add PyTorch's build uses. */
function fma(a: number, b: number, c: number): number {
  const p = a * b;
  const split = (x: number): [number, number] => {
    const t = 134217729 * x; // 2^27 + 1
    const hi = t - (t - x);
    return [hi, x - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const err = ah * bh - p + ah * bl + al * bh + al * bl;
  return p + c + err;
}

/**
 * PyTorch's CPU linspace: floating dtypes compute start, end and step in the dtype; each value is
 * `start + step * i` (first half) or `end - step * (steps - 1 - i)` (second half) as one fused
 * multiply-add for float32/float64, and rounded per operation for float16/bfloat16 (c10's Half
 * arithmetic). Integral dtypes cast start and end to the dtype (wrapping), step in float64, and
 * truncate each value.
 */
function linspaceValues(start: number, end: number, steps: number, dtype: DType): number[] {
  const out: number[] = new Array<number>(steps);
  const r = ROUND[dtype];
  const [s, e] = r ? [r(start), r(end)] : [Number(castScalar(start, dtype)), Number(castScalar(end, dtype))];
  if (steps === 1) out[0] = s;
  if (steps <= 1) return out;
  const step = r ? r(r(e - s) / (steps - 1)) : (e - s) / (steps - 1);
  const half = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) {
    const k = i < half ? i : -(steps - i - 1);
    const base = i < half ? s : e;
    if (dtype === "float64") out[i] = fma(step, k, base);
    else if (dtype === "float32") out[i] = Math.fround(base + step * k); // step * k is exact in float64
    else if (r) out[i] = r(base + r(step * k));
    else out[i] = base + step * k;
  }
  return out;
}

/** `torch.logspace(start, end, steps, base = 10)`: base ** linspace(start, end, steps). */
export function logspace(start: number, end: number, steps: number, base = 10, options: TensorOptions = {}): Tensor {
  const dtype = options.dtype ?? getDefaultDtype();
  const device = canonicalDevice(options.device ?? "cpu");
  const float = isFloatingPoint(dtype);
  const flat = linspaceValues(start, end, steps, float ? "float64" : dtype).map((e) => base ** e);
  // Integral dtypes: powers far out of range cast as the backend casts (PyTorch's C cast), not as a checked scalar.
  if (!float) return finish(fromFlat(flat, [steps], "float64", device).to(dtype), options);
  return finish(fromFlat(flat, [steps], dtype, device), options);
}

/**
 * A legacy constructor (`torch.FloatTensor`, `torch.IntTensor`, ...): called with sizes it makes
 * an uninitialised tensor, called with data it converts the data (truncating toward zero for
 * integer types: `torch.IntTensor([2.7, 3.5])` → `[2, 3]`). Also a type for `x.type(...)`.
 */
export interface LegacyConstructor extends LegacyTensorType {
  (...args: number[] | [readonly number[]] | [NestedData]): Tensor;
}

export function legacyConstructor(dtype: DType): LegacyConstructor {
  const ctor = (...args: unknown[]): Tensor => {
    const first = args[0];
    const isSizes = args.every((a) => typeof a === "number") && !(args.length === 0);
    if (args.length === 0) return Tensor._empty([0], dtype, "cpu");
    if (isSizes) return Tensor._empty(parseSize(args, legacyTypeName(dtype)), dtype, "cpu");
    const { shape, flat } = inferData(first as NestedData);
    return fromFlat(flat, shape, dtype);
  };
  return Object.assign(ctor, { dtype, typeName: legacyTypeName(dtype) }) as LegacyConstructor;
}
