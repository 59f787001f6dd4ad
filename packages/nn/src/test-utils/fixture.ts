/**
 * Reading tooling/fixtures/data/nn.json (written by tooling/fixtures/gen_nn.py with PyTorch 1.13).
 * Test-only: imported by `*.test.ts` files, never by the package's entry point.
 */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import * as torch from "typetorch";
import type { DType, Tensor } from "typetorch";

type Num = number | string;
export interface TensorRec {
  data: Num[];
  shape: number[];
  dtype: DType;
  requiresGrad?: boolean;
}
export interface Case {
  name: string;
  inputs: Record<string, TensorRec>;
  outputs: TensorRec[];
  gradOutputs: (Num[] | null)[];
  grads: Record<string, Num[] | null>;
}
export interface NnFixture {
  torch: string;
  cases: Case[];
  errors: Record<string, string>;
  init: { seed: number; layers: Record<string, Record<string, TensorRec>>; fns: Record<string, TensorRec> }[];
  gains: [string, number | null, number][];
  reprs: Record<string, string>;
  model: {
    repr: string;
    namedParameters: [string, number[]][];
    namedBuffers: string[];
    stateDict: string[];
    namedModules: [string, string][];
    namedChildren: string[];
    nonStrict: { missingKeys: string[]; unexpectedKeys: string[] };
  };
  dropout: { seed: number; p: number; shape: number[]; out: TensorRec }[];
  clip: { normType: Num; maxNorm: number; grads: TensorRec[]; total: Num; clipped: TensorRec[] }[];
  net: {
    seed: number;
    repr: string;
    input: TensorRec;
    output: TensorRec;
    target: TensorRec;
    loss: TensorRec;
    params: Record<string, { sum: number; head: Num[] }>;
    grads: Record<string, TensorRec>;
  };
}

let cached: NnFixture | null = null;
export function fixture(): NnFixture {
  cached ??= JSON.parse(readFileSync(new URL("../../../../tooling/fixtures/data/nn.json", import.meta.url), "utf8")) as NnFixture;
  return cached;
}

/** A number from the fixture (NaN/±inf/-0 are spelled as strings, see fixture_common.float_token). */
export function num(v: Num): number {
  if (typeof v === "number") return v;
  return ({ nan: NaN, inf: Infinity, "-inf": -Infinity, "-0": -0 } as Record<string, number>)[v]!;
}

/** The recorded tensor, rebuilt with its dtype and shape. */
export function toTensor(r: TensorRec, options: { requiresGrad?: boolean } = {}): Tensor {
  const t = torch.tensor(r.data.map(num), { dtype: r.dtype }).reshape(r.shape);
  return options.requiresGrad ? t.requiresGrad_(true) : t;
}

/** The values of `t` as float64 numbers (int64 via Number). */
export function values(t: Tensor): number[] {
  return (t.reshape(-1).tolist() as (number | bigint | boolean)[]).map(Number);
}

/**
 * `actual` equals the recorded values within |a − e| ≤ atol + rtol·|e| (NaN matches NaN), with
 * the first offending index in the message.
 */
export function expectClose(actual: Tensor | number[], expected: Num[], rtol: number, atol: number, label = ""): void {
  const a = Array.isArray(actual) ? actual : values(actual);
  expect(a.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < a.length; i++) {
    const e = num(expected[i]!);
    const x = a[i]!;
    if (Number.isNaN(e) && Number.isNaN(x)) continue;
    if (!(Math.abs(x - e) <= atol + rtol * Math.abs(e))) {
      expect.fail(`${label}[${i}]: got ${x}, PyTorch ${e} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

/** Bit-exact float32 comparison: every value of `actual` is the recorded float32. */
export function expectFloat32Exact(actual: Tensor, expected: TensorRec, label = ""): void {
  expect([...actual.shape], `${label}: shape`).toEqual(expected.shape);
  const a = values(actual);
  const mismatches = a.map((x, i) => [i, x, Math.fround(num(expected.data[i]!))] as const).filter(([, x, e]) => !Object.is(x, e));
  expect(mismatches.slice(0, 5), `${label}: ${mismatches.length} of ${a.length} values differ`).toEqual([]);
}

/** "ExceptionType: message" of what `fn` throws (or "OK"), as the fixture records errors. */
export function errorText(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    const err = e as Error;
    return `${err.name}: ${err.message}`;
  }
  return "OK";
}
