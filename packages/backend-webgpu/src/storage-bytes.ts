/** Device bytes ⇄ the core's storage arrays (reads hand back a typed array of the dtype). */
import { itemsize, makeStorageArray, type DType, type StorageArray } from "@typetorch/tensor-core";

export function bytesToStorage(dtype: DType, bytes: Uint8Array, length: number): StorageArray {
  const arr = makeStorageArray(dtype, length);
  new Uint8Array(arr.buffer, arr.byteOffset, length * itemsize(dtype)).set(bytes.subarray(0, length * itemsize(dtype)));
  return arr;
}

export function storageBytes(data: StorageArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
