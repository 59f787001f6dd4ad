/**
 * erf in float64 for the reference, accurate to about 1 ULP (checked against torch 1.13's glibc
 * erf): |x| < 0.5 by its Maclaurin series (terms fall by x² ≤ 1/4, little cancellation); above,
 * erf = 1 − erfc with erfc from its Laplace continued fraction evaluated from the tail, and
 * e^(−x²) with x² split exactly in two parts (x² itself is not a float64).
 */
const SQRT_PI = Math.sqrt(Math.PI);

/** e^(−a²) without the rounding error of a·a (Dekker's split: a = hi + lo, hi with 26 bits). */
function expMinusSquare(a: number): number {
  const c = 134217729 * a;
  const hi = c - (c - a);
  const lo = a - hi;
  return Math.exp(-hi * hi) * Math.exp(-(2 * hi * lo + lo * lo));
}

export function erf(x: number): number {
  if (x !== x) return NaN;
  if (x === 0) return x; // keeps -0
  const a = Math.abs(x);
  if (a >= 6) return Math.sign(x);
  if (a < 0.5) {
    // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1)), summed smallest term first
    const terms: number[] = [];
    let p = a;
    for (let n = 0; n < 40; n++) {
      terms.push(p / (2 * n + 1));
      p *= (-a * a) / (n + 1);
    }
    let sum = 0;
    for (let n = terms.length - 1; n >= 0; n--) sum += terms[n] as number;
    return Math.sign(x) * ((2 / SQRT_PI) * sum);
  }
  // erfc(a) = e^(−a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + …))))
  let t = a;
  for (let k = a < 2 ? 6000 : 400; k >= 1; k--) t = a + k / 2 / t;
  const erfc = expMinusSquare(a) / SQRT_PI / t;
  return Math.sign(x) * (1 - erfc);
}
