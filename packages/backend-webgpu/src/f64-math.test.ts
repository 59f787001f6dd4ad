/**
 * The float64 math library (wgsl/lib-f64-math.ts) on the device against the CPU backend: every
 * function over thousands of inputs spread across its whole range (random bit patterns, the
 * function's interesting interval, subnormals, huge magnitudes, values next to multiples of π/2)
 * plus ±0, ±inf, NaN; the largest distance in ULPs is printed per function and must stay within
 * the conformance suite's float64 bound (UNARY_ULPS / BINARY_ULPS).
 */
import { BINARY_ULPS, UNARY_ULPS } from "@typetorch/conformance";
import type { BinaryOp, UnaryOp } from "@typetorch/tensor-core";
import { describe, expect, it } from "vitest";
import { GpuContext, KERNEL_HEAD, declareBindings } from "./context.js";
import { cpu, getGpu, put, rng, ulps } from "./test-utils/harness.js";

let ctxPromise: Promise<GpuContext> | null = null;
const getCtx = (): Promise<GpuContext> => (ctxPromise ??= getGpu().then((g) => new GpuContext(g.device)));

const dv = new DataView(new ArrayBuffer(8));
const fromBits = (lo: number, hi: number): number => (dv.setUint32(0, lo, true), dv.setUint32(4, hi, true), dv.getFloat64(0, true));

/** Runs `res = fn(a[, b])` on the device over the rows; returns the results and the compile time. */
async function onDevice(fn: string, rows: readonly (readonly number[])[]): Promise<{ out: Float64Array; compileMs: number }> {
  const ctx = await getCtx();
  const arity = (rows[0] as readonly number[]).length;
  const input = new Float64Array(rows.flat());
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
  const inBuf = ctx.device.createBuffer({ size: input.byteLength, usage });
  const outBuf = ctx.device.createBuffer({ size: rows.length * 8, usage });
  ctx.device.queue.writeBuffer(inBuf, 0, input);
  const w = (j: number): string => `vec2u(b1[(i * ${arity}u + ${j}u) * 2u], b1[(i * ${arity}u + ${j}u) * 2u + 1u])`;
  const bindings = [{ buffer: outBuf, rw: true, atomic: false }, { buffer: inBuf, rw: false, atomic: false }];
  const source = `${declareBindings(bindings, false)}
${KERNEL_HEAD()}
  let res = ${fn}(${Array.from({ length: arity }, (_, j) => w(j)).join(", ")});
  b0[2u * i] = res.x;
  b0[2u * i + 1u] = res.y;
}`;
  const t0 = performance.now();
  const pipeline = ctx.pipeline(`f64-math-test:${fn}`, () => source);
  await ctx.device.queue.onSubmittedWorkDone();
  const compileMs = performance.now() - t0;
  ctx.dispatch(pipeline, bindings, new Uint32Array([rows.length, 0]), rows.length, false);
  const { bytes } = await ctx.readBytes(outBuf, 0, rows.length * 8);
  inBuf.destroy();
  outBuf.destroy();
  return { out: new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + rows.length * 8)), compileMs };
}

/** The CPU backend's result for each row. */
async function onCpu(op: { unary: UnaryOp } | { binary: BinaryOp }, rows: readonly (readonly number[])[]): Promise<Float64Array> {
  const n = rows.length;
  const spec = { dtype: "float64" as const, shape: [n] };
  const a = put(cpu, spec, new Float64Array(rows.map((r) => r[0] as number)));
  const out = put(cpu, spec, new Float64Array(n));
  if ("unary" in op) cpu.unary(op.unary, out, a);
  else cpu.binary(op.binary, out, a, put(cpu, spec, new Float64Array(rows.map((r) => r[1] as number))));
  return (await cpu.read(out.buffer, "float64", 0, n)) as Float64Array;
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

interface Case { readonly op: UnaryOp; readonly fn: string; readonly xs: () => number[] }
const N = 3000;
const UNARY_CASES: readonly Case[] = [
  { op: "rsqrt", fn: "f64_rsqrt", xs: () => inputs(1, N, 0, 1e6) },
  { op: "exp", fn: "f64_exp", xs: () => inputs(2, N, -750, 750) },
  { op: "exp2", fn: "f64_exp2", xs: () => inputs(3, N, -1080, 1030, [0.5, -1074, -1074.5, -1075, 1023, 1024, 3.5]) },
  { op: "expm1", fn: "f64_expm1", xs: () => inputs(4, N, -40, 710) },
  { op: "log", fn: "f64_log", xs: () => inputs(5, N, 0, 4) },
  { op: "log2", fn: "f64_log2", xs: () => inputs(6, N, 0, 4, [8, 1024, 0.125, Math.SQRT2, Math.SQRT1_2]) },
  { op: "log10", fn: "f64_log10", xs: () => inputs(7, N, 0, 4, [10, 100, 1e22, 1e-5]) },
  { op: "log1p", fn: "f64_log1p", xs: () => inputs(8, N, -1, 4, [-1 + 2 ** -53, 2 ** 53, 1e-20]) },
  { op: "sin", fn: "f64_sin", xs: () => [...inputs(9, N, -10, 10), ...nearPiOver2(rng(90), 1000)] },
  { op: "cos", fn: "f64_cos", xs: () => [...inputs(10, N, -10, 10), ...nearPiOver2(rng(100), 1000)] },
  { op: "tan", fn: "f64_tan", xs: () => [...inputs(11, N, -10, 10), ...nearPiOver2(rng(110), 1000)] },
  { op: "asin", fn: "f64_asin", xs: () => inputs(12, N, -1, 1, [0.975, 0.98]) },
  { op: "acos", fn: "f64_acos", xs: () => inputs(13, N, -1, 1) },
  { op: "atan", fn: "f64_atan", xs: () => inputs(14, N, -4, 4, [0.4375, 0.6875, 1.1875, 2.4375, 2 ** 66]) },
  { op: "sinh", fn: "f64_sinh", xs: () => inputs(15, N, -712, 712) },
  { op: "cosh", fn: "f64_cosh", xs: () => inputs(16, N, -712, 712) },
  { op: "tanh", fn: "f64_tanh", xs: () => inputs(17, N, -25, 25) },
  { op: "asinh", fn: "f64_asinh", xs: () => inputs(18, N, -5, 5) },
  { op: "acosh", fn: "f64_acosh", xs: () => inputs(19, N, 1, 5) },
  { op: "atanh", fn: "f64_atanh", xs: () => inputs(20, N, -1, 1) },
  { op: "erf", fn: "f64_erf", xs: () => inputs(21, 1500, -7, 7) },
  { op: "sigmoid", fn: "f64_sigmoid", xs: () => inputs(22, N, -750, 750) },
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
      const want = await onCpu({ unary: c.op }, rows);
      const { out, compileMs } = await onDevice(c.fn, rows);
      const { max, at } = worst(out, want, rows);
      console.log(`float64 ${c.op}: max ${max} ULP over ${rows.length} inputs (bound ${ULPS_UNARY(c.op)}), compile ${compileMs.toFixed(0)} ms${max ? `; worst ${at}` : ""}`);
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
  const BINARY: readonly { op: BinaryOp; fn: string; rows: () => number[][] }[] = [
    { op: "pow", fn: "f64_pow", rows: () => pairs(30, 4000, [0.5, -0.5, 1, -1, 2, 3, -3, 1e10, 2 ** 31 + 1, 2 ** 53, 2 ** 64 + 2 ** 20, 1075, -1075, 1 / 3]) },
    { op: "atan2", fn: "f64_atan2", rows: () => pairs(31, 4000, [1e-300, 1e300, 2 ** 61, 2 ** -61]) },
  ];
  for (const c of BINARY) {
    it(c.op, async () => {
      const rows = c.rows();
      const want = await onCpu({ binary: c.op }, rows);
      const { out, compileMs } = await onDevice(c.fn, rows);
      const { max, at } = worst(out, want, rows);
      const bound = (BINARY_ULPS[c.op] as { float64: number }).float64;
      console.log(`float64 ${c.op}: max ${max} ULP over ${rows.length} inputs (bound ${bound}), compile ${compileMs.toFixed(0)} ms${max ? `; worst ${at}` : ""}`);
      expect(max).toBeLessThanOrEqual(bound);
    }, 300_000);
  }
});
