// Printing snippets (print(x), shape/dtype/device reports) of the tutorials in
// shared/reference/pytorch-tutorials/; every expected string is what PyTorch 1.13 printed.
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";

import { recorder, snippets, dtype, size } from "./recorded.js";

const { snippet, used } = recorder();

describe("tutorial 001: 3.1 张量", () => {
  it("print(x_data) and x_data.shape for torch.tensor([[1, 2], [3, 4]])", () => {
    const py = snippet("001/printing/x_data");
    const data = [[1, 2], [3, 4]];
    const xData = torch.tensor(data);
    expect(String(xData)).toBe(py("x_data"));
    expect(size(xData.shape)).toBe(py("x_data.shape"));
  });
});

describe("tutorial 003: tensor attributes and devices", () => {
  it("shape, dtype and device of some_tensor (torch.rand(3, 4) replaced by fixed data)", () => {
    const py = snippet("003/printing/tensor_attributes");
    // fixed data: the values the tutorial printed for its torch.rand(3, 4)
    const someTensor = torch.tensor([
      [0.4688, 0.0055, 0.8551, 0.0646],
      [0.6538, 0.5157, 0.4071, 0.2109],
      [0.996, 0.3061, 0.9369, 0.7008],
    ]);
    expect(String(someTensor)).toBe(py("some_tensor"));
    expect(`Shape of tensor: ${size(someTensor.shape)}`).toBe(py("shape"));
    expect(`Datatype of tensor: ${dtype(someTensor)}`).toBe(py("dtype"));
    expect(`Device tensor is stored on: ${someTensor.device}`).toBe(py("device"));
  });

  it("tensor.device and tensor.to(device) on a machine without CUDA", () => {
    const py = snippet("003/printing/device");
    const device = "cpu"; // torch.cuda.is_available() is False on the oracle machine
    const tensor = torch.tensor([1, 2, 3]);
    expect(String(tensor)).toBe(py("tensor"));
    expect(String(tensor.device)).toBe(py("device"));
    const tensorOnDevice = tensor.to(device);
    expect(String(tensorOnDevice)).toBe(py("to(cpu)"));
  });
});

describe("tutorial 004: Tensor转Numpy (the tensor side)", () => {
  it("a = torch.ones(5); a += 1 (add_) twice", () => {
    const py = snippet("004/printing/ones_5");
    const a = torch.ones(5);
    expect(String(a)).toBe(py("a"));
    a.add_(1); // Python's a += 1
    expect(String(a)).toBe(py("a+=1"));
    a.add_(1);
    expect(String(a)).toBe(py("a+=1 again"));
  });
});

it("covers every recorded printing snippet", () => {
  const all = Object.keys(snippets).filter((id) => id.includes("/printing/"));
  expect([...used].sort()).toEqual(all.sort());
});
