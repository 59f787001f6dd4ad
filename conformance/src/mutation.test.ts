/**
 * Mutation check: the suite must catch deliberately broken backends. Each mutant wraps
 * backend-cpu and breaks one thing, the way real kernels go wrong; the relevant checks are run
 * with a fixed seed and must report at least one failure.
 */
import { describe, expect, it } from "vitest";
import { createCpuBackend } from "@typetorch/backend-cpu";
import {
  float16BitsToNumber, makeStorageArray, numberToFloat16Bits,
  type Backend, type DType, type Operand,
} from "@typetorch/tensor-core";
import { runChecks } from "./run.js";
import { address, isFloatDtype, multiIndices, readElement, writeElement, type Value } from "./reference/index.js";

const contiguous = (shape: readonly number[]): number[] => {
  const s = shape.map(() => 1);
  for (let d = shape.length - 2; d >= 0; d--) s[d] = (s[d + 1] as number) * Math.max(1, shape[d + 1] as number);
  return s;
};

/** Element access on CPU buffers, for the mutants' post-processing. */
const get = (be: Backend, op: Operand, idx: readonly number[]): Value =>
  readElement(op.dtype, be.readSync!(op.buffer, op.dtype, 0, op.buffer.length), address(op, idx));
function set(be: Backend, op: Operand, idx: readonly number[], v: Value): void {
  const one = makeStorageArray(op.dtype, 1);
  writeElement(op.dtype, one, 0, v);
  be.write(op.buffer, op.dtype, one, address(op, idx));
}
/** A contiguous temporary with `f` applied to each element of `op`. */
function mapped(be: Backend, op: Operand, f: (v: Value) => Value, dtype: DType = op.dtype): Operand {
  const n = Math.max(1, op.shape.reduce((a, b) => a * b, 1));
  const buffer = be.alloc(dtype, n);
  const t: Operand = { buffer, dtype, shape: op.shape, strides: contiguous(op.shape), offset: 0 };
  for (const idx of multiIndices(op.shape)) set(be, t, idx, f(get(be, op, idx)));
  return t;
}

/** float64 → float16 with one rounding (torch rounds through float32 first). */
function singleRoundF16(x: number): number {
  const r = float16BitsToNumber(numberToFloat16Bits(x));
  if (!Number.isFinite(r) || !Number.isFinite(x)) return r;
  const bits = numberToFloat16Bits(x);
  const neighbours = [bits - 1, bits + 1].map((b) => float16BitsToNumber(b & 0xffff)).filter(Number.isFinite);
  return neighbours.reduce((best, c) => (Math.abs(c - x) < Math.abs(best - x) ? c : best), r);
}

/** Indices and source restricted to index's shape, as contiguous temporaries, with `axis` reversed. */
function flippedAlong(be: Backend, index: Operand, src: Operand, axis: number): [Operand, Operand] {
  const n = index.shape[axis] as number;
  const flip = (idx: readonly number[]): number[] => idx.map((x, d) => (d === axis ? n - 1 - x : x));
  const copyOf = (op: Operand): Operand => {
    const len = Math.max(1, index.shape.reduce((a, b) => a * b, 1));
    const t: Operand = { buffer: be.alloc(op.dtype, len), dtype: op.dtype, shape: index.shape, strides: contiguous(index.shape), offset: 0 };
    for (const idx of multiIndices(index.shape)) set(be, t, idx, get(be, op, flip(idx)));
    return t;
  };
  return [copyOf(index), copyOf(src)];
}

/** The first out-of-range index is replaced by 0 and everything written, then the real call throws. */
function clampedIndex(be: Backend, index: Operand, size: number): Operand {
  return mapped(be, index, (v) => ((v as bigint) < 0n || (v as bigint) >= BigInt(size) ? 0n : v));
}

interface Mutant {
  readonly kind: string;
  readonly filter: string;
  readonly make: (base: Backend) => Partial<Backend>;
}

const MUTANTS: readonly Mutant[] = [
  {
    kind: "copy: ignores the input's strides (reads it as contiguous)",
    filter: "copy/float32->float32",
    make: (b) => ({ copy: (out, a) => b.copy(out, { ...a, strides: contiguous(a.shape) }) }),
  },
  {
    kind: "copy: writes the output contiguously (copy instead of view semantics)",
    filter: "copy/int32->int32",
    make: (b) => ({ copy: (out, a) => b.copy({ ...out, strides: contiguous(out.shape) }, a) }),
  },
  {
    kind: "fill: ignores the output's offset",
    filter: "fill/",
    make: (b) => ({ fill: (out, v) => b.fill({ ...out, offset: 0 }, v) }),
  },
  {
    kind: "cast: float64 → float16 rounded once instead of through float32",
    filter: "copy/float64->float16",
    make: (b) => ({
      copy: (out, a) => {
        b.copy(out, a);
        if (a.dtype === "float64" && out.dtype === "float16")
          for (const idx of multiIndices(out.shape)) set(b, out, idx, singleRoundF16(get(b, a, idx) as number));
      },
    }),
  },
  {
    kind: "cast: float → int rounds to nearest instead of truncating",
    filter: "copy/float32->int",
    make: (b) => ({
      copy: (out, a) => {
        if (!isFloatDtype(a.dtype) || isFloatDtype(out.dtype) || out.dtype === "bool") return b.copy(out, a);
        const t = mapped(b, a, (v) => Math.round(v as number));
        b.copy(out, t);
        b.free(t.buffer);
      },
    }),
  },
  {
    kind: "unary/binary: int64 arithmetic done in float64",
    filter: "binary/add/int64",
    make: (b) => ({
      binary: (op, out, x, y) => {
        b.binary(op, out, x, y);
        if (x.dtype !== "int64" || op !== "add") return;
        for (const idx of multiIndices(out.shape)) {
          const s = Number(get(b, x, idx)) + Number(get(b, y, idx));
          set(b, out, idx, BigInt.asIntN(64, BigInt(s)));
        }
      },
    }),
  },
  {
    kind: "binary: ignores stride 0 (broadcast read as contiguous)",
    filter: "binary/mul/float32",
    make: (b) => ({ binary: (op, out, x, y) => b.binary(op, out, x, { ...y, strides: y.strides.map((s, i) => (s === 0 ? (contiguous(y.shape)[i] as number) : s)) }) }),
  },
  {
    kind: "binary: minimum returns the other operand when one is NaN (no NaN propagation)",
    filter: "binary/minimum/float32",
    make: (b) => ({
      binary: (op, out, x, y) => {
        b.binary(op, out, x, y);
        if (op !== "minimum") return;
        for (const idx of multiIndices(out.shape)) {
          const [p, q] = [get(b, x, idx) as number, get(b, y, idx) as number];
          if (Number.isNaN(p) !== Number.isNaN(q)) set(b, out, idx, Number.isNaN(p) ? q : p);
        }
      },
    }),
  },
  {
    kind: "binary: lt computed as !(a >= b), true for NaN",
    filter: "binary/lt/float64",
    make: (b) => ({
      binary: (op, out, x, y) => {
        if (op !== "lt" || !isFloatDtype(x.dtype)) return b.binary(op, out, x, y);
        b.binary("ge", out, x, y);
        for (const idx of multiIndices(out.shape)) set(b, out, idx, get(b, out, idx) === 1n ? 0n : 1n);
      },
    }),
  },
  {
    kind: "where: branches swapped",
    filter: "where/int16",
    make: (b) => ({ where: (out, c, x, y) => b.where(out, c, y, x) }),
  },
  {
    kind: "reduce: off by one along a middle axis (last element skipped)",
    filter: "reduce/sum/int32",
    make: (b) => ({
      reduce: (op, out, a, axes) => {
        const mid = axes.find((ax) => ax > 0 && ax < a.shape.length - 1 && (a.shape[ax] as number) >= 2);
        if (mid === undefined) return b.reduce(op, out, a, axes);
        b.reduce(op, out, { ...a, shape: a.shape.map((s, i) => (i === mid ? s - 1 : s)) }, axes);
      },
    }),
  },
  {
    kind: "reduce: max ignores NaN",
    filter: "reduce/max/float32",
    make: (b) => ({
      reduce: (op, out, a, axes) => {
        if (op !== "max" || !isFloatDtype(a.dtype)) return b.reduce(op, out, a, axes);
        const t = mapped(b, a, (v) => (Number.isNaN(v) ? -Infinity : v));
        b.reduce(op, out, t, axes);
        b.free(t.buffer);
      },
    }),
  },
  {
    kind: "reduce: float16 sum accumulated in float16",
    filter: "reduce/sum/float16",
    make: (b) => ({
      reduce: (op, out, a, axes) => {
        b.reduce(op, out, a, axes);
        if (op !== "sum" || a.dtype !== "float16") return;
        for (const idx of multiIndices(out.shape)) {
          let acc = 0;
          const sub = axes.map((ax) => a.shape[ax] as number);
          for (const inner of multiIndices(sub)) {
            const full = idx.slice();
            axes.forEach((ax, k) => (full[ax] = inner[k] as number));
            acc = float16BitsToNumber(numberToFloat16Bits(acc + (get(b, a, full) as number)));
          }
          set(b, out, idx, acc);
        }
      },
    }),
  },
  {
    kind: "argReduce: argmax returns the last index of the maximum",
    filter: "argReduce/argmax/int8",
    make: (b) => ({
      argReduce: (op, out, a, axis) => {
        b.argReduce(op, out, a, axis);
        for (const idx of multiIndices(out.shape)) {
          let best = 0;
          for (let i = 0; i < (a.shape[axis] as number); i++) {
            const at = idx.slice();
            at[axis] = i;
            const cur = idx.slice();
            cur[axis] = best;
            if ((get(b, a, at) as bigint) >= (get(b, a, cur) as bigint)) best = i;
          }
          set(b, out, idx, BigInt(best));
        }
      },
    }),
  },
  {
    kind: "scan: off by one (the last element of each line not accumulated)",
    filter: "scan/cumsum/int64",
    make: (b) => ({
      scan: (op, out, a, axis) => {
        b.scan(op, out, a, axis);
        const n = a.shape[axis] as number;
        if (n < 2) return;
        for (const idx of multiIndices(out.shape)) {
          if (idx[axis] !== n - 1) continue;
          const prev = idx.slice();
          prev[axis] = n - 2;
          set(b, out, idx, get(b, out, prev));
        }
      },
    }),
  },
  {
    kind: "matmul: ignores a transposed stride of a (reads it row-major)",
    filter: "matmul/float64",
    make: (b) => ({
      matmul: (out, a, y) => b.matmul(out, a.strides[a.strides.length - 1] === 1 ? a : { ...a, strides: contiguous(a.shape) }, y),
    }),
  },
  {
    kind: "unary: int8 neg saturates (−(−128) = 127) instead of wrapping",
    filter: "unary/neg/int8",
    make: (b) => ({
      unary: (op, out, a) => {
        b.unary(op, out, a);
        if (op === "neg" && a.dtype === "int8")
          for (const idx of multiIndices(out.shape)) if (get(b, a, idx) === -128n) set(b, out, idx, 127n);
      },
    }),
  },
  {
    kind: "binary: int64 shift count not taken modulo 64 (1 << 64 = 0)",
    filter: "binary/leftShift/int64",
    make: (b) => ({
      binary: (op, out, x, y) => {
        b.binary(op, out, x, y);
        if (op !== "leftShift" || x.dtype !== "int64") return;
        for (const idx of multiIndices(out.shape)) {
          const n = get(b, y, idx) as bigint;
          if (n >= 64n || n < 0n) set(b, out, idx, 0n);
        }
      },
    }),
  },
  {
    kind: "sort: descending ignored",
    filter: "sort/float32",
    make: (b) => ({ sort: (v, i, a, axis, _descending, stable) => b.sort(v, i, a, axis, false, stable) }),
  },
  {
    kind: "sort: ties in reverse order (sorted the other way, then reversed) although stable was asked",
    filter: "sort/int16",
    make: (b) => ({
      sort: (v, i, a, axis, descending, stable) => {
        b.sort(v, i, a, axis, !descending, stable);
        const n = a.shape[axis] as number;
        const lines = a.shape.map((s, d) => (d === axis ? 1 : s));
        for (const start of multiIndices(lines)) {
          const at = (k: number): number[] => start.map((x, d) => (d === axis ? k : x));
          const vs = Array.from({ length: n }, (_, k) => get(b, v, at(k)));
          const is = Array.from({ length: n }, (_, k) => get(b, i, at(k)));
          for (let k = 0; k < n; k++) {
            set(b, v, at(k), vs[n - 1 - k] as Value);
            set(b, i, at(k), is[n - 1 - k] as Value);
          }
        }
      },
    }),
  },
  {
    kind: "random: numbers elements by their last axis first (a layout-dependent stream)",
    filter: "random/uniform/float32",
    make: (b) => ({
      random: (out, spec, input) => b.random({ ...out, shape: [...out.shape].reverse(), strides: [...out.strides].reverse() }, spec, input),
    }),
  },
  {
    kind: "random: ignores the offset (every call restarts the stream)",
    filter: "random/normal/float64",
    make: (b) => ({ random: (out, spec, input) => b.random(out, { ...spec, offset: 0n }, input) }),
  },
  {
    kind: "unary: sign(-0) gives -0",
    filter: "unary/sign/float64",
    make: (b) => ({
      unary: (op, out, a) => {
        b.unary(op, out, a);
        if (op === "sign") for (const idx of multiIndices(out.shape)) if (Object.is(get(b, a, idx), -0)) set(b, out, idx, -0);
      },
    }),
  },
  {
    kind: "gather: ignores the index's strides (reads it as contiguous)",
    filter: "gather/float64",
    make: (b) => ({ gather: (out, a, index, axis) => b.gather(out, a, { ...index, strides: contiguous(index.shape) }, axis) }),
  },
  {
    kind: "gather: off by one axis (gathers along the next axis)",
    filter: "gather/int16",
    make: (b) => ({
      gather: (out, a, index, axis) => {
        const wrong = (axis + 1) % out.shape.length;
        // only where the wrong axis is still a valid call, so the failure is a wrong value, not a crash
        const fits =
          (a.shape[axis] as number) >= (out.shape[axis] as number) &&
          [...multiIndices(index.shape)].every((p) => (get(b, index, p) as bigint) < BigInt(a.shape[wrong] as number));
        b.gather(out, a, index, fits ? wrong : axis);
      },
    }),
  },
  {
    kind: "scatter: add of duplicates overwrites (assign instead of add)",
    filter: "scatter/add/int32",
    make: (b) => ({ scatter: (op, out, index, src, axis) => b.scatter(op === "add" ? "assign" : op, out, index, src, axis) }),
  },
  {
    kind: "scatter: add drops duplicates (only the first source element per target is added)",
    filter: "scatter/add/int64",
    make: (b) => ({
      scatter: (op, out, index, src, axis) => {
        if (op !== "add") return b.scatter(op, out, index, src, axis);
        const seen = new Set<string>();
        for (const p of multiIndices(index.shape)) {
          const at = p.map((x, d) => (d === axis ? Number(get(b, index, p)) : x));
          if (seen.has(at.join())) continue;
          seen.add(at.join());
          set(b, out, at, BigInt.asIntN(64, (get(b, out, at) as bigint) + (get(b, src, p) as bigint)));
        }
      },
    }),
  },
  {
    kind: "scatter: writes before validating (a partial write when an index is out of range)",
    filter: "scatter/out-of-range/float32",
    make: (b) => ({
      scatter: (op, out, index, src, axis) => {
        const t = clampedIndex(b, index, out.shape[axis] as number);
        b.scatter(op, out, t, src, axis);
        b.free(t.buffer);
        b.scatter(op, out, index, src, axis);
      },
    }),
  },
  {
    kind: "scatter: amax does not propagate NaN from the source",
    filter: "scatter/amax/float32",
    make: (b) => ({
      scatter: (op, out, index, src, axis) => {
        if (op !== "amax" || !isFloatDtype(src.dtype)) return b.scatter(op, out, index, src, axis);
        const t = mapped(b, src, (v) => (Number.isNaN(v) ? -Infinity : v));
        b.scatter(op, out, index, t, axis);
        b.free(t.buffer);
      },
    }),
  },
];

describe("mutation check: the suite catches broken backends", () => {
  it("has at least 12 kinds of mutant", () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(12);
  });
  for (const m of MUTANTS) {
    it(`catches: ${m.kind}`, async () => {
      const base = createCpuBackend();
      const mutant: Backend = { ...base, ...m.make(base) };
      const failures = await runChecks(mutant, { filter: m.filter, seed: 20261201, runs: 30 });
      expect(failures.length, `no check matching "${m.filter}" noticed the mutant`).toBeGreaterThan(0);
    }, 60_000);
  }
  it("and the unmutated CPU backend passes the same checks", async () => {
    const ok = ["copy/float32->float32", "copy/int32->int32", "binary/mul/float32", "where/int16", "reduce/sum/int32", "matmul/float64", "scan/cumsum/int64"];
    for (const filter of ok) expect(await runChecks(createCpuBackend(), { filter, seed: 20261201, runs: 30 })).toEqual([]);
  }, 60_000);
  it("and accepts a backend that combines duplicate scatter targets in the reverse order (first assign wins)", async () => {
    const base = createCpuBackend();
    const reversed: Backend = {
      ...base,
      scatter: (op, out, index, src, axis) => {
        const size = BigInt(out.shape[axis] as number);
        const bad = [...multiIndices(index.shape)].some((p) => (get(base, index, p) as bigint) < 0n || (get(base, index, p) as bigint) >= size);
        if (bad) return base.scatter(op, out, index, src, axis); // the error, as the contract asks
        const [i, s] = flippedAlong(base, index, src, axis);
        base.scatter(op, out, i, s, axis);
        base.free(i.buffer);
        base.free(s.buffer);
      },
    };
    for (const filter of ["scatter/assign/", "scatter/add/float", "scatter/add/bfloat16", "scatter/mul/float", "scatter/add/int8", "scatter/amax/float64"])
      expect(await runChecks(reversed, { filter, seed: 20261201, runs: 30 })).toEqual([]);
  }, 120_000);
});
