/**
 * The shape of a derivative rule, and the context its backward receives. Rules themselves live
 * in one table, `formulas.ts`.
 */
import type { OpCall, Scalar, Tensor } from "@typetorch/tensor-core";

/** What a rule keeps for its backward; saved tensors are version-checked when unpacked. */
export type Saves = "none" | "inputs" | "output" | "both";

export interface Ctx {
  readonly attrs: Readonly<Record<string, unknown>>;
  /** Shapes of the tensor inputs at the time of the call. */
  readonly shapes: readonly (readonly number[])[];
  /** Saved tensor input i (needs `saves` "inputs" or "both"). */
  x(i?: number): Tensor;
  /** The saved output (needs `saves` "output" or "both"). */
  out(): Tensor;
  /** The `indices` of an op returning `{ values, indices }` (sort, topk, kthvalue). */
  indices(): Tensor;
}

export interface Rule {
  /** PyTorch's node name ("MulBackward0"), possibly depending on the call's form. */
  readonly name: string | ((attrs: Readonly<Record<string, unknown>>, inputs: number) => string);
  readonly saves: Saves;
  /** true for ops whose output views the input's storage (in-place on the output rebases). */
  readonly view?: boolean;
  /**
   * The node's inputs as PyTorch lists them (`nextFunctions`): for each, the index of the tensor
   * input, or null for an operand PyTorch wraps as a tensor that needs no grad (`x.mul(2)` has two).
   * Default: the tensor inputs in order.
   */
  readonly slots?: (attrs: Readonly<Record<string, unknown>>, inputs: number) => readonly (number | null)[];
  /** One gradient per tensor input (null or undefined: none). */
  backward(g: Tensor, c: Ctx): readonly (Tensor | null | undefined)[];
}

/**
 * An entry of the table: a rule; "composite" (the op's inner ops record themselves);
 * "nondifferentiable" (outputs never require grad); or an in-place op differentiated by the
 * rule of its out-of-place form.
 */
export type Entry<Base extends string = string> =
  | Rule
  | "composite"
  | "nondifferentiable"
  | { readonly inplaceOf: Base };

export type { OpCall, Scalar };
