/** Small helpers the nn package shares: PyTorch's warnings and argument tuples. */
import { ValueError, getBackend } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";

/**
 * PyTorch's `warnings.warn(..., UserWarning)`. JS has no warnings module; we print once per
 * message, as Python's default filter does for one call site.
 */
const warned = new Set<string>();
export function warn(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`UserWarning: ${message}`);
}

/**
 * Whether `t`'s values can be read synchronously: true on the CPU, false on a device whose reads
 * are async (WebGPU). Value-dependent checks (a class index out of range, a probability outside
 * [0, 1]) read on the host only where that is possible; elsewhere they are left to the device,
 * as PyTorch leaves them to device asserts on CUDA, so that a training step never waits on a read.
 */
export const hostReadable = (t: Tensor): boolean => getBackend(t.device).capabilities.syncRead;

/** `torch.Size([2, 3])`, as PyTorch's messages print shapes. */
export function torchSize(t: Tensor | readonly number[]): string {
  const shape = Array.isArray(t) ? (t as readonly number[]) : (t as Tensor).shape;
  return `torch.Size([${shape.join(", ")}])`;
}

/** An int or a tuple argument (`kernel_size=3` or `(3, 5)`) as an n-tuple, as PyTorch's `_ntuple`. */
export function ntuple(v: number | readonly number[], n: number, name = "argument"): number[] {
  if (typeof v === "number") return Array.from({ length: n }, () => v);
  if (v.length === 1) return Array.from({ length: n }, () => v[0]!);
  if (v.length !== n) throw new ValueError(`${name} must have ${n} elements, got ${v.length}`);
  return [...v];
}

/** A tuple printed as Python prints it: `(3, 3)`, `(1,)`. */
export function pyTuple(v: readonly number[]): string {
  return v.length === 1 ? `(${v[0]},)` : `(${v.join(", ")})`;
}

/** Python's repr of a float (`1e-05`, `0.1`, `1.0`, `inf`), for module reprs. */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  // Both languages print the shortest round-tripping digits; they differ only in when to use
  // an exponent (Python: exponent < -4 or >= 16) and in spelling it (e-05, not e-5).
  const [mant, expStr] = v.toExponential().split("e") as [string, string];
  const exp = Number(expStr);
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  const s = String(v);
  return s.includes(".") ? s : `${s}.0`;
}

export type Reduction = "mean" | "sum" | "none";
