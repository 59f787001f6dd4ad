/**
 * gather and scatter, and the device-side index check they share. The check is two dispatches:
 * the first finds the first offending position in row-major order (atomicMin), the second has
 * that one invocation record the index, axis and size and raise the flag; the gather/scatter
 * kernel that follows is skipped by the guard, so the target stays untouched and the read that
 * surfaces the error throws PyTorch's IndexError text.
 */
import type { Operand, ScatterOp } from "@typetorch/tensor-core";
import { GUARD, KERNEL_HEAD, declareBindings, type GpuContext } from "../context.js";
import { vclass } from "../wgsl/dtypes.js";
import { bind, offsetCode } from "./layout.js";
import { runMap } from "./map.js";

export const ERR_INDEX = 2;

export function checkIndices(ctx: GpuContext, index: Operand, size: number, axis: number): void {
  const extra = [size, axis] as const;
  runMap(ctx, {
    op: "check:index1", out: null, ins: [index], check: true, extra,
    stmt: ([v]) => `if (atomicLoad(&errs[0]) == 0u && ((${v}).y != 0u || (${v}).x >= prm[2])) { atomicMin(&errs[1], i); }`,
  });
  runMap(ctx, {
    op: "check:index2", out: null, ins: [index], check: true, extra,
    stmt: ([v]) => `if (atomicLoad(&errs[0]) == 0u && atomicLoad(&errs[1]) == i) {
    atomicStore(&errs[2], (${v}).x); atomicStore(&errs[3], (${v}).y); atomicStore(&errs[4], prm[3]); atomicStore(&errs[5], prm[2]);
    atomicStore(&errs[0], ${ERR_INDEX}u);
  }`,
  });
}

/** out[p] = a[p with p[axis] = index[p]] (indices already checked, or known valid). */
export function gatherUnchecked(ctx: GpuContext, out: Operand, a: Operand, index: Operand, axis: number): void {
  const aFlat = { ...a, shape: out.shape, strides: a.strides.map((s, d) => (d === axis ? 0 : s)) };
  runMap(ctx, {
    op: "gather", out, ins: [index, aFlat], noLoads: true, extra: [a.strides[axis] as number, 0],
    stmt: () => "st(o0, ld1(o2 + ld0(o1).x * prm[2]));",
  });
}

export function gather(ctx: GpuContext, out: Operand, a: Operand, index: Operand, axis: number): void {
  checkIndices(ctx, index, a.shape[axis] as number, axis);
  gatherUnchecked(ctx, out, a, index, axis);
}

function combine(op: ScatterOp, out: Operand): (old: string, v: string) => string {
  const c = vclass(out.dtype);
  if (op === "assign") return (_o, v) => v;
  if (out.dtype === "bool") return op === "add" || op === "amax" ? (o, v) => `${o} | ${v}` : (o, v) => `${o} & ${v}`;
  if (c === "i64") {
    if (op === "add") return (o, v) => `add64(${o}, ${v})`;
    if (op === "mul") return (o, v) => `mul64(${o}, ${v})`;
    return op === "amax" ? (o, v) => `select(${o}, ${v}, lt64(${o}, ${v}))` : (o, v) => `select(${o}, ${v}, lt64(${v}, ${o}))`;
  }
  if (c === "f64") {
    if (op === "add") return (o, v) => `f64_add(${o}, ${v})`;
    if (op === "mul") return (o, v) => `f64_mul(${o}, ${v})`;
    const wins = (o: string, v: string): string => (op === "amax" ? `f64_lt(${o}, ${v})` : `f64_lt(${v}, ${o})`);
    // x !== x ? x : v !== v || v beats x ? v : x, as the CPU
    return (o, v) => `select(select(${o}, ${v}, f64_isnan(${v}) || ${wins(o, v)}), ${o}, f64_isnan(${o}))`;
  }
  if (c === "i32") {
    if (op === "add") return (o, v) => `${o} + ${v}`;
    if (op === "mul") return (o, v) => `${o} * ${v}`;
  }
  if (op === "mul") return (o, v) => `fmul(${o}, ${v})`;
  if (c === "i32") return op === "amax" ? (o, v) => `max(${o}, ${v})` : (o, v) => `min(${o}, ${v})`;
  if (op === "add") return (o, v) => `fadd(${o}, ${v})`;
  const better = (o: string, v: string): string => (op === "amax" ? `flt(${o}, ${v})` : `flt(${v}, ${o})`);
  return (o, v) => `select(select(${o}, ${v}, isnan32(${v}) || ${better(o, v)}), ${o}, isnan32(${o}))`;
}

/**
 * One invocation per lane of `index` (its positions with the axis coordinate dropped), walking
 * the axis in order: lanes write disjoint elements of out, and within a lane the row-major
 * order of the CPU is kept (the last duplicate wins for assign).
 */
export function scatter(ctx: GpuContext, op: ScatterOp, out: Operand, index: Operand, src: Operand, axis: number): void {
  checkIndices(ctx, index, out.shape[axis] as number, axis);
  const kept = index.shape.map((_, d) => d).filter((d) => d !== axis);
  const rk = kept.length;
  const lanes = kept.reduce((n, d) => n * (index.shape[d] as number), 1);
  const count = index.shape[axis] as number;
  if (lanes === 0 || count === 0) return;
  const prm = new Uint32Array(7 + 4 * rk + 2);
  prm.set([lanes, 0, count, out.strides[axis] as number, out.offset, index.offset, src.offset]);
  kept.forEach((d, k) => {
    prm[7 + k] = index.shape[d] as number;
    prm[7 + rk + k] = out.strides[d] as number;
    prm[7 + 2 * rk + k] = index.strides[d] as number;
    prm[7 + 3 * rk + k] = src.strides[d] as number;
  });
  prm[7 + 4 * rk] = index.strides[axis] as number;
  prm[8 + 4 * rk] = src.strides[axis] as number;
  const bound = bind(out, [index, src, out], true, declareBindings);
  const f = combine(op, out);
  const pipeline = ctx.pipeline(`scatter|${op}|${out.dtype}|k${rk}|${bound.pattern}`, () => `${bound.decls}
${KERNEL_HEAD()}
  ${GUARD}
  ${offsetCode(rk, 3, 4, 7, 7 + rk)}
  let si = prm[${7 + 4 * rk}u]; let ss = prm[${8 + 4 * rk}u];
  for (var k = 0u; k < prm[2]; k++) {
    let t = o0 + ld0(o1 + k * si).x * prm[3];
    st(t, ${f("ld2(t)", "ld1(o2 + k * ss)")});
  }
}`);
  ctx.dispatch(pipeline, bound.bindings, prm, lanes, true);
}
