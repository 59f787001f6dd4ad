// Joining snippets (torch.cat, torch.stack, vstack, hstack) of the tutorials in
// shared/reference/pytorch-tutorials/; expected strings are PyTorch 1.13's output, recorded by
// tooling/fixtures/gen_views_joining.py (random inputs replaced by the same fixed data there).
import { describe, expect, it } from "vitest";
import * as torch from "typetorch";
import fixture from "../../../../tooling/fixtures/data/tutorials-joining.json" with { type: "json" };
import { recorder, size, throwsLike } from "./recorded.js";

const snippets = fixture.snippets as Record<string, Record<string, string>>;
const { snippet, used } = recorder(snippets);

describe("tutorial 002: 8 张量拼接操作", () => {
  it("8.1 torch.cat([data1, data2], dim=0/1/2) (randint data fixed)", () => {
    const py = snippet("002/joining/8.1_cat");
    const data1 = torch.tensor([[[4, 9, 3], [0, 3, 9]]]);
    const data2 = torch.tensor([[[7, 3, 7], [3, 1, 6]]]);
    expect(String(data1)).toBe(py("data1"));
    expect(String(data2)).toBe(py("data2"));
    for (const dim of [0, 1, 2]) {
      const newData = torch.cat([data1, data2], dim);
      expect(String(newData)).toBe(py(`dim=${dim}`));
      expect(size(newData.shape)).toBe(py(`dim=${dim}.shape`));
    }
  });

  it("8.2 torch.stack([data1, data2], dim=0/1/2) (randint data fixed)", () => {
    const py = snippet("002/joining/8.2_stack");
    const data1 = torch.tensor([[6, 6, 0], [4, 8, 7]]);
    const data2 = torch.tensor([[6, 4, 3], [8, 3, 9]]);
    expect(String(data1)).toBe(py("data1"));
    expect(String(data2)).toBe(py("data2"));
    for (const dim of [0, 1, 2]) {
      const newData = torch.stack([data1, data2], dim);
      expect(String(newData)).toBe(py(`dim=${dim}`));
      expect(size(newData.shape)).toBe(py(`dim=${dim}.shape`));
    }
  });
});

describe("tutorial 003: Stacking, torch.stack / vstack / hstack", () => {
  it("torch.stack([x, x, x, x], dim=0/1); dim=2 is out of range", () => {
    const py = snippet("003/joining/stack_x4");
    // x after the tutorial's `z[:, 0] = 5` (indexed assignment belongs to the indexing work).
    const x = torch.tensor([5, 2, 3, 4, 5, 6, 7], { dtype: torch.float32 });
    expect(String(torch.stack([x, x, x, x], 0))).toBe(py("dim=0"));
    expect(String(torch.stack([x, x, x, x], 1))).toBe(py("dim=1"));
    throwsLike(() => torch.stack([x, x, x, x], 2), py("dim=2"));
  });

  it("torch.stack((x, x)) with dim=1, 2, -1 on a 2x3 tensor (randn data fixed)", () => {
    const py = snippet("003/joining/stack_2x3");
    const x = torch.tensor([[1.3646, -0.4994, -0.654], [-0.3804, -0.2373, 1.8952]]);
    expect(String(x)).toBe(py("x"));
    expect(size(x.size())).toBe(py("x.size"));
    const stacks: [string, torch.Tensor][] = [
      ["x1", torch.stack([x, x])],
      ["x2", torch.stack([x, x], 1)],
      ["x3", torch.stack([x, x], 2)],
      ["x4", torch.stack([x, x], -1)],
    ];
    for (const [name, y] of stacks) {
      expect(String(y)).toBe(py(name));
      expect(size(y.size())).toBe(py(`${name}.size`));
    }
  });

  it("torch.vstack of 1-D tensors and of columns", () => {
    const py = snippet("003/joining/vstack");
    expect(String(torch.vstack([torch.tensor([1, 2, 3]), torch.tensor([4, 5, 6])]))).toBe(py("1-d"));
    expect(String(torch.vstack([torch.tensor([[1], [2], [3]]), torch.tensor([[4], [5], [6]])]))).toBe(py("columns"));
  });

  it("torch.hstack of 1-D tensors and of columns", () => {
    const py = snippet("003/joining/hstack");
    expect(String(torch.hstack([torch.tensor([1, 2, 3]), torch.tensor([4, 5, 6])]))).toBe(py("1-d"));
    expect(String(torch.hstack([torch.tensor([[1], [2], [3]]), torch.tensor([[4], [5], [6]])]))).toBe(py("columns"));
  });
});

it("covers every recorded joining snippet", () => {
  expect([...used].sort()).toEqual(Object.keys(snippets).sort());
});
