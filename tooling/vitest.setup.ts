// fast-check draws a new seed per run, which is how property tests find new counterexamples
// locally. CI must not roll dice: `.ci/run` sets FC_SEED, so every CI run (and the fresh-clone
// run made before landing) replays exactly the same cases, and a red run is a bug that replays.
// `FC_SEED=<n> npx vitest run ...` replays a seed a failure printed.
import fc from "fast-check";

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== "") {
  const n = Number(seed);
  if (!Number.isSafeInteger(n)) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(seed)}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: n | 0 });
}
