/**
 * sort: values and int64 indices along an axis, ascending or descending, stable or not. A stable
 * sort must equal the reference exactly; an unstable one may order ties freely, so it is checked
 * for what it promises: values in order (−0 and +0 interchangeable), indices a permutation of the
 * line, and values[k] the exact bits of a[indices[k]].
 */
import fc from "fast-check";
import { DTYPES, type DType, type Operand } from "@typetorch/tensor-core";
import { address, multiIndices, readElement, refSort, type Value } from "../reference/index.js";
import { sameValue, sameValueAnyZero } from "../compare.js";
import { shapeArb } from "../arbitraries/layout.js";
import { edgeValues, valueArb } from "../arbitraries/values.js";
import { describeOperand, fixedOperand, materialise, operandArb, readAll, refOperandOf, show, zeroOperand, type OperandSpec } from "../cases.js";
import { Mismatch, runProperty, type Check } from "../check.js";

interface SortCase {
  readonly a: OperandSpec;
  readonly values: OperandSpec;
  readonly indices: OperandSpec;
  readonly axis: number;
  readonly descending: boolean;
  readonly stable: boolean;
}

async function runSort(backend: Parameters<Check["run"]>[0], d: DType, c: SortCase): Promise<void> {
  const rv = refOperandOf(c.values);
  const ri = refOperandOf(c.indices);
  const ra = refOperandOf(c.a);
  refSort(rv, ri, ra, c.axis, c.descending);
  const { ops, free } = materialise(backend, [c.values, c.indices, c.a]);
  try {
    const [v, i, a] = ops as [Operand, Operand, Operand];
    backend.sort(v, i, a, c.axis, c.descending, c.stable);
    const gotV = await readAll(backend, v, c.values.layout.baseLength);
    const gotI = await readAll(backend, i, c.indices.layout.baseLength);
    const title = `sort ${d} along axis ${c.axis} (${c.descending ? "descending" : "ascending"}, ${c.stable ? "stable" : "unstable"})`;
    const ops2 = [describeOperand("a", c.a), describeOperand("values", c.values), describeOperand("indices", c.indices)].join("\n");
    const n = c.a.layout.shape[c.axis] as number;
    for (const idx of multiIndices(c.a.layout.shape)) {
      const gv = readElement(d, gotV, address(c.values.layout, idx));
      const ev = readElement(d, rv.data, address(rv, idx));
      const gi = readElement("int64", gotI, address(c.indices.layout, idx)) as bigint;
      const ei = readElement("int64", ri.data, address(ri, idx)) as bigint;
      const line = (k: number): number[] => idx.map((x, dd) => (dd === c.axis ? k : x));
      const row = Array.from({ length: n }, (_, k) => show(readElement(d, ra.data, address(ra, line(k))) as Value)).join(", ");
      const fail = (what: string): never => {
        throw new Mismatch(`${title}: at [${idx.join(",")}] ${what}\n  line [${row}]\n${ops2}`);
      };
      if (c.stable) {
        if (!sameValue(gv, ev)) fail(`value expected ${show(ev)} got ${show(gv)}`);
        if (gi !== ei) fail(`index expected ${ei} got ${gi}`);
        continue;
      }
      if (!sameValueAnyZero(gv, ev)) fail(`value expected ${show(ev)} got ${show(gv)}`);
      if (gi < 0n || gi >= BigInt(n)) fail(`index ${gi} outside the line`);
      const src = readElement(d, ra.data, address(ra, line(Number(gi))));
      if (!sameValue(gv, src)) fail(`values[k] = ${show(gv)} is not a[indices[k] = ${gi}] = ${show(src)}`);
    }
    // unstable: indices of each line must be a permutation
    if (!c.stable) {
      const lines = c.a.layout.shape.map((s, dd) => (dd === c.axis ? 1 : s));
      for (const start of multiIndices(lines)) {
        const seen = new Set<bigint>();
        for (let k = 0; k < n; k++)
          seen.add(readElement("int64", gotI, address(c.indices.layout, start.map((x, dd) => (dd === c.axis ? k : x)))) as bigint);
        if (seen.size !== n) throw new Mismatch(`${title}: indices of line [${start.join(",")}] are not a permutation\n${ops2}`);
      }
    }
  } finally {
    free();
  }
}

function sortCheck(d: DType): Check {
  const name = `sort/${d}`;
  // few distinct values make ties, which is where stability shows
  const values = fc.oneof(valueArb(d), fc.constantFrom(...edgeValues(d).slice(0, 6)));
  const arb = shapeArb({ minDims: 1, maxNumel: 120 }).chain((shape) =>
    fc.record({
      axis: fc.nat(shape.length - 1),
      descending: fc.boolean(),
      stable: fc.boolean(),
      a: operandArb(d, shape, values, { broadcast: true }),
      values: operandArb(d, shape, valueArb(d), { broadcast: false, contiguous: true }),
      indices: operandArb("int64", shape, valueArb("int64"), { broadcast: false, contiguous: true }),
    }),
  );
  const e = [...edgeValues(d), ...edgeValues(d).reverse()];
  const edge = (descending: boolean, stable: boolean): SortCase => ({
    axis: 0, descending, stable,
    a: fixedOperand(d, e, [e.length], [1]),
    values: zeroOperand(d, [e.length]),
    indices: zeroOperand("int64", [e.length]),
  });
  return {
    name, family: "sort", dtypes: [d],
    run: (backend, o) => runProperty(name, "sort", arb, (c) => runSort(backend, d, c), o, [edge(false, true), edge(true, true), edge(true, false)]),
  };
}

export const sortChecks = (): Check[] => DTYPES.map(sortCheck);
