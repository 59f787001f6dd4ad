/**
 * The soft-binary64 library (wgsl/lib-f64.ts), function by function: each runs on the device in a
 * small test kernel over thousands of random bit patterns plus the special cases, and its bits are
 * compared with JS doubles (the CPU backend's arithmetic), Math.fround, BigInt, or an exact
 * BigInt rounding written here (fma, ldexp).
 */
import { describe, expect, it } from "vitest";
import { GpuContext, KERNEL_HEAD, declareBindings } from "./context.js";
import { getGpu, rng } from "./test-utils/harness.js";
import { withLibrary } from "./wgsl/library.js";

let ctxPromise: Promise<GpuContext> | null = null;
const getCtx = (): Promise<GpuContext> => (ctxPromise ??= getGpu().then((g) => new GpuContext(g.device)));

const dv = new DataView(new ArrayBuffer(8));
const bitsOf = (x: number): [number, number] => (dv.setFloat64(0, x, true), [dv.getUint32(0, true), dv.getUint32(4, true)]);
const fromBits = (lo: number, hi: number): number => (dv.setUint32(0, lo, true), dv.setUint32(4, hi, true), dv.getFloat64(0, true));
const f32bits = (x: number): number => (dv.setFloat32(0, x, true), dv.getUint32(0, true));
const f32of = (u: number): number => (dv.setUint32(0, u, true), dv.getFloat32(0, true));

/** 2^k exactly (k in [-1074, 1023]), built from the bits. */
function pow2(k: number): number {
  if (k >= -1022) return fromBits(0, (k + 1023) * 2 ** 20);
  const b = k + 1074; // subnormal: bit b of the fraction
  return b >= 32 ? fromBits(0, 2 ** (b - 32)) : fromBits(2 ** b, 0);
}

/** n · 2^p rounded once to the nearest double (ties to even), by hand on BigInt. */
function roundBig(n: bigint, p: number): number {
  if (n === 0n) return 0;
  const neg = n < 0n;
  const m = neg ? -n : n;
  const len = m.toString(2).length;
  const lead = len - 1 + p;
  let r: number;
  if (lead > 1023) r = Infinity;
  else {
    const shift = lead >= -1022 ? len - 53 : -1074 - p;
    if (shift <= 0) r = Number(m) * pow2(p);
    else {
      const s = BigInt(shift);
      let q = m >> s;
      const rem = m - (q << s);
      const half = 1n << (s - 1n);
      if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
      const k = p + shift;
      r = k > 1023 - 53 ? Number(q) * pow2(k - 60) * 2 ** 60 : Number(q) * pow2(k);
    }
  }
  return neg ? -r : r;
}

/** A finite double as an exact BigInt times 2^-1074. */
function exact(x: number): bigint {
  const [lo, hi] = bitsOf(Math.abs(x));
  const ef = hi >>> 20;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const v = ef === 0 ? frac : (frac | (1n << 52n)) << BigInt(ef - 1);
  return x < 0 || Object.is(x, -0) ? -v : v;
}

// --- inputs: random bit patterns, values near the subnormal/overflow edges, and special values ---
const SPECIALS = [
  0, -0, Infinity, -Infinity, NaN, 1, -1, 0.5, 1.5, 2, 3, 2 ** -1074, -(2 ** -1074), 2 ** -1022, 2 ** -1022 - 2 ** -1074,
  Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 1023, 1 + 2 ** -52, 1 - 2 ** -53, 2 ** 53, 2 ** 53 + 2, 2 ** 52 + 0.5, 4503599627370497,
  0.49999999999999994, 2.5, -2.5, 3.5, 1e308, 1e-308, 3.4028234663852886e38, 3.4028235677973366e38, 1.401298464324817e-45,
  7.006492321624085e-46, 2 ** -126, 2 ** -149 * 1.5, 2 ** 31, -(2 ** 31), 2 ** 63, -(2 ** 63), 1 / 3, Math.PI,
];

function randomDouble(r: () => number): number {
  const kind = r();
  const lo = Math.floor(r() * 2 ** 32);
  const mant = Math.floor(r() * 2 ** 20);
  const sign = r() < 0.5 ? 0 : 0x80000000;
  let ef: number;
  if (kind < 0.3) ef = Math.floor(r() * 2048); // any pattern (NaN, inf, subnormal included)
  else if (kind < 0.45) ef = Math.floor(r() * 4); // subnormal and the first normals
  else if (kind < 0.55) ef = 2044 + Math.floor(r() * 3); // near overflow
  else ef = 1023 - 40 + Math.floor(r() * 80); // ordinary magnitudes
  return fromBits(lo, (sign | (ef << 20) | mant) >>> 0);
}

function inputs(n: number, seed: number): number[] {
  const r = rng(seed);
  const out = [...SPECIALS];
  while (out.length < n) out.push(randomDouble(r));
  return out;
}

/** Pairs: specials × specials, random pairs, and pairs chosen for cancellation and halfway ties. */
function pairs(n: number, seed: number): [number, number][] {
  const r = rng(seed);
  const out: [number, number][] = [];
  for (const a of SPECIALS) for (const b of SPECIALS) out.push([a, b]);
  while (out.length < n) {
    const k = r();
    const a = randomDouble(r);
    if (k < 0.4) out.push([a, randomDouble(r)]);
    else if (k < 0.6) {
      // close magnitudes: cancellation in add/sub, exact quotients near 1
      const [lo, hi] = bitsOf(a);
      out.push([a, fromBits((lo + Math.floor((r() - 0.5) * 64)) >>> 0, (hi ^ (r() < 0.5 ? 0x80000000 : 0)) >>> 0)]);
    } else if (k < 0.8) {
      // small-integer significands: products and sums that are exact, or exactly halfway
      const x = Math.floor(r() * 2 ** 27) + 2 ** 26;
      const y = Math.floor(r() * 2 ** 28) + 1;
      const e1 = Math.floor(r() * 200) - 100;
      const e2 = Math.floor(r() * 200) - 100 - (r() < 0.3 ? 1000 : 0);
      out.push([x * 2 ** e1 * (r() < 0.5 ? -1 : 1), y * 2 ** e2]);
    } else {
      // 1 + k·2^-52 plus a tie at 2^-53 (and neighbours), and results near 2^-1022
      const b = 1 + Math.floor(r() * 16) * 2 ** -52;
      const t = [2 ** -53, 2 ** -53 + 2 ** -105, 2 ** -53 - 2 ** -106, 3 * 2 ** -54][Math.floor(r() * 4)] as number;
      out.push(r() < 0.5 ? [b, t] : [2 ** -1022 * (1 + r()), -(2 ** -1022) * (0.5 + r())]);
    }
  }
  return out;
}

/**
 * Runs `body` (WGSL statements over `a`, `b`, `c`: vec2u operands, `k`: an i32 operand, writing
 * `res: vec2u`) for every row of inputs on the device and returns the result words.
 */
async function run(body: string, rows: readonly (readonly number[])[], inWords: number, outWords: number): Promise<Uint32Array> {
  const ctx = await getCtx();
  const n = rows.length;
  const input = new Uint32Array(n * inWords);
  rows.forEach((row, i) => row.forEach((w, j) => (input[i * inWords + j] = w >>> 0)));
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
  const inBuf = ctx.device.createBuffer({ size: input.byteLength, usage });
  const outBuf = ctx.device.createBuffer({ size: n * outWords * 4, usage });
  ctx.device.queue.writeBuffer(inBuf, 0, input);
  const w = (j: number): string => `b1[i * ${inWords}u + ${j}u]`;
  const source = `${declareBindings([{ buffer: outBuf, rw: true, atomic: false }, { buffer: inBuf, rw: false, atomic: false }], false)}
${KERNEL_HEAD()}
  let a = vec2u(${w(0)}, ${w(1)});
  let b = vec2u(${inWords > 2 ? w(2) : "0u"}, ${inWords > 3 ? w(3) : "0u"});
  let c = vec2u(${inWords > 4 ? w(4) : "0u"}, ${inWords > 5 ? w(5) : "0u"});
  let k = bitcast<i32>(${inWords > 2 ? w(2) : "0u"});
  var res = vec2u(0u);
  ${body}
  b0[i * ${outWords}u] = res.x;
  ${outWords > 1 ? `b0[i * ${outWords}u + 1u] = res.y;` : ""}
}`;
  const pipeline = ctx.pipeline(`f64-lib-test:${body}:${inWords}:${outWords}`, () => source);
  ctx.dispatch(pipeline, [{ buffer: outBuf, rw: true, atomic: false }, { buffer: inBuf, rw: false, atomic: false }], new Uint32Array([n, 0]), n, false);
  const { bytes } = await ctx.readBytes(outBuf, 0, n * outWords * 4);
  inBuf.destroy();
  outBuf.destroy();
  return new Uint32Array(bytes.buffer, bytes.byteOffset, n * outWords);
}

const hex = (lo: number, hi: number): string => `${(hi >>> 0).toString(16).padStart(8, "0")}_${(lo >>> 0).toString(16).padStart(8, "0")}`;
const show = (x: number): string => `${x} (${hex(...bitsOf(x))})`;

/**
 * Compares device doubles with expected numbers bit for bit. A NaN is any NaN, but an invalid
 * operation (a NaN result from non-NaN inputs) must be the canonical quiet NaN.
 */
function expectDoubles(got: Uint32Array, want: readonly number[], args: readonly (readonly number[])[]): void {
  const bad: string[] = [];
  want.forEach((w, i) => {
    const lo = got[2 * i] as number;
    const hi = got[2 * i + 1] as number;
    const g = fromBits(lo, hi);
    const argNaN = (args[i] as number[]).some(Number.isNaN);
    const ok = Number.isNaN(w) ? Number.isNaN(g) && (argNaN || (lo === 0 && hi === 0x7ff80000)) : Object.is(g, w);
    if (!ok && bad.length < 10) bad.push(`(${(args[i] as number[]).map(show).join(", ")}) → got ${show(g)}, want ${show(w)}`);
  });
  expect(bad).toEqual([]);
}

async function checkBinary(body: string, ref: (a: number, b: number) => number, n = 6000, seed = 1): Promise<void> {
  const ps = pairs(n, seed);
  const got = await run(body, ps.map(([a, b]) => [...bitsOf(a), ...bitsOf(b)]), 4, 2);
  expectDoubles(got, ps.map(([a, b]) => ref(a, b)), ps);
}

async function checkUnary(body: string, ref: (a: number) => number, xs = inputs(5000, 7)): Promise<void> {
  const got = await run(body, xs.map((a) => bitsOf(a)), 2, 2);
  expectDoubles(got, xs.map(ref), xs.map((x) => [x]));
}

function roundEven(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 52) return x;
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Object.is(r, 0) && x < 0 ? -0 : r;
}

describe("lib-f64 arithmetic (bits compared with JS doubles)", () => {
  it("add, sub", async () => {
    await checkBinary("res = f64_add(a, b);", (a, b) => a + b);
    await checkBinary("res = f64_sub(a, b);", (a, b) => a - b, 6000, 2);
  });
  it("mul", async () => checkBinary("res = f64_mul(a, b);", (a, b) => a * b, 6000, 3));
  it("div", async () => checkBinary("res = f64_div(a, b);", (a, b) => a / b, 6000, 4));
  it("sqrt", async () => {
    const xs = inputs(5000, 5);
    const r = rng(55);
    for (let i = 0; i < 500; i++) {
      const q = Math.floor(r() * 2 ** 26) + 2 ** 26; // perfect squares and their neighbours
      xs.push(q * q, q * q + 2 ** 27 * (r() - 0.5), (q * q) * 2 ** -1100);
    }
    await checkUnary("res = f64_sqrt(a);", Math.sqrt, xs);
  });
  it("fmod (C fmod, exact) against JS %", async () => checkBinary("res = f64_fmod(a, b);", (a, b) => a % b, 4000, 6));
  it("ldexp against an exact BigInt rounding", async () => {
    const r = rng(8);
    const rows: [number, number][] = inputs(4000, 9).map((x) => [x, Math.floor((r() - 0.5) * (r() < 0.5 ? 120 : 4400))]);
    const got = await run("res = f64_ldexp(a, k);", rows.map(([x, k]) => [...bitsOf(x), k >>> 0]), 3, 2);
    const want = rows.map(([x, k]) => (!Number.isFinite(x) || x === 0 ? x : roundBig(exact(x), k - 1074)));
    expectDoubles(got, want, rows.map(([x]) => [x]));
  });
  it("fma (rounded once) against an exact BigInt rounding", async () => {
    const r = rng(21);
    const rows = pairs(6000, 22).map(([a, b]): [number, number, number] => {
      const k = r();
      const p = a * b;
      // c: the negated product (cancellation), a neighbour of it, an unrelated value, or a special
      const c = k < 0.3 ? -p : k < 0.5 ? -p * (1 + (r() - 0.5) * 2 ** -40) : k < 0.9 ? randomDouble(r) : (SPECIALS[Math.floor(r() * SPECIALS.length)] as number);
      return [a, b, c];
    });
    const got = await run("res = f64_fma(a, b, c);", rows.map((t) => t.flatMap(bitsOf)), 6, 2);
    const want = rows.map(([a, b, c]) => {
      if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b + c;
      if (!Number.isFinite(c)) return c; // a finite product plus ±inf or NaN
      const n = exact(a) * exact(b) + exact(c) * 2n ** 1074n;
      if (n === 0n && (a === 0 || b === 0) && c === 0) return Object.is(a * b, -0) && Object.is(c, -0) ? -0 : 0;
      return roundBig(n, -2148);
    });
    expectDoubles(got, want, rows);
  });
  it("neg, abs", async () => {
    const xs = inputs(2000, 10).filter((x) => !Number.isNaN(x));
    await checkUnary("res = f64_neg(a);", (x) => -x, xs);
    await checkUnary("res = f64_abs(a);", Math.abs, xs);
  });
});

describe("lib-f64 rounding to integers", () => {
  it("floor, ceil, trunc, round-half-even", async () => {
    const xs = inputs(4000, 11);
    const r = rng(12);
    for (let i = 0; i < 1000; i++) xs.push((Math.floor(r() * 2000) - 1000) / 2, (Math.floor(r() * 2 ** 20) + 0.5) * 2 ** Math.floor(r() * 33));
    await checkUnary("res = f64_floor(a);", Math.floor, xs);
    await checkUnary("res = f64_ceil(a);", Math.ceil, xs);
    await checkUnary("res = f64_trunc(a);", Math.trunc, xs);
    await checkUnary("res = f64_round_even(a);", roundEven, xs);
  });
});

describe("lib-f64 comparisons and classification", () => {
  it("lt, le, eq (false with NaN, -0 == +0)", async () => {
    const ps = pairs(4000, 13);
    const rows = ps.map(([a, b]) => [...bitsOf(a), ...bitsOf(b)]);
    const got = await run("res.x = u32(f64_lt(a, b)) | (u32(f64_le(a, b)) << 1u) | (u32(f64_eq(a, b)) << 2u);", rows, 4, 1);
    const want = ps.map(([a, b]) => +(a < b) | (+(a <= b) << 1) | (+(a === b) << 2));
    expect(Array.from(got)).toEqual(want);
  });
  it("isnan, isinf, isfinite, iszero, signbit, exponent (ilogb)", async () => {
    const xs = inputs(4000, 14);
    const got = await run(
      "res.x = u32(f64_isnan(a)) | (u32(f64_isinf(a)) << 1u) | (u32(f64_isfinite(a)) << 2u) | (u32(f64_iszero(a)) << 3u) | (u32(f64_signbit(a)) << 4u); if (f64_isfinite(a) && !f64_iszero(a)) { res.y = bitcast<u32>(f64_exponent(a)); }",
      xs.map((x) => bitsOf(x)),
      2,
      2,
    );
    xs.forEach((x, i) => {
      const flags = got[2 * i] as number;
      const want = +Number.isNaN(x) | (+(Math.abs(x) === Infinity) << 1) | (+Number.isFinite(x) << 2) | (+(x === 0) << 3) | (+((bitsOf(x)[1] >>> 31) === 1) << 4);
      expect(flags, show(x)).toBe(want);
      if (Number.isFinite(x) && x !== 0) {
        const e = (got[2 * i + 1] as number) | 0;
        // 2^e <= |x| < 2^(e+1), with the powers built exactly from the bits
        expect(pow2(e) <= Math.abs(x) && (e === 1023 || Math.abs(x) < pow2(e + 1)), `${show(x)} exponent ${e}`).toBe(true);
      }
    });
  });
});

describe("lib-f64 conversions", () => {
  it("from i32, u32, f32 bits", async () => {
    const r = rng(15);
    const ints = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 24 + 1, ...Array.from({ length: 3000 }, () => Math.floor(r() * 2 ** 32) | 0)];
    expectDoubles(await run("res = f64_from_i32(bitcast<i32>(a.x));", ints.map((v) => [v, 0]), 2, 2), ints, ints.map((v) => [v]));
    const uints = ints.map((v) => v >>> 0);
    expectDoubles(await run("res = f64_from_u32(a.x);", uints.map((v) => [v, 0]), 2, 2), uints, uints.map((v) => [v]));
    const fb = [0, 0x80000000, 1, 0x807fffff, 0x00800000, 0x7f7fffff, 0x7f800000, 0xff800000, 0x7fc00000, ...Array.from({ length: 3000 }, () => Math.floor(r() * 2 ** 32))];
    expectDoubles(await run("res = f64_from_f32bits(a.x);", fb.map((v) => [v, 0]), 2, 2), fb.map(f32of), fb.map((v) => [f32of(v)]));
  });
  it("from i64 (rounded once) against Number(BigInt)", async () => {
    const r = rng(16);
    const vs: bigint[] = [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, 2n ** 53n + 3n, -(2n ** 54n) - 2n];
    for (let i = 0; i < 3000; i++) {
      const v = BigInt.asIntN(64, (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32)));
      vs.push(r() < 0.5 ? v : v >> BigInt(Math.floor(r() * 60)));
    }
    const words = vs.map((v) => [Number(BigInt.asUintN(32, v)), Number(BigInt.asUintN(32, v >> 32n))]);
    expectDoubles(await run("res = f64_from_i64(a);", words, 2, 2), vs.map(Number), vs.map(() => [0]));
  });
  it("to f32 bits (Math.fround, subnormal results exact)", async () => {
    const xs = inputs(5000, 17);
    const r = rng(18);
    for (let i = 0; i < 1000; i++) {
      const f = f32of(Math.floor(r() * 2 ** 32)); // float32 values and the midpoints next to them
      if (!Number.isFinite(f)) continue;
      const [lo, hi] = bitsOf(f);
      xs.push(f, fromBits(lo | 0x10000000, hi), fromBits((lo | 0x10000000) + (r() < 0.5 ? 1 : -1), hi), f * (1 + 2 ** -25));
    }
    const got = await run("res.x = f64_to_f32bits(a);", xs.map((x) => bitsOf(x)), 2, 1);
    const bad: string[] = [];
    xs.forEach((x, i) => {
      const want = Math.fround(x);
      const g = f32of(got[i] as number);
      const ok = Number.isNaN(want) ? Number.isNaN(g) : f32bits(want) === (got[i] as number);
      if (!ok && bad.length < 10) bad.push(`${show(x)} → ${g}, want ${want}`);
    });
    expect(bad).toEqual([]);
  });
  it("to i32 (truncating, in range) and to i64 (the CPU backend's out-of-range rule)", async () => {
    const xs = inputs(5000, 19);
    const inRange = xs.filter((x) => Number.isFinite(x) && Math.abs(x) < 2 ** 31);
    const g32 = await run("res.x = bitcast<u32>(f64_to_i32_trunc(a));", inRange.map((x) => bitsOf(x)), 2, 1);
    expect(Array.from(g32, (v) => v | 0)).toEqual(inRange.map((x) => Math.trunc(x) | 0));
    const r = rng(20);
    for (let i = 0; i < 1000; i++) xs.push((r() - 0.5) * 2 ** (r() * 70));
    const g64 = await run("res = f64_to_i64(a);", xs.map((x) => bitsOf(x)), 2, 2);
    const want = xs.map((x) => {
      const t = Math.trunc(x);
      return t >= -(2 ** 63) && t < 2 ** 63 ? BigInt(t) : -(2n ** 63n);
    });
    const got = xs.map((_, i) => BigInt.asIntN(64, (BigInt(g64[2 * i + 1] as number) << 32n) | BigInt(g64[2 * i] as number)));
    expect(got).toEqual(want);
  });
});

describe("withLibrary", () => {
  const defined = (src: string): string[] => [...src.matchAll(/\bfn (\w+)\(/g)].map((m) => m[1] as string);
  it("prepends the transitive closure of the library functions a kernel calls, once each", () => {
    const src = "fn main() { let x = f64_add(vec2u(0u), f64_neg(vec2u(1u))); let y = f64_add(x, x); }";
    const fns = defined(withLibrary(src));
    // add needs the rounding step, which needs the sticky shift, which needs both plain shifts
    for (const f of ["f64_add", "f64_neg", "f64_round_pack", "f64_norm_pack", "f64_u_shr_jam", "f64_u_shr", "f64_u_shl"]) expect(fns).toContain(f);
    for (const f of ["f64_div", "f64_mul", "f64_fma", "f64_sqrt"]) expect(fns).not.toContain(f);
    expect(new Set(fns).size).toBe(fns.length);
  });
  it("leaves a kernel without library calls unchanged", () => {
    const src = "fn main() { let x = 1u; }";
    expect(withLibrary(src)).toBe(src);
  });
});
