/**
 * reduce, argReduce and scan: one invocation per output "lane" (the elements that differ only in
 * the reduced axes), looping over the lane in order. Sequential accumulation keeps the results
 * deterministic and within the suite's accumulation bound (n · u · Σ|terms|); float64 accumulates in
 * software binary64 in the CPU backend's order, so its sums and products are bit-exact.
 */
import type { ArgReduceOp, Operand, ReduceOp, ScanOp } from "@typetorch/tensor-core";
import { GUARD, KERNEL_HEAD, declareBindings, type GpuContext } from "../context.js";
import { vclass } from "../wgsl/dtypes.js";
import { accumulator } from "./accumulate.js";
import { bind, offsetCode } from "./layout.js";

/** prm: [lanes, chunk, count, 0, offOut, offA, kept shape (rk), out/a kept strides (2·rk), red shape (rr), a red strides (rr), out red strides (rr)]. */
function laneParams(out: Operand, a: Operand, axes: readonly number[]): { prm: Uint32Array; rk: number; rr: number; lanes: number; count: number } {
  const kept = a.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const rk = kept.length;
  const rr = axes.length;
  const lanes = kept.reduce((n, d) => n * (a.shape[d] as number), 1);
  const count = axes.reduce((n, d) => n * (a.shape[d] as number), 1);
  const prm = new Uint32Array(6 + 3 * rk + 3 * rr);
  prm.set([lanes, 0, count, 0, out.offset, a.offset]);
  let p = 6;
  for (const d of kept) prm[p++] = a.shape[d] as number;
  for (const d of kept) prm[p++] = out.strides[d] as number;
  for (const d of kept) prm[p++] = a.strides[d] as number;
  for (const d of axes) prm[p++] = a.shape[d] as number;
  for (const d of axes) prm[p++] = a.strides[d] as number;
  for (const d of axes) prm[p++] = out.strides[d] as number;
  return { prm, rk, rr, lanes, count };
}

/** WGSL: `oa`/`oo` = offsets of reduced index `j` within the lane, for a and out. */
function reducedOffsets(rk: number, rr: number): string {
  const base = 6 + 3 * rk;
  const lines = ["var r = j; var oa = o1; var oo = o0;"];
  for (let d = rr - 1; d >= 0; d--) {
    lines.push(`{ let s = prm[${base + d}u]; let c = r % s; r = r / s; oa += c * prm[${base + rr + d}u]; oo += c * prm[${base + 2 * rr + d}u]; }`);
  }
  return lines.join("\n    ");
}

function runLanes(ctx: GpuContext, key: string, out: Operand, a: Operand, axes: readonly number[], body: (rk: number, rr: number) => string): void {
  const { prm, rk, rr, lanes } = laneParams(out, a, axes);
  if (lanes === 0) return;
  const bound = bind(out, [a], true, declareBindings);
  const pipeline = ctx.pipeline(`lanes|${key}|${out.dtype},${a.dtype}|k${rk}r${rr}|${bound.pattern}`, () => `${bound.decls}
${KERNEL_HEAD()}
  ${GUARD}
  ${offsetCode(rk, 2, 4, 6, 6 + rk)}
  ${body(rk, rr)}
}`);
  ctx.dispatch(pipeline, bound.bindings, prm, lanes, true);
}

export function reduce(ctx: GpuContext, op: ReduceOp, out: Operand, a: Operand, axes: readonly number[]): void {
  const acc = accumulator(op, a.dtype);
  const cast = op === "all" || op === "any" || vclass(a.dtype) !== "i32" || acc.type !== "i32" ? "acc" : "acc";
  runLanes(ctx, `reduce:${op}`, out, a, [...axes].sort((x, y) => x - y), (rk, rr) => `var acc: ${acc.type} = ${acc.init};
  for (var j = 0u; j < prm[2]; j++) {
    ${reducedOffsets(rk, rr)}
    let v = ld0(oa);
    acc = ${acc.step("acc", "v")};
  }
  st(o0, ${cast});`);
}

export function scan(ctx: GpuContext, op: ScanOp, out: Operand, a: Operand, axis: number): void {
  const acc = accumulator(op, a.dtype);
  runLanes(ctx, `scan:${op}`, out, a, [axis], (rk, rr) => `var acc: ${acc.type} = ${acc.init};
  for (var j = 0u; j < prm[2]; j++) {
    ${reducedOffsets(rk, rr)}
    acc = ${acc.step("acc", "ld0(oa)")};
    st(oo, acc);
  }`);
}

export function argReduce(ctx: GpuContext, op: ArgReduceOp, out: Operand, a: Operand, axis: number): void {
  const c = vclass(a.dtype);
  const cmp = op === "argmax" ? ">" : "<";
  const better =
    c === "f32"
      ? `!isnan32(best) && (isnan32(v) || ${op === "argmax" ? "flt(best, v)" : "flt(v, best)"})`
      : c === "f64"
        ? `!f64_isnan(best) && (f64_isnan(v) || ${op === "argmax" ? "f64_lt(best, v)" : "f64_lt(v, best)"})`
      : c === "i64"
        ? op === "argmax" ? "lt64(best, v)" : "lt64(v, best)"
        : `v ${cmp} best`;
  runLanes(ctx, `arg:${op}`, out, a, [axis], (rk, rr) => `var best = ld0(o1); var bi = 0u;
  for (var j = 1u; j < prm[2]; j++) {
    ${reducedOffsets(rk, rr)}
    let v = ld0(oa);
    if (${better}) { best = v; bi = j; }
  }
  st(o0, vec2u(bi, 0u));`);
}
