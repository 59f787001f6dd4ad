/**
 * typetorch's side of `dist/train.js`: the tutorial's Net and two conv/pool stacks, and one timed
 * training loop (zeroGrad, forward + loss, backward, SGD step). The first step also yields what
 * the other engines need to run the same step: the initial parameters, the input, the target, and
 * the first step's loss and gradient norms to cross-check against.
 */
import * as torch from "typetorch";
import { nn, optim } from "typetorch";
import { median } from "./measure.js";

type Tensor = ReturnType<typeof torch.tensor>;
const F = nn.functional;

/** The tutorial's Net (packages/nn's net.fixtures.test.ts). */
class Net extends nn.Module {
  conv1 = new nn.Conv2d(1, 6, 3);
  conv2 = new nn.Conv2d(6, 16, 3);
  fc1 = new nn.Linear(16 * 6 * 6, 120);
  fc2 = new nn.Linear(120, 84);
  fc3 = new nn.Linear(84, 10);
  override forward(input: Tensor): Tensor {
    let x = F.maxPool2d(F.relu(this.conv1.call(input)), [2, 2]);
    x = F.maxPool2d(F.relu(this.conv2.call(x)), 2);
    x = x.view(-1, 16 * 6 * 6);
    x = F.relu(this.fc1.call(x));
    x = F.relu(this.fc2.call(x));
    return this.fc3.call(x);
  }
}

/** Only the convolutional part, on 28×28 images. */
class ConvStack extends nn.Module {
  conv1 = new nn.Conv2d(1, 6, 3);
  conv2 = new nn.Conv2d(6, 16, 3);
  override forward(x: Tensor): Tensor {
    x = F.maxPool2d(F.relu(this.conv1.call(x)), 2);
    return F.maxPool2d(F.relu(this.conv2.call(x)), 2);
  }
}

/** The stack packages/nn's README timed first: Conv2d(1, 32, 3) → ReLU → Conv2d(32, 64, 3) → ReLU → MaxPool2d(2). */
class WideConvStack extends nn.Module {
  conv1 = new nn.Conv2d(1, 32, 3);
  conv2 = new nn.Conv2d(32, 64, 3);
  override forward(x: Tensor): Tensor {
    return F.maxPool2d(F.relu(this.conv2.call(F.relu(this.conv1.call(x)))), 2);
  }
}

export interface TrainCase {
  readonly id: string;
  readonly make: () => Net | ConvStack | WideConvStack;
  readonly input: readonly number[];
  /** null: the loss is the output's sum (no fc head, no target). */
  readonly target: readonly number[] | null;
  /** The Net cases, which the TF.js engines also run. */
  readonly net: boolean;
}

export const CASES: readonly TrainCase[] = [
  { id: "net, batch 64 (64×1×32×32)", make: () => new Net(), input: [64, 1, 32, 32], target: [64, 10], net: true },
  { id: "net, one image (1×1×32×32)", make: () => new Net(), input: [1, 1, 32, 32], target: [1, 10], net: true },
  { id: "conv stack, batch 64 (64×1×28×28)", make: () => new ConvStack(), input: [64, 1, 28, 28], target: null, net: false },
  { id: "wide conv stack 1→32→64, batch 64 (64×1×28×28)", make: () => new WideConvStack(), input: [64, 1, 28, 28], target: null, net: false },
];

export interface LoopOptions {
  /** Milliseconds, from the chosen clock. */
  readonly now: () => number;
  readonly warmup: number;
  readonly minSteps: number;
  readonly minSeconds: number;
  readonly lr: number;
}

/** Medians over the timed steps, ms. `update` is the optimizer step. */
export interface StepTimes {
  readonly forward: number;
  readonly backward: number;
  readonly update: number;
  readonly total: number;
  readonly steps: number;
}

export interface Flat {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/** Everything another engine needs to run, and check, the same first step. */
export interface Reference {
  /** In `net.parameters()` order, PyTorch layouts (weights out × in [× kh × kw]). */
  readonly params: readonly Flat[];
  readonly input: Flat;
  readonly target: Flat | null;
  /** The first step's loss and the 2-norm of each parameter's gradient (float64 sums). */
  readonly loss: number;
  readonly gradNorms: readonly number[];
}

const flat = (t: Tensor): Flat => ({ data: Float32Array.from(t.detach().flatten().tolist() as number[]), shape: [...t.shape] });

export function l2(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]! * xs[i]!;
  return Math.sqrt(s);
}

/** FNV-1a over the float32 bytes of the tensors, in order. */
function fingerprint(ts: readonly Tensor[]): string {
  let h = 0x811c9dc5;
  for (const t of ts) {
    const bytes = new Uint8Array(flat(t).data.buffer);
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

export interface TypetorchResult {
  /** null when only the first step ran (the engine was not asked to be timed). */
  readonly times: StepTimes | null;
  readonly print: string;
  readonly ref: Reference;
}

/**
 * The fingerprint column is FNV-1a over the float32 bytes of the first step's output, loss, every
 * gradient and every updated parameter from `manualSeed(0)`: a speed-up that keeps results
 * bit-identical keeps it.
 */
export function runTypetorch(c: TrainCase, o: LoopOptions, timed: boolean): TypetorchResult {
  torch.manualSeed(0);
  const net = c.make();
  const input = torch.randn(...c.input);
  const target = c.target === null ? null : torch.randn(...c.target);
  const params = net.parameters();
  // Read before the first update changes them; reading draws no random numbers.
  const init = params.map(flat);
  const criterion = new nn.MSELoss();
  const opt = new optim.SGD(params, { lr: o.lr });
  const lossOf = (out: Tensor): Tensor => (target === null ? out.sum() : criterion.call(out, target));
  const times: { forward: number[]; backward: number[]; step: number[] } = { forward: [], backward: [], step: [] };
  let print = "";
  let loss0 = NaN;
  let gradNorms: number[] = [];
  const t0 = o.now();
  for (let k = 0; ; k++) {
    opt.zeroGrad();
    const a = o.now();
    const out = net.call(input);
    const loss = lossOf(out);
    const b = o.now();
    loss.backward();
    const d = o.now();
    opt.step();
    const e = o.now();
    if (k === 0) {
      print = fingerprint([out, loss, ...params.map((p) => p.grad!), ...params]);
      loss0 = loss.item() as number;
      gradNorms = params.map((p) => l2(flat(p.grad!).data));
      if (!timed) break;
    } else if (k >= o.warmup) {
      // The first steps warm up (V8 compiles the kernels) and are not counted.
      times.forward.push(b - a);
      times.backward.push(d - b);
      times.step.push(e - d);
    }
    if (k >= o.warmup + o.minSteps && o.now() - t0 >= o.minSeconds * 1000) break;
  }
  const ref: Reference = { params: init, input: flat(input), target: target === null ? null : flat(target), loss: loss0, gradNorms };
  if (!timed) return { times: null, print, ref };
  const f = median(times.forward);
  const bw = median(times.backward);
  const s = median(times.step);
  return { times: { forward: f, backward: bw, update: s, total: f + bw + s, steps: times.forward.length }, print, ref };
}
