/**
 * The small program the browser test runs on WebGPU (in headless Chromium) and the Node side runs
 * on the CPU backend: a linear layer with relu, a softmax over rows, integer and float64 math.
 */
import * as torch from "@typetorch/tensor-core";

export interface ProgramResult {
  readonly probs: number[][];
  readonly ints: number[];
  readonly doubles: number[];
  readonly argmax: number[];
}

const data = (n: number, seed: number): number[] => Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 3);

export async function program(device: string): Promise<ProgramResult> {
  const x = torch.tensor(data(24, 1), { dtype: "float32" }).reshape(4, 6).to(device);
  const w = torch.tensor(data(18, 2), { dtype: "float32" }).reshape(6, 3).to(device);
  const h = x.matmul(w).relu().add(0.5);
  const e = h.sub(h.max(1, true).values).exp();
  const probs = e.div(e.sum(1, true));
  const i = torch.arange(0, 8).to(device).mul(123456789).remainder(1000);
  const d = torch.tensor([0.1, 0.2, 0.3], { dtype: "float64" }).to(device).exp().cumsum(0);
  return {
    probs: (await probs.tolistAsync()) as number[][],
    ints: (await i.tolistAsync()) as number[],
    doubles: (await d.tolistAsync()) as number[],
    argmax: (await probs.argmax(1).tolistAsync()) as number[],
  };
}
