/**
 * `nn.Parameter`: a leaf tensor that requires grad and that `Module` registers when assigned.
 *
 * PyTorch makes Parameter a Tensor subclass. Here every tensor is made by tensor-core's ops with
 * `new Tensor(...)`, so a subclass instance could not come out of `.to()`, `.data = ...` or a
 * state-dict copy. Instead a Parameter *is* a plain Tensor — a detached alias of the data, as
 * PyTorch's `_make_subclass` makes it — recorded in a WeakSet; `Parameter` is callable with or
 * without `new`, and `x instanceof nn.Parameter` / `nn.isParameter(x)` consult that set.
 */
import { Tensor, empty } from "@typetorch/tensor-core";

const parameters = new WeakSet<Tensor>();

/** A Parameter is a Tensor (the type only documents intent). */
export type Parameter = Tensor;

export interface ParameterConstructor {
  /** `new nn.Parameter(t)` / `nn.Parameter(t, false)`: PyTorch's `nn.Parameter(data, requires_grad)`. */
  new (data?: Tensor, requiresGrad?: boolean): Parameter;
  (data?: Tensor, requiresGrad?: boolean): Parameter;
  [Symbol.hasInstance](x: unknown): boolean;
}

function makeParameter(data?: Tensor, requiresGrad = true): Parameter {
  // PyTorch's Parameter() with no data is an empty float tensor.
  const p = (data ?? empty(0)).detach();
  p.requiresGrad_(requiresGrad);
  parameters.add(p);
  // PyTorch prints "Parameter containing:" above the tensor.
  Object.defineProperty(p, "toString", {
    value: () => `Parameter containing:\n${Tensor.prototype.toString.call(p)}`,
    enumerable: false,
    configurable: true,
    writable: true,
  });
  return p;
}

export const Parameter: ParameterConstructor = Object.defineProperty(
  function Parameter(data?: Tensor, requiresGrad?: boolean): Parameter {
    return makeParameter(data, requiresGrad);
  },
  Symbol.hasInstance,
  { value: (x: unknown): boolean => isParameter(x) },
) as unknown as ParameterConstructor;

/** Is `x` a Parameter (made by `nn.Parameter`)? PyTorch's `isinstance(x, nn.Parameter)`. */
export function isParameter(x: unknown): x is Parameter {
  return x instanceof Tensor && parameters.has(x);
}
