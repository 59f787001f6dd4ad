/**
 * Samplers: iterables of dataset indices (or, for `BatchSampler`, of index batches), as PyTorch's
 * `torch.utils.data.sampler`. They draw from tensor-core's generators with PyTorch's calls in
 * PyTorch's order, so in "torch" RNG mode they yield PyTorch 1.13's indices.
 */
import { DeviceError, Generator, Tensor, TorchTypeError, ValueError, defaultGenerator, empty, getBackend, multinomial, randint, randperm, tensor } from "@typetorch/tensor-core";

/** A sampler: an iterable with a `length` (PyTorch's `__len__`). Any iterable of indices also works where one is accepted. */
export interface Sampler<T = number> extends Iterable<T> {
  readonly length: number;
}

/** Anything with a length: a Dataset, an array, a sampler (PyTorch's `Sized`). */
export interface Sized {
  readonly length: number;
}

const toNumbers = (t: Tensor): number[] => (t.tolist() as (number | bigint)[]).map(Number);

/** Whether `t` can be read synchronously (the CPU, not WebGPU). */
const hostReadable = (t: Tensor): boolean => getBackend(t.device).capabilities.syncRead;

/** PyTorch's check for a positive integer option (`batch_size`, `num_samples`). */
export function checkPositiveInt(name: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new ValueError(`${name} should be a positive integer value, but got ${name}=${pyRepr(value)}`);
  }
}

/** How Python would print a JS value in an error message (lists as `[0, 1]`, booleans as True/False). */
export function pyRepr(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null || v === undefined) return "None";
  if (typeof v === "object") return `<${(v as object).constructor?.name ?? "Object"} object>`;
  return String(v);
}

/** The length of a sampler or iterable, or PyTorch's TypeError when it has none. */
export function lenOf(x: Iterable<unknown> | Sized, what: string): number {
  const n = (x as Partial<Sized>).length;
  if (typeof n !== "number") throw new TorchTypeError(`object of type '${what}' has no len()`);
  return n;
}

/** `SequentialSampler(dataSource)`: 0, 1, …, length − 1. */
export class SequentialSampler implements Sampler {
  constructor(readonly dataSource: Sized) {}
  get length(): number {
    return this.dataSource.length;
  }
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.dataSource.length; i++) yield i;
  }
}

export interface RandomSamplerOptions {
  /** Draw with replacement (default false). */
  replacement?: boolean;
  /** How many indices per epoch (default: the dataset's length). */
  numSamples?: number;
  generator?: Generator;
}

/**
 * `RandomSampler(dataSource, { replacement, numSamples, generator })`: a random permutation per
 * epoch (`randperm`), or `numSamples` uniform draws with replacement (`randint` in chunks of 32).
 * Without a generator each epoch seeds a fresh generator from one `random_()` draw of the default
 * generator, as PyTorch does — so `torch.manualSeed(s)` fixes the order.
 */
export class RandomSampler implements Sampler {
  readonly dataSource: Sized;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;
  private readonly _numSamples: number | undefined;

  constructor(dataSource: Sized, options: RandomSamplerOptions = {}) {
    this.dataSource = dataSource;
    this.replacement = options.replacement ?? false;
    this._numSamples = options.numSamples;
    this.generator = options.generator;
    if (typeof this.replacement !== "boolean") {
      throw new TorchTypeError(`replacement should be a boolean value, but got replacement=${pyRepr(this.replacement)}`);
    }
    checkPositiveInt("num_samples", this.numSamples);
  }

  get numSamples(): number {
    return this._numSamples ?? this.dataSource.length;
  }

  get length(): number {
    return this.numSamples;
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = this.dataSource.length;
    // PyTorch fails here too (a ZeroDivisionError, or randint's empty range).
    if (n === 0) throw new ValueError("RandomSampler: cannot sample from an empty dataset");
    const generator = this.generator ?? freshGenerator();
    const m = this.numSamples;
    if (this.replacement) {
      for (let k = 0; k < Math.floor(m / 32); k++) yield* toNumbers(randint(0, n, [32], { generator }));
      yield* toNumbers(randint(0, n, [m % 32], { generator }));
    } else {
      for (let k = 0; k < Math.floor(m / n); k++) yield* toNumbers(randperm(n, { generator }));
      // PyTorch draws this last permutation even when nothing of it is used.
      yield* toNumbers(randperm(n, { generator })).slice(0, m % n);
    }
  }
}

/**
 * PyTorch's `seed = torch.empty((), dtype=torch.int64).random_().item()` then
 * `torch.Generator().manual_seed(seed)`: one draw from the default generator seeds a new one of
 * the default generator's algorithm (mt19937 in "torch" mode, Philox in "portable" mode).
 */
export function freshGenerator(): Generator {
  const seed = empty([], { dtype: "int64" }).random_().item() as number | bigint;
  return new Generator({ algorithm: defaultGenerator("cpu").algorithm }).manualSeed(seed);
}

/** `SubsetRandomSampler(indices, { generator })`: the given indices in a random order (one `randperm`). */
export class SubsetRandomSampler implements Sampler {
  constructor(
    readonly indices: readonly number[],
    readonly options: { generator?: Generator } = {},
  ) {}
  get length(): number {
    return this.indices.length;
  }
  *[Symbol.iterator](): Iterator<number> {
    const perm = toNumbers(randperm(this.indices.length, this.options.generator ? { generator: this.options.generator } : {}));
    for (const i of perm) yield this.indices[i] as number;
  }
}

export interface WeightedRandomSamplerOptions {
  /** Draw with replacement (default true). */
  replacement?: boolean;
  generator?: Generator;
}

/**
 * `WeightedRandomSampler(weights, numSamples, { replacement = true, generator })`: indices drawn
 * with probability proportional to `weights` (float64), by one `multinomial` call per epoch.
 */
export class WeightedRandomSampler implements Sampler {
  readonly weights: Tensor;
  readonly numSamples: number;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;

  constructor(weights: readonly number[] | Tensor, numSamples: number, options: WeightedRandomSamplerOptions = {}) {
    checkPositiveInt("num_samples", numSamples);
    this.replacement = options.replacement ?? true;
    if (typeof this.replacement !== "boolean") {
      throw new ValueError(`replacement should be a boolean value, but got replacement=${pyRepr(this.replacement)}`);
    }
    // A DataLoader needs the indices as JS numbers, so they are drawn where they can be read at
    // once (PyTorch draws on the weights' device and syncs with `tolist()`).
    if (weights instanceof Tensor && !hostReadable(weights)) {
      throw new DeviceError(
        `WeightedRandomSampler draws its indices on the host, and ${weights.device} weights cannot be read synchronously: pass \`await weights.cpuAsync()\``,
      );
    }
    const w = weights instanceof Tensor ? weights.to("float64") : tensor(weights as number[], { dtype: "float64" });
    if (w.ndim !== 1) {
      const s = w.shape;
      throw new ValueError(`weights should be a 1d sequence but given weights have shape (${s.join(", ")}${s.length === 1 ? "," : ""})`);
    }
    this.weights = w;
    this.numSamples = numSamples;
    this.generator = options.generator;
  }

  get length(): number {
    return this.numSamples;
  }

  *[Symbol.iterator](): Iterator<number> {
    const o = this.generator ? { generator: this.generator } : {};
    yield* toNumbers(multinomial(this.weights, this.numSamples, this.replacement, o));
  }
}

/**
 * `BatchSampler(sampler, batchSize, dropLast)`: the sampler's indices in lists of `batchSize`
 * (the last one shorter unless `dropLast`).
 * @example [...new BatchSampler(new SequentialSampler(range10), 3, false)]  // [[0,1,2],[3,4,5],[6,7,8],[9]]
 */
export class BatchSampler implements Sampler<number[]> {
  constructor(
    readonly sampler: Iterable<number>,
    readonly batchSize: number,
    readonly dropLast: boolean,
  ) {
    checkPositiveInt("batch_size", batchSize);
    if (typeof dropLast !== "boolean") throw new ValueError(`drop_last should be a boolean value, but got drop_last=${pyRepr(dropLast)}`);
  }

  get length(): number {
    const n = lenOf(this.sampler, this.sampler.constructor.name);
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const i of this.sampler) {
      batch.push(i);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
}
