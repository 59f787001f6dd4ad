/**
 * `defaultCollate` (PyTorch's `default_collate`): a list of samples → one batch, by the type of
 * the first sample, recursively:
 * - Tensor → `torch.stack(batch, 0)` (a new leading batch dimension);
 * - numbers → int64 when every number is an integer, else float64 (PyTorch: an `int` batch gives
 *   int64, a `float` batch float64; JavaScript cannot tell `1.0` from `1`, so a float batch whose
 *   values happen to be integral comes out int64 — write tensors, or a `collateFn`, to choose);
 *   bigints → int64; booleans → bool;
 * - a TypedArray (PyTorch's NumPy array) → a tensor of its dtype per sample, stacked;
 * - strings → the list of strings, unchanged;
 * - arrays (PyTorch's lists and tuples) → an array of the collated columns (lengths must agree);
 * - plain objects (PyTorch's dicts) → an object of the collated values, key by key;
 * - anything else → PyTorch's TypeError.
 */
import { RuntimeError, Tensor, TorchTypeError, stack, tensor } from "@typetorch/tensor-core";

type Typed = Int8Array | Uint8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array;

/** What `defaultCollate` makes of a batch of `T`s (the type of each loader batch). */
export type Collated<T> = T extends Tensor
  ? Tensor
  : T extends number | bigint | boolean | Typed
    ? Tensor
    : T extends string
      ? string[]
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Collated<T[K]> }
        : T extends object
          ? { -readonly [K in keyof T]: Collated<T[K]> }
          : never;

const ERR = "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found ";

/** PyTorch's `type(x)` spelling for the error; JS null and undefined play Python's None. */
function pyType(x: unknown): string {
  if (x === null || x === undefined) return "<class 'NoneType'>";
  if (typeof x === "object") return `<class '${(x as object).constructor?.name ?? "object"}'>`;
  return `<class '${typeof x}'>`;
}

export const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === "object" && [Object.prototype, null].includes(Object.getPrototypeOf(x) as object | null);

const isTyped = (x: unknown): x is Typed => ArrayBuffer.isView(x) && !(x instanceof DataView);

/**
 * Collates a batch of samples (see the module comment for the rules).
 * @example defaultCollate([[torch.tensor([1.5]), 0], [torch.tensor([2.5]), 1]])  // [tensor([[1.5], [2.5]]), tensor([0, 1])]
 * @example defaultCollate([{ a: 1, b: "x" }, { a: 2, b: "y" }])                    // { a: tensor([1, 2]), b: ["x", "y"] }
 */
export function defaultCollate<T>(batch: readonly T[]): Collated<T> {
  return collate(batch) as Collated<T>;
}

function collate(batch: readonly unknown[]): unknown {
  if (batch.length === 0) throw new RuntimeError("default_collate: cannot collate an empty batch");
  const elem = batch[0];
  if (elem instanceof Tensor) {
    const i = batch.findIndex((b) => !(b instanceof Tensor));
    if (i >= 0) throw new TorchTypeError(`expected Tensor as element ${i} in argument 0, but got ${typeof batch[i]}`);
    return stack(batch as Tensor[], 0);
  }
  if (typeof elem === "number") {
    const ints = batch.every((b) => Number.isInteger(b));
    return tensor(batch as number[], { dtype: ints ? "int64" : "float64" });
  }
  if (typeof elem === "bigint") return tensor(batch as bigint[], { dtype: "int64" });
  if (typeof elem === "boolean") return tensor(batch as boolean[], { dtype: "bool" });
  if (typeof elem === "string") return [...batch];
  if (isTyped(elem)) return collate(batch.map((b) => tensor(b as Typed)));
  if (Array.isArray(elem)) {
    const size = elem.length;
    if (!batch.every((b) => Array.isArray(b) && b.length === size)) {
      throw new RuntimeError("each element in list of batch should be of equal size");
    }
    return elem.map((_, j) => collate(batch.map((b) => (b as unknown[])[j])));
  }
  if (isPlainObject(elem)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(elem)) {
      const missing = batch.findIndex((b) => !isPlainObject(b) || !(key in b));
      // PyTorch raises KeyError: 'key'; typetorch names the key and the sample.
      if (missing >= 0) throw new RuntimeError(`default_collate: key '${key}' is missing from element ${missing} of the batch`);
      out[key] = collate(batch.map((b) => (b as Record<string, unknown>)[key]));
    }
    return out;
  }
  throw new TorchTypeError(ERR + pyType(elem));
}

/**
 * `defaultConvert` (PyTorch's `default_convert`, the collate function when `batchSize` is null):
 * TypedArrays become tensors, arrays and plain objects are converted element-wise, anything
 * else is returned unchanged.
 */
export function defaultConvert(data: unknown): unknown {
  if (isTyped(data)) return tensor(data);
  if (Array.isArray(data)) return data.map(defaultConvert);
  if (isPlainObject(data)) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, defaultConvert(v)]));
  return data;
}
