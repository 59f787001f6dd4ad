/**
 * Turning op arguments into kernel operands: casting inputs to the compute dtype, wrapping JS
 * scalars as one-element tensors, broadcasting by stride 0, and allocating outputs. Every op
 * goes through here, so these rules are decided once.
 */
import type { Backend, DeviceBuffer, Operand } from "../backend.js";
import type { DType, Scalar } from "../dtype.js";
import { torchName } from "../dtype.js";
import { RuntimeError } from "../errors.js";
import { broadcastStrides } from "../shape.js";
import { Tensor } from "../tensor.js";
import type { Device } from "../device.js";
import { getBackend } from "../device.js";
import { castScalar } from "./scalar.js";
import { canCast } from "../promotion.js";

/** The device all tensor arguments share, with PyTorch's error when they differ. */
export function commonDevice(args: readonly (Tensor | Scalar)[]): Device {
  let device: Device | null = null;
  for (const a of args) {
    if (!(a instanceof Tensor)) continue;
    if (device === null) device = a.device;
    else if (a.device !== device) {
      throw new RuntimeError(
        `Expected all tensors to be on the same device, but found at least two devices, ${device} and ${a.device}!`,
      );
    }
  }
  return device ?? "cpu";
}

/** A one-element tensor holding `value` cast to `dtype` (a weak scalar made concrete). */
export function scalarTensor(value: Scalar, dtype: DType, device: Device): Tensor {
  const t = Tensor._empty([], dtype, device);
  getBackend(device).fill(t._operand, castScalar(value, dtype));
  return t;
}

/** `x` with dtype `dtype`: the tensor itself when it already has it, otherwise a cast copy. */
export function castTensor(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const out = Tensor._empty(x.shape, dtype, x.device);
  getBackend(x.device).copy(out._operand, x._operand);
  return out;
}

/** Operands made for one kernel call; `release()` disposes the temporaries it created. */
export class OperandSet {
  private temps: Tensor[] = [];
  private scalars: { backend: Backend; buffer: DeviceBuffer }[] = [];

  /** `x` as an operand of dtype `dtype` broadcast to `shape`. */
  input(x: Tensor | Scalar, dtype: DType, shape: readonly number[], device: Device): Operand {
    if (!(x instanceof Tensor)) {
      // A weak scalar becomes a one-element buffer broadcast by stride 0; no Tensor is needed.
      const backend = getBackend(device);
      const buffer = backend.alloc(dtype, 1);
      this.scalars.push({ backend, buffer });
      const scalarOp: Operand = { buffer, dtype, shape: [], strides: [], offset: 0 };
      backend.fill(scalarOp, castScalar(x, dtype));
      return { buffer, dtype, shape, strides: new Array<number>(shape.length).fill(0), offset: 0 };
    }
    const t = castTensor(x, dtype);
    if (t !== x) this.temps.push(t);
    const op = t._operand;
    if (op.shape.length === shape.length && op.shape.every((s, i) => s === shape[i])) return op;
    return { ...op, shape, strides: broadcastStrides(op.shape, op.strides, shape) };
  }

  release(): void {
    for (const t of this.temps) t.dispose();
    for (const s of this.scalars) s.backend.free(s.buffer);
    this.temps = [];
    this.scalars = [];
  }
}

/** PyTorch's in-place cast check: the result dtype must be castable to the written tensor's. */
export function checkInplace(self: Tensor, resultDtype: DType): void {
  if (!canCast(resultDtype, self.dtype)) {
    throw new RuntimeError(
      `result type ${torchName(resultDtype)} can't be cast to the desired output type ${torchName(self.dtype)}`,
    );
  }
  checkNoInternalOverlap(self);
}

/** Writing into an expanded tensor would write one element many times; PyTorch refuses it. */
export function checkNoInternalOverlap(self: Tensor): void {
  for (let i = 0; i < self.ndim; i++) {
    if (self.stride(i) === 0 && (self.shape[i] as number) > 1) {
      throw new RuntimeError(
        "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.",
      );
    }
  }
}

const sameRankShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Stores `result` (of `self`'s shape, or broadcastable to it, e.g. a fill value) into `self`,
 * casting, and bumps the version counter. Used by every in-place op: computing out of place first
 * means an error can never leave `self` half-written, and aliasing between `self` and the inputs
 * is harmless. The backend gets operands of equal rank: broadcasting is stride 0, decided here.
 */
export function commitInplace(self: Tensor, result: Tensor): void {
  const r = result._operand;
  const src = sameRankShape(r.shape, self.shape) ? r : { ...r, shape: self.shape, strides: broadcastStrides(r.shape, r.strides, self.shape) };
  getBackend(self.device).copy(self._operand, src);
  self._versionCounter.value++;
  if (result !== self) result.dispose();
}
