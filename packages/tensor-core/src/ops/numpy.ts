/**
 * The NumPy-style ndarray that CPU tensors share memory with (API.md rule 8): `x.numpy()`,
 * `torch.fromNumpy(nd)` (both share), and `torch.tensor(nd)` (copies). File formats and other
 * libraries' ndarray objects live in `@typetorch/numpy-interop`.
 *
 * Units: `strides` and `offset` count **elements**, like `x.stride()` / `x.storageOffset()` and
 * like scijs `ndarray` and `@stdlib/ndarray` — not bytes as NumPy's `ndarray.strides`. Multiply by
 * `data.BYTES_PER_ELEMENT` for NumPy's numbers.
 */
import type { DType, StorageArrayMap } from "../dtype.js";
import { DTYPE_INFO, isDType } from "../dtype.js";
import { DeviceError, RuntimeError, TorchTypeError, ValueError } from "../errors.js";
import { Tensor } from "../tensor.js";
import { getBackend } from "../device.js";
import { Storage } from "../storage.js";

/**
 * An n-dimensional view of a storage array: element `[i0, i1, …]` is
 * `data[offset + i0 * strides[0] + i1 * strides[1] + …]`. `dtype` names the element type with
 * typetorch's (and NumPy's) dtype names; float16/bfloat16 elements are bit patterns in a
 * Uint16Array, int64 a BigInt64Array, bool a Uint8Array of 0/1.
 */
export interface NDArray<D extends DType = DType> {
  readonly data: StorageArrayMap[D];
  readonly shape: readonly number[];
  /** In elements (see the file comment), ≥ 0 for arrays typetorch can share. */
  readonly strides: readonly number[];
  readonly dtype: D;
  /** Element index in `data` of the first element. */
  readonly offset: number;
}

/** Whether `x` is shaped like an `NDArray` (structural: any object with these fields). */
export function isNDArray(x: unknown): x is NDArray {
  if (typeof x !== "object" || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    ArrayBuffer.isView(o.data) &&
    Array.isArray(o.shape) &&
    Array.isArray(o.strides) &&
    isDType(o.dtype) &&
    typeof o.offset === "number"
  );
}

/** Whether `data` is the storage array type of `dtype` (Float32Array for float32, ...). */
export function isStorageArrayOf(dtype: DType, data: ArrayBufferView): boolean {
  const proto = Object.getPrototypeOf(DTYPE_INFO[dtype].make(0)) as object;
  return Object.getPrototypeOf(data) === proto;
}

/**
 * `x.numpy()`: an NDArray sharing the tensor's memory (CPU tensors only); writes through either
 * side are seen by the other. `{ force: true }` is PyTorch's `numpy(force=True)`: detaches and
 * copies to the CPU first when needed (the result may then not share).
 */
export function numpy(x: Tensor, options?: { force?: boolean }): NDArray {
  if (options?.force) {
    const h = x.detach();
    return numpy(h.device === "cpu" ? h : h.cpu());
  }
  if (x.requiresGrad) {
    throw new RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
  }
  const backend = getBackend(x.device);
  if (!backend.hostView) {
    throw new TorchTypeError(
      `can't convert ${x.device} device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.`,
    );
  }
  const op = x._operand;
  return {
    data: backend.hostView(op.buffer, x.dtype),
    shape: [...x.shape],
    strides: [...x.stride()],
    dtype: x.dtype,
    offset: x.storageOffset(),
  };
}

/** Checks an NDArray's fields so that no element index leaves `data`. */
export function checkNDArray(nd: NDArray): void {
  if (!isNDArray(nd)) {
    throw new TorchTypeError(
      "expected an NDArray ({ data, shape, strides, dtype, offset } with a typetorch dtype name)",
    );
  }
  const { data, shape, strides, dtype, offset } = nd;
  if (!isStorageArrayOf(dtype, data)) {
    const want = DTYPE_INFO[dtype].make(0).constructor.name;
    throw new TorchTypeError(`NDArray of dtype ${dtype} must hold a ${want}, got a ${data.constructor.name}`);
  }
  if (shape.length !== strides.length) {
    throw new ValueError(`NDArray has ${shape.length} dims but ${strides.length} strides`);
  }
  if (!Number.isSafeInteger(offset) || offset < 0) throw new ValueError(`NDArray offset ${offset} is not a valid index`);
  let last = offset;
  let empty = false;
  for (let i = 0; i < shape.length; i++) {
    const n = shape[i] as number;
    const s = strides[i] as number;
    if (!Number.isSafeInteger(n) || n < 0) throw new ValueError(`NDArray has an invalid size ${n} at dim ${i}`);
    if (!Number.isSafeInteger(s)) throw new ValueError(`NDArray has an invalid stride ${s} at dim ${i}`);
    if (n === 0) empty = true;
    else last += (n - 1) * s;
  }
  if (strides.some((s) => s < 0)) {
    throw new ValueError(
      "At least one stride in the given numpy array is negative, and tensors with negative strides are not currently supported. (You can probably work around this by making a copy of your array  with array.copy().) ",
    );
  }
  if (!empty && (last >= data.length || !Number.isSafeInteger(last))) {
    throw new ValueError(
      `NDArray of shape [${shape.join(", ")}] with strides [${strides.join(", ")}] and offset ${offset} addresses element ${last} of a ${data.length}-element array`,
    );
  }
}

/**
 * `torch.fromNumpy(nd)`: a CPU tensor sharing `nd.data` (no copy) with `nd`'s shape, strides,
 * offset and dtype. Negative strides are refused as PyTorch refuses them.
 * @example const t = torch.fromNumpy(torch.tensor([1, 2, 3]).numpy()) // shares memory
 */
export function fromNumpy(nd: NDArray): Tensor {
  checkNDArray(nd);
  const backend = getBackend("cpu");
  if (!backend.adopt) throw new DeviceError("fromNumpy: the registered cpu backend cannot adopt host memory");
  const storage = new Storage(backend, backend.adopt(nd.dtype, nd.data), nd.dtype, "cpu");
  return new Tensor(storage, nd.dtype, [...nd.shape], [...nd.strides], nd.offset);
}
