// Replays tooling/fixtures/data/indexing.json (PyTorch 1.13, see tooling/fixtures/gen_indexing.py):
// x[...] and index_put_, the gather/scatter family, masked ops, take and nonzero. Each case checks
// the result's dtype, shape, strides, storage offset, storage sharing and values, or the error's
// class and message; in-place cases also check the input afterwards (unchanged on error).
import { describe, expect, it } from "vitest";
import * as torch from "./index.js";
import fixture from "../../../tooling/fixtures/data/indexing.json" with { type: "json" };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface TensorJson {
  dtype: torch.DType;
  shape: number[];
  values: Json[];
}
interface ResultJson extends TensorJson {
  strides: number[];
  offset: number;
  shares: boolean;
  values: Json[];
}
interface Case {
  id: string;
  op: string;
  note?: string;
  input: { dtype: torch.DType; base: Json[]; shape: number[]; strides: number[]; offset: number };
  args: Json[];
  result?: ResultJson | ResultJson[];
  error?: { type: string; message: string };
  after?: Json;
}

const SPECIAL: Record<string, number> = { nan: NaN, inf: Infinity, "-inf": -Infinity };
const num = (v: Json): Json => (typeof v === "string" && v in SPECIAL ? (SPECIAL[v] as number) : Array.isArray(v) ? v.map(num) : v);

function makeTensor(t: TensorJson): torch.Tensor {
  return torch.tensor(num(t.values) as torch.NestedData, { dtype: t.dtype }).reshape(t.shape);
}

function decodeArg(a: Json): unknown {
  if (a === null || typeof a !== "object" || Array.isArray(a)) return a;
  if ("tensor" in a) return makeTensor(a.tensor as unknown as TensorJson);
  if ("list" in a) return a.list;
  if ("items" in a) return (a.items as Json[]).map(decodeArg);
  if ("opts" in a) return a.opts;
  throw new Error(`unknown arg ${JSON.stringify(a)}`);
}

function makeInput(c: Case): torch.Tensor {
  const base = torch.tensor(num(c.input.base) as torch.NestedData, { dtype: c.input.dtype });
  return base._view(c.input.shape, c.input.strides, c.input.offset);
}

function checkResult(r: torch.Tensor, e: ResultJson, x: torch.Tensor): void {
  expect(r.dtype).toBe(e.dtype);
  expect([...r.shape]).toEqual(e.shape);
  expect(r.sharesStorage(x)).toBe(e.shares);
  expect(r.tolist()).toEqual(num(e.values));
  // Strides and offsets of copies are layout choices; PyTorch's are recorded and matched too.
  expect([...r.stride()]).toEqual(e.strides);
  expect(r.storageOffset()).toBe(e.offset);
}

const cases = (fixture as unknown as { cases: Case[] }).cases;

describe("indexing fixtures from PyTorch 1.13", () => {
  it("has at least 200 cases", () => expect(cases.length).toBeGreaterThanOrEqual(200));
  for (const c of cases) {
    it(`${c.op} ${c.id}`, () => {
      const x = makeInput(c);
      const before = x.tolist();
      const args = c.args.map(decodeArg);
      const call = (): unknown => (x as unknown as Record<string, (...a: unknown[]) => unknown>)[c.op]!(...args);
      if (c.error) {
        expect(call).toThrow(expect.objectContaining({ name: c.error.type, message: c.error.message }));
        expect(x.tolist()).toEqual(before);
        return;
      }
      const r = call();
      if (Array.isArray(c.result)) {
        const list = r as torch.Tensor[];
        expect(list.length).toBe(c.result.length);
        c.result.forEach((e, i) => checkResult(list[i] as torch.Tensor, e, x));
      } else {
        checkResult(r as torch.Tensor, c.result as ResultJson, x);
      }
      if (c.after !== undefined) expect(x.tolist()).toEqual(num(c.after));
    });
  }
});
