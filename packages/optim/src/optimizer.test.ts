// The Optimizer base as PyTorch's documentation describes it: param groups, errors, zeroGrad, step,
// addParamGroup, stateDict / loadStateDict.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import * as optim from "@typetorch/optim";
import { fixture } from "./test-utils/problem.js";

const leaf = (data: number[] = [1, 2], dtype: torch.DType = "float32"): torch.Tensor =>
  torch.tensor(data, { dtype, requiresGrad: true });
type Ctor = new (params: optim.Params<Record<string, unknown>>, options?: Record<string, unknown>) => optim.Optimizer;

/** The generator spells NaN and ±inf as "nan", "inf", "-inf" (fixture_common.float_token). */
const TOKENS: Record<string, number> = { nan: NaN, inf: Infinity, "-inf": -Infinity };
const decode = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "string" && v in TOKENS ? TOKENS[v] : v]));

describe("errors (PyTorch's messages)", () => {
  for (const c of fixture.errors) {
    it(`${c.optimizer}(${JSON.stringify(c.options)}) → ${c.error}`, () => {
      const Opt = (optim as unknown as Record<string, Ctor>)[c.optimizer] as Ctor;
      let got = "OK";
      try {
        new Opt([leaf()], decode(c.options));
      } catch (e) {
        expect(e).toBeInstanceOf(torch.ValueError);
        got = `${(e as Error).name}: ${(e as Error).message}`;
      }
      expect(got).toBe(c.error);
    });
  }

  it("refuses a non-leaf tensor, an empty list, a bare tensor, a non-tensor and a parameter in two groups", () => {
    const w = leaf();
    expect(() => new optim.SGD([w.mul(2)], { lr: 0.1 })).toThrow(new torch.ValueError("can't optimize a non-leaf Tensor"));
    expect(() => new optim.SGD([], { lr: 0.1 })).toThrow(new torch.ValueError("optimizer got an empty parameter list"));
    expect(() => new optim.SGD(w as unknown as torch.Tensor[], { lr: 0.1 })).toThrow(
      new torch.TorchTypeError("params argument given to the optimizer should be an iterable of Tensors or dicts, but got torch.FloatTensor"),
    );
    expect(() => new optim.SGD([w, 3 as unknown as torch.Tensor], { lr: 0.1 })).toThrow(
      new torch.TorchTypeError("optimizer can only optimize Tensors, but one of the params is number"),
    );
    expect(() => new optim.SGD([{ params: [w] }, { params: [leaf(), w] }], { lr: 0.1 })).toThrow(
      new torch.ValueError("some parameters appear in more than one parameter group"),
    );
  });

  it("a non-leaf that retains its grad may be optimized, as in PyTorch", () => {
    const h = leaf().mul(2);
    h.retainGrad();
    expect(new optim.SGD([h], { lr: 0.1 }).paramGroups[0]?.params[0]).toBe(h);
  });
});

describe("param groups", () => {
  it("merge the defaults into each group; a group's own options win", () => {
    const [a, b] = [leaf(), leaf()];
    const opt = new optim.SGD([{ params: [a] }, { params: [b], lr: 1e-3, momentum: 0.5 }], { lr: 1e-2, momentum: 0.9 });
    expect(opt.paramGroups.map(({ params, ...o }) => [params.length, o])).toEqual([
      [1, { lr: 1e-2, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false }],
      [1, { lr: 1e-3, momentum: 0.5, dampening: 0, weightDecay: 0, nesterov: false, maximize: false }],
    ]);
  });

  it("SGD's lr may be given per group instead of as a default", () => {
    const opt = new optim.SGD([{ params: [leaf()], lr: 0.5 }]);
    expect(opt.paramGroups[0]?.lr).toBe(0.5);
  });

  it("addParamGroup adds parameters that step from then on (e.g. unfrozen layers)", () => {
    const [a, b] = [leaf([1]), leaf([1])];
    const opt = new optim.SGD([a], { lr: 0.5 });
    opt.addParamGroup({ params: b, lr: 0.25 });
    a.grad = torch.tensor([1], { dtype: torch.float32 });
    b.grad = torch.tensor([1], { dtype: torch.float32 });
    opt.step();
    expect([a.item(), b.item()]).toEqual([0.5, 0.75]);
    expect(() => opt.addParamGroup({ params: [a] })).toThrow("some parameters appear in more than one parameter group");
  });
});

describe("step", () => {
  it("updates in place under noGrad: the same tensor, views see it, one version bump, no graph", () => {
    const w = leaf([1, 2, 3]);
    const view = w.narrow(0, 1, 2);
    const opt = new optim.SGD([w], { lr: 0.1 });
    w.grad = torch.tensor([1, 1, 1], { dtype: torch.float32 });
    const before = w._version;
    opt.step();
    expect(opt.paramGroups[0]?.params[0]).toBe(w);
    expect(view.tolist()).toEqual([Math.fround(1.9), Math.fround(2.9)]);
    expect(w._version).toBe(before + 1);
    expect([w.isLeaf, w.requiresGrad, w.gradFn]).toEqual([true, true, null]);
  });

  it("returns the closure's loss; the closure runs with grad enabled even inside noGrad", () => {
    const w = leaf([3]);
    const opt = new optim.SGD([w], { lr: 0.25 });
    const loss = torch.noGrad(() =>
      opt.step(() => {
        opt.zeroGrad();
        const l = w.pow(2).sum(); // d/dw = 2w = 6
        l.backward();
        return l;
      }),
    );
    expect(loss?.item()).toBe(9);
    expect(w.item()).toBe(1.5);
    expect(opt.step()).toBeUndefined();
  });

  it("skips a parameter whose grad is null: no update, no state", () => {
    const [a, b] = [leaf([1]), leaf([1])];
    const opt = new optim.Adam([a, b]);
    a.grad = torch.tensor([1], { dtype: torch.float32 });
    opt.step();
    expect(b.item()).toBe(1);
    expect(b._version).toBe(0);
    expect(opt.state.has(b)).toBe(false);
    expect(Object.keys(opt.state.get(a) ?? {})).toEqual(["step", "expAvg", "expAvgSq"]);
  });
});

describe("memory", () => {
  it("a step frees its temporaries at once: live tensors do not grow step after step", () => {
    for (const make of [
      (w: torch.Tensor) => new optim.Adam([w], { amsgrad: true, weightDecay: 0.1 }),
      (w: torch.Tensor) => new optim.SGD([w], { lr: 0.1, momentum: 0.9, nesterov: true }),
      (w: torch.Tensor) => new optim.RMSprop([w], { centered: true, momentum: 0.5 }),
    ]) {
      const w = leaf([1, 2, 3]);
      w.grad = torch.ones(3);
      const opt = make(w);
      opt.step();
      const live = torch.memory().numTensors;
      for (let i = 0; i < 5; i++) opt.step();
      expect(torch.memory().numTensors).toBe(live);
    }
  });

  it("the state made during a step outlives a torch.tidy around it", () => {
    const w = leaf([1, 2, 3]);
    const opt = torch.tidy(() => {
      const o = new optim.Adagrad([w]);
      w.grad = torch.ones(3);
      o.step();
      return o;
    });
    w.grad = torch.ones(3);
    opt.step();
    expect((opt.state.get(w)?.["sum"] as torch.Tensor).tolist()).toEqual([2, 2, 2]);
  });
});

describe("zeroGrad", () => {
  it("sets grads to null by default (PyTorch 2.x; 1.13 zeroed them)", () => {
    const w = leaf();
    w.pow(2).sum().backward();
    new optim.SGD([w], { lr: 0.1 }).zeroGrad();
    expect(w.grad).toBeNull();
  });

  it("with setToNone: false zeroes the same grad tensor in place", () => {
    const w = leaf();
    w.pow(2).sum().backward();
    const g = w.grad;
    new optim.SGD([w], { lr: 0.1 }).zeroGrad({ setToNone: false });
    expect(w.grad).toBe(g);
    expect(g?.tolist()).toEqual([0, 0]);
  });

  it("with setToNone: false detaches a grad that has a graph (create_graph)", () => {
    const w = leaf();
    w.pow(3).sum().backward(undefined, { createGraph: true });
    new optim.SGD([w], { lr: 0.1 }).zeroGrad({ setToNone: false });
    expect([w.grad?.gradFn, w.grad?.requiresGrad]).toEqual([null, false]);
  });
});

describe("stateDict / loadStateDict", () => {
  function trained(): { opt: optim.SGD; w: torch.Tensor; b: torch.Tensor } {
    const [w, b] = [leaf([1, 2]), leaf([0.5])];
    const opt = new optim.SGD([{ params: [w] }, { params: [b], lr: 0.05 }], { lr: 0.1, momentum: 0.9 });
    for (let i = 0; i < 3; i++) {
      opt.zeroGrad();
      w.mul(b).sum().pow(2).backward();
      opt.step();
    }
    return { opt, w, b };
  }

  it("has PyTorch's structure: params as indices, state keyed by index", () => {
    const { opt, w } = trained();
    const sd = opt.stateDict();
    expect(sd.paramGroups.map((g) => [g.params, g.lr])).toEqual([[[0], 0.1], [[1], 0.05]]);
    expect(Object.keys(sd.state)).toEqual(["0", "1"]);
    expect(sd.state[0]?.["momentumBuffer"]).toBe(opt.state.get(w)?.["momentumBuffer"]); // live, as PyTorch's
  });

  it("a loaded optimizer continues exactly as the original", () => {
    const a = trained();
    const b = trained();
    const [w2, b2] = [a.w.detach().clone().requiresGrad_(), a.b.detach().clone().requiresGrad_()];
    const fresh = new optim.SGD([{ params: [w2] }, { params: [b2] }], { lr: 1 });
    fresh.loadStateDict(b.opt.stateDict());
    expect(fresh.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.05]);
    for (const [opt, w, bb] of [[a.opt, a.w, a.b], [fresh, w2, b2]] as const) {
      for (let i = 0; i < 3; i++) {
        opt.zeroGrad();
        w.mul(bb).sum().pow(2).backward();
        opt.step();
      }
    }
    expect([w2.tolist(), b2.tolist()]).toEqual([a.w.tolist(), a.b.tolist()]);
  });

  it("copies the state, casting floating tensors to the parameter's dtype", () => {
    const { opt } = trained();
    const w64 = leaf([1, 2], "float64");
    const b64 = leaf([0.5], "float64");
    const other = new optim.SGD([{ params: [w64] }, { params: [b64] }], { lr: 1 });
    const sd = opt.stateDict();
    other.loadStateDict(sd);
    const buf = other.state.get(w64)?.["momentumBuffer"] as torch.Tensor;
    expect(buf.dtype).toBe("float64");
    expect(buf.sharesStorage(sd.state[0]?.["momentumBuffer"] as torch.Tensor)).toBe(false);
  });

  it("refuses a state dict whose groups do not match", () => {
    const { opt } = trained();
    const one = new optim.SGD([leaf()], { lr: 1 });
    expect(() => one.loadStateDict(opt.stateDict())).toThrow(
      new torch.ValueError("loaded state dict has a different number of parameter groups"),
    );
    const sizes = new optim.SGD([{ params: [leaf(), leaf()] }, { params: [leaf()] }], { lr: 1 });
    expect(() => sizes.loadStateDict(opt.stateDict())).toThrow(
      new torch.ValueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group"),
    );
  });

  it("Adagrad's state exists from construction, as in PyTorch", () => {
    const opt = new optim.Adagrad([leaf()], { initialAccumulatorValue: 0.1 });
    const st = opt.stateDict().state[0] as optim.ParamState;
    expect([(st["step"] as torch.Tensor).item(), (st["sum"] as torch.Tensor).tolist()]).toEqual([0, [Math.fround(0.1), Math.fround(0.1)]]);
  });
});
