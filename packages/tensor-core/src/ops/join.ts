/**
 * Joining: cat and the stack family. Every one is a composite of one allocation plus strided
 * `copy` calls into regions of the output, so no backend needs a dedicated kernel.
 *
 * Traps kept from PyTorch: a 1-D tensor with no elements (`torch.tensor([])`) is skipped by `cat`
 * whatever the other shapes are, but its dtype still takes part in the promotion; the result dtype
 * is the promotion of every input's dtype (`promoteTypes`, no weak scalars involved).
 */
import type { Operand } from "../backend.js";
import { RuntimeError, TorchTypeError } from "../errors.js";
import { promoteTypes } from "../promotion.js";
import { normalizeDim } from "../shape.js";
import { Tensor } from "../tensor.js";
import { getBackend } from "../device.js";
import { dispatch } from "../dispatch.js";
import { commonDevice } from "./operands.js";

/** The operand of `out` restricted to `[start, start + length)` along `dim` (no Tensor made). */
export function regionOf(out: Tensor, dim: number, start: number, length: number): Operand {
  const op = out._operand;
  const shape = [...op.shape];
  shape[dim] = length;
  return { ...op, shape, offset: op.offset + start * (op.strides[dim] as number) };
}

function checkList(tensors: readonly Tensor[], op: string): void {
  if (!Array.isArray(tensors)) throw new TorchTypeError(`${op}(): argument 'tensors' must be a list of Tensors`);
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TorchTypeError(`${op}(): expected Tensor as element ${i} in argument 0`);
  });
}

/**
 * `torch.cat(tensors, dim)`: joins along an existing dim; every other dim must match.
 * @example torch.cat([torch.tensor([[1, 2]]), torch.tensor([[3, 4]])], 0) // tensor([[1, 2], [3, 4]])
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  checkList(tensors, "cat");
  if (tensors.length === 0) throw new RuntimeError("torch.cat(): expected a non-empty list of Tensors");
  tensors.forEach((t, i) => {
    if (t.ndim === 0) throw new RuntimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const device = commonDevice(tensors);
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  const kept = tensors.map((t, i) => ({ t, i })).filter(({ t }) => !(t.ndim === 1 && t.shape[0] === 0));
  const ref = kept[0]?.t;
  const d = ref === undefined ? 0 : normalizeDim(dim, ref.ndim);
  if (ref !== undefined) {
    for (const { t, i } of kept) {
      if (t.ndim !== ref.ndim) {
        throw new RuntimeError(`Tensors must have same number of dimensions: got ${ref.ndim} and ${t.ndim}`);
      }
      for (let k = 0; k < ref.ndim; k++) {
        if (k !== d && t.shape[k] !== ref.shape[k]) {
          throw new RuntimeError(
            `Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[k]} but got size ${t.shape[k]} for tensor number ${i} in the list.`,
          );
        }
      }
    }
  }
  return dispatch("cat", tensors, { dim: d }, () => {
    if (ref === undefined) return Tensor._empty([0], dtype, device);
    const shape = [...ref.shape];
    shape[d] = kept.reduce((s, { t }) => s + (t.shape[d] as number), 0);
    const out = Tensor._empty(shape, dtype, device);
    const backend = getBackend(device);
    let at = 0;
    for (const { t } of kept) {
      const len = t.shape[d] as number;
      if (t.numel() > 0) backend.copy(regionOf(out, d, at, len), t._operand);
      at += len;
    }
    return out;
  });
}
export const concat = cat;
export const concatenate = cat;

/**
 * `torch.stack(tensors, dim)`: joins equal-shaped tensors along a new dim.
 * @example torch.stack([torch.tensor([1, 2]), torch.tensor([3, 4])], -1) // tensor([[1, 3], [2, 4]])
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  checkList(tensors, "stack");
  if (tensors.length === 0) throw new RuntimeError("stack expects a non-empty TensorList");
  const first = tensors[0] as Tensor;
  tensors.forEach((t, i) => {
    if (t.ndim !== first.ndim || t.shape.some((s, k) => s !== first.shape[k])) {
      throw new RuntimeError(
        `stack expects each tensor to be equal size, but got [${first.shape.join(", ")}] at entry 0 and [${t.shape.join(", ")}] at entry ${i}`,
      );
    }
  });
  const d = normalizeDim(dim, first.ndim + 1);
  return dispatch("stack", tensors, { dim: d }, () =>
    cat(
      tensors.map((t) => t.unsqueeze(d)),
      d,
    ),
  );
}

/** `torch.atleast1d(x)`: a 0-d tensor becomes shape [1]; others are returned as they are. */
export const atleast1d = (x: Tensor): Tensor => (x.ndim === 0 ? x.reshape([1]) : x);
/** `torch.atleast2d(x)`: 0-d → [1, 1], 1-d [n] → [1, n]. */
export const atleast2d = (x: Tensor): Tensor => (x.ndim === 0 ? x.reshape([1, 1]) : x.ndim === 1 ? x.unsqueeze(0) : x);
/** `torch.atleast3d(x)`: 0-d → [1, 1, 1], [n] → [1, n, 1], [m, n] → [m, n, 1]. */
export function atleast3d(x: Tensor): Tensor {
  if (x.ndim === 0) return x.reshape([1, 1, 1]);
  if (x.ndim === 1) return x.unsqueeze(0).unsqueeze(-1);
  return x.ndim === 2 ? x.unsqueeze(-1) : x;
}

function listOf(tensors: readonly Tensor[], op: string): readonly Tensor[] {
  checkList(tensors, op);
  if (tensors.length === 0) throw new RuntimeError(`${op} expects a non-empty TensorList`);
  return tensors;
}

/** `torch.hstack`: cat along dim 0 for 1-D inputs, dim 1 otherwise (0-d inputs become 1-D). */
export function hstack(tensors: readonly Tensor[]): Tensor {
  const ts = listOf(tensors, "hstack").map(atleast1d);
  return dispatch("hstack", tensors, {}, () => cat(ts, (ts[0] as Tensor).ndim === 1 ? 0 : 1));
}
/** `torch.vstack` (alias `rowStack`): cat along dim 0 after `atleast2d`. */
export function vstack(tensors: readonly Tensor[]): Tensor {
  const ts = listOf(tensors, "vstack").map(atleast2d);
  return dispatch("vstack", tensors, {}, () => cat(ts, 0));
}
export const rowStack = vstack;
/** `torch.dstack`: cat along dim 2 after `atleast3d`. */
export function dstack(tensors: readonly Tensor[]): Tensor {
  const ts = listOf(tensors, "dstack").map(atleast3d);
  return dispatch("dstack", tensors, {}, () => cat(ts, 2));
}
/** `torch.columnStack`: 0-d and 1-D inputs become columns [n, 1], then cat along dim 1. */
export function columnStack(tensors: readonly Tensor[]): Tensor {
  const ts = listOf(tensors, "column_stack").map((t) => (t.ndim <= 1 ? t.reshape([t.numel(), 1]) : t));
  return dispatch("columnStack", tensors, {}, () => cat(ts, 1));
}
