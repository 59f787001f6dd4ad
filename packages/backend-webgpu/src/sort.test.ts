/**
 * sort on the device against the CPU backend, bit for bit: the storage bytes of `values` and
 * `indices` (including the gaps of strided outputs, which must stay untouched) for every dtype,
 * lane lengths 1…20000 (both the one-pass rank sort and the merge sort), duplicates (stability),
 * NaN payloads, ±0, ±inf and subnormals, descending, strided and offset operands, many lanes.
 */
import { describe, expect, it } from "vitest";
import { DTYPES, contiguousStrides, itemsize, makeStorageArray, type Backend, type DType, type Operand, type StorageArray } from "@typetorch/tensor-core";
import { cpu, getGpu, rng } from "./test-utils/harness.js";

type Mode = "random" | "dups";

const F32_SPECIAL = [0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7fc00003, 1, 0x80000001, 0x007fffff, 0x00800000, 0x3f800000, 0xbf800000];
const F16_SPECIAL = [0, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0xfe01, 0x7c01, 1, 0x8001, 0x03ff, 0x0400, 0x3c00, 0xbc00];
const BF16_SPECIAL = [0, 0x8000, 0x7f80, 0xff80, 0x7fc0, 0xffc1, 0x7f81, 1, 0x8001, 0x007f, 0x0080, 0x3f80, 0xbf80];
/** float64 specials as [high, low] words. */
const F64_SPECIAL = [[0, 0], [0x80000000, 0], [0x7ff00000, 0], [0xfff00000, 0], [0x7ff80000, 0], [0xfff80000, 1], [0x7ff00000, 1], [0, 1], [0x80000000, 1], [0x000fffff, 0xffffffff], [0x00100000, 0], [0x3ff00000, 0], [0xbff00000, 0], [0x7ff00001, 0], [0xffffffff, 0xffffffff]];

/**
 * Raw storage bits for `n` elements of `d`: "random" draws whole bit patterns (every float class
 * appears, NaNs with payloads included) mixed with the specials; "dups" draws from a pool of
 * five patterns (±0 and a NaN among them for floats), so equal keys are everywhere.
 */
function rawData(d: DType, n: number, r: () => number, mode: Mode): StorageArray {
  const arr = makeStorageArray(d, n);
  const u32 = (): number => Math.floor(r() * 2 ** 32) >>> 0;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const size = itemsize(d);
  const words = new Uint32Array(arr.buffer, arr.byteOffset, size === 8 ? 2 * n : 0);
  const small = size === 1 ? new Uint8Array(arr.buffer, arr.byteOffset, n) : null;
  const half = size === 2 ? new Uint16Array(arr.buffer, arr.byteOffset, n) : null;
  const word = size === 4 ? new Uint32Array(arr.buffer, arr.byteOffset, n) : null;
  const specials: readonly number[] = d === "float32" ? F32_SPECIAL : d === "float16" ? F16_SPECIAL : d === "bfloat16" ? BF16_SPECIAL : [0, 1, 0xffffffff, 0x80000000, 0x7fffffff];
  const pool = [specials[0], specials[1], specials[Math.min(5, specials.length - 1)], u32(), u32()] as number[];
  for (let i = 0; i < n; i++) {
    const special = r() < 0.2;
    if (d === "bool") (small as Uint8Array)[i] = r() < 0.5 ? 1 : 0;
    else if (size === 8) {
      const tiny = Math.floor(r() * 5) - 2; // int64 duplicates: -2…2
      const [hi, lo] =
        mode === "dups"
          ? d === "int64" ? [tiny < 0 ? 0xffffffff : 0, tiny >>> 0] : (F64_SPECIAL[[0, 1, 4, 5, 11][Math.floor(r() * 5)] as number] as number[])
          : special ? pick(F64_SPECIAL) : [u32(), u32()];
      words[2 * i] = lo as number;
      words[2 * i + 1] = hi as number;
    } else {
      const bits = mode === "dups" ? pick(pool) : special ? pick(specials) : u32();
      if (small) small[i] = bits & 0xff;
      else if (half) half[i] = bits & 0xffff;
      // The CPU backend moves float32 through JS numbers, which quiets a signalling NaN (the
      // device moves the bits unchanged): only quiet NaNs, so that the bits can be compared.
      else (word as Uint32Array)[i] = d === "float32" && (bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0 ? bits | 0x400000 : bits;
    }
  }
  return arr;
}

interface View {
  readonly strides?: readonly number[];
  readonly offset?: number;
}

/** Buffer length holding a view of `shape`. */
const extent = (shape: readonly number[], v: View): number =>
  (v.offset ?? 0) + shape.reduce((acc, s, d) => acc + (s - 1) * ((v.strides ?? contiguousStrides(shape))[d] as number), 1);

interface Case {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly axis: number;
  readonly descending: boolean;
  readonly mode: Mode;
  readonly seed: number;
  readonly input?: View;
  readonly values?: View;
  readonly indices?: View;
}

/** Sorts on `be`; returns the whole storage of values and indices as bytes (sentinel-filled first). */
async function runSort(be: Backend, c: Case, data: StorageArray): Promise<Uint8Array[]> {
  const operand = (d: DType, v: View, init: StorageArray | null): Operand => {
    const len = Math.max(1, extent(c.shape, v));
    const buffer = be.alloc(d, len);
    const fill = init ?? makeStorageArray(d, len);
    if (!init) new Uint8Array(fill.buffer, fill.byteOffset, fill.byteLength).fill(0xa5);
    be.write(buffer, d, fill, 0);
    return { buffer, dtype: d, shape: c.shape, strides: v.strides ?? contiguousStrides(c.shape), offset: v.offset ?? 0 };
  };
  const a = operand(c.dtype, c.input ?? {}, data);
  const vals = operand(c.dtype, c.values ?? {}, null);
  const idx = operand("int64", c.indices ?? {}, null);
  // stable=false may be any order PyTorch allows; both backends are always stable, so half the
  // cases ask for each and all must agree exactly
  be.sort(vals, idx, a, c.axis, c.descending, c.seed % 2 === 0);
  const out: Uint8Array[] = [];
  for (const o of [vals, idx]) {
    const len = Math.max(1, extent(c.shape, o));
    const got = await be.read(o.buffer, o.dtype, 0, len);
    out.push(new Uint8Array(got.buffer, got.byteOffset, got.byteLength).slice());
  }
  for (const o of [a, vals, idx]) be.free(o.buffer);
  return out;
}

/** Runs the cases on both backends; returns one line per case whose bytes differ. */
async function compare(cases: readonly Case[]): Promise<string[]> {
  const gpu = await getGpu();
  const failures: string[] = [];
  for (const c of cases) {
    const data = rawData(c.dtype, Math.max(1, extent(c.shape, c.input ?? {})), rng(c.seed), c.mode);
    const [want, got] = [await runSort(cpu, c, data), await runSort(gpu, c, data)];
    ["values", "indices"].forEach((name, j) => {
      const w = want[j] as Uint8Array;
      const g = got[j] as Uint8Array;
      const at = w.findIndex((b, i) => g[i] !== b);
      if (at >= 0 || w.length !== g.length) failures.push(`${c.dtype} [${c.shape}] axis ${c.axis} ${c.descending ? "desc" : "asc"} ${c.mode}: ${name} differ at byte ${at}`);
    });
  }
  return failures;
}

describe("sort on the device", () => {
  it("every dtype, lane lengths 1…20000, both directions", async () => {
    const cases: Case[] = [];
    let seed = 1;
    for (const dtype of DTYPES) {
      for (const n of [1, 2, 7, 16, 17, 32, 33, 65, 200, 1000, 2049, 20000]) {
        const lanes = n > 2049 ? 1 : 3;
        for (const descending of [false, true]) cases.push({ dtype, shape: [lanes, n], axis: 1, descending, mode: seed % 3 === 0 ? "dups" : "random", seed: seed++ });
      }
    }
    expect(await compare(cases)).toEqual([]);
  });

  it("duplicates everywhere: stable in both directions, NaN and ±0 ties", async () => {
    const cases: Case[] = [];
    let seed = 100;
    for (const dtype of DTYPES)
      for (const n of [40, 5000]) for (const descending of [false, true]) cases.push({ dtype, shape: [2, n], axis: 1, descending, mode: "dups", seed: seed++ });
    expect(await compare(cases)).toEqual([]);
  });

  it("strided, offset and transposed operands; the sorted axis in the middle or first", async () => {
    const cases: Case[] = [];
    let seed = 200;
    for (const dtype of ["float32", "int64", "float16", "float64", "int8"] as DType[]) {
      for (const n of [9, 300]) {
        for (const descending of [false, true]) {
          const shape = [4, n, 3];
          // input: the axes stored in the order (1, 2, 0), from offset 5
          const input = { strides: [1, 12, 4], offset: 5 };
          // values: padded rows; indices: reversed axis order, from offset 2
          const values = { strides: [n * 4 * 2, 4 * 2, 2], offset: 1 };
          const indices = { strides: [1, 4 * 3, 4], offset: 2 };
          cases.push({ dtype, shape, axis: 1, descending, mode: "random", seed: seed++, input, values, indices });
          cases.push({ dtype, shape: [n, 6], axis: 0, descending, mode: "dups", seed: seed++, input: { strides: [1, n] } });
        }
      }
    }
    expect(await compare(cases)).toEqual([]);
  });

  it("many lanes, a 0-d tensor and empty lanes", async () => {
    const cases: Case[] = [
      { dtype: "float32", shape: [3000, 20], axis: 1, descending: false, mode: "random", seed: 300 },
      { dtype: "int32", shape: [40, 500], axis: 0, descending: true, mode: "dups", seed: 301 },
      { dtype: "bfloat16", shape: [300, 700], axis: 1, descending: true, mode: "random", seed: 302 },
      { dtype: "int64", shape: [5, 7, 130], axis: 2, descending: false, mode: "random", seed: 303 },
      // more elements than one lane group's scratch holds (2^20): sorted in two groups of lanes
      { dtype: "float32", shape: [60, 20000], axis: 1, descending: true, mode: "random", seed: 307 },
      { dtype: "float32", shape: [], axis: 0, descending: false, mode: "random", seed: 304 },
      { dtype: "float32", shape: [4, 0], axis: 1, descending: false, mode: "random", seed: 305 },
      { dtype: "float32", shape: [0, 4], axis: 1, descending: false, mode: "random", seed: 306 },
    ];
    expect(await compare(cases)).toEqual([]);
  });

  it("a source that shares the values buffer is sorted as if it had been copied first", async () => {
    const gpu = await getGpu();
    for (const n of [50, 3000]) {
      const data = rawData("float32", 2 * n, rng(n), "random");
      const want = await runSort(cpu, { dtype: "float32", shape: [2, n], axis: 1, descending: false, mode: "random", seed: 0 }, data);
      const buf = gpu.alloc("float32", 2 * n);
      gpu.write(buf, "float32", data, 0);
      const idx = gpu.alloc("int64", 2 * n);
      const op = (buffer: typeof buf, dtype: DType): Operand => ({ buffer, dtype, shape: [2, n], strides: [n, 1], offset: 0 });
      gpu.sort(op(buf, "float32"), op(idx, "int64"), op(buf, "float32"), 1, false, true);
      const vals = await gpu.read(buf, "float32", 0, 2 * n);
      const ids = await gpu.read(idx, "int64", 0, 2 * n);
      expect(new Uint8Array(vals.buffer, vals.byteOffset, vals.byteLength)).toEqual(want[0]);
      expect(new Uint8Array(ids.buffer, ids.byteOffset, ids.byteLength)).toEqual(want[1]);
      gpu.free(buf);
      gpu.free(idx);
    }
  });
});
