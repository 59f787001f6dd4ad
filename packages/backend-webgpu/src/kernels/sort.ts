/**
 * sort: one invocation per lane sorts the lane's positions into `indices` by insertion (stable
 * in both directions: an element moves only past strictly greater ones, or strictly smaller ones
 * when descending), then `values` is a gather of `a` by those indices (exact bits). NaN sorts
 * last ascending and first descending, −0 equals +0, int64 compares exactly. O(n²) per lane:
 * the backend sends lanes longer than SORT_MAX_LANE to the host (README: "Hardest primitives").
 */
import type { Operand } from "@typetorch/tensor-core";
import { GUARD, KERNEL_HEAD, declareBindings, type GpuContext } from "../context.js";
import { vclass } from "../wgsl/dtypes.js";
import { gatherUnchecked } from "./indexing.js";
import { bind, offsetCode } from "./layout.js";

export const SORT_MAX_LANE = 2048;

/** WGSL: whether `x` must come after `y` (strictly). */
function after(a: Operand, descending: boolean): (x: string, y: string) => string {
  const c = vclass(a.dtype);
  if (c === "f32")
    return (x, y) => {
      const [u, v] = descending ? [y, x] : [x, y];
      return `select(flt(${v}, ${u}), !isnan32(${v}), isnan32(${u}))`;
    };
  if (c === "i64") return (x, y) => (descending ? `lt64(${x}, ${y})` : `lt64(${y}, ${x})`);
  return (x, y) => (descending ? `${x} < ${y}` : `${x} > ${y}`);
}

export function sort(ctx: GpuContext, values: Operand, indices: Operand, a: Operand, axis: number, descending: boolean): void {
  const n = a.shape[axis] as number;
  const kept = a.shape.map((_, d) => d).filter((d) => d !== axis);
  const rk = kept.length;
  const lanes = kept.reduce((m, d) => m * (a.shape[d] as number), 1);
  if (lanes === 0 || n === 0) return;
  const prm = new Uint32Array(6 + 3 * rk + 2);
  prm.set([lanes, 0, n, 0, indices.offset, a.offset]);
  kept.forEach((d, k) => {
    prm[6 + k] = a.shape[d] as number;
    prm[6 + rk + k] = indices.strides[d] as number;
    prm[6 + 2 * rk + k] = a.strides[d] as number;
  });
  prm[6 + 3 * rk] = indices.strides[axis] as number;
  prm[7 + 3 * rk] = a.strides[axis] as number;
  const bound = bind(indices, [a, indices], true, declareBindings);
  const gt = after(a, descending);
  const pipeline = ctx.pipeline(`sort|${a.dtype}|${descending ? "d" : "a"}|k${rk}|${bound.pattern}`, () => `${bound.decls}
${KERNEL_HEAD()}
  ${GUARD}
  ${offsetCode(rk, 2, 4, 6, 6 + rk)}
  let sI = prm[${6 + 3 * rk}u]; let sA = prm[${7 + 3 * rk}u]; let n = prm[2];
  for (var k = 0u; k < n; k++) { st(o0 + k * sI, vec2u(k, 0u)); }
  for (var k = 1u; k < n; k++) {
    let key = ld1(o0 + k * sI).x;
    let vk = ld0(o1 + key * sA);
    var j = k;
    loop {
      if (j == 0u) { break; }
      let pj = ld1(o0 + (j - 1u) * sI).x;
      if (!(${gt(`ld0(o1 + pj * sA)`, "vk")})) { break; }
      st(o0 + j * sI, vec2u(pj, 0u));
      j = j - 1u;
    }
    st(o0 + j * sI, vec2u(key, 0u));
  }
}`);
  ctx.dispatch(pipeline, bound.bindings, prm, lanes, true);
  gatherUnchecked(ctx, values, a, indices, axis);
}
