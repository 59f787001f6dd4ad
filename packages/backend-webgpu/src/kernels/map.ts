/**
 * The one elementwise kernel generator: copy/cast, fill, unary, binary, where and the
 * zero-divisor check are all "for each output index, load the operands at their strided
 * offsets, compute one expression, store". Source is generated per op, dtypes, rank and
 * binding pattern, and cached as a pipeline under that key.
 */
import type { Operand } from "@typetorch/tensor-core";
import { GUARD, KERNEL_HEAD, declareBindings, type GpuContext } from "../context.js";
import { PADDED_RANK, bind, coalesce, offsetCode, padRank } from "./layout.js";

export interface MapJob {
  /** Cache-key prefix naming the op, e.g. "binary:add". */
  readonly op: string;
  readonly out: Operand | null;
  readonly ins: readonly Operand[];
  /** The stored value, from the loaded inputs `v0..`, in the output dtype's class. */
  readonly expr?: (v: readonly string[]) => string;
  /** Or free statements (used by check kernels without an output). */
  readonly stmt?: (v: readonly string[]) => string;
  /** WGSL functions the expression needs. */
  readonly helpers?: string;
  /** Two words the kernel sees as prm[2], prm[3] (fill's value). */
  readonly extra?: readonly [number, number];
  /** A check kernel: it sets the error flags instead of storing (and is not itself skipped). */
  readonly check?: boolean;
  /** Generate no loads: `stmt` reads through `ld<j>(o<k>)` itself (gather's indirect read). */
  readonly noLoads?: boolean;
}

/** Parameters of a prepared map kernel, for composing several into one submission. */
export function runMap(ctx: GpuContext, job: MapJob): void {
  const shapeSrc = job.out ? job.out.shape : (job.ins[0] as Operand).shape;
  const numel = shapeSrc.reduce((a, b) => a * b, 1);
  if (numel === 0) return;
  const ops = job.out ? [job.out, ...job.ins] : [...job.ins];
  const merged = coalesce(shapeSrc, ops.map((o) => o.strides));
  const { shape, strides } = ops.some((o) => o.dtype === "float64") ? padRank(merged, PADDED_RANK) : merged;
  const rank = shape.length;
  const n = ops.length;
  const withErrors = true;
  const bound = bind(job.out, job.ins, withErrors, declareBindings);
  const key = `map|${job.op}|${ops.map((o) => o.dtype).join(",")}|r${rank}|${bound.pattern}|${job.check ? "c" : ""}${job.noLoads ? "n" : ""}`;
  const pipeline = ctx.pipeline(key, () => {
    const first = job.out ? 1 : 0;
    const vals = job.ins.map((_, j) => `v${j}`);
    const loads = job.noLoads ? "" : job.ins.map((_, j) => `let v${j} = ld${j}(o${j + first});`).join("\n  ");
    const body = job.expr ? `st(o0, ${job.expr(vals)});` : (job.stmt as (v: readonly string[]) => string)(vals);
    return `${bound.decls}
${job.helpers ?? ""}
${KERNEL_HEAD()}
  ${job.check ? "" : GUARD}
  ${offsetCode(rank, n, 4, 4 + n, 4 + n + rank)}
  ${loads}
  ${body}
}`;
  });
  const prm = new Uint32Array(4 + n + rank + n * rank);
  prm[0] = numel;
  prm[2] = job.extra?.[0] ?? 0;
  prm[3] = job.extra?.[1] ?? 0;
  ops.forEach((o, k) => (prm[4 + k] = o.offset));
  shape.forEach((s, d) => (prm[4 + n + d] = s));
  strides.forEach((st, k) => st.forEach((s, d) => (prm[4 + n + rank + k * rank + d] = s)));
  ctx.dispatch(pipeline, bound.bindings, prm, numel, withErrors);
}
