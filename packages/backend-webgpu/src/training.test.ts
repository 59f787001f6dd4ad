/**
 * typetorch's training stack — nn, optim, data — gives the CPU's answers on WebGPU.
 *
 * Each model is built twice on the CPU from the same seed in torch RNG mode (so both copies hold
 * PyTorch's initial weights), one copy is moved with `model.to("webgpu")`, and both run the same
 * forward + loss + backward + optimizer steps on the same data. Nothing in a step reads a WebGPU
 * tensor: losses are collected on the device and read once at the end with `tolistAsync`.
 *
 * The bounds: every float32 op on WebGPU is the CPU's result or within the conformance bounds
 * (README "Bounds": +, −, ×, ÷, √ correctly rounded; exp/log 1 ULP; sums and matmul sequential in
 * float32 within n·u·Σ|terms|), and optim's add/addcmul are fused on the CPU (PyTorch's FMA,
 * emulated in float64) but two roundings elsewhere. A few steps can therefore only move the
 * trajectories apart by a few ULP per op, amplified by the steps' Lipschitz constants. Differences
 * are measured relative to each tensor's largest magnitude (so a weight that has cancelled to
 * near zero is not judged in its own ULPs); the numbers measured are in the README ("Training on
 * WebGPU") and next to each bound.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as torch from "typetorch";
import { nn, optim } from "typetorch";
import { DataLoader, TensorDataset, WeightedRandomSampler, randomSplit } from "@typetorch/data";
import { createWebGpuBackend } from "./index.js";

type Tensor = torch.Tensor;
/** Seeds are pinned; set TYPETORCH_TRAINING_SEED to shift them all (the README's ranges are seeds 0–7). */
const SEED = Number(process.env["TYPETORCH_TRAINING_SEED"] ?? 0);
const seed = (s: number): number => SEED * 100 + s;

beforeAll(async () => {
  torch.registerBackend("webgpu", () => createWebGpuBackend());
  expect(await torch.webgpu.isAvailable()).toBe(true);
  torch.setRngMode("torch");
});
afterAll(() => torch.setRngMode("portable"));

/** Largest |a − b| over max|b| (0 when both are zero): the error relative to the tensor's scale. */
function relDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  const scale = Math.max(...b.map(Math.abs));
  const diff = Math.max(0, ...a.map((x, i) => Math.abs(x - (b[i] as number))));
  return scale === 0 ? diff : diff / scale;
}

const flat = async (t: Tensor): Promise<number[]> => (await t.reshape(-1).tolistAsync()) as number[];

/** The same model twice from one seed; the second moved to WebGPU in place, its values exact. */
async function twins<M extends nn.Module>(s: number, build: () => M): Promise<[M, M]> {
  torch.manualSeed(s);
  const cpu = build();
  torch.manualSeed(s);
  const gpu = build();
  const before = gpu.parameters();
  expect(gpu.to("webgpu")).toBe(gpu);
  // Module.to moves parameters in place, as PyTorch: the same objects, now on the device.
  const moved = gpu.parameters();
  expect(moved).toEqual(before);
  for (const [i, p] of moved.entries()) {
    expect(p).toBe(before[i]);
    expect(p.device).toBe("webgpu");
    expect(await flat(p)).toEqual(await flat(cpu.parameters()[i]!));
  }
  return [cpu, gpu];
}

interface Run {
  losses: number[];
  params: number[][];
}

/** Runs `steps` optimizer steps of `lossOf(model)` and reads losses and parameters at the end. */
async function train(model: nn.Module, opt: optim.Optimizer, steps: number, lossOf: (step: number) => Tensor): Promise<Run> {
  const losses: Tensor[] = [];
  for (let s = 0; s < steps; s++) {
    const loss = lossOf(s);
    opt.zeroGrad();
    loss.backward();
    opt.step();
    losses.push(loss.detach());
  }
  return { losses: await flat(torch.stack(losses)), params: await Promise.all(model.parameters().map(flat)) };
}

/** Measured worst differences between a CPU run and a WebGPU run. */
function compare(cpu: Run, gpu: Run): { loss: number; param: number } {
  return { loss: relDiff(gpu.losses, cpu.losses), param: Math.max(...gpu.params.map((p, i) => relDiff(p, cpu.params[i] as number[]))) };
}

/**
 * The bound on a CPU-vs-WebGPU difference after a few training steps, relative to the tensor's
 * largest magnitude: 2e-6 ≈ 34 float32 half-ULPs (u = 2^-24). Measured over seeds 0–7: ≤ 2.7e-7
 * for losses and ≤ 5.3e-7 for parameters (≈ 9u, after 20 momentum steps), so it leaves a margin of
 * ~4× while a real fault — a learning rate off by 1e-4 relative, a skipped step — exceeds it.
 */
const BOUND = 2e-6;
/**
 * The bound for one loss, its gradient, a BatchNorm update or a few optimizer steps on the same
 * gradients: 1e-6 (≈ 17u). Measured: ≤ 1.6e-7 over seeds 0–3 (BatchNorm's running variance),
 * the optimizers alone ≤ 9e-8 over seeds 0–7 (from the CPU's fused add/addcmul).
 */
const OP_BOUND = 1e-6;

const onGpu = (...ts: Tensor[]): Tensor[] => ts.map((t) => t.to("webgpu"));

describe("training on WebGPU matches the CPU", () => {
  it("(a) Linear + MSELoss + SGD with momentum, 20 steps", async () => {
    const [cpuModel, gpuModel] = await twins(seed(0), () => new nn.Linear(4, 2));
    torch.manualSeed(seed(1));
    const x = torch.randn(16, 4);
    const y = x.matmul(torch.tensor([[1, -2], [0.5, 3], [-1, 0], [2, 1]])).add(torch.tensor([0.3, -0.7])).add(torch.randn(16, 2).mul(0.1));
    const [gx, gy] = onGpu(x, y) as [Tensor, Tensor];
    const mse = new nn.MSELoss();
    const sgd = (m: nn.Module): optim.SGD => new optim.SGD(m.parameters(), { lr: 0.05, momentum: 0.9 });
    const cpu = await train(cpuModel, sgd(cpuModel), 20, () => mse.call(cpuModel.call(x), y));
    const gpu = await train(gpuModel, sgd(gpuModel), 20, () => mse.call(gpuModel.call(gx), gy));
    expect(cpu.losses[19]!).toBeLessThan(cpu.losses[0]! / 4); // it trains
    const d = compare(cpu, gpu);
    expect(d.loss).toBeLessThan(BOUND);
    expect(d.param).toBeLessThan(BOUND);
    // The bound can fail: a CPU run whose learning rate is off by one part in 10^4 leaves it.
    const [offModel] = await twins(seed(0), () => new nn.Linear(4, 2));
    const off = await train(offModel, new optim.SGD(offModel.parameters(), { lr: 0.05 * (1 + 1e-4), momentum: 0.9 }), 20, () => mse.call(offModel.call(x), y));
    expect(compare(cpu, off).param).toBeGreaterThan(BOUND);
  });

  it("(b) MLP (Linear–ReLU–Linear) + CrossEntropyLoss + Adam", async () => {
    const build = (): nn.Sequential => new nn.Sequential(new nn.Linear(4, 16), new nn.ReLU(), new nn.Linear(16, 3));
    const [cpuModel, gpuModel] = await twins(seed(2), build);
    torch.manualSeed(seed(3));
    const x = torch.randn(24, 4);
    const y = torch.randint(0, 3, [24]);
    const [gx, gy] = onGpu(x, y) as [Tensor, Tensor];
    const ce = new nn.CrossEntropyLoss();
    const adam = (m: nn.Module): optim.Adam => new optim.Adam(m.parameters(), { lr: 0.01 });
    const cpu = await train(cpuModel, adam(cpuModel), 15, () => ce.call(cpuModel.call(x), y));
    const gpu = await train(gpuModel, adam(gpuModel), 15, () => ce.call(gpuModel.call(gx), gy));
    expect(cpu.losses[14]!).toBeLessThan(cpu.losses[0]!);
    const d = compare(cpu, gpu);
    expect(d.loss).toBeLessThan(BOUND);
    expect(d.param).toBeLessThan(BOUND);
  });

  it("(c) Conv2d–ReLU–MaxPool2d–Flatten–Linear on 1×8×8 images + SGD", async () => {
    const build = (): nn.Sequential =>
      new nn.Sequential(new nn.Conv2d(1, 4, 3), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(4 * 3 * 3, 2));
    const [cpuModel, gpuModel] = await twins(seed(4), build);
    torch.manualSeed(seed(5));
    const x = torch.randn(6, 1, 8, 8);
    const y = torch.tensor([0, 1, 1, 0, 1, 0]);
    const [gx, gy] = onGpu(x, y) as [Tensor, Tensor];
    const ce = new nn.CrossEntropyLoss();
    const sgd = (m: nn.Module): optim.SGD => new optim.SGD(m.parameters(), { lr: 0.1 });
    const cpu = await train(cpuModel, sgd(cpuModel), 5, () => ce.call(cpuModel.call(x), y));
    const gpu = await train(gpuModel, sgd(gpuModel), 5, () => ce.call(gpuModel.call(gx), gy));
    const d = compare(cpu, gpu);
    expect(d.loss).toBeLessThan(BOUND);
    expect(d.param).toBeLessThan(BOUND);
  });

  it("(d) a shuffled DataLoader over a WebGPU TensorDataset gives the CPU's batches, and trains alike", async () => {
    torch.manualSeed(seed(6));
    const x = torch.randn(20, 3);
    const y = x.sum(1, true).mul(0.5).add(1);
    const ids = torch.arange(20);
    const [cpuModel, gpuModel] = await twins(seed(7), () => new nn.Linear(3, 1));
    const epochs = async (model: nn.Linear, ds: TensorDataset): Promise<{ run: Run; order: number[]; after: unknown }> => {
      const loader = new DataLoader(ds, { batchSize: 6, shuffle: true });
      const opt = new optim.SGD(model.parameters(), { lr: 0.1 });
      const mse = new nn.MSELoss();
      const losses: Tensor[] = [];
      const order: Tensor[] = [];
      torch.manualSeed(seed(8));
      for (let epoch = 0; epoch < 2; epoch++) {
        for (const [bi, bx, by] of loader as Iterable<Tensor[]>) {
          expect(bx!.device).toBe(ds.tensors[0]!.device);
          const loss = mse.call(model.call(bx!), by!);
          opt.zeroGrad();
          loss.backward();
          opt.step();
          losses.push(loss.detach());
          order.push(bi!);
        }
      }
      // The default generator was consumed exactly as on the CPU.
      const after = torch.randint(0, 1000, [3]).tolist();
      const run = { losses: await flat(torch.stack(losses)), params: await Promise.all(model.parameters().map(flat)) };
      return { run, order: await flat(torch.cat(order)), after };
    };
    const cpu = await epochs(cpuModel, new TensorDataset(ids, x, y));
    const gpu = await epochs(gpuModel, new TensorDataset(...onGpu(ids, x, y)));
    expect(gpu.order).toEqual(cpu.order);
    expect(cpu.order.slice(0, 20).sort((a, b) => a - b)).toEqual([...Array(20).keys()]); // an epoch is a permutation
    expect(cpu.order.slice(0, 20)).not.toEqual([...Array(20).keys()]); // shuffled
    expect(gpu.after).toEqual(cpu.after);
    const d = compare(cpu.run, gpu.run);
    expect(d.loss).toBeLessThan(BOUND);
    expect(d.param).toBeLessThan(BOUND);
    // A dataset of WebGPU rows (not a TensorDataset) is collated by stacking on the device.
    const rows = [0, 1, 2].map((i) => x.index(i).to("webgpu"));
    const [batch] = [...new DataLoader(rows, { batchSize: 3 })] as Tensor[];
    expect(batch!.device).toBe("webgpu");
    expect(await batch!.tolistAsync()).toEqual(x.narrow(0, 0, 3).tolist());
  });
});

describe("the rest of the stack on WebGPU: no host reads, or an error that names the async call", () => {
  it("CrossEntropyLoss with ignoreIndex, class weights and label smoothing counts on the device", async () => {
    torch.manualSeed(seed(9));
    const logits = torch.randn(6, 4);
    const target = torch.tensor([0, -100, 3, 2, -100, 1]);
    const weight = torch.tensor([1, 2, 0.5, 1.5]);
    const cases: nn.functional.CrossEntropyOptions[] = [{}, { labelSmoothing: 0.2 }, { weight, labelSmoothing: 0.2 }, { weight, reduction: "sum", labelSmoothing: 0.1 }];
    for (const options of cases) {
      const cl = logits.clone().requiresGrad_();
      const want = nn.functional.crossEntropy(cl, target, options);
      want.backward();
      const gl = logits.to("webgpu").requiresGrad_();
      const gpuOptions = options.weight ? { ...options, weight: options.weight.to("webgpu") } : options;
      const got = nn.functional.crossEntropy(gl, target.to("webgpu"), gpuOptions);
      got.backward();
      expect(relDiff([Number(await got.itemAsync())], [Number(want.item())])).toBeLessThan(OP_BOUND);
      expect(relDiff(await flat(gl.grad!), await flat(cl.grad!))).toBeLessThan(OP_BOUND);
    }
  });

  it("randomSplit of a WebGPU TensorDataset batches on the device in the CPU's order", async () => {
    const x = torch.arange(10).mul(3);
    const batches = async (ds: TensorDataset): Promise<unknown[]> => {
      torch.manualSeed(seed(13));
      const [train] = randomSplit(ds, [0.7, 0.3]);
      const out: unknown[] = [];
      for (const [b] of new DataLoader(train!, { batchSize: 3, shuffle: true }) as Iterable<Tensor[]>) {
        expect(b!.device).toBe(ds.tensors[0]!.device);
        out.push(await b!.tolistAsync());
      }
      return out;
    };
    expect(await batches(new TensorDataset(x.to("webgpu")))).toEqual(await batches(new TensorDataset(x)));
  });

  it("an out-of-range class raises PyTorch's device-side IndexError at the next read", async () => {
    const logits = torch.randn(2, 3).to("webgpu");
    const loss = nn.functional.crossEntropy(logits, torch.tensor([1, 5]).to("webgpu")); // no error yet: no read
    await expect(loss.itemAsync()).rejects.toThrow(torch.IndexError);
    await expect(nn.functional.nllLoss(logits, torch.tensor([-1, 0]).to("webgpu")).itemAsync()).rejects.toThrow(/index -1 is out of bounds for dimension 1 with size 3/);
    // On the CPU the check is PyTorch's host check.
    expect(() => nn.functional.crossEntropy(torch.randn(2, 3), torch.tensor([1, 5]))).toThrow("Target 5 is out of bounds.");
  });

  it("clipGradNorm_ runs on the device; errorIfNonfinite needs clipGradNormAsync_", async () => {
    const grads = [torch.tensor([3, -4], { dtype: "float32" }), torch.tensor([12], { dtype: "float32" })];
    const params = (device: string): Tensor[] =>
      grads.map((g) => {
        const p = torch.zerosLike(g).to(device).requiresGrad_();
        p.grad = g.clone().to(device);
        return p;
      });
    const cpu = params("cpu");
    const want = nn.utils.clipGradNorm_(cpu, 1);
    const gpu = params("webgpu");
    expect(await nn.utils.clipGradNorm_(gpu, 1).itemAsync()).toBe(want.item()); // 13
    for (const [i, p] of gpu.entries()) expect(await flat(p.grad!)).toEqual(await flat(cpu[i]!.grad!));
    const bad = params("webgpu");
    bad[0]!.grad = torch.tensor([Infinity, 0], { dtype: "float32" }).to("webgpu");
    expect(() => nn.utils.clipGradNorm_(bad, 1, { errorIfNonfinite: true })).toThrow(torch.DeviceError);
    expect(() => nn.utils.clipGradNorm_(bad, 1, { errorIfNonfinite: true })).toThrow(/clipGradNormAsync_/);
    await expect(nn.utils.clipGradNormAsync_(bad, 1, { errorIfNonfinite: true })).rejects.toThrow(/non-finite/);
    expect(await flat(bad[1]!.grad!)).toEqual([12]); // a refused clip changes nothing
    const ok = params("webgpu");
    expect(await (await nn.utils.clipGradNormAsync_(ok, 1, { errorIfNonfinite: true })).itemAsync()).toBe(13);
    expect(await flat(ok[1]!.grad!)).toEqual(await flat(cpu[1]!.grad!));
  });

  it("oneHot gathers on the device; numClasses must be given there", async () => {
    const t = torch.tensor([[0, 2], [1, 1]]);
    expect(await nn.functional.oneHot(t.to("webgpu"), 3).tolistAsync()).toEqual(nn.functional.oneHot(t, 3).tolist());
    expect(() => nn.functional.oneHot(t.to("webgpu"))).toThrow(torch.DeviceError);
    expect(() => nn.functional.oneHot(t.to("webgpu"))).toThrow(/numClasses/);
    await expect(nn.functional.oneHot(t.to("webgpu"), 2).tolistAsync()).rejects.toThrow(/index 2 is out of bounds/);
  });

  it("BCELoss computes on the device; an input outside [0, 1] gives NaN there instead of the host check", async () => {
    const p = torch.tensor([0.2, 0.9, 0.5]);
    const t = torch.tensor([0, 1, 1]);
    const want = nn.functional.binaryCrossEntropy(p, t);
    expect(relDiff([Number(await nn.functional.binaryCrossEntropy(p.to("webgpu"), t.to("webgpu")).itemAsync())], [Number(want.item())])).toBeLessThan(OP_BOUND);
    expect(await nn.functional.binaryCrossEntropy(torch.tensor([0.2, 1.5, 0.5]).to("webgpu"), t.to("webgpu")).itemAsync()).toBeNaN();
    expect(() => nn.functional.binaryCrossEntropy(torch.tensor([0.2, 1.5, 0.5]), t)).toThrow("all elements of input should be between 0 and 1");
  });

  it("BatchNorm1d's cumulative average (momentum null) keeps its count on the device", async () => {
    const [cpuBn, gpuBn] = await twins(seed(10), () => new nn.BatchNorm1d(3, { momentum: null }));
    torch.manualSeed(seed(11));
    for (let i = 0; i < 3; i++) {
      const x = torch.randn(5, 3);
      cpuBn.call(x);
      gpuBn.call(x.to("webgpu"));
    }
    for (const name of ["running_mean", "running_var"] as const) {
      const c = cpuBn.stateDict()[name]!;
      const g = gpuBn.stateDict()[name]!;
      expect(g.device).toBe("webgpu");
      expect(relDiff(await flat(g), await flat(c))).toBeLessThan(OP_BOUND);
    }
    expect(await gpuBn.numBatchesTracked!.itemAsync()).toBe(3);
  });

  it("ReduceLROnPlateau and WeightedRandomSampler read on the host: a device tensor is a DeviceError naming the async read", async () => {
    const p = torch.zeros([1]).to("webgpu").requiresGrad_();
    const opt = new optim.SGD([p], { lr: 1 });
    const plateau = new optim.lrScheduler.ReduceLROnPlateau(opt, { patience: 0 });
    const metric = torch.tensor(2.5).to("webgpu");
    expect(() => plateau.step(metric)).toThrow(torch.DeviceError);
    expect(() => plateau.step(metric)).toThrow(/itemAsync/);
    plateau.step(Number(await metric.itemAsync()));
    plateau.step(Number(await metric.itemAsync()));
    expect(opt.paramGroups[0]!.lr).toBeCloseTo(0.1, 12);
    expect(() => new WeightedRandomSampler(torch.tensor([1, 2]).to("webgpu"), 4)).toThrow(/cpuAsync/);
  });

  it("every optimizer steps WebGPU parameters like the CPU's, and NAdam resumes from a state dict", async () => {
    const cases: [string, (ps: Tensor[]) => optim.Optimizer][] = [
      ["Adagrad", (ps) => new optim.Adagrad(ps, { lr: 0.1 })],
      ["RMSprop", (ps) => new optim.RMSprop(ps, { lr: 0.01, momentum: 0.5 })],
      ["Adadelta", (ps) => new optim.Adadelta(ps)],
      ["Adamax", (ps) => new optim.Adamax(ps)],
      ["NAdam", (ps) => new optim.NAdam(ps)],
      ["RAdam", (ps) => new optim.RAdam(ps)],
      ["AdamW", (ps) => new optim.AdamW(ps, { amsgrad: true })],
    ];
    torch.manualSeed(seed(12));
    const start = torch.randn(5);
    const target = torch.randn(5);
    for (const [name, make] of cases) {
      const run = async (device: string): Promise<number[]> => {
        const w = start.clone().to(device).requiresGrad_();
        const tgt = target.to(device);
        let opt = make([w]);
        for (let s = 0; s < 6; s++) {
          if (s === 3) {
            const sd = opt.stateDict();
            opt = make([w]);
            opt.loadStateDict(sd); // resuming must not change the trajectory
          }
          opt.zeroGrad();
          w.sub(tgt).square().sum().backward();
          opt.step();
        }
        return flat(w);
      };
      const d = relDiff(await run("webgpu"), await run("cpu"));
      expect(d, name).toBeLessThan(OP_BOUND);
    }
  });
});
