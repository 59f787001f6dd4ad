/**
 * The IDX format of MNIST and Fashion-MNIST (`train-images-idx3-ubyte`, ...): two zero bytes, a
 * data type code, the number of dimensions, each dimension as a big-endian uint32, then the
 * values, big-endian, row-major.
 *
 * `readIdx(bytes)` is synchronous and reads uncompressed files; the files are usually shipped
 * gzip'd (`.gz`), and for those `await readIdxAsync(bytes)` decompresses with the runtime's
 * `DecompressionStream` (Node ≥ 18, Deno, Bun, browsers) before reading.
 */
import type { DType, Tensor } from "@typetorch/tensor-core";
import { ValueError, tensor } from "@typetorch/tensor-core";

/** IDX type code → dtype, bytes per value, and how a DataView reads/writes one (big-endian). */
const CODES = {
  0x08: { dtype: "uint8", size: 1, get: "getUint8", set: "setUint8" },
  0x09: { dtype: "int8", size: 1, get: "getInt8", set: "setInt8" },
  0x0b: { dtype: "int16", size: 2, get: "getInt16", set: "setInt16" },
  0x0c: { dtype: "int32", size: 4, get: "getInt32", set: "setInt32" },
  0x0d: { dtype: "float32", size: 4, get: "getFloat32", set: "setFloat32" },
  0x0e: { dtype: "float64", size: 8, get: "getFloat64", set: "setFloat64" },
} as const satisfies Record<number, { dtype: DType; size: number; get: keyof DataView; set: keyof DataView }>;
type Code = keyof typeof CODES;
const hex = (b: number): string => `0x${b.toString(16).padStart(2, "0").toUpperCase()}`;

const asBytes = (b: Uint8Array | ArrayBuffer): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b));
const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * Parses an uncompressed IDX file into a tensor of its dtype (uint8, int8, int16, int32, float32,
 * float64) and shape.
 * @example readIdx(readFileSync("train-labels-idx1-ubyte"))   // uint8, shape [60000]
 */
export function readIdx(data: Uint8Array | ArrayBuffer): Tensor {
  const b = asBytes(data);
  if (isGzip(b)) {
    throw new ValueError("readIdx: these bytes are gzip-compressed (a .gz file); use `await readIdxAsync(bytes)`, which decompresses them, or decompress them first");
  }
  if (b.length < 4) throw new ValueError(`readIdx: truncated header: an IDX file starts with 4 bytes, got ${b.length}`);
  if (b[0] !== 0 || b[1] !== 0) {
    throw new ValueError(`readIdx: bad magic number ${hex(b[0] as number)} ${hex(b[1] as number)}: an IDX file starts with two zero bytes`);
  }
  const code = b[2] as number;
  if (!(code in CODES)) {
    throw new ValueError(`readIdx: unknown data type code ${hex(code)} (IDX defines 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64)`);
  }
  const { dtype, size, get } = CODES[code as Code];
  const ndim = b[3] as number;
  const start = 4 + 4 * ndim;
  if (b.length < start) {
    throw new ValueError(`readIdx: truncated header: ${ndim} dimensions need ${start} header bytes, got ${b.length}`);
  }
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const shape = Array.from({ length: ndim }, (_, d) => view.getUint32(4 + 4 * d, false));
  const numel = shape.reduce((a, s) => a * s, 1);
  const need = numel * size;
  if (b.length - start !== need) {
    const what = b.length - start < need ? "truncated data" : "trailing bytes";
    throw new ValueError(`readIdx: ${what}: shape [${shape.join(", ")}] of ${dtype} needs ${need} bytes after the ${start}-byte header, got ${b.length - start}`);
  }
  let values: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
  if (dtype === "uint8") values = b.slice(start);
  else {
    values = new { int8: Int8Array, int16: Int16Array, int32: Int32Array, float32: Float32Array, float64: Float64Array }[dtype](numel);
    for (let i = 0; i < numel; i++) values[i] = view[get](start + i * size, false);
  }
  return tensor(values, { dtype }).reshape(shape);
}

interface ByteReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
}
interface Decompressor {
  readable: { getReader(): ByteReader };
  writable: { getWriter(): { write(b: Uint8Array): Promise<void>; close(): Promise<void> } };
}

/** Gunzips with the runtime's `DecompressionStream`. */
async function gunzip(b: Uint8Array): Promise<Uint8Array> {
  const DS = (globalThis as { DecompressionStream?: new (format: "gzip") => Decompressor }).DecompressionStream;
  if (!DS) throw new ValueError("readIdxAsync: this runtime has no DecompressionStream to gunzip the file; decompress it first");
  const ds = new DS("gzip");
  const writer = ds.writable.getWriter();
  // Not awaited: the writes complete only as the reader below drains the stream; errors surface in read().
  writer.write(b).then(() => writer.close()).catch(() => undefined);
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    let r;
    try {
      r = await reader.read();
    } catch (e) {
      throw new ValueError(`readIdxAsync: the gzip data is corrupt (${(e as Error).message})`);
    }
    if (r.done) break;
    if (r.value) chunks.push(r.value);
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) out.set(c, (o += c.length) - c.length);
  return out;
}

/** `readIdx` for gzip'd (`.gz`) or plain IDX bytes. */
export async function readIdxAsync(data: Uint8Array | ArrayBuffer): Promise<Tensor> {
  const b = asBytes(data);
  return readIdx(isGzip(b) ? await gunzip(b) : b);
}

/** A tensor as IDX bytes (the inverse of `readIdx`), for dtypes IDX has a code for. */
export function writeIdx(x: Tensor): Uint8Array {
  const entry = Object.entries(CODES).find(([, c]) => c.dtype === x.dtype);
  if (!entry) throw new ValueError(`writeIdx: IDX has no type code for ${x.dtype} (it stores uint8, int8, int16, int32, float32, float64)`);
  if (x.ndim > 255) throw new ValueError(`writeIdx: IDX stores at most 255 dimensions, got ${x.ndim}`);
  const [code, { size, set }] = entry;
  const start = 4 + 4 * x.ndim;
  const out = new Uint8Array(start + x.numel() * size);
  const view = new DataView(out.buffer);
  out.set([0, 0, Number(code), x.ndim]);
  x.shape.forEach((s, d) => view.setUint32(4 + 4 * d, s, false));
  const values = x.reshape(-1).tolist() as number[];
  values.forEach((v, i) => view[set](start + i * size, v, false));
  return out;
}
