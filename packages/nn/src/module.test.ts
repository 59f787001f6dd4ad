// Module and Parameter: the registration rule, modes, bulk operations, conversion, hooks and the
// state-dict round trip, written as PyTorch's documentation would show them.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";
import * as nn from "@typetorch/nn";

class TwoLayer extends nn.Module {
  fc1 = new nn.Linear(3, 4);
  act = new nn.ReLU();
  fc2: nn.Linear;
  cache: Tensor = torch.zeros(1); // a plain tensor attribute: not state
  list: nn.Module[] = [new nn.Linear(1, 1)]; // a plain array: not registered (use ModuleList)
  constructor() {
    super();
    this.fc2 = new nn.Linear(4, 2);
  }
  override forward(x: Tensor): Tensor {
    return this.fc2.call(this.act.call(this.fc1.call(x)));
  }
}

describe("nn.Parameter", () => {
  it("is a leaf that requires grad and shares its data's storage; with or without new", () => {
    const data = torch.ones(2, 2);
    const p = new nn.Parameter(data);
    const q = nn.Parameter(data, false);
    expect(p.requiresGrad).toBe(true);
    expect(q.requiresGrad).toBe(false);
    expect(p.isLeaf).toBe(true);
    expect(p.sharesStorage(data)).toBe(true);
    expect(p instanceof nn.Parameter && nn.isParameter(q)).toBe(true);
    expect(data instanceof nn.Parameter).toBe(false);
    expect(nn.isParameter(p.add(1))).toBe(false);
  });
  it("prints as PyTorch's", () => {
    expect(String(nn.Parameter(torch.tensor([1.5, 2])))).toBe("Parameter containing:\ntensor([1.5000, 2.0000], requires_grad=True)");
  });
});

describe("registration by assignment", () => {
  it("class fields and constructor assignments register in order; plain tensors and arrays do not", () => {
    const m = new TwoLayer();
    expect(m.namedChildren().map(([n]) => n)).toEqual(["fc1", "act", "fc2"]);
    expect(m.namedParameters().map(([n]) => n)).toEqual(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]);
    expect(m.buffers()).toEqual([]);
  });
  it("reassigning a parameter keeps its place; null keeps the slot but leaves the state dict", () => {
    const lin = new nn.Linear(2, 3);
    lin.weight = nn.Parameter(torch.zeros(3, 2));
    expect(lin.namedParameters().map(([n]) => n)).toEqual(["weight", "bias"]);
    expect(lin.weight.sum().item()).toBe(0);
    lin.bias = null;
    expect(Object.keys(lin.stateDict())).toEqual(["weight"]);
    expect(String(lin)).toBe("Linear(in_features=2, out_features=3, bias=False)");
  });
  it("assigning a tensor to a registered buffer replaces the buffer; delete unregisters", () => {
    const m = new nn.Module();
    m.registerBuffer("avg", torch.zeros(2));
    (m as unknown as { avg: Tensor }).avg = torch.ones(2);
    expect(m.buffers()[0]!.tolist()).toEqual([1, 1]);
    m.addModule("child", new nn.ReLU());
    delete (m as unknown as { child?: nn.Module }).child;
    expect(m.children()).toEqual([]);
  });
  it("a refused assignment leaves the parameter in place", () => {
    const lin = new nn.Linear(2, 2);
    const w = lin.weight;
    expect(() => {
      lin.weight = torch.zeros(2, 2);
    }).toThrow(torch.TorchTypeError);
    expect(lin.weight).toBe(w);
    expect(lin.parameters()[0]).toBe(w);
  });
  it("a module shared under two names is traversed once", () => {
    const shared = new nn.Linear(2, 2);
    const seq = new nn.Sequential(shared, new nn.ReLU(), shared);
    expect(seq.parameters().length).toBe(2);
    expect(seq.modules().length).toBe(3);
    expect(Object.keys(seq.stateDict())).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
  });
  it("subclasses may keep #private state (it lives on the proxy, which is `this` everywhere)", () => {
    class Counter extends nn.Module {
      #calls = 0;
      lin = new nn.Linear(1, 1);
      override forward(x: Tensor): Tensor {
        this.#calls++;
        return this.lin.call(x);
      }
      get calls(): number {
        return this.#calls;
      }
    }
    const m = new Counter();
    m.call(torch.ones(1, 1));
    m.call(torch.ones(1, 1));
    expect(m.calls).toBe(2);
    expect(m.parameters().length).toBe(2);
  });
  it("getSubmodule follows dotted paths", () => {
    const seq = new nn.Sequential(new nn.Sequential(new nn.Linear(1, 2)));
    expect(seq.getSubmodule("0.0")).toBeInstanceOf(nn.Linear);
  });
});

describe("modes and bulk operations", () => {
  it("train() and eval() reach every submodule", () => {
    const m = new TwoLayer();
    m.eval();
    expect(m.modules().every((x) => !x.training)).toBe(true);
    m.train();
    expect(m.modules().every((x) => x.training)).toBe(true);
  });
  it("apply visits children before their parent", () => {
    const order: string[] = [];
    new TwoLayer().apply((x) => void order.push(x.constructor.name));
    expect(order).toEqual(["Linear", "ReLU", "Linear", "TwoLayer"]);
  });
  it("zeroGrad drops gradients (setToNone, PyTorch 2's default) or zeroes them", () => {
    const m = new TwoLayer();
    m.call(torch.ones(2, 3)).sum().backward();
    expect(m.parameters().every((p) => p.grad !== null)).toBe(true);
    m.zeroGrad({ setToNone: false });
    expect(m.parameters().every((p) => p.grad !== null && p.grad.abs().sum().item() === 0)).toBe(true);
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });
  it("requiresGrad_(false) freezes every parameter", () => {
    const m = new TwoLayer().requiresGrad_(false);
    expect(m.parameters().some((p) => p.requiresGrad)).toBe(false);
    expect(m.call(torch.ones(1, 3)).requiresGrad).toBe(false);
  });
  it("double() converts parameters in place (same objects) and leaves integer buffers alone", () => {
    const bn = new nn.BatchNorm1d(2);
    const seq = new nn.Sequential(new nn.Linear(2, 2), bn);
    const w = seq.parameters()[0]!;
    seq.double();
    expect(seq.parameters()[0]).toBe(w);
    expect(w.dtype).toBe("float64");
    expect(bn.runningMean!.dtype).toBe("float64");
    expect(bn.numBatchesTracked!.dtype).toBe("int64");
    expect(seq.to(torch.float32).call(torch.ones(3, 2)).dtype).toBe("float32");
  });
});

describe("call and hooks", () => {
  it("forward pre-hooks may replace the arguments, forward hooks the output; handles remove them", () => {
    const lin = new nn.Linear(2, 1);
    const pre = lin.registerForwardPreHook((_m, args) => [(args[0] as Tensor).mul(0)]);
    const post = lin.registerForwardHook((_m, _args, out) => (out as Tensor).add(100));
    const y = lin.call(torch.ones(1, 2));
    expect(y.sub(lin.bias!).item()).toBeCloseTo(100, 5);
    pre.remove();
    post.remove();
    expect(lin.call(torch.ones(1, 2)).item()).toBeCloseTo(lin.forward(torch.ones(1, 2)).item() as number, 7);
  });
});

describe("state dict", () => {
  it("round-trips between two models; loading copies values into the same parameter objects", () => {
    const a = new TwoLayer();
    const b = new TwoLayer();
    const w = b.fc1.weight;
    expect(b.loadStateDict(a.stateDict())).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(b.fc1.weight).toBe(w);
    const x = torch.randn(4, 3);
    expect(b.call(x).equal(a.call(x))).toBe(true);
  });
  it("holds detached views of the parameters (keepVars keeps the parameters themselves)", () => {
    const lin = new nn.Linear(2, 2);
    const sd = lin.stateDict();
    expect(sd.weight!.requiresGrad).toBe(false);
    expect(sd.weight!.sharesStorage(lin.weight)).toBe(true);
    expect(lin.stateDict({ keepVars: true }).weight).toBe(lin.weight);
  });
  it("BatchNorm loads an old checkpoint without num_batches_tracked as 0, as PyTorch", () => {
    const bn = new nn.BatchNorm1d(2);
    bn.call(torch.randn(4, 2));
    const sd = new nn.BatchNorm1d(2).stateDict();
    delete sd.num_batches_tracked;
    expect(bn.loadStateDict(sd).missingKeys).toEqual([]);
    expect(Number(bn.numBatchesTracked!.item())).toBe(0);
  });
});
