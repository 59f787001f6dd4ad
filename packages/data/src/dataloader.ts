/**
 * `DataLoader`: batches of a dataset, in the order of a sampler, collated — PyTorch's
 * `torch.utils.data.DataLoader` without worker processes (batches are made in the calling
 * thread, when the loop asks for them).
 *
 * @example
 * const loader = new DataLoader(new TensorDataset(features, labels), { batchSize: 16, shuffle: true });
 * for (const [bx, by] of loader) { ... }             // loader.length batches per epoch
 * for await (const batch of asyncLoader) { ... }      // a dataset whose items are Promises
 */
import type { Generator } from "@typetorch/tensor-core";
import { TorchTypeError, ValueError, empty } from "@typetorch/tensor-core";
import type { Collated } from "./collate.js";
import { defaultCollate, defaultConvert } from "./collate.js";
import type { MapDataset } from "./dataset.js";
import { IterableDataset, getItem, hasGetBatch, lengthOf } from "./dataset.js";
import { BatchSampler, RandomSampler, SequentialSampler, lenOf, pyRepr } from "./sampler.js";

export interface DataLoaderOptions<T, B> {
  /** Samples per batch (default 1); `null` turns batching off (each item is one "batch"). */
  batchSize?: number | null;
  /** Reshuffle every epoch (a `RandomSampler`); map-style datasets only. */
  shuffle?: boolean;
  /** The order of indices (excludes `shuffle`). */
  sampler?: Iterable<number>;
  /** Yields whole index batches (excludes `batchSize`, `shuffle`, `sampler`, `dropLast`). */
  batchSampler?: Iterable<number[]>;
  /** Drop the last, smaller batch. */
  dropLast?: boolean;
  /** Batch builder (default `defaultCollate`; `defaultConvert` when `batchSize` is null). */
  collateFn?: (batch: Awaited<T>[]) => B;
  /** The generator of the shuffle and of the per-epoch base seed. */
  generator?: Generator;
  /** Must be 0: typetorch has no worker processes (see the package README). */
  numWorkers?: number;
}

type Kind = "map" | "iterable";
type Fetch = (indices: readonly number[] | number) => unknown;

const isThenable = (x: unknown): x is PromiseLike<unknown> => typeof (x as PromiseLike<unknown> | null)?.then === "function";

/**
 * Iterates a dataset in batches. The batch type `B` is what the collate function returns; with
 * `defaultCollate` a `TensorDataset(x, y)` gives `[Tensor, Tensor]` batches.
 */
export class DataLoader<T, B = Collated<Awaited<T>>> implements Iterable<B>, AsyncIterable<B> {
  readonly dataset: MapDataset<T> | IterableDataset<T>;
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly sampler: Iterable<number>;
  readonly batchSampler: Iterable<number[]> | null;
  readonly collateFn: (batch: Awaited<T>[]) => B;
  readonly generator: Generator | undefined;
  readonly numWorkers = 0;
  private readonly kind: Kind;

  constructor(dataset: MapDataset<T> | IterableDataset<T>, options: DataLoaderOptions<T, B> = {}) {
    const { shuffle, sampler, batchSampler, generator } = options;
    let batchSize = options.batchSize === undefined ? 1 : options.batchSize;
    let dropLast = options.dropLast ?? false;
    const workers = options.numWorkers ?? 0;
    if (workers < 0) throw new ValueError("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.");
    if (workers > 0) {
      throw new ValueError(`numWorkers=${workers}: typetorch's DataLoader has no worker processes; batches are loaded in the calling thread (use numWorkers: 0)`);
    }
    this.kind = dataset instanceof IterableDataset ? "iterable" : "map";
    if (this.kind === "iterable") {
      const bad = (name: string, v: unknown): ValueError =>
        new ValueError(`DataLoader with IterableDataset: expected unspecified ${name} option, but got ${name}=${pyRepr(v)}`);
      if (shuffle !== undefined && shuffle !== false) throw bad("shuffle", shuffle);
      if (sampler !== undefined) throw bad("sampler", sampler);
      if (batchSampler !== undefined) throw bad("batch_sampler", batchSampler);
    }
    if (sampler !== undefined && shuffle) throw new ValueError("sampler option is mutually exclusive with shuffle");
    if (batchSampler !== undefined) {
      if (batchSize !== 1 || shuffle || sampler !== undefined || dropLast) {
        throw new ValueError("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last");
      }
      batchSize = null;
      dropLast = false;
    } else if (batchSize === null && dropLast) {
      throw new ValueError("batch_size=None option disables auto-batching and is mutually exclusive with drop_last");
    }
    const data = dataset as MapDataset<T>;
    this.sampler =
      sampler ?? (this.kind === "iterable" ? [] : shuffle ? new RandomSampler(data, generator ? { generator } : {}) : new SequentialSampler(data));
    this.batchSampler = batchSampler ?? (batchSize !== null ? new BatchSampler(this.sampler, batchSize, dropLast) : null);
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.dropLast = dropLast;
    this.generator = generator;
    this.collateFn = options.collateFn ?? ((this.batchSampler ? defaultCollate : defaultConvert) as (b: Awaited<T>[]) => B);
  }

  /**
   * The number of batches per epoch (PyTorch's `len(loader)`). For an iterable dataset it needs
   * the dataset's `length`: ceil (or floor, with `dropLast`) of length / batchSize.
   */
  get length(): number {
    if (this.kind === "iterable") {
      const n = lengthOf(this.dataset as IterableDataset<T>);
      if (n === undefined) throw new TorchTypeError(`object of type '${this.dataset.constructor.name}' has no len()`);
      if (this.batchSize === null) return n;
      return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
    }
    const index = this.batchSampler ?? this.sampler;
    return lenOf(index, index.constructor.name);
  }

  [Symbol.iterator](): Iterator<B> {
    const { batches, fetch } = this.start();
    return (function* () {
      for (const indices of batches) {
        const data = fetch(indices);
        if (data === END) return;
        yield data as B;
      }
    })();
  }

  [Symbol.asyncIterator](): AsyncIterator<B> {
    const { batches, fetch } = this.start(true);
    return (async function* () {
      for (const indices of batches) {
        const data = await fetch(indices);
        if (data === END) return;
        yield data as B;
      }
    })();
  }

  /**
   * One epoch's plan: the index batches and how to turn one into a batch. Like PyTorch's
   * iterator, it first draws the epoch's base seed from the loader's generator (PyTorch seeds
   * workers with it; typetorch has none, but draws it all the same so that the generator's
   * stream, and so every later random number, stays PyTorch's).
   */
  private start(async = false): { batches: Iterable<readonly number[] | number>; fetch: Fetch } {
    const batches: Iterable<readonly number[] | number> =
      this.kind === "iterable" ? infinite(this.batchSize ?? 1) : (this.batchSampler ?? this.sampler);
    empty([], { dtype: "int64" }).random_(this.generator ? { generator: this.generator } : {});
    const collate = this.collateFn as (b: unknown) => unknown;
    const settle = async ? settleAsync : settleSync;
    if (this.kind === "iterable") {
      const it = (this.dataset as IterableDataset<T>)[Symbol.iterator]();
      let ended = false;
      return {
        batches,
        fetch: (indices) => {
          if (ended) return END;
          if (this.batchSampler === null) {
            const r = it.next();
            return r.done ? END : settle(r.value, collate);
          }
          const items: unknown[] = [];
          for (let k = 0; k < (indices as readonly number[]).length; k++) {
            const r = it.next();
            if (r.done) {
              ended = true;
              break;
            }
            items.push(r.value);
          }
          if (items.length === 0 || (this.dropLast && items.length < (indices as readonly number[]).length)) return END;
          return settleAll(items, collate, async);
        },
      };
    }
    const data = this.dataset as MapDataset<T>;
    const fast = this.collateFn === (defaultCollate as unknown) && hasGetBatch(data) ? data : null;
    return {
      batches,
      fetch: (indices) => {
        if (typeof indices === "number") return settle(getItem(data, indices), collate);
        if (fast) return fast.getBatch(indices);
        return settleAll(indices.map((i) => getItem(data, i)), collate, async);
      },
    };
  }
}

const END = Symbol("end of epoch");

/** PyTorch's `_InfiniteConstantSampler` batched: index batches for a stream are placeholders. */
function* infinite(size: number): Iterable<number[]> {
  const batch = new Array<number>(size).fill(0);
  for (;;) yield batch;
}

function settleAll(items: unknown[], collate: (b: unknown) => unknown, async: boolean): unknown {
  if (async) return Promise.all(items).then(collate);
  if (items.some(isThenable)) throw promiseError();
  return collate(items);
}

function settleSync(item: unknown, collate: (b: unknown) => unknown): unknown {
  if (isThenable(item)) throw promiseError();
  return collate(item);
}

const settleAsync = (item: unknown, collate: (b: unknown) => unknown): Promise<unknown> => Promise.resolve(item).then(collate);

const promiseError = (): TorchTypeError =>
  new TorchTypeError("DataLoader: the dataset returned a Promise; iterate with `for await (const batch of loader)`");
