/**
 * `pnpm --filter @typetorch/bench bench:webgpu` — the WebGPU backend's throughput and overhead:
 * per-op dispatch cost (µs per small op), elementwise throughput (float32 add/exp over 1M
 * elements), matmul GFLOP/s, sort (short and long lanes), float64 add/exp/matmul in software
 * binary64, and randn (float32, float64). Each timing enqueues the work and
 * waits on one async read, so it includes queue submission and completion. On SwiftShader (no GPU) the figures only show
 * relative cost. Flags: --quick (smaller sizes).
 */
import * as torch from "typetorch";
import { createWebGpuBackend, type WebGpuBackend } from "@typetorch/backend-webgpu";

const quick = process.argv.includes("--quick");
const held: { backend?: WebGpuBackend } = {};
torch.registerBackend("webgpu", async () => (held.backend = await createWebGpuBackend()));
const init = await torch.initBackend("webgpu");
if (!init.available) {
  process.stderr.write(`webgpu unavailable: ${init.reason}\n`);
  process.exit(1);
}

/** Median seconds of `run` (which enqueues work and awaits a read) over `reps` after one warm-up. */
async function time(run: () => Promise<unknown>, reps: number): Promise<number> {
  await run();
  const s: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await run();
    s.push((performance.now() - t0) / 1000);
  }
  s.sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}

const rows: string[] = [];
const row = (name: string, value: string): void => {
  rows.push(`| ${name} | ${value} |`);
  process.stderr.write(`${name}: ${value}\n`);
};

// Per-op overhead: many dependent tiny ops, one read at the end. Reported: the median total per
// op (recording + the device finishing + the read), the best total, and the median time to
// record the ops (the host-side cost; on SwiftShader the device's share is its own per-dispatch
// cost, which rises steeply when other processes compete for the cores).
{
  const x = torch.ones([16]).to("webgpu");
  const ops = quick ? 100 : 500;
  const total: number[] = [];
  const record: number[] = [];
  for (let rep = 0; rep < 8; rep++) {
    const t0 = performance.now();
    let y = x;
    for (let i = 0; i < ops; i++) {
      const z = y.add(1);
      if (y !== x) y.dispose();
      y = z;
    }
    const t1 = performance.now();
    await y.toArray();
    y.dispose();
    if (rep === 0) continue; // warm-up
    total.push(((performance.now() - t0) / ops) * 1e3);
    record.push(((t1 - t0) / ops) * 1e3);
  }
  const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1] as number;
  row(
    `dispatch overhead (add on 16 floats, ${ops} ops)`,
    `${median(total).toFixed(0)} µs/op (best ${Math.min(...total).toFixed(0)}; recording ${median(record).toFixed(0)})`,
  );
  x.dispose();
}

// Elementwise throughput.
for (const [name, f] of [["add", (a: torch.Tensor) => a.add(a)], ["exp", (a: torch.Tensor) => a.exp()]] as const) {
  const n = quick ? 1 << 16 : 1 << 20;
  const a = torch.ones([n]).to("webgpu");
  const t = await time(async () => {
    const y = f(a);
    await y.index("0:1").toArray();
    y.dispose();
  }, 5);
  row(`float32 ${name}, ${n} elements`, `${(t * 1e3).toFixed(2)} ms (${((n / t) / 1e6).toFixed(1)} Melem/s)`);
  a.dispose();
}

// Matmul (kept small: on SwiftShader a long dispatch is slow, see README "Dawn notes").
for (const n of quick ? [64] : [64, 128, 256]) {
  const a = torch.ones([n, n]).to("webgpu");
  const t = await time(async () => {
    const y = a.matmul(a);
    await y.index("0:1", "0:1").toArray();
    y.dispose();
  }, 3);
  row(`float32 matmul ${n}×${n}`, `${(t * 1e3).toFixed(1)} ms (${((2 * n ** 3) / t / 1e9).toFixed(3)} GFLOP/s)`);
  a.dispose();
}

// sort on the device: the one-pass rank sort (short lanes) and the merge sort (long lanes).
for (const [lanes, n] of quick ? [[256, 16], [1, 2000]] : [[4096, 16], [1, 2048], [1, 20000], [64, 2048]]) {
  const a = torch.rand([lanes as number, n as number]).to("webgpu");
  const t = await time(async () => {
    const { values, indices } = torch.sort(a, { dim: 1 });
    await values.index("0:1", "0:1").toArray();
    values.dispose();
    indices.dispose();
  }, 3);
  row(`float32 sort ${lanes}×${n} (dim 1)`, `${(t * 1e3).toFixed(1)} ms`);
  a.dispose();
}

// float64 (software binary64 in WGSL): exact arithmetic, and a transcendental through the
// register-program loop; sizes are smaller because each element costs tens of integer operations.
for (const [name, n, f] of [
  ["add", quick ? 1 << 14 : 1 << 20, (a: torch.Tensor) => a.add(a)],
  ["exp", quick ? 1 << 12 : 1 << 16, (a: torch.Tensor) => a.exp()],
  ["matmul 64×64", 64 * 64, (a: torch.Tensor) => a.reshape([64, 64]).matmul(a.reshape([64, 64]))],
] as const) {
  const a = torch.rand([n], { dtype: "float64" }).to("webgpu");
  const t = await time(async () => {
    const y = f(a);
    await y.flatten().index("0:1").toArray();
    y.dispose();
  }, 3);
  const rate = name.startsWith("matmul") ? `${((2 * 64 ** 3) / t / 1e9).toFixed(4)} GFLOP/s` : `${((n / t) / 1e6).toFixed(3)} Melem/s`;
  row(`float64 ${name}${name.startsWith("matmul") ? "" : `, ${n} elements`}`, `${(t * 1e3).toFixed(1)} ms (${rate})`);
  a.dispose();
}

// random on the device (Philox + the samplers; float64 samples run binary64 programs).
for (const [dtype, n] of [["float32", quick ? 1 << 16 : 1 << 20], ["float64", quick ? 1 << 10 : 1 << 14]] as const) {
  const t = await time(async () => {
    const y = torch.randn([n], { dtype, device: "webgpu" });
    await y.index("0:1").toArray();
    y.dispose();
  }, 3);
  row(`randn ${dtype}, ${n} elements`, `${(t * 1e3).toFixed(1)} ms (${((n / t) / 1e6).toFixed(3)} Melem/s)`);
}

const s = held.backend?.stats();
process.stdout.write(
  [`device: ${held.backend?.adapter ?? "?"}`, "", "| case | result |", "|---|---|", ...rows, "",
    `pipelines compiled ${s?.pipelines}, cache hits ${s?.pipelineHits}, dispatches ${s?.dispatches}, submits ${s?.submits}`].join("\n") + "\n",
);
process.exit(0);
