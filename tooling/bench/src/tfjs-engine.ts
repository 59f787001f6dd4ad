import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { BenchOp, Engine, Input, Kernel } from "./engine.js";

const require = createRequire(import.meta.url);
const version = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version;

// The .wasm binaries ship inside the npm package; point tfjs at them as files (no network).
setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
// PROD skips tfjs's debug checks and its "install tfjs-node" banner.
tf.env().set("PROD", true);

const call: Record<BenchOp, (xs: readonly tf.Tensor[]) => tf.Tensor> = {
  matmul: ([a, b]) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
  add: ([a, b]) => tf.add(a!, b!),
  exp: ([a]) => tf.exp(a!),
  sum: ([a]) => tf.sum(a!),
  transpose: ([a]) => tf.transpose(a!),
};

/**
 * tfjs-backend-cpu and tfjs-backend-wasm both run an op to completion inside the call (their
 * kernels are synchronous), so timing the call measures the work; no readback is needed.
 */
export function tfjsEngine(backend: "cpu" | "wasm"): Engine {
  return {
    name: `tfjs-${backend}`,
    async activate() {
      if (tf.getBackend() !== backend) {
        if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
      }
      await tf.ready();
    },
    kernel(op: BenchOp, inputs: readonly Input[]): Kernel {
      const xs = inputs.map((i) => tf.tensor(i.data, [...i.shape], "float32"));
      const f = call[op];
      return {
        run: () => f(xs).dispose(),
        result: async () => {
          const y = f(xs);
          const out = Float32Array.from(await y.data() as Float32Array);
          y.dispose();
          return out;
        },
        dispose: () => tf.dispose(xs),
      };
    },
    mixDtypes() {
      for (const dtype of ["int32", "bool"] as const) {
        const x = tf.ones([64], dtype);
        for (let i = 0; i < 100; i++) tf.add(x, x).dispose();
        x.dispose();
      }
    },
    liveTensors: () => tf.memory().numTensors,
    async describe() {
      let extra = "";
      if (backend === "wasm") {
        const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
        const threads = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
        extra = `, SIMD ${simd ? "on" : "off"}, threads ${threads ? "on" : "off"}`;
      }
      return `@tensorflow/tfjs-core ${version("@tensorflow/tfjs-core")}, tfjs-backend-${backend} ${version(`@tensorflow/tfjs-backend-${backend}`)}${extra}`;
    },
  };
}
