/**
 * CPU storage: a typed array per dtype (see DTYPE_INFO) viewing a pooled ArrayBuffer.
 * `alloc` rounds the byte size up to a size class of the shared pool, so a freed buffer serves
 * the next allocation of a similar size without fresh page faults; the view itself is exactly
 * `length` elements long.
 */
import {
  DeviceError,
  SizeClassPool,
  STORAGE_ARRAY,
  itemsize,
  type DType,
  type DeviceBuffer,
  type PoolStats,
  type StorageArray,
} from "@typetorch/tensor-core";

/** The pool every CPU buffer comes from; `cpuPoolStats()` exposes its counters. */
export const cpuPool = new SizeClassPool<ArrayBuffer>({ allocate: (bytes) => new ArrayBuffer(bytes) });

export function cpuPoolStats(): PoolStats {
  return cpuPool.stats();
}

/** A CPU buffer: the typed array of the dtype it was allocated for, over a pooled ArrayBuffer. */
export class CpuBuffer implements DeviceBuffer {
  readonly length: number;
  readonly dtype: DType;
  readonly byteLength: number;
  private store: StorageArray | null;
  private backing: ArrayBufferLike | null;
  private readonly byteOffset: number;
  /**
   * Whether the memory goes back to the pool on release. False for adopted caller memory, and
   * cleared once a host view escapes (`x.numpy()`): a view may outlive the tensor, so its bytes
   * must never serve another allocation.
   */
  private pooled: boolean;
  private readonly fromPool: boolean;

  constructor(dtype: DType, length: number, adopted?: StorageArray) {
    if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`cpu: invalid buffer length ${length}`);
    this.dtype = dtype;
    this.length = length;
    this.byteLength = length * itemsize(dtype);
    this.pooled = this.fromPool = adopted === undefined;
    this.backing = adopted ? adopted.buffer : cpuPool.acquire(this.byteLength);
    this.byteOffset = adopted ? adopted.byteOffset : 0;
    this.store = adopted ?? new STORAGE_ARRAY[dtype](this.backing as ArrayBuffer, 0, length);
  }

  /** The storage array; throws once the buffer is freed (use-after-free is a bug in the caller). */
  get data(): StorageArray {
    if (this.store === null) throw new DeviceError("cpu: buffer used after free");
    return this.store;
  }

  /** The same bytes seen as another dtype (for operands that reinterpret a buffer). */
  view(dtype: DType): StorageArray {
    const data = this.data;
    if (dtype === this.dtype) return data;
    const backing = this.backing as ArrayBuffer;
    return new STORAGE_ARRAY[dtype](backing, this.byteOffset, Math.floor(this.byteLength / itemsize(dtype)));
  }

  /** Keeps the memory out of the pool for good (a host view of it escaped). */
  unpool(): void {
    this.pooled = false;
  }

  release(): void {
    if (this.backing === null) throw new DeviceError("cpu: buffer freed twice");
    if (this.pooled) cpuPool.release(this.backing as ArrayBuffer, this.byteLength);
    else if (this.fromPool) cpuPool.forget(this.byteLength);
    this.backing = null;
    this.store = null;
  }
}

export function asCpuBuffer(b: DeviceBuffer): CpuBuffer {
  if (!(b instanceof CpuBuffer)) throw new DeviceError("cpu: buffer does not belong to the CPU backend");
  return b;
}
