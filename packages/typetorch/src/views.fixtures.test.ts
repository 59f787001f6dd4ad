// Replays tooling/fixtures/data/views.json (PyTorch 1.13, gen_views_joining.py): every chain of
// view ops must give PyTorch's shape, strides, storage offset, contiguity, storage sharing and
// values — or PyTorch's exception class and message.
import { describe, expect, it } from "vitest";
import * as torch from "./index.js";
import fixture from "../../../tooling/fixtures/data/views.json" with { type: "json" };

type Arg = number | number[];
type Op = [string, ...Arg[]];
interface Described {
  shape: number[];
  stride: number[];
  offset: number;
  contiguous: boolean;
  /** null when the base is empty: PyTorch gives it no memory, so sharing is unobservable. */
  shares: boolean | null;
  values: unknown;
}
interface Case {
  id: string;
  shape: number[];
  chain: Op[];
  result?: Described;
  results?: Described[];
  error?: string;
  message?: string;
}

const n = (a: Arg | undefined): number => a as number;
const list = (a: Arg | undefined): number[] => a as number[];

/** One op of a chain, spelled the typetorch way. */
function apply(x: torch.Tensor, [name, ...a]: Op): torch.Tensor | torch.Tensor[] {
  switch (name) {
    case "view": return x.view(list(a[0]));
    case "reshape": return x.reshape(list(a[0]));
    case "transpose": return x.transpose(n(a[0]), n(a[1]));
    case "swapaxes": return x.swapaxes(n(a[0]), n(a[1]));
    case "permute": return x.permute(list(a[0]));
    case "T": return x.T;
    case "mT": return x.mT;
    case "t": return x.t();
    case "squeeze": return a.length === 0 ? x.squeeze() : x.squeeze(a[0]);
    case "unsqueeze": return x.unsqueeze(n(a[0]));
    case "expand": return x.expand(list(a[0]));
    case "expandAs": return x.expandAs(torch.zeros(list(a[0])));
    case "broadcastTo": return torch.broadcastTo(x, list(a[0]));
    case "narrow": return x.narrow(n(a[0]), n(a[1]), n(a[2]));
    case "select": return x.select(n(a[0]), n(a[1]));
    case "unfold": return x.unfold(n(a[0]), n(a[1]), n(a[2]));
    case "flatten": return x.flatten(a[0] as number | undefined, a[1] as number | undefined);
    case "unflatten": return x.unflatten(n(a[0]), list(a[1]));
    case "diagonal": return x.diagonal(a[0] as number | undefined, a[1] as number | undefined, a[2] as number | undefined);
    case "movedim": return x.movedim(a[0] as Arg, a[1] as Arg);
    case "unbind": return x.unbind(n(a[0]));
    case "split": return x.split(a[0] as Arg, n(a[1]));
    case "chunk": return x.chunk(n(a[0]), n(a[1]));
    case "detach": return x.detach();
    case "contiguous": return x.contiguous();
    case "clone": return x.clone();
    case "step": {
      // Python's x[..., start::step] on dim d, made of views typetorch has without indexing.
      const [d, start, step] = [n(a[0]), n(a[1]), n(a[2])];
      return x.narrow(d, start, x.size(d) - start).unfold(d, 1, step).select(-1, 0);
    }
    default: throw new Error(`unknown op ${name}`);
  }
}

function check(t: torch.Tensor, want: Described, base: torch.Tensor): void {
  expect({
    shape: t.shape,
    stride: t.stride(),
    offset: t.storageOffset(),
    contiguous: t.isContiguous(),
    shares: want.shares === null ? null : t.sharesStorage(base),
    values: t.tolist(),
  }).toEqual(want);
}

const cases = fixture.cases as unknown as Case[];

describe("views replay PyTorch 1.13 (tooling/fixtures/data/views.json)", () => {
  it("has at least 150 cases", () => expect(cases.length).toBeGreaterThanOrEqual(150));
  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const base = torch.arange(c.shape.reduce((p, s) => p * s, 1)).reshape(c.shape);
    const run = (): torch.Tensor | torch.Tensor[] => {
      let y: torch.Tensor | torch.Tensor[] = base;
      for (const op of c.chain) y = apply(y as torch.Tensor, op);
      return y;
    };
    if (c.error !== undefined) {
      expect(run).toThrow(expect.objectContaining({ name: c.error, message: c.message }));
      return;
    }
    const y = run();
    if (c.results) {
      expect(Array.isArray(y)).toBe(true);
      const ys = y as torch.Tensor[];
      expect(ys.length).toBe(c.results.length);
      ys.forEach((t, i) => check(t, c.results![i] as Described, base));
    } else check(y as torch.Tensor, c.result!, base);
  });
});
