/**
 * The Tensor: a storage handle plus dtype, shape, strides (in elements), storage offset and device.
 * Views share the storage; every method here is a thin front for an op defined once in `ops/`.
 */
import type { Operand } from "./backend.js";
import type { DType, Scalar } from "./dtype.js";
import { isFloatingPoint, itemsize } from "./dtype.js";
import { RuntimeError } from "./errors.js";
import { Storage, trackTensor, untrackTensor } from "./storage.js";
import { trackInScope } from "./scope.js";
import { contiguousStrides, isContiguousLayout, normalizeDim, numel } from "./shape.js";
import type { Device } from "./device.js";
import { getBackend } from "./device.js";
import * as E from "./ops/elementwise.js";
import * as R from "./ops/reduce.js";
import * as M from "./ops/matmul.js";
import * as V from "./ops/view.js";
import * as S from "./ops/slice.js";
import * as C from "./ops/convert.js";
import * as Rd from "./read.js";
import type { NestedList } from "./read.js";
import type { ReduceOptions, DimArg } from "./ops/reduce.js";
import type { BinaryOptions, DivOptions, ClampBound } from "./ops/elementwise.js";
import type { ToArg, TypeArg } from "./ops/convert.js";
import * as Np from "./ops/numpy.js";
import { formatTensorOf } from "./print-tensor.js";
import { autogradEngine, onTensorCreated } from "./autograd-hook.js";
import type { BackwardOptions, GradHook, RemovableHandle } from "./autograd-hook.js";
import * as I from "./ops/indexing.js";
import * as IG from "./ops/indexing-gather.js";
import * as IM from "./ops/indexing-mask.js";
import type { IndexItem, IndexPutOptions } from "./ops/indexing.js";
import type { ScatterOptions, ScatterReduce, ScatterReduceOptions } from "./ops/indexing-gather.js";
import type { NonzeroOptions } from "./ops/indexing-mask.js";
import * as JR from "./ops/join-reorder.js";
import * as JP from "./ops/join-repeat.js";
import * as So from "./ops/sort.js";
import * as U from "./ops/sort-unique.js";
import * as Rn from "./ops/random.js";
import * as RnC from "./ops/random-create.js";
import type { GeneratorOption } from "./ops/random.js";

/** The autograd node that produced a tensor (`x.gradFn.name()` → "AddBackward0"). */
export interface GradFn {
  name(): string;
  /** PyTorch's `grad_fn.next_functions`: per input, the node its gradient goes to (or null) and the input number. */
  readonly nextFunctions: readonly (readonly [GradFn | null, number])[];
}

export type TensorOrScalar = Tensor | Scalar;

export class Tensor {
  /** @internal */ _storage: Storage;
  /** @internal */ _dtype: DType;
  /** @internal */ _shape: readonly number[];
  /** @internal */ _strides: readonly number[];
  /** @internal */ _offset: number;
  /** @internal */ _disposed = false;
  /** @internal */ _requiresGrad = false;
  /** Accumulated gradient (autograd); null until a backward pass reaches this leaf. */
  grad: Tensor | null = null;
  /** The node that created this tensor when autograd recorded it; null for leaves. */
  gradFn: GradFn | null = null;
  /** @internal Autograd's per-tensor state (retain_grad, hooks, output number). */
  _autograd: unknown = undefined;
  /**
   * @internal The in-place version counter, shared by a tensor and its views (and `detach()`),
   * bumped by every in-place write; autograd checks it for tensors it saved. `.data` gets a
   * fresh one, as PyTorch's, so writes through `.data` are invisible to autograd.
   */
  _versionCounter: { value: number } = { value: 0 };
  /**
   * @internal PyTorch's inference tensors: 0 a normal tensor; 1 an inference tensor (made in
   * inference mode, or a view of one), which has no version counter, so in-place writes outside
   * inference mode are refused; 2 one that has a counter (`detach()`/`.data`, see `V.detach`).
   */
  _inference: 0 | 1 | 2 = 0;

  /** @internal Use the creation functions (`torch.tensor`, `torch.zeros`, ...). */
  constructor(storage: Storage, dtype: DType, shape: readonly number[], strides: readonly number[], offset: number) {
    this._storage = storage;
    this._dtype = dtype;
    this._shape = shape;
    this._strides = strides;
    this._offset = offset;
    trackTensor(this, storage);
    trackInScope(this);
    if (onTensorCreated !== null) onTensorCreated(this);
  }

  /** @internal A fresh contiguous tensor with unspecified contents on `device`. */
  static _empty(shape: readonly number[], dtype: DType, device: Device): Tensor {
    const backend = getBackend(device);
    const storage = Storage.allocate(backend, device, dtype, numel(shape));
    return new Tensor(storage, dtype, shape, contiguousStrides(shape), 0);
  }

  /** @internal A view sharing this tensor's storage. */
  _view(shape: readonly number[], strides: readonly number[], offset: number): Tensor {
    const t = new Tensor(this._storage, this._dtype, shape, strides, offset);
    t._versionCounter = this._versionCounter;
    t._inference = this._inference === 0 ? 0 : 1;
    return t;
  }

  /** @internal The kernel descriptor of this tensor. */
  get _operand(): Operand {
    if (this._disposed) throw new RuntimeError("Tensor has been disposed (use-after-free)");
    return {
      buffer: this._storage.buffer,
      dtype: this._dtype,
      shape: this._shape,
      strides: this._strides,
      offset: this._offset,
    };
  }

  // ── metadata ────────────────────────────────────────────────────────────────────────────────
  get dtype(): DType {
    return this._dtype;
  }
  get shape(): readonly number[] {
    return this._shape;
  }
  get device(): Device {
    return this._storage.device;
  }
  get ndim(): number {
    return this._shape.length;
  }
  dim(): number {
    return this._shape.length;
  }
  /** `x.size()` is the shape; `x.size(d)` one dimension (negative counts from the end). */
  size(): readonly number[];
  size(dim: number): number;
  size(dim?: number): readonly number[] | number {
    return dim === undefined ? this._shape : (this._shape[normalizeDim(dim, this.ndim)] ?? 1);
  }
  stride(): readonly number[];
  stride(dim: number): number;
  stride(dim?: number): readonly number[] | number {
    return dim === undefined ? this._strides : (this._strides[normalizeDim(dim, this.ndim)] ?? 1);
  }
  storageOffset(): number {
    return this._offset;
  }
  numel(): number {
    return numel(this._shape);
  }
  nelement(): number {
    return numel(this._shape);
  }
  elementSize(): number {
    return itemsize(this._dtype);
  }
  isContiguous(): boolean {
    return isContiguousLayout(this._shape, this._strides);
  }
  isFloatingPoint(): boolean {
    return isFloatingPoint(this._dtype);
  }
  /** Whether two tensors view the same storage (PyTorch's `untyped_storage()` identity). */
  sharesStorage(other: Tensor): boolean {
    return this._storage === other._storage;
  }
  /** The in-place version counter (PyTorch's `x._version`). */
  get _version(): number {
    return this._versionCounter.value;
  }
  /** PyTorch's `is_inference()`: made in inference mode, or a view of such a tensor. */
  isInference(): boolean {
    return this._inference !== 0;
  }
  get isLeaf(): boolean {
    return this.gradFn === null;
  }
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }
  set requiresGrad(value: boolean) {
    this.requiresGrad_(value);
  }
  requiresGrad_(value = true): this {
    if (value && !isFloatingPoint(this._dtype)) {
      throw new RuntimeError("only Tensors of floating point dtype can require gradients");
    }
    if (!value && this.gradFn !== null) {
      throw new RuntimeError(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    // autograd installs the creation hook exactly while inference mode is on
    if (value && this._inference !== 0 && onTensorCreated === null) {
      throw new RuntimeError("Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.");
    }
    this._requiresGrad = value;
    return this;
  }

  // ── memory (API.md rule 11) ─────────────────────────────────────────────────────────────────
  /** Frees this tensor's reference to its storage now; the storage goes when its last view does. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    untrackTensor(this, this._storage);
  }
  get isDisposed(): boolean {
    return this._disposed;
  }
  [Symbol.dispose](): void {
    this.dispose();
  }

  // ── reading values (API.md rule 8) ─────────────────────────────────────────────────────────
  item(): Scalar {
    return Rd.item(this);
  }
  tolist(): NestedList {
    return Rd.tolist(this);
  }
  itemAsync(): Promise<Scalar> {
    return Rd.itemAsync(this);
  }
  tolistAsync(): Promise<NestedList> {
    return Rd.tolistAsync(this);
  }
  /** A contiguous TypedArray copy of the values (float16/bfloat16 as their bit patterns). */
  toArray(): Promise<ReturnType<typeof Rd.toArraySync>> {
    return Rd.toArray(this);
  }
  toString(): string {
    return formatTensorOf(this);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  // ── conversion ──────────────────────────────────────────────────────────────────────────────
  to(arg: ToArg, options?: { dtype?: DType; copy?: boolean }): Tensor {
    return C.to(this, arg, options);
  }
  cpu(): Tensor {
    return C.to(this, "cpu");
  }
  cpuAsync(): Promise<Tensor> {
    return C.cpuAsync(this);
  }
  type(): string;
  type(dtype: TypeArg): Tensor;
  type(dtype?: TypeArg): Tensor | string {
    return dtype === undefined ? C.typeName(this) : C.to(this, C.typeArgDtype(dtype));
  }
  half(): Tensor {
    return C.to(this, "float16");
  }
  bfloat16(): Tensor {
    return C.to(this, "bfloat16");
  }
  float(): Tensor {
    return C.to(this, "float32");
  }
  double(): Tensor {
    return C.to(this, "float64");
  }
  short(): Tensor {
    return C.to(this, "int16");
  }
  int(): Tensor {
    return C.to(this, "int32");
  }
  long(): Tensor {
    return C.to(this, "int64");
  }
  bool(): Tensor {
    return C.to(this, "bool");
  }
  byte(): Tensor {
    return C.to(this, "uint8");
  }
  char(): Tensor {
    return C.to(this, "int8");
  }
  clone(): Tensor {
    return C.clone(this);
  }
  contiguous(): Tensor {
    return this.isContiguous() ? this : C.clone(this, "contiguous");
  }
  copy_(src: Tensor): this {
    C.copyInto(this, src);
    return this;
  }

  // ── autograd-facing basics (the autograd package gives them meaning) ───────────────────────
  detach(): Tensor {
    return V.detach(this);
  }
  /** PyTorch's `.data`: a detached view of the same storage; assigning replaces the contents. */
  get data(): Tensor {
    return V.detach(this, true);
  }
  set data(value: Tensor) {
    V.setData(this, value);
  }

  /** Computes gradients of this tensor w.r.t. graph leaves (needs `@typetorch/autograd`). */
  backward(gradient?: Tensor, options: BackwardOptions = {}): void {
    autogradEngine().backward(this, gradient, options);
  }
  /** Keeps `.grad` for this non-leaf tensor during backward. */
  retainGrad(): void {
    autogradEngine().retainGrad(this);
  }
  get retainsGrad(): boolean {
    return autogradEngine().retainsGrad(this);
  }
  /** Registers `hook(grad)`, called with this tensor's gradient; it may return a replacement. */
  registerHook(hook: GradHook): RemovableHandle {
    return autogradEngine().registerHook(this, hook);
  }
  /** Detaches this tensor from the graph in place: it becomes a leaf that does not require grad. */
  detach_(): this {
    autogradEngine().detach_(this);
    return this;
  }

  // ── shape (the full view set arrives with the views issue) ──────────────────────────────────
  view(...shape: number[] | [readonly number[]]): Tensor {
    return V.view(this, V.sizeArgs(shape));
  }
  reshape(...shape: number[] | [readonly number[]]): Tensor {
    return V.reshape(this, V.sizeArgs(shape));
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return V.flatten(this, startDim, endDim);
  }
  transpose(dim0: number, dim1: number): Tensor {
    return V.transpose(this, dim0, dim1);
  }
  permute(...dims: number[] | [readonly number[]]): Tensor {
    return V.permute(this, V.sizeArgs(dims));
  }
  get T(): Tensor {
    return V.reverseDims(this);
  }
  t(): Tensor {
    return V.t(this);
  }
  unsqueeze(dim: number): Tensor {
    return V.unsqueeze(this, dim);
  }
  squeeze(dim?: number | readonly number[]): Tensor {
    return V.squeeze(this, dim);
  }
  expand(...shape: number[] | [readonly number[]]): Tensor {
    return V.expand(this, V.sizeArgs(shape));
  }
  expandAs(other: Tensor): Tensor {
    return V.expand(this, other.shape);
  }
  broadcastTo(...shape: number[] | [readonly number[]]): Tensor {
    return V.expand(this, V.sizeArgs(shape));
  }
  swapaxes(dim0: number, dim1: number): Tensor {
    return V.transpose(this, dim0, dim1);
  }
  swapdims(dim0: number, dim1: number): Tensor {
    return V.transpose(this, dim0, dim1);
  }
  /** The last two dims transposed. */
  get mT(): Tensor {
    return V.mT(this);
  }
  movedim(source: number | readonly number[], destination: number | readonly number[]): Tensor {
    return V.movedim(this, source, destination);
  }
  moveaxis(source: number | readonly number[], destination: number | readonly number[]): Tensor {
    return V.movedim(this, source, destination);
  }
  unflatten(dim: number, sizes: readonly number[]): Tensor {
    return V.unflatten(this, dim, sizes);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return S.narrow(this, dim, start, length);
  }
  select(dim: number, index: number): Tensor {
    return S.select(this, dim, index);
  }
  unfold(dim: number, size: number, step: number): Tensor {
    return S.unfold(this, dim, size, step);
  }
  diagonal(offset = 0, dim1 = 0, dim2 = 1): Tensor {
    return S.diagonal(this, offset, dim1, dim2);
  }
  split(splitSize: number | readonly number[], dim = 0): Tensor[] {
    return S.split(this, splitSize, dim);
  }
  chunk(chunks: number, dim = 0): Tensor[] {
    return S.chunk(this, chunks, dim);
  }
  unbind(dim = 0): Tensor[] {
    return S.unbind(this, dim);
  }

  // ── elementwise ─────────────────────────────────────────────────────────────────────────────
  add(other: TensorOrScalar, options?: BinaryOptions): Tensor {
    return E.add(this, other, options);
  }
  add_(other: TensorOrScalar, options?: BinaryOptions): this {
    E.add_(this, other, options);
    return this;
  }
  sub(other: TensorOrScalar, options?: BinaryOptions): Tensor {
    return E.sub(this, other, options);
  }
  sub_(other: TensorOrScalar, options?: BinaryOptions): this {
    E.sub_(this, other, options);
    return this;
  }
  mul(other: TensorOrScalar): Tensor {
    return E.binary("mul", this, other);
  }
  mul_(other: TensorOrScalar): this {
    E.binary_("mul", this, other);
    return this;
  }
  div(other: TensorOrScalar, options?: DivOptions): Tensor {
    return E.div(this, other, options);
  }
  div_(other: TensorOrScalar, options?: DivOptions): this {
    E.div_(this, other, options);
    return this;
  }
  floorDivide(other: TensorOrScalar): Tensor {
    return E.binary("floorDiv", this, other);
  }
  floorDivide_(other: TensorOrScalar): this {
    E.binary_("floorDiv", this, other);
    return this;
  }
  remainder(other: TensorOrScalar): Tensor {
    return E.binary("remainder", this, other);
  }
  remainder_(other: TensorOrScalar): this {
    E.binary_("remainder", this, other);
    return this;
  }
  fmod(other: TensorOrScalar): Tensor {
    return E.binary("fmod", this, other);
  }
  fmod_(other: TensorOrScalar): this {
    E.binary_("fmod", this, other);
    return this;
  }
  pow(exponent: TensorOrScalar): Tensor {
    return E.pow(this, exponent);
  }
  pow_(exponent: TensorOrScalar): this {
    E.pow_(this, exponent);
    return this;
  }
  atan2(other: TensorOrScalar): Tensor {
    return E.binary("atan2", this, other);
  }
  maximum(other: Tensor): Tensor {
    return E.binary("maximum", this, other);
  }
  minimum(other: Tensor): Tensor {
    return E.binary("minimum", this, other);
  }
  clamp(min?: ClampBound, max?: ClampBound): Tensor {
    return E.clamp(this, min, max);
  }
  clamp_(min?: ClampBound, max?: ClampBound): this {
    E.clamp_(this, min, max);
    return this;
  }
  clip(min?: ClampBound, max?: ClampBound): Tensor {
    return E.clamp(this, min, max);
  }
  eq(other: TensorOrScalar): Tensor {
    return E.binary("eq", this, other);
  }
  ne(other: TensorOrScalar): Tensor {
    return E.binary("ne", this, other);
  }
  lt(other: TensorOrScalar): Tensor {
    return E.binary("lt", this, other);
  }
  le(other: TensorOrScalar): Tensor {
    return E.binary("le", this, other);
  }
  gt(other: TensorOrScalar): Tensor {
    return E.binary("gt", this, other);
  }
  ge(other: TensorOrScalar): Tensor {
    return E.binary("ge", this, other);
  }
  /** Whether two tensors have the same shape and elements (PyTorch's `torch.equal`). */
  equal(other: Tensor): boolean {
    return E.equal(this, other);
  }
  logicalAnd(other: TensorOrScalar): Tensor {
    return E.binary("logicalAnd", this, other);
  }
  logicalOr(other: TensorOrScalar): Tensor {
    return E.binary("logicalOr", this, other);
  }
  logicalXor(other: TensorOrScalar): Tensor {
    return E.binary("logicalXor", this, other);
  }
  logicalNot(): Tensor {
    return E.unary("logicalNot", this);
  }
  bitwiseAnd(other: TensorOrScalar): Tensor {
    return E.binary("bitwiseAnd", this, other);
  }
  bitwiseOr(other: TensorOrScalar): Tensor {
    return E.binary("bitwiseOr", this, other);
  }
  bitwiseXor(other: TensorOrScalar): Tensor {
    return E.binary("bitwiseXor", this, other);
  }
  bitwiseNot(): Tensor {
    return E.unary("bitwiseNot", this);
  }
  bitwiseLeftShift(other: TensorOrScalar): Tensor {
    return E.binary("leftShift", this, other);
  }
  bitwiseRightShift(other: TensorOrScalar): Tensor {
    return E.binary("rightShift", this, other);
  }
  where(condition: Tensor, other: TensorOrScalar): Tensor {
    return E.where(condition, this, other);
  }
  nanToNum(nan = 0, posinf?: number, neginf?: number): Tensor {
    return E.nanToNum(this, nan, posinf, neginf);
  }
  neg(): Tensor { return E.unary("neg", this); }
  neg_(): this { E.unary_("neg", this); return this; }
  negative(): Tensor { return E.unary("neg", this); }
  abs(): Tensor { return E.unary("abs", this); }
  abs_(): this { E.unary_("abs", this); return this; }
  sign(): Tensor { return E.unary("sign", this); }
  sqrt(): Tensor { return E.unary("sqrt", this); }
  sqrt_(): this { E.unary_("sqrt", this); return this; }
  rsqrt(): Tensor { return E.unary("rsqrt", this); }
  exp(): Tensor { return E.unary("exp", this); }
  exp_(): this { E.unary_("exp", this); return this; }
  exp2(): Tensor { return E.unary("exp2", this); }
  expm1(): Tensor { return E.unary("expm1", this); }
  log(): Tensor { return E.unary("log", this); }
  log_(): this { E.unary_("log", this); return this; }
  log2(): Tensor { return E.unary("log2", this); }
  log10(): Tensor { return E.unary("log10", this); }
  log1p(): Tensor { return E.unary("log1p", this); }
  sin(): Tensor { return E.unary("sin", this); }
  cos(): Tensor { return E.unary("cos", this); }
  tan(): Tensor { return E.unary("tan", this); }
  asin(): Tensor { return E.unary("asin", this); }
  acos(): Tensor { return E.unary("acos", this); }
  atan(): Tensor { return E.unary("atan", this); }
  sinh(): Tensor { return E.unary("sinh", this); }
  cosh(): Tensor { return E.unary("cosh", this); }
  tanh(): Tensor { return E.unary("tanh", this); }
  tanh_(): this { E.unary_("tanh", this); return this; }
  asinh(): Tensor { return E.unary("asinh", this); }
  acosh(): Tensor { return E.unary("acosh", this); }
  atanh(): Tensor { return E.unary("atanh", this); }
  erf(): Tensor { return E.unary("erf", this); }
  sigmoid(): Tensor { return E.unary("sigmoid", this); }
  sigmoid_(): this { E.unary_("sigmoid", this); return this; }
  relu(): Tensor { return E.unary("relu", this); }
  relu_(): this { E.unary_("relu", this); return this; }
  floor(): Tensor { return E.unary("floor", this); }
  floor_(): this { E.unary_("floor", this); return this; }
  ceil(): Tensor { return E.unary("ceil", this); }
  ceil_(): this { E.unary_("ceil", this); return this; }
  round(options?: { decimals?: number }): Tensor { return E.round(this, options); }
  round_(): this { E.unary_("round", this); return this; }
  trunc(): Tensor { return E.unary("trunc", this); }
  trunc_(): this { E.unary_("trunc", this); return this; }
  reciprocal(): Tensor { return E.unary("reciprocal", this); }
  reciprocal_(): this { E.unary_("reciprocal", this); return this; }
  square(): Tensor { return E.pow(this, 2); }
  isnan(): Tensor { return E.unary("isnan", this); }
  isinf(): Tensor { return E.unary("isinf", this); }
  isfinite(): Tensor { return E.unary("isfinite", this); }
  signbit(): Tensor { return E.unary("signbit", this); }
  zero_(): this { E.fill_(this, 0, "zero_"); return this; }
  fill_(value: Scalar | Tensor): this { E.fill_(this, value); return this; }

  // ── matmul family ───────────────────────────────────────────────────────────────────────────
  matmul(other: Tensor): Tensor { return M.matmul(this, other); }
  mm(other: Tensor): Tensor { return M.mm(this, other); }
  bmm(other: Tensor): Tensor { return M.bmm(this, other); }
  mv(vec: Tensor): Tensor { return M.mv(this, vec); }
  dot(other: Tensor): Tensor { return M.dot(this, other); }
  outer(other: Tensor): Tensor { return M.outer(this, other); }

  // ── reductions ──────────────────────────────────────────────────────────────────────────────
  sum(dim?: DimArg | ReduceOptions, keepdim?: boolean, options?: ReduceOptions): Tensor {
    return R.sum(this, R.reduceArgs(dim, keepdim, options));
  }
  prod(dim?: number | ReduceOptions, keepdim?: boolean, options?: ReduceOptions): Tensor {
    return R.prod(this, R.reduceArgs(dim, keepdim, options));
  }
  mean(dim?: DimArg | ReduceOptions, keepdim?: boolean, options?: ReduceOptions): Tensor {
    return R.mean(this, R.reduceArgs(dim, keepdim, options));
  }
  amax(dim?: DimArg | ReduceOptions, keepdim?: boolean): Tensor {
    return R.amax(this, R.reduceArgs(dim, keepdim));
  }
  amin(dim?: DimArg | ReduceOptions, keepdim?: boolean): Tensor {
    return R.amin(this, R.reduceArgs(dim, keepdim));
  }
  /** `x.max()` → the largest element; `x.max(dim)` → `{ values, indices }`; `x.max(other)` → maximum. */
  max(): Tensor;
  max(dim: number | ReduceOptions, keepdim?: boolean): R.ValuesIndices;
  max(other: Tensor): Tensor;
  max(arg?: number | ReduceOptions | Tensor, keepdim?: boolean): Tensor | R.ValuesIndices {
    return R.maxMin("max", this, arg, keepdim);
  }
  min(): Tensor;
  min(dim: number | ReduceOptions, keepdim?: boolean): R.ValuesIndices;
  min(other: Tensor): Tensor;
  min(arg?: number | ReduceOptions | Tensor, keepdim?: boolean): Tensor | R.ValuesIndices {
    return R.maxMin("min", this, arg, keepdim);
  }
  argmax(dim?: number | ReduceOptions, keepdim?: boolean): Tensor {
    return R.argReduce("argmax", this, R.reduceArgs(dim, keepdim));
  }
  argmin(dim?: number | ReduceOptions, keepdim?: boolean): Tensor {
    return R.argReduce("argmin", this, R.reduceArgs(dim, keepdim));
  }
  std(dim?: DimArg | R.VarOptions, keepdim?: boolean, options?: R.VarOptions): Tensor {
    return R.std(this, R.varArgs(dim, keepdim, options));
  }
  var(dim?: DimArg | R.VarOptions, keepdim?: boolean, options?: R.VarOptions): Tensor {
    return R.variance(this, R.varArgs(dim, keepdim, options));
  }
  all(dim?: DimArg | ReduceOptions, keepdim?: boolean): Tensor {
    return R.allAny("all", this, R.reduceArgs(dim, keepdim));
  }
  any(dim?: DimArg | ReduceOptions, keepdim?: boolean): Tensor {
    return R.allAny("any", this, R.reduceArgs(dim, keepdim));
  }
  logsumexp(dim: DimArg, keepdim = false): Tensor {
    return R.logsumexp(this, { dim, keepdim });
  }
  cumsum(dim: number, options?: { dtype?: DType }): Tensor {
    return R.scan("cumsum", this, dim, options?.dtype);
  }
  cumprod(dim: number, options?: { dtype?: DType }): Tensor {
    return R.scan("cumprod", this, dim, options?.dtype);
  }

  // ── indexing (ops/indexing*.ts) ──────────────────────────────────────────────────────────────
  /** PyTorch's `x[...]`: `data.index(":", 0)`, `data.index([0, 1], [1, 2])`, `data.index(mask)`. */
  index(...indices: IndexItem[]): Tensor {
    return I.index(this, indices);
  }
  /** `index` on any device: bool masks await their nonzero count instead of reading it synchronously. */
  indexAsync(...indices: IndexItem[]): Promise<Tensor> {
    return I.indexAsync(this, indices);
  }
  /** PyTorch's `x[indices] = value` (`accumulate: true` sums duplicates: `x[indices] += value`). */
  indexPut_(indices: readonly IndexItem[], value: Tensor | Scalar, options?: IndexPutOptions): this {
    I.indexPut_(this, indices, value, options);
    return this;
  }
  indexPut(indices: readonly IndexItem[], value: Tensor | Scalar, options?: IndexPutOptions): Tensor {
    return this.clone().indexPut_(indices, value, options);
  }
  gather(dim: number, index: Tensor): Tensor {
    return IG.gather(this, dim, index);
  }
  scatter(dim: number, index: Tensor, src: Tensor | Scalar, options?: ScatterOptions): Tensor {
    return IG.scatter(this, dim, index, src, options);
  }
  scatter_(dim: number, index: Tensor, src: Tensor | Scalar, options?: ScatterOptions): this {
    IG.scatter_(this, dim, index, src, options);
    return this;
  }
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return IG.scatterAdd(this, dim, index, src);
  }
  scatterAdd_(dim: number, index: Tensor, src: Tensor): this {
    IG.scatterAdd_(this, dim, index, src);
    return this;
  }
  scatterReduce(dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, options?: ScatterReduceOptions): Tensor {
    return IG.scatterReduce(this, dim, index, src, reduce, options);
  }
  scatterReduce_(dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, options?: ScatterReduceOptions): this {
    IG.scatterReduce_(this, dim, index, src, reduce, options);
    return this;
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return IG.indexSelect(this, dim, index);
  }
  indexAdd_(dim: number, index: Tensor, source: Tensor, options?: { alpha?: Scalar }): this {
    IG.indexAdd_(this, dim, index, source, options);
    return this;
  }
  indexAdd(dim: number, index: Tensor, source: Tensor, options?: { alpha?: Scalar }): Tensor {
    return this.clone().indexAdd_(dim, index, source, options);
  }
  indexCopy_(dim: number, index: Tensor, source: Tensor): this {
    IG.indexCopy_(this, dim, index, source);
    return this;
  }
  indexCopy(dim: number, index: Tensor, source: Tensor): Tensor {
    return this.clone().indexCopy_(dim, index, source);
  }
  indexFill_(dim: number, index: Tensor, value: Scalar | Tensor): this {
    IG.indexFill_(this, dim, index, value);
    return this;
  }
  indexFill(dim: number, index: Tensor, value: Scalar | Tensor): Tensor {
    return this.clone().indexFill_(dim, index, value);
  }
  maskedFill(mask: Tensor, value: Scalar | Tensor): Tensor {
    return IM.maskedFill(this, mask, value);
  }
  maskedFill_(mask: Tensor, value: Scalar | Tensor): this {
    IM.maskedFill_(this, mask, value);
    return this;
  }
  maskedSelect(mask: Tensor): Tensor {
    return IM.maskedSelect(this, mask);
  }
  maskedSelectAsync(mask: Tensor): Promise<Tensor> {
    return IM.maskedSelectAsync(this, mask);
  }
  maskedScatter(mask: Tensor, source: Tensor): Tensor {
    return IM.maskedScatter(this, mask, source);
  }
  maskedScatter_(mask: Tensor, source: Tensor): this {
    IM.maskedScatter_(this, mask, source);
    return this;
  }
  take(index: Tensor): Tensor {
    return IG.take(this, index);
  }
  /** `[count, ndim]` int64 coordinates of the nonzero elements; `{ asTuple: true }` gives one tensor per dim. */
  nonzero(): Tensor;
  nonzero(options: NonzeroOptions & { asTuple: true }): Tensor[];
  nonzero(options?: NonzeroOptions): Tensor | Tensor[];
  nonzero(options?: NonzeroOptions): Tensor | Tensor[] {
    return IM.nonzero(this, options);
  }
  nonzeroAsync(): Promise<Tensor>;
  nonzeroAsync(options: NonzeroOptions & { asTuple: true }): Promise<Tensor[]>;
  nonzeroAsync(options?: NonzeroOptions): Promise<Tensor | Tensor[]>;
  nonzeroAsync(options?: NonzeroOptions): Promise<Tensor | Tensor[]> {
    return IM.nonzeroAsync(this, options);
  }
  argwhere(): Tensor {
    return IM.nonzero(this) as Tensor;
  }

  // ── joining and reordering (ops/join*.ts, ops/sort*.ts) ──────────────────────────────────────
  flip(...dims: number[] | [readonly number[]]): Tensor {
    return JR.flip(this, V.sizeArgs(dims));
  }
  fliplr(): Tensor {
    return JR.fliplr(this);
  }
  flipud(): Tensor {
    return JR.flipud(this);
  }
  roll(shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
    return JR.roll(this, shifts, dims);
  }
  tril(diagonal = 0): Tensor {
    return JR.tril(this, diagonal);
  }
  triu(diagonal = 0): Tensor {
    return JR.triu(this, diagonal);
  }
  repeat(...sizes: number[] | [readonly number[]]): Tensor {
    return JP.repeat(this, V.sizeArgs(sizes));
  }
  tile(...reps: number[] | [readonly number[]]): Tensor {
    return JP.tile(this, V.sizeArgs(reps));
  }
  repeatInterleave(repeats: number | Tensor, dim?: number): Tensor {
    return JP.repeatInterleave(this, repeats, dim);
  }
  /** `x.sort(dim = -1, descending = false)` or `x.sort({ dim, descending, stable })` → `{ values, indices }`. */
  sort(dim?: number | So.SortOptions, descending?: boolean): R.ValuesIndices {
    return So.sort(this, So.sortArgs(dim, descending));
  }
  argsort(dim?: number | So.SortOptions, descending?: boolean): Tensor {
    return So.argsort(this, So.sortArgs(dim, descending));
  }
  msort(): Tensor {
    return So.msort(this);
  }
  /** `x.topk(k, dim = -1, largest = true, sorted = true)` or `x.topk(k, { dim, largest, sorted })`. */
  topk(k: number, dim?: number | So.TopkOptions, largest?: boolean, sorted?: boolean): R.ValuesIndices {
    const o: So.TopkOptions = typeof dim === "object" ? dim : { ...(dim !== undefined ? { dim } : {}), ...(largest !== undefined ? { largest } : {}), ...(sorted !== undefined ? { sorted } : {}) };
    return So.topk(this, k, o);
  }
  kthvalue(k: number, dim = -1, keepdim = false): R.ValuesIndices {
    return So.kthvalue(this, k, dim, keepdim);
  }
  /** `x.unique()` → the sorted distinct values; with `returnInverse`/`returnCounts`, PyTorch's tuple. */
  unique(options?: U.UniqueValuesOptions): Tensor;
  unique(options: U.UniqueTupleOptions): Tensor[];
  unique(options?: U.UniqueOptions): U.UniqueResult;
  unique(options?: U.UniqueOptions): U.UniqueResult {
    return U.unique(this, options);
  }
  uniqueAsync(options?: U.UniqueValuesOptions): Promise<Tensor>;
  uniqueAsync(options: U.UniqueTupleOptions): Promise<Tensor[]>;
  uniqueAsync(options?: U.UniqueOptions): Promise<U.UniqueResult>;
  uniqueAsync(options?: U.UniqueOptions): Promise<U.UniqueResult> {
    return U.uniqueAsync(this, options);
  }

  // ── numpy interop (ops/numpy.ts) ──────────────────────────────────────────────────────────────
  /**
   * An NDArray sharing this CPU tensor's memory (PyTorch's `x.numpy()`); strides in elements.
   * Fails on a tensor that requires grad and on non-CPU tensors, with PyTorch's messages.
   */
  numpy(options?: { force?: boolean }): Np.NDArray {
    return Np.numpy(this, options);
  }
  // ── end numpy interop ──

  // ── random (ops/random*.ts) ─────────────────────────────────────────────────────────────────
  /** Fills with uniform values on [from, to). */
  uniform_(from = 0, to = 1, options?: GeneratorOption): this {
    Rn.uniform_(this, from, to, options);
    return this;
  }
  /** Fills with normal values (PyTorch's `normal_(mean=0, std=1)`). */
  normal_(mean = 0, std = 1, options?: GeneratorOption): this {
    Rn.normal_(this, mean, std, options);
    return this;
  }
  exponential_(lambd = 1, options?: GeneratorOption): this {
    Rn.exponential_(this, lambd, options);
    return this;
  }
  /** Trials until the first success, each succeeding with probability p: values 1, 2, 3, … */
  geometric_(p: number, options?: GeneratorOption): this {
    Rn.geometric_(this, p, options);
    return this;
  }
  logNormal_(mean = 1, std = 2, options?: GeneratorOption): this {
    Rn.logNormal_(this, mean, std, options);
    return this;
  }
  cauchy_(median = 0, sigma = 1, options?: GeneratorOption): this {
    Rn.cauchy_(this, median, sigma, options);
    return this;
  }
  /** `random_()`: integers in [0, 2^mantissa] (floats) or [0, max]; `random_(to)`; `random_(from, to)`. */
  random_(from?: number | bigint | GeneratorOption, to?: number | bigint | GeneratorOption, options?: GeneratorOption): this {
    Rn.random_(this, from, to, options);
    return this;
  }
  /** Fills with 0/1 drawn with probability `p` (a number or a tensor broadcast to this shape). */
  bernoulli_(p: number | Tensor = 0.5, options?: GeneratorOption): this {
    Rn.bernoulli_(this, p, options);
    return this;
  }
  /** `x.bernoulli()`: 0/1 with this tensor's values as probabilities. */
  bernoulli(p?: number | GeneratorOption, options?: GeneratorOption): Tensor {
    return RnC.bernoulli(this, p, options);
  }
  multinomial(numSamples: number, replacement: boolean | GeneratorOption = false, options?: GeneratorOption): Tensor {
    return RnC.multinomial(this, numSamples, replacement, options);
  }
  // ── end random ──
}
