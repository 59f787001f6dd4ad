import { DeviceError, type Operand } from "@typetorch/tensor-core";
import type { GpuContext } from "../context.js";
export function matmul(_ctx: GpuContext, _out: Operand, a: Operand, _b: Operand): void {
  throw new DeviceError(`webgpu: matmul ${a.dtype} not yet`);
}
