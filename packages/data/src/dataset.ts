/**
 * Map-style and iterable-style datasets: PyTorch's `Dataset`, `IterableDataset`, `TensorDataset`,
 * `Subset`, `ConcatDataset`, `ChainDataset`.
 *
 * Naming: PyTorch's `__getitem__` is `getItem(index)` and `__len__` is `length` (a property, as
 * on arrays). A subclass implements those two; users read items with `dataset.at(i)` (negative
 * indices count from the end, as `Array.prototype.at`, and out-of-range indices throw) or iterate
 * it with `for (const item of dataset)`. PyTorch's `ds1 + ds2` is `ds1.add(ds2)`.
 */
import type { Tensor } from "@typetorch/tensor-core";
import { IndexError, ValueError, tensor } from "@typetorch/tensor-core";

/**
 * A map-style dataset: `length` items, item `i` from `getItem(i)`.
 * @example
 * class Squares extends Dataset<[number, number]> {
 *   readonly length = 10;
 *   getItem(i: number): [number, number] { return [i, i * i]; }
 * }
 * new Squares().at(-1)   // [9, 81]
 */
export abstract class Dataset<T> implements Iterable<T> {
  /** PyTorch's `__getitem__`; called with the indices a sampler yields (0 ≤ i < length by default). */
  abstract getItem(index: number): T;
  /** PyTorch's `__len__`. */
  abstract readonly length: number;

  /** Item `index`; a negative index counts from the end. */
  at(index: number): T {
    const n = this.length;
    if (!Number.isInteger(index) || index < -n || index >= n) {
      throw new IndexError(`index ${index} is out of range for a dataset of length ${n}`);
    }
    return this.getItem(index < 0 ? index + n : index);
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.getItem(i);
  }

  /** PyTorch's `dataset + other`: a `ConcatDataset`. */
  add(other: Dataset<T>): ConcatDataset<T> {
    return new ConcatDataset([this, other]);
  }
}

/**
 * An iterable-style dataset (a stream): implement `[Symbol.iterator]`. A subclass may define a
 * `length` (property or getter; PyTorch's optional `__len__`), which only `DataLoader.length`
 * uses. Items may be Promises (iterate the loader with `for await`).
 */
export abstract class IterableDataset<T> implements Iterable<T> {
  abstract [Symbol.iterator](): Iterator<T>;

  /** PyTorch's `dataset + other` for streams: a `ChainDataset`. */
  add(other: IterableDataset<T>): ChainDataset<T> {
    return new ChainDataset([this, other]);
  }
}

/** What a `DataLoader`, `Subset` or `randomSplit` accepts as a map-style dataset: a Dataset or an array. */
export type MapDataset<T> = Dataset<T> | readonly T[];

/** Item `i` of a Dataset or an array (PyTorch's `dataset[i]`, which a list also supports). */
export function getItem<T>(dataset: MapDataset<T>, index: number): T {
  if (dataset instanceof Dataset) return dataset.getItem(index);
  const n = dataset.length;
  if (!Number.isInteger(index) || index < -n || index >= n) throw new IndexError("list index out of range");
  return dataset[index < 0 ? index + n : index] as T;
}

/**
 * A dataset that can build a whole default-collated batch at once (`TensorDataset` with one
 * `indexSelect` per tensor). `DataLoader` uses it when `collateFn` is `defaultCollate`; the result
 * must equal `defaultCollate(indices.map((i) => dataset.getItem(i)))`.
 */
export interface BatchedDataset {
  getBatch(indices: readonly number[]): unknown;
}

export const hasGetBatch = (d: unknown): d is BatchedDataset =>
  typeof (d as Partial<BatchedDataset> | null)?.getBatch === "function";

/**
 * Rows of tensors that share their first dimension; item `i` is the tuple of row views
 * `[t1.index(i), t2.index(i), ...]` (they share storage with the tensors).
 * @example const ds = new TensorDataset(features, labels); const [x, y] = ds.at(0);
 */
export class TensorDataset<Ts extends Tensor[] = Tensor[]> extends Dataset<Ts> implements BatchedDataset {
  readonly tensors: Ts;

  constructor(...tensors: Ts) {
    super();
    if (tensors.length === 0) throw new ValueError("TensorDataset needs at least one tensor");
    const n = tensors[0]?.size(0);
    // PyTorch asserts this (AssertionError); typetorch throws a ValueError with the same text.
    if (!tensors.every((t) => t.size(0) === n)) throw new ValueError("Size mismatch between tensors");
    this.tensors = tensors;
  }

  get length(): number {
    return (this.tensors[0] as Tensor).size(0);
  }

  getItem(index: number): Ts {
    return this.tensors.map((t) => t.index(index)) as Ts;
  }

  /** The default-collated batch of these rows: one `indexSelect` per tensor (no per-row views). */
  getBatch(indices: readonly number[]): Ts {
    const n = this.length;
    const bad = indices.find((i) => !Number.isInteger(i) || i < -n || i >= n);
    if (bad !== undefined) this.getItem(bad); // throws PyTorch's IndexError for that index
    const rows = indices.map((i) => (i < 0 ? i + n : i));
    // The sampler's indices are JS numbers; they are written to each tensor's device (a WebGPU
    // dataset gets a WebGPU index tensor), so a batch is gathered there and nothing is read back.
    const idx = new Map<string, Tensor>();
    const on = (device: string): Tensor => idx.get(device) ?? idx.set(device, tensor(rows, { dtype: "int64", device })).get(device)!;
    return this.tensors.map((t) => t.indexSelect(0, on(t.device))) as Ts;
  }
}

/** The items of `dataset` at `indices`, in that order (what `randomSplit` returns). */
export class Subset<T> extends Dataset<T> {
  readonly dataset: MapDataset<T>;
  readonly indices: readonly number[];

  constructor(dataset: MapDataset<T>, indices: readonly number[]) {
    super();
    this.dataset = dataset;
    this.indices = indices;
  }

  get length(): number {
    return this.indices.length;
  }

  getItem(index: number): T {
    return getItem(this.dataset, getItem(this.indices, index));
  }

  /** Present when the underlying dataset has it: the batch of the mapped indices. */
  get getBatch(): ((indices: readonly number[]) => unknown) | undefined {
    const d = this.dataset;
    if (!hasGetBatch(d)) return undefined;
    return (indices) => d.getBatch(indices.map((i) => getItem(this.indices, i)));
  }
}

/**
 * Datasets one after another; `cumulativeSizes[k]` is the total length of datasets 0..k.
 * @example new ConcatDataset([a, b]).at(a.length)  // b.at(0)
 */
export class ConcatDataset<T> extends Dataset<T> {
  readonly datasets: MapDataset<T>[];
  readonly cumulativeSizes: number[];

  constructor(datasets: Iterable<MapDataset<T>>) {
    super();
    this.datasets = [...datasets];
    if (this.datasets.length === 0) throw new ValueError("datasets should not be an empty iterable");
    if (this.datasets.some((d) => (d as unknown) instanceof IterableDataset)) {
      throw new ValueError("ConcatDataset does not support IterableDataset");
    }
    let total = 0;
    this.cumulativeSizes = this.datasets.map((d) => (total += d.length));
  }

  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1] as number;
  }

  getItem(index: number): T {
    let idx = index;
    if (idx < 0) {
      if (-idx > this.length) throw new ValueError("absolute value of index should not exceed dataset length");
      idx += this.length;
    }
    // bisect_right: the first dataset whose cumulative size exceeds idx
    const k = this.cumulativeSizes.findIndex((c) => c > idx);
    if (k < 0) throw new IndexError(`index ${index} is out of range for a ConcatDataset of length ${this.length}`);
    return getItem(this.datasets[k] as MapDataset<T>, k === 0 ? idx : idx - (this.cumulativeSizes[k - 1] as number));
  }
}

/** Streams one after another (PyTorch's `ChainDataset`); its length is the sum of theirs. */
export class ChainDataset<T> extends IterableDataset<T> {
  readonly datasets: Iterable<IterableDataset<T>>;

  constructor(datasets: Iterable<IterableDataset<T>>) {
    super();
    this.datasets = datasets;
  }

  get length(): number | undefined {
    let total = 0;
    for (const d of this.datasets) {
      const n = lengthOf(d);
      if (n === undefined) return undefined;
      total += n;
    }
    return total;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const d of this.datasets) yield* d;
  }
}

/** The optional `length` of a stream (undefined when it has none). */
export function lengthOf(d: IterableDataset<unknown>): number | undefined {
  const n = (d as { length?: unknown }).length;
  return typeof n === "number" ? n : undefined;
}
