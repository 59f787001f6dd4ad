/**
 * Every elementwise primitive × dtype against the CPU backend on random strided inputs (with
 * NaN, ±inf, ±0 and integer extremes): integers, bools and casts bit-identical, floats within
 * the ULP bounds listed in README.md ("Bounds").
 */
import { afterAll, describe, expect, it } from "vitest";
import { BINARY_OPS, DTYPES, UNARY_OPS, type BinaryOp, type DType, type UnaryOp } from "@typetorch/tensor-core";
import { both, getGpu, randomData, randomF64, rng, ulps, type Spec } from "./test-utils/harness.js";
import { WEBGPU_UNARY_ULPS, WEBGPU_BINARY_ULPS } from "./bounds.js";

const FLOATS: DType[] = ["float16", "bfloat16", "float32", "float64"];
const INTS: DType[] = ["uint8", "int8", "int16", "int32", "int64"];
const isFloat = (d: DType): boolean => FLOATS.includes(d);

/** Largest ULP distance seen per "op dtype" (printed when MEASURE_ULPS is set, to keep bounds.ts honest). */
const measured = new Map<string, number>();
function compare(d: DType, got: (number | bigint)[], want: (number | bigint)[], bound: number, tag = ""): string | null {
  if (tag && isFloat(d)) {
    for (let i = 0; i < want.length; i++) {
      const u = ulps(d, got[i] as number, want[i] as number);
      measured.set(tag, Math.max(measured.get(tag) ?? 0, u));
    }
  }
  for (let i = 0; i < want.length; i++) {
    const g = got[i] as number | bigint;
    const w = want[i] as number | bigint;
    if (isFloat(d) && typeof g === "number" && typeof w === "number") {
      const u = ulps(d, g, w);
      if (u > bound || (bound === 0 && !Object.is(g, w) && !(g !== g && w !== w))) return `[${i}] got ${g} want ${w} (${u} ulp)`;
    } else if (g !== w) return `[${i}] got ${g} want ${w}`;
  }
  return null;
}

/** Input layouts: contiguous, transposed, broadcast row, offset slice. */
const layouts = (d: DType): { a: Spec; b: Spec; n: number }[] => [
  { a: { dtype: d, shape: [7, 9] }, b: { dtype: d, shape: [7, 9] }, n: 63 },
  { a: { dtype: d, shape: [7, 9], strides: [1, 7] }, b: { dtype: d, shape: [7, 9], strides: [0, 1], length: 9 }, n: 63 },
  { a: { dtype: d, shape: [3, 5], strides: [11, 2], offset: 3, length: 40 }, b: { dtype: d, shape: [3, 5], strides: [5, 1], offset: 0 }, n: 15 },
];

describe("copy: every cast pair", () => {
  it("matches the CPU bit for bit", async () => {
    const gpu = await getGpu();
    const failures: string[] = [];
    for (const from of DTYPES) {
      for (const to of DTYPES) {
        const { a } = layouts(from)[1] as { a: Spec };
        const data = randomData(from, 63, rng(DTYPES.indexOf(from) * 17 + DTYPES.indexOf(to)));
        const r = await both(gpu, [{ spec: a, data }], { dtype: to, shape: [7, 9] }, (be, o, [x]) => be.copy(o, x!));
        const bad = compare(to, r.got, r.want, 0);
        if (bad) failures.push(`${from} → ${to}: ${bad}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("unary", () => {
  it("every op × dtype matches the CPU", async () => {
    const gpu = await getGpu();
    const failures: string[] = [];
    for (const op of Object.keys(UNARY_OPS) as UnaryOp[]) {
      const rule = UNARY_OPS[op];
      const dtypes = DTYPES.filter((d) => (rule === "float" ? isFloat(d) : rule === "int-only" ? !isFloat(d) : !(rule === "no-bool" && d === "bool")));
      for (const d of dtypes) {
        const out = rule === "bool" ? "bool" : d;
        for (const [k, l] of layouts(d).entries()) {
          const data = randomData(d, 63, rng(k * 1000 + op.length * 31 + DTYPES.indexOf(d)));
          const r = await both(gpu, [{ spec: l.a, data }], { dtype: out, shape: l.a.shape }, (be, o, [x]) => be.unary(op, o, x!));
          const bad = compare(out, r.got, r.want, WEBGPU_UNARY_ULPS[op]?.[d as "float32"] ?? 0, `${op} ${d}`);
          if (bad) failures.push(`${op} ${d} layout ${k}: ${bad}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("binary", () => {
  it("every op × dtype matches the CPU", async () => {
    const gpu = await getGpu();
    const failures: string[] = [];
    const divisions = new Set<BinaryOp>(["truncDiv", "floorDiv", "remainder", "fmod"]);
    for (const op of Object.keys(BINARY_OPS) as BinaryOp[]) {
      const rule = BINARY_OPS[op];
      const dtypes = DTYPES.filter((d) => (rule === "float" ? isFloat(d) : rule === "int-only" ? !isFloat(d) : !(rule === "no-bool" && d === "bool")));
      for (const d of dtypes) {
        if (d === "bool" && (op === "leftShift" || op === "rightShift" || op === "sub" || divisions.has(op))) continue;
        const out = rule === "bool" ? "bool" : d;
        for (const [k, l] of layouts(d).entries()) {
          const r0 = rng(k * 7919 + op.length * 131 + DTYPES.indexOf(d));
          const small = op === "pow" || op === "leftShift" || op === "rightShift";
          const a = randomData(d, 63, r0, { small: op === "pow" });
          const b = randomData(d, 63, r0, { nonzero: divisions.has(op) && !isFloat(d), small });
          const r = await both(gpu, [{ spec: l.a, data: a }, { spec: l.b, data: b }], { dtype: out, shape: l.a.shape }, (be, o, [x, y]) => be.binary(op, o, x!, y!));
          const bad = compare(out, r.got, r.want, WEBGPU_BINARY_ULPS[op]?.[d as "float32"] ?? 0, `${op} ${d}`);
          if (bad) failures.push(`${op} ${d} layout ${k}: ${bad}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("integer division by zero raises ZeroDivisionError at the next read and leaves out untouched", async () => {
    const gpu = await getGpu();
    for (const d of INTS) {
      const a = gpu.alloc(d, 4);
      const b = gpu.alloc(d, 4);
      const o = gpu.alloc(d, 4);
      const v = (x: number[]) => (d === "int64" ? BigInt64Array.from(x.map(BigInt)) : d === "uint8" ? Uint8Array.from(x) : d === "int8" ? Int8Array.from(x) : d === "int16" ? Int16Array.from(x) : Int32Array.from(x));
      gpu.write(a, d, v([1, 2, 3, 4]), 0);
      gpu.write(b, d, v([1, 0, 1, 1]), 0);
      gpu.write(o, d, v([9, 9, 9, 9]), 0);
      const op = (buffer: typeof a) => ({ buffer, dtype: d, shape: [4], strides: [1], offset: 0 });
      gpu.binary("floorDiv", op(o), op(a), op(b));
      await expect(gpu.read(o, d, 0, 4)).rejects.toThrow(/ZeroDivisionError/);
      expect(Array.from(await gpu.read(o, d, 0, 4) as ArrayLike<unknown>).map(Number)).toEqual([9, 9, 9, 9]);
      for (const x of [a, b, o]) gpu.free(x);
    }
  });
});

afterAll(() => {
  if (process.env.MEASURE_ULPS) console.log([...measured].filter(([, u]) => u > 0).map(([k, u]) => `${k}: ${u}`).join("\n"));
});

describe("where", () => {
  it("selects for every dtype", async () => {
    const gpu = await getGpu();
    for (const d of DTYPES) {
      const l = layouts(d)[1]!;
      const r0 = rng(5 + DTYPES.indexOf(d));
      const c = { spec: { dtype: "bool" as DType, shape: [7, 9] }, data: randomData("bool", 63, r0) };
      const r = await both(gpu, [c, { spec: l.a, data: randomData(d, 63, r0) }, { spec: l.b, data: randomData(d, 9, r0) }], { dtype: d, shape: [7, 9] }, (be, o, [x, y, z]) => be.where(o, x!, y!, z!));
      expect(compare(d, r.got, r.want, 0)).toBeNull();
    }
  });
});

describe("float64 on the device (software binary64), bit for bit with the CPU", () => {
  const shape = [16, 24];
  const a: Spec = { dtype: "float64", shape, strides: [1, 16] };
  const b: Spec = { dtype: "float64", shape, strides: [24, 1] };

  it("casts from and to float64", async () => {
    const gpu = await getGpu();
    const failures: string[] = [];
    for (const [k, d] of DTYPES.entries()) {
      const data = randomF64(384, rng(100 + k));
      const r = await both(gpu, [{ spec: a, data }], { dtype: d, shape }, (be, o, [x]) => be.copy(o, x!));
      const bad = compare(d, r.got, r.want, 0);
      if (bad) failures.push(`float64 → ${d}: ${bad}`);
      const src = d === "float64" ? randomF64(384, rng(200 + k)) : randomData(d, 384, rng(200 + k));
      const back = await both(gpu, [{ spec: { ...a, dtype: d }, data: src }], { dtype: "float64", shape }, (be, o, [x]) => be.copy(o, x!));
      const bad2 = compare("float64", back.got, back.want, 0);
      if (bad2) failures.push(`${d} → float64: ${bad2}`);
    }
    expect(failures).toEqual([]);
  });

  it("unary ops on random bit patterns", async () => {
    const gpu = await getGpu();
    const failures: string[] = [];
    for (const op of Object.keys(UNARY_OPS) as UnaryOp[]) {
      if (UNARY_OPS[op] === "int-only") continue;
      const out = UNARY_OPS[op] === "bool" ? "bool" : "float64";
      const r = await both(gpu, [{ spec: a, data: randomF64(384, rng(op.length * 7 + 300)) }], { dtype: out, shape }, (be, o, [x]) => be.unary(op, o, x!));
      const bad = compare(out, r.got, r.want, 0);
      if (bad) failures.push(`${op}: ${bad}`);
    }
    expect(failures).toEqual([]);
  });

  it("binary ops on random bit patterns (cancellation, ties and subnormal results included)", async () => {
    const gpu = await getGpu();
    const failures: string[] = [];
    for (const op of Object.keys(BINARY_OPS) as BinaryOp[]) {
      if (BINARY_OPS[op] === "int-only") continue;
      const out = BINARY_OPS[op] === "bool" ? "bool" : "float64";
      const r0 = rng(op.length * 11 + 400);
      const x = randomF64(384, r0);
      // half of b is x's neighbour (cancellation, quotients near 1, comparisons of equal values)
      const y = randomF64(384, r0).map((v, i) => (i % 2 === 0 ? v : (x[i] as number) * (1 + (r0() - 0.5) * 2 ** -50)));
      const r = await both(gpu, [{ spec: a, data: x }, { spec: { ...b, strides: [1, 16] }, data: y }], { dtype: out, shape }, (be, o, [p, q]) => be.binary(op, o, p!, q!));
      const bad = compare(out, r.got, r.want, 0);
      if (bad) failures.push(`${op}: ${bad}`);
      // and on a broadcast, transposed pair
      const r2 = await both(gpu, [{ spec: a, data: x }, { spec: { ...b, strides: [0, 1], length: 24 }, data: y.slice(0, 24) }], { dtype: out, shape }, (be, o, [p, q]) => be.binary(op, o, p!, q!));
      const bad2 = compare(out, r2.got, r2.want, 0);
      if (bad2) failures.push(`${op} broadcast: ${bad2}`);
      // every pair of special values (signed zeros and ties decide maximum/minimum, floorDiv's sign)
      const sp = [0, -0, 1, -1, 3, -0.5, 2.5, Infinity, -Infinity, NaN, 2 ** -1074, -(2 ** -1022), Number.MAX_VALUE];
      const n = sp.length * sp.length;
      const r3 = await both(gpu, [{ spec: { dtype: "float64", shape: [n] }, data: Float64Array.from({ length: n }, (_, i) => sp[i % sp.length] as number) },
        { spec: { dtype: "float64", shape: [n] }, data: Float64Array.from({ length: n }, (_, i) => sp[Math.floor(i / sp.length)] as number) }],
        { dtype: out, shape: [n] }, (be, o, [p, q]) => be.binary(op, o, p!, q!));
      const bad3 = compare(out, r3.got, r3.want, 0);
      if (bad3) failures.push(`${op} specials: ${bad3}`);
    }
    expect(failures).toEqual([]);
  });
});
