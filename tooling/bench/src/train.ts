/**
 * `node dist/train.js [--quick] [--wall] [--only <text>] [--steps n]` — one training step of the
 * "Neural Networks" tutorial's Net (conv 1→6 3×3, max-pool 2, conv 6→16 3×3, max-pool 2, fc
 * 576→120→84→10) on typetorch's CPU backend: forward, MSELoss + backward, SGD step, each timed
 * separately, for a 64-image batch and for a single image; plus the conv/pool stack alone on a
 * 64-image MNIST-sized batch (forward, backward of the sum), and the wider stack packages/nn's
 * README timed (32 and 64 channels). Times are process CPU time (the
 * engines compute on one thread) unless `--wall` is given; each column is the median over the
 * samples. The last column is a fingerprint (FNV-1a of the float32 bytes of the output, loss,
 * every gradient and every updated parameter after the first step from `manualSeed(0)`): a
 * speed-up that keeps results bit-identical keeps it.
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

interface TrainCase {
  readonly id: string;
  readonly make: () => Net | ConvStack | WideConvStack;
  readonly input: readonly number[];
  /** null: the loss is the output's sum (no fc head, no target). */
  readonly target: readonly number[] | null;
}

const CASES: readonly TrainCase[] = [
  { id: "net, batch 64 (64×1×32×32)", make: () => new Net(), input: [64, 1, 32, 32], target: [64, 10] },
  { id: "net, one image (1×1×32×32)", make: () => new Net(), input: [1, 1, 32, 32], target: [1, 10] },
  { id: "conv stack, batch 64 (64×1×28×28)", make: () => new ConvStack(), input: [64, 1, 28, 28], target: null },
  { id: "wide conv stack 1→32→64, batch 64 (64×1×28×28)", make: () => new WideConvStack(), input: [64, 1, 28, 28], target: null },
];

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const quick = process.argv.includes("--quick");
const clock = process.argv.includes("--wall") ? "wall" : "cpu";
const only = flag("--only");
const minSeconds = quick ? 0 : Number(flag("--seconds") ?? 3);
const minSteps = quick ? 2 : Number(flag("--steps") ?? 5);
const WARMUP = quick ? 1 : 3;
const now = clock === "cpu"
  ? (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e3;
    }
  : (): number => performance.now();

/** FNV-1a over the float32 bytes of the tensors, in order. */
function fingerprint(ts: readonly Tensor[]): string {
  let h = 0x811c9dc5;
  for (const t of ts) {
    const bytes = new Uint8Array(Float32Array.from(t.detach().flatten().tolist() as number[]).buffer);
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

interface Row {
  id: string;
  forward: number;
  backward: number;
  step: number;
  total: number;
  steps: number;
  print: string;
}

function run(c: TrainCase): Row {
  torch.manualSeed(0);
  const net = c.make();
  const input = torch.randn(...c.input);
  const target = c.target === null ? null : torch.randn(...c.target);
  const criterion = new nn.MSELoss();
  const opt = new optim.SGD(net.parameters(), { lr: 0.01 });
  const lossOf = (out: Tensor): Tensor => (target === null ? out.sum() : criterion.call(out, target));
  const times: { forward: number[]; backward: number[]; step: number[] } = { forward: [], backward: [], step: [] };
  let print = "";
  const t0 = now();
  for (let k = 0; ; k++) {
    opt.zeroGrad();
    const a = now();
    const out = net.call(input);
    const loss = lossOf(out);
    const b = now();
    loss.backward();
    const d = now();
    opt.step();
    const e = now();
    if (k === 0) {
      const params = net.parameters();
      print = fingerprint([out, loss, ...params.map((p) => p.grad!), ...params]);
    } else if (k >= WARMUP) {
      // The first steps warm up (V8 compiles the kernels) and are not counted.
      times.forward.push(b - a);
      times.backward.push(d - b);
      times.step.push(e - d);
    }
    if (k >= WARMUP + minSteps && now() - t0 >= minSeconds * 1000) break;
  }
  const f = median(times.forward);
  const bw = median(times.backward);
  const s = median(times.step);
  return { id: c.id, forward: f, backward: bw, step: s, total: f + bw + s, steps: times.forward.length, print };
}

const rows: Row[] = [];
for (const c of CASES) {
  if (only !== undefined && !c.id.includes(only)) continue;
  process.stderr.write(`${c.id} …\n`);
  rows.push(run(c));
}
const ms = (x: number): string => x.toFixed(x < 10 ? 2 : 1);
const lines = [
  `| case (${clock === "cpu" ? "CPU" : "wall"} ms, median) | forward | backward | SGD step | full step | steps | fingerprint |`,
  "|---|---:|---:|---:|---:|---:|---|",
  ...rows.map((r) => `| ${r.id} | ${ms(r.forward)} | ${ms(r.backward)} | ${ms(r.step)} | ${ms(r.total)} | ${r.steps} | ${r.print} |`),
];
process.stdout.write(lines.join("\n") + "\n");
