/**
 * Views that pick part of a tensor: narrow, select, slicing by step, unfold, diagonal, and the
 * ops that cut a tensor into views (split, chunk, unbind). All are stride arithmetic; none copies.
 */
import { IndexError, RuntimeError, ValueError } from "../errors.js";
import { normalizeDim } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { dispatch } from "../dispatch.js";

/** `x.narrow(dim, start, length)`: elements start … start+length−1 of `dim`. */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  if (x.ndim === 0) throw new RuntimeError("narrow() cannot be applied to a 0-dim tensor.");
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d] as number;
  if (start < -size || start > size) {
    // PyTorch 1.13 wraps `start` like a dim, hence its message (PyTorch 2 says "start out of range").
    throw new IndexError(`Dimension out of range (expected to be in range of [${-size}, ${size - 1}], but got ${start})`);
  }
  const s = start < 0 ? start + size : start;
  if (length < 0) throw new RuntimeError("narrow(): length must be non-negative.");
  if (s + length > size) {
    throw new RuntimeError(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  }
  return sliceDim(x, d, s, s + length, 1, "narrow");
}

/** The view of `dim` from `start` to `end` (exclusive) by `step`, bounds already clamped. */
export function sliceDim(x: Tensor, d: number, start: number, end: number, step: number, op = "slice"): Tensor {
  const len = end > start ? Math.ceil((end - start) / step) : 0;
  const shape = [...x.shape];
  const strides = [...x.stride()];
  shape[d] = len;
  const offset = x.storageOffset() + start * (strides[d] as number);
  strides[d] = (strides[d] as number) * step;
  return dispatch(op, [x], { dim: d, start, end, step }, () => x._view(shape, strides, offset));
}

/** Python slice bounds → clamped [start, end) for a dim of `size` (PyTorch's, i.e. NumPy's, rule). */
export function sliceBounds(size: number, start: number | null, end: number | null, step: number): [number, number] {
  if (step <= 0) throw new ValueError("step must be greater than zero");
  const clamp = (v: number): number => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
  const s = start === null ? 0 : clamp(start);
  const e = end === null ? size : clamp(end);
  return [s, Math.max(e, s)];
}

/** `x.select(dim, index)`: removes `dim`, keeping slice `index` (a view). */
export function select(x: Tensor, dim: number, index: number, op = "select"): Tensor {
  if (x.ndim === 0) throw new IndexError("select() cannot be applied to a 0-dim tensor.");
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d] as number;
  if (index < -size || index >= size) {
    throw new IndexError(`select(): index ${index} out of range for tensor of size [${x.shape.join(", ")}] at dimension ${d}`);
  }
  const i = index < 0 ? index + size : index;
  const shape = x.shape.filter((_, k) => k !== d);
  const strides = x.stride().filter((_, k) => k !== d);
  const offset = x.storageOffset() + i * x.stride(d);
  return dispatch(op, [x], { dim: d, index: i }, () => x._view(shape, strides, offset));
}

/** `x.unfold(dim, size, step)`: all windows of `size` along `dim`, as a new last dim. */
export function unfold(x: Tensor, dim: number, size: number, step: number): Tensor {
  const d = x.ndim === 0 ? 0 : normalizeDim(dim, x.ndim);
  const dimSize = x.ndim === 0 ? 1 : (x.shape[d] as number);
  if (size > dimSize) throw new RuntimeError(`maximum size for tensor at dimension ${d} is ${dimSize} but size is ${size}`);
  if (step <= 0) throw new RuntimeError(`step is ${step} but must be > 0`);
  const shape = [...x.shape];
  const strides = [...x.stride()];
  const dimStride = x.ndim === 0 ? 1 : (strides[d] as number);
  if (x.ndim > 0) {
    shape[d] = Math.floor((dimSize - size) / step) + 1;
    strides[d] = step * dimStride;
  }
  shape.push(size);
  strides.push(dimStride);
  return dispatch("unfold", [x], { dim: d, size, step }, () => x._view(shape, strides, x.storageOffset()));
}

/** `x.diagonal(offset, dim1, dim2)`: the diagonal as a new last dim. */
export function diagonal(x: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  const a = normalizeDim(dim1, x.ndim);
  const b = normalizeDim(dim2, x.ndim);
  if (a === b) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const sa = x.shape[a] as number;
  const sb = x.shape[b] as number;
  const len = Math.max(offset >= 0 ? Math.min(sa, sb - offset) : Math.min(sa + offset, sb), 0);
  let start = x.storageOffset();
  if (len > 0) start += offset >= 0 ? offset * x.stride(b) : -offset * x.stride(a);
  const shape = x.shape.filter((_, k) => k !== a && k !== b);
  const strides = x.stride().filter((_, k) => k !== a && k !== b);
  shape.push(len);
  strides.push(x.stride(a) + x.stride(b));
  return dispatch("diagonal", [x], { offset, dim1: a, dim2: b }, () => x._view(shape, strides, start));
}

/** `x.split(size, dim)` (equal pieces, the last maybe smaller) or `x.split([sizes], dim)`. */
export function split(x: Tensor, sizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d] as number;
  let sizes: number[];
  if (typeof sizeOrSections === "number") {
    if (sizeOrSections <= 0 && size > 0) {
      throw new RuntimeError(`split expects split_size be non-negative, but got split_size=${sizeOrSections}`);
    }
    const n = sizeOrSections === 0 ? 1 : Math.max(Math.ceil(size / sizeOrSections), 1);
    sizes = Array.from({ length: n }, (_, i) => Math.min(sizeOrSections, size - i * sizeOrSections));
  } else {
    sizes = [...sizeOrSections];
    if (sizes.reduce((s, v) => s + v, 0) !== size) {
      throw new RuntimeError(
        `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=[${sizes.join(", ")}]`,
      );
    }
  }
  let start = 0;
  return sizes.map((len) => {
    const v = sliceDim(x, d, start, start + len, 1, "split");
    start += len;
    return v;
  });
}

/** `x.chunk(n, dim)`: up to n pieces of ceil(size / n) (PyTorch may return fewer than n). */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (chunks <= 0) throw new RuntimeError("chunk expects `chunks` to be greater than 0, got: " + chunks);
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d] as number;
  // An empty dim gives `chunks` empty pieces (PyTorch's split_with_sizes special case).
  if (size === 0) return split(x, new Array<number>(chunks).fill(0), d);
  return split(x, Math.ceil(size / chunks), d);
}

/** `x.unbind(dim)`: every slice along `dim`, each a view without that dim. */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  const d = normalizeDim(dim, x.ndim);
  return Array.from({ length: x.shape[d] as number }, (_, i) => select(x, d, i, "unbind"));
}
