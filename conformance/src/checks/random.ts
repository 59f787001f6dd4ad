/**
 * random: the counter-based fill must equal tensor-core's reference stream (`referenceRandom`)
 * bit for bit — zero tolerance — for random seeds and offsets (full uint64), shapes, strided
 * outputs, every distribution with random parameters, and every out dtype the core sends it.
 * Element i is the i-th element in row-major order of the out shape, whatever its layout.
 */
import fc from "fast-check";
import {
  INT_RANGE,
  RANDOM_DISTRIBUTIONS,
  randomOutDtypes,
  type DType,
  type Operand,
  type RandomDistribution,
  type RandomDistributionName,
  type RandomSpec,
} from "@typetorch/tensor-core";
import { address, multiIndices, readElement, roundFloat, type Value } from "../reference/index.js";
import { refRandom } from "../reference/random.js";
import { sameValue } from "../compare.js";
import { shapeArb } from "../arbitraries/layout.js";
import { describeOperand, materialise, operandArb, readAll, refOperandOf, show, type OperandSpec } from "../cases.js";
import { Mismatch, runProperty, type Check } from "../check.js";

interface RandomCase {
  readonly out: OperandSpec;
  readonly input?: OperandSpec;
  readonly spec: RandomSpec;
}

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const real = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Parameters as the core computes them (derived constants such as 1/λ included). */
function distributionArb(kind: RandomDistributionName, d: DType): fc.Arbitrary<RandomDistribution> {
  switch (kind) {
    case "uniform":
      return fc.oneof(fc.constant({ kind, low: 0, high: 1 }), fc.tuple(real(-10, 10), real(-10, 10)).map(([a, b]) => ({ kind, low: Math.min(a, b), high: Math.max(a, b) })));
    case "normal":
    case "logNormal":
      return fc.record({ kind: fc.constant(kind), mean: real(-3, 3), std: real(0, 3) });
    case "cauchy":
      return fc.record({ kind: fc.constant(kind), median: real(-3, 3), sigma: real(0, 3) });
    case "exponential":
      return real(0.1, 10).map((lambda) => ({ kind, scale: 1 / lambda }));
    case "geometric":
      return real(0.01, 0.99).map((p) => ({ kind, scale: 1 / Math.log1p(-p) }));
    case "bernoulli":
      return real(0, 1).map((p) => ({ kind, p }));
    case "poisson":
      return fc.constant({ kind });
    case "randint": {
      const [min, max] = INT_RANGE[d] ?? [-(2n ** 53n), 2n ** 53n];
      return fc.tuple(fc.bigInt({ min, max }), fc.bigInt({ min, max })).chain(([a, b]) => {
        const low = a < b ? a : b;
        const hi = a < b ? b : a;
        // small ranges most of the time, the 64-bit path sometimes
        return fc.oneof(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: hi - low + 1n })).map((range) => ({ kind, low, high: low + (range > hi - low + 1n ? hi - low + 1n : range) }));
      });
    }
  }
}

async function runRandom(backend: Parameters<Check["run"]>[0], c: RandomCase): Promise<void> {
  const expected = refOperandOf(c.out);
  refRandom(expected, c.spec, c.input && refOperandOf(c.input));
  const specs = c.input ? [c.out, c.input] : [c.out];
  const { ops, free } = materialise(backend, specs);
  try {
    backend.random(ops[0] as Operand, c.spec, ops[1]);
    const got = await readAll(backend, ops[0] as Operand, c.out.layout.baseLength);
    const d = c.out.dtype;
    let i = 0;
    for (const idx of multiIndices(c.out.layout.shape)) {
      const g: Value = readElement(d, got, address(c.out.layout, idx));
      const e: Value = readElement(d, expected.data, address(expected, idx));
      if (!sameValue(g, e)) {
        const { seed, offset, distribution } = c.spec;
        throw new Mismatch(
          `random ${distribution.kind} into ${d}, seed ${seed} offset ${offset}, params ${JSON.stringify(distribution, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}: element ${i} at [${idx.join(",")}] expected ${show(e)} got ${show(g)}\n${describeOperand("out", c.out)}`,
        );
      }
      i++;
    }
  } finally {
    free();
  }
}

function randomCheck(kind: RandomDistributionName, d: DType): Check {
  const name = `random/${kind}/${d}`;
  const needsInput = kind === "poisson";
  const mayInput = kind === "bernoulli";
  const inputDtype: DType = d === "float64" || d === "float32" ? d : "float32";
  const inputValues = kind === "poisson" ? real(0, 40).map((x) => roundFloat(inputDtype as "float32", x)) : real(0, 1).map((x) => roundFloat(inputDtype as "float32", x));
  const arb = shapeArb({ maxNumel: 96 }).chain((shape) =>
    fc.record({
      out: operandArb(d, shape, fc.constant(d === "float16" || d === "bfloat16" || d === "float32" || d === "float64" ? 0 : 0n), { broadcast: false }),
      input: needsInput
        ? operandArb(inputDtype, shape, inputValues, { broadcast: true })
        : mayInput
          ? fc.option(operandArb(inputDtype, shape, inputValues, { broadcast: true }), { freq: 2 })
          : fc.constant(null),
      seed: u64,
      offset: u64,
      distribution: distributionArb(kind, d),
    }),
  ).map((r): RandomCase => ({
    out: r.out,
    ...(r.input ? { input: r.input } : {}),
    spec: { algorithm: "philox4x32-10", seed: r.seed, offset: r.offset, distribution: r.distribution },
  }));
  return { name, family: "random", dtypes: [d], run: (backend, o) => runProperty(name, "random", arb, (c) => runRandom(backend, c), o) };
}

export const randomChecks = (): Check[] =>
  (Object.keys(RANDOM_DISTRIBUTIONS) as RandomDistributionName[]).flatMap((kind) => randomOutDtypes(kind).map((d) => randomCheck(kind, d)));
