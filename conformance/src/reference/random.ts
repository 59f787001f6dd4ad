/**
 * The `random` primitive of the reference backend: tensor-core's reference stream
 * (`referenceRandom`, the definition every backend must match bit for bit), stored at each
 * element's row-major position of a strided out.
 */
import {
  bfloat16BitsToNumber,
  float16BitsToNumber,
  numberToBfloat16Bits,
  numberToFloat16Bits,
  referenceRandom,
  type RandomSpec,
} from "@typetorch/tensor-core";
import type { RefOperand } from "./layout.js";

function rowMajorOffsets(op: RefOperand): number[] {
  const n = op.shape.reduce((a, b) => a * b, 1);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let rest = i;
    let off = op.offset;
    for (let d = op.shape.length - 1; d >= 0; d--) {
      const s = op.shape[d] as number;
      off += (rest % s) * (op.strides[d] as number);
      rest = Math.floor(rest / s);
    }
    out[i] = off;
  }
  return out;
}

/** The input operand's elements as numbers, broadcast to `out`'s shape, in row-major order. */
function inputValues(input: RefOperand, shape: readonly number[]): number[] {
  const k = shape.length - input.shape.length;
  const strides = shape.map((s, d) => (d < k || input.shape[d - k] === 1 ? 0 : (input.strides[d - k] as number)));
  const view = { ...input, shape, strides };
  const enc = input.dtype;
  return rowMajorOffsets(view).map((o) => {
    const v = (input.data as ArrayLike<number | bigint>)[o] as number | bigint;
    if (enc === "float16") return float16BitsToNumber(v as number);
    if (enc === "bfloat16") return bfloat16BitsToNumber(v as number);
    return Number(v);
  });
}

export function refRandom(out: RefOperand, spec: RandomSpec, input?: RefOperand): void {
  const offsets = rowMajorOffsets(out);
  const values = referenceRandom(spec, out.dtype, offsets.length, input && inputValues(input, out.shape));
  const data = out.data as unknown as { [i: number]: number | bigint };
  offsets.forEach((o, i) => {
    const v = values[i] as number | bigint;
    if (out.dtype === "float16") data[o] = numberToFloat16Bits(v as number);
    else if (out.dtype === "bfloat16") data[o] = numberToBfloat16Bits(v as number);
    else if (out.dtype === "bool") data[o] = v ? 1 : 0;
    else data[o] = v;
  });
}
