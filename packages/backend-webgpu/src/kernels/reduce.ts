import { DeviceError, type Operand, type ReduceOp } from "@typetorch/tensor-core";
import type { GpuContext } from "../context.js";
export function reduce(_ctx: GpuContext, op: ReduceOp, _out: Operand, a: Operand, _axes: readonly number[]): void {
  throw new DeviceError(`webgpu: reduce ${op} ${a.dtype} not yet`);
}
