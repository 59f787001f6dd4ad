/**
 * Properties (fast-check) that tie ops to the rules they are computed by: result dtype =
 * resultType, result shape = broadcastShapes = adding expanded copies, reshape preserves order,
 * integer sums are exact however they are split, integer add commutes.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as torch from "typetorch";
import type { DType, Scalar, Tensor } from "typetorch";

const NUMERIC: DType[] = ["uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16", "float32", "float64"];
const ALL: DType[] = ["bool", ...NUMERIC];
const INTS: DType[] = ["uint8", "int8", "int16", "int32", "int64"];
const RANGE: Record<string, [number, number]> = {
  uint8: [0, 255], int8: [-128, 127], int16: [-32768, 32767], int32: [-(2 ** 31), 2 ** 31 - 1], int64: [-(2 ** 40), 2 ** 40],
};
const RUNS = { numRuns: 300 };

/** A tensor of `dtype` and `shape` with small values every dtype holds exactly. */
const filled = (dtype: DType, shape: number[], seed: number): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  const vals = Array.from({ length: n }, (_, i) => ((seed + i * 7) % 11) - 3);
  const data = dtype === "bool" ? vals.map((v) => v > 0) : dtype === "uint8" ? vals.map((v) => v + 3) : vals;
  return torch.tensor(data, { dtype }).reshape(shape);
};

const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 });

/** Two shapes that broadcast together: drop leading dims and set some dims to 1 in each. */
const broadcastPair = shapeArb.chain((out) =>
  fc.tuple(
    fc.constant(out),
    fc.nat({ max: out.length }), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
    fc.nat({ max: out.length }), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
  ).map(([o, da, ma, db, mb]) => {
    const cut = (drop: number, ones: boolean[]): number[] => o.slice(drop).map((s, i) => (ones[i + drop] ? 1 : s));
    return [cut(da, ma), cut(db, mb)] as const;
  }),
);

const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  fc.integer({ min: -50, max: 50 }).map((v) => v + 0.5),
  fc.boolean(),
  fc.bigInt({ min: -50n, max: 50n }),
);

describe("add: dtype is resultType", () => {
  it("for every tensor dtype pair, with 0-dim and n-dim operands", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL), fc.constantFrom(...ALL), fc.boolean(), fc.boolean(), (da, db, za, zb) => {
        const a = filled(da, za ? [] : [2], 1);
        const b = filled(db, zb ? [] : [2], 2);
        expect(torch.add(a, b).dtype).toBe(torch.resultType(a, b));
      }),
      { numRuns: 400 },
    );
  });
  it("for every dtype with JS scalars (int, non-integral, bool, bigint) on either side", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL), scalarArb, fc.boolean(), (d, s, first) => {
        const t = filled(d, [3], 4);
        const r = first ? torch.add(s, t) : torch.add(t, s);
        expect(r.dtype).toBe(first ? torch.resultType(s, t) : torch.resultType(t, s));
      }),
      RUNS,
    );
  });
});

describe("broadcasting", () => {
  it("add(a, b).shape is broadcastShapes and equals adding expanded copies", () => {
    fc.assert(
      fc.property(broadcastPair, fc.constantFrom(...NUMERIC), fc.nat(100), ([sa, sb], d, seed) => {
        const a = filled(d, sa, seed);
        const b = filled(d, sb, seed + 5);
        const shape = torch.broadcastShapes(sa, sb);
        const r = torch.add(a, b);
        expect(r.shape).toEqual(shape);
        const explicit = torch.add(a.expand(shape).contiguous(), b.expand(shape).contiguous());
        expect(r.tolist()).toEqual(explicit.tolist());
      }),
      RUNS,
    );
  });
});

describe("reshape", () => {
  it("reshape(x, s).flatten() equals x.flatten(), also for transposed inputs", () => {
    fc.assert(
      fc.property(shapeArb, fc.nat(100), fc.boolean(), (shape, seed, transpose) => {
        let x = filled("int32", shape, seed);
        if (transpose && x.ndim >= 2) x = x.transpose(0, -1);
        const n = x.numel();
        const divisors = Array.from({ length: n }, (_, i) => i + 1).filter((k) => n % k === 0);
        for (const k of divisors) {
          expect(torch.reshape(x, [k, -1]).flatten().tolist()).toEqual(x.flatten().tolist());
        }
      }),
      RUNS,
    );
  });
});

describe("integer reductions", () => {
  it("sum over all dims equals summing dims one by one (exact)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...INTS),
        fc.nat(1000),
        (shape, d, seed) => {
          const [lo, hi] = RANGE[d] as [number, number];
          const n = shape.reduce((a, b) => a * b, 1);
          const vals = Array.from({ length: n }, (_, i) => lo + ((seed * 7919 + i * 104729) % (hi - lo + 1)));
          const x = torch.tensor(vals, { dtype: d }).reshape(shape);
          let stepwise: Tensor = x;
          for (let k = shape.length - 1; k >= 0; k--) stepwise = stepwise.sum(k);
          expect(BigInt(x.sum().item() as number | bigint)).toBe(BigInt(stepwise.item() as number | bigint));
          expect(BigInt(x.sum().item() as number | bigint)).toBe(vals.reduce((s, v) => s + BigInt(v), 0n));
        },
      ),
      RUNS,
    );
  });
});

describe("integer add commutes", () => {
  it("add(a, b) equals add(b, a) bit for bit, across dtypes", () => {
    fc.assert(
      fc.property(fc.constantFrom(...INTS), fc.constantFrom(...INTS), broadcastPair, fc.nat(1000), (da, db, [sa, sb], seed) => {
        const a = filled(da, sa, seed);
        const b = filled(db, sb, seed + 3);
        expect(torch.add(a, b).tolist()).toEqual(torch.add(b, a).tolist());
      }),
      RUNS,
    );
  });
  it("wrapping int64 add commutes too", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (x, y) => {
        const a = torch.tensor([x]);
        const b = torch.tensor([y]);
        const r = BigInt(torch.add(a, b).item() as number | bigint);
        expect(r).toBe(BigInt(torch.add(b, a).item() as number | bigint));
        expect(r).toBe(BigInt.asIntN(64, x + y));
      }),
      RUNS,
    );
  });
});
