/**
 * The `.npy` header: magic `\x93NUMPY`, a version (1.0, 2.0, 3.0), the header length (2 bytes
 * for 1.0, 4 bytes after), then a Python dict literal
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and a newline.
 *
 * The literal is parsed by a small recursive-descent reader of the Python subset NumPy writes
 * (strings, ints, True/False/None, tuples, lists, dicts) — never evaluated — with a depth limit,
 * so a hostile header cannot recurse or allocate without bound.
 */
import { NpyFormatError } from "./errors.js";

export const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const; // \x93NUMPY
/** NumPy's own default cap on header size (`max_header_size`, NumPy ≥ 1.24). */
export const MAX_HEADER_SIZE = 10000;
const MAX_DEPTH = 16;
/** NumPy 2's NPY_MAXDIMS. */
export const MAX_DIMS = 64;

export interface RawHeader {
  readonly version: 1 | 2 | 3;
  readonly descr: unknown;
  readonly fortranOrder: boolean;
  readonly shape: number[];
  /** Byte offset of the first data byte. */
  readonly dataOffset: number;
}

type PyValue = string | number | boolean | null | PyValue[] | Map<string, PyValue>;

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  fail(what: string): never {
    throw new NpyFormatError(`malformed .npy header: ${what} at character ${this.i}`);
  }
  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++;
  }
  eat(c: string): boolean {
    this.ws();
    if (this.s[this.i] === c) {
      this.i++;
      return true;
    }
    return false;
  }
  value(depth: number): PyValue {
    if (depth > MAX_DEPTH) this.fail("nesting too deep");
    this.ws();
    const c = this.s[this.i];
    if (c === "'" || c === '"') return this.str(c);
    if (c === "(" || c === "[") return this.seq(c === "(" ? ")" : "]", depth);
    if (c === "{") return this.dict(depth);
    const word = /^(True|False|None|-?\d+L?)/.exec(this.s.slice(this.i, this.i + 40));
    if (!word) this.fail("unexpected token");
    const w = word[0];
    this.i += w.length;
    if (w === "True") return true;
    if (w === "False") return false;
    if (w === "None") return null;
    const digits = w.replace(/L$/, "");
    if (digits.replace("-", "").length > 16 || !Number.isSafeInteger(Number(digits))) {
      throw new NpyFormatError(`.npy header has an integer too large for an array dimension: ${digits}`);
    }
    return Number(digits);
  }
  str(q: string): string {
    const end = this.s.indexOf(q, this.i + 1);
    if (end < 0) this.fail("unterminated string");
    const v = this.s.slice(this.i + 1, end);
    if (v.includes("\\")) this.fail("escapes in strings are not supported");
    this.i = end + 1;
    return v;
  }
  seq(close: string, depth: number): PyValue[] {
    this.i++;
    const out: PyValue[] = [];
    while (!this.eat(close)) {
      if (this.i >= this.s.length) this.fail("unterminated sequence");
      out.push(this.value(depth + 1));
      if (!this.eat(",")) {
        if (!this.eat(close)) this.fail(`expected ',' or '${close}'`);
        break;
      }
    }
    return out;
  }
  dict(depth: number): Map<string, PyValue> {
    this.i++;
    const out = new Map<string, PyValue>();
    while (!this.eat("}")) {
      if (this.i >= this.s.length) this.fail("unterminated dict");
      const k = this.value(depth + 1);
      if (typeof k !== "string") this.fail("dict keys must be strings");
      if (!this.eat(":")) this.fail("expected ':'");
      if (out.has(k)) this.fail(`duplicate key '${k}'`);
      out.set(k, this.value(depth + 1));
      if (!this.eat(",")) {
        if (!this.eat("}")) this.fail("expected ',' or '}'");
        break;
      }
    }
    return out;
  }
}

/** Bytes needed before the header's dict can be decoded: magic, version, length field. */
export function preludeLength(bytes: Uint8Array): number {
  if (bytes.length < 8) throw new NpyFormatError(`not a .npy file: ${bytes.length} bytes is shorter than the 8-byte prelude`);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) {
    throw new NpyFormatError("not a .npy file: this is a zip archive (.npz); read it with loadNpz / parseNpz");
  }
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new NpyFormatError("not a .npy file: the magic string \\x93NUMPY is missing");
  }
  const major = bytes[6] as number;
  const minor = bytes[7] as number;
  if (minor !== 0 || major < 1 || major > 3) throw new NpyFormatError(`unsupported .npy format version ${major}.${minor} (1.0, 2.0 and 3.0 are known)`);
  return major === 1 ? 10 : 12;
}

/**
 * Parses the header of a `.npy` held in `bytes` (which need only cover the header: streaming
 * readers pass a prefix). `options.maxHeaderSize` caps the dict literal as NumPy does.
 */
export function parseHeader(bytes: Uint8Array, options: { maxHeaderSize?: number } = {}): RawHeader {
  const pre = preludeLength(bytes);
  const version = bytes[6] as 1 | 2 | 3;
  if (bytes.length < pre) throw new NpyFormatError("truncated .npy file: the header length field is cut off");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = version === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const max = options.maxHeaderSize ?? MAX_HEADER_SIZE;
  if (hlen > max) {
    throw new NpyFormatError(`.npy header of ${hlen} bytes exceeds maxHeaderSize ${max} (pass a larger maxHeaderSize if the file is trusted)`);
  }
  if (bytes.length < pre + hlen) {
    throw new NpyFormatError(`truncated .npy file: the header claims ${hlen} bytes but only ${bytes.length - pre} follow`);
  }
  let text: string;
  try {
    text = new TextDecoder(version === 3 ? "utf-8" : "latin1", { fatal: version === 3 }).decode(bytes.subarray(pre, pre + hlen));
  } catch {
    throw new NpyFormatError("malformed .npy header: a version 3.0 header must be valid UTF-8");
  }
  const r = new Reader(text);
  r.ws();
  if (r.s[r.i] !== "{") r.fail("the header is not a dict");
  const dict = r.value(0) as Map<string, PyValue>;
  r.ws();
  if (r.i !== text.length) r.fail("trailing characters after the dict");
  const keys = [...dict.keys()].sort().join(",");
  if (keys !== "descr,fortran_order,shape") {
    throw new NpyFormatError(`.npy header must have exactly the keys descr, fortran_order and shape; got ${keys || "none"}`);
  }
  const fortran = dict.get("fortran_order");
  if (typeof fortran !== "boolean") throw new NpyFormatError(`.npy header fortran_order must be True or False, got ${String(fortran)}`);
  const shape = dict.get("shape");
  if (!Array.isArray(shape) || shape.some((d) => typeof d !== "number" || d < 0)) {
    throw new NpyFormatError("malformed .npy header: shape must be a tuple of non-negative integers");
  }
  if (shape.length > MAX_DIMS) throw new NpyFormatError(`.npy shape has ${shape.length} dimensions; at most ${MAX_DIMS} are allowed`);
  return { version, descr: dict.get("descr"), fortranOrder: fortran, shape: shape as number[], dataOffset: pre + hlen };
}

/** Python's repr of a shape tuple: `()`, `(3,)`, `(2, 3)`. */
const tupleRepr = (shape: readonly number[]): string =>
  shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;

/**
 * The header bytes for `descr`/`fortranOrder`/`shape`: version 1.0 when it fits in 65535 bytes,
 * else 2.0, or the version asked for; padded with spaces and `\n` so data starts 64-aligned.
 */
export function formatHeader(descr: string, fortranOrder: boolean, shape: readonly number[], version?: 1 | 2 | 3): Uint8Array {
  const dict = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? "True" : "False"}, 'shape': ${tupleRepr(shape)}, }`;
  const body = new TextEncoder().encode(dict); // ASCII: latin1 and utf-8 agree
  const pick = (v: 1 | 2 | 3): number => (v === 1 ? 10 : 12);
  let v: 1 | 2 | 3 = version ?? 1;
  const total = (vv: 1 | 2 | 3): number => Math.ceil((pick(vv) + body.length + 1) / 64) * 64;
  if (version === undefined && total(1) - 10 > 0xffff) v = 2;
  if (v === 1 && total(1) - 10 > 0xffff) throw new NpyFormatError("header too long for .npy format version 1.0");
  const size = total(v);
  const out = new Uint8Array(size).fill(0x20);
  out.set(MAGIC, 0);
  out[6] = v;
  out[7] = 0;
  const dv = new DataView(out.buffer);
  const hlen = size - pick(v);
  if (v === 1) dv.setUint16(8, hlen, true);
  else dv.setUint32(8, hlen, true);
  out.set(body, pick(v));
  out[size - 1] = 0x0a;
  return out;
}
