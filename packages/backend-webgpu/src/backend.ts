/**
 * The WebGPU backend object. Every primitive, on every dtype, is a WGSL kernel recorded on the
 * device in call order (context.ts batches them); nothing runs on the host. Reads copy to a mapped
 * staging buffer after the queued work (no busy-waiting); errors raised on the device (integer
 * division by zero, out-of-range indices) surface at the next read or `sync()`.
 */
import {
  DTYPES,
  DeviceError,
  IndexError,
  RuntimeError,
  itemsize,
  type Backend,
  type DType,
  type DeviceBuffer,
  type Operand,
  type StorageArray,
} from "@typetorch/tensor-core";
import { GpuBuffer, type GpuContext } from "./context.js";
import { ERR_ZERO_DIVISION, binary, copy, fill, where } from "./kernels/elementwise.js";
import { unary } from "./kernels/unary.js";
import { argReduce, reduce, scan } from "./kernels/lanes.js";
import { matmul } from "./kernels/matmul.js";
import { ERR_INDEX, gather, scatter } from "./kernels/indexing.js";
import { sort } from "./kernels/sort.js";
import { ERR_RANDOM_ROUNDS, random } from "./kernels/random.js";
import { bytesToStorage, storageBytes } from "./storage-bytes.js";

export interface WebGpuBackend extends Backend {
  /** The adapter in plain words (vendor / architecture / device). */
  readonly adapter: string;
  readonly device: GPUDevice;
  /** Pipeline cache, dispatch/submission and buffer pool counters. */
  stats(): { pipelines: number; pipelineHits: number; dispatches: number; submits: number; pool: ReturnType<GpuContext["poolStats"]> };
}

function asGpu(b: DeviceBuffer): GpuBuffer {
  if (!(b instanceof GpuBuffer)) throw new DeviceError("webgpu: buffer does not belong to the WebGPU backend");
  if (b.freed) throw new DeviceError("webgpu: buffer used after free");
  return b;
}

export function makeBackend(ctx: GpuContext, adapter: string): WebGpuBackend {
  let deviceError: unknown = null;

  ctx.device.addEventListener("uncapturederror", (ev) => {
    deviceError ??= new DeviceError(`webgpu: ${(ev as GPUUncapturedErrorEvent).error.message}`);
  });

  /** Use-after-free is checked when an op is called. */
  function live(...ops: Operand[]): void {
    for (const o of ops) asGpu(o.buffer);
  }

  function surface(words: Uint32Array): void {
    const code = words[0] as number;
    const e = deviceError;
    deviceError = null;
    if (code !== 0) ctx.clearErrors();
    if (e) throw e;
    if (code === ERR_ZERO_DIVISION) throw new RuntimeError("ZeroDivisionError");
    if (code === ERR_INDEX) {
      const index = BigInt.asIntN(64, (BigInt(words[3] as number) << 32n) | BigInt(words[2] as number));
      throw new IndexError(`index ${index} is out of bounds for dimension ${words[4]} with size ${words[5]}`);
    }
    if (code === ERR_RANDOM_ROUNDS) throw new RangeError("random: an element needed more than 2^16 Philox blocks");
    if (code !== 0) throw new RuntimeError(`webgpu: device error ${code}`);
  }

  function writeNow(b: GpuBuffer, dtype: DType, bytes: Uint8Array, offset: number): void {
    const start = offset * itemsize(dtype);
    const atEnd = start + bytes.length >= b.length * itemsize(b.dtype);
    if (start % 4 === 0 && (bytes.length % 4 === 0 || atEnd)) {
      const padded = bytes.length % 4 === 0 ? bytes : new Uint8Array(Math.ceil(bytes.length / 4) * 4);
      if (padded !== bytes) padded.set(bytes);
      if (padded.length > 0) ctx.write(b.buffer, start, padded);
      return;
    }
    // An unaligned piece of an 8/16-bit buffer: stage it, then copy elementwise (atomic stores).
    const n = bytes.length / itemsize(dtype);
    const tmp = ctx.alloc(dtype, n);
    writeNow(tmp, dtype, bytes, 0);
    const view = (buffer: GpuBuffer, off: number): Operand => ({ buffer, dtype, shape: [n], strides: [1], offset: off });
    copy(ctx, view(b, offset), view(tmp, 0));
    ctx.free(tmp);
  }

  const backend: WebGpuBackend = {
    name: "webgpu",
    adapter,
    device: ctx.device,
    capabilities: { dtypes: DTYPES, syncRead: false, strictIEEE: false },
    alloc(dtype, length) {
      if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`webgpu: invalid buffer length ${length}`);
      return ctx.alloc(dtype, length);
    },
    free(buffer) {
      const b = asGpu(buffer);
      b.freed = true;
      ctx.free(b);
    },
    write(buffer, dtype, data, offset) {
      const b = asGpu(buffer);
      if (offset < 0 || (offset + data.length) * itemsize(dtype) > b.length * itemsize(b.dtype))
        throw new DeviceError(`webgpu: write of ${data.length} elements at ${offset} outside a buffer of ${b.length}`);
      writeNow(b, dtype, storageBytes(data), offset);
    },
    read(buffer, dtype, offset, length): Promise<StorageArray> {
      const b = asGpu(buffer);
      const isz = itemsize(dtype);
      if (offset < 0 || length < 0 || (offset + length) * isz > b.length * itemsize(b.dtype))
        return Promise.reject(new DeviceError(`webgpu: read of [${offset}, ${offset + length}) outside a buffer of ${b.length}`));
      return ctx.readBytes(b.buffer, offset * isz, (offset + length) * isz).then(({ bytes, errorWords }) => {
        surface(errorWords);
        return bytesToStorage(dtype, bytes, length);
      });
    },
    sync() {
      return ctx.readBytes(ctx.errors, 0, 4).then(({ errorWords }) => surface(errorWords));
    },
    copy(out, a) {
      live(out, a);
      copy(ctx, out, a);
    },
    fill(out, value) {
      live(out);
      fill(ctx, out, value);
    },
    where(out, cond, a, b) {
      live(out, cond, a, b);
      where(ctx, out, cond, a, b);
    },
    unary(op, out, a) {
      live(out, a);
      unary(ctx, op, out, a);
    },
    binary(op, out, a, b) {
      live(out, a, b);
      binary(ctx, op, out, a, b);
    },
    reduce(op, out, a, axes) {
      live(out, a);
      reduce(ctx, op, out, a, axes);
    },
    argReduce(op, out, a, axis) {
      live(out, a);
      argReduce(ctx, op, out, a, axis);
    },
    scan(op, out, a, axis) {
      live(out, a);
      scan(ctx, op, out, a, axis);
    },
    matmul(out, a, b) {
      live(out, a, b);
      matmul(ctx, out, a, b);
    },
    gather(out, a, index, axis) {
      live(out, a, index);
      gather(ctx, out, a, index, axis);
    },
    scatter(op, out, index, src, axis) {
      live(out, index, src);
      scatter(ctx, op, out, index, src, axis);
    },
    sort(values, indices, a, axis, descending, _stable) {
      live(values, indices, a);
      // Always stable (kernels/sort.ts), which satisfies both settings, as on the CPU.
      sort(ctx, values, indices, a, axis, descending);
    },
    random(out, spec, input) {
      live(out, ...(input ? [input] : []));
      random(ctx, out, spec, input);
    },
    stats: () => ({
      pipelines: ctx.stats.pipelines,
      pipelineHits: ctx.stats.hits,
      dispatches: ctx.stats.dispatches,
      submits: ctx.stats.submits,
      pool: ctx.poolStats(),
    }),
  };
  return backend;
}
