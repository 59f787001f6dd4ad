/** linear, bilinear, pad, dropout, embedding, oneHot: composites of public tensor ops. */
import { DeviceError, RuntimeError, ValueError, arange, cat, emptyLike, eye, full, where, zerosLike } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { hostReadable } from "../util.js";

/** y = x·Wᵀ + b; `input` [*, in], `weight` [out, in], `bias` [out]. */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const inner = input.ndim === 0 ? 1 : input.shape[input.ndim - 1];
  if (weight.ndim === 2 && inner !== weight.shape[1]) {
    const rows = input.ndim <= 1 ? 1 : input.numel() / inner!;
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${rows}x${inner} and ${weight.shape[1]}x${weight.shape[0]})`);
  }
  const y = input.matmul(weight.t());
  return bias === null ? y : y.add(bias);
}

/** y_k = x1ᵀ·A_k·x2 + b_k; `x1` [*, in1], `x2` [*, in2], `weight` [out, in1, in2]. */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  // (x1 ⊗ x2) flattened against A flattened: one matmul, no einsum needed.
  const outer = input1.unsqueeze(-1).mul(input2.unsqueeze(-2)).flatten(-2);
  const y = outer.matmul(weight.flatten(1).t());
  return bias === null ? y : y.add(bias);
}

/**
 * Constant padding: `pad` lists (left, right) pairs from the last dim backwards, as PyTorch's
 * `F.pad`; a negative amount crops. Built from `cat` and `narrow`, so it is differentiable.
 */
export function pad(input: Tensor, padding: readonly number[], mode: "constant" = "constant", value = 0): Tensor {
  if (mode !== "constant") throw new ValueError(`Unsupported padding mode: ${String(mode)}`);
  if (padding.length % 2 !== 0) throw new RuntimeError("Padding length must be divisible by 2");
  if (padding.length / 2 > input.ndim) throw new RuntimeError("Padding length too large");
  let out = input;
  for (let i = 0; i < padding.length / 2; i++) {
    const dim = input.ndim - 1 - i;
    const [left, right] = [padding[2 * i]!, padding[2 * i + 1]!];
    if (left < 0) out = out.narrow(dim, -left, out.shape[dim]! + left);
    if (right < 0) out = out.narrow(dim, 0, out.shape[dim]! + right);
    const block = (n: number): Tensor => {
      const shape = [...out.shape];
      shape[dim] = n;
      return full(shape, value, { dtype: out.dtype, device: out.device });
    };
    if (left > 0 || right > 0) out = cat([...(left > 0 ? [block(left)] : []), out, ...(right > 0 ? [block(right)] : [])], dim);
  }
  return out;
}

/**
 * Zeroes each element with probability p and scales the rest by 1/(1 − p) in training; the
 * identity otherwise. The mask is drawn as PyTorch's CPU kernel draws it
 * (`empty_like(x).bernoulli_(1 - p)`), so "torch" RNG mode gives PyTorch's mask.
 */
export function dropout(input: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return input;
  if (p === 1) return inplace ? input.mul_(0) : input.mul(zerosLike(input));
  const noise = emptyLike(input).bernoulli_(1 - p).div_(1 - p);
  return inplace ? input.mul_(noise) : input.mul(noise);
}

/**
 * Rows of `weight` picked by the integer `input`; rows at `paddingIdx` get no gradient
 * (their output is taken from a detached weight).
 */
export function embedding(input: Tensor, weight: Tensor, paddingIdx: number | null = null): Tensor {
  if (input.dtype !== "int64" && input.dtype !== "int32") {
    throw new RuntimeError(
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${input.type()} instead (while checking arguments for embedding)`,
    );
  }
  const flat = input.reshape(-1);
  const rows = weight.indexSelect(0, flat);
  let out = rows;
  if (paddingIdx !== null) {
    const pidx = paddingIdx < 0 ? paddingIdx + weight.shape[0]! : paddingIdx;
    out = where(flat.eq(pidx).unsqueeze(1), rows.detach(), rows);
  }
  return out.reshape(...input.shape, weight.shape[1]!);
}

/**
 * Int64 one-hot rows: `oneHot(tensor([0, 2]), 3)` → `[[1, 0, 0], [0, 0, 1]]`. On a device without
 * synchronous reads (WebGPU) `numClasses` must be given (inferring it reads the largest class), and
 * the range check is the device's: a class outside [0, numClasses) raises IndexError at the next
 * read, as PyTorch leaves it to a device assert on CUDA.
 */
export function oneHot(tensor: Tensor, numClasses = -1): Tensor {
  if (tensor.dtype !== "int64") throw new RuntimeError("one_hot is only applicable to index tensor.");
  if (!hostReadable(tensor)) {
    if (numClasses === -1) {
      throw new DeviceError(
        `one_hot with num_classes=-1 reads the largest class on the host, and a ${tensor.device} tensor cannot be read synchronously: ` +
          "pass numClasses (e.g. `Number(await t.max().itemAsync()) + 1`)",
      );
    }
    // Rows of the identity, gathered: the gather checks every class index on the device.
    return eye(numClasses, { dtype: "int64", device: tensor.device }).indexSelect(0, tensor.reshape(-1)).reshape(...tensor.shape, numClasses);
  }
  if (tensor.numel() > 0 && Number(tensor.min().item()) < 0) throw new RuntimeError("Class values must be non-negative.");
  let n = numClasses;
  if (n === -1) n = tensor.numel() === 0 ? 0 : Number(tensor.max().item()) + 1;
  else if (tensor.numel() > 0 && Number(tensor.max().item()) >= n) throw new RuntimeError("Class values must be smaller than num_classes.");
  return tensor.unsqueeze(-1).eq(arange(n, { device: tensor.device })).long();
}
