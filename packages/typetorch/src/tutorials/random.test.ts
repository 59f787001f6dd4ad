// The tutorials' seeded programs (shared/reference/pytorch-tutorials/), ported line by line and run
// in "torch" RNG mode, which reproduces PyTorch's CPU generator: every expected string is what
// PyTorch 1.13 printed (tooling/fixtures/gen_random.py → data/random.json, "tutorialPrograms").
// Steps the tutorials run unseeded start from PyTorch's default seed, as in a fresh process.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as torch from "typetorch";
import fixture from "../../../../tooling/fixtures/data/random.json" with { type: "json" };
import { dtype, recorder, size, type Out } from "./recorded.js";

const programs = fixture.tutorialPrograms as Record<string, Record<string, Out>>;
const { snippet: program, used } = recorder(programs);

describe("tutorial seed programs in torch RNG mode", () => {
  beforeAll(() => torch.setRngMode("torch"));
  afterAll(() => torch.setRngMode("portable"));
  beforeEach(() => torch.manualSeed(torch.DEFAULT_SEED)); // a fresh process's generator

  it("000 dm05_rand_Tensor: rand, manual_seed(2), random.initial_seed, *_like", () => {
    const py = program("000/random/dm05_rand_Tensor");
    const data1 = torch.rand(2, 3);
    expect(String(data1)).toBe(py("data1"));
    torch.manualSeed(2);
    expect(String(torch.rand(2, 3))).toBe(py("data2"));
    expect(torch.random.initialSeed()).toBe(py("initial_seed"));
    expect(String(torch.onesLike(data1))).toBe(py("data3"));
    expect(String(torch.zerosLike(data1))).toBe(py("data4"));
  });

  it("000 dm01_basic_operation: random.manual_seed(2); randint(0, 10, (2, 3)) and arithmetic", () => {
    const py = program("000/random/dm01_basic_operation");
    torch.random.manualSeed(2);
    const data = torch.randint(0, 10, [2, 3]);
    expect(String(data)).toBe(py("data"));
    expect(String(data.add(10))).toBe(py("add"));
    expect(String(data.sub(100))).toBe(py("sub"));
    expect(String(data.mul(100))).toBe(py("mul"));
    expect(String(data.div(100))).toBe(py("div"));
    expect(String(data.neg())).toBe(py("neg"));
  });

  it("000 dm02_Hadamard_operation: two seeded randint draws and their product", () => {
    const py = program("000/random/dm02_Hadamard_operation");
    torch.random.manualSeed(2);
    const data = torch.randint(0, 10, [2, 3]);
    torch.random.manualSeed(4);
    const data2 = torch.randint(0, 10, [2, 3]);
    expect(String(data)).toBe(py("data1"));
    expect(String(data2)).toBe(py("data2"));
    expect(String(data.mul(3))).toBe(py("times3"));
    expect(String(torch.mul(data, data2))).toBe(py("mul"));
  });

  it("002 §2.3: randn, initial_seed, manual_seed(100)", () => {
    const py = program("002/random/randn_initial_seed");
    expect(String(torch.randn(2, 3))).toBe(py("data"));
    expect(torch.initialSeed()).toBe(py("seed"));
    torch.manualSeed(100);
    expect(String(torch.randn(2, 3))).toBe(py("data100"));
    expect(torch.initialSeed()).toBe(py("seed100"));
  });

  it("002 §4.1/§5: randint(0, 10, [2, 3]) with and without dtype=float64", () => {
    const py = program("002/random/randint");
    torch.manualSeed(0);
    expect(String(torch.randint(0, 10, [2, 3]))).toBe(py("int"));
    torch.manualSeed(0);
    expect(String(torch.randint(0, 10, [2, 3], { dtype: torch.float64 }))).toBe(py("float64"));
    expect(size(torch.randint(0, 10, [3, 4, 5]).shape)).toBe(py("shape345"));
  });

  it("003 Reproducibility: two unseeded rand(3, 4) differ; manual_seed(42) before each makes them equal", () => {
    const py = program("003/random/reproducibility");
    const A = torch.rand(3, 4);
    const B = torch.rand(3, 4);
    expect(String(A)).toBe(py("A"));
    expect(String(B)).toBe(py("B"));
    expect(String(A.eq(B))).toBe(py("AeqB"));
    const RANDOM_SEED = 42;
    torch.manualSeed(RANDOM_SEED);
    const C = torch.rand(3, 4);
    torch.random.manualSeed(RANDOM_SEED);
    const D = torch.rand(3, 4);
    expect(String(C)).toBe(py("C"));
    expect(String(D)).toBe(py("D"));
    expect(String(C.eq(D))).toBe(py("CeqD"));
  });

  it("003 rand(size=(3, 4)) and its dtype; an image-shaped rand(224, 224, 3)", () => {
    const py = program("003/random/rand_shapes");
    const randomTensor = torch.rand([3, 4]);
    expect(String(randomTensor)).toBe(py("random_tensor"));
    expect(dtype(randomTensor)).toBe(py("dtype"));
    const img = torch.rand([224, 224, 3]);
    expect(size(img.shape)).toBe(py("shape"));
    expect(img.ndim).toBe(py("ndim"));
  });

  it("003 torch.cuda.manual_seed / manual_seed_all run without CUDA and leave the CPU stream alone", () => {
    const py = program("003/random/cuda_manual_seed");
    torch.manualSeed(42);
    torch.cuda.manualSeed(42);
    torch.cuda.manualSeedAll(42);
    expect(String(torch.rand(2))).toBe(py("rand"));
  });

  it("004 features = torch.randn(num_examples, num_inputs, dtype=torch.float32)", () => {
    const py = program("004/random/features");
    const features = torch.randn(1000, 2, { dtype: torch.float32 });
    expect(size(features.shape)).toBe(py("shape"));
    expect(String(features.narrow(0, 0, 3))).toBe(py("head"));
    expect(String(features.mean(0))).toBe(py("mean"));
  });

  it("ports every recorded program", () => {
    expect([...used].sort()).toEqual(Object.keys(programs).sort());
  });
});
