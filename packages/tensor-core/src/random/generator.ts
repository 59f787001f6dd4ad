/**
 * Generators: the state behind every sampler. Two algorithms:
 * - "philox" (the default, "portable" mode): Philox4x32-10, counter-based. The state is a seed
 *   and an offset; each sampler call takes the next offset and the backend fills the tensor from
 *   (seed, offset, element index), so every backend gives the same bits.
 * - "mt19937" ("torch" mode): PyTorch's CPU generator, reproduced bit for bit with PyTorch's
 *   transforms and consumption order; values are computed on the host (in JS) and moved to the
 *   tensor's device, so every device shows the CPU's numbers.
 * `setRngMode("torch")` switches the default generators to mt19937 (and back with "portable").
 */
import { RuntimeError } from "../errors.js";
import type { Tensor } from "../tensor.js";
import { tensor } from "../ops/create.js";
import { toArraySync } from "../read.js";
import { MT19937 } from "./mt19937.js";

export type RngAlgorithm = "philox" | "mt19937";
/** "portable": counter-based Philox, identical on every backend. "torch": PyTorch's CPU streams. */
export type RngMode = "portable" | "torch";

export interface GeneratorOptions {
  /** The device whose samplers the generator feeds (PyTorch's `torch.Generator(device)`). */
  device?: string;
  algorithm?: RngAlgorithm;
}

/** PyTorch's default seed (`default_rng_seed_val`). */
export const DEFAULT_SEED = 67280421310721n;
const PHILOX_STATE_BYTES = 16;
const MT_STATE_BYTES = 5056;

/**
 * A seed as PyTorch accepts it: an integer in [−2^63, 2^64) (negative values wrap to uint64); a
 * fractional number truncates, as Python's `int(seed)` does.
 */
export function normalizeSeed(seed: number | bigint): bigint {
  if (typeof seed === "number" && !Number.isFinite(seed)) throw new RuntimeError(`cannot convert float ${seed} to integer`);
  const s = BigInt(typeof seed === "number" ? Math.trunc(seed) : seed);
  if (s < -(2n ** 63n) || s >= 2n ** 64n) {
    throw new RuntimeError(`Overflow when unpacking long`);
  }
  return BigInt.asUintN(64, s);
}

/** A fresh non-deterministic 64-bit seed (PyTorch's `seed()` draws one from the OS). */
function entropySeed(): bigint {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  // PyTorch keeps it below 2^63 so Python sees a positive int that round-trips through int64.
  return (BigInt(words[0] as number & 0x7fffffff) << 32n) | BigInt(words[1] as number);
}

/**
 * `torch.Generator`: pass it as `{ generator }` to any sampler.
 * @example const g = new torch.Generator().manualSeed(3); torch.randn(2, { generator: g })
 * @example new torch.Generator({ algorithm: "mt19937" })   // PyTorch's CPU stream, in any mode
 */
export class Generator {
  readonly device: string;
  /** @internal */ _algorithm: RngAlgorithm;
  /** @internal philox: the key. */ _seed: bigint = DEFAULT_SEED;
  /** @internal philox: calls made since seeding. */ _offset = 0n;
  /** @internal mt19937 state (null for philox). */ _mt: MT19937 | null = null;

  constructor(options: GeneratorOptions | string = {}) {
    const o = typeof options === "string" ? { device: options } : options;
    this.device = o.device ?? "cpu";
    this._algorithm = o.algorithm ?? "philox";
    this._reset(DEFAULT_SEED);
  }

  get algorithm(): RngAlgorithm {
    return this._algorithm;
  }

  /** @internal Re-seeds with `seed` under the current algorithm. */
  _reset(seed: bigint): void {
    this._seed = seed;
    this._offset = 0n;
    if (this._algorithm === "mt19937") {
      if (this._mt) this._mt.reseed(seed);
      else this._mt = new MT19937(seed);
    } else {
      this._mt = null;
    }
  }

  /** @internal Switches algorithm (the default generators follow `setRngMode`), keeping the seed. */
  _setAlgorithm(algorithm: RngAlgorithm): void {
    if (algorithm === this._algorithm) return;
    this._algorithm = algorithm;
    this._reset(this._seed);
  }

  /** @internal philox: the offset for the next sampler call, advancing the state by one. */
  _takeOffset(): bigint {
    const o = this._offset;
    this._offset = BigInt.asUintN(64, o + 1n);
    return o;
  }

  /** @internal mt19937 state (throws for philox generators). */
  get _mtState(): MT19937 {
    if (!this._mt) throw new RuntimeError("internal: not an mt19937 generator");
    return this._mt;
  }

  /** Seeds the generator (PyTorch's `manual_seed`); returns it for chaining. */
  manualSeed(seed: number | bigint): this {
    this._reset(normalizeSeed(seed));
    return this;
  }

  /** Seeds from a non-deterministic source and returns the seed. */
  seed(): number | bigint {
    this._reset(entropySeed());
    return this.initialSeed();
  }

  /** The seed the generator was last seeded with (a number when it is a safe integer). */
  initialSeed(): number | bigint {
    const s = this._seed;
    return s <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(s) : s;
  }

  /** philox: the number of sampler calls since seeding (PyTorch's `get_offset`). */
  getOffset(): number | bigint {
    if (this._algorithm !== "philox") throw new RuntimeError("get_offset is only defined for Philox generators");
    return this._offset <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(this._offset) : this._offset;
  }

  setOffset(offset: number | bigint): this {
    if (this._algorithm !== "philox") throw new RuntimeError("set_offset is only defined for Philox generators");
    this._offset = BigInt.asUintN(64, BigInt(offset));
    return this;
  }

  /**
   * The state as bytes: philox → 16 bytes (seed, offset; little-endian uint64 each); mt19937 →
   * PyTorch's 5056-byte CPU layout, so `torch.get_rng_state()` bytes from PyTorch load here.
   */
  getStateBytes(): Uint8Array {
    if (this._algorithm === "philox") {
      const b = new Uint8Array(PHILOX_STATE_BYTES);
      const v = new DataView(b.buffer);
      v.setBigUint64(0, this._seed, true);
      v.setBigUint64(8, this._offset, true);
      return b;
    }
    const mt = this._mtState;
    const b = new Uint8Array(MT_STATE_BYTES);
    const v = new DataView(b.buffer);
    v.setBigUint64(0, mt.seed, true); // the_initial_seed
    v.setInt32(8, mt.left, true);
    v.setInt32(12, mt.seeded ? 1 : 0, true);
    v.setBigUint64(16, BigInt(mt.next), true);
    for (let j = 0; j < 624; j++) v.setBigUint64(24 + 8 * j, BigInt(mt.state[j] as number), true);
    // normal_x, normal_y, normal_rho at 5016, 5024, 5032; normal_is_valid at 5040
    if (mt.nextDoubleNormal !== null) {
      v.setFloat64(5024, mt.nextDoubleNormal, true);
      v.setInt32(5040, 1, true);
    }
    if (mt.nextFloatNormal !== null) {
      v.setFloat32(5048, mt.nextFloatNormal, true);
      v.setUint8(5052, 1);
    }
    return b;
  }

  /** `g.getState()`: the state as a uint8 CPU tensor (see `getStateBytes`). */
  getState(): Tensor {
    return tensor(this.getStateBytes(), { dtype: "uint8" });
  }

  /** `g.setState(state)`: restores a state from `getState()` (or PyTorch's `get_rng_state()` bytes). */
  setState(state: Tensor): this {
    if (state.dtype !== "uint8") {
      throw new RuntimeError(`expected a torch.ByteTensor, but got ${state.type()}`);
    }
    return this.setStateBytes(toArraySync(state) as Uint8Array);
  }

  setStateBytes(b: Uint8Array): this {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    if (this._algorithm === "philox") {
      if (b.length !== PHILOX_STATE_BYTES) {
        const hint = b.length === MT_STATE_BYTES ? ' (a PyTorch CPU state: load it into an mt19937 generator, e.g. after torch.setRngMode("torch"))' : "";
        throw new RuntimeError(`RNG state is wrong size: expected ${PHILOX_STATE_BYTES} bytes, got ${b.length}${hint}`);
      }
      this._seed = v.getBigUint64(0, true);
      this._offset = v.getBigUint64(8, true);
      return this;
    }
    if (b.length !== MT_STATE_BYTES && b.length !== 5048) {
      throw new RuntimeError(`Expected either a THGeneratorState of size 5048 or a CPUGeneratorImplState of size 5056 but found the input RNG state size to be ${b.length}`);
    }
    const mt = this._mtState;
    mt.seed = v.getBigUint64(0, true);
    this._seed = mt.seed;
    mt.left = v.getInt32(8, true);
    mt.seeded = v.getInt32(12, true) !== 0;
    mt.next = Number(v.getBigUint64(16, true));
    for (let j = 0; j < 624; j++) mt.state[j] = Number(v.getBigUint64(24 + 8 * j, true) & 0xffffffffn);
    mt.nextDoubleNormal = v.getInt32(5040, true) !== 0 ? v.getFloat64(5024, true) : null;
    mt.nextFloatNormal = b.length === MT_STATE_BYTES && v.getUint8(5052) !== 0 ? v.getFloat32(5048, true) : null;
    return this;
  }
}

// ── default generators and the mode ─────────────────────────────────────────────────────────────
let mode: RngMode = "portable";
const defaults = new Map<string, Generator>();
/** The last `manualSeed` of all devices: default generators made later start from it too. */
let globalSeed: bigint | null = null;
const algorithmOf = (m: RngMode): RngAlgorithm => (m === "torch" ? "mt19937" : "philox");

/** The default generator of a (canonical) device, created on first use with the mode's algorithm. */
export function defaultGenerator(device = "cpu"): Generator {
  let g = defaults.get(device);
  if (!g) {
    g = new Generator({ device, algorithm: algorithmOf(mode) });
    if (globalSeed !== null) g._reset(globalSeed);
    defaults.set(device, g);
  }
  return g;
}

/**
 * Selects the algorithm of the default generators: "portable" (Philox, the default: the same
 * numbers on every backend) or "torch" (PyTorch's CPU mt19937 streams, bit for bit). The default
 * generators keep their seeds and restart from them. Explicit `Generator`s are unaffected.
 * @example torch.setRngMode("torch"); torch.manualSeed(42); torch.rand(3, 4)  // PyTorch's numbers
 */
export function setRngMode(m: RngMode): void {
  if (m !== "portable" && m !== "torch") throw new RuntimeError(`setRngMode: expected "portable" or "torch", got ${String(m)}`);
  mode = m;
  for (const g of defaults.values()) g._setAlgorithm(algorithmOf(m));
}

export function getRngMode(): RngMode {
  return mode;
}

/** Seeds every default generator (PyTorch's `torch.manual_seed` seeds the CPU and every GPU). */
export function seedAllDefaults(seed: bigint): void {
  globalSeed = seed;
  defaultGenerator("cpu");
  for (const g of defaults.values()) g._reset(seed);
}

/** Seeds the default generators of the given devices (creating them): `torch.cuda.manualSeed`. */
export function seedDefaults(devices: readonly string[], seed: bigint): void {
  for (const d of devices) defaultGenerator(d)._reset(seed);
}

/** The devices that currently have a default generator. */
export function defaultGeneratorDevices(): string[] {
  return [...defaults.keys()];
}
