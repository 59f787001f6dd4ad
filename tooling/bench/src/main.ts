/**
 * `pnpm bench` — typetorch's CPU backend beside tfjs-backend-cpu and tfjs-backend-wasm.
 * Flags: --quick (tiny sizes, smoke run), --only <text> (cases whose name contains text),
 * --engines <text> (engines whose name contains text; useful under `node --cpu-prof`),
 * --clock cpu (time by process CPU time instead of wall time: steadier on a shared machine).
 */
import { formatReport, runBench } from "./run.js";

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const only = flag("--only");
const engines = flag("--engines");
const clock = flag("--clock") === "cpu" ? "cpu" : "wall";
const report = await runBench({
  quick: process.argv.includes("--quick"),
  ...(only !== undefined ? { only } : {}),
  ...(engines !== undefined ? { engines } : {}),
  clock,
  log: (line) => process.stderr.write(line + "\n"),
});
process.stdout.write(formatReport(report) + "\n");
const bad = report.rows.filter((r) => r.cells.some((c) => !(c.diff <= r.bench.tol)));
if (bad.length > 0) {
  process.stderr.write(`results disagree on: ${bad.map((r) => r.bench.id).join(", ")}\n`);
  process.exitCode = 1;
}
