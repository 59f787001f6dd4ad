import { cpus, loadavg } from "node:os";
import type { Engine, Input } from "./engine.js";
import { type BenchCase, fullCases, fullTiming, makeData, quickCases, quickTiming, score } from "./cases.js";
import { measure } from "./measure.js";
import { typetorchEngine } from "./typetorch-engine.js";
import { tfjsEngine } from "./tfjs-engine.js";

export interface Cell {
  readonly value: number;
  readonly seconds: number;
  readonly samples: number;
  /** max |this − typetorch| / max |typetorch| over the output (0 for typetorch itself). */
  readonly diff: number;
}

export interface Row {
  readonly bench: BenchCase;
  readonly cells: readonly Cell[];
}

export interface Report {
  readonly quick: boolean;
  readonly clock: "wall" | "cpu";
  readonly date: string;
  readonly machine: string;
  readonly engines: readonly { name: string; about: string }[];
  readonly rows: readonly Row[];
  readonly elapsedSeconds: number;
}

export interface RunOptions {
  readonly quick?: boolean;
  /** Only cases whose id contains this string. */
  readonly only?: string;
  /** Only engines whose name contains this string (typetorch is always the reference when present). */
  readonly engines?: string;
  /** Time by wall clock (default) or by the process's CPU time (see MeasureOptions.clock). */
  readonly clock?: "wall" | "cpu";
  readonly log?: (line: string) => void;
}

export function relDiff(got: Float32Array, ref: Float32Array): number {
  if (got.length !== ref.length) return Infinity;
  let err = 0;
  let scale = 0;
  for (let i = 0; i < ref.length; i++) {
    const g = got[i]!;
    const r = ref[i]!;
    if (Number.isNaN(g) && Number.isNaN(r)) continue; // both NaN: they agree
    const d = Math.abs(g - r);
    if (Number.isNaN(d)) return NaN; // one side NaN: they disagree, whatever the rest says
    if (d > err) err = d;
    scale = Math.max(scale, Math.abs(ref[i]!));
  }
  return scale === 0 ? err : err / scale;
}

export async function runBench(opts: RunOptions = {}): Promise<Report> {
  const t0 = performance.now();
  // Other processes on a 2-core box distort the numbers; the report says how busy it was.
  const loadStart = loadavg()[0] ?? 0;
  const log = opts.log ?? (() => {});
  const quick = opts.quick ?? false;
  const timing = quick ? quickTiming : fullTiming;
  const all: Engine[] = [typetorchEngine(), tfjsEngine("cpu"), tfjsEngine("wasm")];
  const engines = all.filter((e) => opts.engines === undefined || e.name.includes(opts.engines));
  const about: { name: string; about: string }[] = [];
  for (const e of engines) {
    await e.activate();
    about.push({ name: e.name, about: await e.describe() });
  }
  const cases = (quick ? quickCases : fullCases).filter((c) => opts.only === undefined || c.id.includes(opts.only));
  const rows: Row[] = [];
  for (const c of cases) {
    const inputs: Input[] = c.shapes.map((shape, k) => ({
      shape,
      data: makeData(shape.reduce((a, b) => a * b, 1), c.lo, 12345 + 777 * k),
    }));
    let ref: Float32Array | null = null;
    const cells: Cell[] = [];
    for (const e of engines) {
      await e.activate();
      if (c.mixed === true) e.mixDtypes();
      const live = e.liveTensors();
      const k = e.kernel(c.op, inputs);
      // The cross-check output doubles as the first warm-up call.
      const out = await k.result();
      ref ??= out;
      const m = measure(k.run, { ...timing, inner: c.inner, clock: opts.clock ?? "wall" });
      k.dispose();
      const leaked = e.liveTensors() - live;
      if (leaked !== 0) throw new Error(`${e.name} leaked ${leaked} tensors in "${c.id}"`);
      const cell = { value: score(c, m.seconds), seconds: m.seconds, samples: m.samples, diff: relDiff(out, ref) };
      log(`${c.id.padEnd(22)} ${e.name.padEnd(16)} ${fmt(cell.value)} ${c.unit} (${m.samples} samples, diff ${cell.diff.toExponential(1)})`);
      cells.push(cell);
    }
    rows.push({ bench: c, cells });
  }
  const cpu = cpus();
  return {
    quick,
    clock: opts.clock ?? "wall",
    date: new Date().toISOString(),
    machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}, ${process.platform}-${process.arch}; 1-min load average ${loadStart.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at end`,
    engines: about,
    rows,
    elapsedSeconds: (performance.now() - t0) / 1000,
  };
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

/** A markdown table: one row per benchmark, one column per engine, then typetorch's speed relative to each other engine. */
export function formatReport(r: Report): string {
  const names = r.engines.map((e) => e.name);
  const others = names.slice(1);
  const head = ["benchmark", "unit", ...names, ...others.map((n) => `${names[0]} ÷ ${n}`)];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i < 2 ? "---" : "---:")).join("|")}|`];
  for (const row of r.rows) {
    const [tt, ...rest] = row.cells;
    const speed = (o: Cell): string => {
      if (tt === undefined) return "";
      // Typetorch's speed relative to the other engine: > 1 means typetorch is faster.
      const ratio = o.seconds / tt.seconds;
      return `${fmt(ratio)}×`;
    };
    lines.push(`| ${[row.bench.id, row.bench.unit, ...row.cells.map((c) => fmt(c.value)), ...rest.map(speed)].join(" | ")} |`);
  }
  const worst = r.rows.map((row) => {
    const d = Math.max(...row.cells.map((c) => c.diff));
    return `${row.bench.id} ${d.toExponential(1)}${d <= row.bench.tol ? "" : ` (ABOVE tolerance ${row.bench.tol})`}`;
  });
  return [
    `typetorch benchmark${r.quick ? " (--quick: smoke sizes, numbers meaningless)" : ""} — ${r.date}`,
    `machine: ${r.machine}`,
    `clock: ${r.clock === "cpu" ? "process CPU time (--clock cpu)" : "wall"}`,
    ...r.engines.map((e) => `${e.name}: ${e.about}`),
    "",
    ...lines,
    "",
    "GFLOP/s = 2N³/t; GB/s counts bytes read + written (float32); µs/op is lower-is-better. Ratios are typetorch's speed ÷ the other's (> 1 = typetorch faster). Medians.",
    "\"mixed dtypes\": the same case, timed after each engine has run small ops (add, exp, sum, casts, transposed copies, ...) on its dtypes (runs last, as it changes the process).",
    `max relative difference vs typetorch: ${worst.join("; ")}`,
    `total ${r.elapsedSeconds.toFixed(1)} s`,
  ].join("\n");
}
