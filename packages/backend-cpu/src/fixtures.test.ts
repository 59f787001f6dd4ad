/**
 * Every kernel against values computed by PyTorch 1.13 (tooling/fixtures/gen_cpu_kernels.py).
 * Operands here are contiguous; layouts.test.ts covers strides, broadcasts and offsets.
 */
import { describe, expect, it } from "vitest";
import type { ArgReduceOp, BinaryOp, ReduceOp, ScanOp, UnaryOp } from "@typetorch/tensor-core";
import { be, dec, fixtures, mismatches, operand, output, values } from "./testing/helpers.js";

/** Ops whose float results depend on the libm (PyTorch: SLEEF/glibc; here: V8): compared within ulps. */
const LIBM = new Set([
  "rsqrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "asin", "acos", "atan",
  "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "erf", "sigmoid", "pow", "atan2",
]);
const ulpsFor = (op: string): number => (LIBM.has(op) ? 2 : 0);

describe(`cast (copy) vs torch ${fixtures.torch}`, () => {
  for (const c of fixtures.cast) {
    it(`${c.src} → ${c.dst}`, () => {
      const a = operand(c.src, c.a.map((v) => dec(v, c.src)), [c.a.length]);
      const out = output(c.dst, [c.a.length]);
      be.copy(out, a);
      const want = c.out.map((v) => dec(v, c.dst));
      expect(mismatches(values(out), want, c.dst, 0, [c.a])).toEqual([]);
    });
  }
});

describe("binary vs torch", () => {
  for (const c of fixtures.binary) {
    it(`${c.op} ${c.dtype}${c.via === "torch" ? "" : ` (via ${c.via})`}`, () => {
      const n = c.a.length;
      const a = operand(c.dtype, c.a.map((v) => dec(v, c.dtype)), [n]);
      const b = operand(c.dtype, c.b.map((v) => dec(v, c.dtype)), [n]);
      const out = output(c.outDtype, [n]);
      be.binary(c.op as BinaryOp, out, a, b);
      const want = c.out.map((v) => dec(v, c.outDtype));
      // maximum/minimum(+0, −0): PyTorch's scalar loop returns a, its vector loop b; our contract says a
      const looseZero = c.op === "maximum" || c.op === "minimum";
      expect(mismatches(values(out), want, c.outDtype, ulpsFor(c.op), [c.a, c.b], looseZero)).toEqual([]);
    });
  }
});

describe("unary vs torch", () => {
  for (const c of fixtures.unary) {
    it(`${c.op} ${c.dtype}${c.via === "torch" ? "" : ` (via ${c.via})`}`, () => {
      const n = c.a.length;
      const a = operand(c.dtype, c.a.map((v) => dec(v, c.dtype)), [n]);
      const out = output(c.outDtype, [n]);
      be.unary(c.op as UnaryOp, out, a);
      const want = c.out.map((v) => dec(v, c.outDtype));
      expect(mismatches(values(out), want, c.outDtype, ulpsFor(c.op), [c.a])).toEqual([]);
    });
  }
});

describe("reduce vs torch", () => {
  for (const c of fixtures.reduce) {
    it(`${c.op} ${c.dtype} axes [${c.axes}] of [${c.shape}]${c.via === "torch" ? "" : ` (via ${c.via})`}`, () => {
      const a = operand(c.dtype, c.a.map((v) => dec(v, c.dtype)), c.shape);
      const outShape = c.shape.map((n, d) => (c.axes.includes(d) ? 1 : n));
      const out = output(c.outDtype, outShape);
      be.reduce(c.op as ReduceOp, out, a, c.axes);
      const want = c.out.map((v) => dec(v, c.outDtype));
      // float64 sums: PyTorch adds in a vectorized/pairwise order, we add sequentially
      const ulps = c.dtype === "float64" && (c.op === "sum" || c.op === "prod") ? 64 : 0;
      expect(mismatches(values(out), want, c.outDtype, ulps)).toEqual([]);
    });
  }
});

describe("erf (float64) on a dense grid vs torch", () => {
  it("stays within 2 ulps of glibc's erf over [-7, 7]", () => {
    const xs = fixtures.erf.x.map((v) => dec(v, "float64"));
    const a = operand("float64", xs, [xs.length]);
    const out = output("float64", [xs.length]);
    be.unary("erf", out, a);
    expect(mismatches(values(out), fixtures.erf.y.map((v) => dec(v, "float64")), "float64", 2, [xs])).toEqual([]);
  });
});

describe("argReduce vs torch", () => {
  for (const c of fixtures.argReduce) {
    it(`${c.op} ${c.dtype} axis ${c.axis}`, () => {
      const a = operand(c.dtype, c.a.map((v) => dec(v, c.dtype)), c.shape);
      const out = output("int64", c.shape.map((n, d) => (d === c.axis ? 1 : n)));
      be.argReduce(c.op as ArgReduceOp, out, a, c.axis);
      expect(values(out)).toEqual(c.out.map((v) => dec(v, "int64")));
    });
  }
});

describe("scan vs torch", () => {
  for (const c of fixtures.scan) {
    it(`${c.op} ${c.dtype} axis ${c.axis}${c.via === "torch" ? "" : ` (via ${c.via})`}`, () => {
      const a = operand(c.dtype, c.a.map((v) => dec(v, c.dtype)), c.shape);
      const out = output(c.dtype, c.shape);
      be.scan(c.op as ScanOp, out, a, c.axis);
      expect(mismatches(values(out), c.out.map((v) => dec(v, c.dtype)), c.dtype)).toEqual([]);
    });
  }
});

describe("matmul vs torch", () => {
  for (const c of fixtures.matmul) {
    it(`${c.dtype} [${c.aShape}]·[${c.bShape}]`, () => {
      const a = operand(c.dtype, c.a.map((v) => dec(v, c.dtype)), c.aShape);
      const b = operand(c.dtype, c.b.map((v) => dec(v, c.dtype)), c.bShape);
      const out = output(c.dtype, c.outShape);
      be.matmul(out, a, b);
      // float32/float64: PyTorch accumulates in its own order and precision; ours is float64, so allow a few ulps
      const ulps = c.dtype === "float32" ? 4 : c.dtype === "float64" ? 16 : 0;
      expect(mismatches(values(out), c.out.map((v) => dec(v, c.dtype)), c.dtype, ulps)).toEqual([]);
    });
  }
});
