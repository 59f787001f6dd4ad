/**
 * One sample call per op of the derivative table, for gradient checks on any device: the
 * typetorch test runs gradcheck/gradgradcheck over all of them in float64 on the CPU, and the
 * conformance suite can run them on every backend. The table is a mapped type over the op
 * names, so a new op without a sample does not compile.
 */
import type { BinaryOp, NestedData, Tensor, UnaryOp } from "@typetorch/tensor-core";
import {
  Tensor as TensorClass, cat, columnStack, div, dstack, hstack, kthvalue, pow, stack, sub, tensor, topk, vstack, where,
} from "@typetorch/tensor-core";
import { FORMULAS } from "./formulas.js";
import type { NamedOp, OpName } from "./formulas.js";

export interface GradSample {
  /** Fresh inputs; those that require grad are checked. */
  inputs: () => Tensor[];
  fn: (...xs: Tensor[]) => Tensor;
  /** Also check second derivatives (elementwise, matmul, reduction and view ops). */
  order2?: boolean;
}
/** A sample, "none" for ops without a derivative, or why no public entry point reaches the op yet. */
export type SampleEntry = GradSample | "none" | { readonly unreachable: string };

// Values away from the points where an op is not differentiable (0 for abs/relu, integers for
// floor/round, ties for max/min, exact quotients for floor division and remainder).
const X = [[0.3, -1.2, 2.1], [1.4, 0.7, -0.45]];
const POS = [[0.3, 1.2, 2.1], [1.4, 0.7, 2.6]];
const UNIT = [[0.3, -0.25, 0.8], [-0.6, 0.1, 0.45]];
const Y = [[1.1, 2.3, -0.6], [0.35, -1.3, 2.9]];
const DIVISOR = [[1.1, 2.3, -0.65], [0.33, -1.3, 2.9]];
const R3 = [[[0.5, -1.1, 2.2, 1.6], [0.25, 3.1, -2.3, 0.75]], [[1.05, 1.25, -0.5, 2.5], [-1.5, 0.3, 0.65, 0.9]]];

/** The samples, with inputs on `device` in `dtype`. */
export function gradSamples(device = "cpu", dtype: "float64" | "float32" = "float64"): { readonly [K in OpName]: SampleEntry } {
  const d = (data: NestedData): Tensor => tensor(data, { dtype, device, requiresGrad: true });
  const c = (data: NestedData): Tensor => tensor(data, { dtype, device });
  const long = (data: NestedData): Tensor => tensor(data, { dtype: "int64", device });
  const one = (f: (x: Tensor) => Tensor, data: NestedData = X): GradSample => ({ inputs: () => [d(data)], fn: f, order2: true });
  const two = (f: (a: Tensor, b: Tensor) => Tensor, a: NestedData = X, b: NestedData = Y): GradSample => ({
    inputs: () => [d(a), d(b)],
    fn: f,
    order2: true,
  });

  const unary: { readonly [K in UnaryOp]: SampleEntry } = {
    neg: one((x) => x.neg()),
    abs: one((x) => x.abs()),
    sign: one((x) => x.sign()),
    sqrt: one((x) => x.sqrt(), POS),
    rsqrt: one((x) => x.rsqrt(), POS),
    exp: one((x) => x.exp()),
    exp2: one((x) => x.exp2()),
    expm1: one((x) => x.expm1()),
    log: one((x) => x.log(), POS),
    log2: one((x) => x.log2(), POS),
    log10: one((x) => x.log10(), POS),
    log1p: one((x) => x.log1p(), POS),
    sin: one((x) => x.sin()),
    cos: one((x) => x.cos()),
    tan: one((x) => x.tan(), UNIT),
    asin: one((x) => x.asin(), UNIT),
    acos: one((x) => x.acos(), UNIT),
    atan: one((x) => x.atan()),
    sinh: one((x) => x.sinh()),
    cosh: one((x) => x.cosh()),
    tanh: one((x) => x.tanh()),
    asinh: one((x) => x.asinh()),
    acosh: one((x) => x.acosh(), [[1.3, 2.2, 3.1]]),
    atanh: one((x) => x.atanh(), UNIT),
    erf: one((x) => x.erf()),
    sigmoid: one((x) => x.sigmoid()),
    relu: one((x) => x.relu()),
    floor: one((x) => x.floor()),
    ceil: one((x) => x.ceil()),
    round: one((x) => x.round()),
    trunc: one((x) => x.trunc()),
    reciprocal: one((x) => x.reciprocal(), POS),
    bitwiseNot: "none",
    logicalNot: "none",
    isnan: "none",
    isinf: "none",
    isfinite: "none",
    signbit: "none",
  };

  const binary: { readonly [K in BinaryOp]: SampleEntry } = {
    add: two((a, b) => a.add(b, { alpha: 2 }).add(a.add(1.5))),
    sub: two((a, b) => a.sub(b).add(sub(a, b, { alpha: -3 })).add(sub(2, a))),
    mul: two((a, b) => a.mul(b).add(a.mul(3))),
    div: two((a, b) => a.div(b).add(div(2, b))),
    truncDiv: two((a, b) => a.div(b, { roundingMode: "trunc" }), X, DIVISOR),
    floorDiv: two((a, b) => a.floorDivide(b), X, DIVISOR),
    remainder: two((a, b) => a.remainder(b).add(a.remainder(0.65)), X, DIVISOR),
    fmod: two((a, b) => a.fmod(b).add(a.fmod(0.65)), X, DIVISOR),
    pow: two((a, b) => a.pow(b).add(a.pow(3)).add(pow(2, b)), POS),
    atan2: two((a, b) => a.atan2(b)),
    maximum: two((a, b) => a.maximum(b)),
    minimum: two((a, b) => a.minimum(b)),
    eq: "none", ne: "none", lt: "none", le: "none", gt: "none", ge: "none",
    logicalAnd: "none", logicalOr: "none", logicalXor: "none",
    bitwiseAnd: "none", bitwiseOr: "none", bitwiseXor: "none", leftShift: "none", rightShift: "none",
  };

  const view = (f: (x: Tensor) => Tensor, data: NestedData = R3): GradSample => one(f, data);
  const named: { readonly [K in Exclude<NamedOp, "clamp_" | "fill_" | "zero_" | "copy_" | "maskedFill_" | "maskedScatter_">]: SampleEntry } = {
    where: two((a, b) => where(c(X).gt(0), a, b).add(where(c(Y).gt(0), 1.5, a))),
    clamp: {
      inputs: () => [d(X), d([[0.1, -2.0, 1.0], [2.0, 0.2, -0.1]]), d([[1.0, 0.5, 3.0], [3.0, 0.6, 0.5]])],
      fn: (x, lo, hi) => x.clamp(-1, 1).add(x.clamp(lo, hi)).add(x.clamp(0.5)),
      order2: true,
    },
    clone: one((x) => x.clone()),
    to: one((x) => x.to(dtype, { copy: true })),
    view: view((x) => x.view(4, 4).add(x.reshape(-1, 2).reshape(16).view(4, 4))),
    permute: view((x) => x.permute(2, 0, 1).add(x.transpose(0, 2).transpose(1, 2)).pow(2).sum().add(x.select(0, 1).t().pow(2).sum())),
    unsqueeze: view((x) => x.unsqueeze(1).unsqueeze(-1)),
    squeeze: view((x) => x.narrow(1, 0, 1).squeeze().add(x.narrow(1, 1, 1).squeeze(1))),
    expand: view((x) => x.narrow(2, 0, 1).expand(2, 2, 3)),
    slice: view((x) => x.index(":", "1:", "::2").pow(2)),
    narrow: view((x) => x.narrow(2, 1, 2)),
    split: view((x) => {
      const [a, b] = x.split([1, 3], 2) as [Tensor, Tensor];
      return a.mul(b.narrow(2, 0, 1)).add(b.sum(2, true));
    }),
    select: view((x) => x.select(2, 1).pow(2).sum().add(x.select(0, -1).pow(2).sum())),
    unbind: view((x) => {
      const [a, b] = x.unbind(0) as [Tensor, Tensor];
      return a.mul(b);
    }),
    diagonal: view((x) => x.diagonal(0, 1, 2).add(x.diagonal(1, 1, 2).sum())),
    unfold: view((x) => x.unfold(2, 3, 1).pow(2)),
    mm: two((a, b) => a.mm(b.t())),
    bmm: two((a, b) => a.bmm(b.transpose(1, 2)), R3, R3),
    mv: two((a, v) => a.mv(v), X, [0.5, -1.5, 2.0]),
    dot: two((a, b) => a.dot(b), [0.5, -1.5, 2.0], [1.0, 2.5, -0.3]),
    matmul: {
      inputs: () => [d(R3), d([[0.5, -1.5], [2.0, 1.0], [0.3, 0.2], [-0.7, 1.1]]), d([0.5, -1.5, 2.0, 0.4])],
      fn: (a, b, v) => a.matmul(b).sum().add(a.matmul(v).sum()).add(v.matmul(a.select(0, 0).t()).sum()),
      order2: true,
    },
    sum: view((x) => x.sum().add(x.sum(1)).add(x.sum([0, 2], true)).pow(2)),
    mean: view((x) => x.mean().add(x.mean(1)).add(x.mean([0, 2], true)).pow(2)),
    prod: one((x) => x.prod().add(x.prod(1).sum()).add(x.prod(0).sum()), [[0.5, 1.5, -2.0], [0.0, 1.2, 0.8]]),
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
    cumprod: view((x) => x.cumprod(2).add(x.cumprod(1)).add(x.mul(c([0, 1, 0, 1])).cumprod(2))),
    cat: two((a, b) => cat([a, b, a], 1).pow(2).add(cat([a, b], 0).sum())),
    stack: two((a, b) => stack([a, b], 1).pow(2)),
    hstack: two((a, b) => hstack([a, b]).pow(2)),
    vstack: two((a, b) => vstack([a, b]).pow(2)),
    dstack: two((a, b) => dstack([a, b]).pow(2)),
    columnStack: two((a, b) => columnStack([a, b]).pow(2)),
    flip: view((x) => x.flip(0, 2).mul(x)),
    roll: view((x) => x.roll(1, 2).mul(x).add(x.roll(3).mul(x))),
    tril: one((x) => x.tril().add(x.tril(-1)).pow(2)),
    triu: one((x) => x.triu(1).add(x.triu()).pow(2)),
    repeat: one((x) => x.repeat(2, 1, 2).pow(2)),
    tile: one((x) => x.tile(2).pow(2)),
    repeatInterleave: one((x) => x.repeatInterleave(2, 1).pow(2).add(x.repeatInterleave(tensor([1, 3], { device }), 0).sum())),
    sort: view((x) => x.sort(2).values.mul(c([1, 2, 3, 4])).add(x.sort(0, true).values.pow(2))),
    argsort: "none",
    msort: view((x) => x.msort().pow(2)),
    topk: view((x) => topk(x, 2, 2).values.pow(2).add(topk(x, 1, 0, false).values.sum())),
    kthvalue: view((x) => kthvalue(x, 2, 2).values.pow(2).add(kthvalue(x, 1, 1, true).values.sum())),
    unique: "none",
    alias: view((x) => x.index("...").mul(x.index())),
    // std 0 / an empty range: deterministic draws, so finite differences are meaningful.
    random_: view((x) => x.mul(2).normal_(1, 0).add(x).mul(x.mul(1).uniform_(0.5, 0.5))),
    index: view((x) => x.index(long([1, 0]), ":", long([3, 1])).pow(2).add(x.index(":", long([[0, 0], [1, 1]])).sum()).sum().add(x.index(x.gt(0)).pow(2).sum())),
    indexPut_: two((x, v) => x.mul(1).indexPut_([long([1, 0])], v.narrow(0, 0, 1).mul(2)).pow(2).add(x.mul(1).indexPut_([long([0, 0])], v.select(0, 1), { accumulate: true }))),
    gather: view((x) => x.gather(2, long([[[0, 3], [1, 1]], [[2, 2], [0, 3]]])).pow(2)),
    scatter_: two((x, s) => x.mul(1).scatter_(1, long([[2, 0], [1, 2]]), s.narrow(1, 0, 2)).pow(2).add(x.mul(1).scatter_(0, long([[1, 0, 1]]), 2))),
    scatter_add_: two((x, s) => x.mul(1).scatterAdd_(1, long([[2, 2], [1, 0]]), s.narrow(1, 0, 2)).pow(2)),
    scatterReduce_: two((x, s) => {
      const i = long([[0, 0, 1], [1, 1, 0]]);
      const r = (reduce: "sum" | "mean" | "amax" | "amin" | "prod", includeSelf: boolean): Tensor => x.mul(1).scatterReduce_(0, i, s, reduce, { includeSelf });
      return r("sum", true).add(r("mean", false)).add(r("amax", true)).add(r("amin", false)).add(r("prod", true)).add(r("prod", false)).pow(2);
    }),
    indexSelect: view((x) => x.indexSelect(2, long([3, 0, 3])).pow(2)),
    index_add_: two((x, s) => x.mul(1).indexAdd_(1, long([2, 0]), s.narrow(1, 0, 2), { alpha: 2 }).pow(2)),
    index_copy_: two((x, s) => x.mul(1).indexCopy_(1, long([2, 0]), s.narrow(1, 0, 2)).pow(2)),
    index_fill_: {
      inputs: () => [d(X), d(1.5)],
      fn: (x, v) => x.mul(1).indexFill_(1, long([2, 0]), v).pow(2).add(x.mul(1).indexFill_(0, long([1]), -2)),
      order2: true,
    },
    take: one((x) => x.take(long([[5, 0], [-1, 2]])).pow(2)),
    maskedFill: {
      inputs: () => [d(X), d(0.25)],
      fn: (x, v) => x.maskedFill(c(X).gt(0.5), v).pow(2).add(x.maskedFill(c([true, false, true]).gt(0), -1)),
      order2: true,
    },
    maskedScatter: two((x, s) => x.maskedScatter(c(X).gt(0.5), s).pow(2)),
    maskedSelect: view((x) => x.maskedSelect(c([1, -1, 1, 1]).gt(0)).pow(2)),
    nonzero: "none",
  };
  const inplace = {
    clamp_: { inputs: () => [d(X)], fn: (x: Tensor) => x.mul(1).clamp_(-1, 1) },
    fill_: { inputs: () => [d(X)], fn: (x: Tensor) => x.mul(2).fill_(3).add(x) },
    zero_: { inputs: () => [d(X)], fn: (x: Tensor) => x.mul(2).zero_().add(x) },
    copy_: { inputs: () => [d(X), d([1.5, -0.5, 0.25])], fn: (x: Tensor, s: Tensor) => x.mul(2).copy_(s.mul(3)).mul(x) },
    maskedFill_: { inputs: () => [d(X), d(0.25)], fn: (x: Tensor, v: Tensor) => x.mul(1).maskedFill_(c(X).gt(0.5), v).pow(2) },
    maskedScatter_: { inputs: () => [d(X), d(Y)], fn: (x: Tensor, s: Tensor) => x.mul(1).maskedScatter_(c(X).gt(0.5), s).pow(2) },
  } satisfies { readonly [K in "clamp_" | "fill_" | "zero_" | "copy_" | "maskedFill_" | "maskedScatter_"]: SampleEntry };

  const base: Readonly<Record<string, SampleEntry>> = { ...unary, ...binary, ...named, ...inplace };
  /** `x.mul(1).op_(...)`, with the out-of-place sample's data (self must not be a leaf). */
  const inplaceOf = (name: string): SampleEntry => {
    const op = name.slice(0, -1);
    const method = op === "floorDiv" ? "floorDivide_" : name;
    if (base[op] === "none") return "none";
    const m = (TensorClass.prototype as unknown as Record<string, unknown>)[method];
    if (typeof m !== "function") return { unreachable: `no public method ${name}` };
    const scalarForm = op === "pow" || op === "remainder" || op === "fmod";
    const positive = op === "pow" || op === "sqrt" || op === "rsqrt" || op === "log" || op === "reciprocal";
    return {
      inputs: () => [d(positive ? POS : X), ...(op in binary ? [d(DIVISOR)] : [])],
      fn: (self, other) => (m as (...a: unknown[]) => Tensor).apply(self.mul(1), scalarForm || other === undefined ? (scalarForm ? [0.65] : []) : [other]),
    };
  };
  return Object.fromEntries(Object.keys(FORMULAS).map((k) => [k, base[k] ?? inplaceOf(k)])) as { readonly [K in OpName]: SampleEntry };
}
