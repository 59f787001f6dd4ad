/** Reference batched matmul: a dot product per output element, float64 or BigInt, rounded once. */
import { address, linearIndex, multiIndices, numelOf, type RefOperand } from "./layout.js";
import { isFloatDtype, readElement, roundFloat, wrapInt, writeElement } from "./values.js";
import type { ErrorScale } from "./reduce.js";

export function refMatmul(out: RefOperand, a: RefOperand, b: RefOperand): ErrorScale {
  const n = numelOf(out.shape);
  const scale: ErrorScale = { exact: new Float64Array(n), absSum: new Float64Array(n), count: new Float64Array(n) };
  const r = out.shape.length;
  const K = a.shape[r - 1] as number;
  for (const idx of multiIndices(out.shape)) {
    const ai = idx.slice();
    const bi = idx.slice();
    let facc = 0;
    let fabs = 0;
    let iacc = 0n;
    for (let k = 0; k < K; k++) {
      ai[r - 1] = k; // a[..., m, k]
      bi[r - 2] = k; // b[..., k, n]
      const x = readElement(a.dtype, a.data, address(a, ai));
      const y = readElement(b.dtype, b.data, address(b, bi));
      if (typeof x === "number" && typeof y === "number") {
        facc += x * y;
        fabs += Math.abs(x * y);
      } else iacc += (x as bigint) * (y as bigint);
    }
    const k = linearIndex(out.shape, idx);
    scale.exact[k] = facc;
    scale.absSum[k] = fabs;
    scale.count[k] = K;
    const v = isFloatDtype(out.dtype) ? roundFloat(out.dtype, facc) : wrapInt(out.dtype, iacc);
    writeElement(out.dtype, out.data, address(out, idx), v);
  }
  return scale;
}
