/**
 * One property case: operands as (dtype, layout, base values), materialised on the backend under
 * test and in the reference, run through both, compared element by element, and described for a
 * reader when they differ.
 */
import fc from "fast-check";
import { makeStorageArray, type Backend, type DType, type DeviceBuffer, type Operand, type StorageArray } from "@typetorch/tensor-core";
import { address, isFloatDtype, multiIndices, readElement, type RefOperand, type Value } from "./reference/index.js";
import { writeElement } from "./reference/values.js";
import { layoutArb, type Layout } from "./arbitraries/layout.js";
import { Mismatch } from "./check.js";

export interface OperandSpec {
  readonly dtype: DType;
  readonly layout: Layout;
  /** One value per base element. */
  readonly base: readonly Value[];
}

/** An operand of `shape` in a random layout, with random base contents from `values`. */
export function operandArb(
  dtype: DType,
  shape: readonly number[],
  values: fc.Arbitrary<Value>,
  o: { broadcast: boolean; contiguous?: boolean },
): fc.Arbitrary<OperandSpec> {
  const layouts = o.contiguous ? fc.constant(contiguousOf(shape)) : layoutArb(shape, o);
  return layouts.chain((layout) =>
    fc.array(values, { minLength: layout.baseLength, maxLength: layout.baseLength }).map((base) => ({ dtype, layout, base })),
  );
}

function contiguousOf(shape: readonly number[]): Layout {
  let n = 1;
  const strides = shape.map(() => 0);
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = n;
    n *= shape[d] as number;
  }
  return { shape, strides, offset: 0, baseLength: Math.max(1, n), chain: "contiguous" };
}

/** A fixed operand: `values` as its base, viewed with `shape`/`strides` (for the edge examples). */
export function fixedOperand(dtype: DType, values: readonly Value[], shape: readonly number[], strides: readonly number[]): OperandSpec {
  const layout: Layout = { shape, strides, offset: 0, baseLength: Math.max(1, values.length), chain: "edge-value example" };
  return { dtype, layout, base: values.length ? values : [0n].map((z) => (isFloatDtype(dtype) ? 0 : z)) };
}

/** A contiguous operand of `shape` filled with zeros (an output's initial contents). */
export function zeroOperand(dtype: DType, shape: readonly number[]): OperandSpec {
  const n = Math.max(1, shape.reduce((a, b) => a * b, 1));
  const strides = contiguousOf(shape).strides;
  return fixedOperand(dtype, Array.from({ length: n }, () => (isFloatDtype(dtype) ? 0 : 0n)), shape, strides);
}

export function storageOf(spec: OperandSpec): StorageArray {
  const arr = makeStorageArray(spec.dtype, spec.layout.baseLength);
  spec.base.forEach((v, i) => writeElement(spec.dtype, arr, i, v));
  return arr;
}

export const refOperandOf = (spec: OperandSpec): RefOperand => ({
  data: storageOf(spec),
  dtype: spec.dtype,
  shape: spec.layout.shape,
  strides: spec.layout.strides,
  offset: spec.layout.offset,
});

/** Allocates and writes each spec on the backend; returns operands and a cleanup. */
export function materialise(backend: Backend, specs: readonly OperandSpec[]): { ops: Operand[]; free: () => void } {
  const buffers: DeviceBuffer[] = [];
  const ops = specs.map((s) => {
    const buffer = backend.alloc(s.dtype, s.layout.baseLength);
    buffers.push(buffer);
    backend.write(buffer, s.dtype, storageOf(s), 0);
    return { buffer, dtype: s.dtype, shape: s.layout.shape, strides: s.layout.strides, offset: s.layout.offset };
  });
  return { ops, free: () => buffers.forEach((b) => backend.free(b)) };
}

export async function readAll(backend: Backend, op: Operand, length: number): Promise<StorageArray> {
  await backend.sync();
  return backend.read(op.buffer, op.dtype, 0, length);
}

const show = (v: Value): string =>
  typeof v === "bigint" ? `${v}` : Object.is(v, -0) ? "-0" : Number.isNaN(v) ? "NaN" : `${v}`;

export function describeOperand(label: string, s: OperandSpec): string {
  const l = s.layout;
  return `  ${label}: ${s.dtype} shape [${l.shape.join(",")}] strides [${l.strides.join(",")}] offset ${l.offset} (${l.chain})`;
}

/** The input values at a multi-index, for the report. */
export function describeInputsAt(names: readonly string[], specs: readonly OperandSpec[], idx: readonly number[]): string {
  return specs
    .map((s, i) => {
      const a = address(s.layout, idx.slice(0, s.layout.shape.length));
      return `${names[i]}[${idx.join(",")}] = ${show(s.base[a] as Value)}`;
    })
    .join(", ");
}

export interface Compared {
  /** Returns true when `got` is acceptable at output multi-index `idx` (row-major position `k`). */
  readonly accept: (got: Value, expected: Value, idx: readonly number[], k: number) => boolean;
}

/**
 * Compares the whole output buffer: addressed elements with `accept`, every other element must
 * be left exactly as it was (a kernel writes exactly what `out` addresses).
 */
export function compareOutput(
  title: string,
  out: OperandSpec,
  got: StorageArray,
  expected: StorageArray,
  accept: Compared["accept"],
  context: (idx: readonly number[]) => string,
  operands: string,
): void {
  const d = out.dtype;
  const addressed = new Set<number>();
  let k = 0;
  for (const idx of multiIndices(out.layout.shape)) {
    const a = address(out.layout, idx);
    addressed.add(a);
    const g = readElement(d, got, a);
    const e = readElement(d, expected, a);
    if (!accept(g, e, idx, k)) {
      throw new Mismatch(
        `${title}: out[${idx.join(",")}] expected ${show(e)} got ${show(g)}\n  at ${context(idx)}\n${operands}`,
      );
    }
    k++;
  }
  for (let a = 0; a < out.layout.baseLength; a++) {
    if (addressed.has(a)) continue;
    const g = readElement(d, got, a);
    const e = readElement(d, expected, a);
    if (!(typeof g === "number" && typeof e === "number" ? Object.is(g, e) || (g !== g && e !== e) : g === e)) {
      throw new Mismatch(
        `${title}: wrote outside out — base element ${a} (not addressed by out) changed from ${show(e)} to ${show(g)}\n${operands}`,
      );
    }
  }
}

export { show };
