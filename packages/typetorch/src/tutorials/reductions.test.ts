// Reduction snippets (mean, sum, max/min with dim, argmax/argmin) of the tutorials in
// shared/reference/pytorch-tutorials/; every expected string is what PyTorch 1.13 printed.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";

import { recorder, snippets } from "./recorded.js";

const { snippet, used } = recorder();

/** fixed data for 002 §5: torch.randint(0, 10, [2, 3], dtype=torch.float64) after manual_seed(0). */
const section5 = (): torch.Tensor => torch.tensor([[4, 9, 3], [0, 3, 9]], { dtype: torch.float64 });

describe("tutorial 002: 5 张量运算函数", () => {
  it("5 mean(), mean(0) (按列), mean(1) (按行)", () => {
    const py = snippet("002/reductions/5_mean");
    const data = section5();
    expect(String(data)).toBe(py("data"));
    expect(String(data.mean())).toBe(py("mean"));
    expect(String(data.mean({ dim: 0 }))).toBe(py("mean(0)"));
    expect(String(data.mean({ dim: 1 }))).toBe(py("mean(1)"));
  });

  it("5 sum(), sum(0), sum(1)", () => {
    const py = snippet("002/reductions/5_sum");
    const data = section5();
    expect(String(data.sum())).toBe(py("sum"));
    expect(String(data.sum({ dim: 0 }))).toBe(py("sum(0)"));
    expect(String(data.sum({ dim: 1 }))).toBe(py("sum(1)"));
  });

  it("5 min/max(dim=): values and indices, and the return_types repr", () => {
    const py = snippet("002/reductions/5_min_max_dim");
    const data = section5();
    expect(String(data.max())).toBe(py("max"));
    expect(String(data.min())).toBe(py("min"));
    let { values, indices } = data.max({ dim: 0 });
    expect(String(values)).toBe(py("max(0).values"));
    expect(String(indices)).toBe(py("max(0).indices"));
    ({ values, indices } = data.max(1));
    expect(String(values)).toBe(py("max(1).values"));
    expect(String(indices)).toBe(py("max(1).indices"));
    ({ values, indices } = data.min(0));
    expect(String(values)).toBe(py("min(0).values"));
    expect(String(indices)).toBe(py("min(0).indices"));
    ({ values, indices } = data.min({ dim: 1 }));
    expect(String(values)).toBe(py("min(1).values"));
    expect(String(indices)).toBe(py("min(1).indices"));
    expect(String(data.max({ dim: 1 }))).toBe(py("repr(max(1))"));
  });

  it("5 mean() of an integer tensor is refused (注意: tensor 必须为 Float 或者 Double 类型)", () => {
    const py = snippet("002/reductions/5_mean_int_error");
    const data = torch.tensor([[4, 9, 3], [0, 3, 9]]);
    // typetorch keeps PyTorch's message and may append a hint (API.md rule 4b)
    expect(() => data.mean()).toThrow(String(py("mean")).replace(/^RuntimeError: /, ""));
    expect(() => data.mean()).toThrow(torch.RuntimeError);
  });
});

describe("tutorial 003: Finding the min, max, mean & sum", () => {
  it("min, max, mean (after .type(torch.float32)) and sum of arange(0, 100, 10)", () => {
    const py = snippet("003/reductions/min_max_mean_sum");
    const x = torch.arange(0, 100, 10);
    expect(String(x)).toBe(py("x"));
    expect(String(x.min())).toBe(py("min"));
    expect(String(x.max())).toBe(py("max"));
    expect(String(x.type(torch.float32).mean())).toBe(py("mean"));
    expect(String(x.sum())).toBe(py("sum"));
    // Python's f"{t}" formats a 0-d tensor as its item; the JS spelling is `${t.item()}`.
    expect(`Minimum: ${x.min().item()}`).toBe(py("f_min"));
    expect(`Maximum: ${x.max().item()}`).toBe(py("f_max"));
    expect(`Sum: ${x.sum().item()}`).toBe(py("f_sum"));
    // Python prints the float 45.0 as "45.0", JS prints 45 as "45": compare the number.
    expect(x.type(torch.float32).mean().item()).toBe(Number(String(py("f_mean")).replace("Mean: ", "")));
    expect(String(torch.min(x))).toBe(py("torch.min"));
    expect(String(torch.max(x))).toBe(py("torch.max"));
    expect(String(torch.mean(x.type(torch.float32)))).toBe(py("torch.mean"));
    expect(String(torch.sum(x))).toBe(py("torch.sum"));
    expect(() => x.mean()).toThrow(String(py("int_mean")).replace(/^RuntimeError: /, ""));
  });

  it("argmax / argmin of arange(10, 100, 10)", () => {
    const py = snippet("003/reductions/argmax_argmin");
    const tensor = torch.arange(10, 100, 10);
    expect(`Tensor: ${String(tensor)}`).toBe(`Tensor: ${py("tensor")}`);
    expect(String(tensor.argmax())).toBe(py("argmax"));
    expect(String(tensor.argmin())).toBe(py("argmin"));
    expect(`Index where max value occurs: ${tensor.argmax().item()}`).toBe(py("f_argmax"));
    expect(`Index where min value occurs: ${tensor.argmin().item()}`).toBe(py("f_argmin"));
  });
});

describe("tutorial 004: softmax accuracy", () => {
  it("y_hat.argmax(dim=1) == y, .float().mean().item()", () => {
    const py = snippet("004/reductions/accuracy");
    const yHat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
    const y = torch.LongTensor([0, 2]);
    expect(String(y)).toBe(py("y"));
    expect(String(y.view(-1, 1))).toBe(py("y.view"));
    expect(String(yHat.argmax({ dim: 1 }))).toBe(py("argmax"));
    expect(String(yHat.argmax({ dim: 1 }).eq(y))).toBe(py("eq"));
    expect(String(yHat.argmax({ dim: 1 }).eq(y).float())).toBe(py("float"));
    expect(String(yHat.argmax({ dim: 1 }).eq(y).float().mean())).toBe(py("mean"));
    const accuracy = (yHat: torch.Tensor, y: torch.Tensor): number =>
      yHat.argmax({ dim: 1 }).eq(y).float().mean().item() as number;
    expect(accuracy(yHat, y)).toBe(py("item"));
  });
});

it("covers every recorded reduction snippet", () => {
  const all = Object.keys(snippets).filter((id) => id.includes("/reductions/"));
  expect([...used].sort()).toEqual(all.sort());
});
