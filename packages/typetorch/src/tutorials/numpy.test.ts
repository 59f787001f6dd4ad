// NumPy-interop snippets of the tutorials in shared/reference/pytorch-tutorials/, ported line by
// line with the same sharing behaviour; expected outputs are what PyTorch 1.13 / NumPy 1.24 gave
// (tooling/fixtures/gen_numpy_tutorials.py → data/numpy_tutorials.json). NumPy arrays are compared
// by dtype, shape and values (typetorch has NDArray, not NumPy's printer).
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import { asarray, copyArray } from "typetorch/numpy";
import fixture from "../../../../tooling/fixtures/data/numpy_tutorials.json" with { type: "json" };
import { dtype, recorder, size, throwsLike } from "./recorded.js";
import type { Out } from "./recorded.js";

interface RecordedArray {
  dtype: string;
  shape: number[];
  list: unknown;
}
const snippets = fixture.snippets as Record<string, Record<string, Out | RecordedArray>>;
const { snippet, used } = recorder(snippets);

/** An NDArray as recorded: dtype, shape and values. */
const arr = (nd: torch.NDArray): RecordedArray => ({ dtype: nd.dtype, shape: [...nd.shape], list: torch.fromNumpy(nd).tolist() });
/** NumPy's in-place `a += k` on an NDArray's elements. */
function iadd(nd: torch.NDArray, k: number): void {
  const d = nd.data as Float64Array;
  for (let i = 0; i < d.length; i++) d[i] = (d[i] as number) + k;
}
/** `np.array([...ints])`: int64 on Linux. */
const npInts = (...v: number[]): torch.NDArray => asarray(BigInt64Array.from(v, BigInt));

const RAND_2x3 = [0.7165, 0.4843, 0.9099, 0.4426, 0.7343, 0.9241];
const RANDN_2x3 = [0.3367, 0.1288, 0.2345, 0.2303, -1.1229, -0.1863];

describe("tutorial 000: NumPy ⇄ tensor", () => {
  it("dm01: torch.tensor(np.random.rand(2, 3)) is float64", () => {
    const py = snippet("000/numpy/dm01_create_tensor");
    const data = torch.tensor(asarray(new Float64Array(RAND_2x3), [2, 3]));
    expect(String(data)).toBe(py("data"));
    expect(dtype(data)).toBe(py("data.dtype"));
    expect(size(data.shape)).toBe(py("data.shape"));
  });

  it("tensor_to_numpy: numpy().copy() does not share", () => {
    const py = snippet("000/numpy/tensor_to_numpy");
    const dataTensor = torch.tensor([2, 3]);
    const dataNumpy = copyArray(dataTensor.numpy());
    (dataNumpy.data as BigInt64Array)[0] = 0n;
    expect(String(dataTensor)).toBe(py("data_tensor"));
    expect(arr(dataNumpy)).toEqual(py("data_numpy"));
  });

  it("numpy_to_tensor: from_numpy shares, torch.tensor copies", () => {
    const py = snippet("000/numpy/numpy_to_tensor");
    let dataNumpy = npInts(2, 3, 4);
    const dataTensor = torch.fromNumpy(dataNumpy);
    dataTensor.select(0, 0).fill_(100); // data_tensor[0] = 100
    expect(String(dataTensor)).toBe(py("data_tensor"));
    expect(arr(dataNumpy)).toEqual(py("data_numpy"));
    dataNumpy = npInts(2, 3, 4);
    const dataTensor2 = torch.tensor(dataNumpy);
    dataTensor2.select(0, 0).fill_(100);
    expect(String(dataTensor2)).toBe(py("data_tensor2"));
    expect(arr(dataNumpy)).toEqual(py("data_numpy2"));
  });
});

describe("tutorial 001: np.array(data) → torch.from_numpy", () => {
  it("keeps int64 (the tutorial's int32 was a Windows NumPy default)", () => {
    const py = snippet("001/numpy/from_numpy");
    const npArray = asarray(BigInt64Array.from([1n, 2n, 3n, 4n]), [2, 2]);
    expect(arr(npArray)).toEqual(py("np_array"));
    const xNp = torch.fromNumpy(npArray);
    expect(String(xNp)).toBe(py("x_np"));
    expect(size(xNp.shape)).toBe(py("x_np.shape"));
  });
});

describe("tutorial 002: 2.2, 3.1, 3.2, 7.3, 9.3", () => {
  it("2.2 torch.tensor(np.random.randn(2, 3))", () => {
    const py = snippet("002/numpy/2.2_tensor_from_ndarray");
    expect(String(torch.tensor(asarray(new Float64Array(RANDN_2x3), [2, 3])))).toBe(py("data"));
  });

  it("3.1 data_tensor.numpy() shares memory", () => {
    const py = snippet("002/numpy/3.1_numpy_shares");
    const dataTensor = torch.tensor([2, 3, 4]);
    const dataNumpy = dataTensor.numpy();
    (dataNumpy.data as BigInt64Array)[dataNumpy.offset] = 100n;
    expect(String(dataTensor)).toBe(py("data_tensor"));
    expect(arr(dataNumpy)).toEqual(py("data_numpy"));
  });

  it("3.1 data_tensor.numpy().copy() does not", () => {
    const py = snippet("002/numpy/3.1_numpy_copy");
    const dataTensor = torch.tensor([2, 3, 4]);
    const dataNumpy = copyArray(dataTensor.numpy());
    (dataNumpy.data as BigInt64Array)[0] = 100n;
    expect(String(dataTensor)).toBe(py("data_tensor"));
    expect(arr(dataNumpy)).toEqual(py("data_numpy"));
  });

  it("3.2 torch.from_numpy shares, torch.tensor copies", () => {
    const py = snippet("002/numpy/3.2_from_numpy_and_tensor");
    let dataNumpy = npInts(2, 3, 4);
    let dataTensor = torch.fromNumpy(dataNumpy);
    dataTensor.select(0, 0).fill_(100);
    expect(String(dataTensor)).toBe(py("from_numpy.tensor"));
    expect(arr(dataNumpy)).toEqual(py("from_numpy.numpy"));
    dataNumpy = npInts(2, 3, 4);
    dataTensor = torch.tensor(dataNumpy);
    dataTensor.select(0, 0).fill_(100);
    expect(String(dataTensor)).toBe(py("tensor.tensor"));
    expect(arr(dataNumpy)).toEqual(py("tensor.numpy"));
  });

  it("7.3 torch.tensor(np.random.randint(0, 10, [3, 4, 5])) then transpose/permute", () => {
    const py = snippet("002/numpy/7.3_tensor_from_randint");
    const data = torch.tensor(asarray(BigInt64Array.from({ length: 60 }, (_, i) => BigInt(i % 10)), [3, 4, 5]));
    expect(size(data.size())).toBe(py("data.size()"));
    expect(dtype(data)).toBe(py("data.dtype"));
    expect(size(torch.transpose(data, 1, 2).shape)).toBe(py("transpose(1, 2).shape"));
    expect(size(data.permute(1, 2, 0).shape)).toBe(py("permute(1, 2, 0).shape"));
  });

  it("9.3 numpy() of a tensor that requires grad fails; detach().numpy() works", () => {
    const py = snippet("002/numpy/9.3_detach_numpy");
    const x1 = torch.tensor([10, 20], { requiresGrad: true, dtype: torch.float64 });
    throwsLike(() => x1.numpy(), py("x1.numpy()") as Out);
    const x2 = x1.detach();
    expect(x1.requiresGrad).toBe(py("x1.requires_grad"));
    expect(x2.requiresGrad).toBe(py("x2.requires_grad"));
    expect(String(x1.data)).toBe(py("x1.data"));
    expect(String(x2.data)).toBe(py("x2.data"));
    expect(arr(x2.numpy())).toEqual(py("x2.numpy()"));
  });
});

describe("tutorial 003: PyTorch tensors and NumPy", () => {
  it("NumPy array to tensor: float64 kept; array = array + 1 rebinds, the tensor keeps its values", () => {
    const py = snippet("003/numpy/from_numpy_arange");
    let array = asarray(Float64Array.from({ length: 7 }, (_, i) => i + 1));
    const tensor = torch.fromNumpy(array);
    expect(arr(array)).toEqual(py("array"));
    expect(String(tensor)).toBe(py("tensor"));
    expect(String(torch.fromNumpy(array).type(torch.float32))).toBe(py("type(float32)"));
    array = asarray((array.data as Float64Array).map((v) => v + 1)); // array + 1: a new array
    expect(arr(array)).toEqual(py("array+1"));
    expect(String(tensor)).toBe(py("tensor after"));
  });

  it("Tensor to NumPy array: float32; tensor = tensor + 1 rebinds, the array keeps its values", () => {
    const py = snippet("003/numpy/tensor_to_numpy");
    let tensor = torch.ones(7);
    const numpyTensor = tensor.numpy();
    expect(String(tensor)).toBe(py("tensor"));
    expect(arr(numpyTensor)).toEqual(py("numpy_tensor"));
    tensor = tensor.add(1);
    expect(String(tensor)).toBe(py("tensor+1"));
    expect(arr(numpyTensor)).toEqual(py("numpy_tensor after"));
  });
});

describe("tutorial 004: Tensor转Numpy / Numpy数组转Tensor", () => {
  it("a.numpy(): a += 1 and b += 1 are seen on both sides", () => {
    const py = snippet("004/numpy/tensor_to_numpy");
    const a = torch.ones(5);
    const b = a.numpy();
    expect(String(a)).toBe(py("a"));
    expect(arr(b)).toEqual(py("b"));
    a.add_(1);
    expect(String(a)).toBe(py("a+=1 a"));
    expect(arr(b)).toEqual(py("a+=1 b"));
    iadd(b, 1);
    expect(String(a)).toBe(py("b+=1 a"));
    expect(arr(b)).toEqual(py("b+=1 b"));
  });

  it("torch.from_numpy(np.ones(5)) shares; torch.tensor(a) copies", () => {
    const py = snippet("004/numpy/numpy_to_tensor");
    const a = asarray(new Float64Array(5).fill(1));
    const b = torch.fromNumpy(a);
    expect(arr(a)).toEqual(py("a"));
    expect(String(b)).toBe(py("b"));
    iadd(a, 1);
    expect(arr(a)).toEqual(py("a+=1 a"));
    expect(String(b)).toBe(py("a+=1 b"));
    b.add_(1);
    expect(arr(a)).toEqual(py("b+=1 a"));
    expect(String(b)).toBe(py("b+=1 b"));
    const c = torch.tensor(a);
    iadd(a, 1);
    expect(arr(a)).toEqual(py("c a"));
    expect(String(c)).toBe(py("c"));
  });
});

it("ports every recorded NumPy snippet", () => {
  expect([...used].sort()).toEqual(Object.keys(snippets).sort());
});
