/** unary: one WGSL expression per op and value class (unary-ops.ts), through `runMap`. */
import { DeviceError, type Operand, type UnaryOp } from "@typetorch/tensor-core";
import type { GpuContext } from "../context.js";
import { vclass } from "../wgsl/dtypes.js";
import { runMap } from "./map.js";
import { BOOL_UNARY, F64_UNARY, FLOAT_UNARY, FLOAT_UNARY_WGSL, INT64_UNARY, INT_UNARY } from "./unary-ops.js";

export function unary(ctx: GpuContext, op: UnaryOp, out: Operand, a: Operand): void {
  const c = vclass(a.dtype);
  const table = a.dtype === "bool" ? BOOL_UNARY : c === "i32" ? INT_UNARY : c === "i64" ? INT64_UNARY : c === "f64" ? F64_UNARY : FLOAT_UNARY;
  const f = table[op];
  if (!f) throw new DeviceError(`webgpu: unary ${op} is not defined for ${a.dtype}`);
  runMap(ctx, { op: `unary:${op}`, out, ins: [a], helpers: c === "f32" ? FLOAT_UNARY_WGSL : "", expr: ([x]) => f(x as string) });
}
