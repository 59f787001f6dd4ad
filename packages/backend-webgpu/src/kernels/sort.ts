/**
 * sort, entirely on the device, for every dtype and lane length: a stable sort of
 * (key, position) pairs, where the key is the element's order-preserving unsigned integer
 * (`sort-keys.ts`: NaN last, −0 = +0, descending = inverted key). Then `values` receives the
 * source elements' storage bits at the sorted positions, and `indices` the positions (int64).
 *
 * - Short lanes (n ≤ SORT_RANK_MAX): one pass. Each invocation owns one element and counts the
 *   elements that sort before it — smaller keys, and equal keys at earlier positions (that tie
 *   rule is the stability) — which is its output position: O(n) per element, all in parallel,
 *   and it writes `values` and `indices` directly.
 * - Longer lanes: a bottom-up merge sort over scratch buffers, one dispatch per pass. The first
 *   pass ranks runs of RUN elements as above into scratch (keys, positions); each merge pass
 *   doubles the run width, every element finding its place in the merged run by a binary search
 *   in the neighbouring run ("merge by rank": the left run counts strictly smaller keys of the
 *   right run, the right run counts smaller-or-equal keys of the left run, which keeps equal keys
 *   in position order); a last pass gathers the values. O(n log² n) work in ⌈log₂(n/RUN)⌉ + 2
 *   dispatches of one invocation per element.
 * Lanes are processed in groups whose scratch fits a binding (and a modest memory budget).
 */
import { contiguousStrides, type Operand } from "@typetorch/tensor-core";
import { GUARD, KERNEL_HEAD, declareBindings, type Binding, type GpuBuffer, type GpuContext } from "../context.js";
import { isSubword, loaderFn, storerFn } from "../wgsl/dtypes.js";
import { copy } from "./elementwise.js";
import { gpuBuffer, offsetCode } from "./layout.js";
import { keyLoad, keyStore, keyType, keyWgsl, keyWords, rawDtype } from "./sort-keys.js";

/** Lanes up to this length are sorted by one rank pass. */
export const SORT_RANK_MAX = 32;
/** Run length ranked by the first pass of the merge sort. */
const RUN = 16;
/** Elements per lane group (bounds the scratch memory: 2 × (key + position) words each). */
const GROUP_ELEMENTS = 1 << 20;

/**
 * prm: [invocations, chunk, n, first lane of the group, merge width, offV, offI, offA,
 * kept shape (rk), kept strides of V, I, A (3·rk), axis strides sV, sI, sA].
 */
function prologue(rk: number): string {
  const at = 8 + 4 * rk;
  return `let n = prm[2]; let l = i / n; let k = i - l * n;
  ${offsetCode(rk, 3, 5, 8, 8 + rk, "(prm[3] + l)")}
  let sV = prm[${at}u]; let sI = prm[${at + 1}u]; let sA = prm[${at + 2}u];`;
}

/** WGSL: `r` = how many elements of the lane in [j0, j1) sort before element k. */
const rankLoop = (j0: string, j1: string): string => `let kk = skey(ldv(o2 + k * sA));
  var r = 0u;
  for (var j = ${j0}; j < ${j1}; j++) {
    let kj = skey(ldv(o2 + j * sA));
    if (select(sk_lt(kj, kk), !sk_lt(kk, kj), j < k)) { r++; }
  }`;

const rw = (buffer: GPUBuffer, atomic = false): Binding => ({ buffer, rw: true, atomic });
const ro = (buffer: GPUBuffer): Binding => ({ buffer, rw: false, atomic: false });

export function sort(ctx: GpuContext, values: Operand, indices: Operand, source: Operand, axis: number, descending: boolean): void {
  const shape = source.shape;
  const n = shape.length === 0 ? 1 : (shape[axis] as number);
  const kept = shape.map((_, d) => d).filter((d) => d !== axis);
  const rk = kept.length;
  const lanes = kept.reduce((m, d) => m * (shape[d] as number), 1);
  if (lanes === 0 || n === 0) return;
  // The passes read the source while the outputs are written: an aliased source is copied first.
  let a = source;
  let copied: GpuBuffer | null = null;
  const src = gpuBuffer(source);
  if (src === gpuBuffer(values) || src === gpuBuffer(indices)) {
    copied = ctx.alloc(source.dtype, lanes * n);
    a = { buffer: copied, dtype: source.dtype, shape, strides: contiguousStrides(shape), offset: 0 };
    copy(ctx, a, source);
  }
  const dir = descending ? "d" : "a";
  const prm = new Uint32Array(8 + 4 * rk + 3);
  prm.set([0, 0, n, 0, 0, values.offset, indices.offset, a.offset]);
  const axisStride = (o: Operand): number => (shape.length === 0 ? 0 : (o.strides[axis] as number));
  kept.forEach((d, j) => {
    prm[8 + j] = shape[d] as number;
    prm[8 + rk + j] = values.strides[d] as number;
    prm[8 + 2 * rk + j] = indices.strides[d] as number;
    prm[8 + 3 * rk + j] = a.strides[d] as number;
  });
  prm.set([axisStride(values), axisStride(indices), axisStride(a)], 8 + 4 * rk);

  const vBuf = gpuBuffer(values).buffer;
  const iBuf = gpuBuffer(indices).buffer;
  const aBuf = gpuBuffer(a).buffer;
  const raw = rawDtype(a.dtype);
  const ldv = loaderFn("ldv", raw, 2, false);
  const stores = `${storerFn("stv", rawDtype(values.dtype), 0)}\n${storerFn("sti", "int64", 1)}`;
  const outs = [rw(vBuf, isSubword(values.dtype)), rw(iBuf)];
  const run = (pipeline: GPUComputePipeline, bindings: Binding[], first: number, count: number, width = 0): void => {
    prm[0] = count * n;
    prm[3] = first;
    prm[4] = width;
    ctx.dispatch(pipeline, bindings, prm, count * n, true);
  };

  if (n <= SORT_RANK_MAX) {
    const bindings = [...outs, ro(aBuf)];
    const pipeline = ctx.pipeline(`sort:rank|${a.dtype},${values.dtype}|${dir}|k${rk}`, () => `${declareBindings(bindings, true)}
${keyWgsl(a.dtype, descending)}
${ldv}
${stores}
${KERNEL_HEAD()}
  ${GUARD}
  ${prologue(rk)}
  ${rankLoop("0u", "n")}
  stv(o0 + r * sV, ldv(o2 + k * sA));
  sti(o1 + r * sI, vec2u(k, 0u));
}`);
    run(pipeline, bindings, 0, lanes);
  } else {
    mergeSort();
  }
  if (copied) ctx.free(copied);

  function mergeSort(): void {
    const kw = keyWords(a.dtype);
    const group = Math.max(1, Math.min(lanes, Math.floor(Math.min(GROUP_ELEMENTS, ctx.device.limits.maxStorageBufferBindingSize / (4 * kw)) / n)));
    const scratch = [0, 1].map(() => ({ k: ctx.alloc("int32", group * n * kw), p: ctx.alloc("int32", group * n) }));
    const [x, y] = scratch as [{ k: GpuBuffer; p: GpuBuffer }, { k: GpuBuffer; p: GpuBuffer }];
    const blockBindings = (t: typeof x): Binding[] => [rw(t.k.buffer), rw(t.p.buffer), ro(aBuf)];
    const mergeBindings = (f: typeof x, t: typeof x): Binding[] => [ro(f.k.buffer), ro(f.p.buffer), rw(t.k.buffer), rw(t.p.buffer)];
    const emitBindings = (f: typeof x): Binding[] => [...outs, ro(aBuf), ro(f.p.buffer)];
    const block = ctx.pipeline(`sort:block|${a.dtype}|${dir}|k${rk}|r${RUN}`, () => `${declareBindings(blockBindings(x), true)}
${keyWgsl(a.dtype, descending)}
${ldv}
${KERNEL_HEAD()}
  ${GUARD}
  ${prologue(rk)}
  let j0 = k - k % ${RUN}u;
  ${rankLoop("j0", `min(j0 + ${RUN}u, n)`)}
  let e = l * n + j0 + r;
  ${keyStore(a.dtype, 0, "e", "kk")}
  b1[e] = k;
}`);
    const merge = ctx.pipeline(`sort:merge|w${kw}`, () => `${declareBindings(mergeBindings(x, y), true)}
${keyType(kw)}
${KERNEL_HEAD()}
  ${GUARD}
  let n = prm[2]; let l = i / n; let k = i - l * n; let base = l * n;
  let w = prm[4]; let q = k / w; let s0 = q * w; let left = (q & 1u) == 0u;
  var ps = min(s0 + w, n); var pe = min(s0 + 2u * w, n);
  if (!left) { ps = s0 - w; pe = s0; }
  let kk = ${keyLoad(a.dtype, 0, "base + k")};
  var lo = 0u; var hi = pe - ps;
  loop {
    if (lo >= hi) { break; }
    let mid = (lo + hi) >> 1u;
    let km = ${keyLoad(a.dtype, 0, "base + ps + mid")};
    if (select(!sk_lt(kk, km), sk_lt(km, kk), left)) { lo = mid + 1u; } else { hi = mid; }
  }
  let e = base + min(s0, ps) + (k - s0) + lo;
  ${keyStore(a.dtype, 2, "e", "kk")}
  b3[e] = b1[base + k];
}`);
    const emit = ctx.pipeline(`sort:emit|${a.dtype},${values.dtype}|k${rk}`, () => `${declareBindings(emitBindings(x), true)}
${ldv}
${stores}
${KERNEL_HEAD()}
  ${GUARD}
  ${prologue(rk)}
  let p = b3[l * n + k];
  stv(o0 + k * sV, ldv(o2 + p * sA));
  sti(o1 + k * sI, vec2u(p, 0u));
}`);
    for (let first = 0; first < lanes; first += group) {
      const count = Math.min(group, lanes - first);
      let [from, to] = [x, y];
      run(block, blockBindings(from), first, count);
      for (let width = RUN; width < n; width *= 2) {
        run(merge, mergeBindings(from, to), first, count, width);
        [from, to] = [to, from];
      }
      run(emit, emitBindings(from), first, count);
    }
    for (const t of scratch) {
      ctx.free(t.k);
      ctx.free(t.p);
    }
  }
}
