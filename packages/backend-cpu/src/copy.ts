/** copy: `out[i] = cast(a[i])`, the only strided write; the cast rules live in dtype-io.ts. */
import type { Operand } from "@typetorch/tensor-core";
import { caster, type AnyArray } from "./dtype-io.js";
import { dataOf, layoutAt } from "./operand.js";
import { kindOf, specialize } from "./specialize.js";
import { forEachRow } from "./strided.js";

type Conv = (x: number | bigint) => number | bigint;

// Row loops, copied per (array kinds) or per cast pair by specialize.ts so that each copy's
// element access stays monomorphic.
function rawRow(dst: AnyArray, o: number, so: number, src: AnyArray, i: number, sa: number, n: number): void {
  for (let k = 0; k < n; k++, o += so, i += sa) dst[o] = src[i] as number | bigint;
}
function rawRowBackward(dst: AnyArray, o: number, so: number, src: AnyArray, i: number, sa: number, n: number): void {
  o += so * (n - 1);
  i += sa * (n - 1);
  for (let k = 0; k < n; k++, o -= so, i -= sa) dst[o] = src[i] as number | bigint;
}
function castRow(dst: AnyArray, o: number, so: number, src: AnyArray, i: number, sa: number, n: number, conv: Conv): void {
  for (let k = 0; k < n; k++, o += so, i += sa) dst[o] = conv(src[i] as number | bigint);
}

function widenRow(dst: Int32Array, o: number, so: number, src: Int32Array, i: number, sa: number, n: number): void {
  for (let k = 0; k < n; k++, o += so, i += sa) {
    const x = src[i] as number;
    dst[2 * o] = x;
    dst[2 * o + 1] = x >> 31;
  }
}
const SMALL_INTS = new Set(["int32", "int16", "int8", "uint8", "bool"]);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function copy(out: Operand, a: Operand): void {
  const data = dataOf(out);
  const dst = data as unknown as AnyArray;
  const srcData = dataOf(a);
  const src = srcData as unknown as AnyArray;
  const conv = caster(a.dtype, out.dtype);
  const la = layoutAt(a, out.shape);
  if (conv === null) {
    const forward = specialize(rawRow, kindOf(data), kindOf(srcData));
    const backward = specialize(rawRowBackward, kindOf(data), kindOf(srcData));
    const sameBuffer = out.buffer === a.buffer;
    forEachRow(out.shape, [out, la], (p, n, s) => {
      const o = p[0] as number;
      const i = p[1] as number;
      const so = s[0] as number;
      const sa = s[1] as number;
      // long contiguous rows of one dtype: a memmove (TypedArray.set copes with overlap). Short
      // ones (an im2col copy's rows are an image row, ~10–30 elements) take the loop: `subarray`
      // makes an object per row, which cost more than the copy itself (6 ns an element).
      if (so === 1 && sa === 1 && n >= 64) (data as Uint8Array).set((srcData as Uint8Array).subarray(i, i + n), o);
      // an overlapping forward copy inside one buffer walks backwards so sources are read first
      else if (sameBuffer && so === sa && o > i) backward(dst, o, so, src, i, sa, n);
      else forward(dst, o, so, src, i, sa, n);
    });
    return;
  }
  if (out.dtype === "int64" && SMALL_INTS.has(a.dtype) && LITTLE_ENDIAN) {
    // Small integers → int64 (e.g. indices computed in int32): write the two 32-bit words (the
    // value, then its sign) instead of making a BigInt per element.
    const words = new Int32Array((data as BigInt64Array).buffer, (data as BigInt64Array).byteOffset, (data as BigInt64Array).length * 2);
    const widen = specialize(widenRow, kindOf(srcData));
    forEachRow(out.shape, [out, la], (p, n, s) => widen(words, p[0] as number, s[0] as number, srcData as Int32Array, p[1] as number, s[1] as number, n));
    return;
  }
  const cast = specialize(castRow, a.dtype, out.dtype);
  forEachRow(out.shape, [out, la], (p, n, s) =>
    cast(dst, p[0] as number, s[0] as number, src, p[1] as number, s[1] as number, n, conv),
  );
}
