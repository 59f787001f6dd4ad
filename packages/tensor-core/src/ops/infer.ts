/**
 * Inferring shape and dtype from nested JS data for `torch.tensor` (API.md rule 4b): booleans →
 * bool, bigints and integral numbers → int64, any non-integral number → the default float dtype;
 * TypedArrays carry their own dtype (Float64Array → float64, as NumPy's float64 does in PyTorch).
 */
import type { DType, Scalar } from "../dtype.js";
import { TorchTypeError, ValueError } from "../errors.js";
import { promoteTypes } from "../promotion.js";
import { getDefaultDtype } from "../default-dtype.js";

export type TypedArrayData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | BigInt64Array;
export type NestedData = Scalar | TypedArrayData | readonly NestedData[];

export function typedArrayDtype(a: TypedArrayData): DType {
  if (a instanceof Float32Array) return "float32";
  if (a instanceof Float64Array) return "float64";
  if (a instanceof Int8Array) return "int8";
  if (a instanceof Int16Array) return "int16";
  if (a instanceof Int32Array) return "int32";
  if (a instanceof Uint8Array) return "uint8";
  return "int64";
}

export const isTypedArray = (x: unknown): x is TypedArrayData => ArrayBuffer.isView(x) && !(x instanceof DataView);

/**
 * Shape, inferred dtype and the flat row-major scalars of nested data. `flat` is read-only: for
 * a top-level TypedArray it is that array itself (shape and dtype need no element walk; a 1e7
 * Float32Array used to be copied element by element here).
 */
export function inferData(data: NestedData): { shape: number[]; dtype: DType; flat: readonly Scalar[] } {
  if (isTypedArray(data)) return { shape: [data.length], dtype: typedArrayDtype(data), flat: data as unknown as readonly Scalar[] };
  const shape: number[] = [];
  for (let d: unknown = data; ; ) {
    if (Array.isArray(d)) {
      shape.push(d.length);
      if (d.length === 0) break;
      d = d[0];
    } else if (isTypedArray(d)) {
      shape.push(d.length);
      break;
    } else break;
  }
  const flat: Scalar[] = [];
  let dtype: DType | null = null;
  const visit = (d: unknown, depth: number): void => {
    if (depth < shape.length) {
      const seq = Array.isArray(d) ? (d as unknown[]) : isTypedArray(d) ? Array.from(d as ArrayLike<Scalar>) : null;
      if (seq === null) {
        throw new ValueError(`expected sequence of length ${shape[depth]} at dim ${depth} (got ${typeof d})`);
      }
      if (seq.length !== shape[depth]) {
        throw new ValueError(`expected sequence of length ${shape[depth]} at dim ${depth} (got ${seq.length})`);
      }
      if (isTypedArray(d)) {
        const td = typedArrayDtype(d);
        dtype = dtype === null ? td : promoteTypes(dtype, td);
        for (const v of seq) flat.push(v as Scalar);
        return;
      }
      for (const x of seq) visit(x, depth + 1);
      return;
    }
    if (Array.isArray(d) || isTypedArray(d)) {
      throw new ValueError(`expected a scalar at dim ${depth} but got a sequence`);
    }
    let kind: DType;
    if (typeof d === "boolean") kind = "bool";
    else if (typeof d === "bigint") kind = "int64";
    else if (typeof d === "number") kind = Number.isInteger(d) ? "int64" : getDefaultDtype();
    else throw new TorchTypeError(`Could not infer dtype of ${d === null ? "null" : typeof d}`);
    dtype = dtype === null ? kind : promoteTypes(dtype, kind);
    flat.push(d);
  };
  visit(data, 0);
  return { shape, dtype: dtype ?? getDefaultDtype(), flat };
}
