/**
 * A `random` for backends that have no kernel yet: evaluates the reference stream on the host and
 * uploads it (a contiguous staging buffer, then the backend's own strided `copy`). Exact by
 * construction, but it moves every sample across the bus, and it cannot read a per-element
 * `input` from a device without synchronous reads — so bernoulli with a probability tensor and
 * poisson still need a device kernel there.
 */
import type { Backend, Operand } from "../backend.js";
import type { StorageArray } from "../dtype.js";
import { makeStorageArray } from "../dtype.js";
import { DeviceError } from "../errors.js";
import { bfloat16BitsToNumber, float16BitsToNumber, numberToBfloat16Bits, numberToFloat16Bits } from "../float16.js";
import type { RandomSpec } from "../primitives.js";
import { contiguousStrides, numel } from "../shape.js";
import { referenceRandom } from "./stream.js";

/** Row-major values of a (synchronously readable) operand broadcast to `shape`. */
function readInput(backend: Backend, input: Operand, shape: readonly number[]): number[] {
  if (!backend.readSync) throw new DeviceError(`${backend.name}: random with a per-element input needs a device kernel (no synchronous reads)`);
  const data = backend.readSync(input.buffer, input.dtype, 0, input.buffer.length);
  const k = shape.length - input.shape.length;
  const strides = shape.map((s, d) => (d < k || input.shape[d - k] === 1 ? 0 : (input.strides[d - k] as number)));
  const decode = input.dtype === "float16" ? float16BitsToNumber : input.dtype === "bfloat16" ? bfloat16BitsToNumber : Number;
  return Array.from({ length: numel(shape) }, (_, i) => {
    let rest = i;
    let off = input.offset;
    for (let d = shape.length - 1; d >= 0; d--) {
      off += (rest % (shape[d] as number)) * (strides[d] as number);
      rest = Math.floor(rest / (shape[d] as number));
    }
    return decode(data[off] as number);
  });
}

export function hostRandom(backend: Backend, out: Operand, spec: RandomSpec, input?: Operand): void {
  const n = numel(out.shape);
  if (n === 0) return;
  const values = referenceRandom(spec, out.dtype, n, input && readInput(backend, input, out.shape));
  let staged: StorageArray;
  if (values instanceof BigInt64Array) staged = values;
  else {
    staged = makeStorageArray(out.dtype, n);
    const enc = out.dtype === "float16" ? numberToFloat16Bits : out.dtype === "bfloat16" ? numberToBfloat16Bits : (x: number): number => x;
    for (let i = 0; i < n; i++) (staged as Float64Array)[i] = enc(values[i] as number);
  }
  const buffer = backend.alloc(out.dtype, n);
  try {
    backend.write(buffer, out.dtype, staged, 0);
    backend.copy(out, { buffer, dtype: out.dtype, shape: out.shape, strides: contiguousStrides(out.shape), offset: 0 });
  } finally {
    backend.free(buffer);
  }
}
