/** Browser entry: registers CPU and WebGPU, runs the program on WebGPU, publishes the result. */
import { registerBackend, initBackend } from "@typetorch/tensor-core";
import { createCpuBackend } from "@typetorch/backend-cpu";
import { createWebGpuBackend } from "../../index.js";
import { program } from "./program.js";

const out = globalThis as unknown as { __result?: unknown };
registerBackend("cpu", createCpuBackend());
registerBackend("webgpu", () => createWebGpuBackend());
initBackend("webgpu")
  .then(async (init) => {
    if (!init.available) throw new Error(init.reason);
    out.__result = { ok: true, result: await program("webgpu") };
  })
  .catch((e: unknown) => {
    out.__result = { ok: false, error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) };
  });
