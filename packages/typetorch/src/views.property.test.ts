// Properties of views and of the joining/reordering ops over random shapes (size-0 and size-1 dims
// included). The reference for a chain of views is written here independently of typetorch's
// stride arithmetic: a view is a function from an index tuple to the flat index of the base
// element it addresses, and every op transforms that function with plain index arithmetic.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as torch from "./index.js";

/** The reference model of a view: its shape and, per index tuple, the base's flat index. */
interface Ref {
  shape: number[];
  at: (i: number[]) => number;
}

const prod = (s: readonly number[]): number => s.reduce((p, v) => p * v, 1);
const unravel = (flat: number, shape: readonly number[]): number[] => {
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d] as number;
    out[d] = flat % n;
    flat = Math.floor(flat / n);
  }
  return out;
};
const ravel = (i: readonly number[], shape: readonly number[]): number => i.reduce((f, v, d) => f * (shape[d] as number) + v, 0);

function materialize(r: Ref): unknown {
  const rec = (prefix: number[]): unknown => {
    if (prefix.length === r.shape.length) return r.at(prefix);
    return Array.from({ length: r.shape[prefix.length] as number }, (_, k) => rec([...prefix, k]));
  };
  return rec([]);
}
function addressed(r: Ref): Set<number> {
  const s = new Set<number>();
  for (let f = 0; f < prod(r.shape); f++) s.add(r.at(unravel(f, r.shape)));
  return s;
}

/** One random view op: applies it to the tensor and to the reference, or returns null if it does not fit. */
type Step = (x: torch.Tensor, r: Ref, c: () => number) => [torch.Tensor, Ref, string] | null;

const pick = (c: () => number, n: number): number => c() % n;

const STEPS: Step[] = [
  (x, r, c) => {
    if (r.shape.length === 0) return null;
    const a = pick(c, r.shape.length);
    const b = pick(c, r.shape.length);
    const swap = (i: number[]): number[] => i.map((v, k) => (k === a ? (i[b] as number) : k === b ? (i[a] as number) : v));
    const shape = swap(r.shape);
    return [x.transpose(a, b), { shape, at: (i) => r.at(swap(i)) }, `transpose(${a},${b})`];
  },
  (x, r, c) => {
    const p = r.shape.map((_, k) => k);
    for (let k = p.length - 1; k > 0; k--) {
      const j = pick(c, k + 1);
      [p[k], p[j]] = [p[j] as number, p[k] as number];
    }
    const shape = p.map((d) => r.shape[d] as number);
    const at = (i: number[]): number => {
      const j = new Array<number>(i.length);
      p.forEach((d, k) => (j[d] = i[k] as number));
      return r.at(j);
    };
    return [x.permute(p), { shape, at }, `permute(${p})`];
  },
  (x, r, c) => {
    if (r.shape.length === 0) return null;
    const d = pick(c, r.shape.length);
    const n = r.shape[d] as number;
    const start = pick(c, n + 1);
    const len = pick(c, n - start + 1);
    const shape = r.shape.map((s, k) => (k === d ? len : s));
    return [x.narrow(d, start, len), { shape, at: (i) => r.at(i.map((v, k) => (k === d ? v + start : v))) }, `narrow(${d},${start},${len})`];
  },
  (x, r, c) => {
    if (r.shape.length === 0) return null;
    const d = pick(c, r.shape.length);
    const n = r.shape[d] as number;
    if (n === 0) return null;
    const k = pick(c, n);
    const shape = r.shape.filter((_, j) => j !== d);
    return [x.select(d, k), { shape, at: (i) => r.at([...i.slice(0, d), k, ...i.slice(d)]) }, `select(${d},${k})`];
  },
  (x, r, c) => {
    if (r.shape.length === 0) return null;
    const d = pick(c, r.shape.length);
    const n = r.shape[d] as number;
    if (n === 0) return null;
    const size = 1 + pick(c, n);
    const step = 1 + pick(c, 3);
    const shape = [...r.shape.map((s, k) => (k === d ? Math.floor((n - size) / step) + 1 : s)), size];
    const at = (i: number[]): number => {
      const w = i[i.length - 1] as number;
      return r.at(i.slice(0, -1).map((v, k) => (k === d ? v * step + w : v)));
    };
    return [x.unfold(d, size, step), { shape, at }, `unfold(${d},${size},${step})`];
  },
  (x, r, c) => {
    // expand: size-1 dims grow to k, plus maybe a new leading dim.
    const k = 1 + pick(c, 3);
    const lead = pick(c, 2);
    const target = [...new Array<number>(lead).fill(k), ...r.shape.map((s) => (s === 1 ? k : s))];
    const at = (i: number[]): number => r.at(i.slice(lead).map((v, j) => (r.shape[j] === 1 ? 0 : v)));
    return [x.expand(target), { shape: target, at }, `expand(${target})`];
  },
  (x, r, c) => {
    const d = pick(c, r.shape.length + 1);
    const shape = [...r.shape.slice(0, d), 1, ...r.shape.slice(d)];
    return [x.unsqueeze(d), { shape, at: (i) => r.at([...i.slice(0, d), ...i.slice(d + 1)]) }, `unsqueeze(${d})`];
  },
  (x, r, c) => {
    const all = pick(c, 2) === 0;
    const d = r.shape.length === 0 ? 0 : pick(c, r.shape.length);
    const drop = r.shape.map((s, k) => s === 1 && (all || k === d));
    const shape = r.shape.filter((_, k) => !drop[k]);
    const at = (i: number[]): number => {
      let q = 0;
      return r.at(r.shape.map((_, k) => (drop[k] ? 0 : (i[q++] as number))));
    };
    return [all ? x.squeeze() : x.squeeze(d), { shape, at }, all ? "squeeze()" : `squeeze(${d})`];
  },
  (x, r, c) => {
    // reshape to the sizes in a rotated order (same numel); a view or a copy, values agree.
    const rot = r.shape.length === 0 ? 0 : pick(c, r.shape.length);
    const shape = [...r.shape.slice(rot), ...r.shape.slice(0, rot)];
    if (prod(r.shape) === 0 && rot !== 0) return null;
    const at = (i: number[]): number => r.at(unravel(ravel(i, shape), r.shape));
    return [x.reshape(shape), { shape, at }, `reshape(${shape})`];
  },
  (x, r, c) => {
    if (r.shape.length < 2) return null;
    const d1 = pick(c, r.shape.length);
    const d2 = (d1 + 1 + pick(c, r.shape.length - 1)) % r.shape.length;
    const off = pick(c, 5) - 2;
    const [n1, n2] = [r.shape[d1] as number, r.shape[d2] as number];
    const len = Math.max(off >= 0 ? Math.min(n1, n2 - off) : Math.min(n1 + off, n2), 0);
    const shape = [...r.shape.filter((_, k) => k !== d1 && k !== d2), len];
    const at = (i: number[]): number => {
      const t = i[i.length - 1] as number;
      const rest = i.slice(0, -1);
      const j: number[] = [];
      let q = 0;
      for (let k = 0; k < r.shape.length; k++) {
        if (k === d1) j.push(t + (off < 0 ? -off : 0));
        else if (k === d2) j.push(t + (off > 0 ? off : 0));
        else j.push(rest[q++] as number);
      }
      return r.at(j);
    };
    return [x.diagonal(off, d1, d2), { shape, at }, `diagonal(${off},${d1},${d2})`];
  },
  (x, r, c) => {
    if (r.shape.length === 0) return null;
    const s = pick(c, r.shape.length);
    const e = s + pick(c, r.shape.length - s);
    const shape = [...r.shape.slice(0, s), prod(r.shape.slice(s, e + 1)), ...r.shape.slice(e + 1)];
    const inner = r.shape.slice(s, e + 1);
    const at = (i: number[]): number => r.at([...i.slice(0, s), ...unravel(i[s] as number, inner), ...i.slice(s + 1)]);
    return [x.flatten(s, e), { shape, at }, `flatten(${s},${e})`];
  },
];

const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 });
const chainArb = fc.record({ shape: shapeArb, choices: fc.array(fc.nat(), { minLength: 0, maxLength: 40 }) });

/** Builds a random chain from the choice stream; returns the view, its reference and a label. */
function buildChain(shape: number[], choices: number[]): { base: torch.Tensor; y: torch.Tensor; ref: Ref; ops: string[]; expanded: boolean } {
  const base = torch.arange(prod(shape)).reshape(shape);
  let k = 0;
  const c = (): number => (k < choices.length ? (choices[k++] as number) : 0);
  let y = base;
  let ref: Ref = { shape: [...shape], at: (i) => ravel(i, shape) };
  const ops: string[] = [];
  let expanded = false;
  while (k < choices.length && ops.length < 6) {
    const which = c() % STEPS.length;
    const res = (STEPS[which] as Step)(y, ref, c);
    if (!res) continue;
    [y, ref] = [res[0], res[1]];
    ops.push(res[2]);
    if (which === 5) expanded = true;
  }
  return { base, y, ref, ops, expanded };
}

describe("random view chains", () => {
  it("reading through a chain equals the independently indexed reference", () => {
    fc.assert(
      fc.property(chainArb, ({ shape, choices }) => {
        const { y, ref, ops } = buildChain(shape, choices);
        expect(y.shape, ops.join(" ")).toEqual(ref.shape);
        expect(y.tolist(), ops.join(" ")).toEqual(materialize(ref));
      }),
      { numRuns: 400 },
    );
  });

  it("writing through a non-expanded view changes exactly the elements it addresses", () => {
    fc.assert(
      fc.property(chainArb, ({ shape, choices }) => {
        const { base, y, ref, ops, expanded } = buildChain(shape, choices);
        if (expanded && y.stride().some((s, d) => s === 0 && (y.shape[d] as number) > 1)) return;
        y.fill_(-1);
        const hit = y.sharesStorage(base) ? addressed(ref) : new Set<number>();
        const after = base.flatten().tolist() as number[];
        after.forEach((v, f) => expect(v, `${ops.join(" ")} at ${f}`).toBe(hit.has(f) ? -1 : f));
      }),
      { numRuns: 400 },
    );
  });
});

const tensorArb = fc
  .array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      data: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: prod(shape), maxLength: prod(shape) }),
      transposed: fc.boolean(),
    }),
  )
  .map(({ shape, data, transposed }) => {
    const t = torch.tensor(data, { dtype: torch.float64 }).reshape(shape);
    return transposed ? t.T : t;
  });

describe("laws", () => {
  it("reshape(x, s).flatten() equals x.flatten()", () => {
    fc.assert(
      fc.property(tensorArb, fc.nat(), (x, rot) => {
        const r = rot % x.ndim;
        const s = [...x.shape.slice(r), ...x.shape.slice(0, r)];
        expect(x.reshape(s).flatten().tolist()).toEqual(x.flatten().tolist());
      }),
    );
  });

  it("x.transpose(a, b).transpose(a, b) has x's shape and strides and shares its storage", () => {
    fc.assert(
      fc.property(tensorArb, fc.nat(), fc.nat(), (x, a, b) => {
        const y = x.transpose(a % x.ndim, b % x.ndim).transpose(a % x.ndim, b % x.ndim);
        expect([y.shape, y.stride(), y.storageOffset(), y.sharesStorage(x)]).toEqual([x.shape, x.stride(), x.storageOffset(), true]);
      }),
    );
  });

  it("cat(split(x, k, d), d) equals x", () => {
    fc.assert(
      fc.property(tensorArb, fc.integer({ min: 1, max: 4 }), fc.nat(), (x, k, dd) => {
        const d = dd % x.ndim;
        const y = torch.cat(x.split(k, d), d);
        expect([y.shape, y.tolist()]).toEqual([x.shape, x.tolist()]);
      }),
    );
  });

  it("flip reverses exactly the listed dims, and flip(flip(x)) equals x (short and long dims)", () => {
    const long = fc
      .record({ rows: fc.integer({ min: 0, max: 3 }), n: fc.integer({ min: 0, max: 150 }), t: fc.boolean() })
      .map(({ rows, n, t }) => {
        const x = torch.arange(rows * n).reshape(rows, n);
        return t ? x.T : x;
      });
    fc.assert(
      fc.property(fc.oneof(tensorArb, long), fc.array(fc.nat(), { maxLength: 3 }), (x, ds) => {
        const dims = [...new Set(ds.map((d) => d % x.ndim))];
        const y = torch.flip(x, dims);
        const ref: Ref = { shape: [...x.shape], at: (i) => ravel(i.map((v, d) => (dims.includes(d) ? (x.shape[d] as number) - 1 - v : v)), x.shape) };
        const flat = x.flatten().tolist() as number[];
        const want = materialize({ shape: ref.shape, at: (i) => flat[ref.at(i)] as number });
        expect(y.tolist()).toEqual(want);
        expect(torch.flip(y, dims).tolist()).toEqual(x.tolist());
      }),
    );
  });

  it("roll by s then by -s is the identity", () => {
    fc.assert(
      fc.property(tensorArb, fc.integer({ min: -7, max: 7 }), fc.nat(), (x, s, dd) => {
        const d = dd % x.ndim;
        expect(torch.roll(torch.roll(x, s, d), -s, d).tolist()).toEqual(x.tolist());
      }),
    );
  });

  it("sort: values non-decreasing (NaN last), a permutation of the input, stable ties in index order", () => {
    const vals = fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(NaN)), { maxLength: 40 });
    fc.assert(
      fc.property(vals, fc.boolean(), (data, descending) => {
        const x = torch.tensor(data, { dtype: torch.float32 });
        const { values, indices } = x.sort({ descending, stable: true });
        const v = values.tolist() as number[];
        const ix = (indices.tolist() as number[]).map(Number);
        expect([...ix].sort((a, b) => a - b)).toEqual(data.map((_, i) => i));
        ix.forEach((j, k) => expect(Object.is(v[k], data[j])).toBe(true));
        const nanRank = (a: number): number => (Number.isNaN(a) ? 1 : 0);
        for (let k = 1; k < v.length; k++) {
          const [p, q] = [v[k - 1] as number, v[k] as number];
          const order = nanRank(p) - nanRank(q) || (nanRank(p) ? 0 : p - q);
          expect(descending ? order >= 0 : order <= 0).toBe(true);
          if (order === 0) expect((ix[k - 1] as number) < (ix[k] as number)).toBe(true);
        }
      }),
    );
  });
});
