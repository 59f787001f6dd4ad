/**
 * How each dtype lives in WGSL. Every buffer is bound as words (`array<u32>`); a dtype's elements
 * are loaded from and stored to those words by the functions generated here, and computed on in
 * one of four value classes:
 *
 * | class | WGSL type | dtypes |
 * |---|---|---|
 * | i32 | `i32`   | bool (0/1), uint8 (0..255), int8, int16, int32 — the store wraps to the width |
 * | i64 | `vec2u` | int64 (low word, high word), two's complement |
 * | f32 | `f32`   | float32, and float16/bfloat16 widened exactly and rounded nearest-even on store |
 * | f64 | `vec2u` | float64 bit patterns, computed in software binary64 (`lib-f64.ts`) |
 *
 * 8- and 16-bit stores go through `atomicAnd`/`atomicOr` on the word, so two invocations writing
 * neighbouring elements never race.
 */
import { itemsize, type DType } from "@typetorch/tensor-core";

export type VClass = "i32" | "i64" | "f32" | "f64";

export function vclass(d: DType): VClass {
  if (d === "int64") return "i64";
  if (d === "float64") return "f64";
  if (d === "float32" || d === "float16" || d === "bfloat16") return "f32";
  return "i32";
}
export const WGSL_TYPE: { readonly [C in VClass]: string } = { i32: "i32", i64: "vec2u", f32: "f32", f64: "vec2u" };
export const wtype = (d: DType): string => WGSL_TYPE[vclass(d)];
export const isSubword = (d: DType): boolean => itemsize(d) < 4;

/** A word of binding `b` at index `idx`. */
const word = (b: number, atomic: boolean, idx: string): string => (atomic ? `atomicLoad(&b${b}[${idx}])` : `b${b}[${idx}]`);

function decode(d: DType, raw: string): string {
  switch (d) {
    case "bool":
    case "uint8":
      return `i32(${raw})`;
    case "int8":
      return `(bitcast<i32>(${raw}) << 24u) >> 24u`;
    case "int16":
      return `(bitcast<i32>(${raw}) << 16u) >> 16u`;
    case "int32":
      return `bitcast<i32>(${raw})`;
    case "float16":
      return `f16_to_f32(${raw})`;
    case "bfloat16":
      return `bf16_to_f32(${raw})`;
    case "float32":
      return `bitcast<f32>(${raw})`;
    default:
      return raw;
  }
}

function encode(d: DType, v: string): string {
  switch (d) {
    case "bool":
      return `select(0u, 1u, ${v} != 0i)`;
    case "uint8":
    case "int8":
      return `bitcast<u32>(${v}) & 0xffu`;
    case "int16":
      return `bitcast<u32>(${v}) & 0xffffu`;
    case "int32":
      return `bitcast<u32>(${v})`;
    case "float16":
      return `f32_to_f16(${v})`;
    case "bfloat16":
      return `f32_to_bf16(${v})`;
    case "float32":
      return `bitcast<u32>(${v})`;
    default:
      return v;
  }
}

/** `fn name(e: u32) -> T`: element `e` (counted in `d`'s elements) of binding `b`. */
export function loaderFn(name: string, d: DType, b: number, atomic: boolean): string {
  const w = (i: string): string => word(b, atomic, i);
  let raw: string;
  switch (itemsize(d)) {
    case 1:
      raw = `((${w("e >> 2u")} >> ((e & 3u) * 8u)) & 0xffu)`;
      break;
    case 2:
      raw = `((${w("e >> 1u")} >> ((e & 1u) * 16u)) & 0xffffu)`;
      break;
    case 4:
      raw = w("e");
      break;
    default:
      raw = `vec2u(${w("2u * e")}, ${w("2u * e + 1u")})`;
  }
  return `fn ${name}(e: u32) -> ${wtype(d)} { return ${decode(d, raw)}; }`;
}

/** `fn name(e: u32, v: T)`: stores a value of `d`'s class as element `e` of binding `b`. */
export function storerFn(name: string, d: DType, b: number): string {
  const head = `fn ${name}(e: u32, v: ${wtype(d)}) { let raw = ${encode(d, "v")}; `;
  switch (itemsize(d)) {
    case 1:
    case 2: {
      const [sh, idx, mask] = itemsize(d) === 1 ? ["(e & 3u) * 8u", "e >> 2u", "0xffu"] : ["(e & 1u) * 16u", "e >> 1u", "0xffffu"];
      return `${head}let s = ${sh}; atomicAnd(&b${b}[${idx}], ~(${mask} << s)); atomicOr(&b${b}[${idx}], raw << s); }`;
    }
    case 4:
      return `${head}b${b}[e] = raw; }`;
    default:
      return `${head}b${b}[2u * e] = raw.x; b${b}[2u * e + 1u] = raw.y; }`;
  }
}

/** A value of `from`'s class cast to `to`'s class with the CPU backend's rules (dtype-io.ts). */
export function castExpr(from: DType, to: DType, v: string): string {
  if (from === to) return v;
  const cf = vclass(from);
  const ct = vclass(to);
  if (cf === "f64") return castFromF64(to, v);
  if (ct === "f64") return cf === "i32" ? `f64_from_i32(${v})` : cf === "i64" ? `f64_from_i64(${v})` : `f64_from_f32bits(bitcast<u32>(${v}))`;
  if (to === "bool") return cf === "i32" ? `i32(${v} != 0i)` : cf === "i64" ? `i32(nz64(${v}))` : `i32(nz32(${v}))`;
  if (cf === "i32") return ct === "i32" ? v : ct === "i64" ? `sext64(${v})` : `i32_to_f32(${v})`;
  if (cf === "i64") return ct === "i32" ? `bitcast<i32>((${v}).x)` : ct === "i64" ? v : `i64_to_f32(${v})`;
  // from a float
  if (ct === "f32") return v;
  if (ct === "i64") return `f32_to_i64(${v})`;
  if (to === "uint8") return `bitcast<i32>(f32_to_i64(${v}).x)`;
  return `f32_to_i32(${v})`;
}

/**
 * float64 → another class, as backend-cpu's caster: bool is "≠ 0" (NaN is true); int64 and (via
 * int64) uint8 take cvttsd2si's rule, int32/16/8 its 32-bit form; float32 rounds once, and
 * float16/bfloat16 go through float32 as the CPU (and PyTorch's `c10::Half(float)`) do: the
 * store rounds the float32 bits again, exactly (the conversions work on the bits, no flush).
 */
function castFromF64(to: DType, v: string): string {
  if (to === "bool") return `i32(!f64_iszero(${v}))`;
  if (to === "int64") return `f64_to_i64(${v})`;
  if (to === "uint8") return `bitcast<i32>(f64_to_i64(${v}).x)`;
  if (vclass(to) === "i32") return `f64_to_i32(${v})`;
  return `bitcast<f32>(f64_to_f32bits(${v}))`;
}
