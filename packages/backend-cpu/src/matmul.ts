/**
 * matmul: `out[..., i, j] = Σ_k a[..., i, k] · b[..., k, j]` over broadcast batch dims.
 * Loop order i-k-j with a float64 row accumulator (b's rows stream contiguously, each output is
 * rounded once); when b is transposed (k contiguous, j strided) a dot-product order i-j-k is used
 * instead so both inputs stream. Transposed or sliced inputs are read through their strides, never
 * copied. float16/bfloat16 are widened to float32 first; integers wrap (int64 in BigInt).
 * K = 0 gives zeros.
 */
import type { Operand } from "@typetorch/tensor-core";
import { isHalf, type NumArray } from "./dtype-io.js";
import { contiguousView, dataOf, narrowInto, stridesAt, unsupported, viewOf, widenToF32, type View } from "./operand.js";
import { wasmMatmulF32 } from "./matmul-wasm.js";
import { kindOf, specialize } from "./specialize.js";
import { forEachRow, numel } from "./strided.js";

/** M·N·K from which float32 matmul runs in WebAssembly (matmul-wasm.ts); below it, packing costs more than it saves. */
export const WASM_MIN_WORK = 16 ** 3;

interface Mat {
  data: NumArray;
  rs: number; // row stride
  cs: number; // column stride
}

function kernelFloat(o: Mat, oo: number, a: Mat, ao: number, b: Mat, bo: number, M: number, K: number, N: number, acc: Float64Array): void {
  const A = a.data;
  const B = b.data;
  const O = o.data;
  const ars = a.rs;
  const acs = a.cs;
  const brs = b.rs;
  const bcs = b.cs;
  const ors = o.rs;
  const ocs = o.cs;
  if (brs === 1 && bcs !== 1) {
    // b transposed: both a's row and b's column are contiguous in k
    for (let i = 0; i < M; i++) {
      const ar = ao + i * ars;
      let j = 0;
      // four columns at once share each load of a's row
      for (; j + 4 <= N; j += 4) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        const c0 = bo + j * bcs;
        const c1 = c0 + bcs;
        const c2 = c1 + bcs;
        const c3 = c2 + bcs;
        for (let k = 0, x = ar; k < K; k++, x += acs) {
          const av = A[x] as number;
          s0 += av * (B[c0 + k] as number);
          s1 += av * (B[c1 + k] as number);
          s2 += av * (B[c2 + k] as number);
          s3 += av * (B[c3 + k] as number);
        }
        const y = oo + i * ors + j * ocs;
        O[y] = s0;
        O[y + ocs] = s1;
        O[y + 2 * ocs] = s2;
        O[y + 3 * ocs] = s3;
      }
      for (; j < N; j++) {
        let s = 0;
        for (let k = 0, x = ar, y = bo + j * bcs; k < K; k++, x += acs, y++) s += (A[x] as number) * (B[y] as number);
        O[oo + i * ors + j * ocs] = s;
      }
    }
    return;
  }
  for (let i = 0; i < M; i++) {
    acc.fill(0);
    const ar = ao + i * ars;
    let k = 0;
    if (bcs === 1) {
      // four rows of b per pass: a quarter of the accumulator traffic; the left-to-right
      // additions keep the sequential k order, so the result equals the one-row loop's
      for (; k + 4 <= K; k += 4) {
        const a0 = A[ar + k * acs] as number;
        const a1 = A[ar + (k + 1) * acs] as number;
        const a2 = A[ar + (k + 2) * acs] as number;
        const a3 = A[ar + (k + 3) * acs] as number;
        const r0 = bo + k * brs;
        const r1 = r0 + brs;
        const r2 = r1 + brs;
        const r3 = r2 + brs;
        for (let j = 0; j < N; j++)
          acc[j] = (acc[j] as number) + a0 * (B[r0 + j] as number) + a1 * (B[r1 + j] as number) + a2 * (B[r2 + j] as number) + a3 * (B[r3 + j] as number);
      }
    }
    for (; k < K; k++) {
      const aik = A[ar + k * acs] as number;
      const br = bo + k * brs;
      if (bcs === 1) for (let j = 0; j < N; j++) acc[j] = (acc[j] as number) + aik * (B[br + j] as number);
      else for (let j = 0, y = br; j < N; j++, y += bcs) acc[j] = (acc[j] as number) + aik * (B[y] as number);
    }
    const orow = oo + i * ors;
    if (ocs === 1) for (let j = 0; j < N; j++) O[orow + j] = acc[j] as number;
    else for (let j = 0, y = orow; j < N; j++, y += ocs) O[y] = acc[j] as number;
  }
}

function kernelInt(o: Mat, oo: number, a: Mat, ao: number, b: Mat, bo: number, M: number, K: number, N: number): void {
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++)
        s = (s + Math.imul(a.data[ao + i * a.rs + k * a.cs] as number, b.data[bo + k * b.rs + j * b.cs] as number)) | 0;
      o.data[oo + i * o.rs + j * o.cs] = s;
    }
}

function kernelBig(o: BigInt64Array, or: number, oc: number, oo: number, a: BigInt64Array, ar: number, ac: number, ao: number,
  b: BigInt64Array, br: number, bc: number, bo: number, M: number, K: number, N: number): void {
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0n;
      for (let k = 0; k < K; k++) s = BigInt.asIntN(64, s + (a[ao + i * ar + k * ac] as bigint) * (b[bo + k * br + j * bc] as bigint));
      o[oo + i * or + j * oc] = s;
    }
}

export function matmul(out: Operand, a: Operand, b: Operand): void {
  const d = a.dtype;
  if (d === "bool") unsupported("matmul", d);
  const r = out.shape.length;
  const M = out.shape[r - 2] as number;
  const N = out.shape[r - 1] as number;
  const K = a.shape[r - 1] as number;
  const batch = out.shape.slice(0, r - 2);
  let ov: View = viewOf(out, out.shape);
  let av: View = { data: dataOf(a), strides: a.strides, offset: a.offset };
  let bv: View = { data: dataOf(b), strides: b.strides, offset: b.offset };
  let tmp: Float64Array | null = null;
  if (isHalf(d)) {
    av = contiguousView(widenToF32(a, a.shape), a.shape);
    bv = contiguousView(widenToF32(b, b.shape), b.shape);
    tmp = new Float64Array(numel(out.shape));
    ov = contiguousView(tmp, out.shape);
  }
  const aBatch = stridesAt({ ...a, strides: av.strides, offset: av.offset }, a.shape).slice(0, r - 2);
  const bBatch = stridesAt({ ...b, strides: bv.strides, offset: bv.offset }, b.shape).slice(0, r - 2);
  const mat = (v: View): Mat => ({ data: v.data as NumArray, rs: v.strides[r - 2] as number, cs: v.strides[r - 1] as number });
  const om = mat(ov);
  const am = mat(av);
  const bm = mat(bv);
  const isF = d === "float32" || d === "float64" || isHalf(d);
  const acc = new Float64Array(N);
  const layouts = [
    { strides: ov.strides.slice(0, r - 2), offset: ov.offset },
    { strides: aBatch, offset: av.offset },
    { strides: bBatch, offset: bv.offset },
  ];
  // one copy per array kinds (specialize.ts): int8…int32 and the float kinds never share loops
  const floatKernel = specialize(kernelFloat, kindOf(om.data), kindOf(am.data));
  const useWasm = d === "float32" && M * N * K >= WASM_MIN_WORK && M >= 4 && N >= 4;
  const intKernel = specialize(kernelInt, kindOf(om.data), kindOf(am.data));
  forEachRow(batch, layouts, (p, n, s) => {
    let oo = p[0] as number;
    let ao = p[1] as number;
    let bo = p[2] as number;
    for (let t = 0; t < n; t++, oo += s[0] as number, ao += s[1] as number, bo += s[2] as number) {
      if (useWasm && wasmMatmulF32({ data: om.data as Float32Array, rs: om.rs, cs: om.cs, off: oo },
        { data: am.data as Float32Array, rs: am.rs, cs: am.cs, off: ao }, { data: bm.data as Float32Array, rs: bm.rs, cs: bm.cs, off: bo }, M, K, N)) continue;
      if (isF) floatKernel(om, oo, am, ao, bm, bo, M, K, N, acc);
      else if (d === "int64")
        kernelBig(om.data as unknown as BigInt64Array, om.rs, om.cs, oo, am.data as unknown as BigInt64Array, am.rs, am.cs, ao,
          bm.data as unknown as BigInt64Array, bm.rs, bm.cs, bo, M, K, N);
      else intKernel(om, oo, am, ao, bm, bo, M, K, N);
    }
  });
  if (tmp !== null) narrowInto(out, tmp);
}
