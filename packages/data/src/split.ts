/**
 * `randomSplit(dataset, lengths | fractions, { generator })`: PyTorch 1.13's `random_split` —
 * one `randperm` of the whole length, cut into consecutive `Subset`s.
 */
import type { Generator } from "@typetorch/tensor-core";
import { ValueError, randperm } from "@typetorch/tensor-core";
import type { MapDataset } from "./dataset.js";
import { Subset } from "./dataset.js";

/** Python's `math.isclose(a, b)` with its default relative tolerance. */
const isClose = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/**
 * Lengths from fractions as PyTorch computes them: `floor(n * f)` each, then the remainder handed
 * out one by one, round-robin from the first split.
 */
export function splitLengths(n: number, fractions: readonly number[]): number[] {
  const lengths = fractions.map((f, i) => {
    if (f < 0 || f > 1) throw new ValueError(`Fraction at index ${i} is not between 0 and 1`);
    return Math.floor(n * f);
  });
  const remainder = n - lengths.reduce((a, b) => a + b, 0);
  for (let i = 0; i < remainder; i++) lengths[i % lengths.length] = (lengths[i % lengths.length] as number) + 1;
  return lengths;
}

/**
 * Splits a dataset into non-overlapping random subsets of the given lengths, or of the given
 * fractions when they sum to 1 (as PyTorch decides: `isclose(sum, 1) && sum <= 1`, so
 * `[1]` on a one-item dataset is a fraction too — with the same result).
 * @example const [train, test] = randomSplit(ds, [0.8, 0.2], { generator: new torch.Generator().manualSeed(42) });
 */
export function randomSplit<T>(dataset: MapDataset<T>, lengths: readonly number[], options: { generator?: Generator } = {}): Subset<T>[] {
  const n = dataset.length;
  const sum = lengths.reduce((a, b) => a + b, 0);
  const sizes = isClose(sum, 1) && sum <= 1 ? splitLengths(n, lengths) : [...lengths];
  if (!sizes.every((s) => Number.isInteger(s) && s >= 0)) {
    // PyTorch fails later, inside the slicing, on such lengths.
    throw new ValueError(`lengths must be non-negative integers, or fractions that sum to 1; got [${lengths.join(", ")}]`);
  }
  if (sizes.reduce((a, b) => a + b, 0) !== n) {
    throw new ValueError("Sum of input lengths does not equal the length of the input dataset!");
  }
  const perm = (randperm(n, options.generator ? { generator: options.generator } : {}).tolist() as number[]).map(Number);
  let offset = 0;
  return sizes.map((len) => new Subset(dataset, perm.slice(offset, (offset += len))));
}
