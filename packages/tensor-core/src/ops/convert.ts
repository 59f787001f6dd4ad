/** dtype and device conversion, clone and copy_: the ops that move values without math. */
import type { DType } from "../dtype.js";
import { isDType } from "../dtype.js";
import { DeviceError, RuntimeError, TorchTypeError } from "../errors.js";
import { Tensor } from "../tensor.js";
import type { Device } from "../device.js";
import { canonicalDevice, getBackend } from "../device.js";
import { Storage } from "../storage.js";
import { dispatch } from "../dispatch.js";
import { broadcastShapes, contiguousStrides, numel, sameShape } from "../shape.js";

/** A legacy tensor type (`torch.DoubleTensor`), accepted by `x.type(...)`. */
export interface LegacyTensorType {
  readonly dtype: DType;
  readonly typeName: string;
}
export type TypeArg = DType | LegacyTensorType | string;
export type ToArg = DType | Device | Tensor | { dtype?: DType; device?: Device };

const LEGACY_NAMES: Record<DType, string> = {
  bool: "torch.BoolTensor",
  uint8: "torch.ByteTensor",
  int8: "torch.CharTensor",
  int16: "torch.ShortTensor",
  int32: "torch.IntTensor",
  int64: "torch.LongTensor",
  float16: "torch.HalfTensor",
  bfloat16: "torch.BFloat16Tensor",
  float32: "torch.FloatTensor",
  float64: "torch.DoubleTensor",
};
export const legacyTypeName = (d: DType): string => LEGACY_NAMES[d];

/** `x.type()` → "torch.FloatTensor" (PyTorch's legacy name; other devices prefix it, e.g. torch.cuda.). */
export function typeName(x: Tensor): string {
  const base = LEGACY_NAMES[x.dtype];
  return x.device === "cpu" ? base : base.replace("torch.", `torch.${x.device.split(":")[0]}.`);
}

export function typeArgDtype(arg: TypeArg): DType {
  if (typeof arg === "object" || typeof arg === "function") return arg.dtype;
  if (isDType(arg)) return arg;
  const found = (Object.keys(LEGACY_NAMES) as DType[]).find((d) => LEGACY_NAMES[d] === arg);
  if (!found) throw new TorchTypeError(`invalid type: '${arg}'`);
  return found;
}

/**
 * Strides for a tensor like `x`: x's own dim order when x is dense and non-overlapping (PyTorch's
 * `preserve_format`), otherwise row-major.
 */
function likeStrides(x: Tensor): number[] {
  const order = x.shape.map((_, i) => i).sort((a, b) => x.stride(b) - x.stride(a) || a - b);
  const strides = new Array<number>(x.ndim);
  let expected = 1;
  for (let k = order.length - 1; k >= 0; k--) {
    const d = order[k] as number;
    const size = x.shape[d] as number;
    if (size !== 1 && x.stride(d) !== expected) return contiguousStrides(x.shape);
    strides[d] = expected;
    expected *= Math.max(size, 1);
  }
  return strides;
}

/** An uninitialised tensor with x's shape and layout (PyTorch's `empty_like`, preserve_format). */
export function emptyPreserving(x: Tensor, dtype: DType = x.dtype): Tensor {
  const backend = getBackend(x.device);
  return new Tensor(Storage.allocate(backend, x.device, dtype, numel(x.shape)), dtype, x.shape, likeStrides(x), 0);
}

/** A new tensor with x's shape (and layout, unless `contiguous`) holding x's values cast to `dtype`. */
export function copyAs(x: Tensor, dtype: DType, layout: "preserve" | "contiguous" = "preserve", device: Device = x.device): Tensor {
  const strides = layout === "contiguous" ? contiguousStrides(x.shape) : likeStrides(x);
  const backend = getBackend(device);
  const out = new Tensor(Storage.allocate(backend, device, dtype, numel(x.shape)), dtype, x.shape, strides, 0);
  backend.copy(out._operand, x._operand);
  return out;
}

export function clone(x: Tensor, layout: "preserve" | "contiguous" = "preserve"): Tensor {
  return dispatch("clone", [x], {}, () => copyAs(x, x.dtype, layout));
}

/** `x.copy_(src)`: src is broadcast to x and cast to x's dtype; devices may differ (CPU-readable src). */
export function copyInto(x: Tensor, src: Tensor): void {
  const shape = broadcastShapes(x.shape, src.shape);
  if (!sameShape(shape, x.shape)) {
    throw new RuntimeError(`output with shape [${x.shape.join(", ")}] doesn't match the broadcast shape [${shape.join(", ")}]`);
  }
  dispatch("copy_", [x, src], {}, () => {
    const source = src.device === x.device ? src : moveTo(src, x.device);
    getBackend(x.device).copy(x._operand, { ...source._operand, ...expandOperand(source, x.shape) });
    if (source !== src) source.dispose();
    x._versionCounter.value++;
    return x;
  });
}

function expandOperand(t: Tensor, shape: readonly number[]): { shape: readonly number[]; strides: readonly number[] } {
  const e = t.expand(shape);
  return { shape: e.shape, strides: e.stride() };
}

/** Copies a tensor to another device synchronously (the source must allow synchronous reads). */
function moveTo(x: Tensor, device: Device): Tensor {
  const src = getBackend(x.device);
  if (!src.readSync) {
    throw new DeviceError(
      `cannot read a ${x.device} tensor synchronously: use \`await x.cpuAsync()\` (or \`await x.toAsync("${device}")\`)`,
    );
  }
  const c = x.isContiguous() ? x : copyAs(x, x.dtype, "contiguous");
  const data = src.readSync(c._storage.buffer, c.dtype, c.storageOffset(), c.numel());
  if (c !== x) c.dispose();
  const dst = getBackend(device);
  const out = new Tensor(Storage.allocate(dst, device, x.dtype, x.numel()), x.dtype, x.shape, contiguousStrides(x.shape), 0);
  dst.write(out._storage.buffer, x.dtype, data, 0);
  return out;
}

/** `await x.cpuAsync()`: the CPU copy of a tensor on any device (no busy-waiting). */
export async function cpuAsync(x: Tensor): Promise<Tensor> {
  if (x.device === "cpu") return x;
  const c = x.isContiguous() ? x : copyAs(x, x.dtype, "contiguous");
  const data = await getBackend(x.device).read(c._storage.buffer, c.dtype, c.storageOffset(), c.numel());
  if (c !== x) c.dispose();
  const cpu = getBackend("cpu");
  const out = new Tensor(Storage.allocate(cpu, "cpu", x.dtype, x.numel()), x.dtype, x.shape, contiguousStrides(x.shape), 0);
  cpu.write(out._storage.buffer, x.dtype, data, 0);
  return out;
}

/** `x.to(dtype)`, `x.to(device)`, `x.to(other)`, `x.to({ dtype, device })`: self when nothing changes. */
export function to(x: Tensor, arg: ToArg, options?: { dtype?: DType; copy?: boolean }): Tensor {
  let dtype: DType = options?.dtype ?? x.dtype;
  let device: Device = x.device;
  if (arg instanceof Tensor) {
    dtype = arg.dtype;
    device = arg.device;
  } else if (typeof arg === "string") {
    if (isDType(arg)) dtype = arg;
    else device = canonicalDevice(arg);
  } else {
    dtype = arg.dtype ?? dtype;
    device = arg.device !== undefined ? canonicalDevice(arg.device) : device;
  }
  if (dtype === x.dtype && device === x.device && !options?.copy) return x;
  return dispatch("to", [x], { dtype, device }, () => {
    const moved = device === x.device ? x : moveTo(x, device);
    if (dtype === moved.dtype) return moved === x ? copyAs(x, dtype) : moved;
    const r = copyAs(moved, dtype);
    if (moved !== x) moved.dispose();
    return r;
  });
}
