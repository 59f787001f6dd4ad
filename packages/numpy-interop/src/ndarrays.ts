/**
 * The ndarray objects JavaScript users already hold — scijs `ndarray` and `@stdlib/ndarray` — to
 * and from NDArray, sharing memory whenever the layout allows (both count strides and offset in
 * elements, as NDArray does). Only their documented object shapes are used, so neither library is
 * a dependency: pass your `ndarray` factory / stdlib constructor to the `to*` functions.
 *
 * Copies happen only where typetorch cannot view the layout: negative strides (flipped views) are
 * gathered into C order. Dtypes with no counterpart are refused with a message.
 */
import type { DType, NDArray, StorageArray } from "@typetorch/tensor-core";
import { NpyFormatError } from "./errors.js";
import type { Arrayish } from "./io.js";
import { asNDArray } from "./io.js";
import { gatherC, layoutStrides } from "./npy.js";

/** A scijs `ndarray` (https://github.com/scijs/ndarray), as far as we read it. */
export interface ScijsNdarray {
  readonly data: unknown;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
  readonly offset: number;
  readonly dtype: string;
}
/** scijs `ndarray(data, shape, stride, offset)`. */
export type ScijsFactory<T> = (data: StorageArray, shape: number[], stride: number[], offset: number) => T;

/** A `@stdlib/ndarray` object (`ndarray(dtype, buffer, shape, strides, offset, order)`). */
export interface StdlibNdarray {
  readonly dtype: unknown; // a string, or a data-type object whose String() is the name
  readonly data: unknown;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly order: string;
}
export type StdlibConstructor<T> = new (
  dtype: string,
  buffer: StorageArray,
  shape: number[],
  strides: number[],
  offset: number,
  order: "row-major" | "column-major",
) => T;

const SCIJS_DTYPES: Readonly<Record<string, DType>> = {
  float32: "float32",
  float64: "float64",
  int8: "int8",
  int16: "int16",
  int32: "int32",
  uint8: "uint8",
  uint8_clamped: "uint8",
  bigint64: "int64",
};
const STDLIB_DTYPES: Readonly<Record<string, DType>> = {
  float32: "float32",
  float64: "float64",
  int8: "int8",
  int16: "int16",
  int32: "int32",
  uint8: "uint8",
  uint8c: "uint8",
  bool: "bool",
};

/** The storage array of `dtype` over the same memory as `data` (Uint8ClampedArray, BooleanArray → Uint8Array). */
function storageOf(dtype: DType, data: unknown, lib: string): StorageArray {
  const d = data as { buffer?: unknown; byteOffset?: number; length?: number };
  if (!(d?.buffer instanceof ArrayBuffer) || typeof d.byteOffset !== "number" || typeof d.length !== "number") {
    throw new NpyFormatError(`${lib} ndarray of dtype ${dtype} must be backed by a typed array`);
  }
  if ((dtype === "uint8" || dtype === "bool") && !(data instanceof Uint8Array)) return new Uint8Array(d.buffer, d.byteOffset, d.length);
  return data as StorageArray;
}

function share(nd: NDArray): NDArray {
  if (nd.strides.every((s) => s >= 0)) return nd;
  // A flipped view: typetorch has no negative strides, so this is the one layout that copies.
  return { ...nd, data: gatherC(nd), strides: layoutStrides(nd.shape, false), offset: 0 };
}

/** A scijs ndarray as an NDArray (no copy unless a stride is negative). */
export function fromScijs(a: ScijsNdarray): NDArray {
  const dtype = SCIJS_DTYPES[a.dtype];
  if (!dtype) throw new NpyFormatError(`scijs ndarray dtype '${a.dtype}' has no typetorch dtype (supported: ${Object.keys(SCIJS_DTYPES).join(", ")})`);
  return share({ data: storageOf(dtype, a.data, "scijs"), shape: [...a.shape], strides: [...a.stride], dtype, offset: a.offset });
}

/** A scijs ndarray sharing the tensor's (or NDArray's) memory; pass scijs's `ndarray` function. */
export function toScijs<T>(x: Arrayish, ndarray: ScijsFactory<T>): T {
  const nd = asNDArray(x);
  if (nd.dtype === "float16" || nd.dtype === "bfloat16") {
    throw new NpyFormatError(`scijs ndarray has no ${nd.dtype} dtype; convert with .float() first`);
  }
  return ndarray(nd.data, [...nd.shape], [...nd.strides], nd.offset);
}

/** A `@stdlib/ndarray` as an NDArray (no copy unless a stride is negative). */
export function fromStdlib(a: StdlibNdarray): NDArray {
  const name = String(a.dtype);
  const dtype = STDLIB_DTYPES[name];
  if (!dtype) throw new NpyFormatError(`@stdlib/ndarray dtype '${name}' has no typetorch dtype (supported: ${Object.keys(STDLIB_DTYPES).join(", ")})`);
  return share({ data: storageOf(dtype, a.data, "@stdlib"), shape: [...a.shape], strides: [...a.strides], dtype, offset: a.offset });
}

/**
 * A `@stdlib/ndarray` sharing the tensor's memory; pass stdlib's `ndarray` constructor. bool is
 * handed over as `uint8` (stdlib's `bool` wants its own BooleanArray); int64 and 16-bit floats
 * have no stdlib dtype and are refused.
 */
export function toStdlib<T>(x: Arrayish, ndarray: StdlibConstructor<T>): T {
  const nd = asNDArray(x);
  if (nd.dtype === "int64" || nd.dtype === "float16" || nd.dtype === "bfloat16") {
    throw new NpyFormatError(`@stdlib/ndarray has no ${nd.dtype} dtype; convert first (e.g. .double())`);
  }
  const fortran = nd.shape.length > 1 && nd.strides.every((s, i) => (nd.shape[i] as number) <= 1 || s === layoutStrides(nd.shape, true)[i]);
  const dtype = nd.dtype === "bool" ? "uint8" : nd.dtype;
  return new ndarray(dtype, nd.data, [...nd.shape], [...nd.strides], nd.offset, fortran ? "column-major" : "row-major");
}

const DTYPE_OF_ARRAY: readonly (readonly [abstract new (...a: never[]) => StorageArray, DType])[] = [
  [Float64Array, "float64"],
  [Float32Array, "float32"],
  [BigInt64Array, "int64"],
  [Int32Array, "int32"],
  [Int16Array, "int16"],
  [Int8Array, "int8"],
  [Uint8Array, "uint8"],
];

/**
 * `np.asarray(typedArray).reshape(shape)`: a C-contiguous NDArray over `data` (no copy). The dtype
 * follows the array type; pass `dtype` for bool (Uint8Array) or float16/bfloat16 (Uint16Array bits).
 * @example torch.fromNumpy(asarray(new Float64Array([1, 2, 3, 4]), [2, 2]))
 */
export function asarray(data: StorageArray, shape: readonly number[] = [data.length], dtype?: DType): NDArray {
  const d = dtype ?? DTYPE_OF_ARRAY.find(([C]) => data instanceof C)?.[1];
  if (d === undefined) throw new NpyFormatError(`asarray: pass a dtype for a ${data.constructor.name}`);
  return { data, shape: [...shape], strides: layoutStrides(shape, false), dtype: d, offset: 0 };
}

/** `nd.copy()`: a C-contiguous copy that shares nothing with `nd`. */
export function copyArray(nd: NDArray): NDArray {
  return { data: gatherC(nd), shape: [...nd.shape], strides: layoutStrides(nd.shape, false), dtype: nd.dtype, offset: 0 };
}
