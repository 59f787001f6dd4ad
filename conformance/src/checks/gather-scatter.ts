/**
 * gather and scatter: int64 indices along an axis, over random shapes the contract allows
 * (index.shape[d] ≤ src.shape[d], ≤ out.shape[d] off the axis), random strided layouts for every
 * operand (stride-0 index axes included, which make duplicate targets for scatter) and values
 * with the dtype's traps. gather copies elements, so it must equal the reference exactly. scatter
 * with duplicate indices: `assign` may leave any duplicate's value (PyTorch leaves the winner
 * unspecified; a GPU cannot cheaply order its writes), `amax`/`amin` and integer/bool `add`/`mul`
 * are exact in any order, float `add`/`mul` stay within SCATTER_ACCUMULATION (bounds.ts); an
 * element reached by at most one source element must be bit-identical. Out-of-range indices
 * (negative ones included) must raise IndexError naming the first bad index in row-major order,
 * with `out` left bit for bit as it was.
 */
import fc from "fast-check";
import { DTYPES, IndexError, SCATTER_OPS, type Backend, type DType, type Operand, type ScatterOp } from "@typetorch/tensor-core";
import { address, multiIndices, numelOf, readElement, refGather, refScatter, type Value } from "../reference/index.js";
import { isFloatD, sameValue, sameValueAnyZero, withinScatter } from "../compare.js";
import { shapeArb } from "../arbitraries/layout.js";
import { accumValueArb, edgeValues, valueArb } from "../arbitraries/values.js";
import { describeOperand, fixedOperand, materialise, operandArb, readAll, show, storageOf, zeroOperand, type OperandSpec } from "../cases.js";
import { Mismatch, runProperty, type Check } from "../check.js";
import { runCase } from "./run-case.js";

const OPS = Object.keys(SCATTER_OPS) as ScatterOp[];

interface GatherCase {
  readonly axis: number;
  readonly out: OperandSpec;
  readonly a: OperandSpec;
  readonly index: OperandSpec;
}
interface ScatterCase {
  readonly op: ScatterOp;
  readonly axis: number;
  readonly out: OperandSpec;
  readonly index: OperandSpec;
  readonly src: OperandSpec;
}

/** An int64 index of `shape` in a random layout (stride 0 allowed), every element in [0, size). */
function indexArb(shape: readonly number[], size: number): fc.Arbitrary<OperandSpec> {
  const v = fc.bigInt({ min: 0n, max: BigInt(Math.max(0, size - 1)) });
  return operandArb("int64", shape, v, { broadcast: true });
}

/** A larger shape: `shape` plus 0–2 per axis, except `axis`, which gets `axisSize`; kept small. */
function grow(shape: readonly number[], extra: readonly number[], axis: number | null, axisSize: number): number[] {
  const big = shape.map((s, d) => (d === axis ? axisSize : s + (extra[d] as number)));
  if (numelOf(big) <= 240) return big;
  return shape.map((s, d) => (d === axis ? axisSize : s));
}

/** Sizes along the indexed axis: small, so scatter targets collide; 0 only when nothing is indexed. */
const axisSizeArb = (numel: number): fc.Arbitrary<number> =>
  fc.oneof(fc.constant(1), fc.constant(2), fc.integer({ min: 1, max: 6 })).map((s) => (numel === 0 ? s - 1 : s));

function gatherArb(d: DType, o: { minSize: number }): fc.Arbitrary<GatherCase> {
  const values = fc.oneof(valueArb(d), fc.constantFrom(...edgeValues(d)));
  return shapeArb({ minDims: 1, minSize: o.minSize, maxNumel: 60 }).chain((shape) =>
    fc.record({
      axis: fc.nat(shape.length - 1),
      extra: fc.tuple(...shape.map(() => fc.nat(2))),
      axisSize: axisSizeArb(numelOf(shape)),
    }).chain(({ axis, extra, axisSize }) => {
      const aShape = grow(shape, extra, axis, axisSize);
      return fc.record({
        axis: fc.constant(axis),
        out: operandArb(d, shape, valueArb(d), { broadcast: false }),
        a: operandArb(d, aShape, values, { broadcast: true }),
        index: indexArb(shape, axisSize),
      });
    }),
  );
}

function scatterValues(op: ScatterOp, d: DType): fc.Arbitrary<Value> {
  // float add/mul of duplicates depends on the order: moderate values keep overflow out of it
  if (isFloatD(d) && (op === "add" || op === "mul")) return accumValueArb(d, op === "mul");
  return fc.oneof(valueArb(d), fc.constantFrom(...edgeValues(d)));
}

function scatterArb(d: DType, ops: fc.Arbitrary<ScatterOp>, o: { minSize: number }): fc.Arbitrary<ScatterCase> {
  return ops.chain((op) =>
    shapeArb({ minDims: 1, minSize: o.minSize, maxNumel: 60 }).chain((shape) =>
      fc.record({
        axis: fc.nat(shape.length - 1),
        srcExtra: fc.tuple(...shape.map(() => fc.nat(2))),
        outExtra: fc.tuple(...shape.map(() => fc.nat(2))),
        axisSize: axisSizeArb(numelOf(shape)),
      }).chain(({ axis, srcExtra, outExtra, axisSize }) =>
        fc.record({
          op: fc.constant(op),
          axis: fc.constant(axis),
          out: operandArb(d, grow(shape, outExtra, axis, axisSize), scatterValues(op, d), { broadcast: false }),
          index: indexArb(shape, axisSize),
          src: operandArb(d, grow(shape, srcExtra, null, 0), scatterValues(op, d), { broadcast: true }),
        }),
      ),
    ),
  );
}

const indexAt = (index: OperandSpec, p: readonly number[]): bigint => index.base[address(index.layout, p)] as bigint;
const withAxis = (p: readonly number[], axis: number, i: number): number[] => p.map((v, d) => (d === axis ? i : v));

/** An operand's element as stored (the base values are rounded to the dtype on the way in). */
const stored = (spec: OperandSpec): ((idx: readonly number[]) => Value) => {
  const data = storageOf(spec);
  return (idx) => readElement(spec.dtype, data, address(spec.layout, idx));
};

/** Per output base element: the source values scattered into it, in row-major order of `index`. */
function contributions(c: ScatterCase): Map<number, Value[]> {
  const m = new Map<number, Value[]>();
  const src = stored(c.src);
  for (const p of multiIndices(c.index.layout.shape)) {
    const at = address(c.out.layout, withAxis(p, c.axis, Number(indexAt(c.index, p))));
    const v = src(p);
    const list = m.get(at);
    if (list) list.push(v);
    else m.set(at, [v]);
  }
  return m;
}

const operandsOf = (c: GatherCase | ScatterCase): string =>
  ("a" in c
    ? [describeOperand("out", c.out), describeOperand("a", c.a), describeOperand("index", c.index)]
    : [describeOperand("out", c.out), describeOperand("index", c.index), describeOperand("src", c.src)]
  ).join("\n");

async function runGather(backend: Backend, d: DType, c: GatherCase): Promise<void> {
  const a = stored(c.a);
  await runCase(backend, {
    title: `gather ${d} along axis ${c.axis}`, names: ["a", "index"], inputs: [c.a, c.index], out: c.out,
    run: (be, out, [a, index]) => be.gather(out, a!, index!, c.axis),
    ref: (out, [a, index]) => refGather(out, a!, index!, c.axis),
    accept: () => (g, e) => sameValue(g, e),
    context: (idx) => {
      const i = indexAt(c.index, idx);
      const src = withAxis(idx, c.axis, Number(i));
      return `index[${idx.join(",")}] = ${i}, a[${src.join(",")}] = ${show(a(src))}`;
    },
  });
}

async function runScatter(backend: Backend, d: DType, c: ScatterCase): Promise<void> {
  const into = contributions(c);
  const old = stored(c.out);
  const accept = (g: Value, e: Value, idx: readonly number[]): boolean => {
    const terms = into.get(address(c.out.layout, idx)) ?? [];
    if (terms.length === 0) return sameValue(g, e); // untouched
    if (c.op === "assign") return terms.some((t) => sameValue(g, t));
    if (!isFloatD(d)) return sameValue(g, e);
    if (c.op === "amax" || c.op === "amin") return sameValueAnyZero(g, e);
    if (terms.length === 1) return sameValue(g, e);
    return withinScatter(c.op, d, g as number, e as number, [old(idx) as number, ...(terms as number[])]);
  };
  await runCase(backend, {
    title: `scatter ${c.op} ${d} along axis ${c.axis}`, names: ["index", "src"], inputs: [c.index, c.src], out: c.out,
    run: (be, out, [index, src]) => be.scatter(c.op, out, index!, src!, c.axis),
    ref: (out, [index, src]) => refScatter(c.op, out, index!, src!, c.axis),
    accept: () => accept,
    context: (idx) => {
      const terms = into.get(address(c.out.layout, idx)) ?? [];
      return `out[${idx.join(",")}] was ${show(old(idx))}; source elements scattered into it, in row-major order of index: [${terms.map(show).join(", ")}]`;
    },
  });
}

/** Edge example: a = the dtype's traps, gathered in reverse through a stride-0 (broadcast) index row. */
function gatherEdge(d: DType): GatherCase {
  const e = edgeValues(d);
  const n = e.length;
  return {
    axis: 1,
    a: fixedOperand(d, [...e, ...e.slice().reverse()], [2, n], [n, 1]),
    index: fixedOperand("int64", e.map((_, k) => BigInt(n - 1 - k)), [2, n], [0, 1]),
    out: zeroOperand(d, [2, n]),
  };
}

/**
 * Edge examples: every pair of traps, out[r][c] = e[r] op e[c] (each element reached once, through
 * a stride-0 index), and every trap folded into one element (duplicates; for float add/mul only
 * seven finite moderate ones, whose result is bounded whatever the order).
 */
function scatterEdges(op: ScatterOp, d: DType): ScatterCase[] {
  const e = edgeValues(d);
  const n = e.length;
  const pairs: ScatterCase = {
    op, axis: 1,
    out: fixedOperand(d, e.flatMap((x) => e.map(() => x)), [n, n], [n, 1]),
    index: fixedOperand("int64", e.map((_, k) => BigInt(k)), [n, n], [0, 1]),
    src: fixedOperand(d, e, [n, n], [0, 1]),
  };
  // float add/mul: 7 moderate traps, so n(n−1)·u(out) < 1 keeps the bound valid for any order
  const f = isFloatD(d) && (op === "add" || op === "mul") ? e.filter((x) => Math.abs(x as number) <= 8).slice(-7) : e;
  const folded: ScatterCase = {
    op, axis: 0,
    out: fixedOperand(d, [f[0] as Value], [1], [1]),
    index: fixedOperand("int64", [0n], [f.length], [0]),
    src: fixedOperand(d, f, [f.length], [1]),
  };
  return [pairs, folded];
}

function gatherCheck(d: DType): Check {
  const name = `gather/${d}`;
  const arb = gatherArb(d, { minSize: 0 });
  return {
    name, family: "gather", dtypes: [d, "int64"],
    run: (backend, o) => runProperty(name, "gather", arb, (c) => runGather(backend, d, c), o, [gatherEdge(d)]),
  };
}

function scatterCheck(op: ScatterOp, d: DType): Check {
  const name = `scatter/${op}/${d}`;
  const arb = scatterArb(d, fc.constant(op), { minSize: 0 });
  return {
    name, family: "scatter", dtypes: [d, "int64"],
    run: (backend, o) => runProperty(name, "scatter", arb, (c) => runScatter(backend, d, c), o, scatterEdges(op, d)),
  };
}

// ---- out-of-range indices ----

/** Bad index values for an axis of `size`: negative, just past the end, and ones whose low 32 bits are in range. */
const badIndexArb = (size: number): fc.Arbitrary<bigint> =>
  fc.oneof(
    fc.constantFrom(-1n, BigInt(size), BigInt(size) + 1n, 2n ** 32n, 2n ** 32n + 1n, -(2n ** 32n), 2n ** 31n, -(2n ** 63n), 2n ** 63n - 1n),
    fc.bigInt({ min: BigInt(size), max: 2n ** 62n }),
    fc.bigInt({ min: -(2n ** 62n), max: -1n }),
  );

interface Corruption {
  /** Row-major positions of index (modulo its size) and the bad values written there. */
  readonly at: readonly { readonly pos: number; readonly value: bigint }[];
}

const corruptionArb = (size: number): fc.Arbitrary<Corruption> =>
  fc.record({ at: fc.array(fc.record({ pos: fc.nat(), value: badIndexArb(size) }), { minLength: 1, maxLength: 3 }) });

function corrupt(index: OperandSpec, k: Corruption): OperandSpec {
  const all = [...multiIndices(index.layout.shape)];
  const base = index.base.slice();
  for (const { pos, value } of k.at) base[address(index.layout, all[pos % all.length] as number[])] = value;
  return { ...index, base };
}

/** The IndexError message for the first out-of-range index in row-major order, or null. */
function firstBad(index: OperandSpec, axis: number, size: number): string | null {
  for (const p of multiIndices(index.layout.shape)) {
    const i = indexAt(index, p);
    if (i < 0n || i >= BigInt(size)) return `index ${i} is out of bounds for dimension ${axis} with size ${size}`;
  }
  return null;
}

const bytes = (x: ArrayBufferView): Uint8Array => new Uint8Array(x.buffer, x.byteOffset, x.byteLength);

/** Runs an op that must throw `message`, then checks that `out` (specs[0]) is bit for bit unmodified. */
async function expectIndexError(
  backend: Backend, title: string, specs: readonly OperandSpec[], message: string, operands: string,
  call: (ops: Operand[]) => void,
): Promise<void> {
  const { ops, free } = materialise(backend, specs);
  try {
    let caught: unknown = null;
    try {
      call(ops);
      await backend.sync();
    } catch (e) {
      caught = e;
    }
    const fail = (what: string): never => {
      throw new Mismatch(`${title}: ${what}\n${operands}`);
    };
    if (caught === null) fail(`expected IndexError("${message}"), nothing was thrown`);
    if (!(caught instanceof IndexError)) fail(`expected IndexError("${message}"), got ${caught instanceof Error ? `${caught.name}("${caught.message}")` : String(caught)}`);
    if ((caught as IndexError).message !== message) fail(`expected IndexError("${message}"), got IndexError("${(caught as IndexError).message}")`);
    const out = specs[0] as OperandSpec;
    const got = bytes(await readAll(backend, ops[0] as Operand, out.layout.baseLength));
    const want = bytes(storageOf(out));
    for (let b = 0; b < want.length; b++)
      if (got[b] !== want[b]) fail(`out was modified before the error (byte ${b} of its base buffer)`);
  } finally {
    free();
  }
}

function gatherErrorCheck(d: DType): Check {
  const name = `gather/out-of-range/${d}`;
  const arb = gatherArb(d, { minSize: 1 }).chain((c) =>
    corruptionArb(c.a.layout.shape[c.axis] as number).map((k) => ({ ...c, index: corrupt(c.index, k) })),
  );
  return {
    name, family: "gather", dtypes: [d, "int64"],
    run: (backend, o) =>
      runProperty(name, "gather", arb, async (c) => {
        const message = firstBad(c.index, c.axis, c.a.layout.shape[c.axis] as number) as string;
        await expectIndexError(backend, `gather ${d} along axis ${c.axis} with an out-of-range index`, [c.out, c.a, c.index], message, operandsOf(c),
          ([out, a, index]) => backend.gather(out!, a!, index!, c.axis));
      }, o),
  };
}

function scatterErrorCheck(d: DType): Check {
  const name = `scatter/out-of-range/${d}`;
  const arb = scatterArb(d, fc.constantFrom(...OPS), { minSize: 1 }).chain((c) =>
    corruptionArb(c.out.layout.shape[c.axis] as number).map((k) => ({ ...c, index: corrupt(c.index, k) })),
  );
  return {
    name, family: "scatter", dtypes: [d, "int64"],
    run: (backend, o) =>
      runProperty(name, "scatter", arb, async (c) => {
        const message = firstBad(c.index, c.axis, c.out.layout.shape[c.axis] as number) as string;
        await expectIndexError(backend, `scatter ${c.op} ${d} along axis ${c.axis} with an out-of-range index`, [c.out, c.index, c.src], message, operandsOf(c),
          ([out, index, src]) => backend.scatter(c.op, out!, index!, src!, c.axis));
      }, o),
  };
}

export function gatherScatterChecks(): Check[] {
  const checks: Check[] = [];
  for (const d of DTYPES) checks.push(gatherCheck(d));
  for (const d of DTYPES) checks.push(gatherErrorCheck(d));
  for (const op of OPS) for (const d of DTYPES) checks.push(scatterCheck(op, d));
  for (const d of DTYPES) checks.push(scatterErrorCheck(d));
  return checks;
}
