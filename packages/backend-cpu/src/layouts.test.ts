/**
 * Kernels on strided, broadcast (stride 0), offset and transposed operands. Expected values are
 * hand derivations: a naive reference that walks logical indices in plain JavaScript (exact for
 * the small integers used), never the backend itself.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { DType, Operand } from "@typetorch/tensor-core";
import { be, contiguous, operand, output, values, type Val } from "./testing/helpers.js";

function indices(shape: readonly number[]): number[][] {
  let idx: number[][] = [[]];
  for (const n of shape) idx = idx.flatMap((p) => Array.from({ length: n }, (_, i) => [...p, i]));
  return idx;
}

/** A random strided layout for `shape`: dims permuted in memory, padded, offset, some broadcast. */
const layoutArb = (shape: number[], allowBroadcast: boolean) =>
  fc.record({
    perm: fc.shuffledSubarray(shape.map((_, i) => i), { minLength: shape.length, maxLength: shape.length }),
    pad: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: shape.length, maxLength: shape.length }),
    bcast: fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
    offset: fc.integer({ min: 0, max: 5 }),
  }).map(({ perm, pad, bcast, offset }) => {
    const strides = new Array<number>(shape.length).fill(0);
    let acc = 1;
    for (let k = perm.length - 1; k >= 0; k--) {
      const d = perm[k] as number;
      strides[d] = acc;
      acc *= (shape[d] as number) + (pad[d] as number);
    }
    const b = shape.map((_, d) => allowBroadcast && (bcast[d] as boolean));
    return { strides: strides.map((s, d) => (b[d] ? 0 : s)), offset, bcast: b };
  });

const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 });

/** Values for a possibly broadcast operand: equal along broadcast dims (what stride 0 means). */
function valuesFor(shape: number[], bcast: boolean[], seed: number): number[] {
  return indices(shape).map((ix) => {
    const key = ix.map((i, d) => (bcast[d] ? 0 : i));
    return ((key.reduce((s, i) => s * 7 + i, seed) * 2654435761) % 199) - 99;
  });
}

describe("binary on random strided/broadcast/offset layouts", () => {
  const cases: [string, DType, (x: number, y: number) => Val][] = [
    ["add", "float64", (x, y) => x + y],
    ["mul", "float32", (x, y) => Math.fround(x * y)],
    ["sub", "int32", (x, y) => x - y],
    ["mul", "int64", (x, y) => BigInt(x) * BigInt(y)],
    ["maximum", "int8", (x, y) => Math.max(x, y)],
    ["lt", "float16", (x, y) => (x < y ? 1 : 0)],
  ];
  for (const [op, dtype, ref] of cases) {
    it(`${op} ${dtype}`, () => {
      fc.assert(
        fc.property(
          shapeArb.chain((shape) => fc.tuple(fc.constant(shape), layoutArb(shape, true), layoutArb(shape, true), layoutArb(shape, false))),
          ([shape, la, lb, lo]) => {
            const toVal = (x: number): Val => (dtype === "int64" ? BigInt(x) : x);
            const av = valuesFor(shape, la.bcast, 1);
            const bv = valuesFor(shape, lb.bcast, 2);
            const a = operand(dtype, av.map(toVal), shape, la.strides, la.offset);
            const b = operand(dtype, bv.map(toVal), shape, lb.strides, lb.offset);
            const outDtype: DType = op === "lt" ? "bool" : dtype;
            const out = output(outDtype, shape, lo.strides, lo.offset);
            be.binary(op as "add", out, a, b);
            const wrap = (v: Val): Val =>
              dtype === "int64" ? BigInt.asIntN(64, v as bigint) : dtype === "int8" ? ((((v as number) + 128) & 255) - 128) : v;
            expect(values(out)).toEqual(av.map((x, i) => wrap(ref(x, bv[i] as number))));
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe("strided operands for every other primitive", () => {
  // a = [[1, 2, 3], [4, 5, 6]] stored transposed (column-major) at offset 2
  const aT = (dtype: DType): Operand =>
    operand(dtype, (dtype === "int64" ? [1n, 2n, 3n, 4n, 5n, 6n] : [1, 2, 3, 4, 5, 6]) as Val[], [2, 3], [1, 2], 2);

  it("unary neg reads a transposed view and writes a strided output, leaving gaps alone", () => {
    const out = output("float32", [2, 3], [1, 4], 1); // column-major with padding
    be.unary("neg", out, aT("float32"));
    expect(values(out)).toEqual([-1, -2, -3, -4, -5, -6]);
    const raw = Array.from(be.readSync!(out.buffer, "float32", 0, out.buffer.length) as Float32Array);
    expect(raw.filter((v) => v === 55).length).toBe(raw.length - 6); // junk untouched
  });

  it("copy casts through a transposed view with offset (float64 → int32 truncates)", () => {
    const a = operand("float64", [1.9, -2.9, 3.5, 4.1, -5.5, 6.99], [2, 3], [1, 2], 3);
    const out = output("int32", [2, 3]);
    be.copy(out, a);
    expect(values(out)).toEqual([1, -2, 3, 4, -5, 6]);
  });

  it("copy broadcasts a row (stride 0) and an int64 scalar", () => {
    const row = operand("int64", [7n, 8n, 9n], [3]);
    const out = output("int64", [2, 3]);
    be.copy(out, { ...row, shape: [2, 3], strides: [0, 1] });
    expect(values(out)).toEqual([7n, 8n, 9n, 7n, 8n, 9n]);
    const s = operand("float16", [2.5], []);
    const o2 = output("float32", [2, 2]);
    be.copy(o2, { ...s, shape: [2, 2], strides: [0, 0] });
    expect(values(o2)).toEqual([2.5, 2.5, 2.5, 2.5]);
  });

  it("fill writes only the view (strided, offset) for every storage kind", () => {
    for (const [dtype, v, want] of [
      ["float16", 0.1, 0.0999755859375], // nearest float16 to 0.1: 1638/16384
      ["int64", 5n, 5n],
      ["bool", true, 1],
      ["float64", -2, -2],
    ] as [DType, number | bigint | boolean, Val][]) {
      const out = output(dtype, [2, 2], [4, 2], 1);
      be.fill(out, v);
      expect(values(out)).toEqual([want, want, want, want]);
    }
  });

  it("where with a broadcast condition", () => {
    const cond = operand("bool", [1, 0, 1], [3]);
    const a = aT("int64");
    const b = operand("int64", [-1n], []);
    const out = output("int64", [2, 3]);
    be.where(out, { ...cond, shape: [2, 3], strides: [0, 1] }, a, { ...b, shape: [2, 3], strides: [0, 0] });
    expect(values(out)).toEqual([1n, -1n, 3n, 4n, -1n, 6n]);
  });

  it("reduce over each axis of a transposed view", () => {
    const out0 = output("int32", [1, 3]);
    be.reduce("sum", out0, aT("int32"), [0]);
    expect(values(out0)).toEqual([5, 7, 9]);
    const out1 = output("float64", [2, 1]);
    be.reduce("prod", out1, aT("float64"), [1]);
    expect(values(out1)).toEqual([6, 120]);
    const outAll = output("int64", [1, 1]);
    be.reduce("max", outAll, aT("int64"), [0, 1]);
    expect(values(outAll)).toEqual([6n]);
  });

  it("reduce over an empty extent gives the identity", () => {
    const a: Operand = { buffer: be.alloc("int64", 1), dtype: "int64", shape: [0, 2], strides: [2, 1], offset: 0 };
    for (const [op, want] of [["sum", 0n], ["prod", 1n], ["max", -(2n ** 63n)], ["min", 2n ** 63n - 1n]] as const) {
      const out = output("int64", [1, 2]);
      be.reduce(op, out, a, [0]);
      expect(values(out)).toEqual([want, want]);
    }
    const i32: Operand = { ...a, buffer: be.alloc("int32", 1), dtype: "int32" };
    const out = output("int32", [1, 2]);
    be.reduce("max", out, i32, [0]);
    expect(values(out)).toEqual([-(2 ** 31), -(2 ** 31)]);
  });

  it("argReduce and scan along a strided axis", () => {
    const a = operand("float32", [3, 1, 3, 9, 9, 0], [2, 3], [1, 2], 0); // rows [3,1,3], [9,9,0]
    const am = output("int64", [2, 1]);
    be.argReduce("argmax", am, a, 1);
    expect(values(am)).toEqual([0n, 0n]);
    const ami = output("int64", [1, 3]);
    be.argReduce("argmin", ami, a, 0);
    expect(values(ami)).toEqual([0n, 0n, 1n]);
    const cs = output("int32", [2, 3], [1, 2]);
    be.scan("cumsum", cs, aT("int32"), 1);
    expect(values(cs)).toEqual([1, 3, 6, 4, 9, 15]);
  });

  it("matmul reads transposed and batch-broadcast operands through strides", () => {
    // A = [[1, 2, 3], [4, 5, 6]] given transposed; B = A^T given as A's storage read row-major
    const A = aT("float64");
    const Bdata = [1, 4, 2, 5, 3, 6]; // B = [[1,4],[2,5],[3,6]] (3x2), stored column-major
    const B = operand("float64", Bdata, [3, 2], [1, 3], 4);
    const out = output("float64", [2, 2]);
    be.matmul(out, A, B);
    // hand derivation: A·Aᵀ = [[1+4+9, 4+10+18], [4+10+18, 16+25+36]]
    expect(values(out)).toEqual([14, 32, 32, 77]);
    // batched: a batch of 2 over the same (stride 0) A, int32
    const Ab = { ...aT("int32"), shape: [2, 2, 3], strides: [0, 1, 2] };
    const Bb = operand("int32", [1, 0, 0, 1, 1, 1, 2, 0, 0, 2, 2, 2], [2, 3, 2]);
    const ob = output("int32", [2, 2, 2]);
    be.matmul(ob, Ab, Bb);
    // batch 0: B = [[1,0],[0,1],[1,1]] → [[1+3, 2+3], [4+6, 5+6]]; batch 1 = 2 × batch 0
    expect(values(ob)).toEqual([4, 5, 10, 11, 8, 10, 20, 22]);
  });
});

describe("integer division by zero", () => {
  for (const [dtype, op] of [["int32", "truncDiv"], ["int64", "remainder"], ["uint8", "floorDiv"], ["int8", "fmod"]] as const) {
    it(`${op} ${dtype} throws ZeroDivisionError before writing`, () => {
      const one = dtype === "int64" ? 1n : 1;
      const zero = dtype === "int64" ? 0n : 0;
      const a = operand(dtype, [one, one, one], [3]);
      const b = operand(dtype, [one, one, zero], [3]);
      const out = output(dtype, [3]);
      const before = Array.from(be.readSync!(out.buffer, dtype, 0, out.buffer.length) as ArrayLike<Val>);
      expect(() => be.binary(op, out, a, b)).toThrow(/ZeroDivisionError/);
      expect(Array.from(be.readSync!(out.buffer, dtype, 0, out.buffer.length) as ArrayLike<Val>)).toEqual(before);
    });
  }
  it("a zero reached only through a broadcast stride still counts; float division by zero does not throw", () => {
    const b = operand("int16", [0], []);
    expect(() => be.binary("floorDiv", output("int16", [4]), operand("int16", [1, 2, 3, 4], [4]), { ...b, shape: [4], strides: [0] })).toThrow();
    const out = output("float32", [2]);
    be.binary("floorDiv", out, operand("float32", [1, -1], [2]), operand("float32", [0, 0], [2]));
    expect(values(out)).toEqual([Infinity, -Infinity]);
  });
});

describe("memory", () => {
  it("reuses freed buffers from the pool and rejects use after free", async () => {
    const { cpuPoolStats } = await import("./index.js");
    const b1 = be.alloc("float32", 1000);
    be.free(b1);
    const hits = cpuPoolStats().hits;
    const b2 = be.alloc("int32", 990); // 3960 bytes: same size class as 4000
    expect(cpuPoolStats().hits).toBe(hits + 1);
    expect(b2.length).toBe(990);
    expect(() => be.readSync!(b1, "float32", 0, 1)).toThrow(/after free/);
    expect(() => be.free(b1)).toThrow(/twice/);
    be.write(b2, "int32", new Int32Array([1, 2, 3]), 5);
    const r = await be.read(b2, "int32", 5, 3);
    expect(Array.from(r as Int32Array)).toEqual([1, 2, 3]);
    (r as Int32Array)[0] = 42; // reads are copies
    expect(Array.from(be.readSync!(b2, "int32", 5, 1) as Int32Array)).toEqual([1]);
    expect(() => be.readSync!(b2, "int32", 989, 2)).toThrow();
    await be.sync();
    be.free(b2);
  });
  it("declares its capabilities", () => {
    expect(be.capabilities).toMatchObject({ syncRead: true, strictIEEE: true });
    expect(be.capabilities.dtypes.length).toBe(10);
    expect(contiguous([2, 3])).toEqual([3, 1]);
  });
});
