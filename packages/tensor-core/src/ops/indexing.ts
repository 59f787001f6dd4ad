/**
 * `x.index(...)` and `x.indexPut_(...)`: PyTorch's (NumPy's) indexing, API.md rule 6.
 *
 * Basic indices (integers, slice strings, "...", null) are view arithmetic: the result shares
 * storage with PyTorch's strides and offset. Advanced indices (integer lists and tensors, bool
 * masks) copy: the core turns them into one int64 tensor of storage offsets (one per element of
 * the broadcast index shape) and runs one `gather` on an operand over the whole storage whose
 * other dims are the view's own (`indexPut_` runs `scatter` the same way, which writes through any
 * view to its base). Integers are applied as `select` first, as PyTorch does, so they never
 * count as advanced indices when deciding where the advanced dims go (NumPy differs here).
 *
 * Traps: a negative slice step is an error (PyTorch has no negative strides); bool masks need a
 * read of the nonzero count (use `indexAsync` on devices that cannot read synchronously).
 */
import type { Scalar } from "../dtype.js";
import { torchName } from "../dtype.js";
import { IndexError, RuntimeError, TorchTypeError, ValueError } from "../errors.js";
import { broadcastShapes, numel, sameShape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { dispatch } from "../dispatch.js";
import { tidy } from "../scope.js";
import { tensor } from "./create.js";
import { OperandSet } from "./operands.js";
import { select as selectView, sliceBounds, sliceDim } from "./slice.js";
import { unsqueeze } from "./view.js";
import { checkBounds, iteratorStrides, scatterPrim, wrapNegative } from "./indexing-prims.js";
import type { Operand } from "../backend.js";
import { Storage } from "../storage.js";
import { getBackend } from "../device.js";
import { nonzero, nonzeroAsync } from "./indexing-mask.js";

/** A nested list of integers or booleans, as an index (`data.index([[0], [1]], [1, 2])`). */
export type IndexList = readonly (number | boolean | IndexList)[];
/** One index of `x.index(...)`: number, slice string, "...", null (new axis), list, tensor, boolean. */
export type IndexItem = number | string | null | boolean | Tensor | IndexList;

type Parsed =
  | { kind: "int"; value: number }
  | { kind: "slice"; start: number | null; end: number | null; step: number }
  | { kind: "ellipsis" }
  | { kind: "none" }
  | { kind: "bool"; value: boolean }
  | { kind: "tensor"; t: Tensor }
  | { kind: "mask"; t: Tensor };

const SLICE = /^\s*(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?\s*)?$/;
const INVALID = "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices";

function parseSlice(s: string): Parsed {
  const m = SLICE.exec(s);
  if (!m) throw new TorchTypeError(`invalid index "${s}": expected a slice such as ":", "1:3", "::2" or "..."`);
  const num = (g: string | undefined): number | null => (g === undefined ? null : Number(g));
  const step = num(m[3]) ?? 1;
  if (step === 0) throw new ValueError("slice step cannot be zero");
  if (step < 0) throw new ValueError("step must be greater than zero");
  return { kind: "slice", start: num(m[1]), end: num(m[2]), step };
}

function parseTensor(index: Tensor, device: Tensor["device"]): Parsed {
  // As in PyTorch, an index may live on another device (a CPU index for a GPU tensor).
  const t = index.device === device ? index : index.to(device);
  if (t.dtype === "bool" || t.dtype === "uint8") {
    if (t.ndim === 0) return { kind: "bool", value: Boolean(t.item()) };
    return { kind: "mask", t: t.dtype === "bool" ? t : t.bool() };
  }
  if (t.dtype !== "int64") throw new IndexError("tensors used as indices must be long, byte or bool tensors");
  // A 0-dim integer tensor indexes like an integer (a view), as in PyTorch.
  return t.ndim === 0 ? { kind: "int", value: Number(t.item()) } : { kind: "tensor", t };
}

function parseItem(item: IndexItem, device: Tensor["device"]): Parsed {
  if (item === null) return { kind: "none" };
  if (typeof item === "number") {
    if (!Number.isInteger(item)) throw new IndexError(`${INVALID} (got float)`);
    return { kind: "int", value: item };
  }
  if (typeof item === "boolean") return { kind: "bool", value: item };
  if (typeof item === "string") return item.trim() === "..." ? { kind: "ellipsis" } : parseSlice(item);
  if (item instanceof Tensor) return parseTensor(item, device);
  if (Array.isArray(item)) {
    if (item.length === 0) return { kind: "tensor", t: tensor([], { dtype: "int64", device }) };
    const t = tensor(item as never, { device });
    if (t.dtype !== "bool" && t.dtype !== "int64") throw new IndexError("tensors used as indices must be long, byte or bool tensors");
    return parseTensor(t, device);
  }
  throw new IndexError(`${INVALID} (got ${typeof item})`);
}

const consumed = (p: Parsed): number =>
  p.kind === "int" || p.kind === "slice" || p.kind === "tensor" ? 1 : p.kind === "mask" ? p.t.ndim : 0;

/** An advanced index: int64 values for dim `dim` of the view. */
interface Adv {
  dim: number;
  index: Tensor;
  /** Coordinates from `nonzero`: in range and non-negative by construction, so not re-checked. */
  trusted?: boolean;
}
interface Applied {
  view: Tensor;
  tensors: Adv[];
  masks: { dim: number; mask: Tensor }[];
}

/** Applies the basic indices (views) and records where the advanced ones go. */
function applyBasic(x: Tensor, items: readonly IndexItem[]): Applied {
  const parsed = items.map((i) => parseItem(i, x.device));
  if (parsed.filter((p) => p.kind === "ellipsis").length > 1) {
    // PyTorch 1.13 accepts x[..., ...]; NumPy and newer PyTorch refuse it, as we do.
    throw new IndexError("an index can only have a single ellipsis ('...')");
  }
  const used = parsed.reduce((n, p) => n + consumed(p), 0);
  if (used > x.ndim) throw new IndexError(`too many indices for tensor of dimension ${x.ndim}`);
  let v = x;
  let d = 0;
  const tensors: Adv[] = [];
  const masks: { dim: number; mask: Tensor }[] = [];
  // PyTorch names the position of the item in the index tuple in errors (its "real_dim").
  for (const [od, p] of parsed.entries()) {
    switch (p.kind) {
      case "int": {
        const size = v.shape[d] as number;
        if (p.value < -size || p.value >= size) {
          throw new IndexError(`index ${p.value} is out of bounds for dimension ${od} with size ${size}`);
        }
        v = selectView(v, d, p.value);
        break;
      }
      case "slice": {
        const [s, e] = sliceBounds(v.shape[d] as number, p.start, p.end, p.step);
        v = sliceDim(v, d, s, e, p.step);
        d++;
        break;
      }
      case "ellipsis":
        d += x.ndim - used;
        break;
      case "none":
        v = unsqueeze(v, d++);
        break;
      case "bool":
        v = unsqueeze(v, d);
        tensors.push({ dim: d++, index: tensor(p.value ? [0] : [], { dtype: "int64", device: x.device }) });
        break;
      case "tensor":
        tensors.push({ dim: d++, index: p.t });
        break;
      case "mask":
        masks.push({ dim: d, mask: p.t });
        d += p.t.ndim;
        break;
    }
  }
  return { view: v, tensors, masks };
}

/** Checks each mask against the dims it covers and turns it into one int64 index per dim. */
function expandMasks(a: Applied, nz: (m: Tensor) => Tensor): Adv[] {
  const out = [...a.tensors];
  for (const { dim, mask } of a.masks) {
    mask.shape.forEach((s, i) => {
      if (s !== a.view.shape[dim + i]) {
        throw new IndexError(
          `The shape of the mask [${mask.shape.join(", ")}] at index ${i} does not match the shape of the indexed tensor [${a.view.shape.join(", ")}] at index ${dim + i}`,
        );
      }
    });
    const coords = nz(mask);
    mask.shape.forEach((_, i) => out.push({ dim: dim + i, index: coords.select(1, i), trusted: true }));
  }
  return out.sort((p, q) => p.dim - q.dim);
}

/** Where advanced indexing reads or writes, as operands of one gather/scatter along `axis`. */
interface AdvPlan {
  shape: number[];
  /** PyTorch's (TensorIterator's) strides for a freshly allocated result. */
  strides: number[];
  axis: number;
  /** int64 storage offsets of the advanced part, at the result's rank (stride 0 off the index dims). */
  index: Operand;
  /** The whole storage: the index dims read the flat buffer through `axis`, the others are v's dims. */
  storage: Operand;
  keep: Tensor;
}

/**
 * Plans advanced indexing of view `v` by `adv`. The broadcast index shape B goes where the first
 * advanced dim was when the advanced dims are adjacent, and first otherwise (PyTorch's and
 * NumPy's rule). Only B's elements get an int64 offset (the base offset plus each index times its
 * dim's stride); the remaining dims stay ordinary strided dims of the storage operand, so the int64
 * work is proportional to the indices, not to the result.
 */
function plan(v: Tensor, adv: readonly Adv[]): AdvPlan {
  let shapes: number[];
  try {
    shapes = broadcastShapes(...adv.map((a) => a.index.shape));
  } catch {
    throw new IndexError(
      `shape mismatch: indexing tensors could not be broadcast together with shapes ${adv.map((a) => `[${a.index.shape.join(", ")}]`).join(", ")}`,
    );
  }
  // Offsets are summed in float64 (exact: they index a buffer, far below 2^53) and converted to
  // int64 once; int64 arithmetic is BigInt arithmetic on the CPU.
  const off = tidy(() => {
    let offF: Tensor = tensor(v.storageOffset(), { dtype: "float64", device: v.device });
    adv.forEach((a, k) => {
      const size = v.shape[a.dim] as number;
      const idx = a.trusted ? a.index : wrapNegative(a.index, size);
      if (!a.trusted) checkBounds(idx, size, k);
      offF = offF.add(idx.double().mul(v.stride(a.dim)));
    });
    return offF.long().expand(shapes);
  });
  const dims = new Set(adv.map((a) => a.dim));
  const rest = v.shape.map((_, i) => i).filter((i) => !dims.has(i));
  const adjacent = adv.every((a, k) => a.dim === (adv[0] as Adv).dim + k);
  const lead = adjacent ? rest.filter((i) => i < (adv[0] as Adv).dim).length : 0;
  const restAt = (j: number): number => (j < lead ? j : j + shapes.length);
  const resultShape = [...rest.slice(0, lead).map((i) => v.shape[i] as number), ...shapes, ...rest.slice(lead).map((i) => v.shape[i] as number)];
  const rank = resultShape.length;
  const ones = (at: number, n: number, size: readonly number[]): number[] => [...new Array<number>(at).fill(1), ...size, ...new Array<number>(rank - at - n).fill(1)];
  const inB = (d: number): boolean => d >= lead && d < lead + shapes.length;
  const restStrides = new Array<number>(rank).fill(0);
  rest.forEach((i, j) => (restStrides[restAt(j)] = v.stride(i)));
  const buffer = v._storage.buffer;
  const storage: Operand = {
    buffer,
    dtype: v.dtype,
    shape: resultShape.map((s, d) => (d === lead ? buffer.length : s)),
    strides: restStrides.map((s, d) => (d === lead ? 1 : s)),
    offset: 0,
  };
  const offStrides = off.stride();
  const index: Operand = { ...off._operand, shape: resultShape, strides: resultShape.map((_, d) => (inB(d) ? (offStrides[d - lead] as number) : 0)) };
  // The layout PyTorch's index kernel gives its output: TensorIterator over the restrided source
  // (indexed dims replaced by the index dims, stride 0) and the indices viewed at the result rank.
  const operands = [
    restStrides,
    ...adv.map((a) => {
      const st = a.index.expand(shapes).reshape(ones(lead, shapes.length, shapes)).stride();
      return st.map((s, d) => (inB(d) && shapes[d - lead] !== 1) || resultShape[d] === 1 ? s : 0);
    }),
  ];
  // PyTorch's index tensors have the result's rank but size 1 outside the index dims: they have the
  // result's shape only when every other dim has size 1.
  const sameShape = resultShape.every((s, d) => inB(d) || s === 1);
  return { shape: resultShape, strides: iteratorStrides(resultShape, operands, sameShape), axis: lead, index, storage, keep: off };
}

function gatherAdvanced(v: Tensor, adv: readonly Adv[]): Tensor {
  return dispatch("index", [v, ...adv.map((a) => a.index)], { dims: adv.map((a) => a.dim) }, () => {
    const p = plan(v, adv);
    const out = new Tensor(Storage.allocate(getBackend(v.device), v.device, v.dtype, numel(p.shape)), v.dtype, p.shape, p.strides, 0);
    getBackend(v.device).gather(out._operand, p.storage, p.index, p.axis);
    p.keep.dispose();
    return out;
  });
}

/**
 * `x.index(...indices)`: PyTorch's `x[indices]` (synchronous; bool masks read their count).
 * @example data.index(":", 0)                       // data[:, 0], a view
 * @example data.index([[0], [1]], [1, 2])          // data[[[0], [1]], [1, 2]], a [2, 2] copy
 * @example data.index(data.index(":", 2).gt(5))    // data[data[:, 2] > 5]
 */
export function index(x: Tensor, items: readonly IndexItem[]): Tensor {
  // tidy: the index tensors made from lists, mask coordinates and offsets go when we return.
  return tidy(() => {
    const a = applyBasic(x, items);
    if (a.tensors.length === 0 && a.masks.length === 0) return a.view === x ? alias(x) : a.view;
    return gatherAdvanced(a.view, expandMasks(a, (m) => nonzero(m) as Tensor));
  });
}

/** `x[...]` / `x[()]`: a new view of the whole tensor (PyTorch's alias; autograd records AliasBackward0). */
function alias(x: Tensor): Tensor {
  return dispatch("alias", [x], {}, () => x._view(x.shape, x.stride(), x.storageOffset()));
}

/** `await x.indexAsync(...indices)`: like `index`, on any device (bool masks await their count). */
export async function indexAsync(x: Tensor, items: readonly IndexItem[]): Promise<Tensor> {
  // 0-dim tensors index like numbers/booleans: read them without blocking.
  const resolved = await Promise.all(
    items.map(async (i) => (i instanceof Tensor && i.ndim === 0 ? ((await i.itemAsync()) as number | boolean) : i)),
  );
  return tidy(async () => {
    const a = applyBasic(x, resolved);
    if (a.tensors.length === 0 && a.masks.length === 0) return a.view === x ? alias(x) : a.view;
    const coords = await Promise.all(a.masks.map((m) => nonzeroAsync(m.mask) as Promise<Tensor>));
    let k = 0;
    return gatherAdvanced(a.view, expandMasks(a, () => coords[k++] as Tensor));
  });
}

function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  try {
    return sameShape(broadcastShapes(from, to), to);
  } catch {
    return false;
  }
}

/**
 * `x[mask] = scalar` is a masked fill (as in PyTorch): no nonzero count to read, so it works on
 * every device without a synchronous read. Returns the mask viewed to broadcast against x.
 */
function maskFillPath(x: Tensor, items: readonly IndexItem[], value: Tensor | Scalar, accumulate: boolean): Tensor | null {
  const m = items[0];
  if (accumulate || items.length !== 1 || !(m instanceof Tensor) || m.dtype !== "bool" || m.ndim === 0 || m.ndim > x.ndim) return null;
  if (value instanceof Tensor && value.ndim !== 0) return null;
  if (!m.shape.every((s, i) => s === x.shape[i])) return null; // let the general path raise PyTorch's error
  return m.reshape([...m.shape, ...new Array<number>(x.ndim - m.ndim).fill(1)]);
}

export interface IndexPutOptions {
  accumulate?: boolean;
}

/**
 * `x.indexPut_(indices, value, { accumulate })`: PyTorch's `x[indices] = value` (or `+=` with
 * duplicates summed, when accumulating).
 * @example x.indexPut_([":", 0], 5)                                   // x[:, 0] = 5
 * @example x.indexPut_([torch.tensor([0, 0])], 1, { accumulate: true }) // x[0] += 2 `value` broadcasts to the indexed shape. Everything is
 * checked before the single scatter, so an error leaves `x` untouched.
 */
export function indexPut_(x: Tensor, items: readonly IndexItem[], value: Tensor | Scalar, options?: IndexPutOptions): void {
  tidy(() => indexPutImpl(x, items, value, options));
}

function indexPutImpl(x: Tensor, items: readonly IndexItem[], value: Tensor | Scalar, options?: IndexPutOptions): void {
  const accumulate = options?.accumulate ?? false;
  if (value instanceof Tensor && value.dtype !== x.dtype) {
    throw new RuntimeError(
      `Index put requires the source and destination dtypes match, got ${torchName(x.dtype)} for the destination and ${torchName(value.dtype)} for the source.`,
    );
  }
  const fill = maskFillPath(x, items, value, accumulate);
  if (fill) {
    x.maskedFill_(fill, value);
    return;
  }
  // PyTorch only warns (deprecated) when index_put_ writes into an expanded tensor; so do we, silently.
  const a = applyBasic(x, items);
  const adv = expandMasks(a, (m) => nonzero(m) as Tensor);
  const inputs = value instanceof Tensor ? [x, value] : [x];
  dispatch("indexPut_", inputs, { indices: items, accumulate }, () => {
    const src = value instanceof Tensor && value.sharesStorage(x) ? value.clone() : value;
    if (adv.length === 0) {
      if (accumulate) a.view.add_(src);
      else if (src instanceof Tensor) a.view.copy_(src);
      else a.view.fill_(src);
      return x;
    }
    const p = plan(a.view, adv);
    if (src instanceof Tensor && !broadcastsTo(src.shape, p.shape)) {
      throw new RuntimeError(
        `shape mismatch: value tensor of shape [${src.shape.join(", ")}] cannot be broadcast to indexing result of shape [${p.shape.join(", ")}]`,
      );
    }
    const ops = new OperandSet();
    try {
      const srcOp = ops.input(src, x.dtype, p.shape, x.device);
      scatterPrim(accumulate ? "add" : "assign", p.storage, p.index, srcOp, p.axis, x.device);
    } finally {
      ops.release();
      p.keep.dispose();
    }
    x._versionCounter.value++;
    return x;
  });
}
