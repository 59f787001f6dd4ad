// torch.autograd.Function: gradient checks of custom functions (finite differences, first and
// second order) and the laws their nodes obey inside the engine. PyTorch 1.13's own values and
// messages are replayed in packages/typetorch/src/autograd.function.test.ts.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";
import { FunctionNode, gradcheck, gradgradcheck, onceDifferentiable } from "./index.js";
import type { FunctionCtx } from "./index.js";

const { Function } = torch.autograd;
const t = (data: number[], rg = true): Tensor => torch.tensor(data, { dtype: "float64", requiresGrad: rg });

class Exp extends Function {
  static forward(ctx: FunctionCtx, x: Tensor): Tensor {
    const y = x.exp();
    ctx.saveForBackward(y);
    return y;
  }
  static backward(ctx: FunctionCtx, g: Tensor): Tensor {
    const [y] = ctx.savedTensors;
    return g.mul(y as Tensor);
  }
}

/** (x, y, alpha) ↦ (x·y, x + alpha·y, "tag"): two tensors and a number in, two tensors and a string out. */
class MulAdd extends Function {
  static forward(ctx: FunctionCtx<{ alpha: number }>, x: Tensor, y: Tensor, alpha: number): [Tensor, Tensor, string] {
    ctx.saveForBackward(x, y);
    ctx.saved.alpha = alpha;
    return [x.mul(y), x.add(y.mul(alpha)), "tag"];
  }
  static backward(ctx: FunctionCtx<{ alpha: number }>, gp: Tensor, gs: Tensor, gTag: null): (Tensor | null)[] {
    expect(gTag).toBeNull(); // a non-tensor output has no gradient
    const [x, y] = ctx.savedTensors as [Tensor, Tensor];
    return [gp.mul(y).add(gs), gp.mul(x).add(gs.mul(ctx.saved.alpha)), null];
  }
}

/** x ↦ x·k in place (markDirty), saving the result as an output. */
class ScaleInplace extends Function {
  static forward(ctx: FunctionCtx<{ k: number }>, x: Tensor, k: number): Tensor {
    ctx.saved.k = k;
    x.mul_(k);
    ctx.markDirty(x);
    ctx.saveForBackward(x);
    return x;
  }
  static backward(ctx: FunctionCtx<{ k: number }>, g: Tensor): (Tensor | null)[] {
    const [y] = ctx.savedTensors as [Tensor]; // the output, at the version markDirty left it
    expect(y.shape).toEqual(g.shape);
    return [g.mul(ctx.saved.k), null];
  }
}

/** sin(x) sorted, with the permutation as a non-differentiable output. */
class SortedSin extends Function {
  static forward(ctx: FunctionCtx, x: Tensor): [Tensor, Tensor] {
    const { values, indices } = x.sin().sort();
    ctx.markNonDifferentiable(indices);
    ctx.saveForBackward(x, indices);
    return [values, indices];
  }
  static backward(ctx: FunctionCtx, gv: Tensor, gi: Tensor): Tensor {
    expect(gi.dtype).toBe("int64"); // materialized as zeros of the output's dtype
    const [x, i] = ctx.savedTensors as [Tensor, Tensor];
    return torch.zerosLike(gv).scatter(0, i, gv).mul(x.cos());
  }
}

/** The tutorial's Legendre polynomial P3, whose backward is made of differentiable ops. */
class P3 extends Function {
  static forward(ctx: FunctionCtx, x: Tensor): Tensor {
    ctx.saveForBackward(x);
    return x.pow(3).mul(5).sub(x.mul(3)).mul(0.5);
  }
  static backward(ctx: FunctionCtx, g: Tensor): Tensor {
    const [x] = ctx.savedTensors as [Tensor];
    return g.mul(1.5).mul(x.pow(2).mul(5).sub(1));
  }
}

class SquareOnce extends Function {
  static forward(ctx: FunctionCtx, x: Tensor): Tensor {
    ctx.saveForBackward(x);
    return x.mul(x);
  }
  static backward = onceDifferentiable((ctx: FunctionCtx, g: Tensor): Tensor => {
    const [x] = ctx.savedTensors as [Tensor];
    expect(torch.isGradEnabled()).toBe(false); // runs unrecorded even under createGraph
    return x.mul(2).mul(g);
  });
}

describe("gradcheck on custom functions", () => {
  it("Exp: first and second derivatives", () => {
    const x = t([0.3, -1.2, 2.0]);
    expect(gradcheck((a) => Exp.apply(a), [x])).toBe(true);
    expect(gradgradcheck((a) => Exp.apply(a), [x])).toBe(true);
  });

  it("MulAdd: two inputs, two outputs, a number in and a string out", () => {
    const x = t([0.5, -2.0, 1.5]);
    const y = t([1.25, 0.75, -3.0]);
    const f = (a: Tensor, b: Tensor): Tensor[] => MulAdd.apply(a, b, 0.7).slice(0, 2) as Tensor[];
    expect(gradcheck(f, [x, y])).toBe(true);
    expect(gradgradcheck(f, [x, y])).toBe(true);
    expect(MulAdd.apply(x, y, 1)[2]).toBe("tag");
  });

  it("ScaleInplace (markDirty): on a fresh tensor and on a view", () => {
    const x = t([0.5, -2.0, 1.5, 4.0]);
    expect(gradcheck((a) => ScaleInplace.apply(a.mul(1), -1.5), [x])).toBe(true);
    expect(gradgradcheck((a) => ScaleInplace.apply(a.mul(1), -1.5), [x])).toBe(true);
    const onView = (a: Tensor): Tensor => {
      const base = a.mul(1);
      ScaleInplace.apply(base.narrow(0, 1, 2), 3);
      return base.mul(base);
    };
    expect(gradcheck(onView, [x])).toBe(true);
    expect(gradgradcheck(onView, [x])).toBe(true);
  });

  it("SortedSin: the indices output needs no gradient", () => {
    const x = t([0.4, -1.1, 2.5, 0.1]);
    const f = (a: Tensor): Tensor[] => SortedSin.apply(a);
    expect(gradcheck(f, [x])).toBe(true);
    expect(gradgradcheck((a) => SortedSin.apply(a)[0], [x])).toBe(true);
    const [v, i] = SortedSin.apply(x);
    expect([v.requiresGrad, i.requiresGrad, i.gradFn]).toEqual([true, false, null]);
  });

  it("P3 composed with built-in ops", () => {
    const x = t([0.2, -0.7, 1.3]);
    const w = t([1.5, -0.5, 2.0]);
    const f = (a: Tensor, b: Tensor): Tensor => P3.apply(a.mul(b).add(0.1)).mul(b).sum();
    expect(gradcheck(f, [x, w])).toBe(true);
    expect(gradgradcheck(f, [x, w])).toBe(true);
  });

  it("a wrong backward is caught (the checks can fail)", () => {
    class WrongExp extends Function {
      static forward(_ctx: FunctionCtx, x: Tensor): Tensor {
        return x.exp();
      }
      static backward(_ctx: FunctionCtx, g: Tensor): Tensor {
        return g; // forgets the factor exp(x)
      }
    }
    expect(gradcheck((a) => WrongExp.apply(a), [t([0.5, 1])], { raiseException: false })).toBe(false);
    class FirstOrderOnly extends Function {
      static forward(ctx: FunctionCtx, x: Tensor): Tensor {
        ctx.saveForBackward(x);
        return x.pow(3);
      }
      static backward(ctx: FunctionCtx, g: Tensor): Tensor {
        const [x] = ctx.savedTensors as [Tensor];
        return g.mul(x.detach().pow(2).mul(3)); // right value, but cut off from x's history
      }
    }
    const x = t([0.5, 1]);
    expect(gradcheck((a) => FirstOrderOnly.apply(a), [x])).toBe(true);
    expect(gradgradcheck((a) => FirstOrderOnly.apply(a), [x], undefined, { raiseException: false })).toBe(false);
  });

  it("onceDifferentiable: first derivatives check, second ones refuse", () => {
    const x = t([0.5, -1.5]);
    expect(gradcheck((a) => SquareOnce.apply(a), [x])).toBe(true);
    expect(() => gradgradcheck((a) => SquareOnce.apply(a), [x])).toThrow(
      "trying to differentiate twice a function that was marked with @once_differentiable",
    );
  });
});

describe("custom nodes in the engine", () => {
  it("agree with the built-in op they reimplement, through hooks, retainGrad and grad()", () => {
    const run = (exp: (a: Tensor) => Tensor): Tensor[] => {
      const x = t([0.1, -0.4, 0.9]);
      const y = exp(x.mul(2));
      y.retainGrad();
      y.registerHook((g) => g.mul(3));
      y.pow(2).sum().backward();
      const [gx] = torch.autograd.grad(exp(x).sum(), [x]);
      return [x.grad as Tensor, y.grad as Tensor, gx as Tensor];
    };
    const custom = run((a) => Exp.apply(a));
    const builtin = run((a) => a.exp());
    custom.forEach((c, i) => expect(c.tolist()).toEqual((builtin[i] as Tensor).tolist()));
  });

  it("grads of each output of a multi-output node reach the inputs separately and summed", () => {
    const x = t([1, 2]);
    const y = t([3, 4]);
    const [p, s] = MulAdd.apply(x, y, 2) as [Tensor, Tensor, string];
    const [gpx] = torch.autograd.grad(p.sum(), [x], { retainGraph: true });
    const [gsx] = torch.autograd.grad(s.sum(), [x], { retainGraph: true });
    const [both] = torch.autograd.grad(p.add(s).sum(), [x]);
    expect((gpx as Tensor).add(gsx as Tensor).tolist()).toEqual((both as Tensor).tolist());
    expect((gpx as Tensor).tolist()).toEqual([3, 4]); // d(x·y)/dx = y
  });

  it("needsInputGrad and grad mode: forward runs unrecorded; no node without a tensor needing grad", () => {
    let seen: { needs: readonly boolean[]; enabled: boolean } | null = null;
    class Probe extends Function {
      static forward(ctx: FunctionCtx, a: Tensor, b: Tensor, k: number): Tensor {
        seen = { needs: ctx.needsInputGrad, enabled: torch.isGradEnabled() };
        return a.mul(b).mul(k);
      }
      static backward(_ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
        return [g, null, null];
      }
    }
    const a = t([1, 2]);
    const out = Probe.apply(a, t([3, 4], false), 2);
    expect(seen).toEqual({ needs: [true, false, false], enabled: false });
    expect(out.gradFn?.name()).toBe("ProbeBackward");
    expect(torch.noGrad(() => Probe.apply(a, a, 2)).requiresGrad).toBe(false);
    expect(Probe.apply(a.detach(), a.detach(), 2).gradFn).toBeNull();
  });

  it("setMaterializeGrads(false) passes null for outputs no gradient reached", () => {
    const received: (Tensor | null)[][] = [];
    class Two extends Function {
      static forward(ctx: FunctionCtx, a: Tensor): [Tensor, Tensor] {
        ctx.setMaterializeGrads(false);
        return [a.mul(2), a.mul(3)];
      }
      static backward(_ctx: FunctionCtx, g1: Tensor | null, g2: Tensor | null): Tensor {
        received.push([g1, g2]);
        return (g2 as Tensor).mul(3);
      }
    }
    const a = t([1, 2]);
    Two.apply(a)[1].sum().backward();
    expect(received[0]?.[0]).toBeNull();
    expect(a.grad?.tolist()).toEqual([3, 3]);
  });

  it("a saved input modified in place is refused at backward, naming its current node", () => {
    const x = t([1, 2]);
    const h = x.mul(1);
    const y = P3.apply(h);
    h.add_(1);
    expect(() => y.sum().backward()).toThrow(/which is output 0 of AddBackward0, is at version 1; expected version 0/);
  });

  it("markDirty on a view of a leaf that requires grad is refused (PyTorch fails only at backward)", () => {
    const x = t([1, 2, 3]);
    expect(() => ScaleInplace.apply(x.narrow(0, 0, 2), 2)).toThrow("a view of a leaf Variable that requires grad is being used in an in-place operation.");
  });

  it("the node exposes its ctx, and is an instance of FunctionNode", () => {
    const y = MulAdd.apply(t([1]), t([2]), 0.5)[0];
    expect(y.gradFn).toBeInstanceOf(FunctionNode);
    expect(((y.gradFn as FunctionNode).ctx as FunctionCtx<{ alpha: number }>).saved.alpha).toBe(0.5);
  });
});
