/**
 * `torch.Tensor` is both the class (for `instanceof` and types) and PyTorch's legacy float
 * constructor (`torch.Tensor(2, 3)`, `torch.Tensor([10, 20])`), as in PyTorch. The other legacy
 * constructors (`torch.IntTensor`, ...) are plain functions that also serve as `x.type(...)` arguments.
 */
import { Tensor as TensorClass } from "./tensor.js";
import { legacyConstructor } from "./ops/create.js";
import type { LegacyConstructor } from "./ops/create.js";
import { getDefaultDtype } from "./default-dtype.js";

export type Tensor = TensorClass;

type TensorValue = LegacyConstructor & { readonly prototype: TensorClass };

/** Calls the legacy constructor of the current default dtype; `x instanceof torch.Tensor` works. */
export const Tensor: TensorValue = Object.defineProperties(
  ((...args: Parameters<LegacyConstructor>) => legacyConstructor(getDefaultDtype())(...args)) as unknown as TensorValue,
  {
    prototype: { value: TensorClass.prototype },
    [Symbol.hasInstance]: { value: (x: unknown) => x instanceof TensorClass },
    dtype: { get: () => getDefaultDtype() },
    typeName: { get: () => legacyConstructor(getDefaultDtype()).typeName },
  },
);

export const FloatTensor = legacyConstructor("float32");
export const DoubleTensor = legacyConstructor("float64");
export const HalfTensor = legacyConstructor("float16");
export const BFloat16Tensor = legacyConstructor("bfloat16");
export const ByteTensor = legacyConstructor("uint8");
export const CharTensor = legacyConstructor("int8");
export const ShortTensor = legacyConstructor("int16");
export const IntTensor = legacyConstructor("int32");
export const LongTensor = legacyConstructor("int64");
export const BoolTensor = legacyConstructor("bool");
