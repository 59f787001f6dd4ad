/**
 * `.npy` bytes ⇄ NDArray. Reading shares the input bytes when it can (little-endian, aligned, no
 * bool values to normalise) and otherwise copies exactly once; a Fortran-order file becomes a
 * column-major NDArray over the same data (NumPy's view of it, no transposing copy). Nothing is
 * allocated before the header has been checked against the bytes actually present.
 */
import type { DType, NDArray, StorageArray } from "@typetorch/tensor-core";
import { STORAGE_ARRAY, makeStorageArray } from "@typetorch/tensor-core";
import { NpyFormatError } from "./errors.js";
import type { ByteOrder, DescrOptions, ParsedDescr } from "./dtypes.js";
import { descrOf, ITEMSIZE, parseDescr } from "./dtypes.js";
import { formatHeader, parseHeader } from "./header.js";
import type { RawHeader } from "./header.js";

export interface ReadOptions extends DescrOptions {
  /** Always copy the data instead of viewing the input bytes. */
  readonly copy?: boolean;
  /** Cap on the header dict's bytes (NumPy's `max_header_size`); default 10000. */
  readonly maxHeaderSize?: number;
}

export interface NpyHeader {
  readonly version: 1 | 2 | 3;
  readonly dtype: DType;
  readonly byteOrder: ByteOrder;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  readonly numel: number;
  /** Bytes of element data the file must hold after `dataOffset`. */
  readonly dataBytes: number;
  readonly dataOffset: number;
}

/** Validates a raw header: known dtype, a shape whose element and byte counts are exact integers. */
export function checkHeader(raw: RawHeader, options: DescrOptions = {}): NpyHeader {
  const d: ParsedDescr = parseDescr(raw.descr, options);
  // NumPy refuses a shape whose non-zero dims times the itemsize overflow, even when another dim
  // is 0: the strides of (0, 2**32, 2**32) float64 would not be exact. Same rule, same message.
  let numel = 1;
  let span = d.itemsize;
  for (const n of raw.shape) {
    numel *= n;
    span *= Math.max(n, 1);
    if (!Number.isSafeInteger(span)) {
      throw new NpyFormatError(
        `.npy shape (${raw.shape.join(", ")}): array is too big; \`arr.size * arr.dtype.itemsize\` is larger than the maximum possible size.`,
      );
    }
  }
  const dataBytes = numel * d.itemsize;
  return {
    version: raw.version,
    dtype: d.dtype,
    byteOrder: d.order,
    fortranOrder: raw.fortranOrder,
    shape: raw.shape,
    numel,
    dataBytes,
    dataOffset: raw.dataOffset,
  };
}

/** Reads and validates the header of `.npy` bytes (a prefix suffices). */
export function readNpyHeader(bytes: Uint8Array, options: ReadOptions = {}): NpyHeader {
  const raw = parseHeader(bytes, options.maxHeaderSize === undefined ? {} : { maxHeaderSize: options.maxHeaderSize });
  return checkHeader(raw, options);
}

/** C-order (row-major) or Fortran-order (column-major) element strides of `shape`. */
export function layoutStrides(shape: readonly number[], fortran: boolean): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let k = 0; k < shape.length; k++) {
    const i = fortran ? k : shape.length - 1 - k;
    s[i] = acc;
    acc *= Math.max(shape[i] as number, 1);
  }
  return s;
}

/** Reverses the byte order of each `size`-byte element in place. */
export function byteswap(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i + size <= bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a] as number;
      bytes[a] = bytes[b] as number;
      bytes[b] = t;
    }
  }
}

/**
 * The storage array for a header's elements from `body` (exactly `dataBytes` bytes): a view of
 * `body` when `share` and layout allow, else a copy fixed up to little-endian, bools to 0/1.
 */
export function decodeBody(h: NpyHeader, body: Uint8Array, share: boolean): StorageArray {
  const size = ITEMSIZE[h.dtype];
  let needCopy = !share || h.byteOrder === ">" || body.byteOffset % size !== 0;
  if (h.dtype === "bool" && !needCopy) needCopy = body.some((b) => b > 1);
  if (!needCopy) return new STORAGE_ARRAY[h.dtype](body.buffer, body.byteOffset, h.numel);
  const own = body.slice();
  if (h.byteOrder === ">") byteswap(own, size);
  if (h.dtype === "bool") for (let i = 0; i < own.length; i++) own[i] = own[i] ? 1 : 0;
  return new STORAGE_ARRAY[h.dtype](own.buffer, 0, h.numel);
}

/** The NDArray for a header and its element data (Fortran order → column-major strides). */
export function toNDArray(h: NpyHeader, data: StorageArray): NDArray {
  return { data, shape: [...h.shape], strides: layoutStrides(h.shape, h.fortranOrder), dtype: h.dtype, offset: 0 };
}

/** Parses a whole `.npy` file. The result may view `bytes` (see `ReadOptions.copy`). */
export function parseNpy(bytes: Uint8Array, options: ReadOptions = {}): NDArray {
  const h = readNpyHeader(bytes, options);
  const have = bytes.length - h.dataOffset;
  if (have < h.dataBytes) {
    throw new NpyFormatError(
      `truncated .npy file: shape (${h.shape.join(", ")}) of ${h.dtype} needs ${h.dataBytes} data bytes but only ${have} are present`,
    );
  }
  const body = bytes.subarray(h.dataOffset, h.dataOffset + h.dataBytes);
  return toNDArray(h, decodeBody(h, body, options.copy !== true));
}

export interface WriteOptions {
  /** Format version; default 1.0, or 2.0 when the header needs it. */
  readonly version?: 1 | 2 | 3;
  /** Byte order of the written elements; default little-endian, as NumPy on every common host. */
  readonly byteOrder?: ByteOrder;
}

const sameStrides = (a: readonly number[], b: readonly number[], shape: readonly number[]): boolean =>
  shape.every((n, i) => n <= 1 || a[i] === b[i]);

/** The elements of `nd` in C order (a fresh contiguous copy, whatever its strides). */
export function gatherC(nd: NDArray): StorageArray {
  const n = nd.shape.reduce((a, b) => a * b, 1);
  const out = makeStorageArray(nd.dtype, n) as Uint8Array;
  const src = nd.data as Uint8Array;
  const rank = nd.shape.length;
  const idx = new Array<number>(rank).fill(0);
  let off = nd.offset;
  for (let k = 0; k < n; k++) {
    out[k] = src[off] as number;
    for (let d = rank - 1; d >= 0; d--) {
      off += nd.strides[d] as number;
      if (++(idx[d] as number) < (nd.shape[d] as number)) break;
      off -= (nd.strides[d] as number) * (nd.shape[d] as number);
      idx[d] = 0;
    }
  }
  return out as StorageArray;
}

/**
 * Serialises an NDArray as `.npy` bytes. A C-contiguous array is written as is, a
 * Fortran-contiguous one with `fortran_order: True` (as `np.save` does), anything else in C order.
 * bfloat16 is refused (see `dtypes.ts`).
 */
export function serializeNpy(nd: NDArray, options: WriteOptions = {}): Uint8Array {
  const order = options.byteOrder ?? "<";
  const descr = descrOf(nd.dtype, order);
  const numel = nd.shape.reduce((a, b) => a * b, 1);
  const cStrides = layoutStrides(nd.shape, false);
  const fStrides = layoutStrides(nd.shape, true);
  const isC = sameStrides(nd.strides, cStrides, nd.shape);
  const fortran = !isC && nd.shape.length > 1 && sameStrides(nd.strides, fStrides, nd.shape);
  const data = isC || fortran ? nd.data.subarray(nd.offset, nd.offset + numel) : gatherC(nd);
  const header = formatHeader(descr, fortran, nd.shape, options.version);
  const out = new Uint8Array(header.length + data.byteLength);
  out.set(header, 0);
  const body = out.subarray(header.length);
  body.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (nd.dtype === "bool") for (let i = 0; i < body.length; i++) body[i] = body[i] ? 1 : 0;
  if (order === ">") byteswap(body, data.BYTES_PER_ELEMENT);
  return out;
}
