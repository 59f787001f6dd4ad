import { DeviceError, type Operand, type ScanOp } from "@typetorch/tensor-core";
import type { GpuContext } from "../context.js";
export function scan(_ctx: GpuContext, op: ScanOp, _out: Operand, a: Operand, _axis: number): void {
  throw new DeviceError(`webgpu: ${op} ${a.dtype} not yet`);
}
