// Properties of x.index / x.indexPut_ / gather / scatterAdd against an independent reference that
// works on plain nested JS arrays: it enumerates every result coordinate and maps it to the source
// coordinate it reads (NumPy's rules, with PyTorch's "integers are selects" twist), so it shares no
// code with the core. Shapes include size-0 and size-1 dims; inputs are sometimes transposed views.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as torch from "./index.js";

type Nested = number | Nested[];
type Item = number | string | null | number[] | torch.Tensor;
type Entry =
  | { k: "int"; dim: number; i: number }
  | { k: "slice"; dim: number; coords: number[] }
  | { k: "new" }
  | { k: "adv"; dim: number; vals: number[] };

const at = (xs: Nested, c: readonly number[]): number => c.reduce<Nested>((a, i) => (a as Nested[])[i] as Nested, xs) as number;
function build(shape: readonly number[], f: (c: number[]) => number, prefix: number[] = []): Nested {
  if (prefix.length === shape.length) return f(prefix);
  return Array.from({ length: shape[prefix.length] as number }, (_, i) => build(shape, f, [...prefix, i]));
}
function sliceCoords(size: number, spec: string): number[] {
  const [a, b, c] = spec.split(":").map((p) => (p === "" || p === undefined ? null : Number(p)));
  const step = c ?? 1;
  const clamp = (v: number): number => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
  const out: number[] = [];
  for (let i = a === null || a === undefined ? 0 : clamp(a); i < (b === null || b === undefined ? size : clamp(b)); i += step) out.push(i);
  return out;
}

/** The result shape and, for each result coordinate, the source coordinate it reads. */
function reference(shape: readonly number[], items: readonly Item[], maskValues: Map<torch.Tensor, boolean[]>) {
  const used = items.filter((i) => i !== null && i !== "...").length;
  const entries: Entry[] = [];
  let d = 0;
  for (const it of items) {
    if (it === null) entries.push({ k: "new" });
    else if (it === "...") for (let j = 0; j < shape.length - used; j++, d++) entries.push({ k: "slice", dim: d, coords: sliceCoords(shape[d] as number, ":") });
    else if (typeof it === "number") {
      entries.push({ k: "int", dim: d, i: it < 0 ? it + (shape[d] as number) : it });
      d++;
    } else if (typeof it === "string") {
      entries.push({ k: "slice", dim: d, coords: sliceCoords(shape[d] as number, it) });
      d++;
    } else if (Array.isArray(it)) {
      const size = shape[d] as number;
      entries.push({ k: "adv", dim: d++, vals: it.map((v) => (v < 0 ? v + size : v)) });
    } else {
      const bools = maskValues.get(it) as boolean[]; // 1-D masks only in these properties
      entries.push({ k: "adv", dim: d++, vals: bools.flatMap((b, i) => (b ? [i] : [])) });
    }
  }
  for (; d < shape.length; d++) entries.push({ k: "slice", dim: d, coords: sliceCoords(shape[d] as number, ":") });
  const kept = entries.filter((e) => e.k !== "int");
  const advPos = kept.flatMap((e, i) => (e.k === "adv" ? [i] : []));
  const lens = kept.flatMap((e) => (e.k === "adv" ? [e.vals.length] : []));
  const bLen = lens.length === 0 ? 0 : lens.some((l) => l === 0) ? 0 : Math.max(...lens);
  const adjacent = advPos.every((p, i) => p === (advPos[0] as number) + i);
  const axes: (Entry | "B")[] = kept.filter((e) => e.k !== "adv");
  if (advPos.length > 0) axes.splice(adjacent ? (advPos[0] as number) : 0, 0, "B");
  const outShape = axes.map((a) => (a === "B" ? bLen : a.k === "slice" ? a.coords.length : 1));
  const source = (c: readonly number[]): number[] => {
    const src = new Array<number>(shape.length).fill(0);
    const b = c[axes.indexOf("B")] ?? 0;
    for (const e of entries) {
      if (e.k === "int") src[e.dim] = e.i;
      if (e.k === "slice") src[e.dim] = e.coords[c[axes.indexOf(e)] as number] as number;
      if (e.k === "adv") src[e.dim] = e.vals[e.vals.length === 1 ? 0 : b] as number;
    }
    return src;
  };
  return { outShape, source, hasAdv: advPos.length > 0 };
}

const shapeArb = fc.array(fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 1)), { maxLength: 4 });

/** A valid index expression for `shape`, in-range, with broadcast-compatible advanced indices. */
function itemsArb(shape: readonly number[]): fc.Arbitrary<{ items: Item[]; masks: Map<torch.Tensor, boolean[]> }> {
  const per = shape.map((size) =>
    fc.oneof(
      ...(size > 0 ? [fc.integer({ min: -size, max: size - 1 }).map((i) => ({ kind: "int" as const, v: i as Item }))] : []),
      fc
        .tuple(fc.option(fc.integer({ min: -5, max: 5 })), fc.option(fc.integer({ min: -5, max: 5 })), fc.integer({ min: 1, max: 3 }))
        .map(([a, b, s]) => ({ kind: "slice" as const, v: `${a ?? ""}:${b ?? ""}${s === 1 ? "" : `:${s}`}` as Item })),
      size > 0
        ? fc.array(fc.integer({ min: -size, max: size - 1 }), { minLength: 1, maxLength: 3 }).map((v) => ({ kind: "list" as const, v: v as Item }))
        : fc.constant({ kind: "list" as const, v: [] as Item }),
      fc.array(fc.boolean(), { minLength: size, maxLength: size }).map((b) => ({ kind: "mask" as const, v: b as unknown as Item })),
    ),
  );
  return fc
    .tuple(fc.tuple(...per), fc.array(fc.integer({ min: 0, max: shape.length }), { maxLength: 2 }), fc.option(fc.integer({ min: 0, max: shape.length })))
    .map(([chosen, nulls, ellipsisAt]) => {
      const masks = new Map<torch.Tensor, boolean[]>();
      // Keep advanced indices broadcastable: one mask alone, or lists of one common length (or 1).
      const hasMask = chosen.some((c) => c.kind === "mask");
      const firstList = chosen.find((c) => c.kind === "list")?.v as number[] | undefined;
      const items: Item[] = chosen.map((c, dim) => {
        if (c.kind === "mask") {
          if (hasMask && chosen.findIndex((q) => q.kind === "mask") !== dim) return ":";
          if (firstList !== undefined) return ":";
          const t = torch.tensor(c.v as unknown as boolean[], { dtype: torch.bool });
          masks.set(t, c.v as unknown as boolean[]);
          return t;
        }
        if (c.kind === "list") {
          if (hasMask) return ":";
          const l = c.v as number[];
          if (l.length === 1 || l.length === (firstList as number[]).length) return l;
          return l.length === 0 ? ":" : l.slice(0, 1);
        }
        return c.v;
      });
      if (ellipsisAt !== null) items.splice(ellipsisAt, shape.length - ellipsisAt, "...");
      for (const n of nulls) items.splice(Math.min(n, items.length), 0, null);
      return { items, masks };
    });
}

const caseArb = shapeArb.chain((shape) => fc.tuple(fc.constant(shape), fc.boolean(), itemsArb(shape)));

function input(shape: number[], transpose: boolean): torch.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  if (!transpose || shape.length < 2) return torch.arange(n).reshape(shape);
  const t = [...shape].reverse();
  return torch.arange(n).reshape(t).permute(shape.map((_, i) => shape.length - 1 - i));
}

describe("indexing properties (fast-check)", () => {
  it("x.index(...items).tolist() equals the reference read of x.tolist()", () => {
    fc.assert(
      fc.property(caseArb, ([shape, tr, { items, masks }]) => {
        const x = input(shape, tr);
        const xs = x.tolist() as Nested;
        const ref = reference(shape, items, masks);
        const r = x.index(...items);
        expect([...r.shape]).toEqual(ref.outShape);
        expect(r.tolist()).toEqual(build(ref.outShape, (c) => at(xs, ref.source(c))));
        expect(r.sharesStorage(x)).toBe(!ref.hasAdv);
      }),
      { numRuns: 300 },
    );
  });

  it("indexPut_ changes exactly the addressed elements (assign and accumulate), through a view", () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), ([shape, tr, { items, masks }], accumulate) => {
        const x = input(shape, tr);
        const xs = x.tolist() as Nested;
        const ref = reference(shape, items, masks);
        const hits = new Map<string, number>();
        const out = ref.outShape;
        build(out, (c) => {
          const key = ref.source(c).join(",");
          hits.set(key, (hits.get(key) ?? 0) + 1);
          return 0;
        });
        const v0 = x._version;
        x.indexPut_(items, 100, { accumulate });
        const expected = build(shape, (c) => {
          const n = hits.get(c.join(",")) ?? 0;
          const old = at(xs, c);
          return n === 0 ? old : accumulate ? old + 100 * (ref.hasAdv ? n : 1) : 100;
        });
        expect(x.tolist()).toEqual(expected);
        expect(x._version).toBe(v0 + 1);
      }),
      { numRuns: 300 },
    );
  });

  it("gather and scatterAdd agree with loops over nested arrays", () => {
    const arb = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 1 }))
      .chain(([r, c, k, dim]) =>
        fc.tuple(
          fc.constant([r, c, k, dim] as const),
          fc.array(fc.array(fc.integer({ min: 0, max: (dim === 0 ? r : c) - 1 }), { minLength: k, maxLength: k }), { minLength: r, maxLength: r }),
        ),
      );
    fc.assert(
      fc.property(arb, ([[r, c, k, dim], idx]) => {
        // index shape [r, k] (dim 1) or [k', c]-like: use [r, k] with k <= c for dim 0 too.
        const kk = Math.min(k, c);
        const index = idx.map((row) => row.slice(0, kk));
        const x = torch.arange(r * c).reshape(r, c).mul(3);
        const xs = x.tolist() as number[][];
        const g = x.gather(dim, torch.tensor(index, { dtype: torch.int64 }).reshape(r, kk));
        expect(g.tolist()).toEqual(index.map((row, i) => row.map((v, j) => (dim === 0 ? xs[v]![j]! : xs[i]![v]!))));
        const src = torch.ones(r, kk, { dtype: torch.int64 });
        const s = torch.zeros(r, c, { dtype: torch.int64 }).scatterAdd(dim, torch.tensor(index, { dtype: torch.int64 }).reshape(r, kk), src);
        const want = Array.from({ length: r }, () => new Array<number>(c).fill(0));
        index.forEach((row, i) => row.forEach((v, j) => (dim === 0 ? want[v]![j]!++ : want[i]![v]!++)));
        expect(s.tolist()).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });
});
