/**
 * Samplers: every random op ends in `sample`, which either calls the backend's counter-based
 * `random` primitive (Philox generators: the same bits on every backend) or runs PyTorch's CPU
 * kernel over an mt19937 generator on the host and writes the values to the tensor's device
 * ("torch" mode). Parameter checks and their messages are PyTorch's.
 */
import type { DType, StorageArray } from "../dtype.js";
import { INT_RANGE, isFloatingPoint, makeStorageArray, torchName } from "../dtype.js";
import { RuntimeError } from "../errors.js";
import { numberToBfloat16Bits, numberToFloat16Bits } from "../float16.js";
import type { RandomDistribution } from "../primitives.js";
import { Tensor } from "../tensor.js";
import { canonicalDevice, deviceType, getBackend } from "../device.js";
import { getDefaultDtype } from "../default-dtype.js";
import { toArraySync } from "../read.js";
import { tidy } from "../scope.js";
import type { Generator } from "../random/generator.js";
import { defaultGenerator } from "../random/generator.js";
import { randomOutDtypes } from "../random/stream.js";
import type { MT19937 } from "../random/mt19937.js";
import * as T from "../random/torch-cpu.js";
import { checkNoInternalOverlap, commonDevice } from "./operands.js";
import { dispatch } from "../dispatch.js";
import type { TensorOptions } from "./create.js";
import { sizeAndOptions } from "./create.js";

export interface GeneratorOption {
  /** The generator to draw from; the default generator of the tensor's device when omitted. */
  generator?: Generator;
}
export type RandomOptions = TensorOptions & GeneratorOption;

/** The generator for a tensor on `device`, with PyTorch's error for a generator of another device type. */
export function generatorFor(device: string, g?: Generator): Generator {
  if (!g) return defaultGenerator(canonicalDevice(device));
  if (deviceType(g.device) !== deviceType(device)) {
    throw new RuntimeError(`Expected a '${deviceType(device)}' device type for generator but found '${deviceType(g.device)}'`);
  }
  return g;
}

/** A storage array of `dtype` holding `values` (already of the dtype's value set). */
function encodeValues(values: Float64Array | BigInt64Array | readonly number[], dtype: DType): StorageArray {
  if (values instanceof BigInt64Array) return values;
  const out = makeStorageArray(dtype, values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (dtype === "int64") (out as BigInt64Array)[i] = BigInt(v);
    else if (dtype === "float16") (out as Uint16Array)[i] = numberToFloat16Bits(v);
    else if (dtype === "bfloat16") (out as Uint16Array)[i] = numberToBfloat16Bits(v);
    else (out as Float64Array)[i] = v;
  }
  return out;
}

/** Row-major element indices of `t` sorted by memory offset: the order PyTorch's kernels visit them. */
function memoryOrder(t: Tensor): number[] {
  const n = t.numel();
  const offsets = new Array<number>(n);
  const shape = t.shape;
  const strides = t.stride();
  for (let i = 0; i < n; i++) {
    let rest = i;
    let off = 0;
    for (let d = shape.length - 1; d >= 0; d--) {
      const s = shape[d] as number;
      off += (rest % s) * (strides[d] as number);
      rest = Math.floor(rest / s);
    }
    offsets[i] = off;
  }
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => (offsets[a] as number) - (offsets[b] as number));
}

/** Writes values given in PyTorch's visiting order into `out` (any layout, any device). */
export function writeValues(out: Tensor, values: Float64Array | BigInt64Array | readonly number[]): void {
  const backend = getBackend(out.device);
  if (out.isContiguous()) {
    backend.write(out._storage.buffer, out.dtype, encodeValues(values, out.dtype), out.storageOffset());
  } else {
    const order = memoryOrder(out);
    const logical: (number | bigint)[] = new Array<number | bigint>(values.length);
    order.forEach((i, k) => (logical[i] = values[k] as number | bigint));
    const tmp = Tensor._empty(out.shape, out.dtype, out.device);
    const flat = values instanceof BigInt64Array ? BigInt64Array.from(logical as bigint[]) : Float64Array.from(logical as number[]);
    backend.write(tmp._storage.buffer, out.dtype, encodeValues(flat, out.dtype), 0);
    backend.copy(out._operand, tmp._operand);
    tmp.dispose();
  }
  out._versionCounter.value++;
}

/** The dtype check of each distribution, with PyTorch's kernel name in the message. */
const KERNEL_NAME: Record<RandomDistribution["kind"], string> = {
  uniform: "check_uniform_bounds",
  normal: "normal_kernel_cpu",
  logNormal: "log_normal_cpu",
  cauchy: "cauchy_cpu",
  exponential: "exponential_cpu",
  geometric: "geometric_cpu",
  randint: "random_from_to_kernel_cpu",
  bernoulli: "bernoulli_scalar_cpu_",
  poisson: "poisson_cpu",
};
export function checkDtype(kind: RandomDistribution["kind"], dtype: DType): void {
  if (!randomOutDtypes(kind).includes(dtype)) throw new RuntimeError(`"${KERNEL_NAME[kind]}" not implemented for '${torchName(dtype)}'`);
}

/**
 * Fills `out` with `dist`. `torchKernel` is PyTorch's CPU kernel for the same call (values in
 * visiting order); `input` is the per-element parameter tensor (bernoulli p, poisson rates).
 */
export function sample(
  out: Tensor,
  dist: RandomDistribution,
  torchKernel: (mt: MT19937, n: number, contiguous: boolean, input?: ArrayLike<number>) => Float64Array | BigInt64Array | number[],
  gen?: Generator,
  input?: Tensor,
): void {
  checkDtype(dist.kind, out.dtype);
  checkNoInternalOverlap(out);
  // One in-place op under autograd ("random_": a leaf that requires grad is refused; the result
  // has zero gradient), as PyTorch's uniform_/normal_/... are.
  dispatch("random_", [out], { kind: dist.kind }, () => {
    sampleInto(out, dist, torchKernel, gen, input);
    return out;
  });
}

function sampleInto(
  out: Tensor,
  dist: RandomDistribution,
  torchKernel: (mt: MT19937, n: number, contiguous: boolean, input?: ArrayLike<number>) => Float64Array | BigInt64Array | number[],
  gen?: Generator,
  input?: Tensor,
): void {
  if (input) {
    if (!isFloatingPoint(input.dtype)) throw new RuntimeError(`"${dist.kind}_tensor_cpu_p_" not implemented for '${torchName(input.dtype)}'`);
    commonDevice([out, input]);
  }
  const g = generatorFor(out.device, gen);
  if (g.algorithm === "philox") {
    const spec = { algorithm: "philox4x32-10", seed: g._seed, offset: g._takeOffset(), distribution: dist } as const;
    // the contract's input: same rank as out, broadcast dims at stride 0 (expand raises PyTorch's error)
    const broadcast = input?.expand(out.shape);
    getBackend(out.device).random(out._operand, spec, broadcast?._operand);
    if (broadcast !== input) broadcast?.dispose();
    out._versionCounter.value++;
    return;
  }
  let inputValues: number[] | undefined;
  if (input) {
    const order = out.isContiguous() ? null : memoryOrder(out);
    const data = tidy(() => Array.from(toArraySync(input.expand(out.shape).to("float64")) as Float64Array));
    inputValues = order ? order.map((i) => data[i] as number) : data;
  }
  writeValues(out, torchKernel(g._mtState, out.numel(), out.isContiguous(), inputValues));
}

/** A new tensor for a creation-style sampler (`rand(2, 3, { dtype, device, generator })`). */
export function fresh(op: string, args: readonly unknown[], defaultDtype?: DType): { out: Tensor; options: RandomOptions } {
  const { size, options } = sizeAndOptions(op, args);
  const o = options as RandomOptions;
  const out = Tensor._empty(size, o.dtype ?? defaultDtype ?? getDefaultDtype(), canonicalDevice(o.device ?? "cpu"));
  return { out, options: o };
}

export function finish(t: Tensor, o: RandomOptions): Tensor {
  if (o.requiresGrad) t.requiresGrad_(true);
  return t;
}

// ── the in-place samplers (Tensor methods) ─────────────────────────────────────────────────────
export function uniform_(x: Tensor, from = 0, to = 1, o: GeneratorOption = {}): void {
  if (!(from <= to)) throw new RuntimeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  sample(x, { kind: "uniform", low: from, high: to }, (mt, n) => T.uniform(mt, n, x.dtype, from, to), o.generator);
}

export function normal_(x: Tensor, mean = 0, std = 1, o: GeneratorOption = {}): void {
  if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${std}`);
  sample(x, { kind: "normal", mean, std }, (mt, n, c) => T.normal(mt, n, x.dtype, mean, std, c), o.generator);
}

/** PyTorch 1.13 does not check lambda: 0 gives inf, a negative rate negative values. */
export function exponential_(x: Tensor, lambd = 1, o: GeneratorOption = {}): void {
  sample(x, { kind: "exponential", scale: 1 / lambd }, (mt, n) => T.exponential(mt, n, x.dtype, lambd), o.generator);
}

export function geometric_(x: Tensor, p: number, o: GeneratorOption = {}): void {
  if (!(p > 0 && p < 1)) throw new RuntimeError(`geometric_ expects p to be in (0, 1), but got p=${p}`);
  sample(x, { kind: "geometric", scale: 1 / Math.log1p(-p) }, (mt, n) => T.geometric(mt, n, x.dtype, p), o.generator);
}

export function logNormal_(x: Tensor, mean = 1, std = 2, o: GeneratorOption = {}): void {
  if (!(std > 0)) throw new RuntimeError(`log_normal_ expects std > 0.0, but found std=${std}`);
  sample(x, { kind: "logNormal", mean, std }, (mt, n) => T.logNormal(mt, n, x.dtype, mean, std), o.generator);
}

export function cauchy_(x: Tensor, median = 0, sigma = 1, o: GeneratorOption = {}): void {
  sample(x, { kind: "cauchy", median, sigma }, (mt, n) => T.cauchy(mt, n, x.dtype, median, sigma), o.generator);
}

const INT_MAX: Partial<Record<DType, bigint>> = {
  bool: 1n,
  uint8: 255n,
  int8: 127n,
  int16: 32767n,
  int32: 2n ** 31n - 1n,
  int64: 2n ** 63n - 1n,
  float16: 2n ** 11n,
  bfloat16: 2n ** 8n,
  float32: 2n ** 24n,
  float64: 2n ** 53n,
};

const C_NAME: Partial<Record<DType, string>> = {
  bool: "bool",
  uint8: "unsigned char",
  int8: "signed char",
  int16: "short",
  int32: "int",
  int64: "long",
};

/** `[from, to)` integers into `x` (randint, random_(from, to)); checks both bounds fit the dtype. */
export function randintInto(x: Tensor, low: bigint, high: bigint, gen?: Generator): void {
  if (low >= high) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const range = INT_RANGE[x.dtype];
  const cName = C_NAME[x.dtype];
  if (range && cName) {
    if (low < range[0]) throw new RuntimeError(`from is out of bounds for ${cName}`);
    if (high - 1n > range[1]) throw new RuntimeError(`to - 1 is out of bounds for ${cName}`);
  }
  sample(x, { kind: "randint", low, high }, (mt, n) => T.randint(mt, n, x.dtype, low, high), gen);
}

/**
 * `random_()`: integers in [0, 2^mantissa] for floating dtypes and [0, max] for integer dtypes;
 * `random_(to)`, `random_(from, to)`: [from, to).
 */
export function random_(x: Tensor, a?: number | bigint | GeneratorOption, b?: number | bigint | GeneratorOption, c?: GeneratorOption): void {
  const nums = [a, b].filter((v): v is number | bigint => typeof v === "number" || typeof v === "bigint");
  const o = ([a, b, c].find((v) => v !== null && typeof v === "object") ?? {}) as GeneratorOption;
  if (nums.length === 0) {
    const max = INT_MAX[x.dtype] as bigint;
    if (x.dtype === "bool") {
      sample(x, { kind: "bernoulli", p: 0.5 }, (mt, n) => T.randomFull(mt, n, "bool"), o.generator);
      return;
    }
    sample(x, { kind: "randint", low: 0n, high: max + 1n }, (mt, n) => T.randomFull(mt, n, x.dtype), o.generator);
    return;
  }
  const [from, to] = nums.length === 1 ? [0n, BigInt(nums[0] as number | bigint)] : [BigInt(nums[0] as number | bigint), BigInt(nums[1] as number | bigint)];
  randintInto(x, from, to, o.generator);
}

export function bernoulli_(x: Tensor, p: number | Tensor = 0.5, o: GeneratorOption = {}): void {
  if (p instanceof Tensor) {
    const pd = p.dtype;
    sample(x, { kind: "bernoulli", p: 0 }, (mt, _n, _c, input) => T.bernoulliTensor(mt, input ?? [], pd), o.generator, p);
    return;
  }
  if (!(p >= 0 && p <= 1)) throw new RuntimeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  sample(x, { kind: "bernoulli", p }, (mt, n) => T.bernoulliScalar(mt, n, p), o.generator);
}
