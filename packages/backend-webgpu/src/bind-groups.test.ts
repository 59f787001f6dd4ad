/** Explicit layouts read from generated declarations, and the bind group cache with eviction. */
import { describe, expect, it } from "vitest";
import { BindGroupCache, LayoutCache } from "./bind-groups.js";
import { declareBindings, type Binding } from "./context.js";
import { getGpu } from "./test-utils/harness.js";

describe("bind groups", () => {
  it("one layout per binding signature, none for declarations it does not know", async () => {
    const device = (await getGpu()).device;
    const layouts = new LayoutCache(device);
    const buf = device.createBuffer({ size: 256, usage: GPUBufferUsage.STORAGE });
    const sig = (rw: boolean[], errors: boolean): string =>
      declareBindings(rw.map((w): Binding => ({ buffer: buf, rw: w, atomic: false })), errors);
    const a = layouts.forSource(sig([true, false], true));
    expect(a).not.toBeNull();
    expect(layouts.forSource(`${sig([true, false], true)}\nfn main() {}`)).toBe(a);
    expect(layouts.forSource(sig([true, false], false))).not.toBe(a);
    expect(layouts.forSource(sig([false, true], true))).not.toBe(a);
    expect(layouts.forSource(`${sig([true], true)}\n@group(0) @binding(3) var<uniform> u: vec4u;`)).toBeNull();
    expect(layouts.forSource("@group(0) @binding(0) var<storage, read_write> b0: array<u32>;")).toBeNull(); // no prm
    buf.destroy();
  });

  it("reuses a bind group for the same buffers and forgets it when a buffer is destroyed", async () => {
    const device = (await getGpu()).device;
    const layout = new LayoutCache(device).forSource(declareBindings([], true)); // prm at 0, errs at 1
    const usage = GPUBufferUsage.STORAGE;
    const [params, errs, other] = [0, 1, 2].map(() => device.createBuffer({ size: 512, usage })) as [GPUBuffer, GPUBuffer, GPUBuffer];
    const cache = new BindGroupCache(device);
    expect(layout).not.toBeNull();
    if (!layout) return;
    const g1 = cache.get(layout, [errs], 0, params, 256);
    expect(cache.get(layout, [errs], 0, params, 256)).toBe(g1);
    expect(cache.get(layout, [other], 0, params, 256)).not.toBe(g1);
    expect(cache.get(layout, [errs], 0, params, 512)).not.toBe(g1); // another slot size
    cache.evict(errs);
    expect(cache.get(layout, [errs], 0, params, 256)).not.toBe(g1);
    for (const b of [params, errs, other]) b.destroy();
  });
});
