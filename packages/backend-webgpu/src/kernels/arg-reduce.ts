import { DeviceError, type ArgReduceOp, type Operand } from "@typetorch/tensor-core";
import type { GpuContext } from "../context.js";
export function argReduce(_ctx: GpuContext, op: ArgReduceOp, _out: Operand, a: Operand, _axis: number): void {
  throw new DeviceError(`webgpu: ${op} ${a.dtype} not yet`);
}
