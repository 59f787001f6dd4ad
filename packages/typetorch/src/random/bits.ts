// Test helpers: tensors to and from the exact bit encodings of tooling/fixtures/gen_random.py.
import * as torch from "typetorch";
import type { DType, Tensor } from "typetorch";

const HEX_WIDTH: Partial<Record<DType, number>> = { float16: 4, bfloat16: 4, float32: 8, float64: 16 };

/** Exact encodings of a tensor's values: IEEE bit patterns in hex for floats, decimal strings for integers. */
export async function bits(t: Tensor): Promise<string[]> {
  const a = await t.contiguous().toArray();
  const width = HEX_WIDTH[t.dtype];
  if (width === undefined) return Array.from(a as ArrayLike<number | bigint>, (v) => String(Number(v) === v ? v : v));
  if (t.dtype === "float64") return Array.from(new BigUint64Array((a as Float64Array).slice().buffer), (v) => v.toString(16).padStart(16, "0"));
  if (t.dtype === "float32") return Array.from(new Uint32Array((a as Float32Array).slice().buffer), (v) => v.toString(16).padStart(8, "0"));
  return Array.from(a as Uint16Array, (v) => v.toString(16).padStart(4, "0"));
}

/** A tensor from fixture encodings. */
export function fromBits(enc: readonly string[], dtype: DType, shape: readonly number[]): Tensor {
  let data: Float32Array | Float64Array | Uint16Array;
  if (dtype === "float64") data = new Float64Array(BigUint64Array.from(enc, (h) => BigInt(`0x${h}`)).buffer);
  else if (dtype === "float32") data = new Float32Array(Uint32Array.from(enc, (h) => parseInt(h, 16)).buffer);
  else {
    const t = torch.tensor(Float32Array.from(enc, (h) => parseInt(h, 16)), { dtype: "float32" });
    return t.to("int32").to(dtype).reshape([...shape]); // unused for now: 16-bit inputs are not recorded
  }
  return torch.tensor(data).reshape([...shape]);
}
