/**
 * Storage: a reference-counted device buffer shared by a tensor and all its views.
 *
 * Every Tensor holds one reference. `dispose()` drops it deterministically; a FinalizationRegistry
 * drops it when a tensor is garbage-collected without being disposed (a safety net, not a
 * schedule). The buffer goes back to its backend when the count reaches zero.
 */
import type { Backend, DeviceBuffer } from "./backend.js";
import type { DType } from "./dtype.js";
import { itemsize } from "./dtype.js";
import { RuntimeError } from "./errors.js";

interface DeviceStats {
  storages: number;
  bytes: number;
}
const stats = new Map<string, DeviceStats>();
let liveTensors = 0;

function statsFor(device: string): DeviceStats {
  let s = stats.get(device);
  if (!s) stats.set(device, (s = { storages: 0, bytes: 0 }));
  return s;
}

export class Storage {
  /** References held by live tensors. */
  refs = 0;
  readonly bytes: number;

  constructor(
    readonly backend: Backend,
    readonly buffer: DeviceBuffer,
    readonly dtype: DType,
    readonly device: string,
  ) {
    this.bytes = buffer.length * itemsize(dtype);
    const s = statsFor(device);
    s.storages++;
    s.bytes += this.bytes;
  }

  static allocate(backend: Backend, device: string, dtype: DType, length: number): Storage {
    return new Storage(backend, backend.alloc(dtype, length), dtype, device);
  }

  get freed(): boolean {
    return this.refs < 0;
  }

  retain(): void {
    if (this.refs < 0) throw new RuntimeError("Tensor has been disposed: its storage was freed (use-after-free)");
    this.refs++;
  }

  release(): void {
    if (this.refs <= 0) return;
    if (--this.refs === 0) {
      this.refs = -1;
      const s = statsFor(this.device);
      s.storages--;
      s.bytes -= this.bytes;
      this.backend.free(this.buffer);
    }
  }
}

/** Held value of the finalizer: the storage whose reference a collected tensor still held. */
const finalizer = new FinalizationRegistry<Storage>((storage) => {
  liveTensors--;
  storage.release();
});

/** Called by each new Tensor: takes a reference and arms the GC safety net. */
export function trackTensor(tensor: object, storage: Storage): void {
  storage.retain();
  liveTensors++;
  finalizer.register(tensor, storage, tensor);
}

/** Called by `dispose()`: drops the reference now and disarms the safety net. */
export function untrackTensor(tensor: object, storage: Storage): void {
  if (finalizer.unregister(tensor)) {
    liveTensors--;
    storage.release();
  }
}

export interface MemoryInfo {
  /** Tensors not yet disposed nor collected. */
  numTensors: number;
  /** Per device: live storages and their bytes. */
  devices: Record<string, { numStorages: number; numBytes: number }>;
}

/** `torch.memory()`: live tensors and bytes per device (API.md rule 11). */
export function memory(): MemoryInfo {
  const devices: MemoryInfo["devices"] = {};
  for (const [d, s] of stats) devices[d] = { numStorages: s.storages, numBytes: s.bytes };
  return { numTensors: liveTensors, devices };
}
