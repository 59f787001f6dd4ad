/**
 * float64 compute on the host (README: "float64"). WGSL has no f64, so a kernel that computes on
 * float64 runs on a host backend handed in at creation (the CPU backend, exact IEEE binary64):
 * the operands' device buffers are staged to the host, the host kernel runs on the same strides,
 * and the output buffer is written back. It is one step of the backend's ordered queue, so the
 * program order is kept and no synchronous device read is ever needed.
 */
import { itemsize, makeStorageArray, type Backend, type DType, type DeviceBuffer, type Operand, type StorageArray } from "@typetorch/tensor-core";
import type { GpuBuffer, GpuContext } from "./context.js";
import { gpuBuffer } from "./kernels/layout.js";

export function bytesToStorage(dtype: DType, bytes: Uint8Array, length: number): StorageArray {
  const arr = makeStorageArray(dtype, length);
  new Uint8Array(arr.buffer, arr.byteOffset, length * itemsize(dtype)).set(bytes.subarray(0, length * itemsize(dtype)));
  return arr;
}

export function storageBytes(data: StorageArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Runs `call` on host copies of `operands` (the first `outs` are outputs) and writes the outputs back. */
export async function runOnHost(ctx: GpuContext, host: Backend, operands: readonly Operand[], call: (ops: Operand[]) => void, outs = 1): Promise<void> {
  const staged = new Map<GpuBuffer, DeviceBuffer>();
  let flagged = false;
  try {
    for (const op of operands) {
      const g = gpuBuffer(op);
      if (staged.has(g)) continue;
      const { bytes, error } = await ctx.readBytes(g.buffer, 0, g.length * itemsize(g.dtype));
      flagged ||= error !== 0;
      const hb = host.alloc(g.dtype, g.length);
      host.write(hb, g.dtype, bytesToStorage(g.dtype, bytes, g.length), 0);
      staged.set(g, hb);
    }
    if (flagged) return; // a device error is pending: write nothing until it is surfaced (context.ts GUARD)
    const hostOps = operands.map((op) => ({ ...op, buffer: staged.get(gpuBuffer(op)) as DeviceBuffer }));
    call(hostOps);
    for (const op of operands.slice(0, outs)) {
      const out = gpuBuffer(op);
      const result = await host.read(staged.get(out) as DeviceBuffer, out.dtype, 0, out.length);
      const bytes = storageBytes(result);
      const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
      padded.set(bytes);
      if (padded.length > 0) ctx.device.queue.writeBuffer(out.buffer, 0, padded);
    }
  } finally {
    for (const hb of staged.values()) host.free(hb);
  }
}
