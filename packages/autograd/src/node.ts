/**
 * Graph nodes. A `Node` is a tensor's `gradFn`: it maps the gradient of its output to gradients
 * of its inputs, and points at the nodes that produced those inputs (`nextFunctions`). Leaves
 * that require grad end at an `AccumulateGrad` node, which adds into `leaf.grad`.
 */
import type { DType, GradFn, GradHook, Tensor } from "@typetorch/tensor-core";
import { RuntimeError, keep } from "@typetorch/tensor-core";

/** An input of a node: the node that produced it (null: the input needs no gradient). */
export interface Edge {
  readonly node: Node;
  readonly inputNr: number;
}

/** What the engine needs to know about an input to validate the gradient flowing to it. */
export interface InputMeta {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly device: string;
}

/** Autograd's per-tensor state (Tensor._autograd). */
export interface TensorMeta {
  /** The AccumulateGrad node of a leaf (made once, so all uses of the leaf share it). */
  accumulate?: AccumulateGrad;
  /** Hooks of a leaf, run before accumulation. */
  hooks?: GradHook[];
  retains?: boolean;
  /** For a view recorded by autograd: the tensor (not itself a view) whose storage it views. */
  base?: Tensor;
  /** The version the view's gradFn was made at; an in-place write since makes it stale. */
  viewVersion?: number;
  /**
   * A view made while grad mode was off (PyTorch's creation_meta NO_GRAD_MODE / INFERENCE_MODE):
   * the mode it was made in, and whether its base required grad. Recording an in-place op on it
   * is refused (layer.ts).
   */
  noGradView?: { readonly mode: "no_grad" | "inference"; readonly baseRequiresGrad: boolean };
  /** Which output of its gradFn the tensor is (nonzero only for multi-output custom Functions). */
  outputNr?: number;
}

export function meta(t: Tensor): TensorMeta {
  return (t._autograd ??= {}) as TensorMeta;
}

export const SECOND_BACKWARD =
  "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.";

const torchType = (t: Tensor): string => {
  const names: Record<string, string> = {
    float16: "HalfTensor", bfloat16: "BFloat16Tensor", float32: "FloatTensor", float64: "DoubleTensor",
  };
  return `torch.${names[t.dtype] ?? t.dtype}`;
};

/**
 * A tensor a node saved for its backward, with the version it had then. The node holds its own
 * alias of the tensor (same storage, version counter and graph identity), kept out of any
 * `torch.tidy` scope: a graph built inside `tidy` can still run backward after it.
 */
export class Saved {
  readonly version: number;
  readonly tensor: Tensor;
  constructor(
    original: Tensor,
    /** The name of the node whose output this is, for the error text (null: a leaf). */
    readonly producer: () => string | null,
    /** The graph identity the alias takes (an op's output: the op's node). */
    gradFn: GradFn | null = original.gradFn,
  ) {
    // PyTorch's SavedVariable refuses them: their version is not tracked (inference mode never records)
    if (original._inference !== 0) {
      throw new RuntimeError(
        "Inference tensors cannot be saved for backward. To work around you can make a clone to get a normal tensor and use it in autograd.",
      );
    }
    this.version = original._version;
    // A leaf's AccumulateGrad must belong to the leaf itself, not to this alias.
    if (original.gradFn === null && original.requiresGrad) edgeOf(original);
    const alias = keep(original._view(original.shape, original.stride(), original.storageOffset()));
    alias.gradFn = gradFn;
    alias._requiresGrad = gradFn !== null || original._requiresGrad;
    alias._autograd = meta(original);
    this.tensor = alias;
  }

  unpack(): Tensor {
    const t = this.tensor;
    if (t._version !== this.version) {
      const p = this.producer();
      const what = p === null ? "" : `, which is output 0 of ${p},`;
      throw new RuntimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: [${torchType(t)} [${t.shape.join(", ")}]]${what} is at version ${t._version}; expected version ${this.version} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`,
      );
    }
    return t;
  }
}

export type BackwardFn = (grad: Tensor, node: Node) => readonly (Tensor | null | undefined)[];

/** Per output of a node: tensor hooks of that (non-leaf) output, and the tensor retaining its grad. */
export interface OutputSlot {
  readonly hooks: GradHook[];
  retained: Tensor | null;
  /**
   * retainGrad called before any hook was registered: `.grad` is the gradient before the hooks
   * (PyTorch 1.13 runs pre-hooks in registration order, all Python hooks at the first one's place).
   */
  retainsBeforeHooks?: boolean;
}

export class Node implements GradFn {
  /** One slot per output that has hooks or retains its grad (built-in nodes have one output). */
  private readonly slots: OutputSlot[] = [];
  private released = false;

  constructor(
    private readonly nodeName: string,
    readonly next: readonly (Edge | null)[],
    readonly inputs: readonly InputMeta[],
    private readonly fn: BackwardFn,
    private saved: (Saved | undefined)[] = [],
  ) {}

  name(): string {
    return this.nodeName;
  }

  slot(outputNr = 0): OutputSlot {
    return (this.slots[outputNr] ??= { hooks: [], retained: null });
  }

  existingSlot(outputNr: number): OutputSlot | undefined {
    return this.slots[outputNr];
  }

  /** Hooks on the gradient of output 0 (tensor hooks of non-leaves). */
  get preHooks(): GradHook[] {
    return this.slot(0).hooks;
  }

  /** PyTorch's `grad_fn.next_functions`: [node or null, input number] per input. */
  get nextFunctions(): (readonly [Node | null, number])[] {
    return this.next.map((e) => (e === null ? ([null, 0] as const) : ([e.node, e.inputNr] as const)));
  }

  /** Saved tensor i, checked against in-place changes and against a freed graph. */
  savedTensor(i: number): Tensor {
    if (this.released) throw new RuntimeError(SECOND_BACKWARD);
    const s = this.saved[i];
    if (s === undefined) throw new RuntimeError(`${this.nodeName}: saved tensor ${i} was not saved (a rule bug)`);
    return s.unpack();
  }

  get hasSaved(): boolean {
    return this.saved.some((s) => s !== undefined);
  }

  /** Frees the saved tensors now (a backward pass without retainGraph does this). */
  release(): void {
    if (this.saved.length > 0) {
      this.released = true;
      for (const s of this.saved) s?.tensor.dispose();
      this.saved = [];
    }
  }

  apply(grad: Tensor): readonly (Tensor | null | undefined)[] {
    return this.fn(grad, this);
  }

  /**
   * The gradients of the inputs from the gradients of the outputs (entry k: output k's, undefined
   * when none reached it). Built-in nodes have one output; custom Functions override this.
   */
  applyAll(grads: readonly (Tensor | undefined)[]): readonly (Tensor | null | undefined)[] {
    return this.apply(grads[0] as Tensor);
  }

  toString(): string {
    return `<${this.nodeName}>`;
  }
}

/** The sink of a leaf: accumulates into `leaf.grad` (a new tensor on first use, then `+=`). */
export class AccumulateGrad extends Node {
  constructor(readonly variable: Tensor) {
    super("torch::autograd::AccumulateGrad", [], [{ shape: variable.shape, dtype: variable.dtype, device: variable.device }], () => []);
  }
}

/** Re-derives a stale view's gradFn from its base (set by views.ts; see `refreshView`). */
let refreshView: (t: Tensor, m: TensorMeta) => void = () => undefined;
export function setViewRefresher(f: (t: Tensor, m: TensorMeta) => void): void {
  refreshView = f;
}

/** The edge through which a gradient reaches tensor t: its gradFn, its AccumulateGrad, or none. */
export function edgeOf(t: Tensor): Edge | null {
  const v = t._autograd as TensorMeta | undefined;
  if (v?.base !== undefined && v.viewVersion !== t._version) refreshView(t, v);
  if (t.gradFn instanceof Node) return { node: t.gradFn, inputNr: v?.outputNr ?? 0 };
  if (!t.requiresGrad) return null;
  const m = meta(t);
  m.accumulate ??= new AccumulateGrad(t);
  return { node: m.accumulate, inputNr: 0 };
}
