// Replays tooling/fixtures/data/inference.json: PyTorch 1.13's inference tensors, recorded by
// tooling/fixtures/gen_inference.py. Each scenario is the generator's program written in TS with
// the same labels: which tensors are inference tensors, requires-grad flags, version counters,
// error texts, and the value a tensor keeps after a refused in-place call (typetorch refuses
// before writing; the generator records the value PyTorch had before the call).
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";
import fixture from "../../../tooling/fixtures/data/inference.json" with { type: "json" };
import { Recorder } from "./test-utils/recorder.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function encode(v: unknown): Json {
  if (v instanceof torch.Tensor) {
    return { tensor: v.tolist() as Json, isInference: v.isInference(), requiresGrad: v.requiresGrad };
  }
  return v as Json;
}

class Rec extends Recorder<Json> {
  constructor() {
    super(encode);
  }
  /** An in-place call on t that may be refused: the error, then t as it is afterwards. */
  refused(label: string, t: Tensor, fn: () => unknown): void {
    this.error(label, fn);
    this.put(`${label}.after`, t);
  }
}

/** `ft([1.0, 2.0])`: a float tensor (JS numbers written as integers would make int64). */
const ft = (data: number[], requiresGrad = false): Tensor => torch.tensor(data, { dtype: "float32", requiresGrad });
const noGrad = <R>(fn: () => R): R => torch.noGrad(fn);
const inferenceFalse = <R>(fn: () => R): R => torch.inferenceMode(fn, false);

const SCENARIOS: Record<string, (r: Rec) => void> = {
  "factories-and-ops": (r) => {
    const x = ft([1, 2, 3]);
    const a = torch.inferenceMode(() => {
      r.put("mode", torch.isInferenceModeEnabled());
      r.put("grad", torch.isGradEnabled());
      r.put("ones", torch.ones(3));
      r.put("zeros", torch.zeros([2], { dtype: "int64" }));
      r.put("tensor", torch.tensor([1.5, 2.5]));
      r.put("arange", torch.arange(4));
      r.put("full", torch.full([2], 7.0));
      r.put("rand.isInference", torch.rand(2).isInference());
      r.put("zerosLike", torch.zerosLike(x));
      r.put("add", x.add(1));
      r.put("sum", x.sum());
      r.put("clone", x.clone());
      r.put("toFloat64", x.to("float64"));
      r.put("toSameDtype", x.to("float32"));
      r.put("contiguous", x.contiguous());
      r.put("narrow", x.narrow(0, 1, 2));
      r.put("reshape", x.reshape(3, 1));
      const a = torch.ones(3);
      r.put("viewOfInference", a.index("1:"));
      r.put("transposeOfInference", a.unsqueeze(0).t());
      return a;
    });
    r.put("mode.after", torch.isInferenceModeEnabled());
    r.put("grad.after", torch.isGradEnabled());
    r.put("outside.view", a.index("1:"));
    r.put("outside.expand", a.expand(2, 3));
    r.put("outside.reshape", a.reshape(3));
    r.put("outside.clone", a.clone());
    r.put("outside.add", a.add(1));
    r.put("outside.exp", a.exp());
    r.put("outside.detach", a.detach());
  },

  "inplace-outside": (r) => {
    const a = torch.inferenceMode(() => {
      const a = ft([1, 2, 3]);
      a.add_(1);
      r.put("inside.add_", a);
      return a;
    });
    r.refused("add_", a, () => a.add_(1));
    r.refused("mul_", a, () => a.mul_(ft([2, 2, 2])));
    r.refused("fill_", a, () => a.fill_(0));
    r.refused("zero_", a, () => a.zero_());
    r.refused("copy_", a, () => a.copy_(torch.zeros(3)));
    r.refused("clamp_", a, () => a.clamp_(0, 1));
    r.refused("setitem", a, () => a.indexPut_([0], 9));
    r.refused("view.add_", a, () => a.index("1:").add_(1));
    r.refused("uniform_", a, () => a.uniform_());
    r.refused("normal_", a, () => a.normal_());
    r.refused("bernoulli_", a, () => a.bernoulli_(0.5));
    r.refused("noGrad.add_", a, () => noGrad(() => a.add_(1)));
    r.refused("inferenceFalse.add_", a, () => inferenceFalse(() => a.add_(1)));
    const n = torch.zeros(3);
    n.add_(a);
    r.put("normal.add_(inference)", n);
    r.put("normal.version", n._version);
  },

  "normal-tensors-inside": (r) => {
    const x = ft([1, 2, 3]);
    const xr = ft([1, 2, 3], true);
    const { e, xrv } = torch.inferenceMode(() => {
      x.add_(1);
      r.put("x.version", x._version);
      const e = x.index("1:");
      e.mul_(2);
      r.put("x.version2", x._version);
      const xrv = xr.index("1:");
      const xr2 = xr.mul(2);
      r.put("xr2", xr2);
      r.put("xr2.gradFn", xr2.gradFn === null);
      return { e, xrv };
    });
    r.put("x", x);
    r.put("e", e);
    e.add_(1);
    r.put("e.add_outside", e);
    r.put("x.version3", x._version);
    // not the whole tensor: PyTorch's xrv reports requiresGrad true, typetorch's false (see the generator)
    r.put("xrv.isInference", xrv.isInference());
    r.put("xrv.value", xrv.tolist());
    r.put("xrv.gradFnNone", xrv.gradFn === null);
    r.error("xrv.mul_", () => xrv.mul_(2));
    r.put("xr", xr);
    r.error("e.mul_(requiresGrad)", () => e.mul_(torch.ones([2], { requiresGrad: true })));
  },

  "detach-and-data": (r) => {
    const x = ft([1, 2, 3]);
    const xr = ft([1, 1, 1], true);
    const { a, xd, xdata, ad, adata } = torch.inferenceMode(() => {
      const a = ft([1, 2, 3]);
      return { a, xd: x.detach(), xdata: x.data, ad: a.detach(), adata: a.data };
    });
    r.put("xd", xd);
    r.put("xdata", xdata);
    r.put("ad", ad);
    r.put("adata", adata);
    r.refused("xd.add_", xd, () => xd.add_(1));
    r.put("x.version", x._version);
    r.refused("xdata.add_", xdata, () => xdata.add_(1));
    r.put("x.version2", x._version);
    r.put("x", x);
    r.refused("ad.add_", ad, () => ad.add_(1));
    r.refused("adata.add_", adata, () => adata.add_(1));
    const d = a.detach();
    r.put("d", d);
    r.put("d.version", d._version);
    r.refused("d.add_", d, () => d.add_(1));
    r.put("a", a);
    r.refused("d.view.add_", d, () => d.index("1:").add_(1));
    r.put("d.view", d.index("1:"));
    r.refused("d.detach.add_", d, () => d.detach().add_(1));
    r.refused("a.data.add_", a, () => a.data.add_(1));
    r.error("d*xr", () => d.mul(xr));
    r.error("d.requiresGrad_", () => d.requiresGrad_());
  },

  "requires-grad": (r) => {
    const a = torch.inferenceMode(() => {
      const a = torch.ones(2);
      const b = torch.ones(2).requiresGrad_();
      r.put("inside", b);
      r.put("inside.factory", torch.ones([2], { requiresGrad: true }));
      return a;
    });
    r.error("requiresGrad_", () => a.requiresGrad_());
    r.put("a", a);
    r.error("requiresGrad_(False)", () => a.requiresGrad_(false));
    r.error("view.requiresGrad_", () => a.index("1:").requiresGrad_());
    r.error("int.requiresGrad_False", () => torch.arange(2).requiresGrad_(false));
  },

  "saved-for-backward": (r) => {
    const a = torch.inferenceMode(() => ft([1, 2, 3]));
    const xr = ft([0.5, 1.5, 2.5], true);
    r.error("a*xr", () => a.mul(xr));
    r.error("xr*a", () => xr.mul(a));
    r.error("xr/a", () => xr.div(a));
    r.error("a/xr", () => a.div(xr));
    r.error("xr.pow(a)", () => xr.pow(a));
    r.error("a@xr", () => a.matmul(xr));
    r.error("xr.exp()*a", () => xr.exp().mul(a));
    r.put("a+xr", a.add(xr));
    r.put("xr-a", xr.sub(a));
    r.put("xr.add(a,alpha)", xr.add(a, { alpha: 2 }));
    r.put("a.sum()*xr", a.sum().mul(xr));
    r.put("a.clone()*xr", a.clone().mul(xr));
    r.put("xr*2", xr.mul(2));
    const y = xr.mul(1);
    r.refused("y.mul_(a)", y, () => y.mul_(a));
    a.add(xr).sum().backward();
    r.put("grad", xr.grad);
    r.error("noGrad a*xr", () => noGrad(() => a.mul(xr)));
  },

  "enable-grad-inside": (r) => {
    const xr = ft([1, 2], true);
    torch.inferenceMode(() =>
      torch.enableGrad(() => {
        r.put("grad", torch.isGradEnabled());
        r.put("mode", torch.isInferenceModeEnabled());
        r.put("y", xr.mul(2));
      }),
    );
  },

  "inference-mode-false": (r) => {
    torch.inferenceMode(() => {
      const a = torch.ones(2);
      inferenceFalse(() => {
        r.put("mode", torch.isInferenceModeEnabled());
        r.put("grad", torch.isGradEnabled());
        r.put("ones", torch.ones(2));
        r.put("a+1", a.add(1));
        r.put("a.view", a.index("1:"));
      });
      r.put("mode.restored", torch.isInferenceModeEnabled());
      r.put("grad.restored", torch.isGradEnabled());
    });
    noGrad(() => {
      inferenceFalse(() => {
        r.put("underNoGrad.grad", torch.isGradEnabled());
        r.put("underNoGrad.ones", torch.ones(1));
      });
      r.put("underNoGrad.restored", torch.isGradEnabled());
    });
    r.put("mode.end", torch.isInferenceModeEnabled());
  },

  "errors-restore-mode": (r) => {
    r.error("throw", () =>
      torch.inferenceMode(() => {
        throw new torch.RuntimeError("boom");
      }),
    );
    r.put("mode", torch.isInferenceModeEnabled());
    r.put("grad", torch.isGradEnabled());
    r.put("ones", torch.ones(1));
  },
};

const recorded = fixture.scenarios as unknown as Record<string, Record<string, Json>>;

describe(`inference tensors against PyTorch ${fixture.torch}`, () => {
  it("covers every recorded scenario", () => expect(Object.keys(SCENARIOS).sort()).toEqual(Object.keys(recorded).sort()));
  for (const [id, program] of Object.entries(SCENARIOS)) {
    it(id, () => {
      const r = new Rec();
      program(r);
      // float32 values (exp) come back as the same doubles: compare exactly
      expect(r.out).toEqual(recorded[id]);
      expect(Object.keys(r.out)).toEqual(Object.keys(recorded[id] as object));
    });
  }
});
