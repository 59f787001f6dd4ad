/**
 * IEEE binary16 (float16) and bfloat16 conversion with round-to-nearest-even, the rounding
 * PyTorch's CPU kernels apply when a float32 result is stored into a 16-bit tensor.
 *
 * Conversions go through float32 first (Math.fround): PyTorch computes half arithmetic in float32
 * and rounds the float32 result, so a float64 → float16 conversion here rounds twice on purpose.
 * Callers that hold an exact float64 and want a single rounding use `float64ToFloat16Bits`.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float16 bit pattern → its value (exact: every float16 is a float32 and a float64). */
const F16_TABLE = /* @__PURE__ */ (() => {
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const s = h & 0x8000 ? -1 : 1;
    const e = (h >> 10) & 0x1f;
    const m = h & 0x3ff;
    if (e === 0) t[h] = s * m * 2 ** -24;
    else if (e === 31) t[h] = m === 0 ? s * Infinity : NaN;
    else t[h] = s * (1 + m / 1024) * 2 ** (e - 15);
  }
  return t;
})();

export function float16BitsToNumber(h: number): number {
  return F16_TABLE[h & 0xffff] as number;
}

/** Rounds a float32 bit pattern to float16 bits, nearest-even; NaN stays a quiet NaN. */
function f32BitsToF16Bits(x: number): number {
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | (mant !== 0 ? 0x7e00 : 0x7c00); // NaN → canonical quiet NaN, as c10::Half
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00; // overflow → ±inf
  if (e <= 0) {
    // subnormal or zero in float16: shift the full significand right, rounding nearest-even.
    if (e < -10) return sign; // below half the smallest subnormal → ±0
    mant |= 0x800000;
    const shift = 14 - e; // 1 - e + 13
    const half = 1 << (shift - 1);
    const rest = mant & ((1 << shift) - 1);
    let r = mant >>> shift;
    if (rest > half || (rest === half && (r & 1) === 1)) r++;
    return sign | r;
  }
  let r = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (r & 1) === 1)) r++; // may carry into the exponent: correct
  return sign | r;
}

/** float32 value (after Math.fround) → float16 bits, as PyTorch's `c10::Half(float)`. */
export function numberToFloat16Bits(x: number): number {
  f32[0] = x;
  return f32BitsToF16Bits(u32[0] as number);
}

/** bfloat16 bit pattern → its value. */
export function bfloat16BitsToNumber(h: number): number {
  u32[0] = (h & 0xffff) << 16;
  return f32[0] as number;
}

/** float32 value (after Math.fround) → bfloat16 bits, nearest-even; NaN → canonical quiet NaN. */
export function numberToBfloat16Bits(x: number): number {
  f32[0] = x;
  const b = u32[0] as number;
  if (x !== x) return 0x7fc0;
  const lsb = (b >>> 16) & 1;
  return ((b + 0x7fff + lsb) >>> 16) & 0xffff;
}

/** Rounds a number to the nearest float16 value (via float32, as PyTorch does). */
export const roundToFloat16 = (x: number): number => float16BitsToNumber(numberToFloat16Bits(x));
/** Rounds a number to the nearest bfloat16 value (via float32, as PyTorch does). */
export const roundToBfloat16 = (x: number): number => bfloat16BitsToNumber(numberToBfloat16Bits(x));
