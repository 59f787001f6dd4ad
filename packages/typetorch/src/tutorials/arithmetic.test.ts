// Arithmetic snippets (elementwise, in-place `_` ops) of the tutorials in
// shared/reference/pytorch-tutorials/; every expected string is what PyTorch 1.13 printed.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";

import { recorder, snippets, throwsLike } from "./recorded.js";

const { snippet, used } = recorder();

describe("tutorial 000: 张量数值计算", () => {
  it("dm01_basic_operation: add, sub, mul, div, neg", () => {
    const py = snippet("000/arithmetic/dm01_basic_operation");
    // torch.manual_seed(2); torch.randint(0, 10, (2, 3)) replaced by the values PyTorch 1.13 draws.
    const data = torch.tensor([[8, 7, 1], [4, 8, 9]]);
    expect(String(data)).toBe(py("data"));
    expect(String(data.add(10))).toBe(py("add"));
    expect(String(data.sub(100))).toBe(py("sub"));
    expect(String(data.mul(100))).toBe(py("mul"));
    expect(String(data.div(100))).toBe(py("div"));
    expect(String(data.neg())).toBe(py("neg"));
  });

  it("点乘运算: torch.mul(data1, data2) and data * 3", () => {
    const py = snippet("000/arithmetic/mul_and_times_3");
    const data1 = torch.tensor([[1, 2], [3, 4]]);
    const data2 = torch.tensor([[5, 6], [7, 8]]);
    expect(String(torch.mul(data1, data2))).toBe(py("torch.mul"));
    expect(String(data1.mul(3))).toBe(py("data*3"));
  });
});

describe("tutorial 002: 4 张量数值计算", () => {
  it("4.1 add(10) leaves data unchanged, add_(10) modifies it, then sub/mul/div/neg", () => {
    const py = snippet("002/arithmetic/4.1_basic");
    // torch.randint(0, 10, [2, 3]) replaced by fixed data (what manual_seed(0) draws in 1.13).
    const data = torch.tensor([[4, 9, 3], [0, 3, 9]]);
    expect(String(data)).toBe(py("data"));
    const newData = data.add(10);
    expect(String(newData)).toBe(py("new_data"));
    expect(String(data)).toBe(py("data.unchanged"));
    data.add_(10);
    expect(String(data)).toBe(py("add_"));
    expect(String(data.sub(100))).toBe(py("sub"));
    expect(String(data.mul(100))).toBe(py("mul"));
    expect(String(data.div(100))).toBe(py("div"));
    expect(String(data.neg())).toBe(py("neg"));
  });

  it("4.1 sub_, mul_, neg_, div_ (and div_ refusing an integer tensor)", () => {
    const py = snippet("002/arithmetic/4.1_inplace_family");
    const data = torch.tensor([[4, 9, 3], [0, 3, 9]]);
    data.sub_(1);
    expect(String(data)).toBe(py("sub_"));
    data.mul_(2);
    expect(String(data)).toBe(py("mul_"));
    data.neg_();
    expect(String(data)).toBe(py("neg_"));
    const f = torch.tensor([[4, 9, 3], [0, 3, 9]], { dtype: torch.float32 });
    f.div_(2);
    expect(String(f)).toBe(py("div_"));
    throwsLike(() => torch.tensor([1, 2]).div_(2), py("int.div_"));
  });

  it("4.2 点乘运算: torch.mul(data1, data2) and data1 * data2", () => {
    const py = snippet("002/arithmetic/4.2_hadamard");
    const data1 = torch.tensor([[1, 2], [3, 4]]);
    const data2 = torch.tensor([[5, 6], [7, 8]]);
    expect(String(torch.mul(data1, data2))).toBe(py("torch.mul"));
    expect(String(data1.mul(data2))).toBe(py("star"));
  });

  it("5 torch.pow(data, 2) and data.sqrt()", () => {
    const py = snippet("002/arithmetic/5_pow_sqrt");
    // torch.randint(0, 10, [2, 3], dtype=torch.float64) replaced by fixed data (manual_seed(0)'s draw).
    const data = torch.tensor([[4, 9, 3], [0, 3, 9]], { dtype: torch.float64 });
    expect(String(torch.pow(data, 2))).toBe(py("pow"));
    expect(String(data.sqrt())).toBe(py("sqrt"));
  });

  it("5 data.exp(), log(), log2(), log10()", () => {
    const py = snippet("002/arithmetic/5_exp_log");
    const data = torch.tensor([[4, 9, 3], [0, 3, 9]], { dtype: torch.float64 });
    expect(String(data.exp())).toBe(py("exp"));
    expect(String(data.log())).toBe(py("log"));
    expect(String(data.log2())).toBe(py("log2"));
    expect(String(data.log10())).toBe(py("log10"));
  });
});

describe("tutorial 003: Manipulating tensors", () => {
  it("basic operations: tensor + 10, * 10, - 10 and torch.mul/torch.add", () => {
    const py = snippet("003/arithmetic/basic_operations");
    let tensor = torch.tensor([1, 2, 3]);
    expect(String(tensor.add(10))).toBe(py("tensor+10"));
    expect(String(tensor.mul(10))).toBe(py("tensor*10"));
    // Tensors don't change unless reassigned
    expect(String(tensor)).toBe(py("tensor.unchanged"));
    tensor = tensor.sub(10);
    expect(String(tensor)).toBe(py("tensor-10"));
    tensor = tensor.add(10);
    expect(String(tensor)).toBe(py("tensor+10.again"));
    expect(String(torch.mul(tensor, 10))).toBe(py("torch.mul"));
    expect(String(torch.add(tensor, 10))).toBe(py("torch.add"));
  });
});

it("covers every recorded arithmetic snippet", () => {
  const all = Object.keys(snippets).filter((id) => id.includes("/arithmetic/"));
  expect([...used].sort()).toEqual(all.sort());
});
