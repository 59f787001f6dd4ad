// Tensor creation snippets of the tutorials in shared/reference/pytorch-tutorials/, ported line by
// line; every expected string is what PyTorch 1.13 printed (tooling/fixtures/gen_tutorials.py).
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";

import { recorder, snippets, dtype, size, throwsLike } from "./recorded.js";

const { snippet, used } = recorder();

describe("tutorial 000: 张量的创建", () => {
  it("dm01_create_tensor: torch.tensor of a scalar, a vector and a matrix", () => {
    const py = snippet("000/create/dm01_create_tensor");
    const data1 = torch.tensor(3);
    expect(String(data1)).toBe(py("data1"));
    expect(dtype(data1)).toBe(py("data1.dtype"));
    expect(size(data1.shape)).toBe(py("data1.shape"));
    const data2 = torch.tensor([3]);
    expect(String(data2)).toBe(py("data2"));
    expect(dtype(data2)).toBe(py("data2.dtype"));
    expect(size(data2.shape)).toBe(py("data2.shape"));
    const data3 = torch.tensor([3, 4, 6]);
    expect(String(data3)).toBe(py("data3"));
    expect(dtype(data3)).toBe(py("data3.dtype"));
    expect(size(data3.shape)).toBe(py("data3.shape"));
    const data4 = torch.tensor([[1, 2, 3], [4, 5, 6]]);
    expect(String(data4)).toBe(py("data4"));
    expect(dtype(data4)).toBe(py("data4.dtype"));
    expect(size(data4.shape)).toBe(py("data4.shape"));
  });

  it("dm02_Tensor: torch.Tensor from a shape and from data", () => {
    const py = snippet("000/create/dm02_Tensor");
    const data1 = torch.Tensor(2, 3); // uninitialised values: structure only
    expect(dtype(data1)).toBe(py("data1.dtype"));
    expect(size(data1.shape)).toBe(py("data1.shape"));
    expect(String(torch.Tensor([3, 4]))).toBe(py("data2"));
    expect(String(torch.Tensor([[1, 2, 3], [4, 5, 6]]))).toBe(py("data3"));
  });

  it("dm03_torch_IntTensor: IntTensor truncates, FloatTensor/DoubleTensor from a shape", () => {
    const py = snippet("000/create/dm03_torch_IntTensor");
    expect(String(torch.IntTensor([2.7, 3.5]))).toBe(py("data1"));
    const data2 = torch.FloatTensor(2, 3);
    expect(dtype(data2)).toBe(py("data2.dtype"));
    expect(size(data2.shape)).toBe(py("data2.shape"));
    const data3 = torch.DoubleTensor(2, 3);
    expect(dtype(data3)).toBe(py("data3.dtype"));
    expect(size(data3.shape)).toBe(py("data3.shape"));
  });

  it("dm04_line_Tensor: arange and linspace", () => {
    const py = snippet("000/create/dm04_line_Tensor");
    expect(String(torch.arange(0, 5, 2))).toBe(py("data1"));
    expect(String(torch.linspace(0, 10, 3))).toBe(py("data2"));
  });

  it("dm05_rand_Tensor: onesLike / zerosLike (torch.rand input replaced by fixed data)", () => {
    const py = snippet("000/create/dm05_rand_Tensor_like");
    // fixed data: what torch.manual_seed(2); torch.rand(2, 3) draws in PyTorch 1.13
    const data1 = torch.tensor([[0.6147, 0.381, 0.6371], [0.4745, 0.7136, 0.619]]);
    expect(String(torch.onesLike(data1))).toBe(py("ones_like"));
    expect(String(torch.zerosLike(data1))).toBe(py("zeros_like"));
  });
});

describe("tutorial 002: 2 张量创建", () => {
  it("2.2 torch.tensor: a scalar and a list of floats", () => {
    const py = snippet("002/create/2.2_tensor");
    expect(String(torch.tensor(10))).toBe(py("scalar"));
    // Python's 10. is a float; JS's 10. is 10 (API.md rule 4b), so the dtype is spelled out.
    const data = torch.tensor([[10, 20, 30], [40, 50, 60]], { dtype: torch.float32 });
    expect(String(data)).toBe(py("float_list"));
  });

  it("2.2 torch.Tensor: from a shape, from [10], from [10, 20]", () => {
    const py = snippet("002/create/2.2_Tensor");
    const data = torch.Tensor(2, 3);
    expect(dtype(data)).toBe(py("shape.dtype"));
    expect(size(data.shape)).toBe(py("shape.shape"));
    expect(String(torch.Tensor([10]))).toBe(py("[10]"));
    expect(String(torch.Tensor([10, 20]))).toBe(py("[10, 20]"));
  });

  it("2.2 torch.IntTensor and the other legacy constructors", () => {
    const py = snippet("002/create/2.2_IntTensor");
    const data = torch.IntTensor(2, 3);
    expect(dtype(data)).toBe(py("shape.dtype"));
    expect(size(data.shape)).toBe(py("shape.shape"));
    expect(String(torch.IntTensor([2.5, 3.3]))).toBe(py("[2.5, 3.3]"));
    expect(String(torch.ShortTensor())).toBe(py("ShortTensor()"));
    expect(String(torch.LongTensor())).toBe(py("LongTensor()"));
    expect(String(torch.FloatTensor())).toBe(py("FloatTensor()"));
    expect(String(torch.DoubleTensor())).toBe(py("DoubleTensor()"));
  });

  it("2.3 arange(0, 10, 2) and linspace(0, 9, 10)", () => {
    const py = snippet("002/create/2.3_arange_linspace");
    expect(String(torch.arange(0, 10, 2))).toBe(py("arange"));
    expect(String(torch.linspace(0, 9, 10))).toBe(py("linspace"));
  });

  it("2.4 zeros and zerosLike", () => {
    const py = snippet("002/create/2.4_zeros");
    let data = torch.zeros(2, 3);
    expect(String(data)).toBe(py("zeros"));
    data = torch.zerosLike(data);
    expect(String(data)).toBe(py("zeros_like"));
  });

  it("2.4 ones and onesLike", () => {
    const py = snippet("002/create/2.4_ones");
    let data = torch.ones(2, 3);
    expect(String(data)).toBe(py("ones"));
    data = torch.onesLike(data);
    expect(String(data)).toBe(py("ones_like"));
  });

  it("2.4 full and fullLike", () => {
    const py = snippet("002/create/2.4_full");
    let data = torch.full([2, 3], 10);
    expect(String(data)).toBe(py("full"));
    data = torch.fullLike(data, 20);
    expect(String(data)).toBe(py("full_like"));
  });
});

describe("tutorial 003: Introduction to tensors", () => {
  it("scalar: tensor(7), ndim, item()", () => {
    const py = snippet("003/create/scalar");
    const scalar = torch.tensor(7);
    expect(String(scalar)).toBe(py("scalar"));
    expect(scalar.ndim).toBe(py("ndim"));
    expect(scalar.item()).toBe(py("item"));
  });

  it("vector: tensor([7, 7]), ndim, shape", () => {
    const py = snippet("003/create/vector");
    const vector = torch.tensor([7, 7]);
    expect(String(vector)).toBe(py("vector"));
    expect(vector.ndim).toBe(py("ndim"));
    expect(size(vector.shape)).toBe(py("shape"));
  });

  it("MATRIX: tensor([[7, 8], [9, 10]]), ndim, shape", () => {
    const py = snippet("003/create/MATRIX");
    const MATRIX = torch.tensor([[7, 8], [9, 10]]);
    expect(String(MATRIX)).toBe(py("MATRIX"));
    expect(MATRIX.ndim).toBe(py("ndim"));
    expect(size(MATRIX.shape)).toBe(py("shape"));
  });

  it("TENSOR: a 1x3x3 tensor", () => {
    const py = snippet("003/create/TENSOR_1x3x3");
    const TENSOR = torch.tensor([[[1, 2, 3], [3, 6, 9], [2, 4, 6]]]);
    expect(String(TENSOR)).toBe(py("TENSOR"));
    expect(TENSOR.ndim).toBe(py("ndim"));
    expect(size(TENSOR.shape)).toBe(py("shape"));
  });

  it("TENSOR: a 1x3x2 tensor", () => {
    const py = snippet("003/create/TENSOR_1x3x2");
    const TENSOR = torch.tensor([[[1, 2], [3, 6], [2, 4]]]);
    expect(TENSOR.ndim).toBe(py("ndim"));
    expect(size(TENSOR.shape)).toBe(py("shape"));
  });

  it("TENSOR: a 2x3x2 tensor", () => {
    const py = snippet("003/create/TENSOR_2x3x2");
    const TENSOR = torch.tensor([[[1, 2], [3, 6], [2, 4]], [[1, 2], [3, 6], [2, 4]]]);
    expect(String(TENSOR)).toBe(py("TENSOR"));
    expect(TENSOR.ndim).toBe(py("ndim"));
    expect(size(TENSOR.shape)).toBe(py("shape"));
  });

  it("TENSOR: ragged nested lists are refused with PyTorch's ValueError", () => {
    const py = snippet("003/create/TENSOR_ragged");
    throwsLike(() => torch.tensor([[[1, 2], [3, 6], [2, 4]], [[1, 2], [3, 6], [2, 4], [2, 4]]]), py("ragged"));
  });

  it("Zeros and ones: zeros([3, 4]), ones([3, 4]) and its dtype", () => {
    const py = snippet("003/create/zeros_ones");
    const zeros = torch.zeros([3, 4]);
    expect(String(zeros)).toBe(py("zeros"));
    const ones = torch.ones([3, 4]);
    expect(String(ones)).toBe(py("ones"));
    expect(dtype(ones)).toBe(py("ones.dtype"));
  });

  it("Creating a range of tensors and tensors-like", () => {
    const py = snippet("003/create/range_like");
    const oneToTen = torch.arange(1, 11, 1);
    expect(String(oneToTen)).toBe(py("one_to_ten"));
    expect(String(torch.zerosLike(oneToTen))).toBe(py("zeros_like"));
    expect(String(torch.onesLike(oneToTen))).toBe(py("ones_like"));
  });
});

describe("tutorial 004: torch.gather's inputs", () => {
  it("b = torch.Tensor([[1,2,3],[4,5,6]]) and LongTensor indices", () => {
    const py = snippet("004/create/Tensor_2x3");
    expect(String(torch.Tensor([[1, 2, 3], [4, 5, 6]]))).toBe(py("b"));
    expect(String(torch.LongTensor([[0, 1], [2, 0]]))).toBe(py("index_1"));
    expect(String(torch.LongTensor([[0, 1, 1], [0, 0, 0]]))).toBe(py("index_2"));
  });
});

it("covers every recorded creation snippet", () => {
  const all = Object.keys(snippets).filter((id) => id.includes("/create/"));
  expect([...used].sort()).toEqual(all.sort());
});
