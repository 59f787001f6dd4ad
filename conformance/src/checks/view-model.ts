/**
 * An independent model of PyTorch's view arithmetic: each view op maps (shape, strides, offset)
 * to the view's, written from PyTorch's documented rules rather than from tensor-core's code.
 */
export interface ViewState {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** A view op with its arguments drawn as raw numbers, interpreted modulo the current rank. */
export type ViewStep =
  | { readonly op: "transpose"; readonly a: number; readonly b: number }
  | { readonly op: "permute"; readonly keys: readonly number[] }
  | { readonly op: "unsqueeze"; readonly a: number }
  | { readonly op: "squeeze"; readonly a: number }
  | { readonly op: "squeezeAll" }
  | { readonly op: "expand"; readonly lead: number; readonly sizes: readonly number[] }
  | { readonly op: "flatten"; readonly a: number; readonly b: number }
  | { readonly op: "view"; readonly keys: readonly number[] };

export const contiguousStrides = (shape: readonly number[]): number[] => {
  const s = shape.map(() => 1);
  for (let d = shape.length - 2; d >= 0; d--) s[d] = (s[d + 1] as number) * Math.max(1, shape[d + 1] as number);
  return s;
};
const isStandardContiguous = (v: ViewState): boolean =>
  contiguousStrides(v.shape).every((s, i) => s === v.strides[i]);

/** Applies a step; returns null when it does not apply (the chain then skips it). */
export function applyStep(v: ViewState, step: ViewStep): { state: ViewState; text: string } | null {
  const n = v.shape.length;
  switch (step.op) {
    case "transpose": {
      if (n === 0) return null;
      const a = step.a % n;
      const b = step.b % n;
      const shape = v.shape.slice();
      const strides = v.strides.slice();
      [shape[a], shape[b]] = [shape[b] as number, shape[a] as number];
      [strides[a], strides[b]] = [strides[b] as number, strides[a] as number];
      return { state: { shape, strides, offset: v.offset }, text: `transpose(${a}, ${b})` };
    }
    case "permute": {
      const perm = v.shape.map((_, i) => i).sort((x, y) => (step.keys[x] ?? 0) - (step.keys[y] ?? 0) || x - y);
      return {
        state: { shape: perm.map((p) => v.shape[p] as number), strides: perm.map((p) => v.strides[p] as number), offset: v.offset },
        text: `permute(${perm.join(", ")})`,
      };
    }
    case "unsqueeze": {
      if (n >= 5) return null;
      const a = step.a % (n + 1);
      // the new axis's stride is the stride that would step over the axis it precedes
      const stride = a >= n ? 1 : (v.shape[a] as number) * (v.strides[a] as number);
      const shape = [...v.shape.slice(0, a), 1, ...v.shape.slice(a)];
      const strides = [...v.strides.slice(0, a), stride, ...v.strides.slice(a)];
      return { state: { shape, strides, offset: v.offset }, text: `unsqueeze(${a})` };
    }
    case "squeeze": {
      if (n === 0) return null;
      const a = step.a % n;
      if (v.shape[a] !== 1) return { state: v, text: `squeeze(${a}) (no-op: size ${v.shape[a]})` };
      return {
        state: { shape: v.shape.filter((_, i) => i !== a), strides: v.strides.filter((_, i) => i !== a), offset: v.offset },
        text: `squeeze(${a})`,
      };
    }
    case "squeezeAll":
      return {
        state: { shape: v.shape.filter((s) => s !== 1), strides: v.strides.filter((_, i) => v.shape[i] !== 1), offset: v.offset },
        text: "squeeze()",
      };
    case "expand": {
      const lead = Math.min(step.lead, 5 - n);
      const target = [
        ...Array.from({ length: lead }, (_, i) => 1 + ((step.sizes[i] ?? 0) % 3)),
        ...v.shape.map((s, i) => (s === 1 ? 1 + ((step.sizes[lead + i] ?? 0) % 3) : s)),
      ];
      const strides = target.map((t, i) => {
        if (i < lead) return 0;
        const s = v.shape[i - lead] as number;
        return s === t ? (v.strides[i - lead] as number) : 0; // an expanded size-1 axis gets stride 0
      });
      return { state: { shape: target, strides, offset: v.offset }, text: `expand([${target.join(", ")}])` };
    }
    case "flatten": {
      if (!isStandardContiguous(v) || n === 0) return null;
      let a = step.a % n;
      let b = step.b % n;
      if (a > b) [a, b] = [b, a];
      const merged = v.shape.slice(a, b + 1).reduce((x, y) => x * y, 1);
      const shape = [...v.shape.slice(0, a), merged, ...v.shape.slice(b + 1)];
      return { state: { shape, strides: contiguousStrides(shape), offset: v.offset }, text: `flatten(${a}, ${b})` };
    }
    case "view": {
      if (!isStandardContiguous(v) || n === 0) return null; // 0-dim views: see the zero-dim check
      // regroup the same elements: split the flat size into the factors the keys pick
      const numel = v.shape.reduce((x, y) => x * y, 1);
      const shape: number[] = [];
      let rest = numel;
      for (const k of step.keys.slice(0, 4)) {
        const f = [2, 3, 1][k % 3] as number;
        if (rest > 0 && rest % f === 0 && f > 1) {
          shape.push(f);
          rest /= f;
        }
      }
      shape.push(rest);
      return { state: { shape, strides: contiguousStrides(shape), offset: v.offset }, text: `view([${shape.join(", ")}])` };
    }
  }
}
