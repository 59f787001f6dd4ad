/**
 * The creating samplers — `rand`, `randn`, `randint`, `randperm`, the `*Like` forms, the four
 * `normal` signatures, `bernoulli`, `multinomial`, `poisson` — built on the in-place samplers of
 * `random.ts` and ordinary ops, as PyTorch composes them (so "torch" mode consumes the generator
 * exactly as PyTorch does).
 */
import type { DType } from "../dtype.js";
import { isFloatingPoint, torchName } from "../dtype.js";
import { RuntimeError } from "../errors.js";
import { Tensor } from "../tensor.js";
import { broadcastShapes } from "../shape.js";
import { getBackend } from "../device.js";
import { toArraySync } from "../read.js";
import { tidy } from "../scope.js";
import { PhiloxWords } from "../random/stream.js";
import * as T from "../random/torch-cpu.js";
import * as E from "./elementwise.js";
import * as R from "./reduce.js";
import { arange } from "./create.js";
import type { GeneratorOption, RandomOptions } from "./random.js";
import { bernoulli_, exponential_, finish, fresh, generatorFor, normal_, randintInto, sample, uniform_, writeValues } from "./random.js";

type SizeArgs = (number | readonly number[] | RandomOptions)[];

/**
 * `torch.rand(2, 3, { dtype, device, generator })`: uniform on [0, 1).
 * @example torch.setRngMode("torch"); torch.manualSeed(42); torch.rand(3, 4)  // [[0.8823, 0.9150, 0.3829, 0.9593], …]
 */
export function rand(...args: SizeArgs): Tensor {
  const { out, options } = fresh("rand", args);
  uniform_(out, 0, 1, options);
  return finish(out, options);
}

/**
 * `torch.randn(2, 3)`: standard normal.
 * @example torch.manualSeed(0); torch.randn(2, 3, { dtype: torch.float64 })
 */
export function randn(...args: SizeArgs): Tensor {
  const { out, options } = fresh("randn", args);
  normal_(out, 0, 1, options);
  return finish(out, options);
}

const isOpts = (x: unknown): x is RandomOptions => x !== null && typeof x === "object" && !Array.isArray(x);

/**
 * `torch.randint(high, size)` or `torch.randint(low, high, size)`, int64 unless `dtype` says
 * otherwise: uniform integers in [low, high). Trap: `size` is always an array (`[2, 3]`).
 * @example torch.randint(0, 10, [2, 3])                      // int64
 * @example torch.randint(0, 10, [2, 3], { dtype: torch.float64 })
 */
export function randint(...args: (number | bigint | readonly number[] | RandomOptions)[]): Tensor {
  const o = (isOpts(args[args.length - 1]) ? args.pop() : {}) as RandomOptions;
  const size = args.pop() as readonly number[];
  if (!Array.isArray(size)) throw new RuntimeError("randint(): argument 'size' must be a list of ints");
  const [low, high] = args.length === 1 ? [0n, BigInt(args[0] as number)] : [BigInt(args[0] as number), BigInt(args[1] as number)];
  const { out } = fresh("randint", [size, { ...o, dtype: o.dtype ?? "int64" }]);
  randintInto(out, low, high, o.generator);
  return finish(out, o);
}

/**
 * `torch.randperm(n)`: a random permutation of 0..n−1 (int64). A Fisher–Yates shuffle on the
 * host: PyTorch's `random() % (n − i)` swaps in "torch" mode; in portable mode step i takes
 * word 0 of element i of the Philox stream at the call's offset, so every backend agrees.
 */
export function randperm(n: number, o: RandomOptions = {}): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${n}: [${n}]`);
  const { out } = fresh("randperm", [[n], { ...o, dtype: o.dtype ?? "int64" }]);
  const g = generatorFor(out.device, o.generator);
  let perm: number[];
  if (g.algorithm === "mt19937") perm = T.randperm(g._mtState, n);
  else {
    const words = new PhiloxWords(g._seed, g._takeOffset());
    perm = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < n - 1; i++) {
      words.reset(i);
      const z = i + (words.next() % (n - i));
      const t = perm[i] as number;
      perm[i] = perm[z] as number;
      perm[z] = t;
    }
  }
  writeValues(out, perm);
  return finish(out, o);
}

const likeArgs = (x: Tensor, o: RandomOptions = {}): [readonly number[], RandomOptions] => [
  x.shape,
  { ...o, dtype: o.dtype ?? x.dtype, device: o.device ?? x.device },
];
export const randLike = (x: Tensor, o?: RandomOptions): Tensor => rand(...likeArgs(x, o));
export const randnLike = (x: Tensor, o?: RandomOptions): Tensor => randn(...likeArgs(x, o));
/** `torch.randintLike(x, high)` or `torch.randintLike(x, low, high)`. */
export function randintLike(x: Tensor, a: number | bigint, b?: number | bigint | RandomOptions, c?: RandomOptions): Tensor {
  const [low, high, o] = typeof b === "number" || typeof b === "bigint" ? [a, b, c] : [0, a, b];
  return randint(low, high, x.shape, { ...o, dtype: o?.dtype ?? x.dtype, device: o?.device ?? x.device });
}

/**
 * `torch.normal`, PyTorch's four signatures:
 * `normal(meanTensor, stdTensor)`, `normal(meanTensor, std = 1)`, `normal(mean, stdTensor)`,
 * `normal(mean, std, size, options)`. Tensor forms draw standard (or `std`-scaled) normals and then
 * scale and shift elementwise, as PyTorch does.
 */
export function normal(mean: Tensor | number, std?: Tensor | number | GeneratorOption, size?: readonly number[] | GeneratorOption, options?: RandomOptions): Tensor {
  const sd = std instanceof Tensor || typeof std === "number" ? std : 1;
  const o = ([std, size, options].find((v) => isOpts(v)) ?? {}) as RandomOptions;
  if (typeof sd === "number" && !(sd >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${sd}`);
  if (mean instanceof Tensor) {
    const shape = sd instanceof Tensor ? broadcastShapes(mean.shape, sd.shape) : mean.shape;
    const out = Tensor._empty(shape, mean.dtype, mean.device);
    if (sd instanceof Tensor) {
      normal_(out, 0, 1, o);
      E.binary_("mul", out, sd);
    } else normal_(out, 0, sd, o);
    E.add_(out, mean);
    return out;
  }
  if (sd instanceof Tensor) {
    const out = Tensor._empty(sd.shape, sd.dtype, sd.device);
    normal_(out, 0, 1, o);
    E.binary_("mul", out, sd);
    E.add_(out, mean);
    return out;
  }
  if (!Array.isArray(size)) throw new RuntimeError("normal(): with a scalar mean and std, pass the size: normal(mean, std, size)");
  const { out } = fresh("normal", [size, o]);
  normal_(out, mean, sd, o);
  return finish(out, o);
}

/** `torch.bernoulli(p)`: 0/1 with per-element probability `p` (dtype of p); `bernoulli(x, p)` with scalar p. */
export function bernoulli(input: Tensor, p?: number | GeneratorOption, o?: GeneratorOption): Tensor {
  const out = Tensor._empty(input.shape, input.dtype, input.device);
  if (typeof p === "number") bernoulli_(out, p, o);
  else {
    if (!isFloatingPoint(input.dtype)) throw new RuntimeError(`"bernoulli_tensor_cpu_p_" not implemented for '${torchName(input.dtype)}'`);
    bernoulli_(out, input, p);
  }
  return out;
}

/** `torch.poisson(rates)`: a Poisson count per element, in the rates' (floating) dtype. */
export function poisson(rates: Tensor, o: GeneratorOption = {}): Tensor {
  const out = Tensor._empty(rates.shape, rates.dtype, rates.device);
  const d = rates.dtype;
  sample(out, { kind: "poisson" }, (mt, _n, _c, input) => T.poisson(mt, input ?? [], d), o.generator, rates);
  return out;
}

/** PyTorch's checks of a probability tensor, where the values can be read synchronously. */
function checkProbs(probs: Tensor, n: number, replacement: boolean): void {
  const k = probs.shape[probs.ndim - 1] as number;
  if (probs.ndim < 1 || probs.ndim > 2) throw new RuntimeError("prob_dist must be 1 or 2 dim");
  if (!isFloatingPoint(probs.dtype)) throw new RuntimeError(`multinomial only supports floating-point dtypes for input, got: ${torchName(probs.dtype)}`);
  if (!(n > 0)) throw new RuntimeError("cannot sample n_sample <= 0 samples");
  if (!replacement && n > k) throw new RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  if (!getBackend(probs.device).readSync) return;
  const v = probs.to("float64");
  const data = toArraySync(v) as Float64Array;
  if (data.some((x) => !(x >= 0 && x < Infinity))) throw new RuntimeError("probability tensor contains either `inf`, `nan` or element < 0");
  for (let i = 0; i < data.length; i += k) {
    if (!(data.subarray(i, i + k).reduce((a, b) => a + b, 0) > 0)) throw new RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)");
  }
}

/**
 * `torch.multinomial(probs, n, replacement = false)`: int64 category indices per row. Portable
 * mode composes it from one sampler call and ordinary ops (inverse CDF by counting with
 * replacement, the exponential race argmax(p / q) without), so it runs on any backend.
 */
export function multinomial(probs: Tensor, numSamples: number, replacement: boolean | GeneratorOption = false, o: GeneratorOption = {}): Tensor {
  return tidy(() => multinomialIn(probs, numSamples, replacement, o));
}

function multinomialIn(probs: Tensor, numSamples: number, replacement: boolean | GeneratorOption, o: GeneratorOption): Tensor {
  const repl = typeof replacement === "boolean" ? replacement : false;
  const opts = typeof replacement === "object" ? replacement : o;
  checkProbs(probs, numSamples, repl);
  const rows = probs.ndim === 2 ? (probs.shape[0] as number) : 1;
  const k = probs.shape[probs.ndim - 1] as number;
  const outShape = probs.ndim === 2 ? [rows, numSamples] : [numSamples];
  const g = generatorFor(probs.device, opts.generator);
  if (g.algorithm === "mt19937") {
    const p = Array.from(toArraySync(probs.contiguous().to("float64")) as Float64Array);
    const d: DType = probs.dtype;
    const idx =
      repl
        ? T.multinomialWithReplacement(g._mtState, p, rows, k, numSamples, d)
        : T.multinomialRace(g._mtState, p, rows, k, numSamples, d);
    const out = Tensor._empty(outShape, "int64", probs.device);
    writeValues(out, idx);
    return out;
  }
  const p2 = probs.reshape(rows, k);
  if (repl) {
    const cdf = p2.cumsum(1);
    const total = cdf.narrow(1, k - 1, 1);
    const u = Tensor._empty([rows, numSamples], probs.dtype, probs.device);
    uniform_(u, 0, 1, opts);
    const counts = R.sum(cdf.unsqueeze(1).le(u.mul(total).unsqueeze(2)), { dim: 2, keepdim: false });
    const lastNonzero = R.sum(cdf.lt(total), { dim: 1, keepdim: true });
    return counts.minimum(lastNonzero).reshape(outShape);
  }
  const q = Tensor._empty([rows, k], probs.dtype, probs.device);
  exponential_(q, 1, opts);
  let keys = p2.div(q);
  const cols = arange(k, { device: probs.device });
  const out = Tensor._empty([rows, numSamples], "int64", probs.device);
  for (let j = 0; j < numSamples; j++) {
    const idx = keys.argmax(1, true);
    out.narrow(1, j, 1).copy_(idx);
    keys = E.where(cols.eq(idx), -1, keys);
  }
  return out.reshape(outShape);
}
