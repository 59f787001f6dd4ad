/**
 * The backend contract: what a device must implement for typetorch to run on it.
 *
 * Backends are dumb on purpose. The core decides every semantic question (result shape, result
 * dtype, broadcasting, which elements a view addresses) and hands a backend only operands it can
 * execute blindly. See `primitives.ts` for the one table listing every compute primitive.
 */
import type { DType, Scalar, StorageArray } from "./dtype.js";
import type { UnaryOp, BinaryOp, ReduceOp, ArgReduceOp, ScanOp, ScatterOp, RandomSpec } from "./primitives.js";

/** An opaque handle to device memory; only the backend that made it looks inside. */
export interface DeviceBuffer {
  /** Capacity in elements of the dtype it was allocated for. */
  readonly length: number;
}

/**
 * One strided operand of a kernel. Everything is counted in **elements**, never bytes.
 * Strides are ≥ 0; a stride of 0 is a broadcast dimension. `shape.length === strides.length`.
 */
export interface Operand {
  readonly buffer: DeviceBuffer;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

export interface BackendCapabilities {
  /** Dtypes the backend stores and computes exactly (natively or by exact emulation). */
  readonly dtypes: readonly DType[];
  /** Whether `readSync` exists: CPU yes, GPUs no (API.md rule 8). */
  readonly syncRead: boolean;
  /** Whether float math follows IEEE-754 strictly (no flush-to-zero, no fast-math). */
  readonly strictIEEE: boolean;
}

/**
 * The primitives every backend implements. Compute primitives are destination-passing: the core
 * allocates `out` (already shaped and typed) and the backend fills it. Calls are executed in the
 * order they are made; an asynchronous device may queue them.
 */
export interface Backend {
  /** The device type: "cpu", "webgpu", "cuda". */
  readonly name: string;
  readonly capabilities: BackendCapabilities;

  // ── memory ──────────────────────────────────────────────────────────────────────────────────
  /** A buffer of `length` elements of `dtype`. Contents are unspecified (PyTorch's `empty`). */
  alloc(dtype: DType, length: number): DeviceBuffer;
  /** The core calls this once, when the last tensor referencing the buffer is gone. */
  free(buffer: DeviceBuffer): void;
  /** Copies `data` (a storage array of `dtype`) into the buffer starting at element `offset`. */
  write(buffer: DeviceBuffer, dtype: DType, data: StorageArray, offset: number): void;
  /** A copy of `length` elements from `offset`, after all queued work touching the buffer. */
  read(buffer: DeviceBuffer, dtype: DType, offset: number, length: number): Promise<StorageArray>;
  /** Synchronous read; present only when `capabilities.syncRead`. */
  readSync?(buffer: DeviceBuffer, dtype: DType, offset: number, length: number): StorageArray;
  /** Waits for queued work and surfaces device errors. */
  sync(): Promise<void>;

  // ── host memory (a declared capability: present only where device memory *is* host memory) ──
  /**
   * A zero-copy view of the buffer's elements as a storage array of `dtype` (CPU only): writes
   * through the view are writes to the tensor. The backend must keep the memory out of any reuse
   * pool from then on, since the view may outlive every tensor on the buffer. Absent on devices
   * whose memory JavaScript cannot address (WebGPU, CUDA): `x.numpy()` then asks for `x.cpu()`.
   */
  hostView?(buffer: DeviceBuffer, dtype: DType): StorageArray;
  /**
   * Wraps caller-owned memory as a buffer without copying (`torch.fromNumpy`): the buffer's
   * elements are exactly `data`'s, and freeing it never returns `data` to a pool. Absent where
   * device memory is not host memory.
   */
  adopt?(dtype: DType, data: StorageArray): DeviceBuffer;

  // ── compute ─────────────────────────────────────────────────────────────────────────────────
  /** `out[i] = cast(a[i])` over `out.shape` (a is broadcast to it). The only strided write. */
  copy(out: Operand, a: Operand): void;
  /** Every element of `out` becomes `value`, already converted to `out.dtype` by the core. */
  fill(out: Operand, value: Scalar): void;
  /** Elementwise; `a.dtype` is the compute dtype, `out.dtype` is `a.dtype` or bool (predicates). */
  unary(op: UnaryOp, out: Operand, a: Operand): void;
  /** Elementwise with `a.dtype === b.dtype`; `out.dtype` is that dtype or bool (comparisons). */
  binary(op: BinaryOp, out: Operand, a: Operand, b: Operand): void;
  /** `out = cond ? a : b`; `cond` is bool, `a.dtype === b.dtype === out.dtype`. */
  where(out: Operand, cond: Operand, a: Operand, b: Operand): void;
  /**
   * Reduces `a` over `axes` into `out`, whose shape is `a.shape` with those axes set to 1 and
   * whose dtype equals `a.dtype`. Reducing over an empty extent yields the op's identity.
   */
  reduce(op: ReduceOp, out: Operand, a: Operand, axes: readonly number[]): void;
  /** Index (int64) of the first max/min along `axis`; `out.shape` is `a.shape` with `axis` = 1. NaN wins. */
  argReduce(op: ArgReduceOp, out: Operand, a: Operand, axis: number): void;
  /** Inclusive scan along `axis`; `out.shape` equals `a.shape` and `out.dtype === a.dtype`. */
  scan(op: ScanOp, out: Operand, a: Operand, axis: number): void;
  /**
   * Batched matrix product: `a` is `[...batch, M, K]`, `b` is `[...batch, K, N]`, `out` is
   * `[...batch, M, N]`, all of equal rank and dtype, batch dims already broadcast (stride 0).
   */
  matmul(out: Operand, a: Operand, b: Operand): void;

  /**
   * PyTorch's gather along `axis`: `out[p] = a[p with p[axis] replaced by index[p]]` for every
   * position p of `out`. `index` is int64 with `index.shape === out.shape` (any strides, 0 too);
   * `a` has the same rank, `a.shape[d] >= out.shape[d]` for d ≠ axis, and `a.dtype === out.dtype`.
   * Every index must lie in `[0, a.shape[axis])` (no negative wrap-around); otherwise the backend
   * throws tensor-core's `IndexError("index N is out of bounds for dimension D with size S")`,
   * D = axis, S = a.shape[axis], for the first offending index in row-major order, before writing.
   */
  gather(out: Operand, a: Operand, index: Operand, axis: number): void;
  /**
   * PyTorch's scatter / scatter_reduce along `axis`, in place on `out`: for every position p of
   * `index`, `out[p with p[axis] = index[p]] = op(that element, src[p])` (`assign` overwrites).
   * `index` is int64 of the same rank as `out` and `src`, `index.shape[d] <= src.shape[d]` for all
   * d and `<= out.shape[d]` for d ≠ axis; `src.dtype === out.dtype`; any strides (0 too) for
   * `index` and `src`. Positions are visited in row-major order of `index`. Indices outside
   * `[0, out.shape[axis])` throw the same `IndexError` as `gather` before anything is written.
   */
  scatter(op: ScatterOp, out: Operand, index: Operand, src: Operand, axis: number): void;
  /**
   * Sorts `a` along `axis`: `values` (dtype `a.dtype`) and `indices` (int64) have `a.shape`, and
   * `values[..., k, ...] = a[..., indices[..., k, ...], ...]`, non-decreasing (or non-increasing
   * when `descending`) along `axis`. Order: NaN compares greater than every number (last
   * ascending, first descending) and equal to NaN; −0 equals +0; int64 compares exactly (no
   * float conversion); bool false < true. `values` are the source elements' exact bits. When
   * `stable`, equal elements keep their original order (indices ascending among ties, in both
   * directions); otherwise the order of ties is unspecified. `values`, `indices` and `a` never
   * overlap; a size-0 axis writes nothing.
   */
  sort(values: Operand, indices: Operand, a: Operand, axis: number, descending: boolean, stable: boolean): void;

  /**
   * Counter-based random fill: `out[i] = sample(spec, i[, input[i]])` for every element, where `i`
   * is the element's row-major position in `out.shape` (not its memory offset) and `sample` is
   * the reference stream `referenceRandom` of `random/stream.ts` — Philox4x32-10 words turned into
   * values by the exact `+ − ×` transforms of `random/softmath.ts`. The result must be
   * bit-identical to the reference for every distribution and dtype (integers and uniforms by
   * construction; transcendental samplers by evaluating the same IEEE operation sequence, with no
   * FMA contraction). `input`, when given, is a floating operand of `out.shape` (broadcast
   * dimensions at stride 0) holding the per-element parameter (bernoulli's p, poisson's rate).
   * `out.dtype` obeys `RANDOM_DISTRIBUTIONS`; the core has validated parameters and ranges; `out`
   * never overlaps itself and has fewer than 2^48 elements. Scalar parameters arrive as float64
   * values computed by the core; sample in float32 for every out dtype but float64 (rounding the
   * parameters to float32 first), then round to 16 bits for float16/bfloat16. No kernel yet?
   * `hostRandom` (random/host-random.ts) is an exact, slow fallback.
   * @example backend.random(out, { algorithm: "philox4x32-10", seed: 42n, offset: 0n, distribution: { kind: "normal", mean: 0, std: 1 } })
   */
  random(out: Operand, spec: RandomSpec, input?: Operand): void;
}
