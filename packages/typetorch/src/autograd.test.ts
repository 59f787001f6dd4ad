import { describe, expect, it } from "vitest";
import * as torch from "typetorch";

describe("autograd basics", () => {
  it("y = 2 * x**2 scalar", () => {
    const x = torch.tensor(10, { requiresGrad: true, dtype: torch.float32 });
    const y = x.pow(2).mul(2);
    expect(y.gradFn?.name()).toBe("MulBackward0");
    y.sum().backward();
    expect(String(x.grad)).toBe("tensor(40.)");
  });
  it("vector, matmul, views", () => {
    const x = torch.tensor([10, 20], { requiresGrad: true, dtype: torch.float32 });
    x.pow(2).mul(2).sum().backward();
    expect(String(x.grad)).toBe("tensor([40., 80.])");
    const a = torch.tensor([[1, 2], [3, 4]], { dtype: torch.float64, requiresGrad: true });
    const b = torch.tensor([[1, 0], [2, 1]], { dtype: torch.float64, requiresGrad: true });
    a.mm(b).t().narrow(0, 0, 1).sum().backward();
    expect(a.grad?.tolist()).toEqual([[1, 2], [1, 2]]);
    expect(b.grad?.tolist()).toEqual([[4, 0], [6, 0]]);
  });
});
