/**
 * cos(x) correctly rounded. PyTorch's cosine schedules call Python's `math.cos`, i.e. glibc's, which
 * is correctly rounded for all but ~0.2% of arguments (measured: gen_optim.py records both); V8's
 * `Math.cos` (fdlibm) is one ULP off for ~4%, and the recursive (chainable) schedules carry such an
 * error along. Double-double evaluation: x − k·π/2 with π/2 in three parts, then Taylor series to
 * ~2^-106. (tensor-core has the same function, `crCos`, for its torch-mode samplers, unexported.)
 */
type DD = [number, number];

const twoSum = (a: number, b: number): DD => {
  const s = a + b;
  const v = s - a;
  return [s, a - (s - v) + (b - v)];
};
const split = (a: number): DD => {
  const t = 134217729 * a; // 2^27 + 1: Veltkamp's splitter
  const hi = t - (t - a);
  return [hi, a - hi];
};
const twoProd = (a: number, b: number): DD => {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
};
const add = (a: DD, b: DD): DD => {
  const [s, e] = twoSum(a[0], b[0]);
  return twoSum(s, e + a[1] + b[1]);
};
const mul = (a: DD, b: DD): DD => {
  const [p, e] = twoProd(a[0], b[0]);
  return twoSum(p, e + a[0] * b[1] + a[1] * b[0]);
};
const neg = (a: DD): DD => [-a[0], -a[1]];

const HALF_PI = [1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33] as const;

/** ±1/n! for n = 0..29 in double-double, signs alternating every two terms (the Taylor coefficients). */
const COEF: DD[] = [[1, 0]];
for (let n = 1; n < 30; n++) {
  const prev = COEF[n - 1] as DD;
  const q = prev[0] / n;
  const rest = add(prev, neg(twoProd(q, n)));
  COEF.push(twoSum(q, rest[0] / n));
}
const signed = (n: number): DD => (Math.floor(n / 2) % 2 === 0 ? (COEF[n] as DD) : neg(COEF[n] as DD));

/** Σ ±r^n/n! over n ≡ first (mod 2), by Horner in r². */
function series(r: DD, first: 0 | 1): DD {
  const r2 = mul(r, r);
  let acc = signed(first + 26);
  for (let n = first + 24; n >= first; n -= 2) acc = add(mul(acc, r2), signed(n));
  return first === 0 ? acc : mul(acc, r);
}

export function cos(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) > 2 ** 20) return Math.cos(x);
  const k = Math.round(x / HALF_PI[0]);
  let r = add([x, 0], neg(twoProd(k, HALF_PI[0])));
  r = add(r, neg(twoProd(k, HALF_PI[1])));
  r = add(r, [-k * HALF_PI[2], 0]);
  const quadrant = ((k % 4) + 4) % 4;
  const v = quadrant % 2 === 0 ? series(r, 0) : series(r, 1);
  const s = quadrant === 1 || quadrant === 2 ? -1 : 1;
  return s * (v[0] + v[1]);
}
