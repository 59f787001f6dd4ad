/**
 * `nn.init`: PyTorch's weight initialisers. Each runs under noGrad and draws from the default
 * generator with exactly PyTorch's calls (one `uniform_` or `normal_` per tensor, bounds
 * computed in double precision the same way), so in "torch" RNG mode the numbers are PyTorch's.
 */
import { ValueError, eye } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { noGrad } from "@typetorch/autograd";
import { warn } from "./util.js";

export type Nonlinearity =
  | "linear"
  | "conv1d"
  | "conv2d"
  | "conv3d"
  | "conv_transpose1d"
  | "conv_transpose2d"
  | "conv_transpose3d"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "leaky_relu"
  | "selu";

const UNIT_GAIN = new Set(["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid"]);

/** The recommended gain for a nonlinearity (`leaky_relu`'s `param` is its negative slope, default 0.01). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number | null): number {
  if (UNIT_GAIN.has(nonlinearity)) return 1;
  switch (nonlinearity) {
    case "tanh":
      return 5.0 / 3;
    case "relu":
      return Math.sqrt(2.0);
    case "leaky_relu": {
      if (param !== undefined && param !== null && typeof param !== "number") throw new ValueError(`negative_slope ${String(param)} not a valid number`);
      const slope = param ?? 0.01;
      return Math.sqrt(2.0 / (1 + slope ** 2));
    }
    case "selu":
      return 3.0 / 4;
    default:
      throw new ValueError(`Unsupported nonlinearity ${String(nonlinearity)}`);
  }
}

/** `[fanIn, fanOut]`: dim 1 and dim 0 times the receptive field (the product of dims 2...). */
export function calculateFanInAndFanOut(tensor: Tensor): [number, number] {
  if (tensor.ndim < 2) throw new ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  const receptive = tensor.shape.slice(2).reduce((a, b) => a * b, 1);
  return [tensor.shape[1]! * receptive, tensor.shape[0]! * receptive];
}

function correctFan(tensor: Tensor, mode: string): number {
  const m = mode.toLowerCase();
  if (m !== "fan_in" && m !== "fan_out") throw new ValueError(`Mode ${mode} not supported, please use one of ['fan_in', 'fan_out']`);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  return m === "fan_in" ? fanIn : fanOut;
}

/** Fills with U(a, b). */
export function uniform_(tensor: Tensor, a = 0, b = 1): Tensor {
  return noGrad(() => tensor.uniform_(a, b));
}
/** Fills with N(mean, std²). */
export function normal_(tensor: Tensor, mean = 0, std = 1): Tensor {
  return noGrad(() => tensor.normal_(mean, std));
}
export function constant_(tensor: Tensor, val: number): Tensor {
  return noGrad(() => tensor.fill_(val));
}
export function ones_(tensor: Tensor): Tensor {
  return constant_(tensor, 1);
}
export function zeros_(tensor: Tensor): Tensor {
  return noGrad(() => tensor.zero_());
}
/** Fills a 2-D tensor with the identity (ones on the main diagonal). */
export function eye_(tensor: Tensor): Tensor {
  if (tensor.ndim !== 2) throw new ValueError("Only tensors with 2 dimensions are supported");
  return noGrad(() => tensor.copy_(eye(tensor.shape[0]!, tensor.shape[1]!, { dtype: tensor.dtype, device: tensor.device })));
}

/** Glorot's uniform: U(-a, a) with a = gain·√(6 / (fanIn + fanOut)). */
export function xavierUniform_(tensor: Tensor, gain = 1): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(tensor, -a, a);
}
/** Glorot's normal: N(0, gain²·2 / (fanIn + fanOut)). */
export function xavierNormal_(tensor: Tensor, gain = 1): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  return normal_(tensor, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)));
}

export interface KaimingOptions {
  /** The negative slope of the rectifier after this layer (leaky_relu only); default 0. */
  a?: number;
  /** "fan_in" (default) keeps the forward pass's variance, "fan_out" the backward's. */
  mode?: "fan_in" | "fan_out";
  nonlinearity?: Nonlinearity;
}

function kaimingStd(tensor: Tensor, options: KaimingOptions | number): number | null {
  const o = typeof options === "number" ? { a: options } : options;
  if (tensor.shape.includes(0)) {
    warn("Initializing zero-element tensors is a no-op");
    return null;
  }
  const fan = correctFan(tensor, o.mode ?? "fan_in");
  const gain = calculateGain(o.nonlinearity ?? "leaky_relu", o.a ?? 0);
  return gain / Math.sqrt(fan);
}

/** He's uniform: U(-b, b) with b = gain·√(3 / fan). `kaimingUniform_(w, { a: Math.sqrt(5) })` is nn.Linear's. */
export function kaimingUniform_(tensor: Tensor, options: KaimingOptions | number = {}): Tensor {
  const std = kaimingStd(tensor, options);
  if (std === null) return tensor;
  const bound = Math.sqrt(3.0) * std;
  return uniform_(tensor, -bound, bound);
}
/** He's normal: N(0, gain² / fan). */
export function kaimingNormal_(tensor: Tensor, options: KaimingOptions | number = {}): Tensor {
  const std = kaimingStd(tensor, options);
  if (std === null) return tensor;
  return normal_(tensor, 0, std);
}

/**
 * The bias initialisation of nn.Linear / nn.ConvNd's `reset_parameters`: U(-1/√fanIn, 1/√fanIn)
 * with the weight's fan-in (Linear uses bound 0 for fanIn 0; Conv skips the draw then).
 */
export function defaultBias_(bias: Tensor, weight: Tensor, skipWhenEmpty: boolean): void {
  const [fanIn] = calculateFanInAndFanOut(weight);
  if (fanIn === 0 && skipWhenEmpty) return;
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  uniform_(bias, -bound, bound);
}
