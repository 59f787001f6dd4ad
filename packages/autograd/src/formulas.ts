/**
 * THE derivative table: one entry per op the core dispatches. The table's type is a mapped type
 * over the op union (every unary and binary primitive, their in-place forms, and the named ops),
 * so a new op without an entry does not compile; `formulas.test.ts` also checks every name the
 * core dispatches is here.
 *
 * `g` is the gradient of the op's output; each rule returns one gradient per tensor input.
 * Broadcasting and dtype casts are undone by the engine (`validate`), so rules may return a
 * gradient of the output's shape for a broadcast input.
 */
import type { BinaryOp, IndexItem, Scalar, Tensor, UnaryOp } from "@typetorch/tensor-core";
import { RuntimeError, broadcastShapes, cat, div, where, zerosLike as zerosLikeCore, zeros } from "@typetorch/tensor-core";
import type { Ctx, Entry, Rule, Saves } from "./rule.js";
import { axesOf, reducedCount, scatterAlong, segmentSum, sumTo, unreduce, unrepeat } from "./helpers.js";
import { embed } from "./record.js";
import { unfoldBackward } from "./unfold.js";

type Operand = Tensor | Scalar;
const rule = (name: Rule["name"], saves: Saves, backward: Rule["backward"], view = false): Rule => ({ name, saves, backward, view });
/** PyTorch wraps a Python scalar operand of add/sub/mul/div (and where) as a tensor: a null input. */
const wrapScalars = (r: Rule, first = 0): Rule => ({
  ...r,
  slots: (a) => {
    let k = first;
    return [a.a === undefined ? k++ : null, a.b === undefined ? k++ : null];
  },
});
/** zeros like g (its dtype and device), optionally of another shape. */
const zerosLike = (g: Tensor, o?: { shape: readonly number[] }): Tensor =>
  o === undefined ? zerosLikeCore(g) : zeros([...o.shape], { dtype: g.dtype, device: g.device });
const zero = (g: Tensor): Tensor => zerosLike(g);

/** A unary rule: d(op x) in terms of g, the saved input x and the saved output o. */
const un = (name: string, saves: Saves, f: (g: Tensor, x: () => Tensor, o: () => Tensor) => Tensor): Rule =>
  rule(name, saves, (g, c) => [f(g, () => c.x(0), () => c.out())]);

/**
 * A binary rule over operands that may be JS scalars (attrs.a / attrs.b hold them; the tensor
 * inputs are the others, in order). `f` returns [d/da, d/db]; entries for scalars are dropped.
 */
function bin(
  name: Rule["name"],
  saves: Saves,
  f: (g: Tensor, a: () => Operand, b: () => Operand, o: () => Tensor, alpha: number) => [Tensor | null, Tensor | null],
): Rule {
  return rule(name, saves, (g, c) => {
    const sa = c.attrs.a as Scalar | undefined;
    const sb = c.attrs.b as Scalar | undefined;
    const a = (): Operand => sa ?? c.x(0);
    const b = (): Operand => sb ?? c.x(sa === undefined ? 1 : 0);
    const [ga, gb] = f(g, a, b, () => c.out(), Number(c.attrs.alpha ?? 1));
    return [...(sa === undefined ? [ga] : []), ...(sb === undefined ? [gb] : [])];
  });
}
const T = (v: Operand): Tensor => v as Tensor;
const isT = (v: Operand): v is Tensor => typeof v === "object";
const sq = (v: Operand): Operand => (isT(v) ? v.mul(v) : Number(v) * Number(v));
const neg = (v: Operand): Operand => (isT(v) ? v.neg() : -Number(v));

/** d max(a, b): g to the larger, g/2 to each on ties (PyTorch's rule). */
const extremum = (name: string, pick: "gt" | "lt"): Rule =>
  bin(name, "inputs", (g, a, b) => {
    const A = a();
    const B = b();
    const swap = !isT(A);
    const X = T(swap ? B : A);
    const Y = swap ? A : B;
    const tie = where(X.eq(Y), g.div(2), g);
    const gX = where(pick === "gt" ? X.lt(Y) : X.gt(Y), 0, tie);
    const gY = where(pick === "gt" ? X.gt(Y) : X.lt(Y), 0, tie);
    return swap ? [gY, gX] : [gX, gY];
  });

/** Gradient of the view `t => view(t)` of a tensor of `shape`: g put back in place. */
const viewRule = (name: Rule["name"], replay: (c: Ctx) => (t: Tensor) => Tensor, back: string): Rule =>
  rule(name, "none", (g, c) => [embed(g, c.shapes[0] as number[], replay(c), back)], true);

/** `t[dim, start:end:step]` with public ops (narrow, then every step-th element via unfold). */
function slice(t: Tensor, dim: number, start: number, end: number, step: number): Tensor {
  const n = t.narrow(dim, start, Math.max(end - start, 0));
  return step === 1 ? n : n.unfold(dim, 1, step).select(-1, 0);
}

/** d reduce-to-extreme: g shared evenly among the elements equal to the extreme. */
const evenly = (name: Rule["name"]): Rule =>
  rule(name, "both", (g, c) => {
    const x = c.x();
    const mask = x.eq(unreduce(c.out(), x.shape, c.attrs.dim, c.attrs.keepdim)).to(g.dtype);
    const count = mask.sum(axesOf(c.attrs.dim, x.ndim), true);
    return [unreduce(g, x.shape, c.attrs.dim, c.attrs.keepdim).mul(mask).div(count)];
  });

/** d max(x, dim): g to the first element equal to the maximum (the index max returns). */
const toIndex = (name: string): Rule =>
  rule(name, "both", (g, c) => {
    const x = c.x();
    const d = c.attrs.dim as number;
    const hit = x.eq(unreduce(c.out(), x.shape, d, c.attrs.keepdim));
    const first = hit.logicalAnd(hit.cumsum(x.ndim === 0 ? 0 : d).eq(1));
    return [where(first, unreduce(g, x.shape, d, c.attrs.keepdim), 0)];
  });

/** x − mean(x) over the reduced dims, and N − correction. */
function centered(c: Ctx): [Tensor, number] {
  const x = c.x();
  const axes = axesOf(c.attrs.dim, x.ndim);
  return [x.sub(x.mean(axes, true)), Math.max(reducedCount(x.shape, c.attrs.dim) - (c.attrs.correction as number), 0)];
}

const named = (dimForm: string, allForm: string) => (a: Readonly<Record<string, unknown>>): string =>
  a.dim === null || a.dim === undefined ? allForm : dimForm;

const UNARY: { readonly [K in UnaryOp]: Entry } = {
  neg: un("NegBackward0", "none", (g) => g.neg()),
  abs: un("AbsBackward0", "inputs", (g, x) => g.mul(x().sign())),
  sign: un("SignBackward0", "none", zero),
  sqrt: un("SqrtBackward0", "output", (g, _x, o) => g.div(o().mul(2))),
  rsqrt: un("RsqrtBackward0", "output", (g, _x, o) => g.mul(o().pow(3)).mul(-0.5)),
  exp: un("ExpBackward0", "output", (g, _x, o) => g.mul(o())),
  exp2: un("Exp2Backward0", "output", (g, _x, o) => g.mul(o()).mul(Math.LN2)),
  expm1: un("Expm1Backward0", "output", (g, _x, o) => g.mul(o().add(1))),
  log: un("LogBackward0", "inputs", (g, x) => g.div(x())),
  log2: un("Log2Backward0", "inputs", (g, x) => g.div(x().mul(Math.LN2))),
  log10: un("Log10Backward0", "inputs", (g, x) => g.div(x().mul(Math.LN10))),
  log1p: un("Log1PBackward0", "inputs", (g, x) => g.div(x().add(1))),
  sin: un("SinBackward0", "inputs", (g, x) => g.mul(x().cos())),
  cos: un("CosBackward0", "inputs", (g, x) => g.mul(x().sin()).neg()),
  tan: un("TanBackward0", "output", (g, _x, o) => g.mul(o().mul(o()).add(1))),
  asin: un("AsinBackward0", "inputs", (g, x) => g.div(x().mul(x()).neg().add(1).sqrt())),
  acos: un("AcosBackward0", "inputs", (g, x) => g.div(x().mul(x()).neg().add(1).sqrt()).neg()),
  atan: un("AtanBackward0", "inputs", (g, x) => g.div(x().mul(x()).add(1))),
  sinh: un("SinhBackward0", "inputs", (g, x) => g.mul(x().cosh())),
  cosh: un("CoshBackward0", "inputs", (g, x) => g.mul(x().sinh())),
  tanh: un("TanhBackward0", "output", (g, _x, o) => g.mul(o().mul(o()).neg().add(1))),
  asinh: un("AsinhBackward0", "inputs", (g, x) => g.div(x().mul(x()).add(1).sqrt())),
  acosh: un("AcoshBackward0", "inputs", (g, x) => g.div(x().mul(x()).sub(1).sqrt())),
  atanh: un("AtanhBackward0", "inputs", (g, x) => g.div(x().mul(x()).neg().add(1))),
  erf: un("ErfBackward0", "inputs", (g, x) => g.mul(x().mul(x()).neg().exp()).mul(2 / Math.sqrt(Math.PI))),
  sigmoid: un("SigmoidBackward0", "output", (g, _x, o) => g.mul(o().mul(o().neg().add(1)))),
  relu: un("ReluBackward0", "output", (g, _x, o) => where(o().gt(0), g, 0)),
  floor: un("FloorBackward0", "none", zero),
  ceil: un("CeilBackward0", "none", zero),
  round: un("RoundBackward0", "none", zero),
  trunc: un("TruncBackward0", "none", zero),
  reciprocal: un("ReciprocalBackward0", "output", (g, _x, o) => g.mul(o().mul(o())).neg()),
  bitwiseNot: "nondifferentiable",
  logicalNot: "nondifferentiable",
  isnan: "nondifferentiable",
  isinf: "nondifferentiable",
  isfinite: "nondifferentiable",
  signbit: "nondifferentiable",
};

const BINARY: { readonly [K in BinaryOp]: Entry } = {
  add: wrapScalars(bin("AddBackward0", "none", (g, _a, _b, _o, alpha) => [g, alpha === 1 ? g : g.mul(alpha)])),
  sub: wrapScalars(bin((a) => (a.a !== undefined ? "RsubBackward1" : "SubBackward0"), "none", (g, _a, _b, _o, alpha) => [g, g.mul(-alpha)])),
  mul: wrapScalars(bin("MulBackward0", "inputs", (g, a, b) => [g.mul(b()), g.mul(a())])),
  div: wrapScalars(bin("DivBackward0", "inputs", (g, a, b) => [g.div(b()), g.mul(a()).div(sq(b())).neg()])),
  truncDiv: bin("DivBackward2", "none", (g) => [zero(g), zero(g)]),
  floorDiv: bin("DivBackward2", "none", (g) => [zero(g), zero(g)]),
  remainder: bin((a) => (a.b !== undefined ? "RemainderBackward0" : "RemainderBackward1"), "inputs", (g, a, b) => [g, g.mul(div(a(), b(), { roundingMode: "floor" })).neg()]),
  fmod: bin((a) => (a.b !== undefined ? "FmodBackward0" : "FmodBackward1"), "inputs", (g, a, b) => [g, g.mul(div(a(), b(), { roundingMode: "trunc" })).neg()]),
  pow: bin((a) => (a.b !== undefined ? "PowBackward0" : a.a !== undefined ? "PowBackward2" : "PowBackward1"), "both", (g, a, b, o) => {
    const A = a();
    const B = b();
    let ga: Tensor | null = null;
    if (isT(A)) {
      ga = isT(B)
        ? where(B.eq(0), 0, g.mul(B.mul(A.pow(B.sub(1)))))
        : Number(B) === 0
          ? zero(g)
          : g.mul(A.pow(Number(B) - 1).mul(Number(B)));
    }
    let gb: Tensor | null = null;
    if (isT(B)) {
      const logA = isT(A) ? A.log() : Math.log(Number(A));
      const zeroBase = isT(A) ? A.eq(0).logicalAnd(B.ge(0)) : B.ge(0).logicalAnd(Number(A) === 0);
      gb = where(zeroBase, 0, g.mul(o().mul(logA)));
    }
    return [ga, gb];
  }),
  atan2: bin("Atan2Backward0", "inputs", (g, a, b) => {
    const A = a();
    const B = b();
    const den = isT(A) ? A.mul(A).add(sq(B)) : T(B).mul(B).add(sq(A));
    return [g.mul(B).div(den), g.mul(neg(A)).div(den)];
  }),
  maximum: extremum("MaximumBackward0", "gt"),
  minimum: extremum("MinimumBackward0", "lt"),
  eq: "nondifferentiable",
  ne: "nondifferentiable",
  lt: "nondifferentiable",
  le: "nondifferentiable",
  gt: "nondifferentiable",
  ge: "nondifferentiable",
  logicalAnd: "nondifferentiable",
  logicalOr: "nondifferentiable",
  logicalXor: "nondifferentiable",
  bitwiseAnd: "nondifferentiable",
  bitwiseOr: "nondifferentiable",
  bitwiseXor: "nondifferentiable",
  leftShift: "nondifferentiable",
  rightShift: "nondifferentiable",
};

/** The ops the core dispatches besides the elementwise primitives. */
export type NamedOp =
  | "where" | "clamp" | "clamp_" | "fill_" | "zero_" | "copy_" | "clone" | "to"
  | "view" | "permute" | "unsqueeze" | "squeeze" | "expand" | "slice" | "narrow" | "split" | "select" | "unbind"
  | "diagonal" | "unfold"
  | "mm" | "bmm" | "mv" | "dot" | "matmul"
  | "sum" | "mean" | "prod" | "var" | "std" | "amax" | "amin" | "max" | "min" | "argmax" | "argmin" | "all" | "any"
  | "logsumexp" | "cumsum" | "cumprod"
  | "cat" | "stack" | "hstack" | "vstack" | "dstack" | "columnStack" | "flip" | "roll" | "tril" | "triu"
  | "repeat" | "tile" | "repeatInterleave" | "sort" | "argsort" | "msort" | "topk" | "kthvalue" | "unique"
  | "random_" | "alias" | "index" | "indexPut_" | "gather" | "scatter_" | "scatter_add_" | "scatterReduce_" | "indexSelect" | "index_add_"
  | "index_copy_" | "index_fill_" | "take" | "maskedFill" | "maskedFill_" | "maskedScatter" | "maskedScatter_"
  | "maskedSelect" | "nonzero";

const NAMED: { readonly [K in NamedOp]: Entry } = {
  where: wrapScalars(
    rule("WhereBackward0", "inputs", (g, c) => {
      const cond = c.x(0);
      return [null, ...(c.attrs.a === undefined ? [where(cond, g, 0)] : []), ...(c.attrs.b === undefined ? [where(cond, 0, g)] : [])];
    }),
    1,
  ),
  clamp: {
    ...rule((a) => (tensorBounds(a) ? "ClampBackward0" : "ClampBackward1"), "inputs", clampBackward),
    // clamp(Tensor? min, Tensor? max) lists both bounds, a missing one as null.
    slots: (a) => {
      if (!tensorBounds(a)) return [0];
      let k = 1;
      return [0, a.hasMin ? k++ : null, a.hasMax ? k++ : null];
    },
  },
  clamp_: { inplaceOf: "clamp" },
  fill_: rule("FillBackward2", "none", (g) => [zero(g)]),
  zero_: rule("ZeroBackward0", "none", (g) => [zero(g)]),
  copy_: rule("torch::autograd::CopyBackwards", "none", (g) => [zero(g), g]),
  clone: rule("CloneBackward0", "none", (g) => [g]),
  to: rule("ToCopyBackward0", "none", (g) => [g]),

  view: rule((a) => (a.via === "reshape" ? "ReshapeAliasBackward0" : "ViewBackward0"), "none", (g, c) => [g.reshape(c.shapes[0] as number[])], true),
  permute: rule(
    (a) => (a.via === "t" ? "TBackward0" : a.via === "transpose" ? "TransposeBackward0" : "PermuteBackward0"),
    "none",
    (g, c) => {
      const dims = c.attrs.dims as number[];
      const inv = dims.map((_, i) => dims.indexOf(i));
      return [g.permute(inv)];
    },
    true,
  ),
  unsqueeze: rule("UnsqueezeBackward0", "none", (g, c) => [g.squeeze(c.attrs.dim as number)], true),
  squeeze: rule((a) => (a.all ? "SqueezeBackward0" : "SqueezeBackward1"), "none", (g, c) => [g.reshape(c.shapes[0] as number[])], true),
  expand: rule("ExpandBackward0", "none", (g, c) => [sumTo(g, c.shapes[0] as number[])], true),
  slice: viewRule("SliceBackward0", (c) => (t) => sliceOf(t, c), "SliceBackwardBackward0"),
  narrow: viewRule("SliceBackward0", (c) => (t) => sliceOf(t, c), "SliceBackwardBackward0"),
  split: viewRule("SplitBackward0", (c) => (t) => sliceOf(t, c), "SliceBackwardBackward0"),
  select: viewRule("SelectBackward0", (c) => (t) => t.select(c.attrs.dim as number, c.attrs.index as number), "SelectBackwardBackward0"),
  unbind: viewRule("UnbindBackward0", (c) => (t) => t.select(c.attrs.dim as number, c.attrs.index as number), "SelectBackwardBackward0"),
  diagonal: viewRule(
    "DiagonalBackward0",
    (c) => (t) => t.diagonal(c.attrs.offset as number, c.attrs.dim1 as number, c.attrs.dim2 as number),
    "DiagonalBackwardBackward0",
  ),
  unfold: rule(
    "UnfoldBackward0",
    "none",
    (g, c) => {
      const { dim, size, step } = c.attrs as { dim: number; size: number; step: number };
      return [unfoldBackward(g, c.shapes[0] as number[], dim, size, step)];
    },
    true,
  ),

  mm: rule("MmBackward0", "inputs", (g, c) => [g.mm(c.x(1).t()), c.x(0).t().mm(g)]),
  bmm: rule("BmmBackward0", "inputs", (g, c) => [g.bmm(c.x(1).transpose(1, 2)), c.x(0).transpose(1, 2).bmm(g)]),
  mv: rule("MvBackward0", "inputs", (g, c) => [g.outer(c.x(1)), c.x(0).t().mv(g)]),
  dot: rule("DotBackward0", "inputs", (g, c) => [g.mul(c.x(1)), g.mul(c.x(0))]),
  matmul: rule("UnsafeViewBackward0", "inputs", (g, c) => {
    // Batched matmul with broadcasting; a 1-D operand is a matrix with its extra dim removed.
    const a = c.x(0);
    const b = c.x(1);
    const a2 = a.ndim === 1 ? a.unsqueeze(0) : a;
    const b2 = b.ndim === 1 ? b.unsqueeze(1) : b;
    let g2 = b.ndim === 1 ? g.unsqueeze(-1) : g;
    if (a.ndim === 1) g2 = g2.unsqueeze(-2);
    const ga = sumTo(g2.matmul(b2.mT), a2.shape).reshape(a.shape);
    const gb = sumTo(a2.mT.matmul(g2), b2.shape).reshape(b.shape);
    return [ga, gb];
  }),

  sum: rule(named("SumBackward1", "SumBackward0"), "none", (g, c) => [unreduce(g, c.shapes[0] as number[], c.attrs.dim, c.attrs.keepdim)]),
  mean: rule(named("MeanBackward1", "MeanBackward0"), "none", (g, c) => {
    const shape = c.shapes[0] as number[];
    return [unreduce(g, shape, c.attrs.dim, c.attrs.keepdim).div(reducedCount(shape, c.attrs.dim))];
  }),
  prod: rule(named("ProdBackward1", "ProdBackward0"), "inputs", (g, c) => {
    // The product of the others, also when zeros occur: one zero gets the product of the rest;
    // the zeros stay in the others' products as factors, so second derivatives are right too.
    const x = c.x();
    const axes = axesOf(c.attrs.dim, x.ndim);
    const over = (t: Tensor): Tensor => (axes.length === 1 ? t.prod(axes[0], true) : t.reshape(-1).prod().reshape(x.shape.map(() => 1)));
    const isZero = x.eq(0);
    const count = isZero.sum(axes, true);
    const safe = where(isZero, 1, x);
    const rest = over(safe);
    const zerosProd = over(where(isZero, x, 1));
    const others = where(isZero, where(count.eq(1), rest, 0), rest.div(safe).mul(zerosProd));
    return [unreduce(g, x.shape, c.attrs.dim, c.attrs.keepdim).mul(others)];
  }),
  var: rule("VarBackward0", "inputs", (g, c) => {
    const [d, n] = centered(c);
    return [unreduce(g, d.shape, c.attrs.dim, c.attrs.keepdim).mul(d).mul(2 / n)];
  }),
  std: rule("StdBackward0", "both", (g, c) => {
    const [d, n] = centered(c);
    const o = unreduce(c.out(), d.shape, c.attrs.dim, c.attrs.keepdim);
    return [unreduce(g, d.shape, c.attrs.dim, c.attrs.keepdim).mul(d).div(o.mul(n))];
  }),
  amax: evenly("AmaxBackward0"),
  amin: evenly("AminBackward0"),
  max: { ...toIndex("MaxBackward0"), name: named("MaxBackward0", "MaxBackward1"), backward: (g: Tensor, c: Ctx) => maxLike(g, c, "MaxBackward0") },
  min: { ...toIndex("MinBackward0"), name: named("MinBackward0", "MinBackward1"), backward: (g: Tensor, c: Ctx) => maxLike(g, c, "MinBackward0") },
  argmax: "nondifferentiable",
  argmin: "nondifferentiable",
  all: "nondifferentiable",
  any: "nondifferentiable",
  logsumexp: rule("LogsumexpBackward0", "both", (g, c) => {
    const x = c.x();
    const o = unreduce(c.out(), x.shape, c.attrs.dim, c.attrs.keepdim);
    return [unreduce(g, x.shape, c.attrs.dim, c.attrs.keepdim).mul(x.sub(o).exp())];
  }),
  cumsum: rule("CumsumBackward0", "none", (g, c) => {
    const d = c.attrs.dim as number;
    return [g.ndim === 0 ? g : g.sum(d, true).sub(g.cumsum(d)).add(g)];
  }),
  cumprod: rule("CumprodBackward0", "both", (g, c) => {
    // Σ_{j≥i} g_j·out_j / x_i, exact where x has no zero before i; at the first zero z the term
    // is (Π_{k<z} x_k)·Σ_{j≥z} g_j·Π_{z<k≤j} x_k; after it everything is 0.
    const d = c.attrs.dim as number;
    const x = c.x();
    if (x.ndim === 0) return [g];
    const isZero = x.eq(0);
    const seen = isZero.cumsum(d);
    const before = seen.eq(0);
    const first = isZero.logicalAnd(seen.eq(1));
    const go = g.mul(c.out());
    const plain = go.sum(d, true).sub(go.cumsum(d)).add(go).div(where(isZero, 1, x));
    const prefix = where(before, x, 1).prod(d, true);
    const after = where(seen.sub(isZero.to(seen.dtype)).eq(0), 1, x).cumprod(d);
    const atZero = prefix.mul(where(before, 0, g.mul(after)).sum(d, true));
    return [where(first, atZero, where(before, plain, 0))];
  }),

  cat: rule("CatBackward0", "none", (g, c) => {
    const d = c.attrs.dim as number;
    let at = 0;
    return c.shapes.map((s) => {
      // cat skips 1-D empty tensors whatever dim it joins along.
      if (s.length === 1 && s[0] === 0 && g.ndim !== 1) return null;
      const len = s[d] as number;
      const part = g.narrow(d, at, len);
      at += len;
      return part;
    });
  }),
  stack: rule("StackBackward0", "none", (g, c) => g.unbind(c.attrs.dim as number)),
  hstack: "composite",
  vstack: "composite",
  dstack: "composite",
  columnStack: "composite",
  flip: rule("FlipBackward0", "none", (g, c) => [g.flip(c.attrs.dims as number[])]),
  roll: rule("RollBackward0", "none", (g, c) => {
    const shifts = c.attrs.shifts as number[];
    const dims = c.attrs.dims as number[] | undefined;
    const back = shifts.map((s) => -s);
    return [dims === undefined ? g.flatten().roll(back, [0]).view(c.shapes[0] as number[]) : g.roll(back, dims)];
  }),
  tril: rule("TrilBackward0", "none", (g, c) => [g.tril(c.attrs.diagonal as number)]),
  triu: rule("TriuBackward0", "none", (g, c) => [g.triu(c.attrs.diagonal as number)]),
  repeat: rule("RepeatBackward0", "none", (g, c) => [unrepeat(g, c.shapes[0] as number[], c.attrs.sizes as number[])]),
  tile: "composite",
  repeatInterleave: rule("IndexSelectBackward0", "none", (g, c) => {
    const shape = c.shapes[0] as number[];
    const d = c.attrs.dim as number;
    const counts = c.attrs.counts as number[];
    return [segmentSum(shape.length === 0 ? g : g, d, counts).reshape(shape), null];
  }),
  sort: rule("SortBackward0", "none", (g, c) => [scatterAlong(g, c.indices(), c.attrs.dim as number, c.shapes[0] as number[])]),
  argsort: "nondifferentiable",
  msort: "composite",
  topk: rule("TopkBackward0", "none", (g, c) => [scatterAlong(g, c.indices(), c.attrs.dim as number, c.shapes[0] as number[])]),
  kthvalue: rule("KthvalueBackward0", "none", (g, c) => {
    const d = c.attrs.dim as number;
    const shape = c.shapes[0] as number[];
    const keep = c.attrs.keepdim === true || shape.length === 0;
    return [scatterAlong(keep ? g : g.unsqueeze(d), keep ? c.indices() : c.indices().unsqueeze(d), d, shape)];
  }),
  // PyTorch records Unique2Backward0 and fails at backward; typetorch records nothing.
  unique: "nondifferentiable",

  alias: rule("AliasBackward0", "none", (g) => [g], true),
  // uniform_, normal_, bernoulli_...: the values no longer depend on what was there.
  random_: rule((a) => `${String(a.kind).charAt(0).toUpperCase()}${String(a.kind).slice(1)}Backward0`, "none", (g) => [zero(g)]),
  // Indexing. Index tensors are not differentiable inputs: PyTorch leaves them out of nextFunctions.
  index: only([0], rule("IndexBackward0", "inputs", (g, c) => {
    const v = c.shapes[0] as number[];
    const dims = c.attrs.dims as number[];
    const items: (Tensor | string)[] = v.map(() => ":").slice(0, Math.max(...dims) + 1);
    dims.forEach((d, k) => (items[d] = c.x(k + 1)));
    return [zerosLike(g, { shape: v }).indexPut_(items, g, { accumulate: true })];
  })),
  indexPut_: rule("IndexPutBackward0", "none", (g, c) => {
    const items = c.attrs.indices as IndexItem[];
    return [c.attrs.accumulate ? g : g.indexPut(items, 0), c.shapes.length > 1 ? g.index(...items) : null];
  }),
  gather: only([0], rule("GatherBackward0", "inputs", (g, c) => [zerosLike(g, { shape: c.shapes[0] as number[] }).scatterAdd(c.attrs.dim as number, c.x(1), g)])),
  // PyTorch 1.13 records NotImplemented for scatter with a reduce, and fails at backward.
  scatter_: only([0, 2], rule((a, n) => (a.reduce !== undefined ? "torch::autograd::NotImplemented" : n > 2 ? "ScatterBackward0" : "ScatterBackward1"), "inputs", (g, c) => {
    if (c.attrs.reduce !== undefined) throw new RuntimeError("derivative for aten::scatter is not implemented");
    const d = c.attrs.dim as number;
    const idx = c.x(1);
    return [c.attrs.reduce === "add" ? g : g.scatter(d, idx, 0), null, c.shapes.length > 2 ? g.gather(d, idx) : null];
  })),
  scatter_add_: only([0, 2], rule("ScatterAddBackward0", "inputs", (g, c) => [g, null, g.gather(c.attrs.dim as number, c.x(1))])),
  scatterReduce_: only([0, 2], rule("ScatterReduceBackward0", "both", (g, c) => scatterReduceBackward(g, c))),
  indexSelect: only([0], rule("IndexSelectBackward0", "inputs", (g, c) => [zerosLike(g, { shape: c.shapes[0] as number[] }).indexAdd(c.attrs.dim as number, c.x(1), g)])),
  index_add_: only([0, 2], rule("IndexAddBackward0", "inputs", (g, c) => [g, null, g.indexSelect(c.attrs.dim as number, c.x(1))])),
  index_copy_: only([0, 2], rule("IndexCopyBackward0", "inputs", (g, c) => {
    const d = c.attrs.dim as number;
    return [g.indexFill(d, c.x(1), 0), null, g.indexSelect(d, c.x(1))];
  })),
  index_fill_: only([0, 2], rule((_a, n) => (n > 2 ? "IndexFillBackward1" : "IndexFillBackward0"), "inputs", (g, c) => {
    const d = c.attrs.dim as number;
    return [g.indexFill(d, c.x(1), 0), null, c.shapes.length > 2 ? g.indexSelect(d, c.x(1)).sum() : null];
  })),
  take: only([0], rule("TakeBackward0", "inputs", (g, c) => {
    const shape = c.shapes[0] as number[];
    const n = shape.reduce((a, b) => a * b, 1);
    const idx = c.x(1).reshape(-1);
    const wrapped = where(idx.lt(0), idx.add(n), idx);
    return [zerosLike(g, { shape: [n] }).indexAdd(0, wrapped, g.reshape(-1)).view(shape)];
  })),
  maskedFill: only([0, 2], rule((a) => (a.value instanceof Object ? "MaskedFillBackward1" : "MaskedFillBackward0"), "inputs", (g, c) => {
    const mask = c.x(1);
    return [where(mask, 0, g), null, c.shapes.length > 2 ? where(mask, g, 0).sum() : null];
  })),
  maskedFill_: { inplaceOf: "maskedFill" },
  maskedScatter: only([0, 2], rule("MaskedScatterBackward0", "inputs", (g, c) => {
    const mask = c.x(1);
    const source = c.shapes[2] as number[];
    const n = source.reduce((a, b) => a * b, 1);
    const picked = g.maskedSelect(mask);
    const rest = zerosLike(g, { shape: [n - picked.numel()] });
    return [where(mask, 0, g), null, cat([picked, rest]).view(source)];
  })),
  maskedScatter_: { inplaceOf: "maskedScatter" },
  maskedSelect: only([0], rule("MaskedSelectBackward0", "inputs", (g, c) => {
    const mask = c.x(1);
    const shape = broadcastShapes(c.shapes[0] as number[], mask.shape);
    return [zerosLike(g, { shape }).maskedScatter(mask, g)];
  })),
  nonzero: "nondifferentiable",
};

/** The rule with PyTorch's input list: only the tensor inputs at `positions` (indices are not inputs). */
function only(positions: readonly number[], r: Rule): Rule {
  return { ...r, slots: (_a, n) => positions.filter((p) => p < n) };
}

/** scatter_reduce: sum and mean pass g through; amax/amin share it among the elements that won. */
function scatterReduceBackward(g: Tensor, c: Ctx): (Tensor | null)[] {
  const d = c.attrs.dim as number;
  const self = c.x(0);
  const idx = c.x(1);
  const src = c.x(2);
  const out = c.out();
  const includeSelf = c.attrs.includeSelf !== false;
  const keepSelf = (t: Tensor): Tensor => (includeSelf ? t : t.scatter(d, idx, 0));
  switch (c.attrs.reduce) {
    case "sum":
      return [keepSelf(g), null, g.gather(d, idx)];
    case "mean": {
      const ones = zerosLike(g, { shape: self.shape }).fill_(includeSelf ? 1 : 0).scatterAdd(d, idx, zerosLike(src).fill_(1));
      const n = where(ones.eq(0), 1, ones);
      return [keepSelf(g.div(n)), null, g.div(n).gather(d, idx)];
    }
    case "prod": {
      // Exact for nonzero inputs (PyTorch also handles zeros).
      const go = g.mul(out);
      return [includeSelf ? go.div(self) : keepSelf(g), null, go.gather(d, idx).div(src)];
    }
    case "amax":
    case "amin": {
      const selfWins = keepSelf(self.eq(out).to(g.dtype));
      const srcWins = src.eq(out.gather(d, idx)).to(g.dtype);
      const count = selfWins.scatterAdd(d, idx, srcWins);
      const share = g.div(where(count.eq(0), 1, count));
      return [share.mul(selfWins), null, share.gather(d, idx).mul(srcWins)];
    }
    default:
      throw new RuntimeError(`the derivative for 'scatter_reduce' with reduce='${String(c.attrs.reduce)}' is not implemented.`);
  }
}

const tensorBounds = (a: Readonly<Record<string, unknown>>): boolean =>
  (a.hasMin === true && a.min === undefined) || (a.hasMax === true && a.max === undefined);

/** d clamp: g where lo ≤ x ≤ hi; a tensor bound gets g where x passed it. */
function clampBackward(g: Tensor, c: Ctx): (Tensor | null)[] {
  const x = c.x(0);
  let k = 1;
  const lo: Operand | undefined = c.attrs.hasMin ? ((c.attrs.min as Scalar | undefined) ?? c.x(k++)) : undefined;
  const hi: Operand | undefined = c.attrs.hasMax ? ((c.attrs.max as Scalar | undefined) ?? c.x(k++)) : undefined;
  let inside: Tensor | null = null;
  if (lo !== undefined) inside = x.ge(lo);
  if (hi !== undefined) inside = inside === null ? x.le(hi) : inside.logicalAnd(x.le(hi));
  const out: (Tensor | null)[] = [where(inside as Tensor, g, 0)];
  if (lo !== undefined && isT(lo)) out.push(where(x.lt(lo), g, 0));
  if (hi !== undefined && isT(hi)) out.push(where(lo === undefined ? x.gt(hi) : x.gt(hi).logicalAnd(x.ge(lo)), g, 0));
  return out;
}

/** max/min: over everything (ties share evenly, MaxBackward1) or along a dim (to the index, MaxBackward0). */
function maxLike(g: Tensor, c: Ctx, dimName: string): readonly (Tensor | null | undefined)[] {
  if (c.attrs.dim === null || c.attrs.dim === undefined) return evenly("").backward(g, c);
  return toIndex(dimName).backward(g, c);
}

function sliceOf(t: Tensor, c: Ctx): Tensor {
  const { dim, start, end, step } = c.attrs as { dim: number; start: number; end: number; step: number };
  return slice(t, dim, start, end, step);
}

type InplaceNames<K extends string> = { readonly [P in K as `${P}_`]: Entry };
function inplaceOf<K extends string>(names: readonly K[]): InplaceNames<K> {
  return Object.fromEntries(names.map((n) => [`${n}_`, { inplaceOf: n }])) as unknown as InplaceNames<K>;
}
const keys = <K extends string>(o: { readonly [P in K]: unknown }): K[] => Object.keys(o) as K[];

/** Every op name the core dispatches. */
export type OpName = UnaryOp | `${UnaryOp}_` | BinaryOp | `${BinaryOp}_` | NamedOp;

/** The table: one entry per op. */
export const FORMULAS: { readonly [K in OpName]: Entry } = {
  ...UNARY,
  ...inplaceOf(keys(UNARY)),
  ...BINARY,
  ...inplaceOf(keys(BINARY)),
  ...NAMED,
};

/** The entry of `name`, resolving in-place forms to their out-of-place rule. */
export function entryOf(name: string): Entry | undefined {
  return (FORMULAS as Readonly<Record<string, Entry>>)[name];
}
