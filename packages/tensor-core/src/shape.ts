/** Shape and stride arithmetic shared by every op. Pure functions on number arrays. */
import { IndexError, RuntimeError, TorchTypeError } from "./errors.js";

export type Shape = readonly number[];

export function numel(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Row-major strides in elements; size-0 and size-1 dims get the stride PyTorch gives them. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i] as number, 1);
  }
  return strides;
}

/** PyTorch's is_contiguous: dims of size 1 may have any stride; empty tensors are contiguous. */
export function isContiguousLayout(shape: Shape, strides: Shape): boolean {
  if (shape.includes(0)) return true;
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const size = shape[i] as number;
    if (size !== 1) {
      if (strides[i] !== expected) return false;
      expected *= size;
    }
  }
  return true;
}

/** Wraps a possibly negative dim; PyTorch's "Dimension out of range" error otherwise. */
export function normalizeDim(dim: number, rank: number): number {
  if (!Number.isInteger(dim)) throw new TorchTypeError(`dim must be an integer, got ${dim}`);
  const r = Math.max(rank, 1); // a 0-dim tensor accepts dims -1 and 0, as in PyTorch
  if (dim < -r || dim >= r) {
    throw new IndexError(`Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + r : dim;
}

/** Broadcasts shapes by PyTorch's (NumPy's) rule, with PyTorch's error text. */
export function broadcastShapes(...shapes: Shape[]): number[] {
  let rank = 0;
  for (const s of shapes) rank = Math.max(rank, s.length);
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const o = rank - s.length + i;
      const a = out[o] as number;
      const b = s[i] as number;
      if (a === b || b === 1) continue;
      if (a === 1) out[o] = b;
      else {
        throw new RuntimeError(
          `The size of tensor a (${a}) must match the size of tensor b (${b}) at non-singleton dimension ${o}`,
        );
      }
    }
  }
  return out;
}

/** Strides that view `shape`/`strides` as `target` by broadcasting: new and size-1 dims get stride 0. */
export function broadcastStrides(shape: Shape, strides: Shape, target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const lead = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) {
    const size = shape[i] as number;
    const t = target[lead + i] as number;
    if (size === t) out[lead + i] = strides[i] as number;
    else if (size !== 1) {
      throw new RuntimeError(
        `The expanded size of the tensor (${t}) must match the existing size (${size}) at non-singleton dimension ${lead + i}.  Target sizes: [${target.join(", ")}].  Tensor sizes: [${shape.join(", ")}]`,
      );
    }
  }
  return out;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Accepts PyTorch's size forms: `f(2, 3)`, `f([2, 3])`, `f()` (0-dim). Validates each size. */
export function parseSize(args: readonly unknown[], op: string): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  return list.map((s) => {
    if (typeof s !== "number" || !Number.isInteger(s)) {
      throw new TorchTypeError(`${op}(): argument 'size' must be a sequence of integers, but got ${String(s)}`);
    }
    if (s < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${s}: [${list.join(", ")}]`);
    return s;
  });
}

export const formatShape = (s: Shape): string => `[${s.join(", ")}]`;
