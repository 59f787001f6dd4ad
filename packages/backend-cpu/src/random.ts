/**
 * random: the counter-based fill. The CPU evaluates the reference stream of tensor-core itself,
 * element by element in row-major order, and stores it with the strided writer.
 */
import { referenceRandom, type Operand, type RandomSpec } from "@typetorch/tensor-core";
import { dataOf, narrowInto, widenToF32 } from "./operand.js";
import { contiguousStrides, forEachRow, numel } from "./strided.js";
import { caster } from "./dtype-io.js";

/** The input operand's elements as numbers, broadcast to `shape`, row-major. */
function inputValues(input: Operand, shape: readonly number[]): ArrayLike<number> {
  if (input.dtype === "float16" || input.dtype === "bfloat16") return widenToF32(input, shape);
  const src = dataOf(input) as Float32Array | Float64Array;
  const out = new Float64Array(numel(shape));
  const conv = input.dtype === "float32" || input.dtype === "float64" ? null : caster(input.dtype, "float64");
  const strides = new Array<number>(shape.length).fill(0);
  for (let d = 0; d < input.shape.length; d++) {
    const k = shape.length - input.shape.length + d;
    strides[k] = input.shape[d] === 1 && shape[k] !== 1 ? 0 : (input.strides[d] as number);
  }
  forEachRow(shape, [{ strides: contiguousStrides(shape), offset: 0 }, { strides, offset: input.offset }], (p, n, s) => {
    let o = p[0] as number;
    let a = p[1] as number;
    const sa = s[1] as number;
    for (let k = 0; k < n; k++, o++, a += sa) out[o] = conv ? Number(conv(src[a] as number)) : (src[a] as number);
  });
  return out;
}

export function random(out: Operand, spec: RandomSpec, input?: Operand): void {
  const values = referenceRandom(spec, out.dtype, numel(out.shape), input && inputValues(input, out.shape));
  if (values instanceof BigInt64Array) {
    const dst = dataOf(out) as BigInt64Array;
    forEachRow(out.shape, [{ strides: contiguousStrides(out.shape), offset: 0 }, out], (p, n, s) => {
      let v = p[0] as number;
      let o = p[1] as number;
      const so = s[1] as number;
      for (let k = 0; k < n; k++, v++, o += so) dst[o] = values[v] as bigint;
    });
    return;
  }
  narrowInto(out, values);
}
