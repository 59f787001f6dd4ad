// Parameter and dtype errors of the samplers carry PyTorch 1.13's messages, in both modes.
import { afterAll, describe, expect, it } from "vitest";
import * as torch from "typetorch";

for (const mode of ["portable", "torch"] as const) {
  describe(`sampler errors (${mode} mode)`, () => {
    afterAll(() => torch.setRngMode("portable"));
    const cases: [string, () => unknown, string][] = [
      ["rand of an integer dtype", () => torch.rand(2, { dtype: torch.int64 }), `"check_uniform_bounds" not implemented for 'Long'`],
      ["randn of an integer dtype", () => torch.randn(2, { dtype: torch.int64 }), `"normal_kernel_cpu" not implemented for 'Long'`],
      ["normal_ of an integer tensor", () => torch.empty(2, { dtype: torch.int64 }).normal_(), `"normal_kernel_cpu" not implemented for 'Long'`],
      ["exponential_ of an integer tensor", () => torch.empty(2, { dtype: torch.int64 }).exponential_(), `"exponential_cpu" not implemented for 'Long'`],
      ["uniform_ with from > to", () => torch.empty(2).uniform_(3, 2), "uniform_ expects to return a [from, to) range, but found from=3 > to=2"],
      ["normal_ with std < 0", () => torch.empty(2).normal_(0, -1), "normal expects std >= 0.0, but found std -1"],
      ["bernoulli_ with p > 1", () => torch.empty(2).bernoulli_(1.5), "bernoulli_ expects p to be in [0, 1], but got p=1.5"],
      ["randint with low = high", () => torch.randint(5, 5, [2]), "random_ expects 'from' to be less than 'to', but got from=5 >= to=5"],
      ["geometric_ with p > 1", () => torch.empty(2).geometric_(1.5), "geometric_ expects p to be in (0, 1), but got p=1.5"],
      ["logNormal_ with std = 0", () => torch.empty(2).logNormal_(0, 0), "log_normal_ expects std > 0.0, but found std=0"],
      ["multinomial: too many samples without replacement", () => torch.multinomial(torch.tensor([0.5, 0.5]), 3), "cannot sample n_sample > prob_dist.size(-1) samples without replacement"],
      ["multinomial: a negative probability", () => torch.multinomial(torch.tensor([-0.5, 0.5]), 1), "probability tensor contains either `inf`, `nan` or element < 0"],
      ["multinomial: all zeros", () => torch.multinomial(torch.tensor([0, 0], { dtype: torch.float32 }), 1), "invalid multinomial distribution (sum of probabilities <= 0)"],
      ["multinomial of integers", () => torch.multinomial(torch.tensor([1, 2]), 1), "multinomial only supports floating-point dtypes for input, got: Long"],
      ["randperm(-1)", () => torch.randperm(-1), "Trying to create tensor with negative dimension -1: [-1]"],
      ["random_ beyond bool", () => torch.empty(2, { dtype: torch.bool }).random_(0, 3), "to - 1 is out of bounds for bool"],
      ["random_ beyond uint8", () => torch.empty(2, { dtype: torch.uint8 }).random_(0, 300), "to - 1 is out of bounds for unsigned char"],
      ["bernoulli_ with an integer probability tensor", () => torch.empty(3).bernoulli_(torch.tensor([1, 0, 1])), `"bernoulli_tensor_cpu_p_" not implemented for 'Long'`],
      ["bernoulli_ with probabilities that do not broadcast", () => torch.empty(3).bernoulli_(torch.rand(4)), "The expanded size of the tensor (3) must match the existing size (4) at non-singleton dimension 0.  Target sizes: [3].  Tensor sizes: [4]"],
      ["an expanded tensor", () => torch.zeros(1).expand(3).uniform_(), "unsupported operation: more than one element of the written-to tensor refers to a single memory location"],
    ];
    for (const [what, f, msg] of cases) {
      it(what, () => {
        torch.setRngMode(mode);
        expect(f).toThrow(expect.objectContaining({ name: "RuntimeError", message: expect.stringContaining(msg) }));
      });
    }

    it("an error leaves the generator where it was", () => {
      torch.setRngMode(mode);
      torch.manualSeed(3);
      const a = torch.rand(3).tolist();
      torch.manualSeed(3);
      expect(() => torch.empty(2).normal_(0, -1)).toThrow();
      expect(torch.rand(3).tolist()).toEqual(a);
    });

    it("PyTorch 1.13 accepts exponential_(0) and cauchy_ with sigma 0", () => {
      torch.setRngMode(mode);
      expect(torch.empty(3).exponential_(0).tolist()).toEqual([Infinity, Infinity, Infinity]);
      expect(torch.empty(3).cauchy_(1, 0).tolist()).toEqual([1, 1, 1]);
    });
  });
}
