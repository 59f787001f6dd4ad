/**
 * The 32-bit Mersenne Twister exactly as PyTorch's CPU generator runs it (`at::mt19937`): seeded
 * from the low 32 bits of the seed with Knuth's multiplier, the state regenerated lazily when
 * `left` reaches zero, the standard tempering. Together with PyTorch's cached Box–Muller samples
 * it is the whole state of `torch.Generator()` on the CPU.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

export class MT19937 {
  /** The full 64-bit seed (PyTorch keeps it for `initial_seed`); the state uses its low 32 bits. */
  seed = 0n;
  readonly state = new Uint32Array(N);
  left = 1;
  next = 0;
  seeded = false;
  /** Box–Muller's second value, cached by PyTorch's scalar normal sampler (double and float). */
  nextDoubleNormal: number | null = null;
  nextFloatNormal: number | null = null;

  constructor(seed: bigint = 5489n) {
    this.reseed(seed);
  }

  reseed(seed: bigint): void {
    this.seed = BigInt.asUintN(64, seed);
    const st = this.state;
    st[0] = Number(this.seed & 0xffffffffn);
    for (let j = 1; j < N; j++) {
      const prev = st[j - 1] as number;
      st[j] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + j) >>> 0;
    }
    this.left = 1;
    this.next = 0;
    this.seeded = true;
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
  }

  private twist(): void {
    const st = this.state;
    this.left = N;
    this.next = 0;
    for (let j = 0; j < N; j++) {
      const y = (((st[j] as number) & UPPER) | ((st[(j + 1) % N] as number) & LOWER)) >>> 0;
      st[j] = ((st[(j + M) % N] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)) >>> 0;
    }
  }

  /** The next 32-bit output (`generator->random()`). */
  nextU32(): number {
    if (--this.left === 0) this.twist();
    let y = this.state[this.next++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `generator->random64()`: two outputs, the first is the high half. Returned as [hi, lo]. */
  nextU64(): [number, number] {
    const hi = this.nextU32();
    return [hi, this.nextU32()];
  }
}
