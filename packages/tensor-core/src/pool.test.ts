import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SizeClassPool, sizeClassOf } from "./pool.js";

describe("sizeClassOf", () => {
  it("rounds small requests to the minimum class", () => {
    expect(sizeClassOf(0)).toBe(256);
    expect(sizeClassOf(1)).toBe(256);
    expect(sizeClassOf(256)).toBe(256);
  });
  it("uses quarter steps between powers of two", () => {
    // 256 < 257 <= 512: steps of 64 above 256
    expect(sizeClassOf(257)).toBe(320);
    expect(sizeClassOf(320)).toBe(320);
    expect(sizeClassOf(321)).toBe(384);
    expect(sizeClassOf(512)).toBe(512);
    expect(sizeClassOf(513)).toBe(640);
    expect(sizeClassOf(1024 * 1024)).toBe(1024 * 1024);
  });
  it("never undershoots and wastes at most 25% above the minimum class", () => {
    fc.assert(
      fc.property(fc.integer({ min: 257, max: 2 ** 40 }), (n) => {
        const c = sizeClassOf(n);
        return c >= n && c <= n * 1.25 + 1;
      }),
    );
  });
});

describe("SizeClassPool", () => {
  it("reuses a released block for a similar request and counts hits/misses", () => {
    let made = 0;
    const pool = new SizeClassPool<ArrayBuffer>({ allocate: (b) => (made++, new ArrayBuffer(b)) });
    const a = pool.acquire(1000);
    expect(a.byteLength).toBe(1024);
    pool.release(a, 1000);
    expect(pool.stats().pooledBytes).toBe(1024);
    const b = pool.acquire(900);
    expect(b).toBe(a);
    expect(made).toBe(1);
    expect(pool.stats()).toMatchObject({ hits: 1, misses: 1, pooledBytes: 0, liveBytes: 1024 });
  });
  it("drops releases beyond the cap", () => {
    const destroyed: ArrayBuffer[] = [];
    const pool = new SizeClassPool<ArrayBuffer>({
      allocate: (b) => new ArrayBuffer(b),
      destroy: (x) => destroyed.push(x),
      maxPooledBytes: 1024,
    });
    const a = pool.acquire(1024);
    const b = pool.acquire(1024);
    pool.release(a, 1024);
    pool.release(b, 1024);
    expect(destroyed).toEqual([b]);
    expect(pool.stats()).toMatchObject({ dropped: 1, released: 1, pooledBytes: 1024 });
    pool.clear();
    expect(pool.stats().pooledBytes).toBe(0);
    expect(destroyed).toEqual([b, a]);
  });
});
