/**
 * Convolutions as im2col: `Tensor.unfold` (a differentiable view) cuts the padded input into
 * windows, one reshape copies them into rows, and one batched matmul per group applies the
 * kernels. Autograd differentiates the composite, so there is no hand-written backward.
 */
import { RuntimeError } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { ntuple } from "../util.js";
import { pad } from "./basic.js";

export type ConvPadding = number | readonly number[] | "same" | "valid";

export interface ConvOptions {
  stride?: number | readonly number[];
  padding?: ConvPadding;
  dilation?: number | readonly number[];
  groups?: number;
}

/**
 * The windows of `x` ([N, C, *spatial], already padded) as a view [N, C, *out, *kernel]:
 * each spatial dim unfolded by its dilated span, then every d-th element of the span kept.
 */
export function windows(x: Tensor, kernel: readonly number[], stride: readonly number[], dilation: readonly number[]): Tensor {
  const n = kernel.length;
  let w = x;
  for (let i = 0; i < n; i++) w = w.unfold(2 + i, dilation[i]! * (kernel[i]! - 1) + 1, stride[i]!);
  if (dilation.some((d) => d > 1)) w = w.index(...Array<string>(2 + n).fill(":"), ...dilation.map((d) => `::${d}`));
  return w;
}

/** Per-dim (left, right) padding for "same" (extra on the right, as PyTorch), "valid", or numbers. */
function paddingPairs(padding: ConvPadding, n: number, kernel: readonly number[], stride: readonly number[], dilation: readonly number[]): [number, number][] {
  if (typeof padding === "string") {
    if (padding === "valid") return kernel.map(() => [0, 0]);
    if (padding !== "same") throw new RuntimeError(`Invalid padding string: '${String(padding)}'`);
    if (stride.some((s) => s !== 1)) throw new RuntimeError("padding='same' is not supported for strided convolutions");
    return kernel.map((k, i) => {
      const total = dilation[i]! * (k - 1);
      return [Math.floor(total / 2), total - Math.floor(total / 2)];
    });
  }
  return ntuple(padding, n, "padding").map((p) => [p, p]);
}

/** PyTorch's flat padding list for `pad`: last dim first. */
export function padList(pairs: readonly (readonly [number, number])[]): number[] {
  return [...pairs].reverse().flatMap(([l, r]) => [l, r]);
}

function convNd(n: number, input: Tensor, weight: Tensor, bias: Tensor | null, options: ConvOptions): Tensor {
  const name = `conv${n}d`;
  if (input.ndim !== n + 1 && input.ndim !== n + 2) {
    throw new RuntimeError(`Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to ${name}, but got input of size: [${input.shape.join(", ")}]`);
  }
  const batched = input.ndim === n + 2;
  const x0 = batched ? input : input.unsqueeze(0);
  const groups = options.groups ?? 1;
  const stride = ntuple(options.stride ?? 1, n, "stride");
  const dilation = ntuple(options.dilation ?? 1, n, "dilation");
  if (weight.ndim !== n + 2) {
    throw new RuntimeError(`Expected ${n + 2}-dimensional input for ${n + 2}-dimensional weight [${weight.shape.join(", ")}], but got ${x0.ndim}-dimensional input of size [${x0.shape.join(", ")}] instead`);
  }
  const [cout, cg] = [weight.shape[0]!, weight.shape[1]!];
  const kernel = weight.shape.slice(2);
  if (groups <= 0) throw new RuntimeError("non-positive groups is not supported");
  if (cout % groups !== 0) throw new RuntimeError("Given groups=" + groups + ", expected weight to be divisible by " + groups + " at dimension 0, but got weight of size [" + weight.shape.join(", ") + "] instead");
  if (x0.shape[1] !== cg * groups) {
    throw new RuntimeError(
      `Given groups=${groups}, weight of size [${weight.shape.join(", ")}], expected input[${x0.shape.join(", ")}] to have ${cg * groups} channels, but got ${x0.shape[1]} channels instead`,
    );
  }
  const pairs = paddingPairs(options.padding ?? 0, n, kernel, stride, dilation);
  const padded = pairs.map(([l, r], i) => x0.shape[2 + i]! + l + r);
  const spans = kernel.map((k, i) => dilation[i]! * (k - 1) + 1);
  if (spans.some((s, i) => s > padded[i]!)) {
    throw new RuntimeError(
      `Calculated padded input size per channel: (${padded.join(" x ")}). Kernel size: (${spans.join(" x ")}). Kernel size can't be greater than actual input size`,
    );
  }
  const xp = pairs.some(([l, r]) => l !== 0 || r !== 0) ? pad(x0, padList(pairs)) : x0;
  const win = windows(xp, kernel, stride, dilation); // [N, C, *out, *k]
  const out = win.shape.slice(2, 2 + n);
  const batch = x0.shape[0]!;
  const L = out.reduce((a, b) => a * b, 1);
  const K = cg * kernel.reduce((a, b) => a * b, 1);
  // [N, G, Cg, *out, *k] → columns [N, G, Cg·K, L] (one copy; this order reads the input along
  // its contiguous rows, ~5× faster than window-major rows) → [G, Cout/G, Cg·K] @ columns gives
  // [N, G, Cout/G, L], already the output's layout: the final reshape is a view.
  const grouped = win.unflatten(1, [groups, cg]);
  const order = [0, 1, 2, ...kernel.map((_, i) => 3 + n + i), ...out.map((_, i) => 3 + i)];
  const cols = grouped.permute(...order).reshape(batch, groups, K, L);
  const w = weight.reshape(groups, cout / groups, K);
  let y = w.matmul(cols).reshape(batch, cout, ...out);
  if (bias !== null) y = y.add(bias.reshape(cout, ...out.map(() => 1)));
  return batched ? y : y.squeeze(0);
}

/** 1-D convolution: `input` [N, Cin, L] or [Cin, L], `weight` [Cout, Cin/groups, k]. */
export function conv1d(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvOptions = {}): Tensor {
  return convNd(1, input, weight, bias, options);
}
/** 2-D convolution: `input` [N, Cin, H, W] or [Cin, H, W], `weight` [Cout, Cin/groups, kH, kW]. */
export function conv2d(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvOptions = {}): Tensor {
  return convNd(2, input, weight, bias, options);
}
/** 3-D convolution: `input` [N, Cin, D, H, W] or unbatched, `weight` [Cout, Cin/groups, kD, kH, kW]. */
export function conv3d(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvOptions = {}): Tensor {
  return convNd(3, input, weight, bias, options);
}

export interface ConvTransposeOptions {
  stride?: number | readonly number[];
  padding?: number | readonly number[];
  outputPadding?: number | readonly number[];
  groups?: number;
  dilation?: number | readonly number[];
}

/**
 * The transposed convolution (the gradient of a convolution with respect to its input), as a
 * composite: spread the input `stride` apart with zeros, pad by d·(k − 1) − p (plus
 * `outputPadding` on the right), and convolve with the kernels flipped and their in/out
 * channels swapped per group.
 */
function convTransposeNd(n: number, input: Tensor, weight: Tensor, bias: Tensor | null, options: ConvTransposeOptions): Tensor {
  if (input.ndim !== n + 1 && input.ndim !== n + 2) {
    throw new RuntimeError(`Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to conv_transpose${n}d, but got input of size: [${input.shape.join(", ")}]`);
  }
  const batched = input.ndim === n + 2;
  let x = batched ? input : input.unsqueeze(0);
  const groups = options.groups ?? 1;
  const stride = ntuple(options.stride ?? 1, n, "stride");
  const padding = ntuple(options.padding ?? 0, n, "padding");
  const outPad = ntuple(options.outputPadding ?? 0, n, "output_padding");
  const dilation = ntuple(options.dilation ?? 1, n, "dilation");
  const [cin, coutG] = [weight.shape[0]!, weight.shape[1]!];
  const kernel = weight.shape.slice(2);
  if (x.shape[1] !== cin) {
    throw new RuntimeError(
      `Given transposed=1, weight of size [${weight.shape.join(", ")}], expected input[${x.shape.join(", ")}] to have ${cin} channels, but got ${x.shape[1]} channels instead`,
    );
  }
  if (outPad.some((op, i) => op >= stride[i]! && op >= dilation[i]!)) {
    // PyTorch names the last dims height/width (depth first for 3-D).
    const names = ["depth", "height", "width"].slice(3 - n);
    const part = (what: string, v: number[]): string => names.map((d, i) => `${what}_${d}: ${v[i]}`).join(" ");
    throw new RuntimeError(
      `output padding must be smaller than either stride or dilation, but got ${part("output_padding", outPad)} ${part("stride", stride)} ${part("dilation", dilation)}`,
    );
  }
  for (let i = 0; i < n; i++) {
    const s = stride[i]!;
    if (s === 1) continue;
    // Each element followed by s − 1 zeros along dim 2 + i, the trailing zeros cut off.
    const dim = 2 + i;
    const len = x.shape[dim]!;
    const spread = pad(x.unsqueeze(dim + 1), padList(x.shape.slice(dim).map((_, j) => (j === 0 ? [0, s - 1] : [0, 0]) as [number, number])));
    x = spread.flatten(dim, dim + 1).narrow(dim, 0, (len - 1) * s + 1);
  }
  const pairs = kernel.map((k, i) => {
    const edge = dilation[i]! * (k - 1) - padding[i]!;
    return [edge, edge + outPad[i]!] as [number, number];
  });
  x = pad(x, padList(pairs));
  const flipped = weight
    .reshape(groups, cin / groups, coutG, ...kernel)
    .transpose(1, 2)
    .reshape(groups * coutG, cin / groups, ...kernel)
    .flip(kernel.map((_, i) => 2 + i));
  const y = convNd(n, x, flipped, bias, { stride: 1, padding: 0, dilation, groups });
  return batched ? y : y.squeeze(0);
}

/** 1-D transposed convolution: `weight` [Cin, Cout/groups, k]. */
export function convTranspose1d(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvTransposeOptions = {}): Tensor {
  return convTransposeNd(1, input, weight, bias, options);
}
/** 2-D transposed convolution: `weight` [Cin, Cout/groups, kH, kW]. */
export function convTranspose2d(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvTransposeOptions = {}): Tensor {
  return convTransposeNd(2, input, weight, bias, options);
}
