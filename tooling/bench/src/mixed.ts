/**
 * `node dist/mixed.js [--quick] [--wall]` — does float32 keep its speed once a program has used other
 * dtypes? In one process: time float32 add / exp / sum / transposed copy while only float32 has
 * run, then push every dtype through the kernels (Engine.mixDtypes), then time the same calls
 * again. Prints one markdown table; the exit code is 1 if any case lost more than half its speed
 * (`--quick` sizes only smoke-test the script: their numbers mean little). Times are process CPU
 time unless `--wall` is given.
 */
import { fullCases, makeData, quickCases, score, type BenchCase } from "./cases.js";
import type { Input, Kernel } from "./engine.js";
import { measure, type MeasureOptions } from "./measure.js";
import { typetorchEngine } from "./typetorch-engine.js";

const quick = process.argv.includes("--quick");
const clock = process.argv.includes("--wall") ? "wall" : "cpu"; // CPU time: steadier on a shared machine
const timing: MeasureOptions = quick
  ? { warmup: 1, warmupSeconds: 0.01, minSeconds: 0.01, minSamples: 2, maxSamples: 5, inner: 1 }
  : { warmup: 5, warmupSeconds: 0.5, minSeconds: 1, minSamples: 5, maxSamples: 400, inner: 1, clock };
const wanted = ["add", "exp", "sum", "transpose"];
const cases: BenchCase[] = (quick ? quickCases : fullCases).filter(
  (c) => c.mixed !== true && c.unit === "GB/s" && wanted.includes(c.op) && !(c.op !== "sum" && c.shapes[0]![0]! > 1e6),
);

const engine = typetorchEngine();
const kernels: Kernel[] = cases.map((c) =>
  engine.kernel(c.op, c.shapes.map((shape, k): Input => ({ shape, data: makeData(shape.reduce((a, b) => a * b, 1), c.lo, 12345 + 777 * k) }))),
);
const time = (): number[] => kernels.map((k, i) => score(cases[i]!, measure(() => k.run(), timing).seconds));

const fresh = time();
engine.mixDtypes();
const mixed = time();
for (const k of kernels) k.dispose();

const lines = ["| case | unit | float32 only | after every dtype | ratio |", "|---|---|---:|---:|---:|"];
let worst = Infinity;
cases.forEach((c, i) => {
  const r = mixed[i]! / fresh[i]!;
  worst = Math.min(worst, r);
  lines.push(`| ${c.id} | ${c.unit} | ${fresh[i]!.toPrecision(3)} | ${mixed[i]!.toPrecision(3)} | ${r.toFixed(2)} |`);
});
process.stdout.write(lines.join("\n") + "\n");
if (!quick && worst < 0.5) {
  process.stderr.write(`a float32 kernel lost ${((1 - worst) * 100).toFixed(0)}% of its speed after other dtypes ran\n`);
  process.exitCode = 1;
}
