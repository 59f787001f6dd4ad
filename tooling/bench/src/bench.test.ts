// A smoke test, not a timing test: the harness runs end to end in --quick mode and every library
// computes the same numbers, so the benchmark compares like with like. No assertion on speed.
import { describe, expect, it } from "vitest";
import { formatReport, relDiff, runBench } from "./run.js";
import { makeData } from "./cases.js";

describe("bench harness", () => {
  it("runs --quick on all three engines and their outputs agree", async () => {
    const report = await runBench({ quick: true });
    expect(report.engines.map((e) => e.name)).toEqual(["typetorch", "tfjs-cpu", "tfjs-wasm"]);
    expect(report.rows.map((r) => r.bench.op)).toEqual(["matmul", "matmul", "add", "exp", "sum", "transpose", "add", "add", "transpose"]);
    for (const row of report.rows) {
      expect(row.cells).toHaveLength(3);
      for (const cell of row.cells) {
        expect(cell.diff, `${row.bench.id}`).toBeLessThanOrEqual(row.bench.tol);
        expect(Number.isFinite(cell.value) && cell.value > 0).toBe(true);
      }
    }
    const matmul = report.rows.filter((r) => r.bench.op === "matmul");
    for (const row of matmul) for (const cell of row.cells) expect(cell.diff).toBeLessThanOrEqual(1e-4);
    expect(formatReport(report)).toContain("| matmul 64×64 | GFLOP/s |");
  });

  it("relDiff is normwise and NaN-aware", () => {
    const ref = new Float32Array([1, -2, 4]);
    expect(relDiff(ref, ref)).toBe(0);
    expect(relDiff(new Float32Array([1, -2, 4.004]), ref)).toBeCloseTo(1e-3, 6);
    expect(relDiff(new Float32Array([1, NaN, 4]), ref)).toBeNaN();
    expect(relDiff(new Float32Array(2), ref)).toBe(Infinity);
  });

  it("makeData is deterministic and in range", () => {
    const a = makeData(1000, -1, 7);
    expect(makeData(1000, -1, 7)).toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a)).toBeLessThan(1);
  });
});
