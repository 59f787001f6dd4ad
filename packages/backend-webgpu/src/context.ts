/// <reference types="@webgpu/types" />
/**
 * The device side: buffers from a size-class pool, the pipeline cache (with hit counts), one
 * dispatch helper that every kernel goes through, and readback. Everything here is enqueued in
 * call order on the device's single queue, which is what makes pooled reuse safe: a buffer freed
 * after an op was submitted can be handed to the next op, whose work runs after the first.
 */
import { SizeClassPool, itemsize, type DType, type DeviceBuffer, type PoolStats } from "@typetorch/tensor-core";
import { FLOAT_WGSL } from "./wgsl/lib-float.js";
import { INT64_WGSL } from "./wgsl/lib-int64.js";
import { withLibrary } from "./wgsl/library.js";

export const WORKGROUP = 64;
/** Error flags: [code, first offending position, index lo, index hi, axis, size, 0, 0]. */
export const ERROR_WORDS = 8;
/** Invocations per dispatch; larger jobs are split so that no single dispatch runs long (README: Dawn notes). */
export const MAX_INVOCATIONS_PER_DISPATCH = 1 << 20;

export class GpuBuffer implements DeviceBuffer {
  freed = false;
  constructor(
    readonly buffer: GPUBuffer,
    readonly dtype: DType,
    readonly length: number,
    readonly byteLength: number,
  ) {}
}

export interface Binding {
  readonly buffer: GPUBuffer;
  /** read_write (the output) or read-only. */
  readonly rw: boolean;
  /** Bound as `array<atomic<u32>>` (an 8/16-bit output). */
  readonly atomic: boolean;
}

export interface KernelStats {
  pipelines: number;
  hits: number;
  dispatches: number;
}

export class GpuContext {
  readonly pool: SizeClassPool<GPUBuffer>;
  private readonly metaPool: SizeClassPool<GPUBuffer>;
  private readonly pipelines = new Map<string, { pipeline: GPUComputePipeline; hits: number }>();
  readonly stats: KernelStats = { pipelines: 0, hits: 0, dispatches: 0 };
  /** Device error flags: word 0 holds the first error code of the pending program (0 = none). */
  readonly errors: GPUBuffer;

  constructor(readonly device: GPUDevice) {
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    this.pool = new SizeClassPool<GPUBuffer>({
      allocate: (size) => device.createBuffer({ size, usage }),
      destroy: (b) => b.destroy(),
    });
    this.metaPool = new SizeClassPool<GPUBuffer>({
      allocate: (size) => device.createBuffer({ size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST }),
      destroy: (b) => b.destroy(),
      maxPooledBytes: 1 << 20,
    });
    this.errors = device.createBuffer({ size: ERROR_WORDS * 4, usage });
    this.clearErrors();
  }

  alloc(dtype: DType, length: number): GpuBuffer {
    const bytes = Math.max(4, Math.ceil((length * itemsize(dtype)) / 4) * 4);
    return new GpuBuffer(this.pool.acquire(bytes), dtype, length, bytes);
  }

  free(b: GpuBuffer): void {
    this.pool.release(b.buffer, b.byteLength);
  }

  poolStats(): PoolStats {
    return this.pool.stats();
  }

  /** The cached pipeline for `key`, compiling `source()` on a miss. */
  pipeline(key: string, source: () => string): GPUComputePipeline {
    const hit = this.pipelines.get(key);
    if (hit) {
      hit.hits++;
      this.stats.hits++;
      return hit.pipeline;
    }
    const code = withLibrary(`${FLOAT_WGSL}\n${INT64_WGSL}\n${source()}`);
    const module = this.device.createShaderModule({ code, label: key });
    const pipeline = this.device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" }, label: key });
    this.pipelines.set(key, { pipeline, hits: 0 });
    this.stats.pipelines++;
    return pipeline;
  }

  /**
   * Runs `pipeline` over `invocations` threads (split into dispatches of at most
   * MAX_INVOCATIONS_PER_DISPATCH; the kernel adds prm[1] = the chunk's first index). `meta` is
   * the kernel's parameter block; the bindings are b0..bn, then meta, then (optionally) errors.
   */
  dispatch(pipeline: GPUComputePipeline, bindings: readonly Binding[], meta: Uint32Array, invocations: number, withErrors: boolean, before?: (pass: GPUComputePassEncoder) => void): void {
    if (invocations <= 0) return;
    const chunks = Math.ceil(invocations / MAX_INVOCATIONS_PER_DISPATCH);
    const metaBytes = meta.byteLength;
    const metaBufs: GPUBuffer[] = [];
    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    before?.(pass);
    pass.setPipeline(pipeline);
    for (let c = 0; c < chunks; c++) {
      meta[1] = c * MAX_INVOCATIONS_PER_DISPATCH;
      const mb = this.metaPool.acquire(metaBytes);
      this.device.queue.writeBuffer(mb, 0, meta);
      metaBufs.push(mb);
      const entries: GPUBindGroupEntry[] = bindings.map((b, i) => ({ binding: i, resource: { buffer: b.buffer } }));
      entries.push({ binding: bindings.length, resource: { buffer: mb } });
      if (withErrors) entries.push({ binding: bindings.length + 1, resource: { buffer: this.errors } });
      const group = this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
      pass.setBindGroup(0, group);
      const n = Math.min(MAX_INVOCATIONS_PER_DISPATCH, invocations - c * MAX_INVOCATIONS_PER_DISPATCH);
      const groups = Math.ceil(n / WORKGROUP);
      const x = Math.min(groups, 65535);
      pass.dispatchWorkgroups(x, Math.ceil(groups / x));
      this.stats.dispatches++;
    }
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    for (const mb of metaBufs) this.metaPool.release(mb, metaBytes);
  }

  /** Copies bytes [start, end) of a buffer (and the error flags) to the host after queued work. */
  async readBytes(src: GPUBuffer, start: number, end: number): Promise<{ bytes: Uint8Array; error: number; errorWords: Uint32Array }> {
    const a = Math.floor(start / 4) * 4;
    const b = Math.max(a + 4, Math.ceil(end / 4) * 4);
    const size = b - a + ERROR_WORDS * 4;
    const staging = this.device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(src, a, staging, 0, b - a);
    encoder.copyBufferToBuffer(this.errors, 0, staging, b - a, ERROR_WORDS * 4);
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const all = new Uint8Array(staging.getMappedRange().slice(0));
    staging.unmap();
    staging.destroy();
    const errorWords = new Uint32Array(all.buffer.slice(b - a, b - a + ERROR_WORDS * 4));
    return { bytes: all.slice(start - a, end - a), error: errorWords[0] as number, errorWords };
  }

  clearErrors(): void {
    // word 1 is an atomicMin target (first offending position), so it starts at the maximum
    this.device.queue.writeBuffer(this.errors, 0, new Uint32Array([0, 0xffffffff, 0, 0, 0, 0, 0, 0]));
  }
}

/** WGSL header shared by generated kernels: the invocation index, offset by the chunk start. */
export const KERNEL_HEAD = (wg = WORKGROUP): string =>
  `@compute @workgroup_size(${wg}) fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  OPQ = prm[0] >> 31u;
  let i = gid.x + gid.y * nwg.x * ${wg}u + prm[1];
  if (i >= prm[0]) { return; }`;

/**
 * Every storing kernel starts with this: once a device error is flagged, nothing more is written
 * until a read or sync() has surfaced it (a failed op leaves its target untouched, and the ops
 * queued after it do not run, as they would not have on the CPU, where the error is thrown).
 */
export const GUARD = "if (atomicLoad(&errs[0]) != 0u) { return; }";

/** Binding declarations for data buffers, meta, and the error flags. */
export function declareBindings(bindings: readonly Binding[], withErrors: boolean): string {
  const lines = bindings.map((b, i) =>
    b.rw
      ? `@group(0) @binding(${i}) var<storage, read_write> b${i}: array<${b.atomic ? "atomic<u32>" : "u32"}>;`
      : `@group(0) @binding(${i}) var<storage, read> b${i}: array<u32>;`,
  );
  lines.push(`@group(0) @binding(${bindings.length}) var<storage, read> prm: array<u32>;`);
  if (withErrors) lines.push(`@group(0) @binding(${bindings.length + 1}) var<storage, read_write> errs: array<atomic<u32>>;`);
  return lines.join("\n");
}
