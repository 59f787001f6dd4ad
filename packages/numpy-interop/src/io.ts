/**
 * Loading and saving from wherever the bytes are: Node paths (and `file:` URLs), buffers,
 * browser `Blob`/`File`, and `fetch` `Response`s. Node's `fs` is imported lazily, only for path
 * sources, so the module also runs in browsers.
 *
 * Large files are read in chunks: the header first, then the element data straight into one
 * buffer of exactly its size (no second copy of the file); `iterNpy` streams a C-order file in
 * row blocks so files larger than memory can be processed piecewise. A `Response` whose
 * content-length is known is consumed as a stream (forward-only), else read whole.
 */
import type * as NodeFsModule from "node:fs/promises";
import type { NDArray } from "@typetorch/tensor-core";
import { Tensor, fromNumpy } from "@typetorch/tensor-core";
import { NpyFormatError } from "./errors.js";
import type { NpyHeader, ReadOptions, WriteOptions } from "./npy.js";
import { decodeBody, readNpyHeader, serializeNpy, toNDArray } from "./npy.js";
import { MAX_HEADER_SIZE, preludeLength } from "./header.js";
import { ITEMSIZE } from "./dtypes.js";
import type { NpzReadOptions, NpzWriteOptions } from "./npz.js";
import { parseNpz, serializeNpz } from "./npz.js";

/** Where a file can come from. Strings and `file:` URLs are Node paths. */
export type Source = string | URL | ArrayBuffer | ArrayBufferView | Blob | Response;
export type Arrayish = Tensor | NDArray;

const CHUNK = 16 << 20;

type NodeFs = typeof NodeFsModule;

/** The NDArray of a tensor (detached; CPU tensors share memory) or an NDArray itself. */
export function asNDArray(x: Arrayish): NDArray {
  return x instanceof Tensor ? x.detach().numpy() : x;
}
async function asNDArrayAsync(x: Arrayish): Promise<NDArray> {
  if (!(x instanceof Tensor)) return x;
  const d = x.detach();
  return (d.device === "cpu" ? d : await d.cpuAsync()).numpy();
}

const isPath = (s: Source): s is string | URL => typeof s === "string" || s instanceof URL;
const isBlob = (s: Source): s is Blob => typeof Blob !== "undefined" && s instanceof Blob;
const isResponse = (s: Source): s is Response => typeof Response !== "undefined" && s instanceof Response;

function viewBytes(s: ArrayBuffer | ArrayBufferView): Uint8Array {
  return s instanceof ArrayBuffer ? new Uint8Array(s) : new Uint8Array(s.buffer, s.byteOffset, s.byteLength);
}

async function nodeFs(): Promise<NodeFs> {
  try {
    return await import("node:fs/promises");
  } catch {
    throw new NpyFormatError("loading from a path needs Node's fs; in a browser pass an ArrayBuffer, Blob or fetch Response");
  }
}

/** Random access to a source's bytes, in chunks. */
interface ByteSource {
  readonly size: number;
  read(pos: number, into: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

async function openSource(source: Source): Promise<ByteSource> {
  if (isPath(source)) {
    const fs = await nodeFs();
    const fh = await fs.open(source, "r");
    const { size } = await fh.stat();
    return {
      size,
      async read(pos, into) {
        for (let done = 0; done < into.length; ) {
          const n = Math.min(CHUNK, into.length - done);
          const { bytesRead } = await fh.read(into, done, n, pos + done);
          if (bytesRead === 0) throw new NpyFormatError(`truncated file: ${String(source)} ended while reading`);
          done += bytesRead;
        }
      },
      close: () => fh.close(),
    };
  }
  if (isBlob(source)) {
    return {
      size: source.size,
      async read(pos, into) {
        into.set(new Uint8Array(await source.slice(pos, pos + into.length).arrayBuffer()));
      },
      close: () => Promise.resolve(),
    };
  }
  if (isResponse(source)) {
    const length = Number(source.headers.get("content-length") ?? NaN);
    // Stream only when the byte count is known up front (it bounds every allocation); a
    // content-encoding makes content-length the compressed size, so such bodies are read whole.
    if (source.body && Number.isSafeInteger(length) && !source.headers.get("content-encoding")) {
      return streamSource(source.body, length);
    }
  }
  const bytes = isResponse(source) ? new Uint8Array(await source.arrayBuffer()) : viewBytes(source);
  return {
    size: bytes.length,
    read(pos, into) {
      into.set(bytes.subarray(pos, pos + into.length));
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}

/** A forward-only source over a stream of `size` bytes (a fetch body): reads never go back. */
function streamSource(body: ReadableStream<Uint8Array>, size: number): ByteSource {
  const reader = body.getReader();
  let at = 0; // stream position of pending[0]
  let pending: Uint8Array = new Uint8Array(0);
  return {
    size,
    async read(pos, into) {
      if (pos < at) throw new NpyFormatError("stream sources are read forward only");
      let skip = pos - at;
      for (let filled = 0; filled < into.length; ) {
        if (pending.length === 0) {
          const r = await reader.read();
          if (r.done) throw new NpyFormatError("truncated stream: it ended before the data the header announces");
          pending = r.value;
        }
        const dropped = Math.min(skip, pending.length);
        skip -= dropped;
        const take = Math.min(pending.length - dropped, into.length - filled);
        into.set(pending.subarray(dropped, dropped + take), filled);
        filled += take;
        pending = pending.subarray(dropped + take);
      }
      at = pos + into.length;
    },
    close: () => reader.cancel(),
  };
}

/** Reads the header front to back (prelude, then exactly the dict), so streams never seek. */
async function readHeader(src: ByteSource, options: ReadOptions): Promise<NpyHeader> {
  const first = new Uint8Array(Math.min(src.size, 10));
  await src.read(0, first);
  const pre = preludeLength(first);
  let prelude = first;
  if (pre > 10 && src.size >= 12) {
    prelude = new Uint8Array(12);
    prelude.set(first);
    await src.read(10, prelude.subarray(10));
  }
  const dv = new DataView(prelude.buffer);
  const hlen = prelude.length < pre ? 0 : pre === 10 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  let head = prelude;
  // An oversized or cut-off header: let the parser name the problem from the prelude alone.
  if (prelude.length === pre && hlen <= (options.maxHeaderSize ?? MAX_HEADER_SIZE) && src.size >= pre + hlen) {
    head = new Uint8Array(pre + hlen);
    head.set(prelude);
    await src.read(pre, head.subarray(pre));
  }
  const h = readNpyHeader(head, options);
  const have = src.size - h.dataOffset;
  if (have < h.dataBytes) {
    throw new NpyFormatError(
      `truncated .npy file: shape (${h.shape.join(", ")}) of ${h.dtype} needs ${h.dataBytes} data bytes but only ${have} are present`,
    );
  }
  return h;
}

/** Reads a `.npy` as an NDArray; the data buffer is allocated once, at its exact size. */
export async function loadNDArray(source: Source, options: ReadOptions = {}): Promise<NDArray> {
  const src = await openSource(source);
  try {
    const h = await readHeader(src, options);
    let body: Uint8Array;
    try {
      body = new Uint8Array(h.dataBytes);
    } catch {
      throw new NpyFormatError(`the file's ${h.dataBytes} data bytes do not fit in one buffer here; read it in row blocks with iterNpy`);
    }
    await src.read(h.dataOffset, body);
    return toNDArray(h, decodeBody(h, body, true));
  } finally {
    await src.close();
  }
}

/**
 * `np.load` for `.npy`: a CPU tensor sharing the freshly read buffer. Fortran-order files give
 * column-major (non-contiguous) tensors, as `torch.from_numpy(np.load(...))` does.
 * @example const t = await load("weights.npy")
 */
export async function load(source: Source, options: ReadOptions = {}): Promise<Tensor> {
  return fromNumpy(await loadNDArray(source, options));
}

/**
 * Streams a C-order `.npy` in blocks of `rows` along dim 0 (each a fresh CPU tensor), so files
 * larger than memory can be processed piecewise. 0-d files yield one tensor.
 */
export async function* iterNpy(source: Source, options: ReadOptions & { rows?: number } = {}): AsyncGenerator<Tensor> {
  const src = await openSource(source);
  try {
    const h = await readHeader(src, options);
    if (h.fortranOrder && h.shape.filter((n) => n > 1).length > 1) {
      throw new NpyFormatError("iterNpy reads C-order files only; this file is in Fortran order (use load)");
    }
    const rows = h.shape.length === 0 ? 1 : (h.shape[0] as number);
    const rowBytes = h.shape.length === 0 ? h.dataBytes : h.dataBytes / Math.max(rows, 1);
    const step = Math.max(1, options.rows ?? Math.max(1, Math.floor(CHUNK / Math.max(rowBytes, 1))));
    for (let r = 0; r < rows; r += step) {
      const n = Math.min(step, rows - r);
      const body = new Uint8Array(n * rowBytes);
      await src.read(h.dataOffset + r * rowBytes, body);
      const shape = h.shape.length === 0 ? [] : [n, ...h.shape.slice(1)];
      const part: NpyHeader = { ...h, fortranOrder: false, shape, numel: body.length / ITEMSIZE[h.dtype], dataBytes: body.length };
      yield fromNumpy(toNDArray(part, decodeBody(part, body, true)));
    }
  } finally {
    await src.close();
  }
}

async function readAll(source: Source): Promise<Uint8Array> {
  if (isPath(source)) return new Uint8Array(await (await nodeFs()).readFile(source));
  if (isBlob(source)) return new Uint8Array(await source.arrayBuffer());
  if (isResponse(source)) return new Uint8Array(await source.arrayBuffer());
  return viewBytes(source);
}

/** `np.load` for `.npz`: each member as a CPU tensor, keyed by name. */
export async function loadNpz(source: Source, options: NpzReadOptions = {}): Promise<Record<string, Tensor>> {
  const arrays = parseNpz(await readAll(source), options);
  return Object.fromEntries(Object.entries(arrays).map(([k, v]) => [k, fromNumpy(v)]));
}

/** `.npy` bytes of a CPU tensor or an NDArray (synchronous; see `save` for any device). */
export function toNpy(x: Arrayish, options: WriteOptions = {}): Uint8Array {
  return serializeNpy(asNDArray(x), options);
}

/** `.npz` bytes of named CPU tensors or NDArrays. */
export function toNpz(arrays: Readonly<Record<string, Arrayish>>, options: NpzWriteOptions = {}): Uint8Array {
  return serializeNpz(Object.fromEntries(Object.entries(arrays).map(([k, v]) => [k, asNDArray(v)])), options);
}

async function writeBytes(path: string | URL, bytes: Uint8Array): Promise<void> {
  await (await nodeFs()).writeFile(path, bytes);
}

/** `np.save(path, x)` (Node): a tensor on any device, or an NDArray. */
export async function save(path: string | URL, x: Arrayish, options: WriteOptions = {}): Promise<void> {
  await writeBytes(path, serializeNpy(await asNDArrayAsync(x), options));
}

async function npz(arrays: Readonly<Record<string, Arrayish>>, options: NpzWriteOptions): Promise<Uint8Array> {
  const nds: Record<string, NDArray> = {};
  for (const [k, v] of Object.entries(arrays)) nds[k] = await asNDArrayAsync(v);
  return serializeNpz(nds, options);
}

/** `np.savez(path, **arrays)` (Node): members stored uncompressed. */
export async function savez(path: string | URL, arrays: Readonly<Record<string, Arrayish>>, options: WriteOptions = {}): Promise<void> {
  await writeBytes(path, await npz(arrays, { ...options, compress: false }));
}

/** `np.savez_compressed(path, **arrays)` (Node): members deflated. */
export async function savezCompressed(path: string | URL, arrays: Readonly<Record<string, Arrayish>>, options: WriteOptions = {}): Promise<void> {
  await writeBytes(path, await npz(arrays, { ...options, compress: true }));
}
