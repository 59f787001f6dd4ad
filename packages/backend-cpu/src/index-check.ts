/** Validation shared by gather and scatter: every index in [0, size) before anything is written. */
import { IndexError, type Operand } from "@typetorch/tensor-core";
import { dataOf } from "./operand.js";
import { forEachRow } from "./strided.js";

/** Throws PyTorch's IndexError for the first index (row-major) outside `[0, size)`. */
export function checkIndices(index: Operand, size: number, axis: number): void {
  const idx = dataOf(index) as BigInt64Array;
  const n = BigInt(size);
  forEachRow(index.shape, [index], (p, len, s) => {
    let i = p[0] as number;
    const si = s[0] as number;
    for (let k = 0; k < len; k++, i += si) {
      const v = idx[i] as bigint;
      if (v < 0n || v >= n) throw new IndexError(`index ${v} is out of bounds for dimension ${axis} with size ${size}`);
    }
  });
}
