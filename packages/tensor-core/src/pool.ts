/**
 * A size-class pool for raw memory blocks, shared by backends that manage their own allocations.
 *
 * Why: a fresh `ArrayBuffer` (or device buffer) costs zero-filling and page faults on first touch;
 * training loops free and re-allocate buffers of the same few sizes every step. Rounding each
 * request up to a size class lets a freed block serve the next request of a similar size.
 *
 * Size classes: requests up to `minClassBytes` share one class; above it, each power-of-two
 * octave is split into four quarter steps (2^e · 1.25, 1.5, 1.75, 2), so at most 25% is wasted.
 * Pooled (idle) bytes are capped by `maxPooledBytes`; a release beyond the cap drops the block to
 * the garbage collector / device allocator instead.
 */

export interface PoolStats {
  /** Acquisitions served from an idle pooled block. */
  readonly hits: number;
  /** Acquisitions that had to allocate fresh memory. */
  readonly misses: number;
  /** Blocks returned to the pool. */
  readonly released: number;
  /** Blocks dropped on release because the pool was full. */
  readonly dropped: number;
  /** Bytes held idle in the pool right now. */
  readonly pooledBytes: number;
  /** The cap on idle bytes. */
  readonly maxPooledBytes: number;
  /** Bytes currently handed out (sum of class sizes of live blocks). */
  readonly liveBytes: number;
}

export interface SizeClassPoolOptions<T> {
  /** Makes a fresh block of exactly `bytes` bytes (a class size). */
  readonly allocate: (bytes: number) => T;
  /** Optional hook when a block leaves the pool for good (e.g. destroy a GPU buffer). */
  readonly destroy?: (block: T) => void;
  /** Cap on idle pooled bytes; default 256 MiB. */
  readonly maxPooledBytes?: number;
  /** All requests up to this many bytes share the smallest class; default 256. */
  readonly minClassBytes?: number;
}

/** The class a request of `bytes` rounds up to (see the file comment). */
export function sizeClassOf(bytes: number, minClassBytes = 256): number {
  if (!(bytes >= 0) || !Number.isFinite(bytes)) throw new RangeError(`invalid byte size ${bytes}`);
  if (bytes <= minClassBytes) return minClassBytes;
  const e = Math.floor(Math.log2(bytes - 1)); // 2^e < bytes <= 2^(e+1)
  const base = 2 ** e;
  const step = base / 4;
  const c = base + Math.ceil((bytes - base) / step) * step;
  return c;
}

export class SizeClassPool<T> {
  private readonly free = new Map<number, T[]>();
  private readonly allocate: (bytes: number) => T;
  private readonly destroy: ((block: T) => void) | undefined;
  private readonly minClassBytes: number;
  private hits = 0;
  private misses = 0;
  private released = 0;
  private dropped = 0;
  private pooledBytes = 0;
  private liveBytes = 0;
  maxPooledBytes: number;

  constructor(options: SizeClassPoolOptions<T>) {
    this.allocate = options.allocate;
    this.destroy = options.destroy;
    this.maxPooledBytes = options.maxPooledBytes ?? 256 * 1024 * 1024;
    this.minClassBytes = options.minClassBytes ?? 256;
  }

  /** The class size a request of `bytes` is served with. */
  classSize(bytes: number): number {
    return sizeClassOf(bytes, this.minClassBytes);
  }

  /** A block of at least `bytes` bytes (exactly `classSize(bytes)`); contents are unspecified. */
  acquire(bytes: number): T {
    const size = this.classSize(bytes);
    const list = this.free.get(size);
    const block = list?.pop();
    this.liveBytes += size;
    if (block !== undefined) {
      this.hits++;
      this.pooledBytes -= size;
      return block;
    }
    this.misses++;
    return this.allocate(size);
  }

  /** Returns a block acquired for a request of `bytes` bytes; it may be reused immediately. */
  release(block: T, bytes: number): void {
    const size = this.classSize(bytes);
    this.liveBytes -= size;
    if (this.pooledBytes + size > this.maxPooledBytes) {
      this.dropped++;
      this.destroy?.(block);
      return;
    }
    this.released++;
    let list = this.free.get(size);
    if (list === undefined) this.free.set(size, (list = []));
    list.push(block);
    this.pooledBytes += size;
  }

  /**
   * Accounts for a block acquired for `bytes` that will never come back (its memory escaped to a
   * caller, e.g. a host view); the garbage collector owns it now.
   */
  forget(bytes: number): void {
    this.liveBytes -= this.classSize(bytes);
  }

  /** Drops every idle block (e.g. under memory pressure). */
  clear(): void {
    if (this.destroy !== undefined) for (const list of this.free.values()) list.forEach(this.destroy);
    this.free.clear();
    this.pooledBytes = 0;
  }

  stats(): PoolStats {
    return {
      hits: this.hits,
      misses: this.misses,
      released: this.released,
      dropped: this.dropped,
      pooledBytes: this.pooledBytes,
      maxPooledBytes: this.maxPooledBytes,
      liveBytes: this.liveBytes,
    };
  }
}
