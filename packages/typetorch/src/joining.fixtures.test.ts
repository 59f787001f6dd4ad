// Replays tooling/fixtures/data/joining.json (PyTorch 1.13, gen_views_joining.py): joining,
// reordering and sorting ops give PyTorch's dtype, shape and values, or its exception.
import { describe, expect, it } from "vitest";
import * as torch from "./index.js";
import fixture from "../../../tooling/fixtures/data/joining.json" with { type: "json" };

type Enc = number | string | boolean | Enc[];
interface TensorSpec {
  data: Enc;
  dtype: torch.DType;
}
type Arg = TensorSpec | TensorSpec[] | number | number[] | Record<string, unknown>;
interface Case {
  op: string;
  args: Arg[];
  result?: unknown;
  error?: string;
  message?: string;
}

const isSpec = (a: unknown): a is TensorSpec => typeof a === "object" && a !== null && "data" in a && "dtype" in a;

function dec(v: Enc): unknown {
  if (Array.isArray(v)) return v.map(dec);
  if (typeof v !== "string") return v;
  if (/^-?\d+$/.test(v)) return BigInt(v);
  return { nan: NaN, inf: Infinity, "-inf": -Infinity, "-0": -0 }[v];
}
function enc(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(enc);
  if (typeof v === "bigint") return String(v);
  if (typeof v !== "number") return v;
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  return Object.is(v, -0) ? "-0" : v;
}
const make = (s: TensorSpec): torch.Tensor => torch.tensor(dec(s.data) as torch.NestedData, { dtype: s.dtype });
const arg = (a: Arg): unknown => (isSpec(a) ? make(a) : Array.isArray(a) && a.length > 0 && isSpec(a[0]) ? (a as TensorSpec[]).map(make) : a);

function rec(r: unknown): unknown {
  if (r instanceof torch.Tensor) return { dtype: r.dtype, shape: r.shape, values: enc(r.tolist()) };
  if (Array.isArray(r)) return r.map(rec);
  const vi = r as torch.ValuesIndices;
  return { values: rec(vi.values), indices: rec(vi.indices) };
}

type Fn = (...a: never[]) => unknown;
const OPS: Record<string, Fn> = {
  cat: torch.cat,
  concat: torch.concat,
  concatenate: torch.concatenate,
  stack: torch.stack,
  hstack: torch.hstack,
  vstack: torch.vstack,
  rowStack: torch.rowStack,
  dstack: torch.dstack,
  columnStack: torch.columnStack,
  flip: torch.flip,
  fliplr: torch.fliplr,
  flipud: torch.flipud,
  roll: torch.roll,
  repeat: (x: torch.Tensor, sizes: number[]) => x.repeat(sizes),
  tile: torch.tile,
  repeatInterleave: torch.repeatInterleave,
  tril: torch.tril,
  triu: torch.triu,
  sort: torch.sort,
  argsort: torch.argsort,
  msort: torch.msort,
  topk: torch.topk,
  kthvalue: torch.kthvalue,
  unique: torch.unique as Fn,
};

const cases = fixture.cases as unknown as Case[];

describe("joining, reordering and sorting replay PyTorch 1.13 (tooling/fixtures/data/joining.json)", () => {
  it("has at least 100 cases", () => expect(cases.length).toBeGreaterThanOrEqual(100));
  it.each(cases.map((c, i) => [`${i} ${c.op} ${JSON.stringify(c.args).slice(0, 120)}`, c] as const))("%s", (_id, c) => {
    const fn = OPS[c.op];
    if (!fn) throw new Error(`no op ${c.op}`);
    const call = (): unknown => (fn as (...a: unknown[]) => unknown)(...c.args.map(arg));
    if (c.error !== undefined) {
      expect(call).toThrow(expect.objectContaining({ name: c.error, message: c.message }));
      return;
    }
    expect(rec(call())).toEqual(c.result);
  });
});
