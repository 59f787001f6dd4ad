/**
 * Index reading shared by gather and scatter. int64 indices live in a BigInt64Array; reading them
 * as BigInt per element is slow, so kernels read the low 32-bit word through an Int32Array view
 * of the same memory (little-endian, as every JS platform in practice), valid once `checkIndices`
 * has proven every index lies in [0, size) with size < 2^31.
 */
import { IndexError, type Operand } from "@typetorch/tensor-core";
import { dataOf } from "./operand.js";
import { forEachRow } from "./strided.js";

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The low words of an int64 index operand (element i at 2 * i), or null where that trick is unsafe. */
export function lowWords(index: Operand, size: number): Int32Array | null {
  if (!LITTLE_ENDIAN || size >= 2 ** 31) return null;
  const big = dataOf(index) as BigInt64Array;
  return new Int32Array(big.buffer, big.byteOffset, big.length * 2);
}

/** Throws PyTorch's IndexError for the first index (row-major) outside `[0, size)`. */
export function checkIndices(index: Operand, size: number, axis: number): void {
  const idx = dataOf(index) as BigInt64Array;
  const w = lowWords(index, size);
  const n = BigInt(size);
  forEachRow(index.shape, [index], (p, len, s) => {
    let i = p[0] as number;
    const si = s[0] as number;
    for (let k = 0; k < len; k++, i += si) {
      // Fast path: high word 0 and low word in range means 0 <= v < size.
      if (w !== null && (w[2 * i + 1] as number) === 0 && (w[2 * i] as number) >= 0 && (w[2 * i] as number) < size) continue;
      const v = idx[i] as bigint;
      if (v < 0n || v >= n) throw new IndexError(`index ${v} is out of bounds for dimension ${axis} with size ${size}`);
    }
  });
}

/** Reads validated index `i` as a number. */
export function indexReader(index: Operand, size: number): (i: number) => number {
  const w = lowWords(index, size);
  if (w !== null) return (i) => w[2 * i] as number;
  const big = dataOf(index) as BigInt64Array;
  return (i) => Number(big[i] as bigint);
}
