/**
 * Every numeric tolerance of the suite, in one table (printed in README.md; a test keeps the two
 * in sync). Anything not listed here is compared bit for bit: integer and bool results, casts,
 * copies, comparisons, rounding ops, min/max, and the float ops IEEE-754 makes exact (add, sub,
 * mul, div, sqrt, reciprocal, fmod, remainder, floor/trunc division). NaN payloads are not
 * compared; the sign of zero is — except where the contract leaves it open: `maximum`/`minimum`
 * and the max/min reductions may return either zero when −0 and +0 tie (IEEE-754's maxNum allows
 * both; PyTorch's own scalar and vectorised paths disagree), and float16/bfloat16 `floorDiv`, which
 * may round its steps to 16 bits or to float32 (PyTorch does either, by tensor length).
 */
import type { BinaryOp, ReduceOp, ScanOp, UnaryOp } from "@typetorch/tensor-core";

export type FloatDType = "float64" | "float32" | "float16" | "bfloat16";
/** ULPs of the output dtype, per float dtype. */
export type UlpBound = { readonly [D in FloatDType]: number };

const ulps = (float64: number, float32: number, half: number): UlpBound => ({
  float64,
  float32,
  float16: half,
  bfloat16: half,
});

/**
 * Elementwise math that IEEE-754 does not pin down: the largest distance, in ULPs of the output
 * dtype, between the backend and the reference (the float64 evaluation rounded once). Each bound
 * is the largest distance measured between the reference and PyTorch 1.13 itself (glibc/SLEEF) on
 * 3000 inputs per op, so a backend that reproduces PyTorch passes; the CPU backend is at 0 on
 * float32/16 and within these on float64. float16/bfloat16 are computed in float32 and rounded.
 */
export const UNARY_ULPS: { readonly [K in UnaryOp]?: UlpBound } = {
  rsqrt: ulps(1, 1, 1),
  exp: ulps(1, 1, 1),
  exp2: ulps(1, 1, 1),
  expm1: ulps(1, 1, 1),
  log: ulps(1, 1, 1),
  log2: ulps(1, 1, 1),
  log10: ulps(2, 1, 1),
  log1p: ulps(1, 1, 1),
  sin: ulps(1, 1, 1),
  cos: ulps(1, 1, 1),
  tan: ulps(1, 1, 1),
  asin: ulps(1, 1, 1),
  acos: ulps(1, 1, 1),
  atan: ulps(1, 1, 1),
  sinh: ulps(1, 1, 1),
  cosh: ulps(1, 1, 1),
  tanh: ulps(2, 1, 1),
  asinh: ulps(1, 1, 1),
  acosh: ulps(1, 1, 1),
  atanh: ulps(1, 1, 1),
  erf: ulps(2, 1, 1),
  sigmoid: ulps(2, 2, 1),
};

export const BINARY_ULPS: { readonly [K in BinaryOp]?: UlpBound } = {
  pow: ulps(1, 1, 1),
  atan2: ulps(1, 1, 1),
};

/**
 * Accumulations (reduce sum/prod, cumsum/cumprod, matmul): |got − exact| must stay within
 * `perTerm · n · u(acc) · Σ|terms| + u(out) · |exact|`, where `exact` is the float64 result, n the
 * number of terms, u the unit roundoff (2^-53 float64, 2^-24 float32 — also the accumulator of
 * float16/bfloat16 — and 2^-11 / 2^-8 for the float16 / bfloat16 output rounding). For products
 * Σ|terms| is |exact|. A float16 or bfloat16 accumulator (rather than float32) fails this bound.
 */
export const ACCUMULATION: { readonly [K in ReduceOp | ScanOp | "matmul"]?: { readonly perTerm: number } } = {
  sum: { perTerm: 1 },
  prod: { perTerm: 1 },
  cumsum: { perTerm: 1 },
  cumprod: { perTerm: 1 },
  matmul: { perTerm: 1 },
};

/**
 * scatter `add`/`mul` with duplicate indices: several source elements combine into one output
 * element, and a backend may combine them in any order (GPU atomics do). Every step rounds to the
 * output dtype (as PyTorch's kernels store each partial result), so the bound is the worst case
 * of that recursive summation/product in any order: |got − exact| ≤ `perTerm · n · u(out) · Σ|terms|`,
 * n the number of terms combined (the element's old value included), Σ|terms| being |exact| for
 * `mul` (valid while n(n−1)·u(out) < 1: the suite combines at most 8 terms, index.shape[axis] ≤ 7). An element reached by at most one source element is one IEEE-754 operation and must be
 * bit-identical; `assign` may keep any of the duplicates' values; `amax`/`amin` and integer and
 * bool results are exact.
 */
export const SCATTER_ACCUMULATION: { readonly [K in "add" | "mul"]: { readonly perTerm: number } } = {
  add: { perTerm: 1 },
  mul: { perTerm: 1 },
};

/** Unit roundoff of a float dtype as stored, and of the dtype it accumulates in. */
export const UNIT_ROUNDOFF: { readonly [D in FloatDType]: { readonly out: number; readonly acc: number } } = {
  float64: { out: 2 ** -53, acc: 2 ** -53 },
  float32: { out: 2 ** -24, acc: 2 ** -24 },
  float16: { out: 2 ** -11, acc: 2 ** -24 },
  bfloat16: { out: 2 ** -8, acc: 2 ** -24 },
};

/** The bounds as Markdown rows, for README.md (and the test that keeps README in sync). */
export function boundsMarkdown(): string {
  const lines = ["| op | float64 | float32 | float16 | bfloat16 |", "|---|---|---|---|---|"];
  const row = (name: string, b: UlpBound): string =>
    `| ${name} | ${b.float64} ULP | ${b.float32} ULP | ${b.float16} ULP | ${b.bfloat16} ULP |`;
  for (const [op, b] of Object.entries(UNARY_ULPS)) lines.push(row(op, b));
  for (const [op, b] of Object.entries(BINARY_ULPS)) lines.push(row(op, b));
  lines.push("", "| accumulation | tolerance |", "|---|---|");
  for (const [op, b] of Object.entries(ACCUMULATION))
    lines.push(`| ${op} | ${b.perTerm} · n · u(acc) · Σ\\|terms\\| + u(out) · \\|exact\\| |`);
  for (const [op, b] of Object.entries(SCATTER_ACCUMULATION))
    lines.push(`| scatter ${op} (duplicate indices) | ${b.perTerm} · n · u(out) · Σ\\|terms\\| |`);
  lines.push("", "| dtype | u(out) | u(acc) |", "|---|---|---|");
  for (const [d, u] of Object.entries(UNIT_ROUNDOFF)) lines.push(`| ${d} | 2^${Math.log2(u.out)} | 2^${Math.log2(u.acc)} |`);
  return lines.join("\n");
}
