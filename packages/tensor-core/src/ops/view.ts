/**
 * Movement ops as pure view arithmetic: they never reach a backend and always share storage
 * (except `reshape`, which copies exactly when PyTorch's `computeStride` finds no view).
 */
import { RuntimeError, TorchTypeError } from "../errors.js";
import { broadcastStrides, contiguousStrides, normalizeDim, numel } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { dispatch } from "../dispatch.js";
import { onTensorCreated } from "../autograd-hook.js";
import { trackTensor, untrackTensor } from "../storage.js";
import { clone, legacyTypeName } from "./convert.js";

/** Accepts `f(2, 3)` and `f([2, 3])`. */
export function sizeArgs(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return [...(args[0] as readonly number[])];
  return args as number[];
}

/** Resolves one `-1` in a requested shape; PyTorch's messages for bad shapes. */
export function inferSize(shape: readonly number[], total: number): number[] {
  let infer = -1;
  let known = 1;
  shape.forEach((s, i) => {
    if (!Number.isInteger(s)) throw new TorchTypeError(`shape must contain integers, got ${s}`);
    if (s === -1) {
      if (infer >= 0) throw new RuntimeError("only one dimension can be inferred");
      infer = i;
    } else if (s < 0) throw new RuntimeError(`invalid shape dimension ${s}`);
    else known *= s;
  });
  const out = [...shape];
  if (infer >= 0) {
    if (known === 0 || total % known !== 0) {
      throw new RuntimeError(`shape '[${shape.join(", ")}]' is invalid for input of size ${total}`);
    }
    out[infer] = total / known;
  } else if (known !== total) {
    throw new RuntimeError(`shape '[${shape.join(", ")}]' is invalid for input of size ${total}`);
  }
  return out;
}

/**
 * PyTorch's `computeStride`: strides that let `newShape` view memory laid out as
 * `shape`/`strides`, or null when no such view exists. Dims are matched in chunks whose
 * elements are contiguous with respect to each other.
 */
export function computeStride(shape: readonly number[], strides: readonly number[], newShape: readonly number[]): number[] | null {
  const total = numel(shape);
  // A 0-d tensor holds one element: any shape of numel 1 views it with strides of 1 (as PyTorch).
  if (shape.length === 0) return newShape.map(() => 1);
  if (total === 0) {
    return shape.length === newShape.length && shape.every((s, i) => s === newShape[i]) ? [...strides] : contiguousStrides(newShape);
  }
  const out = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBase = strides[strides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensorNumel *= shape[d] as number;
    if (d === 0 || ((shape[d - 1] as number) !== 1 && strides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        out[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD] as number;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = strides[d - 1] as number;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? out : null;
}

export function view(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferSize(shape, x.numel());
  const strides = computeStride(x.shape, x.stride(), target);
  if (strides === null) {
    throw new RuntimeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  }
  return dispatch("view", [x], { shape: target, via: "view" }, () => x._view(target, strides, x.storageOffset()));
}

export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferSize(shape, x.numel());
  const strides = computeStride(x.shape, x.stride(), target);
  if (strides !== null) {
    return dispatch("view", [x], { shape: target, via: "reshape" }, () => x._view(target, strides, x.storageOffset()));
  }
  return view(clone(x, "contiguous"), target);
}

export function flatten(x: Tensor, startDim: number, endDim: number): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim(startDim, x.ndim);
  const e = normalizeDim(endDim, x.ndim);
  if (s > e) throw new RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim");
  if (s === e) return x;
  const shape = [...x.shape.slice(0, s), numel(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/** `via` names the public entry point (permute, transpose, t), which autograd's node names follow. */
export function permute(x: Tensor, dims: readonly number[], via: "permute" | "transpose" | "t" = "permute"): Tensor {
  if (dims.length !== x.ndim) {
    throw new RuntimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x.ndim} is not equal to len(dims) = ${dims.length}`,
    );
  }
  const d = dims.map((v) => normalizeDim(v, x.ndim));
  if (new Set(d).size !== d.length) throw new RuntimeError("permute(): duplicate dims are not allowed.");
  return dispatch("permute", [x], { dims: d, via }, () =>
    x._view(
      d.map((i) => x.shape[i] as number),
      d.map((i) => x.stride(i)),
      x.storageOffset(),
    ),
  );
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  if (x.ndim === 0) return permute(x, [], "transpose");
  const a = normalizeDim(dim0, x.ndim);
  const b = normalizeDim(dim1, x.ndim);
  const order = x.shape.map((_, i) => (i === a ? b : i === b ? a : i));
  return permute(x, order, "transpose");
}

/** `x.T`: all dims reversed (PyTorch deprecates it beyond 2-D but still does this). */
export function reverseDims(x: Tensor): Tensor {
  return permute(x, x.shape.map((_, i) => x.ndim - 1 - i));
}

export function t(x: Tensor): Tensor {
  if (x.ndim > 2) throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D`);
  return permute(x, x.shape.map((_, i) => x.ndim - 1 - i), "t");
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.ndim + 1);
  const shape = [...x.shape];
  const strides = [...x.stride()];
  const inner = d < x.ndim ? (shape[d] as number) * (strides[d] as number) : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, inner);
  return dispatch("unsqueeze", [x], { dim: d }, () => x._view(shape, strides, x.storageOffset()));
}

export function squeeze(x: Tensor, dim?: number | readonly number[]): Tensor {
  const dims =
    dim === undefined
      ? x.shape.map((_, i) => i)
      : (typeof dim === "number" ? [dim] : [...dim]).map((d) => normalizeDim(d, x.ndim));
  dims.forEach((d, i) => {
    if (dims.indexOf(d) !== i) throw new RuntimeError(`dim ${d} appears multiple times in the list of dims`);
  });
  const keep = x.shape.map((s, i) => !(s === 1 && dims.includes(i)));
  return dispatch("squeeze", [x], { dims, all: dim === undefined }, () =>
    x._view(
      x.shape.filter((_, i) => keep[i]),
      x.stride().filter((_, i) => keep[i]),
      x.storageOffset(),
    ),
  );
}

export function expand(x: Tensor, sizes: readonly number[]): Tensor {
  if (sizes.length < x.ndim) {
    throw new RuntimeError(
      `expand(${legacyTypeName(x.dtype)}{[${x.shape.join(", ")}]}, size=[${sizes.join(", ")}]): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`,
    );
  }
  const lead = sizes.length - x.ndim;
  const target = sizes.map((s, i) => (s === -1 && i >= lead ? (x.shape[i - lead] as number) : s));
  target.forEach((t, i) => {
    if (i < lead && t === -1) {
      throw new RuntimeError(`The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`);
    }
    const size = i < lead ? 1 : (x.shape[i - lead] as number);
    if (i >= lead && t !== size && size !== 1) {
      throw new RuntimeError(
        `The expanded size of the tensor (${t}) must match the existing size (${size}) at non-singleton dimension ${i}.  Target sizes: [${sizes.join(", ")}].  Tensor sizes: [${x.shape.join(", ")}]`,
      );
    }
  });
  return dispatch("expand", [x], { shape: target }, () =>
    x._view(target, broadcastStrides(x.shape, x.stride(), target), x.storageOffset()),
  );
}

/** A view that shares storage but is cut from the autograd graph. */
export function detach(x: Tensor, freshVersion = false): Tensor {
  const d = x._view(x.shape, x.stride(), x.storageOffset());
  if (freshVersion) d._versionCounter = { value: 0 };
  // PyTorch: an inference tensor detached outside inference mode (the creation hook is set exactly
  // inside) gets a version counter of its own, so it can be written in place; its views cannot.
  if (x._inference !== 0 && onTensorCreated === null) d._inference = 2;
  return d;
}

/** `x.data = y`: x now views y's storage with y's dtype, shape and strides (autograd state kept). */
export function setData(x: Tensor, value: Tensor): void {
  // Move x's reference (and its GC safety net) from the old storage to the new one.
  untrackTensor(x, x._storage);
  trackTensor(x, value._storage);
  x._storage = value._storage;
  x._dtype = value.dtype;
  x._shape = value.shape;
  x._strides = value.stride();
  x._offset = value.storageOffset();
}

/** `x.swapaxes(a, b)` / `x.swapdims`: NumPy's name for transpose. */
export const swapaxes = transpose;

/** `x.mT`: the last two dims transposed (batches of matrices). */
export function mT(x: Tensor): Tensor {
  if (x.ndim < 2) {
    throw new RuntimeError(`tensor.mT is only supported on matrices or batches of matrices. Got ${x.ndim}-D tensor.`);
  }
  return transpose(x, -2, -1);
}

/** `x.movedim(source, destination)`: moves dims to new positions, keeping the others' order. */
export function movedim(x: Tensor, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  const rawSrc = typeof source === "number" ? [source] : [...source];
  const rawDst = typeof destination === "number" ? [destination] : [...destination];
  const fmt = (l: number[]): string => `[${l.join(", ")}]`;
  if (rawSrc.length !== rawDst.length) {
    throw new RuntimeError(
      `movedim: Invalid source or destination dims: source (${fmt(rawSrc)} dims) should contain the same number of dims as destination (${fmt(rawDst)} dims)`,
    );
  }
  const src = rawSrc.map((d) => normalizeDim(d, x.ndim));
  const dst = rawDst.map((d) => normalizeDim(d, x.ndim));
  if (new Set(src).size !== src.length) throw new RuntimeError(`movedim: repeated dim in \`source\` (${fmt(rawSrc)})`);
  if (new Set(dst).size !== dst.length) throw new RuntimeError(`movedim: repeated dim in \`destination\` (${fmt(rawDst)})`);
  const order = new Array<number>(x.ndim).fill(-1);
  src.forEach((s, i) => (order[dst[i] as number] = s));
  const rest = x.shape.map((_, i) => i).filter((i) => !src.includes(i));
  let r = 0;
  for (let i = 0; i < order.length; i++) if (order[i] === -1) order[i] = rest[r++] as number;
  return permute(x, order);
}

/** `x.unflatten(dim, sizes)`: splits one dim into several (one size may be -1). */
export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d] as number;
  let inferred: number[];
  try {
    inferred = inferSize(sizes, size);
  } catch (e) {
    const message = (e as Error).message;
    if (!message.includes("is invalid for input of size")) throw new RuntimeError(`unflatten got an unexpected error:\n${message}`);
    throw new RuntimeError(
      `unflatten: Provided sizes [${sizes.join(", ")}] don't multiply up to the size of dim ${d} (${size}) in the input tensor`,
    );
  }
  return view(x, [...x.shape.slice(0, d), ...inferred, ...x.shape.slice(d + 1)]);
}

/** `torch.broadcastTo(x, shape)`: expand with NumPy's name. */
export const broadcastTo = (x: Tensor, shape: readonly number[]): Tensor => expand(x, shape);
