// Shared by the tutorial tests: the outputs PyTorch 1.13 recorded for each snippet
// (tooling/fixtures/gen_tutorials.py → data/tutorials.json), and small formatting helpers.
import { expect } from "vitest";
import type * as torch from "typetorch";
import fixture from "../../../../tooling/fixtures/data/tutorials.json" with { type: "json" };

export type Out = string | number | boolean;
export const snippets = fixture.snippets as Record<string, Record<string, Out>>;

/**
 * A per-file tracker over one fixture's snippets (default: data/tutorials.json), so each file can
 * assert it ported every recorded snippet of its theme.
 */
export function recorder<T = Out>(
  recorded: Record<string, Record<string, T>> = snippets as Record<string, Record<string, T>>,
): { snippet: (id: string) => (name: string) => T; used: Set<string> } {
  const used = new Set<string>();
  /** The outputs PyTorch recorded for one snippet: `py("data1")`. */
  const snippet = (id: string): ((name: string) => T) => {
    const outs = recorded[id];
    if (!outs) throw new Error(`no recorded snippet ${id}`);
    used.add(id);
    return (name) => {
      if (!(name in outs)) throw new Error(`snippet ${id} recorded no output ${name}`);
      return outs[name] as T;
    };
  };
  return { snippet, used };
}

/** Python's `str(x.dtype)`. */
export const dtype = (x: torch.Tensor): string => `torch.${x.dtype}`;
/** Python's `str(x.shape)`. */
export const size = (shape: readonly number[]): string => `torch.Size([${shape.join(", ")}])`;

/** Asserts fn throws PyTorch's exception: recorded as "RuntimeError: message". */
export function throwsLike(fn: () => unknown, recorded: Out): void {
  const [kind, ...rest] = String(recorded).split(": ");
  expect(fn).toThrow(expect.objectContaining({ name: kind, message: rest.join(": ") }));
}
