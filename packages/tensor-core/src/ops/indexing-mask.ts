/**
 * Data-dependent and mask ops: `nonzero`/`argwhere` (whose output size depends on the values),
 * `maskedSelect`, `maskedFill`, `maskedScatter`.
 *
 * `nonzero` is a composite, not a primitive: the one value the host must know is the count (a
 * single scalar read: `item()` on the CPU, `itemAsync()` anywhere); the coordinates themselves
 * are computed on the device with a cumulative sum and one `scatter` (each nonzero element's flat
 * position is written to slot `cumsum - 1`, every other element to a spare slot past the end).
 * The `*Async` forms await the count instead of reading it synchronously, so they work on every
 * backend and never block a device queue.
 */
import type { Scalar } from "../dtype.js";
import { torchName } from "../dtype.js";
import { IndexError, RuntimeError } from "../errors.js";
import { broadcastShapes, sameShape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { dispatch } from "../dispatch.js";
import { tidy } from "../scope.js";
import { arange, zeros } from "./create.js";
import { where } from "./elementwise.js";
import { checkInplace, commitInplace, scalarTensor } from "./operands.js";
import { flat1, gatherPrim, scatterPrim } from "./indexing-prims.js";

// Counted in float64: exact below 2^53, and not BigInt arithmetic on the CPU.
const countNonzero = (x: Tensor): Tensor => x.ne(0).sum({ dtype: "float64" });

/** The `[count, ndim]` int64 coordinates of the nonzero elements of `x`, given their count. */
export function nonzeroFromCount(x: Tensor, count: number): Tensor {
  return dispatch("nonzero", [x], { count }, () => {
    // PyTorch returns the coordinates column-major: shape [count, ndim], strides [1, count].
    const out = Tensor._empty([x.ndim, count], "int64", x.device).t();
    if (count === 0) return out._view(out.shape, [1, 0], 0);
    if (x.ndim === 0) return out;
    tidy(() => fillCoordinates(out, x, count));
    return out;
  });
}

/**
 * Writes the coordinates: each nonzero element's flat position goes to slot `cumsum - 1`, every
 * other element to a spare slot past the end; then positions are split into coordinates.
 * Counted in float64 (exact below 2^53; int64 math is BigInt math on the CPU) and converted to
 * int64 only where the scatter primitive needs an index.
 */
function fillCoordinates(out: Tensor, x: Tensor, count: number): void {
  const nz = flat1(x).ne(0);
  const pos = where(nz, nz.cumsum(0, { dtype: "float64" }).sub(1), count).long();
  const slots = Tensor._empty([count + 1], "float64", x.device);
  scatterPrim("assign", slots._operand, pos._operand, arange(x.numel(), { dtype: "float64", device: x.device })._operand, 0, x.device);
  let rest = slots.narrow(0, 0, count);
  for (let d = x.ndim - 1; d >= 0; d--) {
    const size = x.shape[d] as number;
    out.select(1, d).copy_(d === 0 ? rest : rest.remainder(size));
    if (d > 0) rest = rest.div(size, { roundingMode: "floor" });
  }
}

export interface NonzeroOptions {
  asTuple?: boolean;
}

function nonzeroResult(nz: Tensor, x: Tensor, options?: NonzeroOptions): Tensor | Tensor[] {
  if (!options?.asTuple) return nz;
  if (x.ndim === 0) return [zeros([nz.shape[0] as number], { dtype: "int64", device: x.device })];
  return x.shape.map((_, d) => nz.select(1, d));
}

/**
 * `torch.nonzero(x)`: `[count, ndim]` int64 coordinates, row-major order (reads the count).
 * @example torch.nonzero(torch.tensor([[0, 1], [2, 0]]))  // [[0, 1], [1, 0]]
 */
export function nonzero(x: Tensor, options?: NonzeroOptions): Tensor | Tensor[] {
  const count = tidy(() => Number(countNonzero(x).item()));
  return nonzeroResult(nonzeroFromCount(x, count), x, options);
}

/** `nonzero` on any device: awaits the count instead of reading it synchronously. */
export async function nonzeroAsync(x: Tensor, options?: NonzeroOptions): Promise<Tensor | Tensor[]> {
  const count = await tidy(async () => Number(await countNonzero(x).itemAsync()));
  return nonzeroResult(nonzeroFromCount(x, count), x, options);
}

function checkMask(op: string, mask: Tensor): Tensor {
  if (mask.dtype === "uint8") return mask.bool();
  if (mask.dtype !== "bool") throw new RuntimeError(`${op}: expected BoolTensor or ByteTensor for mask`);
  return mask;
}

/** The elements of `x` (broadcast with `mask`) where `mask` is true, as a 1-D tensor. */
function maskedSelectWith(x: Tensor, mask: Tensor, nz: (m: Tensor) => Tensor): Tensor {
  const shape = broadcastShapes(x.shape, mask.shape);
  if (shape.length === 0) return maskedSelectWith(flat1(x), flat1(mask), nz);
  const xb = x.expand(shape);
  const coords = nz(mask.expand(shape));
  return xb.index(...shape.map((_, d) => coords.select(1, d)));
}

export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  const m = checkMask("masked_select", mask);
  return dispatch("maskedSelect", [x, mask], {}, () => maskedSelectWith(x, m, (b) => nonzero(b) as Tensor));
}

export async function maskedSelectAsync(x: Tensor, m: Tensor): Promise<Tensor> {
  const mask = checkMask("masked_select", m);
  const shape = broadcastShapes(x.shape, mask.shape);
  const count = await tidy(async () => Number(await countNonzero(mask.expand(shape)).itemAsync()));
  return maskedSelectWith(x, mask, (m) => nonzeroFromCount(m, count));
}

function fillValue(op: string, value: Scalar | Tensor): Scalar | Tensor {
  if (value instanceof Tensor && value.ndim !== 0) {
    throw new RuntimeError(`${op} only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  }
  return value;
}

function maskedFillRaw(x: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  const v = value instanceof Tensor ? value.to(x.dtype) : scalarTensor(value, x.dtype, x.device);
  return where(mask, v, x);
}

/** `x.maskedFill(mask, value)`: value where mask is true (mask broadcasts; result keeps x's dtype). */
export function maskedFill(x: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  checkFillMask(mask);
  fillValue("masked_fill_", value);
  return dispatch("maskedFill", value instanceof Tensor ? [x, mask, value] : [x, mask], { value }, () => maskedFillRaw(x, mask, value));
}

function checkFillMask(mask: Tensor): void {
  if (mask.dtype !== "bool") {
    throw new RuntimeError(`masked_fill_ only supports boolean masks, but got mask with dtype ${torchName(mask.dtype)}`);
  }
}

function checkInplaceShape(self: Tensor, other: Tensor): void {
  const shape = broadcastShapes(self.shape, other.shape);
  if (!sameShape(shape, self.shape)) {
    throw new RuntimeError(`output with shape [${self.shape.join(", ")}] doesn't match the broadcast shape [${shape.join(", ")}]`);
  }
}

export function maskedFill_(self: Tensor, mask: Tensor, value: Scalar | Tensor): void {
  checkFillMask(mask);
  fillValue("masked_fill_", value);
  checkInplaceShape(self, mask);
  checkInplace(self, self.dtype);
  dispatch("maskedFill_", value instanceof Tensor ? [self, mask, value] : [self, mask], { value }, () => {
    commitInplace(self, maskedFillRaw(self, mask, value));
    return self;
  });
}

function maskedScatterRaw(x: Tensor, mask: Tensor, source: Tensor): Tensor {
  if (mask.dtype !== "bool") throw new RuntimeError("masked_scatter_ only supports boolean masks, but got mask with dtype " + torchName(mask.dtype));
  if (source.dtype !== x.dtype) {
    throw new RuntimeError(
      `masked_scatter: expected self and source to have same dtypes but got${torchName(x.dtype)} and${torchName(source.dtype)}`,
    );
  }
  const shape = broadcastShapes(x.shape, mask.shape);
  const m = flat1(mask.expand(shape));
  // The k-th true element of the mask takes source's k-th element (row-major).
  const pos = where(m, m.long().cumsum(0).sub(1), 0);
  const src = flat1(source);
  let vals: Tensor;
  try {
    vals = src.numel() === 0 ? (m.any().item() ? fail() : flat1(x.expand(shape))) : gatherPrim(src._operand, pos, 0, x.dtype, x.device);
  } catch (e) {
    if (e instanceof IndexError) fail();
    throw e;
  }
  return where(m, vals, flat1(x.expand(shape))).reshape(shape);
}
function fail(): never {
  throw new RuntimeError("Number of elements of source < number of ones in mask");
}

/** `x.maskedScatter(mask, source)`: the true positions of mask take source's elements in order. */
export function maskedScatter(x: Tensor, mask: Tensor, source: Tensor): Tensor {
  return dispatch("maskedScatter", [x, mask, source], {}, () => maskedScatterRaw(x, mask, source));
}

export function maskedScatter_(self: Tensor, mask: Tensor, source: Tensor): void {
  checkInplaceShape(self, mask);
  checkInplace(self, self.dtype);
  dispatch("maskedScatter_", [self, mask, source], {}, () => {
    commitInplace(self, maskedScatterRaw(self, mask, source));
    return self;
  });
}
