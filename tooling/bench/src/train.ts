/**
 * `node dist/train.js [--quick] [--wall] [--only <text>] [--steps n] [--seconds s]
 * [--engines typetorch,tfjs-cpu,tfjs-wasm[,tfjs-cpu+convgrad]]` — one training step of the "Neural Networks"
 * tutorial's Net (conv 1→6 3×3, max-pool 2, conv 6→16 3×3, max-pool 2, fc 576→120→84→10,
 * MSELoss, SGD lr 0.01) for a 64-image batch and a single image, forward, backward and update
 * timed separately; on typetorch's CPU backend and the same step written with tfjs-core on
 * tfjs-backend-cpu and tfjs-backend-wasm (`train-tfjs.ts`), from typetorch's initial weights and
 * data. Plus, typetorch only, the conv/pool stack alone on a 64-image MNIST-sized batch
 * (backward of the sum) and the wider stack packages/nn's README timed (32 and 64 channels).
 * Times are process CPU time (the engines compute on one thread) unless `--wall` is given; each
 * column is the median over the steps after the warm-up. Exit code 1 if a TF.js engine's first
 * loss or any gradient norm differs from typetorch's by more than a float32 bound.
 */
import { CASES, runTypetorch, type LoopOptions } from "./train-typetorch.js";
import { crossCheck, type TrainRow } from "./train-check.js";
import { runTfjsNet, type TfjsBackend } from "./train-tfjs.js";

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const quick = process.argv.includes("--quick");
const clock = process.argv.includes("--wall") ? "wall" : "cpu";
const only = flag("--only");
const engines = (flag("--engines") ?? "typetorch,tfjs-cpu,tfjs-wasm").split(",");
const opts: LoopOptions = {
  now: clock === "cpu"
    ? (): number => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1e3;
      }
    : (): number => performance.now(),
  warmup: quick ? 1 : 3,
  minSteps: quick ? 2 : Number(flag("--steps") ?? 5),
  minSeconds: quick ? 0 : Number(flag("--seconds") ?? 3),
  lr: 0.01,
};

/** "tfjs-cpu+convgrad" (not run by default): tfjs-cpu with the custom conv gradient tfjs-wasm needs. */
const TFJS_ENGINES: readonly (readonly [string, TfjsBackend, boolean])[] = [
  ["tfjs-cpu", "cpu", false],
  ["tfjs-cpu+convgrad", "cpu", true],
  ["tfjs-wasm", "wasm", true],
];
const rows: TrainRow[] = [];
let failed = false;
for (const c of CASES) {
  if (only !== undefined && !c.id.includes(only)) continue;
  process.stderr.write(`${c.id}: typetorch …\n`);
  // typetorch always runs the first step: it provides the weights, data and reference numbers.
  const tt = runTypetorch(c, opts, engines.includes("typetorch"));
  if (tt.times !== null) rows.push({ id: c.id, engine: "typetorch", times: tt.times, check: tt.print, ratio: 1 });
  if (!c.net) continue;
  for (const [engine, backend, convGrad] of TFJS_ENGINES) {
    if (!engines.includes(engine)) continue;
    process.stderr.write(`${c.id}: ${engine} …\n`);
    const r = await runTfjsNet(backend, tt.ref, opts, convGrad);
    const check = crossCheck(tt.ref, r);
    failed ||= !check.ok;
    rows.push({ id: c.id, engine, times: r.times, check: check.text, ratio: tt.times === null ? NaN : tt.times.total / r.times.total });
  }
}
const ms = (x: number): string => x.toFixed(x < 10 ? 2 : 1);
const lines = [
  `| case (${clock === "cpu" ? "CPU" : "wall"} ms, median) | engine | forward | backward | update | full step | typetorch ÷ this | steps | check |`,
  "|---|---|---:|---:|---:|---:|---:|---:|---|",
  ...rows.map((r) =>
    `| ${r.id} | ${r.engine} | ${ms(r.times.forward)} | ${ms(r.times.backward)} | ${ms(r.times.update)} | ${ms(r.times.total)} | ${Number.isNaN(r.ratio) ? "–" : r.ratio.toFixed(2)} | ${r.times.steps} | ${r.check} |`),
];
process.stdout.write(lines.join("\n") + "\n");
if (failed) {
  process.stderr.write("a TF.js engine's first step disagrees with typetorch's (see the check column)\n");
  process.exitCode = 1;
}
