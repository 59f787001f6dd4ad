/**
 * The WebGPU backend object. Compute calls are enqueued on the device in call order; a call that
 * must run on the host (float64 transcendentals and pow/atan2, float64 or long sorts; see
 * host.ts) turns the rest of the program into an ordered
 * promise chain until it drains. Reads wait for that chain, then copy to a mapped staging buffer
 * (no busy-waiting); errors raised on the device (integer division by zero) or in a deferred
 * step surface at the next read or `sync()`.
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
import { F64_UNARY } from "./kernels/unary-ops.js";
import { F64_BINARY } from "./kernels/binary-ops.js";
import { argReduce, reduce, scan } from "./kernels/lanes.js";
import { matmul } from "./kernels/matmul.js";
import { gpuBuffer } from "./kernels/layout.js";
import { ERR_INDEX, gather, scatter } from "./kernels/indexing.js";
import { SORT_MAX_LANE, sort } from "./kernels/sort.js";
import { ERR_RANDOM_ROUNDS, random } from "./kernels/random.js";
import { bytesToStorage, runOnHost, storageBytes } from "./host.js";

export interface WebGpuBackend extends Backend {
  /** The adapter in plain words (vendor / architecture / device). */
  readonly adapter: string;
  readonly device: GPUDevice;
  /** Pipeline cache and buffer pool counters. */
  stats(): { pipelines: number; pipelineHits: number; dispatches: number; hostSteps: number; pool: ReturnType<GpuContext["poolStats"]> };
}

const has64 = (...ops: Operand[]): boolean => ops.some((o) => o.dtype === "float64");

function asGpu(b: DeviceBuffer): GpuBuffer {
  if (!(b instanceof GpuBuffer)) throw new DeviceError("webgpu: buffer does not belong to the WebGPU backend");
  if (b.freed) throw new DeviceError("webgpu: buffer used after free");
  return b;
}

export function makeBackend(ctx: GpuContext, adapter: string, host: Backend | null): WebGpuBackend {
  let tail: Promise<void> | null = null;
  let deferredError: unknown = null;
  let hostSteps = 0;

  ctx.device.addEventListener("uncapturederror", (ev) => {
    deferredError ??= new DeviceError(`webgpu: ${(ev as GPUUncapturedErrorEvent).error.message}`);
  });

  /** Use-after-free is checked when an op is called (a deferred op may run after a later free). */
  function live(...ops: Operand[]): void {
    for (const o of ops) asGpu(o.buffer);
  }

  /** Runs `fn` now when nothing is deferred, else after everything queued before it. */
  function enqueue(fn: () => void | Promise<void>, deferred = false): void {
    if (!deferred && tail === null) {
      fn();
      return;
    }
    const t: Promise<void> = (tail ?? Promise.resolve()).then(async () => {
      try {
        await fn();
      } catch (e) {
        deferredError ??= e;
      }
    });
    tail = t;
    void t.then(() => {
      if (tail === t) tail = null;
    });
  }

  function onHost(name: string, operands: Operand[], call: (h: Backend, ops: Operand[]) => void, outs = 1): void {
    if (!host) throw new DeviceError(`webgpu: ${name} on float64 needs a host backend (createWebGpuBackend({ host: createCpuBackend() }))`);
    operands.forEach(gpuBuffer);
    hostSteps++;
    enqueue(() => runOnHost(ctx, host, operands, (ops) => call(host, ops), outs), true);
  }

  function surface(words: Uint32Array): void {
    const code = words[0] as number;
    const e = deferredError;
    deferredError = null;
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

  function readLater<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => enqueue(() => fn().then(resolve, reject)));
  }

  function writeNow(b: GpuBuffer, dtype: DType, bytes: Uint8Array, offset: number): void {
    const start = offset * itemsize(dtype);
    const atEnd = start + bytes.length >= b.length * itemsize(b.dtype);
    if (start % 4 === 0 && (bytes.length % 4 === 0 || atEnd)) {
      const padded = bytes.length % 4 === 0 ? bytes : new Uint8Array(Math.ceil(bytes.length / 4) * 4);
      if (padded !== bytes) padded.set(bytes);
      if (padded.length > 0) ctx.device.queue.writeBuffer(b.buffer, start, padded);
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
    capabilities: { dtypes: host ? DTYPES : DTYPES.filter((d) => d !== "float64"), syncRead: false, strictIEEE: false },
    alloc(dtype, length) {
      if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`webgpu: invalid buffer length ${length}`);
      return ctx.alloc(dtype, length);
    },
    free(buffer) {
      const b = asGpu(buffer);
      b.freed = true;
      enqueue(() => ctx.free(b));
    },
    write(buffer, dtype, data, offset) {
      const b = asGpu(buffer);
      if (offset < 0 || (offset + data.length) * itemsize(dtype) > b.length * itemsize(b.dtype))
        throw new DeviceError(`webgpu: write of ${data.length} elements at ${offset} outside a buffer of ${b.length}`);
      const bytes = tail === null ? storageBytes(data) : storageBytes(data).slice();
      enqueue(() => writeNow(b, dtype, bytes, offset));
    },
    read(buffer, dtype, offset, length): Promise<StorageArray> {
      const b = asGpu(buffer);
      const isz = itemsize(dtype);
      if (offset < 0 || length < 0 || (offset + length) * isz > b.length * itemsize(b.dtype))
        return Promise.reject(new DeviceError(`webgpu: read of [${offset}, ${offset + length}) outside a buffer of ${b.length}`));
      return readLater(async () => {
        const { bytes, errorWords } = await ctx.readBytes(b.buffer, offset * isz, (offset + length) * isz);
        surface(errorWords);
        return bytesToStorage(dtype, bytes, length);
      });
    },
    sync() {
      return readLater(async () => surface((await ctx.readBytes(ctx.errors, 0, 4)).errorWords));
    },
    copy(out, a) {
      live(out, a);
      enqueue(() => copy(ctx, out, a));
    },
    fill(out, value) {
      live(out);
      enqueue(() => fill(ctx, out, value));
    },
    where(out, cond, a, b) {
      live(out, cond, a, b);
      enqueue(() => where(ctx, out, cond, a, b));
    },
    unary(op, out, a) {
      live(out, a);
      if (has64(out, a) && !(a.dtype === "float64" && F64_UNARY[op])) return onHost(`unary ${op}`, [out, a], (h, [o, x]) => h.unary(op, o as Operand, x as Operand));
      enqueue(() => unary(ctx, op, out, a));
    },
    binary(op, out, a, b) {
      live(out, a, b);
      if (has64(out, a) && !(a.dtype === "float64" && F64_BINARY[op])) return onHost(`binary ${op}`, [out, a, b], (h, [o, x, y]) => h.binary(op, o as Operand, x as Operand, y as Operand));
      enqueue(() => binary(ctx, op, out, a, b));
    },
    reduce(op, out, a, axes) {
      live(out, a);
      enqueue(() => reduce(ctx, op, out, a, axes));
    },
    argReduce(op, out, a, axis) {
      live(out, a);
      enqueue(() => argReduce(ctx, op, out, a, axis));
    },
    scan(op, out, a, axis) {
      live(out, a);
      enqueue(() => scan(ctx, op, out, a, axis));
    },
    matmul(out, a, b) {
      live(out, a, b);
      enqueue(() => matmul(ctx, out, a, b));
    },
    gather(out, a, index, axis) {
      live(out, a, index);
      enqueue(() => gather(ctx, out, a, index, axis));
    },
    scatter(op, out, index, src, axis) {
      live(out, index, src);
      enqueue(() => scatter(ctx, op, out, index, src, axis));
    },
    sort(values, indices, a, axis, descending, stable) {
      live(values, indices, a);
      if (has64(a) || (a.shape[axis] as number) > SORT_MAX_LANE)
        return onHost("sort", [values, indices, a], (h, [v, i, x]) => h.sort(v as Operand, i as Operand, x as Operand, axis, descending, stable), 2);
      enqueue(() => sort(ctx, values, indices, a, axis, descending));
    },
    random(out, spec, input) {
      live(out, ...(input ? [input] : []));
      enqueue(() => random(ctx, out, spec, input));
    },
    stats: () => ({
      pipelines: ctx.stats.pipelines,
      pipelineHits: ctx.stats.hits,
      dispatches: ctx.stats.dispatches,
      hostSteps,
      pool: ctx.poolStats(),
    }),
  };
  return backend;
}
