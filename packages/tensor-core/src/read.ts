/**
 * Reading values out of a tensor (API.md rule 8). Synchronous reads work where the backend
 * declares `syncRead` (the CPU); every device supports the async forms.
 *
 * JS scalars returned: float dtypes → number; integers → number, except int64 values outside
 * ±(2^53 − 1), which come back as exact bigints; bool → boolean.
 */
import type { DType, Scalar, StorageArray } from "./dtype.js";
import { makeStorageArray } from "./dtype.js";
import { DeviceError, RuntimeError } from "./errors.js";
import { bfloat16BitsToNumber, float16BitsToNumber } from "./float16.js";
import { getBackend } from "./device.js";
import type { Tensor } from "./tensor.js";
import { copyAs } from "./ops/convert.js";

export type NestedList = Scalar | NestedList[];

/** The JS scalar for element `i` of a storage array of `dtype`. */
export function decode(data: StorageArray, dtype: DType, i: number): Scalar {
  const v = data[i] as number | bigint;
  switch (dtype) {
    case "bool":
      return v !== 0;
    case "float16":
      return float16BitsToNumber(v as number);
    case "bfloat16":
      return bfloat16BitsToNumber(v as number);
    case "int64": {
      const b = v as bigint;
      return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
    }
    default:
      return v;
  }
}

/** A contiguous copy of the values as a storage array (float16/bfloat16 as bit patterns). */
export function toArraySync(x: Tensor): StorageArray {
  const backend = getBackend(x.device);
  // An empty view may sit at an offset past its (empty) buffer: nothing to read.
  if (x.numel() === 0) return makeStorageArray(x.dtype, 0);
  if (!backend.readSync) {
    throw new DeviceError(
      `cannot read a ${x.device} tensor synchronously: use \`await x.toArray()\`, \`await x.tolistAsync()\`, \`await x.itemAsync()\` or \`await x.cpuAsync()\``,
    );
  }
  // An empty view may sit at an offset past its (empty) storage: there is nothing to read.
  if (x.numel() === 0) return makeStorageArray(x.dtype, 0);
  const c = x.isContiguous() ? x : copyAs(x, x.dtype, "contiguous");
  const data = backend.readSync(c._storage.buffer, c.dtype, c.storageOffset(), c.numel());
  if (c !== x) c.dispose();
  return data;
}

export async function toArray(x: Tensor): Promise<StorageArray> {
  const backend = getBackend(x.device);
  if (x.numel() === 0) return makeStorageArray(x.dtype, 0);
  const c = x.isContiguous() ? x : copyAs(x, x.dtype, "contiguous");
  const data = await backend.read(c._storage.buffer, c.dtype, c.storageOffset(), c.numel());
  if (c !== x) c.dispose();
  return data;
}

function checkItem(x: Tensor): void {
  if (x.numel() !== 1) {
    throw new RuntimeError(`a Tensor with ${x.numel()} elements cannot be converted to Scalar`);
  }
}

export function item(x: Tensor): Scalar {
  checkItem(x);
  return decode(toArraySync(x), x.dtype, 0);
}

export async function itemAsync(x: Tensor): Promise<Scalar> {
  checkItem(x);
  return decode(await toArray(x), x.dtype, 0);
}

function nest(data: StorageArray, dtype: DType, shape: readonly number[]): NestedList {
  if (shape.length === 0) return decode(data, dtype, 0);
  let i = 0;
  const build = (d: number): NestedList[] => {
    const n = shape[d] as number;
    const out: NestedList[] = new Array<NestedList>(n);
    for (let k = 0; k < n; k++) out[k] = d === shape.length - 1 ? decode(data, dtype, i++) : build(d + 1);
    return out;
  };
  return build(0);
}

export function tolist(x: Tensor): NestedList {
  return nest(toArraySync(x), x.dtype, x.shape);
}

export async function tolistAsync(x: Tensor): Promise<NestedList> {
  return nest(await toArray(x), x.dtype, x.shape);
}
