/**
 * The one table of primitives. Every backend implements exactly these; everything else in
 * typetorch is a composite written in terms of them in the core.
 *
 * Dtype rules (decided in the core, never by a backend):
 * - "same":      out dtype = input dtype (after promotion of the inputs to one dtype).
 * - "float":     integral/bool inputs are first cast to the default float dtype (torch.sqrt(int) → float32).
 * - "bool":      out dtype is bool (predicates, comparisons).
 * - "int-only":  defined for bool/integral dtypes only (bitwise ops).
 * - "no-bool":   refused for bool (PyTorch has no bool subtraction/negation).
 *
 * The `overrides` column lists backends that register a faster kernel for a composite; primitives
 * are implemented by every backend, so the column is empty for them.
 */

export type DTypeRule = "same" | "float" | "bool" | "int-only" | "no-bool";

export const UNARY_OPS = {
  neg: "no-bool",
  abs: "same",
  sign: "same",
  sqrt: "float",
  rsqrt: "float",
  exp: "float",
  exp2: "float",
  expm1: "float",
  log: "float",
  log2: "float",
  log10: "float",
  log1p: "float",
  sin: "float",
  cos: "float",
  tan: "float",
  asin: "float",
  acos: "float",
  atan: "float",
  sinh: "float",
  cosh: "float",
  tanh: "float",
  asinh: "float",
  acosh: "float",
  atanh: "float",
  erf: "float",
  sigmoid: "float",
  relu: "same",
  floor: "same",
  ceil: "same",
  round: "same",
  trunc: "same",
  reciprocal: "float",
  bitwiseNot: "int-only",
  logicalNot: "bool",
  isnan: "bool",
  isinf: "bool",
  isfinite: "bool",
  signbit: "bool",
} as const satisfies Record<string, DTypeRule>;
export type UnaryOp = keyof typeof UNARY_OPS;

export const BINARY_OPS = {
  add: "same",
  sub: "no-bool",
  mul: "same",
  /** true division; integral inputs are promoted to the default float dtype first. */
  div: "float",
  /** division rounded toward zero (roundingMode "trunc"); integer division by zero raises. */
  truncDiv: "same",
  /** division rounded toward −∞ (floor_divide, roundingMode "floor"). */
  floorDiv: "same",
  /** Python's modulo: the result has the sign of the divisor. */
  remainder: "same",
  /** C's fmod: the result has the sign of the dividend. */
  fmod: "same",
  pow: "same",
  atan2: "float",
  /** NaN-propagating, like torch.maximum. */
  maximum: "same",
  /** NaN-propagating; −0 < +0 is not distinguished (returns either, as IEEE allows — we return a). */
  minimum: "same",
  eq: "bool",
  ne: "bool",
  lt: "bool",
  le: "bool",
  gt: "bool",
  ge: "bool",
  logicalAnd: "bool",
  logicalOr: "bool",
  logicalXor: "bool",
  bitwiseAnd: "int-only",
  bitwiseOr: "int-only",
  bitwiseXor: "int-only",
  leftShift: "int-only",
  rightShift: "int-only",
} as const satisfies Record<string, DTypeRule>;
export type BinaryOp = keyof typeof BINARY_OPS;

/** Reductions. `mean`/`var` are composites of `sum`; `min`/`max` propagate NaN. */
export const REDUCE_OPS = {
  sum: "same",
  prod: "same",
  max: "same",
  min: "same",
  all: "bool",
  any: "bool",
} as const satisfies Record<string, DTypeRule>;
export type ReduceOp = keyof typeof REDUCE_OPS;

export const ARG_REDUCE_OPS = { argmax: "same", argmin: "same" } as const satisfies Record<string, DTypeRule>;
export type ArgReduceOp = keyof typeof ARG_REDUCE_OPS;

export const SCAN_OPS = { cumsum: "same", cumprod: "same" } as const satisfies Record<string, DTypeRule>;
export type ScanOp = keyof typeof SCAN_OPS;

/**
 * Scatter reductions: how `scatter` combines a source element with the element already in `out`.
 * `assign` overwrites (with duplicate indices the last one in row-major order of `index` wins on the
 * CPU; PyTorch leaves the winner unspecified). `amax`/`amin` propagate NaN. On bool, add is OR and
 * mul is AND; integers wrap like their dtype. `mean` is a composite in the core (sum and count).
 */
export const SCATTER_OPS = {
  assign: "same",
  add: "same",
  mul: "same",
  amax: "same",
  amin: "same",
} as const satisfies Record<string, DTypeRule>;
export type ScatterOp = keyof typeof SCATTER_OPS;

/** The table itself: every compute primitive of the Backend contract, its arity and dtype rule. */
export const PRIMITIVES = {
  copy: { arity: 1, rule: "cast to out dtype", overrides: [] },
  fill: { arity: 0, rule: "out dtype", overrides: [] },
  unary: { arity: 1, rule: "see UNARY_OPS", overrides: [] },
  binary: { arity: 2, rule: "see BINARY_OPS", overrides: [] },
  where: { arity: 3, rule: "cond bool; a, b, out equal", overrides: [] },
  reduce: { arity: 1, rule: "see REDUCE_OPS", overrides: [] },
  argReduce: { arity: 1, rule: "out int64", overrides: [] },
  scan: { arity: 1, rule: "same", overrides: [] },
  matmul: { arity: 2, rule: "same (no bool)", overrides: [] },
  /** `out[i][j][k] = a[i][index[i][j][k]][k]` along `axis`; index int64, out dtype = a dtype. */
  gather: { arity: 2, rule: "index int64; out = a dtype", overrides: [] },
  /** in place: `out[i][index[i][j][k]][k] op= src[i][j][k]`; index int64; src dtype = out dtype. */
  scatter: { arity: 2, rule: "index int64; src = out dtype; see SCATTER_OPS", overrides: [] },
  /** Needs a primitive: a comparison sort cannot be composed from elementwise/reduce ops efficiently. */
  sort: { arity: 1, rule: "values same; indices int64 (NaN largest, stable option)", overrides: [] },
  random: { arity: 0, rule: "see RANDOM_DISTRIBUTIONS (optional per-element input)", overrides: [] },
} as const satisfies Record<string, { arity: number; rule: string; overrides: readonly string[] }>;
export type PrimitiveName = keyof typeof PRIMITIVES;

// ── random (see random/stream.ts, the reference) ───────────────────────────────────────────────
/**
 * The distributions of the `random` primitive and their out dtypes. Every one is a pure function
 * of (seed, offset, element index[, the element's input value]): see `RandomSpec`.
 * - "float":    floating out dtypes only (float16, bfloat16, float32, float64).
 * - "numeric":  every dtype except bool.
 * - "any":      every dtype, bool included.
 */
export const RANDOM_DISTRIBUTIONS = {
  uniform: "float",
  normal: "float",
  logNormal: "float",
  cauchy: "float",
  exponential: "float",
  geometric: "numeric",
  randint: "any",
  bernoulli: "any",
  poisson: "float",
} as const satisfies Record<string, "float" | "numeric" | "any">;
export type RandomDistributionName = keyof typeof RANDOM_DISTRIBUTIONS;

/**
 * The parameters of each distribution. Scalars are float64 values computed by the core (derived
 * constants such as `scale = 1 / lambda` are computed once, in the core, so no backend computes
 * them with its own host math); a backend sampling in float32 rounds them to float32 first.
 */
export type RandomDistribution =
  /** `low + u·(high − low)`, u uniform on [0, 1) with the dtype's mantissa width. */
  | { readonly kind: "uniform"; readonly low: number; readonly high: number }
  /** `mean + std·z`, z standard normal by Box–Muller (cos branch, one normal per element). */
  | { readonly kind: "normal"; readonly mean: number; readonly std: number }
  /** `exp(mean + std·z)`. */
  | { readonly kind: "logNormal"; readonly mean: number; readonly std: number }
  /** `median + sigma·tan(π(u − ½))`, u uniform on (0, 1). */
  | { readonly kind: "cauchy"; readonly median: number; readonly sigma: number }
  /** `−log(u)·scale`, u uniform on (0, 1); `scale = 1/lambda`. */
  | { readonly kind: "exponential"; readonly scale: number }
  /** `max(1, ⌈log(u)·scale⌉)`, u uniform on (0, 1); `scale = 1/log1p(−p)` (computed by the core). */
  | { readonly kind: "geometric"; readonly scale: number }
  /** An integer in [low, high): `low + (bits mod (high − low))`; 32 bits when the range fits, else 64. */
  | { readonly kind: "randint"; readonly low: bigint; readonly high: bigint }
  /** 1 when `w0 < ⌈p·2^32⌉` (p ≥ 1 → always); p is `p` or, with an input operand, its element. */
  | { readonly kind: "bernoulli"; readonly p: number }
  /** A Poisson count with the rate of the input operand's element (see stream.ts for the method). */
  | { readonly kind: "poisson" };

/**
 * One call of the `random` primitive. Counter-based: element `i` (row-major position in
 * `out.shape`, never its memory address) uses Philox4x32-10 blocks with key
 * `[seed mod 2^32, seed >> 32]` and counter `[i mod 2^32, (i >> 32) | (round << 16), offset mod
 * 2^32, offset >> 32]`; `round` is 0 except for samplers that need more than one block per
 * element (poisson). The generator advances `offset` by one per call, so a program's sequence of
 * calls gives the same numbers on every backend and any number of threads.
 */
export interface RandomSpec {
  readonly algorithm: "philox4x32-10";
  /** uint64 key. */
  readonly seed: bigint;
  /** uint64 stream number: the generator's count of previous calls since seeding. */
  readonly offset: bigint;
  readonly distribution: RandomDistribution;
}
