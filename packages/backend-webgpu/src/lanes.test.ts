/**
 * reduce, argReduce, scan and matmul against the CPU backend, on strided inputs of every dtype:
 * float64 (software binary64, accumulated in the CPU's order) bit for bit, the other floats within
 * an accumulation bound.
 */
import { describe, expect, it } from "vitest";
import { DTYPES, REDUCE_OPS, type DType, type ReduceOp } from "@typetorch/tensor-core";
import { both, getGpu, randomData, randomF64, rng } from "./test-utils/harness.js";

const FLOATS: DType[] = ["float16", "bfloat16", "float32", "float64"];
const isFloat = (d: DType): boolean => FLOATS.includes(d);
const EPS: Partial<Record<DType, number>> = { float16: 2 ** -10, bfloat16: 2 ** -7, float32: 2 ** -20, float64: 0 };

function close(d: DType, got: (number | bigint)[], want: (number | bigint)[], scale = 1): string | null {
  for (let i = 0; i < want.length; i++) {
    const g = got[i] as number | bigint;
    const w = want[i] as number | bigint;
    if (isFloat(d) && typeof g === "number" && typeof w === "number") {
      if (Object.is(g, w) || (g !== g && w !== w)) continue;
      if (d === "float64") return `[${i}] got ${g} want ${w} (float64 must be bit-exact)`;
      if (!(Math.abs(g - w) <= (EPS[d] as number) * scale * Math.max(1, Math.abs(w)))) return `[${i}] got ${g} want ${w}`;
    } else if (g !== w) return `[${i}] got ${g} want ${w}`;
  }
  return null;
}

describe("reduce", () => {
  it("every op × dtype over several axes sets", async () => {
    const gpu = await getGpu();
    const failures: string[] = [];
    for (const op of Object.keys(REDUCE_OPS) as ReduceOp[]) {
      for (const d of DTYPES) {
        for (const axes of [[1], [0, 2], [0, 1, 2], []]) {
          const shape = [3, 4, 5];
          const a = { spec: { dtype: d, shape, strides: [1, 15, 3] }, data: randomData(d, 60, rng(axes.length * 97 + DTYPES.indexOf(d)), { small: op === "prod" }) };
          const outShape = shape.map((s, i) => (axes.includes(i) ? 1 : s));
          const od = op === "all" || op === "any" ? "bool" : d;
          const r = await both(gpu, [a], { dtype: od, shape: outShape }, (be, o, [x]) => be.reduce(op, o, x!, axes));
          const bad = close(od, r.got, r.want, 64);
          if (bad) failures.push(`${op} ${d} axes ${axes}: ${bad}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("argReduce and scan", () => {
  it("argmax/argmin and cumsum/cumprod for every dtype", async () => {
    const gpu = await getGpu();
    const failures: string[] = [];
    for (const d of DTYPES) {
      for (const axis of [0, 1]) {
        const shape = [6, 7];
        const a = { spec: { dtype: d, shape, strides: [1, 6] }, data: randomData(d, 42, rng(axis * 13 + DTYPES.indexOf(d)), { small: true }) };
        for (const op of ["argmax", "argmin"] as const) {
          const r = await both(gpu, [a], { dtype: "int64", shape: shape.map((s, i) => (i === axis ? 1 : s)) }, (be, o, [x]) => be.argReduce(op, o, x!, axis));
          const bad = close("int64", r.got, r.want);
          if (bad) failures.push(`${op} ${d} axis ${axis}: ${bad}`);
        }
        if (d === "bool") continue;
        for (const op of ["cumsum", "cumprod"] as const) {
          const r = await both(gpu, [a], { dtype: d, shape }, (be, o, [x]) => be.scan(op, o, x!, axis));
          const bad = close(d, r.got, r.want, 64);
          if (bad) failures.push(`${op} ${d} axis ${axis}: ${bad}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("matmul", () => {
  it("batched, broadcast and transposed operands for every numeric dtype", async () => {
    const gpu = await getGpu();
    const failures: string[] = [];
    for (const d of DTYPES.filter((x) => x !== "bool")) {
      const r0 = rng(DTYPES.indexOf(d));
      const a = { spec: { dtype: d, shape: [2, 3, 4], strides: [12, 1, 3] }, data: randomData(d, 24, r0, { small: true }) };
      const b = { spec: { dtype: d, shape: [2, 4, 5], strides: [0, 5, 1] }, data: randomData(d, 20, r0, { small: true }) };
      const r = await both(gpu, [a, b], { dtype: d, shape: [2, 3, 5] }, (be, o, [x, y]) => be.matmul(o, x!, y!));
      const bad = close(d, r.got, r.want, 64);
      if (bad) failures.push(`matmul ${d}: ${bad}`);
    }
    expect(failures).toEqual([]);
  });
});

/** Magnitudes spread over 2^±30 (sums round at every step, products stay finite) with special values. */
function spread(n: number, r: () => number): Float64Array {
  const wide = randomF64(n, r);
  return wide.map((w, i) => (i % 5 === 0 ? w : (r() - 0.5) * 2 ** Math.floor(r() * 60 - 30)));
}
const nearOne = (n: number, r: () => number): Float64Array => Float64Array.from({ length: n }, () => 1 + (r() - 0.5) * 2 ** -(r() * 40));

describe("float64 lanes, bit for bit with the CPU and on the device", () => {
  it("reduce (every op), argReduce and scan", async () => {
    const gpu = await getGpu();
    const failures: string[] = [];
    const shape = [5, 6, 37];
    for (const op of Object.keys(REDUCE_OPS) as ReduceOp[]) {
      for (const axes of [[2], [0, 2], [1], [0, 1, 2]]) {
        const r = rng(axes.length * 31 + op.length);
        const data = op === "prod" ? nearOne(1110, r) : spread(1110, r);
        const a = { spec: { dtype: "float64" as DType, shape, strides: [1, 5, 30] }, data };
        const od = op === "all" || op === "any" ? "bool" : "float64";
        const res = await both(gpu, [a], { dtype: od, shape: shape.map((s, i) => (axes.includes(i) ? 1 : s)) }, (be, o, [x]) => be.reduce(op, o, x!, axes));
        const bad = close(od, res.got, res.want);
        if (bad) failures.push(`${op} axes ${axes}: ${bad}`);
      }
    }
    for (const axis of [0, 2]) {
      const r = rng(axis + 77);
      const a = { spec: { dtype: "float64" as DType, shape, strides: [222, 37, 1] }, data: spread(1110, r) };
      for (const op of ["argmax", "argmin"] as const) {
        const res = await both(gpu, [a], { dtype: "int64", shape: shape.map((s, i) => (i === axis ? 1 : s)) }, (be, o, [x]) => be.argReduce(op, o, x!, axis));
        const bad = close("int64", res.got, res.want);
        if (bad) failures.push(`${op} axis ${axis}: ${bad}`);
      }
      for (const op of ["cumsum", "cumprod"] as const) {
        const b = op === "cumprod" ? { ...a, data: nearOne(1110, r) } : a;
        const res = await both(gpu, [b], { dtype: "float64", shape }, (be, o, [x]) => be.scan(op, o, x!, axis));
        const bad = close("float64", res.got, res.want);
        if (bad) failures.push(`${op} axis ${axis}: ${bad}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("matmul (products rounded, then summed in k order)", async () => {
    const gpu = await getGpu();
    const r = rng(5);
    const a = { spec: { dtype: "float64" as DType, shape: [2, 9, 33], strides: [297, 1, 9] }, data: spread(594, r) };
    const b = { spec: { dtype: "float64" as DType, shape: [2, 33, 7], strides: [0, 7, 1] }, data: spread(231, r) };
    const res = await both(gpu, [a, b], { dtype: "float64", shape: [2, 9, 7] }, (be, o, [x, y]) => be.matmul(o, x!, y!));
    expect(close("float64", res.got, res.want)).toBeNull();
  });
});
