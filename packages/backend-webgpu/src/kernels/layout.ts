/**
 * Operands → bindings and strided offsets. A kernel reads any strides in place: the offsets of
 * every operand are computed from the output index with the shape and strides in the meta block,
 * after adjacent dimensions that are contiguous in every operand have been merged.
 */
import type { Operand } from "@typetorch/tensor-core";
import { DeviceError } from "@typetorch/tensor-core";
import { GpuBuffer, type Binding } from "../context.js";
import { isSubword, loaderFn, storerFn } from "../wgsl/dtypes.js";

export function gpuBuffer(op: Operand): GpuBuffer {
  const b = op.buffer;
  if (!(b instanceof GpuBuffer)) throw new DeviceError("webgpu: buffer does not belong to the WebGPU backend");
  return b;
}

export interface Bound {
  readonly bindings: Binding[];
  /** Binding index of each operand (out first when present). */
  readonly slot: number[];
  /** Part of the pipeline key: which operands share a binding and which bindings are atomic. */
  readonly pattern: string;
  /** WGSL: binding declarations, `ld<j>` loaders for inputs, `st` for the output. */
  readonly decls: string;
}

/** Assigns bindings: the output read_write (atomic for 8/16-bit dtypes), inputs read-only unless they alias it. */
export function bind(out: Operand | null, ins: readonly Operand[], withErrors: boolean, declare: (bs: Binding[], e: boolean) => string): Bound {
  const bindings: Binding[] = [];
  const slot: number[] = [];
  const ops = out ? [out, ...ins] : [...ins];
  ops.forEach((op, j) => {
    const buf = gpuBuffer(op).buffer;
    const found = bindings.findIndex((b) => b.buffer === buf);
    if (found >= 0) slot.push(found);
    else {
      const isOut = out !== null && j === 0;
      bindings.push({ buffer: buf, rw: isOut, atomic: isOut && isSubword(op.dtype) });
      slot.push(bindings.length - 1);
    }
  });
  const fns: string[] = [];
  const first = out ? 1 : 0;
  if (out) fns.push(storerFn("st", out.dtype, 0));
  ins.forEach((op, j) => {
    const s = slot[j + first] as number;
    fns.push(loaderFn(`ld${j}`, op.dtype, s, (bindings[s] as Binding).atomic));
  });
  const pattern = slot.join(",") + bindings.map((b) => (b.atomic ? "a" : "")).join("");
  return { bindings, slot, pattern, decls: `${declare(bindings, withErrors)}\n${fns.join("\n")}` };
}

/** Drops size-1 dims and merges dims that are contiguous in every operand. */
export function coalesce(shape: readonly number[], strides: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
  const dims: number[] = [];
  for (let d = 0; d < shape.length; d++) if (shape[d] !== 1) dims.push(d);
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (const d of dims) {
    const n = outShape.length;
    const size = shape[d] as number;
    if (n > 0 && strides.every((s, k) => (outStrides[k] as number[])[n - 1] === (s[d] as number) * size)) {
      outShape[n - 1] = (outShape[n - 1] as number) * size;
      strides.forEach((s, k) => ((outStrides[k] as number[])[n - 1] = s[d] as number));
    } else {
      outShape.push(size);
      strides.forEach((s, k) => (outStrides[k] as number[]).push(s[d] as number));
    }
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * A coalesced layout with leading size-1 dims (stride 0) added up to `rank`: the same offsets for
 * every index. Costly kernels (software binary64, random) are compiled for one padded rank
 * instead of once per rank — SwiftShader takes up to seconds per such pipeline, and the extra
 * index arithmetic is nothing next to the kernel's own work.
 */
export function padRank(c: { shape: number[]; strides: number[][] }, rank: number): { shape: number[]; strides: number[][] } {
  const pad = rank - c.shape.length;
  if (pad <= 0) return c;
  return { shape: [...Array<number>(pad).fill(1), ...c.shape], strides: c.strides.map((s) => [...Array<number>(pad).fill(0), ...s]) };
}

/** The rank costly kernels are padded to (layouts of higher rank keep their own). */
export const PADDED_RANK = 4;

/**
 * WGSL declaring `o0..o<n-1>`: the element offsets of n operands for linear index `idx` over a
 * shape of `rank` dims. prm[offAt + k] is operand k's offset, prm[shapeAt + d] the sizes,
 * prm[strideAt + k * rank + d] the strides.
 */
export function offsetCode(rank: number, n: number, offAt: number, shapeAt: number, strideAt: number, idx = "i", prefix = "o"): string {
  const lines: string[] = [];
  for (let k = 0; k < n; k++) lines.push(`var ${prefix}${k} = prm[${offAt + k}u];`);
  if (rank > 0) lines.push(`var r_${prefix} = ${idx};`);
  for (let d = rank - 1; d >= 0; d--) {
    lines.push(`{ let s = prm[${shapeAt + d}u]; let c = r_${prefix} % s; r_${prefix} = r_${prefix} / s;`);
    for (let k = 0; k < n; k++) lines.push(`  ${prefix}${k} += c * prm[${strideAt + k * rank + d}u];`);
    lines.push("}");
  }
  return lines.join("\n  ");
}
