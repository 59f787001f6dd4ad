// Fuzz: 10,000 mutated .npy/.npz files must each give a value or an NpyFormatError — never
// another exception (a crash), a hang, or a huge allocation.
//
// Allocation cap, stated: reading never allocates more than CAP(input) = 1032 × input bytes +
// 64 KiB (1032:1 is deflate's best ratio; a .npy never allocates beyond its own length). The
// test checks every result's bytes against CAP and samples the process's ArrayBuffer memory, which
// must not grow by more than 64 MiB over the run; a single allocation above the cap would blow it.
import "./test-utils/setup.js";
import { zipSync } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arange, ones, tensor } from "@typetorch/tensor-core";
import type { NDArray } from "@typetorch/tensor-core";
import { NpyFormatError, load, parseNpy, parseNpz, toNpy, toNpz } from "./index.js";

const RUNS = Number(process.env.NPY_FUZZ_RUNS ?? 10_000);
const cap = (input: number): number => 1032 * input + 65536;

const seedsNpy: Uint8Array[] = [
  toNpy(arange(12, { dtype: "float32" }).reshape(3, 4)),
  toNpy(arange(12, { dtype: "float64" }).reshape(3, 4).T),
  toNpy(tensor([1n, -2n, 2n ** 60n]), { byteOrder: ">" }),
  toNpy(tensor([true, false, true])),
  toNpy(ones([2, 0, 3], { dtype: "int16" })),
  toNpy(tensor(7, { dtype: "uint8" }), { version: 2 }),
  toNpy(ones([4], { dtype: "float16" }), { version: 3 }),
  toNpy(arange(6, { dtype: "int32" }), { byteOrder: ">" }),
];
const seedsNpz: Uint8Array[] = [
  toNpz({ a: arange(8, { dtype: "int64" }), b: ones([2, 2]) }),
  toNpz({ a: arange(40, { dtype: "float32" }).reshape(4, 10), z: tensor(1.5) }, { compress: true }),
];

type Mutation =
  | { kind: "set"; pos: number; val: number }
  | { kind: "u32"; pos: number; val: number }
  | { kind: "truncate"; len: number }
  | { kind: "insert"; pos: number; bytes: Uint8Array }
  | { kind: "header"; dict: string };

const dim = fc.oneof(fc.nat({ max: 8 }), fc.constantFrom("0", "4294967296", "9007199254740993", "99999999999999999999", "-3", "2L", "1e3", "True"));
const headerDict = fc
  .record({
    descr: fc.constantFrom("'<f8'", "'>i4'", "'|b1'", "'<f2'", "'|O'", "'<c8'", "'<u8'", "'<V2'", "'bfloat16'", "[('a', '<f4')]", "'", "3", "'<f16'"),
    fortran: fc.constantFrom("True", "False", "0", "None", "'x'"),
    shape: fc.array(dim, { maxLength: 70 }).map((ds) => `(${ds.join(", ")}${ds.length === 1 ? "," : ""})`),
    extra: fc.constantFrom("", "'x': 1, ", "{", "((((((((((((((((((((", "'descr': '<f4', "),
  })
  .map((h) => `{'descr': ${h.descr}, 'fortran_order': ${h.fortran}, ${h.extra}'shape': ${h.shape}, }`);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), pos: fc.nat(), val: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant("u32" as const), pos: fc.nat(), val: fc.oneof(fc.nat(), fc.constant(0xffffffff), fc.constant(0x7fffffff)) }),
  fc.record({ kind: fc.constant("truncate" as const), len: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), pos: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ kind: fc.constant("header" as const), dict: headerDict }),
);

function mutate(src: Uint8Array, m: Mutation): Uint8Array {
  const b = src.slice();
  if (b.length === 0) return b;
  switch (m.kind) {
    case "set":
      b[m.pos % b.length] = m.val;
      return b;
    case "u32": {
      if (b.length < 4) return b;
      const p = m.pos % (b.length - 3);
      new DataView(b.buffer).setUint32(p, m.val, true);
      return b;
    }
    case "truncate":
      return b.subarray(0, m.len % (b.length + 1));
    case "insert": {
      const p = m.pos % (b.length + 1);
      const out = new Uint8Array(b.length + m.bytes.length);
      out.set(b.subarray(0, p));
      out.set(m.bytes, p);
      out.set(b.subarray(p), p + m.bytes.length);
      return out;
    }
    case "header": {
      // Replace the dict of a .npy (magic, version and length field kept valid), data kept.
      if (b[0] !== 0x93 || b.length < 12) return b;
      const pre = b[6] === 1 ? 10 : 12;
      const hlen = pre === 10 ? new DataView(b.buffer).getUint16(8, true) : new DataView(b.buffer).getUint32(8, true);
      const dict = new TextEncoder().encode(m.dict + "\n");
      const out = new Uint8Array(pre + dict.length + Math.max(0, b.length - pre - hlen));
      out.set(b.subarray(0, pre));
      const dv = new DataView(out.buffer);
      if (pre === 10) dv.setUint16(8, Math.min(dict.length, 0xffff), true);
      else dv.setUint32(8, dict.length, true);
      out.set(dict, pre);
      out.set(b.subarray(pre + hlen), pre + dict.length);
      return out;
    }
  }
}

const resultBytes = (nd: NDArray): number => nd.data.byteLength;

/** Parses as the first bytes say; returns the bytes of every array produced. */
function attempt(bytes: Uint8Array): number {
  if (bytes[0] === 0x50) return Object.values(parseNpz(bytes)).reduce((s, nd) => s + resultBytes(nd), 0);
  const nd = parseNpy(bytes);
  // A value must be internally consistent: every addressed element inside `data`.
  const numel = nd.shape.reduce((a, b) => a * b, 1);
  expect(nd.data.length).toBeGreaterThanOrEqual(numel);
  return resultBytes(nd);
}

describe("fuzz: mutated files never crash, hang or over-allocate", () => {
  it(`${RUNS} mutated .npy/.npz files → a value or NpyFormatError`, () => {
    const baseline = process.memoryUsage().arrayBuffers;
    let values = 0;
    let errors = 0;
    let slowest = 0;
    let peakGrowth = 0;
    let run = 0;
    const seedFile = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...seedsNpy) },
      { weight: 1, arbitrary: fc.constantFrom(...seedsNpz) },
      // A mutated .npy inside a freshly zipped archive (stored or deflated).
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...seedsNpy), mutation, fc.boolean())
          .map(([s, m, z]) => zipSync({ "x.npy": [mutate(s, m), { level: z ? 6 : 0 }] })),
      },
    );
    fc.assert(
      fc.property(seedFile, fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, ms) => {
        const bytes = ms.reduce(mutate, seed);
        const t0 = performance.now();
        try {
          const got = attempt(bytes);
          expect(got).toBeLessThanOrEqual(cap(bytes.length));
          values++;
        } catch (e) {
          if (!(e instanceof NpyFormatError)) throw e; // a crash: anything but a clear format error
          expect(e.message.length).toBeGreaterThan(10);
          errors++;
        }
        slowest = Math.max(slowest, performance.now() - t0);
        if (++run % 500 === 0) peakGrowth = Math.max(peakGrowth, process.memoryUsage().arrayBuffers - baseline);
      }),
      { numRuns: RUNS },
    );
    expect(values + errors).toBe(RUNS);
    expect(values).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(1000); // no hang
    expect(peakGrowth).toBeLessThan(64 << 20);
  }, 120_000);

  it("chunked/streamed loading (Blob, streamed Response) agrees with parseNpy on 2,000 mutated files", async () => {
    const stream = (b: Uint8Array): Response =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            for (let i = 0; i < b.length; i += 13) c.enqueue(b.slice(i, i + 13));
            c.close();
          },
        }),
        { headers: { "content-length": String(b.length) } },
      );
    const outcome = async (f: () => Promise<unknown> | unknown): Promise<string> => {
      try {
        const nd = (await f()) as { shape: readonly number[]; data: ArrayBufferView };
        return `value ${nd.shape.join("x")} ${Array.from(new Uint8Array(nd.data.buffer, nd.data.byteOffset, nd.data.byteLength)).join(",")}`;
      } catch (e) {
        if (!(e instanceof NpyFormatError)) throw e;
        return "error";
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seedsNpy), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (seed, ms) => {
        const bytes = ms.reduce(mutate, seed);
        const want = await outcome(() => parseNpy(bytes, { copy: true }));
        const viaBlob = await outcome(async () => (await load(new Blob([bytes]))).numpy());
        const viaStream = await outcome(async () => (await load(stream(bytes))).numpy());
        expect(viaBlob).toBe(want);
        expect(viaStream).toBe(want);
      }),
      { numRuns: 2000 },
    );
  }, 120_000);
});
