/**
 * Strided addressing, written as plainly as possible: every multi-index of a shape in row-major
 * order, and the storage element a multi-index of an operand addresses. Stride 0 is a broadcast.
 */
import type { DType, Operand, StorageArray } from "@typetorch/tensor-core";

/** An operand whose buffer the reference can see: a plain storage array. */
export interface RefOperand {
  readonly data: StorageArray;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

export const numelOf = (shape: readonly number[]): number => shape.reduce((n, s) => n * s, 1);

/** Every multi-index of `shape`, last axis fastest. A shape with a 0 has none; `[]` has one. */
export function* multiIndices(shape: readonly number[]): Generator<number[]> {
  if (shape.some((s) => s === 0)) return;
  const idx = shape.map(() => 0);
  for (;;) {
    yield idx.slice();
    let d = shape.length - 1;
    while (d >= 0) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (shape[d] as number)) break;
      idx[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}

/** The storage element an operand's multi-index addresses. */
export function address(op: Pick<Operand, "strides" | "offset">, idx: readonly number[]): number {
  let a = op.offset;
  for (let d = 0; d < idx.length; d++) a += (idx[d] as number) * (op.strides[d] as number);
  return a;
}

/** Row-major position of a multi-index (used to key per-element side data). */
export function linearIndex(shape: readonly number[], idx: readonly number[]): number {
  let k = 0;
  for (let d = 0; d < shape.length; d++) k = k * (shape[d] as number) + (idx[d] as number);
  return k;
}
