// Every op of the derivative table, checked against float64 finite differences (gradcheck) and,
// for elementwise, matmul, reduction and view ops, to second order (gradgradcheck). The sample
// table is an exhaustive mapped type over the op names, and the test enumerates the formula
// table, so a new op without a formula or a sample fails the build.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";
import { FORMULAS } from "@typetorch/autograd";
import type { OpName } from "@typetorch/autograd";

const { gradcheck, gradgradcheck } = torch.autograd;
const d = (data: torch.NestedData): Tensor => torch.tensor(data, { dtype: "float64", requiresGrad: true });
const c = (data: torch.NestedData): Tensor => torch.tensor(data, { dtype: "float64" });

interface Sample {
  inputs: () => Tensor[];
  fn: (...xs: Tensor[]) => Tensor;
  /** Also check second derivatives. */
  order2?: boolean;
}
/** A sample, "none" for ops without a derivative, or why no public entry point reaches the op yet. */
type Entry = Sample | "none" | { unreachable: string };

const X = [[0.3, -1.2, 2.1], [1.4, 0.7, -0.45]];
const POS = [[0.3, 1.2, 2.1], [1.4, 0.7, 2.6]];
const UNIT = [[0.3, -0.25, 0.8], [-0.6, 0.1, 0.45]];
const Y = [[1.1, 2.3, -0.6], [0.35, -1.3, 2.9]];
/** Divisors away from exact quotients (where floor/trunc/remainder jump). */
const DIVISOR = [[1.1, 2.3, -0.65], [0.33, -1.3, 2.9]];
const unary = (f: (x: Tensor) => Tensor, data = X): Sample => ({ inputs: () => [d(data)], fn: f, order2: true });
const binary = (f: (a: Tensor, b: Tensor) => Tensor, a = X, b = Y): Sample => ({ inputs: () => [d(a), d(b)], fn: f, order2: true });
const noInplaceApi = { unreachable: "no public in-place method" };

const UNARY = {
  neg: unary((x) => x.neg()),
  abs: unary((x) => x.abs()),
  sign: unary((x) => x.sign()),
  sqrt: unary((x) => x.sqrt(), POS),
  rsqrt: unary((x) => x.rsqrt(), POS),
  exp: unary((x) => x.exp()),
  exp2: unary((x) => x.exp2()),
  expm1: unary((x) => x.expm1()),
  log: unary((x) => x.log(), POS),
  log2: unary((x) => x.log2(), POS),
  log10: unary((x) => x.log10(), POS),
  log1p: unary((x) => x.log1p(), POS),
  sin: unary((x) => x.sin()),
  cos: unary((x) => x.cos()),
  tan: unary((x) => x.tan(), UNIT),
  asin: unary((x) => x.asin(), UNIT),
  acos: unary((x) => x.acos(), UNIT),
  atan: unary((x) => x.atan()),
  sinh: unary((x) => x.sinh()),
  cosh: unary((x) => x.cosh()),
  tanh: unary((x) => x.tanh()),
  asinh: unary((x) => x.asinh()),
  acosh: unary((x) => x.acosh(), [[1.3, 2.2, 3.1]]),
  atanh: unary((x) => x.atanh(), UNIT),
  erf: unary((x) => x.erf()),
  sigmoid: unary((x) => x.sigmoid()),
  relu: unary((x) => x.relu()),
  floor: unary((x) => x.floor()),
  ceil: unary((x) => x.ceil()),
  round: unary((x) => x.round()),
  trunc: unary((x) => x.trunc()),
  reciprocal: unary((x) => x.reciprocal(), POS),
  bitwiseNot: "none",
  logicalNot: "none",
  isnan: "none",
  isinf: "none",
  isfinite: "none",
  signbit: "none",
} as const satisfies { readonly [K in torch.UnaryOp]: Entry };

const BINARY = {
  add: binary((a, b) => a.add(b, { alpha: 2 })),
  sub: binary((a, b) => a.sub(b).add(torch.sub(a, b, { alpha: -3 }))),
  mul: binary((a, b) => a.mul(b).add(a.mul(3))),
  div: binary((a, b) => a.div(b).add(torch.div(2, b))),
  truncDiv: binary((a, b) => a.div(b, { roundingMode: "trunc" }), X, DIVISOR),
  floorDiv: binary((a, b) => a.floorDivide(b), X, DIVISOR),
  remainder: binary((a, b) => a.remainder(b).add(a.remainder(0.65)), X, DIVISOR),
  fmod: binary((a, b) => a.fmod(b).add(a.fmod(0.65)), X, DIVISOR),
  pow: binary((a, b) => a.pow(b).add(a.pow(3)).add(torch.pow(2, b)), POS),
  atan2: binary((a, b) => a.atan2(b)),
  maximum: binary((a, b) => a.maximum(b)),
  minimum: binary((a, b) => a.minimum(b)),
  eq: "none", ne: "none", lt: "none", le: "none", gt: "none", ge: "none",
  logicalAnd: "none", logicalOr: "none", logicalXor: "none",
  bitwiseAnd: "none", bitwiseOr: "none", bitwiseXor: "none", leftShift: "none", rightShift: "none",
} as const satisfies { readonly [K in torch.BinaryOp]: Entry };

const R3 = [[[0.5, -1.1, 2.2, 1.6], [0.25, 3.1, -2.3, 0.75]], [[1.05, 1.25, -0.5, 2.5], [-1.5, 0.3, 0.65, 0.9]]];
const view = (f: (x: Tensor) => Tensor, data: torch.NestedData = R3): Sample => ({ inputs: () => [d(data)], fn: f, order2: true });

const NAMED = {
  where: { inputs: () => [d(X), d(Y)], fn: (a, b) => torch.where(c(X).gt(0), a, b).add(torch.where(c(Y).gt(0), 1.5, a)), order2: true },
  clamp: { inputs: () => [d(X), d([[0.1, -2.0, 1.0], [2.0, 0.2, -0.1]]), d([[1.0, 0.5, 3.0], [3.0, 0.6, 0.5]])], fn: (x, lo, hi) => x.clamp(-1, 1).add(x.clamp(lo, hi)).add(x.clamp(0.5)), order2: true },
  clamp_: { inputs: () => [d(X)], fn: (x) => x.mul(1).clamp_(-1, 1) },
  fill_: { inputs: () => [d(X)], fn: (x) => x.mul(2).fill_(3).add(x) },
  zero_: { inputs: () => [d(X)], fn: (x) => x.mul(2).zero_().add(x) },
  copy_: { inputs: () => [d(X), d([1.5, -0.5, 0.25])], fn: (x, s) => x.mul(2).copy_(s.mul(3)).mul(x) },
  clone: unary((x) => x.clone()),
  to: unary((x) => x.to("float64", { copy: true })),
  view: view((x) => x.view(4, 4).add(x.reshape(-1, 2).reshape(16).view(4, 4))),
  permute: view((x) => x.permute(2, 0, 1).add(x.transpose(0, 2).transpose(1, 2)).pow(2).sum().add(x.select(0, 1).t().pow(2).sum())),
  unsqueeze: view((x) => x.unsqueeze(1).unsqueeze(-1)),
  squeeze: view((x) => x.narrow(1, 0, 1).squeeze().add(x.narrow(1, 1, 1).squeeze(1))),
  expand: view((x) => x.narrow(2, 0, 1).expand(2, 2, 3)),
  slice: { unreachable: "no public entry point dispatches 'slice' yet (indexing adds x.index)" },
  narrow: view((x) => x.narrow(2, 1, 2)),
  split: view((x) => { const [a, b] = x.split([1, 3], 2) as [Tensor, Tensor]; return a.mul(b.narrow(2, 0, 1)).add(b.sum(2, true)); }),
  select: view((x) => x.select(2, 1).pow(2).sum().add(x.select(0, -1).pow(2).sum())),
  unbind: view((x) => { const [a, b] = x.unbind(0) as [Tensor, Tensor]; return a.mul(b); }),
  diagonal: view((x) => x.diagonal(0, 1, 2).add(x.diagonal(1, 1, 2).sum())),
  unfold: view((x) => x.unfold(2, 3, 1).pow(2)),
  mm: binary((a, b) => a.mm(b.t())),
  bmm: { inputs: () => [d(R3), d(R3)], fn: (a, b) => a.bmm(b.transpose(1, 2)), order2: true },
  mv: { inputs: () => [d(X), d([0.5, -1.5, 2.0])], fn: (a, v) => a.mv(v), order2: true },
  dot: { inputs: () => [d([0.5, -1.5, 2.0]), d([1.0, 2.5, -0.3])], fn: (a, b) => a.dot(b), order2: true },
  matmul: { inputs: () => [d(R3), d([[0.5, -1.5], [2.0, 1.0], [0.3, 0.2], [-0.7, 1.1]]), d([0.5, -1.5, 2.0, 0.4])], fn: (a, b, v) => a.matmul(b).sum().add(a.matmul(v).sum()).add(v.matmul(a.select(0, 0).t())), order2: true },
  sum: view((x) => x.sum().add(x.sum(1)).add(x.sum([0, 2], true)).pow(2)),
  mean: view((x) => x.mean().add(x.mean(1)).add(x.mean([0, 2], true)).pow(2)),
  prod: { inputs: () => [d([[0.5, 1.5, -2.0], [0.0, 1.2, 0.8]])], fn: (x) => x.prod().add(x.prod(1).sum()).add(x.prod(0).sum()), order2: true },
  var: view((x) => x.var().add(x.var(1)).add(x.var(2, true, { correction: 0 }))),
  std: view((x) => x.std().add(x.std(1)).add(x.std(2, true, { correction: 0 }))),
  amax: view((x) => x.amax().add(x.amax(1)).add(x.amax([0, 2], true))),
  amin: view((x) => x.amin().add(x.amin(1)).add(x.amin([0, 2], true))),
  max: view((x) => x.max().add(x.max(1).values).add(x.max(2, true).values)),
  min: view((x) => x.min().add(x.min(1).values).add(x.min(2, true).values)),
  argmax: "none",
  argmin: "none",
  all: "none",
  any: "none",
  logsumexp: view((x) => x.logsumexp(1).add(x.logsumexp([0, 2], true))),
  cumsum: view((x) => x.cumsum(2).add(x.cumsum(0)).pow(2)),
  cumprod: view((x) => x.cumprod(2).add(x.cumprod(1))),
} as const satisfies { readonly [K in keyof typeof FORMULAS & string as K extends `${torch.UnaryOp | torch.BinaryOp}${"" | "_"}` ? never : K]: Entry };

const base: Record<string, Entry> = { ...UNARY, ...BINARY, ...NAMED };
/** In-place ops: `x.mul(1).op_(...)` against the same sample (self must not be a leaf). */
function inplaceSample(name: string): Entry {
  const outOfPlace = name.slice(0, -1);
  const method = name === "floorDiv_" ? "floorDivide_" : name === "truncDiv_" ? null : name;
  const b = base[outOfPlace];
  if (b === "none") return "none";
  if (method === null || typeof (torch.Tensor.prototype as unknown as Record<string, unknown>)[method] !== "function") return noInplaceApi;
  const args = (xs: Tensor[]): unknown[] => xs.slice(1);
  const isScalarForm = ["pow", "remainder", "fmod"].includes(outOfPlace);
  return {
    inputs: () => [d(outOfPlace === "pow" || (UNARY as Record<string, Entry>)[outOfPlace] !== undefined && ["sqrt", "log", "reciprocal"].includes(outOfPlace) ? POS : X), ...(outOfPlace in BINARY ? [d(DIVISOR)] : [])],
    fn: (...xs) => {
      const self = xs[0]!.mul(1);
      const m = (self as unknown as Record<string, (...a: unknown[]) => Tensor>)[method];
      return m!.apply(self, isScalarForm ? [0.65] : args(xs));
    },
  };
}
const SAMPLES: { readonly [K in OpName]: Entry } = Object.fromEntries(
  Object.keys(FORMULAS).map((k) => [k, base[k] ?? inplaceSample(k)]),
) as { readonly [K in OpName]: Entry };

describe("gradcheck: every op of the derivative table (float64)", () => {
  for (const [name, entry] of Object.entries(FORMULAS)) {
    const sample = SAMPLES[name as OpName];
    const resolved = typeof entry === "object" && "inplaceOf" in entry ? FORMULAS[entry.inplaceOf as OpName] : entry;
    it(name, () => {
      if (resolved === "nondifferentiable") {
        expect(sample).toBe("none");
        return;
      }
      expect(sample, `${name} has a formula but no sample`).not.toBe("none");
      if (typeof sample === "object" && "unreachable" in sample) return;
      const s = sample as Sample;
      expect(gradcheck(s.fn, s.inputs())).toBe(true);
      if (s.order2) expect(gradgradcheck(s.fn, s.inputs())).toBe(true);
    });
  }
});

describe("the table covers every op the core dispatches", () => {
  const root = fileURLToPath(new URL("../../tensor-core/src", import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
    });
  // Literal names: dispatch("name", ...) and the op names handed to helpers that dispatch them.
  const literal = new Set<string>();
  for (const f of files(root)) {
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(/dispatch\(\s*"(\w+)"/g)) literal.add(m[1]!);
  }
  it("every literal dispatch name has an entry", () => {
    const missing = [...literal].filter((n) => !(n in FORMULAS));
    expect(missing).toEqual([]);
  });
});
