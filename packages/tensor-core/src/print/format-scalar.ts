/**
 * Exact decimal formatting of doubles, as Python's `'{:.Nf}'` and `'{:.Ne}'` do it: the exact
 * binary value rounded half-to-even. `Number.prototype.toFixed` rounds exact ties away from zero
 * (0.5 → "1", Python "0") and switches to exponent form above 1e21, so it cannot be used.
 */

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push((POW10[POW10.length - 1] ?? 1n) * 10n);
  return POW10[n] ?? 1n;
}

const view = new DataView(new ArrayBuffer(8));

/** |x| = mant * 2^exp for a finite x. */
function decompose(x: number): { mant: bigint; exp: number } {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) mant |= 1n << 52n;
  return { mant, exp: (biased === 0 ? 1 : biased) - 1075 };
}

/** round(num / den), ties to even; num ≥ 0, den > 0. */
function divRound(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twice = 2n * (num % den);
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** round(|x| * 10^k), ties to even, for any integer k. */
function scaledRound(mant: bigint, exp: number, k: number): bigint {
  let num = mant;
  let den = 1n;
  if (exp >= 0) num <<= BigInt(exp);
  else den <<= BigInt(-exp);
  if (k >= 0) num *= pow10(k);
  else den *= pow10(-k);
  return divRound(num, den);
}

const isNegative = (x: number): boolean => x < 0 || Object.is(x, -0);

function special(x: number): string | null {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return null;
}

/** Python's `f"{x:.{precision}f}"`. */
export function formatFixed(x: number, precision: number): string {
  const s = special(x);
  if (s !== null) return s;
  const { mant, exp } = decompose(x);
  let digits = scaledRound(mant, exp, precision).toString();
  if (precision > 0) {
    digits = digits.padStart(precision + 1, "0");
    digits = `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
  }
  return (isNegative(x) ? "-" : "") + digits;
}

/** Python's `f"{x:.{precision}e}"`: at least two exponent digits. */
export function formatExp(x: number, precision: number): string {
  const s = special(x);
  if (s !== null) return s;
  const sign = isNegative(x) ? "-" : "";
  let digits: string;
  let e = 0;
  if (x === 0) {
    digits = "0".repeat(precision + 1);
  } else {
    const { mant, exp } = decompose(x);
    e = Math.floor(Math.log10(Math.abs(x)));
    let q = scaledRound(mant, exp, precision - e);
    // log10 may be off by one near powers of ten, and rounding may carry to 10^(p+1)
    for (;;) {
      if (q >= pow10(precision + 1)) e += 1;
      else if (q < pow10(precision)) e -= 1;
      else break;
      q = scaledRound(mant, exp, precision - e);
    }
    digits = q.toString();
  }
  const mantissa = precision > 0 ? `${digits.slice(0, 1)}.${digits.slice(1)}` : digits;
  const expAbs = Math.abs(e).toString().padStart(2, "0");
  return `${sign}${mantissa}e${e < 0 ? "-" : "+"}${expAbs}`;
}
