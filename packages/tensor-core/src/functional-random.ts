/**
 * Random numbers, public surface: generators, seeding, the RNG mode, the samplers' functional
 * forms, and the reference stream for backends and the conformance suite.
 */
import type { Tensor } from "./tensor.js";
import type { Generator } from "./random/generator.js";
import { defaultGenerator, normalizeSeed, seedAllDefaults } from "./random/generator.js";

export { Generator, defaultGenerator, setRngMode, getRngMode, DEFAULT_SEED } from "./random/generator.js";
export type { GeneratorOptions, RngAlgorithm, RngMode } from "./random/generator.js";
export { rand, randn, randint, randperm, randLike, randnLike, randintLike, normal, bernoulli, multinomial, poisson } from "./ops/random-create.js";
export type { GeneratorOption, RandomOptions } from "./ops/random.js";
export { philox4x32, mulhi32 } from "./random/philox.js";
export { softMath, softMath32, softMath64 } from "./random/softmath.js";
export type { Precision, SoftMath } from "./random/softmath.js";
export { referenceRandom, randomOutDtypes, PhiloxWords } from "./random/stream.js";
export { hostRandom } from "./random/host-random.js";
export { MT19937 } from "./random/mt19937.js";

/**
 * `torch.manualSeed(seed)`: seeds the default generator of every device; returns the CPU generator.
 * @example torch.manualSeed(42); const a = torch.rand(2); torch.manualSeed(42); torch.rand(2).equal(a)  // true
 */
export function manualSeed(seed: number | bigint): Generator {
  seedAllDefaults(normalizeSeed(seed));
  return defaultGenerator("cpu");
}

/** `torch.seed()`: seeds every default generator non-deterministically and returns the seed. */
export function seed(): number | bigint {
  const s = defaultGenerator("cpu").seed();
  seedAllDefaults(BigInt(s));
  return s;
}

/** `torch.initialSeed()`: the CPU default generator's seed. */
export const initialSeed = (): number | bigint => defaultGenerator("cpu").initialSeed();

/** `torch.getRngState()`: the CPU default generator's state as a uint8 tensor. */
export const getRngState = (): Tensor => defaultGenerator("cpu").getState();
/** `torch.setRngState(state)`. */
export const setRngState = (state: Tensor): void => {
  defaultGenerator("cpu").setState(state);
};

/** `torch.random`: PyTorch's module of the same functions (`torch.random.initial_seed()`). */
export const random = { manualSeed, seed, initialSeed, getRngState, setRngState };
