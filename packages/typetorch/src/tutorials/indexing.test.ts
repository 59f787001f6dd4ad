// Indexing snippets of the tutorials in shared/reference/pytorch-tutorials/ (002 §6, 003, 004);
// every expected string is what PyTorch 1.13 printed, recorded by tooling/fixtures/gen_indexing.py
// (random inputs replaced by what torch.manual_seed(0) draws, kept there as literals).
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import fixture from "../../../../tooling/fixtures/data/indexing.json" with { type: "json" };
import { recorder } from "./recorded.js";

type Recorded = Record<string, Record<string, unknown>>;
const recorded = (fixture as unknown as { tutorials: Recorded }).tutorials;
const { snippet, used } = recorder(recorded);

describe("tutorial 002: 6 张量索引操作", () => {
  it("simple, list, range, bool and multi-dim indexing", () => {
    const py = snippet("002/indexing/6");
    const data = torch.tensor(py("data") as number[][]);
    expect(String(data.index(0))).toBe(py("data[0]"));
    expect(String(data.index(":", 0))).toBe(py("data[:, 0]"));
    expect(String(data.index([0, 1], [1, 2]))).toBe(py("data[[0, 1], [1, 2]]"));
    expect(String(data.index([[0], [1]], [1, 2]))).toBe(py("data[[[0], [1]], [1, 2]]"));
    expect(String(data.index(":3", ":2"))).toBe(py("data[:3, :2]"));
    expect(String(data.index("2:", ":2"))).toBe(py("data[2:, :2]"));
    expect(String(data.index(data.index(":", 2).gt(5)))).toBe(py("data[data[:, 2] > 5]"));
    expect(String(data.index(":", data.index(1).gt(5)))).toBe(py("data[:, data[1] > 5]"));
    const data3 = torch.tensor(py("data3") as number[][][]);
    expect(String(data3.index(0, ":", ":"))).toBe(py("data3[0, :, :]"));
    expect(String(data3.index(":", 0, ":"))).toBe(py("data3[:, 0, :]"));
    expect(String(data3.index(":", ":", 0))).toBe(py("data3[:, :, 0]"));
  });
});

describe("tutorial 003: indexing", () => {
  it("MATRIX[0], MATRIX[1], TENSOR[0], TENSOR[1]", () => {
    const py = snippet("003/indexing/matrix-tensor");
    const MATRIX = torch.tensor([[7, 8], [9, 10]]);
    expect(String(MATRIX.index(0))).toBe(py("MATRIX[0]"));
    expect(String(MATRIX.index(1))).toBe(py("MATRIX[1]"));
    expect(String(torch.tensor([[[1, 2, 3], [3, 6, 9], [2, 4, 6]]]).index(0))).toBe(py("T1[0]"));
    expect(String(torch.tensor([[[1, 2], [3, 6], [2, 4]]]).index(0))).toBe(py("T2[0]"));
    const T3 = torch.tensor([[[1, 2], [3, 6], [2, 4]], [[1, 2], [3, 6], [2, 4]]]);
    expect(String(T3.index(0))).toBe(py("T3[0]"));
    expect(String(T3.index(1))).toBe(py("T3[1]"));
  });

  it("value += tensor[i] * tensor[i] → tensor(14)", () => {
    const py = snippet("003/indexing/loop");
    const tensor = torch.tensor([1, 2, 3]);
    let value: torch.Tensor | number = 0;
    for (let i = 0; i < tensor.shape[0]!; i++) value = torch.add(value, tensor.index(i).mul(tensor.index(i)));
    expect(String(value)).toBe(py("value"));
  });

  it("z[:, 0] = 5 through a view changes x too", () => {
    const py = snippet("003/indexing/view-write");
    const x = torch.arange(1, 8, { dtype: torch.float32 });
    const z = x.view(1, 7);
    z.indexPut_([":", 0], 5);
    expect(String(z)).toBe(py("z"));
    expect(String(x)).toBe(py("x"));
  });

  it("selecting data: x[0], x[0][0], x[0][0][0], x[0][2][2], x[:, :, 2]", () => {
    const py = snippet("003/indexing/selecting");
    const x = torch.arange(1, 10).reshape(1, 3, 3);
    expect(String(x.index(0))).toBe(py("x[0]"));
    expect(String(x.index(0).index(0))).toBe(py("x[0][0]"));
    expect(String(x.index(0).index(0).index(0))).toBe(py("x[0][0][0]"));
    expect(`${x.index(0).index(0).index(0).item()}`).toBe(py("f'{x[0][0][0]}'"));
    expect(String(x.index(0).index(2).index(2))).toBe(py("x[0][2][2]"));
    expect(String(x.index(":", ":", 2))).toBe(py("x[:, :, 2]"));
  });
});

describe("tutorial 004: gather and index_select", () => {
  it("torch.gather(b, dim, index) and y_hat.gather(1, y.view(-1, 1))", () => {
    const py = snippet("004/indexing/gather");
    const b = torch.Tensor([[1, 2, 3], [4, 5, 6]]);
    expect(String(torch.gather(b, 1, torch.LongTensor([[0, 1], [2, 0]])))).toBe(py("gather(b, 1, index_1)"));
    expect(String(torch.gather(b, 0, torch.LongTensor([[0, 1, 1], [0, 0, 0]])))).toBe(py("gather(b, 0, index_2)"));
    const yHat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
    const y = torch.LongTensor([0, 2]);
    expect(String(yHat.gather(1, y.view(-1, 1)))).toBe(py("y_hat.gather(1, y.view(-1, 1))"));
  });

  it("data_iter: features.index_select(0, j); labels from features[:, 0] and features[:, 1]", () => {
    const py = snippet("004/indexing/data_iter");
    // torch.randn(5, 2) replaced by fixed data.
    const features = torch.arange(10, { dtype: torch.float32 }).reshape(5, 2).div(4);
    const trueW = torch.tensor([2, -3.4]);
    const j = torch.tensor([3, 1]);
    expect(String(features.indexSelect(0, j))).toBe(py("features.index_select(0, j)"));
    const labels = trueW.index(0).mul(features.index(":", 0)).add(trueW.index(1).mul(features.index(":", 1))).add(4.2);
    expect(String(labels)).toBe(py("labels"));
  });

  it("uses every recorded indexing snippet", () => {
    expect([...used].sort()).toEqual(Object.keys(recorded).sort());
  });
});
