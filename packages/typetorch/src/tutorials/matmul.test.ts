// Matrix multiplication snippets of the tutorials in shared/reference/pytorch-tutorials/; every
// expected string (and error message) is what PyTorch 1.13 printed.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";

import { recorder, snippets, size, throwsLike } from "./recorded.js";

const { snippet, used } = recorder();

describe("tutorial 002: 4.3 矩阵乘法运算", () => {
  it("4.3 data1 @ data2 and torch.matmul(data1, data2)", () => {
    const py = snippet("002/matmul/4.3_matmul");
    const data1 = torch.tensor([[1, 2], [3, 4], [5, 6]]);
    const data2 = torch.tensor([[5, 6], [7, 8]]);
    const data3 = data1.matmul(data2); // Python's data1 @ data2
    expect(String(data3)).toBe(py("data3"));
    const data4 = torch.matmul(data1, data2);
    expect(String(data4)).toBe(py("data4"));
  });
});

describe("tutorial 003: Matrix multiplication", () => {
  it("vector: element-wise vs matmul/dot of tensor([1, 2, 3]); torch.mm refuses vectors", () => {
    const py = snippet("003/matmul/vector_matmul");
    const tensor = torch.tensor([1, 2, 3]);
    expect(size(tensor.shape)).toBe(py("shape"));
    expect(String(tensor.mul(tensor))).toBe(py("elementwise"));
    expect(String(torch.matmul(tensor, tensor))).toBe(py("matmul"));
    expect(String(tensor.matmul(tensor))).toBe(py("at"));
    expect(String(torch.dot(tensor, tensor))).toBe(py("dot"));
    throwsLike(() => torch.mm(tensor, tensor), py("mm"));
  });

  it("shape error: (3x2) @ (3x2) fails with PyTorch's message", () => {
    const py = snippet("003/matmul/shape_error");
    const tensorA = torch.tensor([[1, 2], [3, 4], [5, 6]], { dtype: torch.float32 });
    const tensorB = torch.tensor([[7, 10], [8, 11], [9, 12]], { dtype: torch.float32 });
    throwsLike(() => torch.matmul(tensorA, tensorB), py("matmul"));
    throwsLike(() => torch.mm(tensorA, tensorB), py("mm"));
  });

  it("the fix: transpose tensor_B so the inner dimensions match", () => {
    const py = snippet("003/matmul/transpose_fix");
    const tensorA = torch.tensor([[1, 2], [3, 4], [5, 6]], { dtype: torch.float32 });
    const tensorB = torch.tensor([[7, 10], [8, 11], [9, 12]], { dtype: torch.float32 });
    expect(String(tensorA)).toBe(py("tensor_A"));
    expect(String(tensorB.T)).toBe(py("tensor_B.T"));
    expect(size(tensorA.shape)).toBe(py("A.shape"));
    expect(size(tensorB.shape)).toBe(py("B.shape"));
    expect(size(tensorB.T.shape)).toBe(py("B.T.shape"));
    const output = torch.matmul(tensorA, tensorB.T);
    expect(String(output)).toBe(py("output"));
    expect(size(output.shape)).toBe(py("output.shape"));
    expect(String(torch.mm(tensorA, tensorB.T))).toBe(py("mm"));
    expect(String(torch.matmul(tensorA, torch.transpose(tensorB, 0, 1)))).toBe(py("transpose"));
    expect(String(torch.matmul(tensorA.T, tensorB))).toBe(py("A.T@B"));
  });
});

it("covers every recorded matmul snippet", () => {
  const all = Object.keys(snippets).filter((id) => id.includes("/matmul/"));
  expect([...used].sort()).toEqual(all.sort());
});
