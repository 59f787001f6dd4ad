/**
 * float64 transcendental unary ops and pow/atan2 (wgsl/lib-f64-math.ts) through the WebGPU
 * backend against the CPU backend: every function over thousands of inputs
 * spread across its whole range (random bit patterns, the function's interesting interval,
 * subnormals, huge magnitudes, values next to multiples of π/2) plus ±0, ±inf, NaN; the largest
 * distance in ULPs is printed per function and must stay within the conformance suite's float64
 * bound (UNARY_ULPS / BINARY_ULPS).
 */
import { BINARY_ULPS, UNARY_ULPS } from "@typetorch/conformance";
import type { Backend, BinaryOp, UnaryOp } from "@typetorch/tensor-core";
import { describe, expect, it } from "vitest";
import { cpu, getGpu, put, rng, ulps } from "./test-utils/harness.js";
import { twoOverPiWords } from "./wgsl/lib-f64-trig.js";

const dv = new DataView(new ArrayBuffer(8));
const fromBits = (lo: number, hi: number): number => (dv.setUint32(0, lo, true), dv.setUint32(4, hi, true), dv.getFloat64(0, true));

type Op = { unary: UnaryOp } | { binary: BinaryOp };

/** Runs the op on a backend over the rows (one operand per column, float64 vectors). */
async function runOn(be: Backend, op: Op, rows: readonly (readonly number[])[]): Promise<Float64Array> {
  const n = rows.length;
  const spec = { dtype: "float64" as const, shape: [n] };
  const ins = Array.from({ length: "unary" in op ? 1 : 2 }, (_, j) => put(be, spec, new Float64Array(rows.map((r) => r[j] as number))));
  const out = put(be, spec, new Float64Array(n));
  if ("unary" in op) be.unary(op.unary, out, ins[0]!);
  else be.binary(op.binary, out, ins[0]!, ins[1]!);
  const data = (await be.read(out.buffer, "float64", 0, n)) as Float64Array;
  for (const o of [...ins, out]) be.free(o.buffer);
  return data;
}

/** The device's result and the time of that first call (compile included). */
async function onDevice(op: Op, rows: readonly (readonly number[])[]): Promise<{ out: Float64Array; ms: number }> {
  const gpu = await getGpu();
  const t0 = performance.now();
  const out = await runOn(gpu, op, rows);
  const ms = performance.now() - t0;
  return { out, ms };
}

const SPECIALS = [
  0, -0, Infinity, -Infinity, NaN, 1, -1, 0.5, -0.5, 2, -2, 2 ** -1074, -(2 ** -1074), 2 ** -1022, -(2 ** -1022), 2 ** -1022 - 2 ** -1074,
  Number.MAX_VALUE, -Number.MAX_VALUE, 1e-300, 1e300, 2 ** -28, 2 ** -54, 1 - 2 ** -53, 1 + 2 ** -52, Math.PI, Math.PI / 2, -Math.PI / 4,
  0.7853981633974483, 2.356194490192345, 22, -22, 709.782712893384, 709.79, -745.1332191019411, -745.14, 710.4758600739439, 6, -6, 2.5, -2.5,
];

/** Values where a reduction modulo π/2 cancels: k·π/2 rounded, its neighbours, and the double closest to a multiple. */
function nearPiOver2(r: () => number, n: number): number[] {
  const out = [6381956970095103 * 2 ** 797, -5706878459434895 * 2 ** 220, 1e22, 2 ** 1023, 1e308];
  while (out.length < n) {
    const k = Math.floor(r() * (r() < 0.5 ? 64 : 2 ** 30)) + 1;
    const x = (k * Math.PI) / 2;
    dv.setFloat64(0, x, true);
    const lo = dv.getUint32(0, true);
    out.push(fromBits((lo + Math.floor((r() - 0.5) * 8)) >>> 0, dv.getUint32(4, true)) * (r() < 0.5 ? -1 : 1));
  }
  return out;
}

/** n inputs: the specials, random bit patterns of every exponent, subnormals, and uniform/log-uniform draws in [lo, hi]. */
function inputs(seed: number, n: number, lo: number, hi: number, extra: readonly number[] = []): number[] {
  const r = rng(seed);
  const out = [...SPECIALS, ...extra];
  while (out.length < n) {
    const k = r();
    const sign = r() < 0.5 ? 0 : 0x80000000;
    if (k < 0.2) out.push(fromBits(Math.floor(r() * 2 ** 32), (sign | (Math.floor(r() * 2047) << 20) | Math.floor(r() * 2 ** 20)) >>> 0));
    else if (k < 0.25) out.push(fromBits(Math.floor(r() * 2 ** 32), (sign | Math.floor(r() * 2 ** 20)) >>> 0));
    else if (k < 0.65) out.push(lo + (hi - lo) * r());
    else {
      const m = Math.max(Math.abs(lo), Math.abs(hi));
      const v = m * 2 ** (-60 * r());
      out.push(lo < 0 && r() < 0.5 ? -v : v);
    }
  }
  return out;
}

const ULPS_UNARY = (op: UnaryOp): number => (UNARY_ULPS[op] as { float64: number }).float64;

interface Case { readonly op: UnaryOp; readonly xs: () => number[] }
const N = 3000;
const UNARY_CASES: readonly Case[] = [
  { op: "rsqrt", xs: () => inputs(1, N, 0, 1e6) },
  { op: "exp", xs: () => inputs(2, N, -750, 750) },
  { op: "exp2", xs: () => inputs(3, N, -1080, 1030, [0.5, -1074, -1074.5, -1075, 1023, 1024, 3.5]) },
  { op: "expm1", xs: () => inputs(4, N, -40, 710) },
  { op: "log", xs: () => inputs(5, N, 0, 4) },
  { op: "log2", xs: () => inputs(6, N, 0, 4, [8, 1024, 0.125, Math.SQRT2, Math.SQRT1_2]) },
  { op: "log10", xs: () => inputs(7, N, 0, 4, [10, 100, 1e22, 1e-5]) },
  { op: "log1p", xs: () => inputs(8, N, -1, 4, [-1 + 2 ** -53, 2 ** 53, 1e-20]) },
  { op: "sin", xs: () => [...inputs(9, N, -10, 10), ...nearPiOver2(rng(90), 1000)] },
  { op: "cos", xs: () => [...inputs(10, N, -10, 10), ...nearPiOver2(rng(100), 1000)] },
  { op: "tan", xs: () => [...inputs(11, N, -10, 10), ...nearPiOver2(rng(110), 1000)] },
  { op: "asin", xs: () => inputs(12, N, -1, 1, [0.975, 0.98]) },
  { op: "acos", xs: () => inputs(13, N, -1, 1) },
  { op: "atan", xs: () => inputs(14, N, -4, 4, [0.4375, 0.6875, 1.1875, 2.4375, 2 ** 66]) },
  { op: "sinh", xs: () => inputs(15, N, -712, 712) },
  { op: "cosh", xs: () => inputs(16, N, -712, 712) },
  { op: "tanh", xs: () => inputs(17, N, -25, 25) },
  { op: "asinh", xs: () => inputs(18, N, -5, 5) },
  { op: "acosh", xs: () => inputs(19, N, 1, 5) },
  { op: "atanh", xs: () => inputs(20, N, -1, 1) },
  { op: "erf", xs: () => inputs(21, 1500, -7, 7) },
  { op: "sigmoid", xs: () => inputs(22, N, -750, 750) },
];

function worst(got: Float64Array, want: Float64Array, rows: readonly (readonly number[])[]): { max: number; at: string } {
  let max = 0;
  let at = "";
  got.forEach((g, i) => {
    const d = ulps("float64", g, want[i] as number);
    if (d > max) {
      max = d;
      at = `(${(rows[i] as number[]).join(", ")}) → ${g}, cpu ${want[i]}`;
    }
  });
  return { max, at };
}

describe("float64 math on the device vs the CPU backend (max ULP per function)", () => {
  for (const c of UNARY_CASES) {
    it(c.op, async () => {
      const rows = c.xs().map((x) => [x]);
      const want = await runOn(cpu, { unary: c.op }, rows);
      const { out, ms } = await onDevice({ unary: c.op }, rows);
      const { max, at } = worst(out, want, rows);
      console.log(`float64 ${c.op}: max ${max} ULP over ${rows.length} inputs (bound ${ULPS_UNARY(c.op)}), first call (compile + run) ${ms.toFixed(0)} ms${max ? `; worst ${at}` : ""}`);
      expect(max).toBeLessThanOrEqual(ULPS_UNARY(c.op));
    }, 300_000);
  }

  const pairs = (seed: number, n: number, ys: readonly number[]): number[][] => {
    const r = rng(seed);
    const xs = inputs(seed, n, -10, 10);
    const out: number[][] = [];
    for (const a of SPECIALS.slice(0, 20)) for (const b of SPECIALS.slice(0, 20)) out.push([a, b]);
    for (const x of xs) {
      const k = r();
      const y = k < 0.3 ? (ys[Math.floor(r() * ys.length)] as number) : k < 0.6 ? (r() - 0.5) * 60 : (xs[Math.floor(r() * xs.length)] as number);
      out.push([x, y]);
    }
    return out;
  };
  const BINARY: readonly { op: BinaryOp; rows: () => number[][] }[] = [
    { op: "pow", rows: () => pairs(30, 4000, [0.5, -0.5, 1, -1, 2, 3, -3, 1e10, 2 ** 31 + 1, 2 ** 53, 2 ** 64 + 2 ** 20, 1075, -1075, 1 / 3]) },
    { op: "atan2", rows: () => pairs(31, 4000, [1e-300, 1e300, 2 ** 61, 2 ** -61]) },
  ];
  for (const c of BINARY) {
    it(c.op, async () => {
      const rows = c.rows();
      const want = await runOn(cpu, { binary: c.op }, rows);
      const { out, ms } = await onDevice({ binary: c.op }, rows);
      const { max, at } = worst(out, want, rows);
      const bound = (BINARY_ULPS[c.op] as { float64: number }).float64;
      console.log(`float64 ${c.op}: max ${max} ULP over ${rows.length} inputs (bound ${bound}), first call (compile + run) ${ms.toFixed(0)} ms${max ? `; worst ${at}` : ""}`);
      expect(max).toBeLessThanOrEqual(bound);
    }, 300_000);
  }
});

describe("Payne–Hanek's table", () => {
  it("2/π's words from BigInt agree with fdlibm's published 24-bit table (first 144 bits)", () => {
    // fdlibm's two_over_pi[0..5]: 0xA2F983, 0x6E4E44, 0x1529FC, 0x2757D1, 0xF534DD, 0xC0DB62
    const fdlibm = "a2f9836e4e441529fc2757d1f534ddc0db62";
    const ours = twoOverPiWords(40).slice(0, 5).map((w) => w.toString(16).padStart(8, "0")).join("");
    expect(ours.slice(0, fdlibm.length)).toBe(fdlibm);
  });
});

