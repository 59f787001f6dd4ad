/**
 * Batched submission (context.ts): ops are recorded into one command encoder and submitted at a
 * read, at the end of the task, or every BATCH_DISPATCHES. These tests pin the hazards that
 * batching creates — `queue.writeBuffer` takes effect before unsubmitted commands, pooled
 * buffers come back while a pending command still uses them, parameter blocks share an arena —
 * by checking values that would be different if any of them were mishandled.
 */
import { describe, expect, it } from "vitest";
import type { DeviceBuffer, Operand } from "@typetorch/tensor-core";
import { BATCH_DISPATCHES, GpuContext } from "./context.js";
import { makeBackend, type WebGpuBackend } from "./backend.js";
import { getGpu } from "./test-utils/harness.js";

/** A backend with its own context on the shared device, so its pool and counters can be inspected. */
async function fresh(): Promise<{ be: WebGpuBackend; ctx: GpuContext }> {
  const ctx = new GpuContext((await getGpu()).device);
  return { be: makeBackend(ctx, "test"), ctx };
}

const f32 = (buffer: DeviceBuffer, n: number, offset = 0): Operand => ({ buffer, dtype: "float32", shape: [n], strides: [1], offset });

async function readF32(be: WebGpuBackend, b: DeviceBuffer, n: number): Promise<number[]> {
  return Array.from((await be.read(b, "float32", 0, n)) as Float32Array);
}

describe("batched submission", () => {
  it("a write after free does not reach a pending op that read the freed buffer", async () => {
    const { be } = await fresh();
    const x = be.alloc("float32", 8);
    be.write(x, "float32", new Float32Array(8).fill(3), 0);
    const y = be.alloc("float32", 8);
    be.binary("add", f32(y, 8), f32(x, 8), f32(x, 8)); // recorded, not yet submitted
    be.free(x);
    const z = be.alloc("float32", 8);
    expect((z as unknown as { buffer: GPUBuffer }).buffer).toBe((x as unknown as { buffer: GPUBuffer }).buffer); // the pool hands x's buffer back
    be.write(z, "float32", new Float32Array(8).fill(100), 0);
    const w = be.alloc("float32", 8);
    be.binary("add", f32(w, 8), f32(z, 8), f32(z, 8));
    expect(await readF32(be, y, 8)).toEqual(new Array(8).fill(6));
    expect(await readF32(be, w, 8)).toEqual(new Array(8).fill(200));
    for (const b of [y, z, w]) be.free(b);
  });

  it("writes to a buffer between ops that read it keep program order", async () => {
    const { be } = await fresh();
    const x = be.alloc("float32", 4);
    const outs = [0, 1, 2, 3].map(() => be.alloc("float32", 4));
    outs.forEach((o, i) => {
      be.write(x, "float32", new Float32Array(4).fill(i + 1), 0);
      be.binary("mul", f32(o, 4), f32(x, 4), f32(x, 4));
    });
    for (const [i, o] of outs.entries()) expect(await readF32(be, o, 4)).toEqual(new Array(4).fill((i + 1) ** 2));
    for (const b of [x, ...outs]) be.free(b);
  });

  it("a pooled buffer destroyed while a pending op uses it is destroyed only after the submit", async () => {
    const { be, ctx } = await fresh();
    ctx.pool.maxPooledBytes = 0; // every free destroys the buffer
    const x = be.alloc("float32", 16);
    be.write(x, "float32", new Float32Array(16).fill(1.5), 0);
    const y = be.alloc("float32", 16);
    be.binary("add", f32(y, 16), f32(x, 16), f32(x, 16));
    be.free(x); // destroyed now, the add would fail and leave y untouched
    expect(await readF32(be, y, 16)).toEqual(new Array(16).fill(3));
    await be.sync();
    be.free(y);
  });

  it("many ops with different parameters across batch and arena boundaries", async () => {
    const { be, ctx } = await fresh();
    const n = 3 * BATCH_DISPATCHES + 300; // also more parameter blocks than the arena holds
    const out = be.alloc("float32", n);
    const submits = ctx.stats.submits;
    for (let i = 0; i < n; i++) be.fill(f32(out, 1, i), i * 0.5 - 7);
    const recorded = ctx.stats.submits - submits;
    expect(recorded).toBeGreaterThanOrEqual(Math.floor(n / BATCH_DISPATCHES));
    expect(recorded).toBeLessThanOrEqual(Math.ceil(n / BATCH_DISPATCHES) + 2); // batched, not one submit per op
    expect(await readF32(be, out, n)).toEqual(Array.from({ length: n }, (_, i) => i * 0.5 - 7));
    be.free(out);
  });

  it("device errors still stop later ops and surface once, in order", async () => {
    const { be } = await fresh();
    const i32 = (buffer: DeviceBuffer): Operand => ({ buffer, dtype: "int32", shape: [4], strides: [1], offset: 0 });
    const a = be.alloc("int32", 4);
    const zero = be.alloc("int32", 4);
    const q = be.alloc("int32", 4);
    be.write(a, "int32", new Int32Array([8, 9, 10, 11]), 0);
    be.fill(i32(zero), 0);
    be.fill(i32(q), 5);
    be.binary("floorDiv", i32(q), i32(a), i32(zero)); // raises the flag; q keeps 5
    be.fill(i32(a), 1); // queued after the error: skipped
    await expect(be.sync()).rejects.toThrow("ZeroDivisionError");
    expect(Array.from((await be.read(q, "int32", 0, 4)) as Int32Array)).toEqual([5, 5, 5, 5]);
    expect(Array.from((await be.read(a, "int32", 0, 4)) as Int32Array)).toEqual([8, 9, 10, 11]);
    be.fill(i32(a), 2); // the flag was cleared by the read that surfaced it
    expect(Array.from((await be.read(a, "int32", 0, 4)) as Int32Array)).toEqual([2, 2, 2, 2]);
    for (const b of [a, zero, q]) be.free(b);
  });

  it("a kernel declared by hand (not by declareBindings) runs with the automatic layout", async () => {
    const { be, ctx } = await fresh();
    const out = be.alloc("int32", 100);
    const pipeline = ctx.pipeline("test:hand-declared", () => `@group(0) @binding(0) var<storage,read_write> out: array<u32>;
@group(0) @binding(1) var<storage,read> prm: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x < prm[0]) { out[gid.x] = gid.x * prm[2]; }
}`);
    const buffer = (out as unknown as { buffer: GPUBuffer }).buffer;
    ctx.dispatch(pipeline, [{ buffer, rw: true, atomic: false }], new Uint32Array([100, 0, 3, 0]), 100, false);
    expect(Array.from((await be.read(out, "int32", 0, 100)) as Int32Array)).toEqual(Array.from({ length: 100 }, (_, i) => 3 * i));
    be.free(out);
  });
});
