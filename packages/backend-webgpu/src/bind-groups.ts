/// <reference types="@webgpu/types" />
/**
 * Bind groups made once and reused. Creating a bind group was the largest single cost of a small
 * op (tens of µs on Dawn, more than recording the dispatch), and a program's ops keep meeting the
 * same buffers because the pool hands them back. Two things make reuse possible:
 *
 * - an explicit layout per kernel, read from the declarations `declareBindings` generated (every
 *   binding is a storage buffer), in which the parameter block `prm` has a dynamic offset: one
 *   bind group serves every parameter block of the batch's arena;
 * - a cache keyed by layout, parameter slot size and the buffers, from which a bind group is
 *   dropped as soon as one of its buffers is destroyed (the pool trims idle buffers).
 *
 * A kernel whose source declares anything else keeps the "auto" layout and a fresh bind group.
 */

export interface KernelLayout {
  readonly id: number;
  readonly group: GPUBindGroupLayout;
  readonly pipeline: GPUPipelineLayout;
}

const DECL = /@group\(0\) @binding\((\d+)\) var<storage, (read_write|read)> (\w+)/g;
/** Bind groups kept at most; past this the cache starts over (a program rarely needs more). */
const MAX_GROUPS = 4096;

export class LayoutCache {
  private readonly bySignature = new Map<string, KernelLayout>();

  constructor(private readonly device: GPUDevice) {}

  /** The layout for a kernel's WGSL, or null when its bindings are not all plain storage buffers with one `prm`. */
  forSource(code: string): KernelLayout | null {
    const kinds: string[] = [];
    let count = 0;
    for (const m of code.matchAll(DECL)) {
      kinds[Number(m[1])] = m[3] === "prm" ? "p" : m[2] === "read_write" ? "w" : "r";
      count++;
    }
    if (count === 0 || count !== kinds.length || count !== code.split("@binding(").length - 1) return null;
    const signature = kinds.join("");
    if (signature.split("p").length !== 2) return null;
    let layout = this.bySignature.get(signature);
    if (!layout) {
      const entries: GPUBindGroupLayoutEntry[] = kinds.map((k, binding) => ({
        binding,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: k === "w" ? "storage" : "read-only-storage", hasDynamicOffset: k === "p" },
      }));
      const group = this.device.createBindGroupLayout({ entries, label: signature });
      layout = { id: this.bySignature.size, group, pipeline: this.device.createPipelineLayout({ bindGroupLayouts: [group] }) };
      this.bySignature.set(signature, layout);
    }
    return layout;
  }
}

export class BindGroupCache {
  private readonly groups = new Map<string, { group: GPUBindGroup; buffers: readonly GPUBuffer[] }>();
  private readonly ids = new WeakMap<GPUBuffer, number>();
  /** The cache keys that name each buffer, to drop them when it is destroyed. */
  private readonly keysOf = new Map<GPUBuffer, Set<string>>();
  private nextId = 1;

  constructor(private readonly device: GPUDevice) {}

  /** A bind group of `buffers` in order, the parameter arena `params` (dynamic offset, `slot` bytes) at index `prmAt`. */
  get(layout: KernelLayout, buffers: readonly GPUBuffer[], prmAt: number, params: GPUBuffer, slot: number): GPUBindGroup {
    let key = `${layout.id}:${slot}`;
    for (const b of buffers) key += `:${this.idOf(b)}`;
    const hit = this.groups.get(key);
    if (hit) return hit.group;
    if (this.groups.size >= MAX_GROUPS) this.clear();
    const entries: GPUBindGroupEntry[] = [];
    buffers.forEach((buffer, i) => entries.push({ binding: i < prmAt ? i : i + 1, resource: { buffer } }));
    entries.push({ binding: prmAt, resource: { buffer: params, offset: 0, size: slot } });
    const group = this.device.createBindGroup({ layout: layout.group, entries });
    this.groups.set(key, { group, buffers: [...buffers] });
    for (const b of buffers) {
      const keys = this.keysOf.get(b);
      if (keys) keys.add(key);
      else this.keysOf.set(b, new Set([key]));
    }
    return group;
  }

  /** Forgets every bind group that uses `buffer` (called before it is destroyed). */
  evict(buffer: GPUBuffer): void {
    for (const key of this.keysOf.get(buffer) ?? []) {
      for (const b of this.groups.get(key)?.buffers ?? []) if (b !== buffer) this.keysOf.get(b)?.delete(key);
      this.groups.delete(key);
    }
    this.keysOf.delete(buffer);
  }

  private clear(): void {
    this.groups.clear();
    this.keysOf.clear();
  }

  private idOf(b: GPUBuffer): number {
    let id = this.ids.get(b);
    if (id === undefined) this.ids.set(b, (id = this.nextId++));
    return id;
  }
}
