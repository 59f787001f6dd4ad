/**
 * @typetorch/tensor-core: tensors with PyTorch's data model, on any registered backend.
 * `import * as torch from "@typetorch/tensor-core"` gives PyTorch's names; register a backend
 * (e.g. `registerBackend("cpu", createCpuBackend())`) before creating tensors.
 */
export * from "./dtype.js";
export * from "./errors.js";
export * from "./float16.js";
export type * from "./backend.js";
export * from "./primitives.js";
export * from "./promotion.js";
export * from "./default-dtype.js";
export * from "./print/index.js";
export { broadcastShapes, contiguousStrides, isContiguousLayout, normalizeDim } from "./shape.js";
export { registerBackend, initBackend, getBackend, registeredBackends, canonicalDevice, cuda, webgpu } from "./device.js";
export type { Device } from "./device.js";
export { memory } from "./storage.js";
export type { MemoryInfo } from "./storage.js";
export { tidy, keep } from "./scope.js";
export { dispatch, installLayer } from "./dispatch.js";
export type { Gate, Layer, OpCall, OpResult } from "./dispatch.js";
export { setAutogradEngine, setTensorCreationHook } from "./autograd-hook.js";
export type { AutogradEngine, BackwardOptions, GradHook, RemovableHandle } from "./autograd-hook.js";
export type { GradFn, TensorOrScalar } from "./tensor.js";
export type { NestedList } from "./read.js";
export type { NestedData } from "./ops/infer.js";
export type { BinaryOptions, DivOptions, ClampBound } from "./ops/elementwise.js";
export type { DimArg, ReduceOptions, VarOptions, ValuesIndices } from "./ops/reduce.js";
export type { LegacyTensorType, ToArg, TypeArg } from "./ops/convert.js";
export type { TensorOptions, LegacyConstructor } from "./ops/create.js";
export {
  tensor,
  zeros,
  ones,
  empty,
  full,
  zerosLike,
  onesLike,
  emptyLike,
  fullLike,
  eye,
  arange,
  linspace,
  logspace,
} from "./ops/create.js";
export { fromNumpy, isNDArray, checkNDArray } from "./ops/numpy.js";
export type { NDArray } from "./ops/numpy.js";
export * from "./legacy.js";
export * from "./functional.js";
export * from "./functional-joining.js";
export * from "./pool.js";
export * from "./functional-indexing.js";
export * from "./functional-random.js";
