/**
 * The backend registry. Registration is explicit (no import-time side effects): a program or the
 * `typetorch` umbrella calls `registerBackend`, then the backend is used by device name.
 */
import type { Backend } from "./backend.js";
import { RuntimeError } from "./errors.js";
import { defaultGenerator, defaultGeneratorDevices, normalizeSeed, seedDefaults } from "./random/generator.js";

/** A device string as PyTorch spells it: "cpu", "webgpu", "cuda", "cuda:0". */
export type Device = string;

interface Entry {
  backend: Backend | null;
  readonly factory: () => Backend | Promise<Backend>;
  error: string | null;
}

const registry = new Map<string, Entry>();
/** Resolved device strings → backends: getBackend sits on every op's path, so it is one Map lookup. */
const resolved = new Map<string, Backend>();

/** The device type of a device string: "cuda:1" → "cuda". */
export const deviceType = (device: Device): string => device.split(":")[0] as string;

/**
 * Registers a backend under its device type. A Backend instance is available at once; a factory
 * (possibly async, e.g. WebGPU's adapter request) runs on `initBackend`.
 */
export function registerBackend(name: string, backend: Backend | (() => Backend | Promise<Backend>)): void {
  resolved.clear();
  if (typeof backend === "function") registry.set(name, { backend: null, factory: backend, error: null });
  else registry.set(name, { backend, factory: () => backend, error: null });
}

/** Initialises a registered backend; resolves to whether it is usable and, if not, why. */
export async function initBackend(name: string): Promise<{ available: boolean; reason?: string }> {
  const entry = registry.get(name);
  if (!entry) return { available: false, reason: `no backend registered for device '${name}'` };
  if (entry.backend) return { available: true };
  try {
    entry.backend = await entry.factory();
    return { available: true };
  } catch (e) {
    entry.error = e instanceof Error ? e.message : String(e);
    return { available: false, reason: entry.error };
  }
}

export function registeredBackends(): string[] {
  return [...registry.keys()];
}

/** The backend for a device, or PyTorch-like errors when it is missing or not initialised. */
export function getBackend(device: Device): Backend {
  const hit = resolved.get(device);
  if (hit) return hit;
  const type = deviceType(device);
  const entry = registry.get(type);
  if (entry?.backend) {
    resolved.set(device, entry.backend);
    return entry.backend;
  }
  if (!entry) {
    throw new RuntimeError(
      `Expected one of the registered device types (${[...registry.keys()].join(", ") || "none"}) at start of device string: ${device}` +
        (type === "cpu" ? ' (import "typetorch" or call registerBackend("cpu", createCpuBackend()))' : ""),
    );
  }
  throw new RuntimeError(
    entry.error
      ? `device '${type}' is unavailable: ${entry.error}`
      : `device '${type}' is registered but not initialised: await initBackend("${type}") first`,
  );
}

/** Normalises a device argument: "cuda" → "cuda:0" as PyTorch reports it; "cpu" stays "cpu". */
export function canonicalDevice(device: Device): Device {
  const type = deviceType(device);
  if (type === "cpu" || type === "webgpu") return type;
  return device.includes(":") ? device : `${type}:0`;
}

/** Whether a backend for `type` is registered and initialised (without initialising it). */
const ready = (type: string): boolean => registry.get(type)?.backend != null;

/**
 * `torch.cuda`: device-agnostic tutorial code reads `torch.cuda.isAvailable() ? "cuda" : "cpu"`.
 * True only once a CUDA backend has been registered and initialised.
 */
export const cuda = {
  isAvailable: (): boolean => ready("cuda"),
  deviceCount: (): number => (ready("cuda") ? 1 : 0),
  /** Seeds the current CUDA device's default generator (keeps device-agnostic code running without CUDA). */
  manualSeed: (seed: number | bigint): void => seedDefaults(["cuda:0"], normalizeSeed(seed)),
  /** Seeds the default generator of every CUDA device. */
  manualSeedAll: (seed: number | bigint): void => {
    const devices = defaultGeneratorDevices().filter((d) => d.startsWith("cuda"));
    seedDefaults(devices.length > 0 ? devices : ["cuda:0"], normalizeSeed(seed));
  },
  initialSeed: (): number | bigint => defaultGenerator("cuda:0").initialSeed(),
};

/** `torch.webgpu.isAvailable()`: async, because WebGPU hands out adapters asynchronously. */
export const webgpu = {
  isAvailable: async (): Promise<boolean> => (registry.has("webgpu") ? (await initBackend("webgpu")).available : false),
};
