import * as torch from "typetorch";
import type { BenchOp, Engine, Input, Kernel } from "./engine.js";

type Tensor = ReturnType<typeof torch.tensor>;

const call: Record<BenchOp, (xs: readonly Tensor[]) => Tensor> = {
  matmul: ([a, b]) => torch.matmul(a!, b!),
  add: ([a, b]) => a!.add(b!),
  exp: ([a]) => a!.exp(),
  sum: ([a]) => a!.sum(),
  transpose: ([a]) => {
    const v = a!.t();
    const y = v.contiguous();
    v.dispose();
    return y;
  },
};

const DTYPES = ["float32", "float64", "float16", "bfloat16", "int64", "int32", "int16", "int8", "uint8", "bool"] as const;

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
      // What a real program does: every dtype through the elementwise, reduction, cast and copy
      // kernels (64 elements, 100 times each, so V8 has optimised the loops for these kinds).
      const ops: ((x: Tensor) => Tensor)[] = [
        (x) => x.add(x), (x) => x.exp(), (x) => x.sum(), (x) => torch.tidy(() => x.reshape([8, 8]).t().contiguous()),
        (x) => x.neg(), (x) => x.maximum(x), (x) => x.mul(x), (x) => x.lt(x),
        ...DTYPES.map((dtype) => (x: Tensor) => x.to({ dtype })),
      ];
      for (const dtype of DTYPES) {
        const x = torch.ones([64], { dtype });
        for (const op of ops)
          for (let i = 0; i < 100; i++) {
            try {
              op(x).dispose();
            } catch {
              break; // an op this dtype does not support (e.g. neg of bool)
            }
          }
        x.dispose();
      }
    },
    liveTensors: () => torch.memory().numTensors,
    describe: async () => "typetorch workspace build, backend-cpu",
  };
}
