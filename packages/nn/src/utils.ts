/** `nn.utils`: gradient clipping and parameter/vector conversion, as PyTorch's torch.nn.utils. */
import { DeviceError, RuntimeError, Tensor, TorchTypeError, cat, stack, tensor } from "@typetorch/tensor-core";
import { noGrad } from "@typetorch/autograd";
import { hostReadable, pyFloat } from "./util.js";

/** ‖g‖_p of one tensor ("inf": the largest magnitude). */
function norm(g: Tensor, p: number): Tensor {
  if (p === Infinity) return g.abs().amax();
  if (p === 2) return g.square().sum().sqrt();
  return g.abs().pow(p).sum().pow(1 / p);
}

interface ClipGradNormOptions {
  normType?: number;
  errorIfNonfinite?: boolean;
}

const gradsOf = (parameters: Iterable<Tensor> | Tensor): Tensor[] =>
  toList(parameters)
    .map((t) => t.grad)
    .filter((g): g is Tensor => g !== null);

/** The joint p-norm of `grads` (detached), as one 0-dim tensor on their device. */
function totalNorm(grads: Tensor[], p: number): Tensor {
  return noGrad(() => {
    const norms = grads.map((g) => norm(g.detach(), p));
    return norms.length === 1 ? norms[0]! : norm(stack(norms), p);
  });
}

function checkFinite(total: number, p: number): void {
  if (!Number.isFinite(total)) {
    throw new RuntimeError(
      `The total norm of order ${pyFloat(p)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. ` +
        "To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`",
    );
  }
}

/** Multiplies every gradient by min(1, maxNorm / (total + 1e-6)), on the device: no read. */
function scaleGrads(grads: Tensor[], total: Tensor, maxNorm: number): void {
  noGrad(() => {
    const coef = total.add(1e-6).reciprocal().mul(maxNorm).clamp(null, 1.0);
    for (const g of grads) g.mul_(coef.to(g.dtype));
  });
}

/**
 * Scales the gradients of `parameters` in place so that their joint p-norm is at most `maxNorm`
 * (by maxNorm / (norm + 1e-6), never up); returns the norm before clipping, as PyTorch.
 * `errorIfNonfinite` reads the norm on the host (PyTorch syncs a CUDA device there too): for
 * gradients on a device without synchronous reads (WebGPU) use `await clipGradNormAsync_(...)`.
 */
export function clipGradNorm_(parameters: Iterable<Tensor> | Tensor, maxNorm: number, options: ClipGradNormOptions = {}): Tensor {
  const p = options.normType ?? 2;
  const grads = gradsOf(parameters);
  if (grads.length === 0) return tensor(0.0);
  const total = totalNorm(grads, p);
  if (options.errorIfNonfinite) {
    if (!hostReadable(total)) {
      total.dispose();
      throw new DeviceError(
        `clipGradNorm_ with errorIfNonfinite reads the total norm on the host, and a ${total.device} tensor cannot be read synchronously: ` +
          "use `await nn.utils.clipGradNormAsync_(parameters, maxNorm, options)`",
      );
    }
    checkFinite(Number(total.item()), p);
  }
  scaleGrads(grads, total, maxNorm);
  return total;
}

/**
 * `clipGradNorm_` for any device: the norm is read with an async read when `errorIfNonfinite`
 * asks for the check (the gradients are scaled only after it passes, so a refused clip changes
 * nothing); without the check nothing is read and it equals `clipGradNorm_`.
 */
export async function clipGradNormAsync_(parameters: Iterable<Tensor> | Tensor, maxNorm: number, options: ClipGradNormOptions = {}): Promise<Tensor> {
  const p = options.normType ?? 2;
  const grads = gradsOf(parameters);
  if (grads.length === 0) return tensor(0.0);
  const total = totalNorm(grads, p);
  if (options.errorIfNonfinite) checkFinite(Number(await total.itemAsync()), p);
  scaleGrads(grads, total, maxNorm);
  return total;
}

/** Clamps every gradient of `parameters` to [−clipValue, clipValue] in place. */
export function clipGradValue_(parameters: Iterable<Tensor> | Tensor, clipValue: number): void {
  noGrad(() => {
    for (const p of toList(parameters)) p.grad?.clamp_(-clipValue, clipValue);
  });
}

/** The parameters flattened and concatenated into one vector. */
export function parametersToVector(parameters: Iterable<Tensor>): Tensor {
  return cat([...parameters].map((p) => p.reshape(-1)));
}

/** Copies consecutive slices of `vec` into `parameters` (their `.data`), in order. */
export function vectorToParameters(vec: Tensor, parameters: Iterable<Tensor>): void {
  if (vec.ndim !== 1) throw new TorchTypeError(`expected torch.Tensor, but got: ${vec.type()}`);
  let offset = 0;
  noGrad(() => {
    for (const p of toList(parameters)) {
      const n = p.numel();
      // As PyTorch: the parameter's data becomes a view of `vec`.
      p.data = vec.narrow(0, offset, n).view(...p.shape);
      offset += n;
    }
  });
}

/** PyTorch accepts one tensor or an iterable of them. */
function toList(parameters: Iterable<Tensor> | Tensor): Tensor[] {
  return parameters instanceof Tensor ? [parameters] : [...parameters];
}
