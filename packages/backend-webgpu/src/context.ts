/// <reference types="@webgpu/types" />
/**
 * The device side: buffers from a size-class pool, the pipeline cache (with hit counts), one
 * dispatch helper that every kernel goes through, and readback.
 *
 * Batching: dispatches are recorded into one pending command encoder (one compute pass) and
 * submitted together — at a read, at the end of the current JS task (a microtask), or after
 * BATCH_DISPATCHES. Submitting per op cost most of a small op's time. Everything still runs in
 * call order on the device's single queue, which is what makes pooled reuse safe: a buffer freed
 * after an op was recorded can be handed to the next op, whose work is recorded after it. The one
 * thing that does not follow call order is `queue.writeBuffer`: it takes effect before any command
 * not yet submitted. So every write goes through `write`, which first submits the pending batch
 * when that batch touches the target buffer; kernel parameters are staged in a host-side arena
 * and uploaded with one writeBuffer just before the batch's own submit; and a pooled buffer that
 * the pending batch touches is destroyed only after the submit.
 */
import { SizeClassPool, itemsize, type DType, type DeviceBuffer, type PoolStats } from "@typetorch/tensor-core";
import { BindGroupCache, LayoutCache, type KernelLayout } from "./bind-groups.js";
import { FLOAT_WGSL } from "./wgsl/lib-float.js";
import { INT64_WGSL } from "./wgsl/lib-int64.js";
import { withLibrary } from "./wgsl/library.js";

export const WORKGROUP = 64;
/** Error flags: [code, first offending position, index lo, index hi, axis, size, 0, 0]. */
export const ERROR_WORDS = 8;
/** Invocations per dispatch; larger jobs are split so that no single dispatch runs long (README: Dawn notes). */
export const MAX_INVOCATIONS_PER_DISPATCH = 1 << 20;
/** Dispatches recorded before the pending batch is submitted anyway (the device starts on them while JS records more). */
export const BATCH_DISPATCHES = 128;
/** Bytes of the parameter arena (one batch's parameter blocks, each at an aligned offset). */
const ARENA_BYTES = 1 << 16;

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
  /** Command buffers submitted (each one a batch of dispatches and copies). */
  submits: number;
}

export class GpuContext {
  readonly pool: SizeClassPool<GPUBuffer>;
  private readonly pipelines = new Map<string, { pipeline: GPUComputePipeline; hits: number }>();
  /** Each pipeline's explicit layout (bind groups cached), or null ("auto": a bind group per dispatch). */
  private readonly layouts = new WeakMap<GPUComputePipeline, KernelLayout | null>();
  private readonly layoutCache: LayoutCache;
  private readonly groups: BindGroupCache;
  readonly stats: KernelStats = { pipelines: 0, hits: 0, dispatches: 0, submits: 0 };
  /** Device error flags: word 0 holds the first error code of the pending program (0 = none). */
  readonly errors: GPUBuffer;
  // The pending batch: its encoder and open pass, the buffers its commands use, the pooled
  // buffers to destroy once it is submitted, and its parameter arena (host copy + GPU buffer).
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private readonly touched = new Set<GPUBuffer>();
  private readonly doomed: GPUBuffer[] = [];
  private readonly arena: GPUBuffer;
  private readonly arenaHost = new Uint32Array(ARENA_BYTES / 4);
  private arenaUsed = 0;
  private readonly align: number;
  private pending = 0;
  private flushQueued = false;

  constructor(readonly device: GPUDevice) {
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    this.pool = new SizeClassPool<GPUBuffer>({
      allocate: (size) => device.createBuffer({ size, usage }),
      destroy: (b) => {
        this.groups.evict(b);
        if (this.touched.has(b)) this.doomed.push(b);
        else b.destroy();
      },
    });
    this.layoutCache = new LayoutCache(device);
    this.groups = new BindGroupCache(device);
    this.arena = device.createBuffer({ size: ARENA_BYTES, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    this.align = device.limits.minStorageBufferOffsetAlignment;
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
    const layout = this.layoutCache.forSource(code);
    const pipeline = this.device.createComputePipeline({ layout: layout?.pipeline ?? "auto", compute: { module, entryPoint: "main" }, label: key });
    this.layouts.set(pipeline, layout);
    this.pipelines.set(key, { pipeline, hits: 0 });
    this.stats.pipelines++;
    return pipeline;
  }

  /**
   * Records `pipeline` over `invocations` threads (split into dispatches of at most
   * MAX_INVOCATIONS_PER_DISPATCH; the kernel adds prm[1] = the chunk's first index) into the
   * pending batch. `meta` is the kernel's parameter block (copied here: the caller may reuse it);
   * the bindings are b0..bn, then meta, then (optionally) errors.
   */
  dispatch(pipeline: GPUComputePipeline, bindings: readonly Binding[], meta: Uint32Array, invocations: number, withErrors: boolean, before?: (pass: GPUComputePassEncoder) => void): void {
    if (invocations <= 0) return;
    const chunks = Math.ceil(invocations / MAX_INVOCATIONS_PER_DISPATCH);
    const layout = this.layouts.get(pipeline) ?? null;
    const buffers = bindings.map((b) => b.buffer);
    if (withErrors) buffers.push(this.errors);
    for (let c = 0; c < chunks; c++) {
      meta[1] = c * MAX_INVOCATIONS_PER_DISPATCH;
      const offset = this.stage(meta);
      const pass = this.computePass();
      if (c === 0) before?.(pass);
      pass.setPipeline(pipeline);
      if (layout) pass.setBindGroup(0, this.groups.get(layout, buffers, bindings.length, this.arena, this.slot(meta)), [offset]);
      else {
        const entries: GPUBindGroupEntry[] = buffers.map((buffer, i) => ({ binding: i < bindings.length ? i : i + 1, resource: { buffer } }));
        entries.push({ binding: bindings.length, resource: { buffer: this.arena, offset, size: meta.byteLength } });
        pass.setBindGroup(0, this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries }));
      }
      const n = Math.min(MAX_INVOCATIONS_PER_DISPATCH, invocations - c * MAX_INVOCATIONS_PER_DISPATCH);
      const groups = Math.ceil(n / WORKGROUP);
      const x = Math.min(groups, 65535);
      pass.dispatchWorkgroups(x, Math.ceil(groups / x));
      for (const b of buffers) this.touched.add(b);
      this.stats.dispatches++;
      this.pending++;
    }
    if (this.pending >= BATCH_DISPATCHES) this.flush();
    else this.flushSoon();
  }

  /** Copies bytes [start, end) of a buffer (and the error flags) to the host after queued work. */
  async readBytes(src: GPUBuffer, start: number, end: number): Promise<{ bytes: Uint8Array; error: number; errorWords: Uint32Array }> {
    const a = Math.floor(start / 4) * 4;
    const b = Math.max(a + 4, Math.ceil(end / 4) * 4);
    const size = b - a + ERROR_WORDS * 4;
    const staging = this.device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.commands();
    encoder.copyBufferToBuffer(src, a, staging, 0, b - a);
    encoder.copyBufferToBuffer(this.errors, 0, staging, b - a, ERROR_WORDS * 4);
    this.flush();
    await staging.mapAsync(GPUMapMode.READ);
    const all = new Uint8Array(staging.getMappedRange().slice(0));
    staging.unmap();
    staging.destroy();
    const errorWords = new Uint32Array(all.buffer.slice(b - a, b - a + ERROR_WORDS * 4));
    return { bytes: all.slice(start - a, end - a), error: errorWords[0] as number, errorWords };
  }

  /** `queue.writeBuffer` in call order: the pending batch is submitted first if it uses `buffer`. */
  write(buffer: GPUBuffer, offset: number, data: Uint8Array | Uint32Array): void {
    if (this.touched.has(buffer)) this.flush();
    this.device.queue.writeBuffer(buffer, offset, data);
  }

  clearErrors(): void {
    // word 1 is an atomicMin target (first offending position), so it starts at the maximum
    this.write(this.errors, 0, new Uint32Array([0, 0xffffffff, 0, 0, 0, 0, 0, 0]));
  }

  /** Submits the pending batch (its parameters uploaded first), then destroys what waited for it. */
  flush(): void {
    if (!this.encoder) return;
    this.pass?.end();
    this.pass = null;
    const commands = this.encoder.finish();
    this.encoder = null;
    if (this.arenaUsed > 0) this.device.queue.writeBuffer(this.arena, 0, this.arenaHost, 0, this.arenaUsed / 4);
    this.device.queue.submit([commands]);
    this.stats.submits++;
    this.arenaUsed = 0;
    this.pending = 0;
    this.touched.clear();
    for (const b of this.doomed.splice(0)) b.destroy();
  }

  /** Submits at the end of the current task: a synchronous run of ops becomes one batch. */
  private flushSoon(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  /** The pending encoder, with no pass open (for copies). */
  private commands(): GPUCommandEncoder {
    this.pass?.end();
    this.pass = null;
    return (this.encoder ??= this.device.createCommandEncoder());
  }

  private computePass(): GPUComputePassEncoder {
    if (this.pass) return this.pass;
    return (this.pass = this.commands().beginComputePass());
  }

  /** Arena bytes a parameter block occupies (offsets stay aligned for binding). */
  private slot(meta: Uint32Array): number {
    return Math.ceil(meta.byteLength / this.align) * this.align;
  }

  /** Copies a parameter block into the arena (submitting the batch first when it is full); returns its offset. */
  private stage(meta: Uint32Array): number {
    const bytes = this.slot(meta);
    if (bytes > ARENA_BYTES) throw new RangeError(`webgpu: a kernel parameter block of ${meta.byteLength} bytes exceeds the arena`);
    if (this.arenaUsed + bytes > ARENA_BYTES) this.flush();
    const offset = this.arenaUsed;
    this.arenaHost.set(meta, offset / 4);
    this.arenaUsed += bytes;
    return offset;
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
