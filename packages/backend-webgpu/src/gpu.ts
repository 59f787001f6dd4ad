/// <reference types="@webgpu/types" />
/**
 * Finding a GPU: the browser's `navigator.gpu`, or in Node the `webgpu` package (Dawn), imported
 * lazily so that bundles for the browser never pull it in. Failures are reported in plain words.
 */
export interface GpuOptions {
  /** A `GPU` object to use (e.g. from `webgpu`'s `create([...])`); default: navigator.gpu, then `webgpu`. */
  readonly gpu?: GPU;
  /** Dawn toggles when the `webgpu` package is imported here (e.g. "enable-dawn-features=..."). */
  readonly dawnFlags?: readonly string[];
  readonly powerPreference?: GPUPowerPreference;
}

interface DawnModule {
  create(flags: string[]): GPU;
  globals: Record<string, unknown>;
}

async function findGpu(options: GpuOptions): Promise<GPU> {
  if (options.gpu) return options.gpu;
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return nav.gpu;
  const specifier = "webgpu";
  let mod: DawnModule;
  try {
    mod = (await import(/* @vite-ignore */ specifier)) as DawnModule;
  } catch (e) {
    throw new Error(
      `WebGPU is unavailable: no navigator.gpu, and the \`webgpu\` package (Dawn for Node) could not be loaded (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  for (const [k, v] of Object.entries(mod.globals)) if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
  return mod.create([...(options.dawnFlags ?? [])]);
}

/**
 * Keeps the GPU instances alive for the life of the process: Dawn's instance owns the threads and
 * locks its devices use, and if the \`GPU\` object is garbage-collected while a device lives on, the
 * process later dies in a mutex (futex EINVAL, "owner died"). See README, "Dawn notes".
 */
const keepAlive: unknown[] = [];

export async function requestDevice(options: GpuOptions): Promise<{ device: GPUDevice; adapter: GPUAdapter; description: string }> {
  const gpu = await findGpu(options);
  keepAlive.push(gpu);
  const adapter = await gpu.requestAdapter(options.powerPreference ? { powerPreference: options.powerPreference } : {});
  if (!adapter) {
    throw new Error(
      "WebGPU is unavailable: no adapter was found (in Node on a machine without a GPU, install a Vulkan driver such as SwiftShader and set VK_ICD_FILENAMES; see the backend-webgpu README)",
    );
  }
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxStorageBuffersPerShaderStage: Math.min(limits.maxStorageBuffersPerShaderStage, 10),
    },
  });
  keepAlive.push(adapter, device);
  const info = adapter.info;
  const description = [info.vendor, info.architecture, info.device, info.description].filter((s) => s).join(" / ") || "unknown adapter";
  return { device, adapter, description };
}
