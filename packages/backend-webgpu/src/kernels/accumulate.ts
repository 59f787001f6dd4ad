/**
 * The combine step and identity of each reduction per value class: sum/prod wrap for integers
 * and accumulate in float32 for float32/float16/bfloat16 (the 16-bit floats round only on store)
 * and in software binary64 for float64 (sequentially, as backend-cpu's float64 loop: bit-exact);
 * max/min propagate NaN; all/any work on "nonzero" for any dtype and produce bool.
 */
import type { DType, ReduceOp } from "@typetorch/tensor-core";
import { vclass } from "../wgsl/dtypes.js";
import { f64Lit } from "../wgsl/lib-f64.js";

const I32_MIN: Partial<Record<DType, string>> = { bool: "0i", uint8: "0i", int8: "-128i", int16: "-32768i", int32: "i32(-2147483647i - 1i)" };
const I32_MAX: Partial<Record<DType, string>> = { bool: "1i", uint8: "255i", int8: "127i", int16: "32767i", int32: "2147483647i" };

export interface Accumulator {
  /** WGSL type of the accumulator. */
  readonly type: string;
  readonly init: string;
  /** New accumulator from `acc` and an element `v`. */
  readonly step: (acc: string, v: string) => string;
}

export function accumulator(op: ReduceOp | "cumsum" | "cumprod", d: DType): Accumulator {
  const c = vclass(d);
  const nz = c === "f32" ? "nz32" : c === "i64" ? "nz64" : "";
  const isNz = (v: string): string => (c === "f64" ? `!f64_iszero(${v})` : nz ? `${nz}(${v})` : `${v} != 0i`);
  if (op === "all") return { type: "i32", init: "1i", step: (a, v) => `${a} & i32(${isNz(v)})` };
  if (op === "any") return { type: "i32", init: "0i", step: (a, v) => `${a} | i32(${isNz(v)})` };
  const sum = op === "sum" || op === "cumsum";
  const prod = op === "prod" || op === "cumprod";
  if (d === "bool") {
    if (sum || op === "max") return { type: "i32", init: "0i", step: (a, v) => `${a} | ${v}` };
    return { type: "i32", init: "1i", step: (a, v) => `${a} & ${v}` };
  }
  if (c === "f32") {
    if (sum) return { type: "f32", init: "0.0", step: (a, v) => `fadd(${a}, ${v})` };
    if (prod) return { type: "f32", init: "1.0", step: (a, v) => `fmul(${a}, ${v})` };
    const better = (a: string, v: string): string => (op === "max" ? `flt(${a}, ${v})` : `flt(${v}, ${a})`);
    return {
      type: "f32",
      init: op === "max" ? "-inf32()" : "inf32()",
      step: (a, v) => `select(select(${a}, ${v}, ${better(a, v)}), ${v}, isnan32(${v}) && !isnan32(${a}))`,
    };
  }
  if (c === "f64") {
    if (sum) return { type: "vec2u", init: "vec2u(0u)", step: (a, v) => `f64_add(${a}, ${v})` };
    if (prod) return { type: "vec2u", init: f64Lit(1), step: (a, v) => `f64_mul(${a}, ${v})` };
    // x !== x || x > s ? x : s (a NaN replaces the accumulator, and then nothing beats it)
    const better = (a: string, v: string): string => (op === "max" ? `f64_lt(${a}, ${v})` : `f64_lt(${v}, ${a})`);
    return { type: "vec2u", init: f64Lit(op === "max" ? -Infinity : Infinity), step: (a, v) => `select(${a}, ${v}, f64_isnan(${v}) || ${better(a, v)})` };
  }
  if (c === "i64") {
    if (sum) return { type: "vec2u", init: "vec2u(0u)", step: (a, v) => `add64(${a}, ${v})` };
    if (prod) return { type: "vec2u", init: "vec2u(1u, 0u)", step: (a, v) => `mul64(${a}, ${v})` };
    if (op === "max") return { type: "vec2u", init: "vec2u(0u, 0x80000000u)", step: (a, v) => `select(${a}, ${v}, lt64(${a}, ${v}))` };
    return { type: "vec2u", init: "vec2u(0xffffffffu, 0x7fffffffu)", step: (a, v) => `select(${a}, ${v}, lt64(${v}, ${a}))` };
  }
  if (sum) return { type: "i32", init: "0i", step: (a, v) => `${a} + ${v}` };
  if (prod) return { type: "i32", init: "1i", step: (a, v) => `${a} * ${v}` };
  if (op === "max") return { type: "i32", init: I32_MIN[d] as string, step: (a, v) => `max(${a}, ${v})` };
  return { type: "i32", init: I32_MAX[d] as string, step: (a, v) => `min(${a}, ${v})` };
}
