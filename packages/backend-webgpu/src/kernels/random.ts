/**
 * random: the counter-based fill, on the device. One invocation per element: element i (its
 * row-major position in out.shape, whatever out's strides) starts its Philox word stream, the
 * distribution's sampler turns words into a value with the reference's exact operation sequence
 * (wgsl/lib-philox.ts; lib-softmath.ts and lib-samplers.ts in binary32; the register machine of
 * lib-vm.ts running random-programs.ts in binary64), and the value is stored at i's strided
 * offset. Sampling runs in binary64 for a float64 out and in binary32 for every other dtype, as
 * tensor-core's `referenceRandom` does; scalar parameters are rounded to that precision here,
 * on the host, exactly as the reference rounds them (once per call, not per element).
 */
import { DeviceError, type DType, type Operand, type RandomDistribution, type RandomSpec } from "@typetorch/tensor-core";
import { GUARD, KERNEL_HEAD, declareBindings, type GpuContext } from "../context.js";
import { vclass } from "../wgsl/dtypes.js";
import { PHILOX_WGSL } from "../wgsl/lib-philox.js";
import { F32_BASE, P32 as p } from "../wgsl/lib-softmath.js";
import { samplers32 } from "../wgsl/lib-samplers.js";
import { vmWgsl } from "../wgsl/lib-vm.js";
import { program } from "./random-programs.js";
import { PADDED_RANK, bind, coalesce, offsetCode, padRank } from "./layout.js";

/** Device error: an element needed more than 2^16 Philox blocks (the CPU throws a RangeError). */
export const ERR_RANDOM_ROUNDS = 3;

const PARAMS_AT = 6;
const PARAM_WORDS = 8;

const f32Word = (x: number): number => new Uint32Array(new Float32Array([x]).buffer)[0] as number;
const f64Words = (x: number): number[] => Array.from(new Uint32Array(new Float64Array([x]).buffer));
const u64Words = (x: bigint): number[] => [Number(BigInt.asUintN(32, x)), Number(BigInt.asUintN(32, x >> 32n))];

/** Parameter j as a float32 value, or as float64 bits. */
const p32 = (j: number): string => `bitcast<f32>(prm[${PARAMS_AT + j}u])`;
const p64 = (j: number): string => `vec2u(prm[${PARAMS_AT + 2 * j}u], prm[${PARAMS_AT + 2 * j + 1}u])`;

const WRAP_WGSL = /* wgsl */ `
// An integral float32 stored into an integer array, as a JS typed-array store does: the exact
// integer modulo 2^64 (the low word for 32-bit and narrower arrays); NaN and ±inf store 0.
fn f32_wrap64(v: f32) -> vec2u {
  let b = bitcast<u32>(v); let ex = (b >> 23u) & 0xffu;
  if (ex == 255u || ex < 127u) { return vec2u(0u); }
  let m = (b & 0x7fffffu) | 0x800000u;
  var mag = vec2u(m >> min(150u - min(ex, 150u), 31u), 0u);
  if (ex >= 150u) { mag = select(shl64(vec2u(m, 0u), ex - 150u), vec2u(0u), ex - 150u >= 64u); }
  return select(mag, neg64(mag), (b >> 31u) != 0u);
}
`;

/** A float32 sample as out's value class (NaN canonical, as a Float32Array store makes it). */
function fromF32(out: DType, v: string): string {
  const c = vclass(out);
  if (c === "f32") return `select(${v}, nan32(), isnan32(${v}))`;
  return c === "i64" ? `f32_wrap64(${v})` : `bitcast<i32>(f32_wrap64(${v}).x)`;
}

interface Body {
  /** WGSL statements ending with `let v = …;` in out's value class. */
  readonly code: string;
  readonly params: number[];
  /** What the kernel needs besides Philox: the float32 samplers, Poisson's, a VM program. */
  readonly samplers?: "common" | "poisson";
  readonly program?: Uint32Array;
}

/** The per-element input (bernoulli p, poisson rate): float32 inputs are bound as int32 (raw bits). */
const BITS = "bitcast<u32>(ld0(o1))";

/** float64 out: the sampler is a register-machine program over the binary64 parameters. */
function body64(dist: RandomDistribution, inDtype: DType | null): Body {
  const vm = (params: number[], setup: string): Body => ({ code: `${setup} vm_run(); let v = VR[0];`, params, program: program(dist) });
  switch (dist.kind) {
    case "uniform":
      return { code: `let v = f64_add(f64_mul(rs_turn64(), ${p64(0)}), ${p64(1)});`, params: [...f64Words(dist.high - dist.low), ...f64Words(dist.low)] };
    case "normal":
    case "logNormal":
      return vm([...f64Words(dist.std), ...f64Words(dist.mean)], `VR[1] = ${p64(0)}; VR[2] = ${p64(1)};`);
    case "cauchy":
      return vm([...f64Words(dist.sigma), ...f64Words(dist.median)], `VR[1] = ${p64(0)}; VR[2] = ${p64(1)};`);
    case "exponential":
    case "geometric":
      return vm(f64Words(dist.scale), `VR[1] = ${p64(0)};`);
    case "poisson":
      return vm([], `VR[1] = ${inDtype === "float64" ? "ld0(o1)" : `f64_from_f32bits(${BITS})`};`);
    default:
      return discrete(dist, "float64", inDtype);
  }
}

/** Every other out dtype: float32 sampling, stored as out's dtype. */
function body32(dist: RandomDistribution, out: DType, inDtype: DType | null): Body {
  const R = Math.fround;
  const value = (v: string, params: number[], samplers: Body["samplers"] | null = "common", prog?: Uint32Array): Body => ({
    code: `let s = ${v};\n  let v = ${fromF32(out, "s")};`,
    params,
    ...(samplers ? { samplers } : {}),
    ...(prog ? { program: prog } : {}),
  });
  const affine = (z: string): string => p.padd(p.pmul(z, p32(0)), p32(1));
  const words = (...xs: number[]): number[] => xs.map((x) => f32Word(R(x)));
  switch (dist.kind) {
    case "uniform": {
      const bits = out === "float16" ? 11 : out === "bfloat16" ? 8 : 24;
      const lo = R(dist.low);
      return value(affine(`opq(f32(rs_next() >> ${32 - bits}u) * ${p.lit(2 ** -bits)})`), words(R(R(dist.high) - lo), lo), null);
    }
    case "normal":
      return value(affine("sm_normal32()"), words(dist.std, dist.mean));
    case "logNormal":
      return value(`sm_exp32(${affine("sm_normal32()")})`, words(dist.std, dist.mean));
    case "cauchy":
      return value(affine("sm_cauchy32()"), words(dist.sigma, dist.median));
    case "exponential":
      return value(p.pmul(p.neg("sm_log32(rs_open32())"), p32(0)), words(dist.scale));
    case "geometric": {
      const g = p.ceil(p.pmul("sm_log32(rs_open32())", p32(0)));
      return value(`gmax(${g})`, words(dist.scale));
    }
    case "poisson": {
      const lam = inDtype === "float64" ? "bitcast<f32>(f64_to_f32bits(ld0(o1)))" : `bitcast<f32>(${BITS})`;
      return value(`sm_poisson32(${lam})`, [], "poisson", program(dist, true));
    }
    default:
      return discrete(dist, out, inDtype);
  }
}

/** bernoulli and randint: integer decisions on the words, then the value in out's class. */
function discrete(dist: RandomDistribution, out: DType, inDtype: DType | null): Body {
  const c = vclass(out);
  if (dist.kind === "bernoulli") {
    const hit = inDtype === null ? "prm[7] != 0u || w < prm[6]" : inDtype === "float64" ? "bern64(w, ld0(o1))" : `bern32(w, ${BITS})`;
    const one = { i32: "select(0i, 1i, hit)", i64: "vec2u(select(0u, 1u, hit), 0u)", f32: "select(0.0, 1.0, hit)", f64: "select(vec2u(0u), vec2u(0u, 0x3ff00000u), hit)" }[c];
    const thr = Math.ceil(dist.p * 2 ** 32);
    const always = dist.p >= 1 || thr >= 2 ** 32 ? 1 : 0;
    return { code: `let w = rs_next(); let hit = ${hit}; let v = ${one};`, params: [thr > 0 && !always ? thr : 0, always] };
  }
  if (dist.kind !== "randint") throw new DeviceError(`webgpu: random ${dist.kind} is not a discrete distribution`);
  const range = dist.high - dist.low;
  if (range > 2n ** 32n && (c === "f32" || c === "f64") && (dist.low < -(2n ** 63n) || dist.high - 1n >= 2n ** 63n))
    throw new RangeError(`webgpu: randint into ${out} with a range above 2^32 needs bounds within int64, got [${dist.low}, ${dist.high})`);
  const params = [...u64Words(dist.low), ...u64Words(range), ...f64Words(Number(dist.low))];
  const int = "add64(vec2u(prm[6], prm[7]), bits)";
  // floats: the reference's Number(low) + bits (one word) or Number(low + bits), then the store's rounding
  const f64 = `select(f64_from_i64(${int}), f64_add(vec2u(prm[10], prm[11]), f64_from_u32(bits.x)), randint_small(range))`;
  const v = { i32: `bitcast<i32>(${int}.x)`, i64: int, f32: `bitcast<f32>(f64_to_f32bits(${f64}))`, f64 }[c];
  return { code: `let range = vec2u(prm[8], prm[9]); let bits = randint_bits(range); let v = ${v};`, params };
}

export function random(ctx: GpuContext, out: Operand, spec: RandomSpec, input?: Operand): void {
  const n = out.shape.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  if (n >= 2 ** 31) throw new DeviceError(`webgpu: random fills at most 2^31 - 1 elements, got ${n}`);
  // the input right-aligned to out's shape, broadcast dims at stride 0; float32 read as raw bits
  const ins: Operand[] = [];
  if (input) {
    const k = out.shape.length - input.shape.length;
    const strides = out.shape.map((size, d) => (d < k || input.shape[d - k] !== size ? 0 : (input.strides[d - k] as number)));
    ins.push({ ...input, shape: out.shape, strides, dtype: input.dtype === "float32" ? "int32" : input.dtype });
  }
  const ops = [out, ...ins];
  const { shape, strides } = padRank(coalesce(out.shape, ops.map((o) => o.strides)), PADDED_RANK);
  const rank = shape.length;
  const bound = bind(out, ins, true, declareBindings);
  const body = out.dtype === "float64" ? body64(spec.distribution, input ? input.dtype : null) : body32(spec.distribution, out.dtype, input ? input.dtype : null);
  const key = `random|${spec.distribution.kind}|${out.dtype}|${input?.dtype ?? "-"}|r${rank}|${bound.pattern}`;
  const at = PARAMS_AT + PARAM_WORDS;
  const vmAt = at + ops.length * (1 + rank) + rank;
  const pipeline = ctx.pipeline(key, () => `${bound.decls}
${PHILOX_WGSL}
${F32_BASE}
${vclass(out.dtype) === "f64" ? "" : WRAP_WGSL}
${body.program ? vmWgsl(vmAt, spec.distribution.kind === "poisson") : ""}
${body.samplers ? samplers32(body.samplers === "poisson") : ""}
fn gmax(g: f32) -> f32 { return select(select(g, 1.0, flt(g, 1.0)), g, isnan32(g)); }
${KERNEL_HEAD()}
  ${GUARD}
  ${offsetCode(rank, ops.length, at, at + ops.length, at + ops.length + rank)}
  rs_start(i);
  ${body.code}
  if (RS_BAD) { atomicStore(&errs[0], ${ERR_RANDOM_ROUNDS}u); } else { st(o0, v); }
}`);
  const prm = new Uint32Array(vmAt + (body.program?.length ?? 0));
  prm[0] = n;
  prm.set([...u64Words(spec.seed), ...u64Words(spec.offset)], 2);
  prm.set(body.params, PARAMS_AT);
  ops.forEach((o, k) => (prm[at + k] = o.offset));
  shape.forEach((sz, d) => (prm[at + ops.length + d] = sz));
  strides.forEach((st, k) => st.forEach((sv, d) => (prm[at + ops.length + rank + k * rank + d] = sv)));
  if (body.program) prm.set(body.program, vmAt);
  ctx.dispatch(pipeline, bound.bindings, prm, n, true);
}
