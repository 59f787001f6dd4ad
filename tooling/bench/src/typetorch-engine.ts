import * as torch from "typetorch";
import type { BenchOp, Engine, Input, Kernel } from "./engine.js";

type Tensor = ReturnType<typeof torch.tensor>;

const call: Record<BenchOp, (xs: readonly Tensor[]) => Tensor> = {
  matmul: ([a, b]) => torch.matmul(a!, b!),
  add: ([a, b]) => a!.add(b!),
  exp: ([a]) => a!.exp(),
  sum: ([a]) => a!.sum(),
};

export function typetorchEngine(): Engine {
  return {
    name: "typetorch",
    activate: async () => {},
    kernel(op: BenchOp, inputs: readonly Input[]): Kernel {
      const flat = inputs.map((i) => torch.tensor(i.data));
      const xs = flat.map((t, k) => t.reshape([...inputs[k]!.shape]));
      const f = call[op];
      return {
        run: () => f(xs).dispose(),
        result: async () => {
          const y = f(xs);
          const out = Float32Array.from(await y.toArray() as ArrayLike<number>);
          y.dispose();
          return out;
        },
        dispose: () => {
          for (const t of xs) t.dispose();
          for (const t of flat) t.dispose();
        },
      };
    },
    mixDtypes() {
      for (const dtype of ["float64", "int64", "int32", "int16", "int8", "uint8", "bool"] as const) {
        const x = torch.ones([64], { dtype });
        for (let i = 0; i < 100; i++) x.add(x).dispose();
        x.dispose();
      }
    },
    liveTensors: () => torch.memory().numTensors,
    describe: async () => "typetorch workspace build, backend-cpu",
  };
}
