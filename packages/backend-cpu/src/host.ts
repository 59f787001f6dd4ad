/**
 * Host-memory capability of the CPU backend (`Backend.hostView` / `Backend.adopt`): what makes
 * `x.numpy()` and `torch.fromNumpy(nd)` share memory instead of copying.
 */
import { DeviceError, STORAGE_ARRAY, itemsize, type DType, type DeviceBuffer, type StorageArray } from "@typetorch/tensor-core";
import { asCpuBuffer, CpuBuffer } from "./buffer.js";

/** The buffer's elements, zero-copy; the buffer leaves the pool since the view may outlive it. */
export function hostView(buffer: DeviceBuffer, dtype: DType): StorageArray {
  const b = asCpuBuffer(buffer);
  b.unpool();
  return b.view(dtype);
}

/** Wraps `data` (which must be the storage array type of `dtype`) as a buffer, without copying. */
export function adopt(dtype: DType, data: StorageArray): DeviceBuffer {
  if (!(data instanceof STORAGE_ARRAY[dtype]) || data.BYTES_PER_ELEMENT !== itemsize(dtype)) {
    throw new DeviceError(`cpu: cannot adopt a ${data.constructor.name} as ${dtype} storage`);
  }
  return new CpuBuffer(dtype, data.length, data);
}
