/**
 * Scalar semantics shared by the elementwise kernels: the PyTorch rules that JavaScript's
 * operators do not give for free. `fr` is the rounding of the compute dtype (Math.fround for
 * float32 and the 16-bit floats, which PyTorch computes in float32; identity for float64), so that
 * multi-step formulas round at the same steps as PyTorch's C++.
 */

export type Round = (x: number) => number;
export const exact: Round = (x) => x;

/** Python/PyTorch float floor division, computed through fmod as PyTorch does (not floor(a/b)). */
export function floorDivFloat(a: number, b: number, fr: Round): number {
  if (b === 0) return fr(a / b);
  const mod = a % b;
  let div = fr(fr(a - mod) / b);
  if (mod !== 0 && b < 0 !== mod < 0) div = fr(div - 1);
  if (div === 0) return Math.sign(a / b) < 0 || Object.is(a / b, -0) ? -0 : 0;
  let fl = Math.floor(div);
  if (fr(div - fl) > 0.5) fl = fr(fl + 1);
  return fl;
}

/** Python's modulo on floats: the result takes the divisor's sign. */
export function remainderFloat(a: number, b: number, fr: Round): number {
  let mod = a % b;
  if (mod !== 0 && b < 0 !== mod < 0) mod = fr(mod + b);
  return mod;
}

/** Python's modulo on integers (b ≠ 0, checked before the kernel runs). */
export function remainderInt(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r + 0; // + 0 turns -0 into 0
}

/** C's pow, which differs from Math.pow at pow(1, NaN) = 1 and pow(-1, ±inf) = 1. */
export function powFloat(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}

/** Integer pow with 32-bit wrap (the store wraps further to 8/16 bits; wrap is a ring map). */
export function powInt32(a: number, e: number): number {
  if (e < 0) {
    if (a === 1) return 1;
    if (a === -1) return e % 2 === 0 ? 1 : -1;
    return 0;
  }
  let r = 1;
  let b = a | 0;
  while (e > 0) {
    if (e & 1) r = Math.imul(r, b);
    b = Math.imul(b, b);
    e = Math.floor(e / 2);
  }
  return r;
}

/** int64 pow: square-and-multiply, wrapping at 64 bits each step. */
export function powInt64(a: bigint, e: bigint): bigint {
  if (e < 0n) {
    if (a === 1n) return 1n;
    if (a === -1n) return e % 2n === 0n ? 1n : -1n;
    return 0n;
  }
  let r = 1n;
  let b = a;
  while (e > 0n) {
    if (e & 1n) r = BigInt.asIntN(64, r * b);
    b = BigInt.asIntN(64, b * b);
    e >>= 1n;
  }
  return r;
}

export function floorDivInt64(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
export function remainderInt64(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

/** Round half to even (torch.round), keeping the sign of zero. */
export function roundHalfEven(x: number): number {
  if (!(Math.abs(x) < 2 ** 52)) return x; // already integral (or NaN/inf)
  const r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5) return 2 * Math.round(x / 2);
  return r;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** The sign bit, including −0 and negative NaNs. */
export function signbit(x: number): number {
  f64[0] = x;
  return (u32[1] as number) >>> 31;
}
