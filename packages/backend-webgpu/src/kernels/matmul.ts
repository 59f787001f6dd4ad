/**
 * Batched matmul: one invocation per output element, a K loop with a float32 accumulator for
 * float32/float16/bfloat16 (16-bit floats round once, on store), a software binary64 one in the
 * CPU's sequential k order for float64 (bit-exact), wrapping integer arithmetic, int64 through
 * lib-int64. Plain loops: on SwiftShader, workgroup tiling with barriers measured slower
 * (TOOLCHAIN.md), and strides are read in place so transposed operands cost nothing extra.
 */
import type { Operand } from "@typetorch/tensor-core";
import { DeviceError } from "@typetorch/tensor-core";
import { GUARD, KERNEL_HEAD, declareBindings, type GpuContext } from "../context.js";
import { vclass } from "../wgsl/dtypes.js";
import { bind, offsetCode } from "./layout.js";

export function matmul(ctx: GpuContext, out: Operand, a: Operand, b: Operand): void {
  const rank = out.shape.length;
  const numel = out.shape.reduce((x, y) => x * y, 1);
  if (numel === 0) return;
  const K = a.shape[rank - 1] as number;
  const c = vclass(a.dtype);
  if (a.dtype === "bool") throw new DeviceError(`webgpu: matmul is not defined for ${a.dtype}`);
  const [type, zero, fma] =
    c === "f32" ? ["f32", "0.0", (s: string, x: string, y: string) => `${s} + ${x} * ${y}`]
    // float64: the product rounded, then the sum rounded (no fused multiply-add), as the CPU's loop
    : c === "f64" ? ["vec2u", "vec2u(0u)", (s: string, x: string, y: string) => `f64_add(${s}, f64_mul(${x}, ${y}))`]
    : c === "i64" ? ["vec2u", "vec2u(0u)", (s: string, x: string, y: string) => `add64(${s}, mul64(${x}, ${y}))`]
    : ["i32", "0i", (s: string, x: string, y: string) => `${s} + ${x} * ${y}`];
  const bound = bind(out, [a, b], true, declareBindings);
  // prm: [numel, chunk, K, 0, offsets(3), shape(rank), strides out/a/b (3·rank), a k-stride, b k-stride]
  const prm = new Uint32Array(7 + 4 * rank + 2);
  prm.set([numel, 0, K, 0, out.offset, a.offset, b.offset]);
  out.shape.forEach((s, d) => (prm[7 + d] = s));
  // a's column index is n's position (set to 0) and b's row index is m's position (set to 0):
  // the K loop walks a's last dim and b's second-to-last dim instead.
  const aStr = a.strides.map((s, d) => (d === rank - 1 ? 0 : s));
  const bStr = b.strides.map((s, d) => (d === rank - 2 ? 0 : s));
  [out.strides, aStr, bStr].forEach((st, k) => st.forEach((s, d) => (prm[7 + rank + k * rank + d] = s)));
  prm[7 + 4 * rank] = a.strides[rank - 1] as number;
  prm[8 + 4 * rank] = b.strides[rank - 2] as number;
  const pipeline = ctx.pipeline(`matmul|${a.dtype},${out.dtype}|r${rank}|${bound.pattern}`, () => `${bound.decls}
${KERNEL_HEAD()}
  ${GUARD}
  ${offsetCode(rank, 3, 4, 7, 7 + rank)}
  var acc: ${type} = ${zero};
  let sa = prm[${7 + 4 * rank}u]; let sb = prm[${8 + 4 * rank}u];
  for (var k = 0u; k < prm[2]; k++) {
    acc = ${fma("acc", "ld0(o1 + k * sa)", "ld1(o2 + k * sb)")};
  }
  st(o0, acc);
}`);
  ctx.dispatch(pipeline, bound.bindings, prm, numel, true);
}
