import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { gzipSync } from "node:zlib";
import * as torch from "typetorch";
import { readIdx, readIdxAsync, writeIdx } from "./index.js";

// Files written byte by byte from the format's description (yann.lecun.com/exdb/mnist):
// 0x00 0x00, a type code, the number of dims, each dim as a big-endian uint32, big-endian values.
const IMAGES = new Uint8Array([0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
const LABELS = new Uint8Array([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 2, 1]);
const SPEC: [string, number[], torch.DType, unknown][] = [
  ["int8", [0, 0, 0x09, 1, 0, 0, 0, 2, 0xff, 0x7f], "int8", [-1, 127]],
  ["int16", [0, 0, 0x0b, 1, 0, 0, 0, 2, 0xff, 0xfe, 0x01, 0x00], "int16", [-2, 256]],
  ["int32", [0, 0, 0x0c, 1, 0, 0, 0, 1, 0x80, 0, 0, 0], "int32", [-2147483648]],
  ["float32", [0, 0, 0x0d, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0], "float32", [[1.5]]],
  ["float64", [0, 0, 0x0e, 1, 0, 0, 0, 1, 0xc0, 0x04, 0, 0, 0, 0, 0, 0], "float64", [-2.5]],
  ["a 0-dim file", [0, 0, 0x08, 0, 42], "uint8", 42],
];

describe("readIdx", () => {
  test("an MNIST-style image file: uint8, [count, rows, cols]", () => {
    const x = readIdx(IMAGES);
    expect(x.dtype).toBe("uint8");
    expect(x.shape).toEqual([2, 2, 3]);
    expect(x.tolist()).toEqual([[[0, 1, 2], [3, 4, 5]], [[250, 251, 252], [253, 254, 255]]]);
    expect(readIdx(LABELS.buffer).tolist()).toEqual([7, 2, 1]);
  });

  test.each(SPEC)("%s", (_, bytes, dtype, values) => {
    const x = readIdx(new Uint8Array(bytes));
    expect(x.dtype).toBe(dtype);
    expect(x.tolist()).toEqual(values);
  });

  test("reads from a Uint8Array that is a window into a larger buffer", () => {
    const big = new Uint8Array(LABELS.length + 5);
    big.set(LABELS, 3);
    expect(readIdx(big.subarray(3, 3 + LABELS.length)).tolist()).toEqual([7, 2, 1]);
  });

  test("law: writeIdx then readIdx gives the tensor back, for every IDX dtype", () => {
    const dtypes = ["uint8", "int8", "int16", "int32", "float32", "float64"] as const;
    fc.assert(
      fc.property(fc.constantFrom(...dtypes), fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }), fc.integer(), (dtype, shape, seed) => {
        const g = new torch.Generator().manualSeed(seed);
        const x = dtype.startsWith("float") ? torch.randn(shape, { dtype, generator: g }) : torch.randint(-128, 128, shape, { generator: g }).to(dtype);
        const back = readIdx(writeIdx(x));
        expect(back.dtype).toBe(dtype);
        expect(back.shape).toEqual(shape);
        expect(back.equal(x)).toBe(true);
      }),
    );
  });

  test("writeIdx writes the hand-written file back byte for byte", () => {
    expect(writeIdx(readIdx(IMAGES))).toEqual(IMAGES);
    for (const [, bytes] of SPEC) expect(writeIdx(readIdx(new Uint8Array(bytes)))).toEqual(new Uint8Array(bytes));
  });

  test("malformed input: clear errors", () => {
    const bad = (b: number[]): (() => unknown) => () => readIdx(new Uint8Array(b));
    expect(bad([0, 0])).toThrow("readIdx: truncated header: an IDX file starts with 4 bytes, got 2");
    expect(bad([1, 0, 8, 1])).toThrow("bad magic number 0x01 0x00");
    expect(bad([0, 0, 0x0a, 1, 0, 0, 0, 0])).toThrow("unknown data type code 0x0A");
    expect(bad([0, 0, 8, 3, 0, 0, 0, 2, 0, 0])).toThrow("truncated header: 3 dimensions need 16 header bytes, got 10");
    expect(bad([...LABELS.slice(0, -1)])).toThrow("truncated data: shape [3] of uint8 needs 3 bytes after the 8-byte header, got 2");
    expect(bad([...LABELS, 0])).toThrow("trailing bytes");
    expect(bad([0, 0, 0x0b, 1, 0, 0, 0, 1, 0])).toThrow("shape [1] of int16 needs 2 bytes");
    expect(bad([])).toThrow(torch.ValueError);
  });

  test("gzip'd bytes: readIdx says to use readIdxAsync, which decompresses them", async () => {
    const gz = gzipSync(IMAGES);
    expect(() => readIdx(gz)).toThrow(/gzip-compressed.*readIdxAsync/);
    expect((await readIdxAsync(gz)).equal(readIdx(IMAGES))).toBe(true);
    expect((await readIdxAsync(LABELS)).tolist()).toEqual([7, 2, 1]);
  });

  test("corrupt gzip data is an error, not a hang", async () => {
    const gz = gzipSync(IMAGES);
    const broken = gz.slice(0, 12);
    await expect(readIdxAsync(broken)).rejects.toThrow(torch.ValueError);
  });

  test("writeIdx refuses dtypes IDX cannot hold", () => {
    expect(() => writeIdx(torch.tensor([1, 2]))).toThrow("IDX has no type code for int64");
  });
});
