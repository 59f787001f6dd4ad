/**
 * The pointwise ops PyTorch's optimizers are written in — `add(other, alpha)`, `addcmul_`, `addcdiv_` —
 * composed from tensor-core ops in PyTorch's order of float operations.
 *
 * PyTorch's CPU kernels fuse two of them (measured on 1.13's x86 build, AVX2 + FMA): `a.add(b, alpha)`
 * is `fma(b, alpha, a)` and `s.addcmul(t1, t2, value)` is `fma(value·t1, t2, s)`, each rounded once.
 * For float32 on the CPU we reproduce that: the product of two binary32 numbers is exact in binary64,
 * so the binary64 sum rounded to binary32 is the fused result (up to a double rounding that needs the
 * binary64 sum to fall exactly on a binary32 tie: rare enough that no trajectory of the fixtures meets
 * it). float64 (and other devices) use the unfused composition — two roundings, a relative difference
 * of at most ~1e-16 per op from PyTorch. `addcdiv` is not fused in PyTorch: `s + (value·t1) / t2`.
 * For float16/bfloat16, PyTorch computes addcmul/addcdiv in float32 and rounds once to 16 bits; so do we.
 */
import type { Tensor } from "@typetorch/tensor-core";

const fusesOnCpu = (t: Tensor): boolean => t.dtype === "float32" && t.device === "cpu";
/** PyTorch computes a 16-bit addcmul/addcdiv in float32 and rounds once. */
const isHalf = (t: Tensor): boolean => t.dtype === "float16" || t.dtype === "bfloat16";

/** `c + a·b` with PyTorch's rounding (see above); `b` a tensor or a scalar. */
function multiplyAdd(c: Tensor, a: Tensor, b: Tensor | number): Tensor {
  if (fusesOnCpu(c)) {
    // PyTorch casts a scalar to the tensor's dtype first; the binary64 product is then exact.
    const product = a.double().mul(typeof b === "number" ? Math.fround(b) : b.double());
    return c.double().add(product).float();
  }
  return c.add(a.mul(b));
}

/** PyTorch's `a.add(b, alpha=alpha)`: `a + alpha·b`. */
export function addScaled(a: Tensor, b: Tensor, alpha: number): Tensor {
  return alpha === 1 ? a.add(b) : multiplyAdd(a, b, alpha);
}

/** PyTorch's `self.add_(b, alpha=alpha)`, in place (one version bump). */
export function addScaled_(self: Tensor, b: Tensor, alpha: number): Tensor {
  if (alpha === 1 || !fusesOnCpu(self)) return self.add_(b, { alpha });
  return self.copy_(multiplyAdd(self, b, alpha));
}

/** PyTorch's `self.addcmul(t1, t2, value=value)`: `self + value·t1·t2`. */
export function addcmul(self: Tensor, t1: Tensor, t2: Tensor, value: number): Tensor {
  if (isHalf(self)) return addcmul(self.float(), t1.float(), t2.float(), value).to(self.dtype);
  return multiplyAdd(self, t1.mul(value), t2);
}

/** PyTorch's `self.addcmul_(t1, t2, value=value)`, in place. */
export function addcmul_(self: Tensor, t1: Tensor, t2: Tensor, value: number): Tensor {
  if (fusesOnCpu(self) || isHalf(self)) return self.copy_(addcmul(self, t1, t2, value));
  return self.add_(t1.mul(value).mul(t2));
}

/** PyTorch's `self.addcdiv_(t1, t2, value=value)`: `self + (value·t1) / t2`, in place. */
export function addcdiv_(self: Tensor, t1: Tensor, t2: Tensor, value: number): Tensor {
  if (isHalf(self)) return self.copy_(self.float().add(t1.float().mul(value).div(t2.float())));
  return self.add_(t1.mul(value).div(t2));
}
