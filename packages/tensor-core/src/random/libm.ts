/**
 * Correctly rounded double log, exp, sin, cos and tan (up to ~2^-90 relative error before the
 * final rounding), in double-double arithmetic. "torch" mode needs them because PyTorch's CPU
 * samplers call glibc, whose results are correctly rounded in practice, while JavaScript's
 * `Math.log`/`Math.sin` (fdlibm) are off by one ULP a few percent of the time.
 */
type DD = [number, number];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}
function split(a: number): DD {
  const t = 134217729 * a;
  const hi = t - (t - a);
  return [hi, a - hi];
}
function twoProd(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}
function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [hi, lo] = twoSum(s, e + a[1] + b[1]);
  return [hi, lo];
}
function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return twoSum(p, e + a[0] * b[1] + a[1] * b[0]);
}
const scale = (a: DD, s: number): DD => [a[0] * s, a[1] * s];
const neg = (a: DD): DD => [-a[0], -a[1]];

const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];
const HALF_PI: [number, number, number] = [1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33];
const INV_FACT: DD[] = [[1, 0]];
for (let n = 1; n <= 30; n++) {
  // 1/n! as a double-double: divide the previous value by n with one correction step
  const prev = INV_FACT[n - 1] as DD;
  const q = prev[0] / n;
  const r = add(prev, neg(twoProd(q, n)));
  INV_FACT.push(twoSum(q, r[0] / n));
}

/** e^a as a double-double: a = k·ln2 + r, r/2^10 by Taylor, squared ten times. */
function expDD(a: number): DD {
  const k = Math.round(a / LN2[0]);
  let r = add(add([a, 0], neg(twoProd(k, LN2[0]))), [-k * LN2[1], 0]);
  r = scale(r, 2 ** -10);
  let sum: DD = INV_FACT[12] as DD;
  for (let n = 11; n >= 0; n--) sum = add(mul(sum, r), INV_FACT[n] as DD);
  for (let i = 0; i < 10; i++) sum = mul(sum, sum);
  return scale(sum, 2 ** k);
}

export function crExp(a: number): number {
  if (!(a > -745.2)) return a !== a ? a : 0;
  if (a > 709.79) return Infinity;
  if (a < -700) return crExp(a + 64) * 2 ** -64; // keep the double-double in the normal range
  const e = expDD(a);
  return e[0] + e[1];
}

/** ln x: refine fdlibm's estimate y by y + (x·e^−y − 1), computed in double-double. */
export function crLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  const y = Math.log(x);
  const r = add(mul([x, 0], expDD(-y)), [-1, 0]);
  const c = r[0] + r[1];
  return y + (c - (c * c) / 2);
}

/** [sin r, cos r] for a double-double |r| ≤ π/4, Taylor to r^29. */
function sinCosDD(r: DD): [DD, DD] {
  const z = mul(r, r);
  let s: DD = INV_FACT[29] as DD;
  for (let n = 27; n >= 1; n -= 2) s = add(mul(s, z), n % 4 === 1 ? (INV_FACT[n] as DD) : neg(INV_FACT[n] as DD));
  let c: DD = INV_FACT[28] as DD;
  for (let n = 26; n >= 0; n -= 2) c = add(mul(c, z), n % 4 === 0 ? (INV_FACT[n] as DD) : neg(INV_FACT[n] as DD));
  return [mul(s, r), c];
}

/** Quadrant and reduced argument of x (|x| < 2^20): x − k·π/2 with a triple-double π/2. */
function reduce(x: number): [number, DD] {
  const k = Math.round(x / HALF_PI[0]);
  let r = add([x, 0], neg(twoProd(k, HALF_PI[0])));
  r = add(r, neg(twoProd(k, HALF_PI[1])));
  r = add(r, [-k * HALF_PI[2], 0]);
  return [k, r];
}

function sinCos(x: number): [DD, DD] {
  const [k, r] = reduce(x);
  const [s, c] = sinCosDD(r);
  switch (((k % 4) + 4) % 4) {
    case 0:
      return [s, c];
    case 1:
      return [c, neg(s)];
    case 2:
      return [neg(s), neg(c)];
    default:
      return [neg(c), s];
  }
}

export function crSin(x: number): number {
  if (x === 0 || !Number.isFinite(x) || Math.abs(x) > 2 ** 20) return Math.sin(x);
  const [s] = sinCos(x);
  return s[0] + s[1];
}

export function crCos(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) > 2 ** 20) return Math.cos(x);
  const [, c] = sinCos(x);
  return c[0] + c[1];
}

export function crTan(x: number): number {
  if (x === 0 || !Number.isFinite(x) || Math.abs(x) > 2 ** 20) return Math.tan(x);
  const [s, c] = sinCos(x);
  const q = s[0] / c[0];
  const rem = add(s, neg(mul([q, 0], c)));
  return q + rem[0] / c[0];
}
