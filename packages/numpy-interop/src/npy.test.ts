// .npy reading/writing without NumPy: layouts, sources, and clear errors for bad files.
import "./test-utils/setup.js";
import { describe, expect, it } from "vitest";
import { fromNumpy, tensor, arange, ones } from "@typetorch/tensor-core";
import type { NDArray } from "@typetorch/tensor-core";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NpyFormatError, formatHeader, iterNpy, load, loadNpz, parseNpy, save, savez, serializeNpy, toNpy, toNpz } from "./index.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A .npy with a hand-written header dict and `body` bytes. */
function npy(dict: string, body: Uint8Array = new Uint8Array(0), version = 1): Uint8Array {
  const pre = version === 1 ? 10 : 12;
  const len = Math.ceil((pre + dict.length + 1) / 64) * 64 - pre;
  const head = new Uint8Array(pre + len).fill(0x20);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const dv = new DataView(head.buffer);
  if (version === 1) dv.setUint16(8, len, true);
  else dv.setUint32(8, len, true);
  head.set(enc(dict), pre);
  head[head.length - 1] = 0x0a;
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}
const header = (descr: string, shape: string, fortran = "False"): string =>
  `{'descr': ${descr}, 'fortran_order': ${fortran}, 'shape': ${shape}, }`;

function fails(bytes: Uint8Array, message: RegExp): void {
  let err: unknown;
  try {
    parseNpy(bytes);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(NpyFormatError);
  expect((err as Error).message).toMatch(message);
}

describe("parseNpy / serializeNpy", () => {
  it("writes NumPy's header layout: 64-byte aligned, version 1.0, Python tuple reprs", () => {
    const h = formatHeader("<f4", false, [3]);
    expect(h.length % 64).toBe(0);
    expect(new TextDecoder().decode(h.subarray(10))).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3,\), \} +\n$/);
    expect(new TextDecoder().decode(formatHeader("|b1", false, []))).toContain("'shape': ()");
  });

  it("round-trips a transposed view as Fortran order without reordering the data", () => {
    const x = arange(6, { dtype: "int32" }).reshape(2, 3);
    const bytes = toNpy(x.T);
    expect(new TextDecoder().decode(bytes.subarray(0, 128))).toContain("'fortran_order': True, 'shape': (3, 2)");
    const back = fromNumpy(parseNpy(bytes));
    expect(back.stride()).toEqual([1, 3]);
    expect(back.tolist()).toEqual(x.T.tolist());
  });

  it("writes non-contiguous views (slices, broadcasts) in C order", () => {
    const x = arange(12, { dtype: "float64" }).reshape(3, 4).narrow(1, 1, 2);
    expect(fromNumpy(parseNpy(toNpy(x))).tolist()).toEqual(x.tolist());
    const b = tensor([1, 2, 3]).expand(2, 3);
    expect(fromNumpy(parseNpy(toNpy(b))).tolist()).toEqual([[1, 2, 3], [1, 2, 3]]);
  });

  it("keeps int64 exact beyond 2^53 and writes big-endian on request", () => {
    const x = tensor([2n ** 62n + 1n, -(2n ** 63n), 9007199254740993n]);
    const be = toNpy(x, { byteOrder: ">" });
    expect(new TextDecoder().decode(be.subarray(0, 64))).toContain("'>i8'");
    expect(fromNumpy(parseNpy(be)).tolist()).toEqual([2n ** 62n + 1n, -(2n ** 63n), 9007199254740993n]);
  });

  it("normalises bool bytes other than 0/1 (NumPy treats them as True)", () => {
    const nd = parseNpy(npy(header("'|b1'", "(3,)"), new Uint8Array([0, 2, 255])));
    expect(fromNumpy(nd).tolist()).toEqual([false, true, true]);
  });

  it("refuses to save bfloat16, saying why and what to do", () => {
    expect(() => toNpy(ones(2, { dtype: "bfloat16" }))).toThrow(/NumPy has no bfloat16.*\.float\(\)/);
  });

  it("shares the input bytes unless asked to copy", () => {
    const bytes = toNpy(tensor([1.5, 2.5], { dtype: "float32" }));
    expect(parseNpy(bytes).data.buffer).toBe(bytes.buffer);
    expect(parseNpy(bytes, { copy: true }).data.buffer).not.toBe(bytes.buffer);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(Array.from(parseNpy(shifted.subarray(1)).data as Float32Array)).toEqual([1.5, 2.5]); // misaligned: copies
  });

  it("writes format versions 2.0 and 3.0 when asked", () => {
    for (const version of [2, 3] as const) {
      const b = toNpy(tensor([1, 2]), { version });
      expect(b[6]).toBe(version);
      expect(fromNumpy(parseNpy(b)).tolist()).toEqual([1, 2]);
    }
  });
});

describe("bad files get a clear error naming the problem", () => {
  const body8 = new Uint8Array(8);
  it.each([
    ["not npy", enc("hello world, not numpy"), /magic string/],
    ["short", new Uint8Array([0x93, 0x4e]), /shorter than the 8-byte prelude/],
    ["an .npz", toNpz({ a: tensor([1]) }), /zip archive \(\.npz\); read it with loadNpz/],
    ["version", npy(header("'<f8'", "(1,)"), body8).map((b, i) => (i === 6 ? 4 : b)), /format version 4\.0/],
    ["truncated data", npy(header("'<f8'", "(2,)"), body8), /needs 16 data bytes but only 8/],
    ["huge shape, tiny file", npy(header("'<f8'", "(1000000000, 1000)"), body8), /needs 8000000000000 data bytes/],
    ["overflowing shape", npy(header("'<f8'", "(4294967296, 4294967296, 4294967296)")), /array is too big/],
    // np.empty((0, 2**32, 2**32)) raises too: the other dims' strides would overflow.
    ["size 0, other dims overflow", npy(header("'<f8'", "(0, 4294967296, 4294967296)")), /array is too big/],
    ["giant integer", npy(header("'<f8'", "(99999999999999999999999,)")), /integer too large/],
    ["negative dim", npy(header("'<f8'", "(-1,)")), /non-negative/],
    ["object dtype", npy(header("'|O'", "(1,)"), body8), /'\|O'.*pickled Python objects/],
    ["complex", npy(header("'<c16'", "(1,)"), body8), /complex/],
    ["uint16", npy(header("'<u2'", "(1,)"), body8), /uint16/],
    ["structured", npy(header("[('a', '<f4'), ('b', '<i4')]", "(1,)"), body8), /structured/],
    ["missing key", npy("{'descr': '<f8', 'shape': (1,), }", body8), /exactly the keys/],
    ["not a dict", npy("[1, 2, 3]", body8), /not a dict/],
    ["bad fortran_order", npy(header("'<f8'", "(1,)", "1"), body8), /fortran_order/],
    ["deep nesting", npy(header("'<f8'", "(" + "(".repeat(40) + ")".repeat(40) + ",)")), /nesting too deep/],
    ["unterminated", npy("{'descr': '<f8", body8), /unterminated string/],
  ])("%s", (_name, bytes, message) => fails(bytes, message));

  it("a header length that lies beyond the file", () => {
    const b = npy(header("'<f8'", "(1,)"), body8);
    new DataView(b.buffer).setUint16(8, 9000, true);
    fails(b, /header claims 9000 bytes/);
  });

  it("a header larger than maxHeaderSize (NumPy's guard)", () => {
    const b = npy(header("'<f8'", "(1,)") + " ".repeat(20000), body8, 2);
    fails(b, /exceeds maxHeaderSize 10000/);
    expect(parseNpy(b, { maxHeaderSize: 30000 }).shape).toEqual([1]);
  });
});

describe("sources: Blob, Response, streaming", () => {
  const x = arange(20, { dtype: "float32" }).reshape(5, 4);
  const bytes = toNpy(x);

  it("loads from ArrayBuffer, Uint8Array, Blob and Response", async () => {
    const copy = bytes.slice().buffer;
    for (const src of [copy, bytes, new Blob([bytes]), new Response(bytes)]) {
      expect((await load(src)).tolist()).toEqual(x.tolist());
    }
  });

  it("iterNpy yields row blocks whose concatenation is the array", async () => {
    const blocks: number[][] = [];
    const shapes: number[][] = [];
    for await (const t of iterNpy(new Blob([bytes]), { rows: 2 })) {
      shapes.push([...t.shape]);
      blocks.push(...(t.tolist() as number[][]));
    }
    expect(shapes).toEqual([[2, 4], [2, 4], [1, 4]]);
    expect(blocks).toEqual(x.tolist());
  });

  /** A streamed fetch body delivering `bytes` in `chunk`-byte pieces, with a content-length. */
  const streamed = (b: Uint8Array, chunk: number, length = b.length): Response =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < b.length; i += chunk) c.enqueue(b.slice(i, i + chunk));
          c.close();
        },
      }),
      { headers: { "content-length": String(length) } },
    );

  it("streams a Response with a content-length: load and iterNpy in any chunking", async () => {
    for (const chunk of [1, 7, 64, 1000]) {
      expect((await load(streamed(bytes, chunk))).tolist(), `chunk ${chunk}`).toEqual(x.tolist());
      const got: number[][] = [];
      for await (const t of iterNpy(streamed(bytes, chunk), { rows: 2 })) got.push(...(t.tolist() as number[][]));
      expect(got, `chunk ${chunk}`).toEqual(x.tolist());
    }
    await expect(load(streamed(bytes.subarray(0, 100), 16, bytes.length))).rejects.toThrow(/truncated stream/);
    await expect(load(streamed(bytes, 16, bytes.length - 60))).rejects.toThrow(/only 20 are present/);
    await expect(load(streamed(bytes, 16, 100))).rejects.toThrow(/header claims/);
  });

  it("iterNpy refuses Fortran-order files and reports truncation before reading", async () => {
    await expect(iterNpy(toNpy(x.T)).next()).rejects.toThrow(/C-order files only/);
    await expect(load(new Blob([bytes.subarray(0, bytes.length - 4)]))).rejects.toThrow(/needs 80 data bytes but only 76/);
  });

  it("round-trips 0-d and size-0 arrays", () => {
    const zero: NDArray = { data: new Float64Array([3.25]), shape: [], strides: [], dtype: "float64", offset: 0 };
    expect(fromNumpy(parseNpy(serializeNpy(zero))).item()).toBe(3.25);
    const empty = parseNpy(toNpy(ones([2, 0, 3], { dtype: "int16" })));
    expect(empty.shape).toEqual([2, 0, 3]);
    expect(empty.data.length).toBe(0);
  });
});

describe("Node paths", () => {
  const dir = mkdtempSync(join(tmpdir(), "typetorch-npy-unit-"));

  it("save / load / iterNpy / savez / loadNpz through the file system", async () => {
    const x = arange(24, { dtype: "int64" }).reshape(6, 4);
    const path = join(dir, "x.npy");
    await save(path, x);
    expect(readFileSync(path).subarray(1, 6).toString()).toBe("NUMPY");
    expect((await load(path)).tolist()).toEqual(x.tolist());
    let rows = 0;
    for await (const t of iterNpy(path, { rows: 4 })) rows += t.shape[0] as number;
    expect(rows).toBe(6);
    await savez(join(dir, "a.npz"), { x, y: x.T });
    const back = await loadNpz(join(dir, "a.npz"));
    expect(back.y?.tolist()).toEqual(x.T.tolist());
  });

  it("saves a tensor that requires grad (detached), as np.save(t.detach().numpy())", async () => {
    const w = ones([2], { requiresGrad: true });
    await save(join(dir, "w.npy"), w);
    expect((await load(join(dir, "w.npy"))).tolist()).toEqual([1, 1]);
  });

  it("reports a missing file as Node does", async () => {
    await expect(load(join(dir, "missing.npy"))).rejects.toThrow(/ENOENT/);
  });
});
