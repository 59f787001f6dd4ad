/**
 * `torch.autograd.Function`: user-defined ops with a hand-written backward.
 *
 *   class Exp extends torch.autograd.Function {
 *     static forward(ctx: FunctionCtx, x: Tensor) { const y = x.exp(); ctx.saveForBackward(y); return y; }
 *     static backward(ctx: FunctionCtx, g: Tensor) { const [y] = ctx.savedTensors; return g.mul(y as Tensor); }
 *   }
 *   const y = Exp.apply(x); // y.gradFn.name() === "ExpBackward"
 *
 * As PyTorch 1.13: forward runs with grad mode off; when grad mode is on and a tensor argument
 * requires grad, every differentiable tensor output gets one node (`<Class>Backward`, one output
 * per forward output), whose backward calls the class's `backward` with one gradient per output
 * and expects one gradient per forward argument. The node is an ordinary graph node: hooks,
 * retainGrad, `torch.autograd.grad` and createGraph (double backward) work through it.
 */
import type { Tensor } from "@typetorch/tensor-core";
import { RuntimeError, Tensor as TensorClass, isFloatingPoint, zeros } from "@typetorch/tensor-core";
import { mode, noGrad } from "./grad-mode.js";
import { Node, Saved, edgeOf, meta } from "./node.js";
import type { Edge, InputMeta } from "./node.js";
import { attach } from "./record.js";
import { copySlices } from "./views.js";

const isTensor = (v: unknown): v is Tensor => v instanceof TensorClass;
const metaOf = (t: Tensor): InputMeta => ({ shape: t.shape, dtype: t.dtype, device: t.device });

/**
 * PyTorch's `ctx`: what forward hands to backward. Extra state goes in `saved` (PyTorch code sets
 * arbitrary attributes, `ctx.degree = 3`; here `ctx.saved.degree = 3`, typed by the parameter
 * `S`). Tensors go through `saveForBackward`, which guards them against in-place changes.
 */
export class FunctionCtx<S extends object = Record<string, unknown>> {
  /** Non-tensor state for backward (PyTorch's ad-hoc ctx attributes). */
  saved: S = {} as S;
  /** Per forward argument: whether it is a tensor that requires grad (PyTorch's `needs_input_grad`). */
  readonly needsInputGrad: readonly boolean[];
  /** @internal */ toSave: readonly (Tensor | null | undefined)[] = [];
  /** @internal */ dirty: Set<Tensor> = new Set();
  /** @internal */ nonDifferentiable: Set<Tensor> = new Set();
  /** @internal */ materializeGrads = true;
  /** @internal */ node: FunctionNode | null = null;

  constructor(args: readonly unknown[]) {
    this.needsInputGrad = args.map((a) => isTensor(a) && a.requiresGrad);
  }

  /** Keeps tensors (inputs or outputs; null allowed) for backward, checked against in-place changes. */
  saveForBackward(...tensors: (Tensor | null | undefined)[]): void {
    this.toSave = tensors;
  }

  /** The tensors given to `saveForBackward`; throws if one was changed in place since, or if freed. */
  get savedTensors(): (Tensor | null)[] {
    const node = this.node;
    if (node === null) return this.toSave.map((t) => t ?? null);
    return node.unpackSaved();
  }

  /** Declares inputs that forward modified in place (they must be returned as outputs). */
  markDirty(...tensors: Tensor[]): void {
    this.dirty = new Set(tensors);
  }

  /** Declares outputs that get no gradient (indices, masks): they do not require grad. */
  markNonDifferentiable(...tensors: Tensor[]): void {
    this.nonDifferentiable = new Set(tensors);
  }

  /** false: backward receives null for outputs no gradient reached (default: zeros). */
  setMaterializeGrads(value: boolean): void {
    this.materializeGrads = value;
  }
}

/** What a forward output was, for the gradients backward receives: a tensor's geometry or none. */
type OutputInfo = InputMeta | null;

/** The node of one `apply`: its backward is the class's static `backward`. */
export class FunctionNode extends Node {
  constructor(
    name: string,
    edges: readonly (Edge | null)[],
    inputs: readonly InputMeta[],
    /** The `ctx` forward and backward share (PyTorch's grad_fn is the ctx). */
    readonly ctx: FunctionCtx<object>,
    private readonly backwardFn: BackwardOf,
    /** Per forward argument: its index among the node's inputs (tensor arguments), or null. */
    private readonly argSlots: readonly (number | null)[],
    private readonly outputs: readonly OutputInfo[],
    saved: (Saved | undefined)[],
  ) {
    super(name, edges, inputs, () => [], saved);
  }

  /** `ctx.savedTensors` once the graph is built: each saved tensor, version-checked. */
  unpackSaved(): (Tensor | null)[] {
    return this.ctx.toSave.map((t, i) => (t === null || t === undefined ? null : this.savedTensor(i)));
  }

  override apply(grad: Tensor): readonly (Tensor | null | undefined)[] {
    return this.applyAll([grad]);
  }

  override applyAll(grads: readonly (Tensor | undefined)[]): readonly (Tensor | null | undefined)[] {
    const gradOutputs = this.outputs.map((o, k) => {
      const g = grads[k];
      if (g !== undefined) return g;
      return o !== null && this.ctx.materializeGrads ? zeros(o.shape, { dtype: o.dtype, device: o.device }) : null;
    });
    const result = (this.backwardFn as (c: FunctionCtx<object>, ...g: (Tensor | null)[]) => unknown)(this.ctx, ...gradOutputs);
    const list: readonly unknown[] = Array.isArray(result) ? result : [result];
    const n = this.argSlots.length;
    if (list.length < n || list.slice(n).some((g) => g !== null && g !== undefined)) {
      throw new RuntimeError(`function ${this.name()} returned an incorrect number of gradients (expected ${n}, got ${list.length})`);
    }
    const out: (Tensor | null)[] = this.next.map(() => null);
    this.argSlots.forEach((slot, i) => {
      const g = list[i];
      if (g === null || g === undefined) return;
      if (slot === null) {
        throw new RuntimeError(
          `function ${this.name()} returned a gradient different than None at position ${i + 1}, but the corresponding forward input was not a Variable`,
        );
      }
      if (!isTensor(g)) throw new RuntimeError(`function ${this.name()} returned a non-Tensor gradient at position ${i + 1}`);
      out[slot] = g;
    });
    return out;
  }
}

/** The static side of a Function subclass (what `apply` needs of `this`). */
type ForwardOf = (ctx: never, ...args: never[]) => unknown;
// Gradients are tensors unless setMaterializeGrads(false), so backward may declare `g: Tensor`.
type BackwardOf = (ctx: never, ...grads: never[]) => unknown;
interface FunctionClass {
  readonly name: string;
  forward: ForwardOf;
  backward: BackwardOf;
}
type ArgsOf<F> = F extends (ctx: never, ...args: infer A) => unknown ? A : never;

/**
 * Base class of custom autograd functions: subclass it with static `forward(ctx, ...args)` and
 * `backward(ctx, ...gradOutputs)`, call `Sub.apply(...args)`.
 */
export class Function {
  static apply<F extends FunctionClass>(this: F, ...args: ArgsOf<F["forward"]>): ReturnType<F["forward"]> {
    return applyFunction(this, args) as ReturnType<F["forward"]>;
  }
}

function applyFunction(cls: FunctionClass, args: readonly unknown[]): unknown {
  const ctx = new FunctionCtx(args);
  const tensorArgs = args.filter(isTensor);
  const executable = mode.enabled && mode.below === 0 && tensorArgs.some((t) => t.requiresGrad);
  // The inputs' histories before forward: a dirty input's old history is what its gradient feeds.
  const edges = executable ? tensorArgs.map((t) => edgeOf(t)) : [];
  const inputMetas = tensorArgs.map(metaOf);
  const raw = noGrad(() => (cls.forward as (c: FunctionCtx, ...a: readonly unknown[]) => unknown)(ctx, ...args));
  const many = Array.isArray(raw);
  const outs: unknown[] = many ? [...(raw as unknown[])] : [raw];
  for (const d of ctx.dirty) {
    if (!outs.includes(d)) throw new RuntimeError("Some elements marked as dirty during the forward method were not returned as output. The inputs that are modified inplace must all be outputs of the Function.");
    d._versionCounter.value++; // PyTorch bumps a dirty tensor's version once more
  }
  if (!executable) {
    // Without a graph, PyTorch still hands back inputs (dirty ones too) as views of themselves.
    const plain = outs.map((o) => (isTensor(o) && tensorArgs.includes(o) ? aliasOf(o) : o));
    return many ? plain : plain[0];
  }

  let slot = 0;
  const argSlots = args.map((a) => (isTensor(a) ? slot++ : null));
  const outputs: OutputInfo[] = outs.map((o) => (isTensor(o) ? metaOf(o) : null));
  const saved: (Saved | undefined)[] = [];
  const name = `${cls.name}Backward`;
  const node = new FunctionNode(name, edges, inputMetas, ctx, cls.backward, argSlots, outputs, saved);
  ctx.node = node;
  outs.forEach((o, k) => {
    if (!isTensor(o)) return;
    const isInput = tensorArgs.includes(o);
    if (ctx.dirty.has(o)) {
      rebaseDirty(o, node, k, tensorArgs.indexOf(o));
      return;
    }
    // An input returned unchanged becomes a view of it, so that the input keeps its own history.
    const out = isInput ? aliasOf(o) : o;
    outs[k] = out;
    if (ctx.nonDifferentiable.has(o) || !isFloatingPoint(out.dtype)) return;
    delete meta(out).noGradView; // made in forward under no_grad, but the Function owns it
    attach(out, node, k);
  });
  // Saved after the outputs are wired, so a saved output refers to this node and a dirty input's
  // bumped version is the one expected.
  ctx.toSave.forEach((t, i) => {
    if (t === null || t === undefined) return;
    const k = outs.indexOf(t);
    const asOutput = k >= 0 ? (outs[k] as Tensor) : null;
    saved[i] = asOutput !== null && asOutput.gradFn === node
      ? new Saved(asOutput, () => name, node)
      : new Saved(t, () => t.gradFn?.name() ?? null);
  });
  return many ? outs : outs[0];
}

/** `x` returned as-is from forward: PyTorch hands back `x.view_as(x)`. */
function aliasOf(x: Tensor): Tensor {
  const v = x._view(x.shape, x.stride(), x.storageOffset());
  const m = meta(v);
  m.base = meta(x).base ?? x;
  m.viewVersion = v._version;
  return v;
}

/**
 * An input forward modified in place (`markDirty`): it takes the new node as its history, or — a
 * view — its base takes a CopySlices node around it, as a built-in in-place op would.
 */
function rebaseDirty(t: Tensor, node: FunctionNode, outputNr: number, inputNr: number): void {
  const base = meta(t).base;
  if (t.isLeaf && t.requiresGrad) throw new RuntimeError("a leaf Variable that requires grad has been used in an in-place operation.");
  if (base !== undefined && base.isLeaf && base.requiresGrad) {
    throw new RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.");
  }
  if (base === undefined) {
    attach(t, node, outputNr);
    return;
  }
  // CopySlices differentiates "self" as its node's input 0 and output 0: a node that puts this
  // input first and feeds its gradient to this output (backward is linear in its gradients).
  const order = [inputNr, ...node.next.map((_, i) => i).filter((i) => i !== inputNr)];
  const outputsGrads = (g: Tensor): Tensor[] => Object.assign([], { [outputNr]: g }) as Tensor[];
  const view = new Node(node.name(), order.map((i) => node.next[i] ?? null), order.map((i) => node.inputs[i] as InputMeta), (g) => {
    const grads = node.applyAll(outputsGrads(g));
    return order.map((i) => grads[i]);
  });
  copySlices(base, t, view);
}

/**
 * PyTorch's `@once_differentiable`: backward runs without recording; if a graph is being built
 * (createGraph) through gradients that require grad, the results carry a node that refuses a
 * second differentiation. Use as `static backward = onceDifferentiable((ctx, g) => ...)`.
 */
export function onceDifferentiable<C, G extends (Tensor | null)[], R>(backward: (ctx: C, ...grads: G) => R): (ctx: C, ...grads: G) => R {
  return (ctx, ...grads) => {
    const result = noGrad(() => backward(ctx, ...grads));
    const live = grads.filter((g): g is Tensor => isTensor(g) && g.requiresGrad);
    if (!mode.enabled || live.length === 0) return result;
    const guard = (r: unknown): unknown => {
      if (!isTensor(r) || !isFloatingPoint(r.dtype)) return r;
      const out = noGrad(() => r.detach());
      attach(out, new Node("torch::autograd::Error", live.map((g) => edgeOf(g)), live.map(metaOf), () => {
        throw new RuntimeError("trying to differentiate twice a function that was marked with @once_differentiable");
      }));
      return out;
    };
    return (Array.isArray(result) ? result.map(guard) : guard(result)) as R;
  };
}
