import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wasmMatmulF32, type F32Mat } from "./matmul-wasm.js";

/** What the JS kernel computes: float64 products summed in k order, rounded once to float32. */
function reference(a: F32Mat, b: F32Mat, M: number, K: number, N: number): Float32Array {
  const out = new Float32Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += (a.data[a.off + i * a.rs + k * a.cs] as number) * (b.data[b.off + k * b.rs + j * b.cs] as number);
      out[i * N + j] = s;
    }
  return out;
}

const values = (n: number, seed: number): Float32Array => {
  const x = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = (s / 2 ** 32) * 8 - 4;
  }
  return x;
};

describe("wasmMatmulF32", () => {
  it("is bit-identical to sequential float64 accumulation, on any layout", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 23 }), fc.integer({ min: 0, max: 150 }), fc.integer({ min: 1, max: 23 }),
        fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 3 }), (M, K, N, ta, tb, off) => {
          const a: F32Mat = { data: values(M * K + off, M), rs: ta ? 1 : K, cs: ta ? M : 1, off };
          const b: F32Mat = { data: values(K * N + off, N + 7), rs: tb ? 1 : N, cs: tb ? K : 1, off };
          const o = new Float32Array(M * N + 2);
          if (!wasmMatmulF32({ data: o, rs: N, cs: 1, off: 2 }, a, b, M, K, N)) return; // no SIMD here
          expect(o.subarray(2)).toEqual(reference(a, b, M, K, N));
        }),
      { numRuns: 200 },
    );
  });

  it("handles specials like the JS kernel (NaN, inf, -0)", () => {
    const a: F32Mat = { data: new Float32Array([NaN, 1, Infinity, -0, 0, -0, 1, 2]), rs: 2, cs: 1, off: 0 };
    const b: F32Mat = { data: new Float32Array([1, -0, 0, 1]), rs: 2, cs: 1, off: 0 };
    const o = new Float32Array(8);
    if (!wasmMatmulF32({ data: o, rs: 2, cs: 1, off: 0 }, a, b, 4, 2, 2)) return;
    expect(o).toEqual(reference(a, b, 4, 2, 2));
  });
});
