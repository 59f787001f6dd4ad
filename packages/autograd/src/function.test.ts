import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import type { Tensor } from "typetorch";

class Exp extends torch.autograd.Function {
  static forward(ctx: torch.autograd.FunctionCtx, x: Tensor): Tensor {
    const y = x.exp();
    ctx.saveForBackward(y);
    return y;
  }
  static backward(ctx: torch.autograd.FunctionCtx, g: Tensor): Tensor {
    const [y] = ctx.savedTensors;
    return g.mul(y as Tensor);
  }
}

describe("smoke", () => {
  it("Exp", () => {
    const x = torch.tensor([1, 2, 3], { dtype: "float64", requiresGrad: true });
    const y = Exp.apply(x);
    expect(y.gradFn?.name()).toBe("ExpBackward");
    y.sum().backward();
    console.log(x.grad?.tolist());
  });
});
