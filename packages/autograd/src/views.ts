/**
 * In-place ops on views (PyTorch's "rebase"): after `v.mul_(2)` where `v` views `base`, base's
 * history is base-before with v's region replaced by the op's result — a CopySlices node — and v
 * becomes a view of the new base (AsStridedBackward0). Gradients find the region by its
 * geometry (shape, strides, offset) inside base's storage.
 */
import type { Tensor } from "@typetorch/tensor-core";
import { zeros } from "@typetorch/tensor-core";
import { Node, edgeOf, meta, setViewRefresher } from "./node.js";
import type { TensorMeta } from "./node.js";
import { attach, record } from "./record.js";
import { below } from "./grad-mode.js";

interface Geometry {
  shape: readonly number[];
  strides: readonly number[];
  offset: number;
}

/** A zero tensor laid out exactly like `like` (same strides), so a view's geometry applies to it. */
function zerosLaidOutAs(like: Geometry, g: Tensor): Tensor {
  const span = like.shape.some((s) => s === 0) ? 0 : 1 + like.shape.reduce((n, s, i) => n + (s - 1) * (like.strides[i] as number), 0);
  const flat = zeros([span], { dtype: g.dtype, device: g.device });
  return flat._view(like.shape, like.strides, 0);
}

const region = (t: Tensor, v: Geometry, base: Geometry): Tensor => t._view(v.shape, v.strides, v.offset - base.offset);

/**
 * The two geometry ops gradients of in-place-on-view need, each the other's derivative, so
 * second derivatives flow through CopySlices and AsStridedBackward0 too.
 */
function takeRegion(g: Tensor, v: Geometry, b: Geometry): Tensor {
  const out = below(() => {
    const dense = zerosLaidOutAs(b, g);
    dense.copy_(g);
    return region(dense, v, b).clone();
  });
  return record("AsStridedBackward0", [g], out, (gg) => [putRegion(gg, v, b)]);
}
function putRegion(t: Tensor, v: Geometry, b: Geometry): Tensor {
  const out = below(() => {
    const dense = zerosLaidOutAs(b, t);
    region(dense, v, b).copy_(t);
    return dense;
  });
  return record("AsStridedScatterBackward0", [t], out, (gg) => [takeRegion(gg, v, b)]);
}

export function copySlices(base: Tensor, view: Tensor, opNode: Node): void {
  const bg: Geometry = { shape: base.shape, strides: base.stride(), offset: base.storageOffset() };
  const vg: Geometry = { shape: view.shape, strides: view.stride(), offset: view.storageOffset() };
  const baseMeta = { shape: base.shape, dtype: base.dtype, device: base.device };
  const cs = new Node("torch::autograd::CopySlices", [edgeOf(base), ...opNode.next.slice(1)], [baseMeta, ...opNode.inputs.slice(1)], (g) => {
    // g with the view's region replaced by the op's gradient for its `self` input.
    const inRegion = takeRegion(g, vg, bg);
    const grads = opNode.apply(inRegion);
    const gSelf = grads[0];
    let result = g.sub(putRegion(inRegion, vg, bg));
    if (gSelf !== null && gSelf !== undefined) result = result.add(putRegion(gSelf, vg, bg));
    return [result, ...grads.slice(1)];
  });
  attach(base, cs);
  attach(view, asStridedOf(base, view));
  meta(view).viewVersion = view._version;
}

/** The view as a function of its base's current history (PyTorch's AsStridedBackward0). */
function asStridedOf(base: Tensor, view: Tensor): Node {
  const bg: Geometry = { shape: base.shape, strides: base.stride(), offset: base.storageOffset() };
  const vg: Geometry = { shape: view.shape, strides: view.stride(), offset: view.storageOffset() };
  const baseMeta = { shape: base.shape, dtype: base.dtype, device: base.device };
  return new Node("AsStridedBackward0", [edgeOf(base)], [baseMeta], (g) => [putRegion(g, vg, bg)]);
}

/**
 * A view whose storage was written in place since its gradFn was made (through its base or a
 * sibling view) takes its base's new history, as PyTorch regenerates a view's grad_fn.
 */
setViewRefresher((view: Tensor, m: TensorMeta) => {
  m.viewVersion = view._version;
  const base = m.base as Tensor;
  if (base.gradFn === null && !base.requiresGrad) return;
  attach(view, asStridedOf(base, view));
});
