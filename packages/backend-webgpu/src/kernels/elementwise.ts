/** copy (with casts), fill, where and binary: the elementwise primitives, all through `runMap`. */
import { DeviceError, makeStorageArray, type BinaryOp, type DType, type Operand, type Scalar } from "@typetorch/tensor-core";
import type { GpuContext } from "../context.js";
import { castExpr, vclass } from "../wgsl/dtypes.js";
import { BOOL_BINARY, F64_BINARY, F64_BINARY_HELPERS, FLOAT_BINARY, FLOAT_POW_WGSL, INT64_BINARY, INT_BINARY, INT_BINARY_HELPERS, INT_DIVISIONS, floatBinaryHelpers } from "./binary-ops.js";
import { runMap } from "./map.js";

/** Error codes the kernels write into the error flags (surfaced at the next read). */
export const ERR_ZERO_DIVISION = 1;

export function copy(ctx: GpuContext, out: Operand, a: Operand): void {
  runMap(ctx, { op: "copy", out, ins: [a], expr: ([v]) => castExpr(a.dtype, out.dtype, v as string) });
}

/** The scalar as two words of its dtype's value class (an int32 value, float32 bits, or 64-bit words). */
export function scalarWords(d: DType, value: Scalar): [number, number] {
  const c = vclass(d);
  if (c === "i32") return [Number(value) | 0, 0];
  const arr = c === "f32" ? new Float32Array([Number(value)]) : makeStorageArray(d, 1);
  if (c === "i64") (arr as BigInt64Array)[0] = typeof value === "bigint" ? value : BigInt(Number(value));
  else if (c === "f64") (arr as Float64Array)[0] = Number(value);
  const w = new Uint32Array(arr.buffer, 0, arr.byteLength / 4);
  return [w[0] as number, (w[1] ?? 0) as number];
}

export function fill(ctx: GpuContext, out: Operand, value: Scalar): void {
  const c = vclass(out.dtype);
  const v = c === "i32" ? "bitcast<i32>(prm[2])" : c === "f32" ? "bitcast<f32>(prm[2])" : "vec2u(prm[2], prm[3])";
  runMap(ctx, { op: "fill", out, ins: [], expr: () => v, extra: scalarWords(out.dtype, typeof value === "boolean" ? Number(value) : value) });
}

export function where(ctx: GpuContext, out: Operand, cond: Operand, a: Operand, b: Operand): void {
  runMap(ctx, { op: "where", out, ins: [cond, a, b], expr: ([c, x, y]) => `select(${y}, ${x}, ${c} != 0i)` });
}

const roundingOf = (d: DType): string => (d === "float16" ? "fr16" : d === "bfloat16" ? "frbf" : "");

export function binary(ctx: GpuContext, op: BinaryOp, out: Operand, a: Operand, b: Operand): void {
  const c = vclass(a.dtype);
  const table = a.dtype === "bool" ? BOOL_BINARY : c === "i32" ? INT_BINARY : c === "i64" ? INT64_BINARY : c === "f64" ? F64_BINARY : FLOAT_BINARY;
  const f = table[op];
  if (!f) throw new DeviceError(`webgpu: binary ${op} is not defined for ${a.dtype}`);
  const fr = roundingOf(a.dtype);
  const helpers = c === "f32" ? floatBinaryHelpers(fr || "f", fr) + FLOAT_POW_WGSL : c === "i32" ? INT_BINARY_HELPERS : c === "f64" ? F64_BINARY_HELPERS : "";
  const divides = (c === "i32" || c === "i64") && INT_DIVISIONS.has(op);
  if (divides) {
    const zero = c === "i64" ? "!nz64(v0)" : "v0 == 0i";
    runMap(ctx, { op: "check:zero", out: null, ins: [b], stmt: () => `if (${zero}) { atomicStore(&errs[0], ${ERR_ZERO_DIVISION}u); }`, check: true });
  }
  runMap(ctx, {
    op: `binary:${op}`,
    out,
    ins: [a, b],
    helpers,
    expr: ([x, y]) => f(x as string, y as string, fr),
  });
}
