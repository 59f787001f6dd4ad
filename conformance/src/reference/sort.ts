/**
 * Reference sort: each line along `axis` as (value, position) pairs, ordered with an explicit
 * comparator by Array.prototype.sort (stable since ES2019), so ties keep their original order in
 * both directions. Order as the contract states it: NaN above every number and equal to NaN,
 * −0 equal to +0, int64 compared as BigInt, bool false < true. Values are copied bit for bit.
 */
import { address, multiIndices, type RefOperand } from "./layout.js";
import { readElement, writeElement, type Value } from "./values.js";

/** −1, 0, 1 in ascending order (torch.sort: NaN sorts last ascending; sort([0., -0.]) keeps ties in place). */
export function compareKeys(x: Value, y: Value): number {
  if (typeof x === "bigint" && typeof y === "bigint") return x < y ? -1 : x > y ? 1 : 0;
  const [p, q] = [x as number, y as number];
  if (p !== p || q !== q) return p !== p && q !== q ? 0 : p !== p ? 1 : -1;
  return p < q ? -1 : p > q ? 1 : 0; // -0 === 0
}

/** The sorted positions of one line; `values`/`indices` get the elements and their positions. */
export function refSort(values: RefOperand, indices: RefOperand, a: RefOperand, axis: number, descending: boolean): void {
  const n = a.shape[axis] as number;
  const lines = a.shape.map((s, d) => (d === axis ? 1 : s));
  for (const start of multiIndices(lines)) {
    const at = (i: number): number[] => start.map((v, d) => (d === axis ? i : v));
    const row = Array.from({ length: n }, (_, i) => ({ i, v: readElement(a.dtype, a.data, address(a, at(i))) }));
    row.sort((p, q) => (descending ? compareKeys(q.v, p.v) : compareKeys(p.v, q.v)));
    row.forEach(({ i }, k) => {
      // copy the raw element so the exact bits (−0, NaN payloads) travel with it
      (values.data as unknown as Value[])[address(values, at(k))] = (a.data as unknown as Value[])[address(a, at(i))] as Value;
      writeElement("int64", indices.data, address(indices, at(k)), BigInt(i));
    });
  }
}
