/**
 * @typetorch/backend-webgpu: the Backend contract in WGSL compute shaders, in the browser
 * (navigator.gpu) and in Node (the `webgpu` package, Dawn). Registration is explicit:
 *
 *   registerBackend("webgpu", () => createWebGpuBackend());
 *   if (await torch.webgpu.isAvailable()) x = x.to("webgpu");
 */
import { GpuContext } from "./context.js";
import { requestDevice, type GpuOptions } from "./gpu.js";
import { makeBackend, type WebGpuBackend } from "./backend.js";

export type { WebGpuBackend } from "./backend.js";
export type { GpuOptions } from "./gpu.js";
export { MAX_INVOCATIONS_PER_DISPATCH } from "./context.js";

/** Options of `createWebGpuBackend` (every dtype, float64 included, runs on the device). */
export type WebGpuBackendOptions = GpuOptions;

/** Requests an adapter and a device; rejects with a plain-words reason when WebGPU is unavailable. */
export async function createWebGpuBackend(options: WebGpuBackendOptions = {}): Promise<WebGpuBackend> {
  const { device, description } = await requestDevice(options);
  return makeBackend(new GpuContext(device), description);
}
