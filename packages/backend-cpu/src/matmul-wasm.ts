/**
 * float32 matmul in WebAssembly SIMD (f64x2), with the same numbers as the JS kernel.
 *
 * The module is written here as bytes by a small emitter (no toolchain, no download, < 1 KB).
 * Inputs are packed by JS into float64 panels: A as [M/4][K][4] (four rows side by side), B as
 * [N/4][K][4] (four columns side by side), zero-padded to multiples of 4. The kernel keeps a 4×4
 * block of C in eight f64x2 registers and walks k in order, adding one exact float32·float32
 * product per step: the float64 sum of the products in sequential k order, rounded once to
 * float32 — bit for bit what `kernelFloat` in matmul.ts computes. Only the speed differs.
 *
 * If WebAssembly or its SIMD proposal is missing, `wasmMatmulF32` is null and matmul stays in JS.
 */

// --- a tiny emitter -------------------------------------------------------------------------
const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
};
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

const I32 = 0x7f;
const V128 = 0x7b;
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const tee = (i: number): number[] => [0x22, ...uleb(i)];
const i32c = (v: number): number[] => [0x41, ...sleb(v)];
const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...uleb(op), ...imm];
const ADD = 0x6a;
const MUL = 0x6c;
const SHL = 0x74;
const SHR_U = 0x76;
const GE_U = 0x4f;
const mem = (align: number, offset: number): number[] => [align, ...uleb(offset)];
const load = (offset: number): number[] => simd(0x00, ...mem(4, offset)); // v128.load
const load64Splat = (offset: number): number[] => simd(0x0a, ...mem(3, offset)); // v128.load64_splat
const f64x2Add = simd(0xf0);
const f64x2Mul = simd(0xf2);
const demote = simd(0x5e); // f32x4.demote_f64x2_zero
const store64Lane0 = (offset: number): number[] => simd(0x5b, ...mem(3, offset), 0); // v128.store64_lane
const zero128 = simd(0x0c, ...new Array<number>(16).fill(0)); // v128.const 0
/** A counted loop: `block loop (exit if cond) body br 0 end end`. */
const loop = (exitIf: number[], body: number[]): number[] => [0x02, 0x40, 0x03, 0x40, ...exitIf, 0x0d, 1, ...body, 0x0c, 0, 0x0b, 0x0b];

// params: ap, bp, cp (byte offsets), M4 (row blocks), K, Np (padded N)
const [AP, BP, CP, M4, K, NP] = [0, 1, 2, 3, 4, 5];
// i32 locals: ib, jb, pa, pb, pend, crow, nb; v128 locals: acc0..acc7, b01, b23, a
const [IB, JB, PA, PB, PEND, CROW, NB] = [6, 7, 8, 9, 10, 11, 12];
const ACC = 13;
const [B01, B23, AV] = [21, 22, 23];

function kernelBody(): number[] {
  const step: number[] = [...get(PB), ...load(0), ...set(B01), ...get(PB), ...load(16), ...set(B23)];
  for (let r = 0; r < 4; r++) {
    step.push(...get(PA), ...load64Splat(8 * r), ...set(AV));
    step.push(...get(ACC + 2 * r), ...get(AV), ...get(B01), ...f64x2Mul, ...f64x2Add, ...set(ACC + 2 * r));
    step.push(...get(ACC + 2 * r + 1), ...get(AV), ...get(B23), ...f64x2Mul, ...f64x2Add, ...set(ACC + 2 * r + 1));
  }
  step.push(...get(PA), ...i32c(32), ADD, ...set(PA), ...get(PB), ...i32c(32), ADD, ...set(PB));
  const kLoop = loop([...get(PA), ...get(PEND), GE_U], step);

  const block: number[] = [];
  for (let v = 0; v < 8; v++) block.push(...zero128, ...set(ACC + v));
  // pa = ap + ib*K*32; pend = pa + K*32; pb = bp + jb*K*32
  block.push(...get(AP), ...get(IB), ...get(K), MUL, ...i32c(5), SHL, ADD, ...tee(PA));
  block.push(...get(K), ...i32c(5), SHL, ADD, ...set(PEND));
  block.push(...get(BP), ...get(JB), ...get(K), MUL, ...i32c(5), SHL, ADD, ...set(PB));
  block.push(...kLoop);
  // crow = cp + (ib*4*Np + jb*4)*4
  block.push(...get(IB), ...i32c(2), SHL, ...get(NP), MUL, ...get(JB), ...i32c(2), SHL, ADD, ...i32c(2), SHL, ...get(CP), ADD, ...set(CROW));
  for (let r = 0; r < 4; r++) {
    block.push(...get(CROW), ...get(ACC + 2 * r), ...demote, ...store64Lane0(0));
    block.push(...get(CROW), ...get(ACC + 2 * r + 1), ...demote, ...store64Lane0(8));
    block.push(...get(CROW), ...get(NP), ...i32c(2), SHL, ADD, ...set(CROW));
  }
  block.push(...get(JB), ...i32c(1), ADD, ...set(JB));
  const jLoop = loop([...get(JB), ...get(NB), GE_U], block);

  const outer = [...i32c(0), ...set(JB), ...jLoop, ...get(IB), ...i32c(1), ADD, ...set(IB)];
  const iLoop = loop([...get(IB), ...get(M4), GE_U], outer);
  const body = [...get(NP), ...i32c(2), SHR_U, ...set(NB), ...i32c(0), ...set(IB), ...iLoop, 0x0b];
  const locals = [2, 7, I32, 11, V128];
  return [...uleb(body.length + locals.length), ...locals, ...body];
}

function moduleBytes(): Uint8Array {
  const type = section(1, [1, 0x60, 6, I32, I32, I32, I32, I32, I32, 0]);
  const imports = section(2, [1, 1, 0x6d, 1, 0x6d, 0x02, 0x00, 1]); // "m"."m": memory, min 1 page
  const funcs = section(3, [1, 0]);
  const exports = section(7, [1, 2, 0x6d, 0x6d, 0x00, 0]); // "mm" → func 0
  const code = section(10, [1, ...kernelBody()]);
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...imports, ...funcs, ...exports, ...code]);
}

// --- the JS side ------------------------------------------------------------------------------
export interface F32Mat {
  readonly data: Float32Array;
  readonly rs: number;
  readonly cs: number;
  readonly off: number;
}

type MM = (ap: number, bp: number, cp: number, m4: number, k: number, np: number) => void;
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
/** The part of the WebAssembly JS API used here (the package compiles without DOM/wasm libs). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (d: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { readonly exports: Record<string, unknown> };
}

interface Wasm {
  readonly api: WasmApi;
  readonly module: object;
  mm: MM;
  memory: WasmMemory;
}

function compileModule(): Wasm | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    if (api === undefined) return null;
    const bytes = moduleBytes();
    if (!api.validate(bytes)) return null; // no SIMD
    const module = new api.Module(bytes);
    return { api, module, mm: () => {}, memory: { buffer: new ArrayBuffer(0) } };
  } catch {
    return null;
  }
}

/**
 * A fresh instance over a fresh memory of at least `bytes`. Never `memory.grow()`: growing
 * detaches the old ArrayBuffer, and the first detach in a process makes V8 add a detach check to
 * every typed-array access in optimised code (float32 add measured 5.0 → 4.1 GB/s afterwards).
 */
function ensureMemory(w: Wasm, bytes: number): void {
  if (w.memory.buffer.byteLength >= bytes) return;
  const pages = Math.ceil(Math.max(bytes, 2 * w.memory.buffer.byteLength) / PAGE);
  w.memory = new w.api.Memory({ initial: pages });
  w.mm = new w.api.Instance(w.module, { m: { m: w.memory } }).exports.mm as MM;
}

let wasm: Wasm | null | undefined;
const PAGE = 65536;

/**
 * `o[i, j] = Σ_k a[i, k] · b[k, j]` for one M×K by K×N float32 product, or false if WebAssembly
 * SIMD is unavailable or the problem does not fit in 1 GiB of wasm memory.
 */
export function wasmMatmulF32(o: F32Mat, a: F32Mat, b: F32Mat, M: number, K: number, N: number): boolean {
  wasm ??= compileModule();
  if (wasm === null) return false;
  const m4 = (M + 3) >> 2;
  const n4 = (N + 3) >> 2;
  const np = n4 * 4;
  const aBytes = m4 * K * 32;
  const bBytes = n4 * K * 32;
  const cBytes = m4 * 4 * np * 4;
  const total = aBytes + bBytes + cBytes;
  if (total > 2 ** 30) return false;
  try {
    ensureMemory(wasm, total);
  } catch {
    return false; // out of memory for the wasm heap: stay in JS
  }
  const { memory, mm } = wasm;
  const f64 = new Float64Array(memory.buffer, 0, (aBytes + bBytes) / 8);
  packA(f64, 0, a, M, K, m4);
  packB(f64, aBytes / 8, b, K, N, n4);
  mm(0, aBytes, aBytes + bBytes, m4, K, np);
  const c = new Float32Array(memory.buffer, aBytes + bBytes, m4 * 4 * np);
  const O = o.data;
  for (let i = 0; i < M; i++) {
    const src = i * np;
    const dst = o.off + i * o.rs;
    if (o.cs === 1) O.set(c.subarray(src, src + N), dst);
    else for (let j = 0; j < N; j++) O[dst + j * o.cs] = c[src + j] as number;
  }
  return true;
}

/** A as [M/4][K][4] float64, rows past M zero. */
function packA(p: Float64Array, at: number, a: F32Mat, M: number, K: number, m4: number): void {
  const A = a.data;
  for (let ib = 0; ib < m4; ib++)
    for (let r = 0; r < 4; r++) {
      const i = ib * 4 + r;
      let q = at + ib * K * 4 + r;
      if (i >= M) for (let k = 0; k < K; k++, q += 4) p[q] = 0;
      else for (let k = 0, x = a.off + i * a.rs; k < K; k++, q += 4, x += a.cs) p[q] = A[x] as number;
    }
}

/**
 * B as [N/4][K][4] float64, columns past N zero. Written in order (one 4-column strip at a time):
 * scattering each row of B across the strips cost as much as the product itself for the
 * few-row products of a convolution (M = out channels, N = output pixels).
 */
function packB(p: Float64Array, at: number, b: F32Mat, K: number, N: number, n4: number): void {
  const B = b.data;
  const { rs, cs } = b;
  let q = at;
  for (let jb = 0; jb < n4; jb++) {
    const j0 = jb * 4;
    if (j0 + 4 <= N) {
      for (let k = 0, x = b.off + j0 * cs; k < K; k++, x += rs) {
        p[q++] = B[x] as number;
        p[q++] = B[x + cs] as number;
        p[q++] = B[x + 2 * cs] as number;
        p[q++] = B[x + 3 * cs] as number;
      }
    } else {
      for (let k = 0; k < K; k++)
        for (let r = 0; r < 4; r++) p[q++] = j0 + r < N ? (B[b.off + k * rs + (j0 + r) * cs] as number) : 0;
    }
  }
}
