/**
 * The gather/scatter family with PyTorch's semantics and messages: `gather`, `scatter` (tensor or
 * scalar source, optional `reduce`), `scatterAdd`, `scatterReduce` (sum/prod/mean/amax/amin,
 * `includeSelf`), `indexSelect`, `indexAdd_`, `indexCopy_`, `indexFill_`, `take`.
 *
 * In-place forms scatter straight into `self` (the primitive validates every index before its
 * first write, so an error leaves `self` untouched); an input sharing `self`'s storage is cloned
 * first so reads never see the writes. `scatterReduce(..., { includeSelf: false })` first writes
 * the reduction's identity at every targeted position; `mean` is sum and count scatters.
 */
import type { DType, Scalar } from "../dtype.js";
import { isFloatingPoint, torchName } from "../dtype.js";
import { IndexError, RuntimeError } from "../errors.js";
import { normalizeDim } from "../shape.js";
import { Tensor } from "../tensor.js";
import { dispatch } from "../dispatch.js";
import { tidy } from "../scope.js";
import { getBackend } from "../device.js";
import type { ScatterOp } from "../primitives.js";
import { OperandSet, checkNoInternalOverlap } from "./operands.js";
import { alongAxis, flat1, gatherPrim, scatterPrim, wrapNegative } from "./indexing-prims.js";
import { where } from "./elementwise.js";

const fmt = (s: readonly number[]): string => `[${s.join(", ")}]`;
const asRank1 = (t: Tensor): Tensor => (t.ndim === 0 ? flat1(t) : t);

/** Backend bounds errors surface as RuntimeError from gather/scatter, as in PyTorch. */
function asRuntime<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof IndexError) throw new RuntimeError(e.message);
    throw e;
  }
}

/**
 * `torch.gather(x, dim, index)`: `out[i][j] = x[i][index[i][j]]` (dim 1). Indices must be in
 * `[0, size)`: unlike `x.index`, gather does not wrap negative indices (PyTorch's rule).
 * @example torch.gather(torch.tensor([[1, 2], [3, 4]]), 1, torch.tensor([[0, 0], [1, 0]])) // [[1, 1], [4, 3]]
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  if (index.dtype !== "int64") throw new RuntimeError("gather(): Expected dtype int64 for index");
  if (Math.max(index.ndim, 1) !== Math.max(x.ndim, 1)) {
    throw new RuntimeError("Index tensor must have the same number of dimensions as input tensor");
  }
  const d = normalizeDim(dim, x.ndim);
  const xs = asRank1(x);
  const is = asRank1(index);
  is.shape.forEach((s, i) => {
    if (i !== d && s > (xs.shape[i] as number)) {
      throw new RuntimeError(
        `Size does not match at dimension ${i} expected index ${fmt(index.shape)} to be smaller than self ${fmt(x.shape)} apart from dimension ${d}`,
      );
    }
  });
  return dispatch("gather", [x, index], { dim: d }, () => {
    const out = asRuntime(() => gatherPrim(xs._operand, is, d, x.dtype, x.device));
    return index.ndim === 0 ? out.reshape([]) : out;
  });
}

export type ScatterReduce = "sum" | "prod" | "mean" | "amax" | "amin";

function checkScatter(self: Tensor, d: number, index: Tensor, src: Tensor | Scalar, op: string): void {
  if (index.dtype !== "int64") throw new RuntimeError(`${op}(): Expected dtype int64 for index`);
  if (src instanceof Tensor && src.dtype !== self.dtype) {
    throw new RuntimeError(`${op}(): Expected self.dtype to be equal to src.dtype`);
  }
  if (Math.max(index.ndim, 1) !== Math.max(self.ndim, 1)) {
    throw new RuntimeError("Index tensor must have the same number of dimensions as self tensor");
  }
  if (src instanceof Tensor && Math.max(src.ndim, 1) !== Math.max(index.ndim, 1)) {
    throw new RuntimeError("Index tensor must have the same number of dimensions as src tensor");
  }
  const is = asRank1(index).shape;
  const ss = asRank1(self).shape;
  const rs = src instanceof Tensor ? asRank1(src).shape : null;
  is.forEach((s, i) => {
    if ((i !== d && s > (ss[i] as number)) || (rs !== null && s > (rs[i] as number))) {
      throw new RuntimeError(
        rs === null
          ? `Expected index ${fmt(index.shape)} to be smaller than self ${fmt(self.shape)} apart from dimension ${d}`
          : `Expected index ${fmt(index.shape)} to be smaller than self ${fmt(self.shape)} apart from dimension ${d} and to be smaller size than src ${fmt((src as Tensor).shape)}`,
      );
    }
  });
}

/** The scatter primitive into `self` in place (checks done by the caller). */
function scatterInto(self: Tensor, op: ScatterOp, d: number, index: Tensor, src: Tensor | Scalar): void {
  const idx = asRank1(index.sharesStorage(self) ? index.clone() : index);
  const s = src instanceof Tensor && src.sharesStorage(self) ? src.clone() : src;
  const ops = new OperandSet();
  try {
    const srcOp = s instanceof Tensor ? asRank1(s)._operand : ops.input(s, self.dtype, idx.shape, self.device);
    asRuntime(() => scatterPrim(op, asRank1(self)._operand, idx._operand, srcOp, d, self.device));
  } finally {
    ops.release();
  }
}

function scatterOp(reduce: "add" | "multiply" | undefined): ScatterOp {
  return reduce === undefined ? "assign" : reduce === "add" ? "add" : "mul";
}

export interface ScatterOptions {
  reduce?: "add" | "multiply";
}

/**
 * `self.scatter_(dim, index, src | value, { reduce })`: `self[index[i][j]][j] = src[i][j]` (dim 0).
 * With duplicate indices the last write wins on the CPU (PyTorch leaves it unspecified).
 * @example torch.zeros(2, 3).scatter_(1, torch.tensor([[2], [0]]), 5) // [[0, 0, 5], [5, 0, 0]]
 */
export function scatter_(self: Tensor, dim: number, index: Tensor, src: Tensor | Scalar, options?: ScatterOptions, name = "scatter"): void {
  const d = normalizeDim(dim, self.ndim);
  checkScatter(self, d, index, src, name);
  checkNoInternalOverlap(self);
  const inputs = src instanceof Tensor ? [self, index, src] : [self, index];
  dispatch(`${name}_`, inputs, { dim: d, reduce: options?.reduce }, () => {
    scatterInto(self, name === "scatter_add" ? "add" : scatterOp(options?.reduce), d, index, src);
    self._versionCounter.value++;
    return self;
  });
}

export function scatter(self: Tensor, dim: number, index: Tensor, src: Tensor | Scalar, options?: ScatterOptions): Tensor {
  const out = self.clone();
  scatter_(out, dim, index, src, options);
  return out;
}

export function scatterAdd_(self: Tensor, dim: number, index: Tensor, src: Tensor): void {
  scatter_(self, dim, index, src, undefined, "scatter_add");
}

export function scatterAdd(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const out = self.clone();
  scatterAdd_(out, dim, index, src);
  return out;
}

const REDUCE_PRIM: Record<Exclude<ScatterReduce, "mean">, ScatterOp> = { sum: "add", prod: "mul", amax: "amax", amin: "amin" };

function identity(reduce: ScatterReduce, dtype: DType): Scalar {
  if (reduce === "sum" || reduce === "mean") return 0;
  if (reduce === "prod") return 1;
  if (dtype === "bool") return reduce === "amax" ? false : true;
  if (isFloatingPoint(dtype)) return reduce === "amax" ? -Infinity : Infinity;
  const bits = { uint8: 8, int8: 8, int16: 16, int32: 32, int64: 64 }[dtype as "int8"];
  if (dtype === "uint8") return reduce === "amax" ? 0 : 255;
  const max = 2n ** BigInt(bits - 1) - 1n;
  return reduce === "amax" ? -max - 1n : max;
}

export interface ScatterReduceOptions {
  includeSelf?: boolean;
}

/**
 * `self.scatterReduce_(dim, index, src, reduce, { includeSelf })` (PyTorch's scatter_reduce_).
 * `mean` of integers rounds toward −∞, as PyTorch; `amax`/`amin` propagate NaN.
 * @example torch.tensor([10, 20]).scatterReduce(0, torch.tensor([0, 0]), torch.tensor([1, 2]), "amax", { includeSelf: false }) // [2, 20]
 */
export function scatterReduce_(self: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, options?: ScatterReduceOptions): void {
  const includeSelf = options?.includeSelf ?? true;
  const d = normalizeDim(dim, self.ndim);
  if (!["sum", "prod", "mean", "amax", "amin"].includes(reduce)) {
    throw new RuntimeError(`reduce argument must be either sum, prod, mean, amax or amin, got ${String(reduce)}`);
  }
  checkScatter(self, d, index, src, "scatter_reduce");
  checkNoInternalOverlap(self);
  dispatch("scatterReduce_", [self, index, src], { dim: d, reduce, includeSelf }, () => {
    tidy(() => scatterReduceInto(self, d, index, src, reduce, includeSelf));
    return self;
  });
}

function scatterReduceInto(self: Tensor, d: number, index: Tensor, src: Tensor, reduce: ScatterReduce, includeSelf: boolean): void {
  const acc = self.clone();
  if (!includeSelf) scatterInto(acc, "assign", d, index, identity(reduce, self.dtype));
  scatterInto(acc, reduce === "mean" ? "add" : REDUCE_PRIM[reduce], d, index, src);
  let result = acc;
  if (reduce === "mean") {
    const count = self.clone().fill_(includeSelf ? 1 : 0);
    scatterInto(count, "add", d, index, 1);
    const c = where(count.eq(0), 1, count);
    result = isFloatingPoint(self.dtype) ? acc.div(c) : acc.div(c, { roundingMode: "floor" });
  }
  self.copy_(result);
}

export function scatterReduce(self: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, options?: ScatterReduceOptions): Tensor {
  const out = self.clone();
  scatterReduce_(out, dim, index, src, reduce, options);
  return out;
}

function checkIndexVector(op: string, index: Tensor): Tensor {
  if (index.dtype !== "int64" && index.dtype !== "int32") {
    throw new RuntimeError(`${op}(): Expected dtype int32 or int64 for index`);
  }
  if (index.ndim > 1) throw new IndexError(`${op}(): Index is supposed to be a vector`);
  return index.dtype === "int64" ? asRank1(index) : asRank1(index.long());
}

/** `x.indexSelect(dim, index)`: the slices `index` (1-D) picks along `dim`, copied. */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  const idx = checkIndexVector("index_select", index);
  const d = normalizeDim(dim, x.ndim);
  return dispatch("indexSelect", [x, index], { dim: d }, () => {
    const xs = asRank1(x);
    const shape = xs.shape.map((s, i) => (i === d ? (idx.shape[0] as number) : s));
    const out = Tensor._empty(shape, x.dtype, x.device);
    try {
      getBackend(x.device).gather(out._operand, xs._operand, alongAxis(idx, shape, d), d);
    } catch (e) {
      out.dispose();
      if (e instanceof IndexError) throw new IndexError("index out of range in self");
      throw e;
    }
    return x.ndim === 0 ? out.reshape([]) : out;
  });
}

/** Shared by indexAdd_/indexCopy_/indexFill_: scatter along `dim` with `index` broadcast to `shape`. */
function indexScatter_(self: Tensor, op: ScatterOp, dim: number, index: Tensor, src: Tensor | Scalar, name: string): void {
  const idx = checkIndexVector(name, index);
  const d = normalizeDim(dim, self.ndim);
  const ss = asRank1(self).shape;
  // index_fill_ broadcasts its (scalar or 0-dim) value; the others scatter a source of the slices' shape.
  const isFill = name === "index_fill_";
  const shape = src instanceof Tensor && !isFill ? asRank1(src).shape : ss.map((s, i) => (i === d ? (idx.shape[0] as number) : s));
  if (src instanceof Tensor && !isFill) {
    if (src.dtype !== self.dtype) {
      throw new RuntimeError(`${name}(): self (${torchName(self.dtype)}) and source (${torchName(src.dtype)}) must have the same scalar type`);
    }
    if ((shape[d] as number) !== idx.shape[0] || shape.length !== ss.length || shape.some((s, i) => i !== d && s !== ss[i])) {
      throw new IndexError(`${name}(): Source/destination tensor must have same slice shapes.`);
    }
  }
  checkNoInternalOverlap(self);
  dispatch(name, src instanceof Tensor ? [self, index, src] : [self, index], { dim: d }, () => {
    const s = src instanceof Tensor && src.sharesStorage(self) ? src.clone() : src;
    const ops = new OperandSet();
    try {
      const srcOp = s instanceof Tensor && !isFill ? asRank1(s)._operand : ops.input(s, self.dtype, shape, self.device);
      scatterPrim(op, asRank1(self)._operand, alongAxis(idx, shape, d), srcOp, d, self.device);
    } catch (e) {
      // Each op words its bounds error its own way in PyTorch.
      if (e instanceof IndexError && name === "index_add_") throw new IndexError("index out of range in self");
      if (e instanceof IndexError && name === "index_copy_") throw new IndexError(`index_copy_(): ${e.message}`);
      throw e;
    } finally {
      ops.release();
    }
    self._versionCounter.value++;
    return self;
  });
}

export function indexAdd_(self: Tensor, dim: number, index: Tensor, source: Tensor, options?: { alpha?: Scalar }): void {
  const alpha = options?.alpha;
  indexScatter_(self, "add", dim, index, alpha === undefined || alpha === 1 ? source : source.mul(alpha), "index_add_");
}
export function indexCopy_(self: Tensor, dim: number, index: Tensor, source: Tensor): void {
  indexScatter_(self, "assign", dim, index, source, "index_copy_");
}
export function indexFill_(self: Tensor, dim: number, index: Tensor, value: Scalar | Tensor): void {
  if (value instanceof Tensor && value.ndim !== 0) {
    throw new IndexError(`index_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  }
  indexScatter_(self, "assign", dim, index, value, "index_fill_");
}

/** `x.take(index)`: x flattened, indexed by `index` (negative indices count from the end). */
export function take(x: Tensor, index: Tensor): Tensor {
  if (index.dtype !== "int64") throw new RuntimeError(`take(): Expected a long tensor for index, but got ${torchName(index.dtype)}`);
  return dispatch("take", [x, index], {}, () => {
    const flat = flat1(x);
    const n = flat.numel();
    const idx = flat1(wrapNegative(index, n));
    try {
      return gatherPrim(flat._operand, idx, 0, x.dtype, x.device).reshape(index.shape);
    } catch (e) {
      if (!(e instanceof IndexError)) throw e;
      const bad = /index (-?\d+)/.exec(e.message)?.[1] ?? "?";
      throw new IndexError(`out of range: tried to access index ${bad} on a tensor of ${n} elements.`);
    }
  });
}
