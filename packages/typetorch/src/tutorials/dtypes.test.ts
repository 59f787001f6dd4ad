// dtype and conversion snippets of the tutorials in shared/reference/pytorch-tutorials/, ported
// line by line; every expected string is what PyTorch 1.13 printed (tooling/fixtures/gen_tutorials.py).
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";

import { recorder, snippets, dtype } from "./recorded.js";

const { snippet, used } = recorder();

describe("tutorial 000: 张量元素类型转换", () => {
  it("方式一 data.type(torch.XxxTensor) and 方式二 data.double()/short()/int()/long()/float()", () => {
    const py = snippet("000/dtypes/type_methods");
    const data = torch.full([2, 3], 10);
    expect(String(data.type(torch.DoubleTensor))).toBe(py("type(DoubleTensor)"));
    expect(String(data.type(torch.ShortTensor))).toBe(py("type(ShortTensor)"));
    expect(String(data.type(torch.IntTensor))).toBe(py("type(IntTensor)"));
    expect(String(data.type(torch.LongTensor))).toBe(py("type(LongTensor)"));
    expect(String(data.type(torch.FloatTensor))).toBe(py("type(FloatTensor)"));
    expect(String(data.double())).toBe(py("double()"));
    expect(String(data.short())).toBe(py("short()"));
    expect(String(data.int())).toBe(py("int()"));
    expect(String(data.long())).toBe(py("long()"));
    expect(String(data.float())).toBe(py("float()"));
  });

  it("tensor_type_cast: item() of a one-element tensor", () => {
    const py = snippet("000/convert/tensor_type_cast");
    let data = torch.tensor([30]);
    expect(data.item()).toBe(py("item1"));
    data = torch.tensor(30);
    expect(data.item()).toBe(py("item2"));
  });
});

describe("tutorial 002: 2.5 指定元素类型张量 and 3.3 提取标量张量的数值", () => {
  it("2.5 data.type(dtype)", () => {
    const py = snippet("002/dtypes/2.5_type");
    const data = torch.full([2, 3], 10);
    expect(dtype(data)).toBe(py("before"));
    expect(dtype(data.type(torch.DoubleTensor))).toBe(py("DoubleTensor"));
    expect(dtype(data.type(torch.ShortTensor))).toBe(py("ShortTensor"));
    expect(dtype(data.type(torch.IntTensor))).toBe(py("IntTensor"));
    expect(dtype(data.type(torch.LongTensor))).toBe(py("LongTensor"));
    expect(dtype(data.type(torch.FloatTensor))).toBe(py("FloatTensor"));
    expect(dtype(data.type(torch.float16))).toBe(py("float16"));
    expect(String(data.type(torch.float16))).toBe(py("float16.value"));
  });

  it("2.5 data.half()/float()/double()/short()/int()/long()", () => {
    const py = snippet("002/dtypes/2.5_methods");
    const data = torch.full([2, 3], 10);
    expect(dtype(data)).toBe(py("before"));
    expect(dtype(data.double())).toBe(py("double"));
    expect(dtype(data.short())).toBe(py("short"));
    expect(dtype(data.int())).toBe(py("int"));
    expect(dtype(data.long())).toBe(py("long"));
    expect(dtype(data.float())).toBe(py("float"));
    expect(dtype(data.half())).toBe(py("half"));
    expect(String(data.double())).toBe(py("double.value"));
  });

  it("3.3 item() of tensor([30,]) and tensor(30)", () => {
    const py = snippet("002/convert/3.3_item");
    let data = torch.tensor([30]);
    expect(data.item()).toBe(py("[30,]"));
    data = torch.tensor(30);
    expect(data.item()).toBe(py("30"));
  });
});

describe("tutorial 003: Tensor datatypes", () => {
  it("float_32_tensor: the default float dtype", () => {
    const py = snippet("003/dtypes/float_32_tensor");
    // Python's [3.0, 6.0, 9.0] are floats; in JS they are the integers 3, 6, 9 (API.md rule 4b), so
    // the port asks for float32 explicitly where Python passed dtype=None.
    let t = torch.tensor([3.0, 6.0, 9.0], { dtype: torch.float32 });
    expect(String(t)).toBe(py("t"));
    expect(dtype(t)).toBe(py("dtype"));
    t = torch.tensor([3.0, 6.0, 9.0], { dtype: torch.float32, device: "cpu", requiresGrad: false });
    expect(String(t)).toBe(py("t_full_options"));
    expect(dtype(t)).toBe(py("dtype_full_options"));
  });

  it("float16 tensor: dtype=torch.float16", () => {
    const py = snippet("003/dtypes/float16_tensor");
    const t = torch.tensor([3.0, 6.0, 9.0], { dtype: torch.float16 });
    expect(String(t)).toBe(py("t"));
    expect(dtype(t)).toBe(py("dtype"));
  });

  it("float_16_tensor = float_32_tensor.type(torch.float16)", () => {
    const py = snippet("003/dtypes/type_float16");
    const float32Tensor = torch.tensor([3.0, 6.0, 9.0], { dtype: torch.float32 });
    expect(String(float32Tensor.type(torch.float16))).toBe(py("float_16_tensor"));
  });

  it("promotion: float16 * float32, float32 * int64, float32 * long", () => {
    const py = snippet("003/dtypes/promotion_mul");
    const float32Tensor = torch.tensor([3.0, 6.0, 9.0], { dtype: torch.float32 });
    const float16Tensor = float32Tensor.type(torch.float16);
    let test = float16Tensor.mul(float32Tensor);
    expect(String(test)).toBe(py("f16*f32"));
    expect(dtype(test)).toBe(py("f16*f32.dtype"));
    const int32Tensor = torch.tensor([3, 6, 9], { dtype: torch.int64 });
    expect(String(int32Tensor)).toBe(py("int64"));
    expect(dtype(int32Tensor)).toBe(py("int64.dtype"));
    test = float32Tensor.mul(int32Tensor);
    expect(String(test)).toBe(py("f32*i64"));
    expect(dtype(test)).toBe(py("f32*i64.dtype"));
    const longTensor = torch.tensor([3, 6, 9], { dtype: torch.long });
    expect(String(longTensor)).toBe(py("long"));
    expect(dtype(longTensor)).toBe(py("long.dtype"));
    test = float32Tensor.mul(longTensor);
    expect(String(test)).toBe(py("f32*long"));
    expect(dtype(test)).toBe(py("f32*long.dtype"));
  });

  it("Changing the datatype: arange(10., 100., 10.) to float16 and int8", () => {
    const py = snippet("003/dtypes/change_dtype");
    // Python's 10. makes arange float32; JS needs the dtype spelled out (rule 4b).
    const tensor = torch.arange(10, 100, 10, { dtype: torch.float32 });
    expect(dtype(tensor)).toBe(py("dtype"));
    expect(String(tensor.type(torch.float16))).toBe(py("float16"));
    expect(String(tensor.type(torch.int8))).toBe(py("int8"));
  });
});

it("covers every recorded dtype and conversion snippet", () => {
  const all = Object.keys(snippets).filter((id) => id.includes("/dtypes/") || id.includes("/convert/"));
  expect([...used].sort()).toEqual(all.sort());
});
