// Replays tooling/fixtures/data/autograd_function.json: custom autograd functions run by PyTorch
// 1.13 (gen_autograd_function.py). Each scenario below is the generator's program in TypeScript,
// the same classes with the same names; the recorded values, node names and errors must agree.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";
import type { FunctionNode } from "@typetorch/autograd";
import fixture from "../../../tooling/fixtures/data/autograd_function.json" with { type: "json" };
import { Recorder } from "./test-utils/recorder.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Ctx<S extends object = Record<string, unknown>> = torch.autograd.FunctionCtx<S>;
const Function = torch.autograd.Function;

const t = (data: number[] | number[][], rg = true): Tensor => torch.tensor(data, { dtype: "float64", requiresGrad: rg });
const ctxOf = <S extends object>(y: Tensor): Ctx<S> => (y.gradFn as FunctionNode).ctx as Ctx<S>;
const nexts = (y: Tensor): Json => (y.gradFn as FunctionNode).nextFunctions.map(([f, nr]) => [f === null ? null : f.name(), nr]);

function encode(v: unknown): Json {
  if (v instanceof torch.Tensor) {
    return { tensor: v.detach().tolist() as Json, dtype: v.dtype, gradFn: v.gradFn ? v.gradFn.name() : null, requiresGrad: v.requiresGrad };
  }
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(encode);
  if (typeof v === "bigint") return Number(v);
  return v as Json;
}

/** Records named values and error texts as the generator's `Recorder` does. */
class Rec extends Recorder<Json> {
  constructor() {
    super(encode);
  }
}

// ── the functions (as in the generator) ──────────────────────────────────────────────────────
class Exp extends Function {
  static forward(ctx: Ctx, x: Tensor): Tensor {
    const y = x.exp();
    ctx.saveForBackward(y);
    return y;
  }
  static backward(ctx: Ctx, g: Tensor): Tensor {
    const [y] = ctx.savedTensors;
    return g.mul(y as Tensor);
  }
}

type MulAddState = { alpha: number; needs: boolean[] };
class MulAdd extends Function {
  static forward(ctx: Ctx<MulAddState>, x: Tensor, y: Tensor, alpha: number): [Tensor, Tensor] {
    ctx.saveForBackward(x, y);
    ctx.saved.alpha = alpha;
    ctx.saved.needs = [...ctx.needsInputGrad];
    return [x.mul(y), x.add(y.mul(alpha))];
  }
  static backward(ctx: Ctx<MulAddState>, gp: Tensor, gs: Tensor): (Tensor | null)[] {
    const [x, y] = ctx.savedTensors as [Tensor, Tensor];
    const gx = ctx.needsInputGrad[0] ? gp.mul(y).add(gs) : null;
    const gy = ctx.needsInputGrad[1] ? gp.mul(x).add(gs.mul(ctx.saved.alpha)) : null;
    return [gx, gy, null];
  }
}

class MulInplace extends Function {
  static forward(ctx: Ctx<{ k: number }>, x: Tensor, k: number): Tensor {
    ctx.saved.k = k;
    x.mul_(k);
    ctx.markDirty(x);
    return x;
  }
  static backward(ctx: Ctx<{ k: number }>, g: Tensor): (Tensor | null)[] {
    return [g.mul(ctx.saved.k), null];
  }
}

class Sort extends Function {
  static forward(ctx: Ctx<{ gi?: Tensor | null }>, x: Tensor): [Tensor, Tensor] {
    const { values, indices } = x.sort();
    ctx.markNonDifferentiable(indices);
    ctx.saveForBackward(indices);
    return [values, indices];
  }
  static backward(ctx: Ctx<{ gi?: Tensor | null }>, gv: Tensor, gi: Tensor | null): Tensor {
    ctx.saved.gi = gi;
    const [i] = ctx.savedTensors as [Tensor];
    return torch.zerosLike(gv).scatter(0, i, gv);
  }
}

class Ident extends Function {
  static forward(_ctx: Ctx, x: Tensor): Tensor {
    return x;
  }
  static backward(_ctx: Ctx, g: Tensor): Tensor {
    return g;
  }
}

class Pair extends Function {
  static seen: boolean[][] = [];
  static forward(ctx: Ctx, x: Tensor, materialize: boolean): [Tensor, Tensor] {
    ctx.setMaterializeGrads(materialize);
    return [x.mul(2), x.mul(3)];
  }
  static backward(_ctx: Ctx, g1: Tensor | null, g2: Tensor | null): (Tensor | null)[] {
    Pair.seen.push([g1 === null, g2 === null]);
    let total: Tensor | null = g1 === null ? null : g1.mul(2);
    if (g2 !== null) total = total === null ? g2.mul(3) : total.add(g2.mul(3));
    return [total, null];
  }
}

/** A function named `name` whose backward returns result(g) (the generator's `bad`). */
function bad(name: string, result: (g: Tensor) => unknown) {
  const cls = class extends Function {
    static forward(_ctx: Ctx, ...args: unknown[]): Tensor {
      return (args[0] as Tensor).mul(2);
    }
    static backward(_ctx: Ctx, g: Tensor): unknown {
      return result(g);
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

class Square extends Function {
  static forward(ctx: Ctx, x: Tensor): Tensor {
    ctx.saveForBackward(x);
    return x.mul(x);
  }
  static backward = torch.autograd.onceDifferentiable((ctx: Ctx, g: Tensor | null): Tensor => {
    const [x] = ctx.savedTensors as [Tensor];
    return x.mul(2).mul(g as Tensor);
  });
}

class SaveInput extends Function {
  static forward(ctx: Ctx, x: Tensor): Tensor {
    ctx.saveForBackward(x);
    return x.mul(2);
  }
  static backward(ctx: Ctx, g: Tensor): Tensor {
    const [x] = ctx.savedTensors as [Tensor];
    return g.mul(2).add(x.mul(0));
  }
}

class Forgetful extends Function {
  static forward(ctx: Ctx, x: Tensor): Tensor {
    ctx.markDirty(x);
    return x.mul(2);
  }
  static backward(_ctx: Ctx, g: Tensor): Tensor {
    return g.mul(2);
  }
}

/** The tutorial's P3(x) = ½(5x³ − 3x), with P3'(x) = 1.5(5x² − 1). */
class LegendrePolynomial3 extends Function {
  static forward(ctx: Ctx, input: Tensor): Tensor {
    ctx.saveForBackward(input);
    return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
  }
  static backward(ctx: Ctx, gradOutput: Tensor): Tensor {
    const [input] = ctx.savedTensors as [Tensor];
    return gradOutput.mul(1.5).mul(input.pow(2).mul(5).sub(1));
  }
}

/** retainGrad / registerHook (×2, then ×5) on y in the given order (the generator's `register`). */
function register(y: Tensor, order: string): void {
  const factors = [2.0, 5.0];
  for (const step of order.split(",")) {
    if (step === "retain") y.retainGrad();
    else {
      const f = factors.shift() as number;
      y.registerHook((g) => g.mul(f));
    }
  }
}

// ── scenarios ────────────────────────────────────────────────────────────────────────────────
const SCENARIOS: Record<string, (r: Rec) => void> = {
  exp(r) {
    const x = t([0.5, -1.0, 2.0]);
    const y = Exp.apply(x);
    r.put("y", y);
    r.put("nextFunctions", nexts(y));
    y.sum().backward();
    r.put("x.grad", x.grad);
    const x2 = t([0.5, -1.0, 2.0]);
    const [g] = torch.autograd.grad(Exp.apply(x2).sum(), x2, { createGraph: true }) as [Tensor];
    r.put("g", g);
    r.put("gg", torch.autograd.grad(g.pow(2).sum(), x2)[0]);
  },
  "exp-chain-hooks"(r) {
    const x = t([[0.1, 0.2], [0.3, -0.4]]);
    const y = Exp.apply(x.mul(3));
    y.retainGrad();
    y.registerHook((g) => g.mul(2));
    y.mul(t([[1.0, 2.0], [3.0, 4.0]], false)).sum().backward();
    r.put("y.grad", y.grad);
    r.put("x.grad", x.grad);
    r.put("nextFunctions", nexts(y));
    Exp.apply(x).sum().backward();
    r.put("x.grad.again", x.grad);
  },
  muladd(r) {
    const x = t([1.0, 2.0, 3.0]);
    const y = t([0.5, -1.0, 4.0]);
    const [p, s] = MulAdd.apply(x, y, 2.5);
    r.put("p", p);
    r.put("s", s);
    r.put("p.nextFunctions", nexts(p));
    r.put("same node", p.gradFn === s.gradFn);
    r.put("needs", ctxOf<MulAddState>(p).saved.needs);
    s.retainGrad();
    s.registerHook((g) => g.mul(10));
    p.sum().add(s.mul(s).sum()).backward();
    r.put("s.grad", s.grad);
    r.put("x.grad", x.grad);
    r.put("y.grad", y.grad);
    x.grad = null;
    y.grad = null;
    const [, s2] = MulAdd.apply(x, y, -1.0);
    const [gx, gy] = torch.autograd.grad(s2.sum(), [x, y]);
    r.put("grad(s).x", gx);
    r.put("grad(s).y", gy);
    const [p3, s3] = MulAdd.apply(x, y, 1.0);
    const [gp, gs] = torch.autograd.grad(p3.mul(2).add(s3.mul(3)).sum(), [p3, s3]);
    r.put("grad(p3)", gp);
    r.put("grad(s3)", gs);
  },
  "muladd-partial"(r) {
    const x = t([1.0, 2.0]);
    const y = t([3.0, 4.0], false);
    const [p, s] = MulAdd.apply(x, y, 0.5);
    r.put("needs", ctxOf<MulAddState>(p).saved.needs);
    r.put("nextFunctions", nexts(p));
    p.add(s).sum().backward();
    r.put("x.grad", x.grad);
    r.put("y.grad", y.grad);
    r.put("noGrad", torch.noGrad(() => MulAdd.apply(x, y, 0.5))[0]);
    r.put("no input requires grad", MulAdd.apply(x.detach(), y, 0.5)[0]);
  },
  inplace(r) {
    const x = t([1.0, -2.0, 3.0]);
    const z = x.mul(1);
    const w = MulInplace.apply(z, 3.0);
    r.put("returns its input", w === z);
    r.put("z", z);
    r.put("nextFunctions", nexts(z));
    r.put("version", z._version);
    z.mul(z).sum().backward();
    r.put("x.grad", x.grad);
    r.error("leaf", () => MulInplace.apply(t([1.0, 2.0]), 2.0));
    const leaf = t([1.0, 2.0]);
    const out = torch.noGrad(() => MulInplace.apply(leaf, 2.0));
    r.put("noGrad: returns its input", out === leaf);
    r.put("noGrad: out", out);
    r.put("noGrad: version", leaf._version);
    const plain = t([1.0, 2.0], false);
    const out2 = MulInplace.apply(plain, 3.0);
    r.put("no grad needed: returns its input", out2 === plain);
    r.put("no grad needed: version", plain._version);
    torch.noGrad(() => out2.add_(1));
    r.put("no grad needed: shares storage", plain);
    r.error("forgotten", () => Forgetful.apply(t([1.0, 2.0]).mul(1)));
  },
  "inplace-view"(r) {
    const x = t([1.0, 2.0, 3.0, 4.0]);
    const base = x.mul(1);
    const v = base.narrow(0, 1, 2);
    const out = MulInplace.apply(v, -2.0);
    r.put("returns its input", out === v);
    r.put("base", base);
    r.put("v", v);
    r.put("base.nextFunctions", nexts(base));
    base.mul(t([1.0, 10.0, 100.0, 1000.0], false)).sum().backward();
    r.put("x.grad", x.grad);
  },
  sort(r) {
    const x = t([3.0, 1.0, 2.0, -5.0]);
    const [v, i] = Sort.apply(x);
    r.put("v", v);
    r.put("i", i);
    r.put("i.gradFn", i.gradFn === null);
    v.mul(t([1.0, 2.0, 3.0, 4.0], false)).sum().backward();
    r.put("x.grad", x.grad);
    r.put("gi", ctxOf<{ gi?: Tensor }>(v).saved.gi);
  },
  ident(r) {
    const x = t([1.0, 2.0]);
    const y = Ident.apply(x);
    r.put("y is x", y === x);
    r.put("y", y);
    r.put("x.isLeaf", x.isLeaf);
    y.mul(2).sum().backward();
    r.put("x.grad", x.grad);
    torch.noGrad(() => x.mul_(10));
    r.put("y shares x's storage", y.detach());
    const z = torch.noGrad(() => Ident.apply(x));
    r.put("noGrad: z is x", z === x);
    r.put("noGrad: z", z);
  },
  materialize(r) {
    const x = t([1.0, 2.0]);
    Pair.seen = [];
    Pair.apply(x, true)[1].sum().backward();
    r.put("materialized.x.grad", x.grad);
    x.grad = null;
    Pair.apply(x, false)[1].sum().backward();
    r.put("unmaterialized.x.grad", x.grad);
    r.put("seen", Pair.seen);
  },
  errors(r) {
    const x = t([1.0, 2.0, 3.0]);
    r.error("too many", () => bad("Two", (g) => [g, g]).apply(x).sum().backward());
    r.error("extra nones", () => bad("Extra", (g) => [g, null, null]).apply(x).sum().backward());
    r.error("too few", () => bad("Few", (g) => g).apply(x, x).sum().backward());
    r.error("non-tensor input", () => bad("NonT", (g) => [g, g]).apply(x, 2.0).sum().backward());
    r.error("shape", () => bad("Shape", () => torch.ones([2], { dtype: "float64" })).apply(x).sum().backward());
    r.error("broadcastable", () => bad("Bcast", () => torch.ones([1], { dtype: "float64" })).apply(x).sum().backward());
    r.put("broadcast.x.grad", x.grad);
    x.grad = null;
    const y = Exp.apply(x.mul(1));
    y.mul_(2);
    r.error("modified saved output", () => y.sum().backward());
    const z = Exp.apply(x);
    z.sum().backward();
    r.error("second backward", () => z.sum().backward());
    r.error("saved after backward", () => ctxOf(z).savedTensors);
    const xx = x.mul(1);
    const w = SaveInput.apply(xx);
    xx.add_(1);
    r.error("modified saved input", () => w.sum().backward());
    const plain = bad("Plain", (g) => g.mul(2)).apply(x);
    plain.sum().backward();
    r.error("second backward, nothing saved", () => plain.sum().backward());
  },
  "once-differentiable"(r) {
    const x = t([1.0, -2.0]);
    r.put("g", torch.autograd.grad(Square.apply(x).sum(), x, { createGraph: true })[0]);
    const [g2] = torch.autograd.grad(Square.apply(x), x, { gradOutputs: t([1.0, 1.0]), createGraph: true }) as [Tensor];
    r.put("g2", g2);
    r.put("g2.nextFunctions", nexts(g2));
    r.error("twice", () => g2.sum().backward());
  },
  "retain-grad-and-hooks"(r) {
    for (const order of ["retain,hook", "hook,retain", "hook,retain,hook"]) {
      const x = t([1.0, 2.0]);
      const [p] = MulAdd.apply(x, t([3.0, 4.0], false), 1.0);
      register(p, order);
      p.mul(p).sum().backward();
      r.put(`${order}: custom`, p.grad);
      const y = x.mul(3);
      register(y, order);
      y.mul(y).sum().backward();
      r.put(`${order}: built-in`, y.grad);
      r.put(`${order}: x.grad`, x.grad);
    }
  },
  "tutorial-legendre"(r) {
    // The tutorial's program, step for step (float32, 2000 points, plain gradient descent).
    const x = torch.linspace(-Math.PI, Math.PI, 2000);
    const y = torch.sin(x);
    const scalar = (v: number): Tensor => torch.full([], v, { dtype: "float32", requiresGrad: true });
    const [a, b, c, d] = [scalar(0.0), scalar(-1.0), scalar(0.0), scalar(0.3)];
    const learningRate = 5e-6;
    const losses: number[] = [];
    for (let step = 0; step < 2000; step++) {
      torch.tidy(() => {
        const P3 = (u: Tensor): Tensor => LegendrePolynomial3.apply(u);
        const yPred = a.add(b.mul(P3(c.add(d.mul(x)))));
        const loss = yPred.sub(y).pow(2).sum();
        if (step % 100 === 99) losses.push(Number(loss.item()));
        loss.backward();
        torch.noGrad(() => {
          for (const p of [a, b, c, d]) {
            p.sub_((p.grad as Tensor).mul(learningRate));
            p.grad = null;
          }
        });
      });
    }
    r.put("losses", losses);
    r.put("result", [a, b, c, d].map((p) => Number(p.item())));
  },
};

/** Values equal to within `tol` relative (plus `atol`); everything else exactly. */
function close(actual: Json, expected: Json, path: string, tol: number, atol = 0): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (!(Math.abs(actual - expected) <= atol + tol * Math.abs(expected))) expect.fail(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) expect.fail(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    expected.forEach((e, i) => close((actual as Json[])[i] as Json, e, `${path}[${i}]`, tol, atol));
    return;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) expect.fail(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const k of Object.keys(expected)) close((actual as Record<string, Json>)[k] as Json, expected[k] as Json, `${path}.${k}`, tol, atol);
    return;
  }
  expect(actual, path).toBe(expected);
}

const recorded = fixture.scenarios as unknown as Record<string, Record<string, Json>>;

describe("torch.autograd.Function against PyTorch 1.13", () => {
  it("covers every recorded scenario", () => expect(Object.keys(SCENARIOS).sort()).toEqual(Object.keys(recorded).sort()));
  for (const [id, program] of Object.entries(SCENARIOS)) {
    it(id, () => {
      const r = new Rec();
      program(r);
      const expected = recorded[id] as Record<string, Json>;
      expect(Object.keys(r.out)).toEqual(Object.keys(expected));
      if (id === "tutorial-legendre") {
        // float32 sums over 2000 points in another order: losses agree to 1e-4 relative; a and c
        // stay ~1e-9 (zero by symmetry), so coefficients agree to 1e-5 absolute.
        close(r.out.losses as Json, expected.losses as Json, "losses", 1e-4);
        close(r.out.result as Json, expected.result as Json, "result", 0, 1e-5);
        return;
      }
      for (const k of Object.keys(expected)) close(r.out[k] as Json, expected[k] as Json, k, 1e-12);
    });
  }
});
