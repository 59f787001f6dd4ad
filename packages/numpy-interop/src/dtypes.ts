/**
 * NumPy dtype descriptors (`'<f4'`, `'|b1'`, `'>i8'`) ⇄ typetorch dtypes.
 *
 * bfloat16: NumPy has none. `ml_dtypes` registers one, but `np.save` writes it under the bare
 * void descriptor `'<V2'` (dtype character codes are not extensible), so its files do not say
 * they hold bfloat16. We therefore refuse to *write* bfloat16 (convert with `.float()`, which is
 * exact) and *read* it only when a file says `'bfloat16'` (what saving `str(dtype)` by hand
 * produces) or when the caller opts in with `{ void2: "bfloat16" }` for `'<V2'`/`'|V2'` files.
 */
import type { DType } from "@typetorch/tensor-core";
import { NpyFormatError } from "./errors.js";

export type ByteOrder = "<" | ">";

export interface ParsedDescr {
  readonly dtype: DType;
  /** Byte order of the file's elements; "<" for one-byte types. */
  readonly order: ByteOrder;
  readonly itemsize: number;
}

const KIND: Readonly<Record<string, DType>> = {
  b1: "bool",
  u1: "uint8",
  i1: "int8",
  i2: "int16",
  i4: "int32",
  i8: "int64",
  f2: "float16",
  f4: "float32",
  f8: "float64",
};

const DESCR: { readonly [D in DType]: string | null } = {
  bool: "b1",
  uint8: "u1",
  int8: "i1",
  int16: "i2",
  int32: "i4",
  int64: "i8",
  float16: "f2",
  bfloat16: null,
  float32: "f4",
  float64: "f8",
};

export const ITEMSIZE: { readonly [D in DType]: number } = {
  bool: 1,
  uint8: 1,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  float16: 2,
  bfloat16: 2,
  float32: 4,
  float64: 8,
};

export interface DescrOptions {
  /** How to read a 2-byte void (`'<V2'`), which is how `ml_dtypes` bfloat16 arrays come out of `np.save`. */
  readonly void2?: "bfloat16";
}

/** Why a descriptor is unsupported, in words a user can act on. */
function unsupported(descr: string): string {
  const kind = descr.replace(/^[<>|=]/, "")[0];
  const what: Record<string, string> = {
    O: "object arrays hold pickled Python objects, which typetorch never unpickles",
    c: "complex dtypes are not supported (typetorch has no complex dtype)",
    u: "unsigned integers wider than 8 bits are not supported (typetorch has no uint16/uint32/uint64); convert with astype in NumPy",
    U: "unicode string arrays are not supported",
    S: "byte string arrays are not supported",
    a: "byte string arrays are not supported",
    M: "datetime64 arrays are not supported",
    m: "timedelta64 arrays are not supported",
    V: "void (raw bytes) arrays are not supported; an ml_dtypes bfloat16 file reads with { void2: \"bfloat16\" }",
    f: "this float width is not supported (typetorch has float16/32/64)",
    i: "this integer width is not supported",
  };
  return `unsupported dtype descr '${descr}': ${(kind && what[kind]) ?? "not a NumPy dtype typetorch knows"}`;
}

/** Parses a header's `descr` value (a string; a list means a structured dtype, refused). */
export function parseDescr(descr: unknown, options: DescrOptions = {}): ParsedDescr {
  if (typeof descr !== "string") {
    throw new NpyFormatError("unsupported dtype: structured (record) dtypes are not supported; descr must be a string");
  }
  if (descr === "bfloat16") return { dtype: "bfloat16", order: "<", itemsize: 2 };
  const m = /^([<>|=]?)([a-zA-Z])(\d+)$/.exec(descr);
  if (m) {
    const [, bo, kind, size] = m as unknown as [string, string, string, string];
    if (kind === "V" && size === "2" && options.void2 === "bfloat16") return { dtype: "bfloat16", order: bo === ">" ? ">" : "<", itemsize: 2 };
    const dtype = KIND[kind + size];
    if (dtype) return { dtype, order: bo === ">" && ITEMSIZE[dtype] > 1 ? ">" : "<", itemsize: ITEMSIZE[dtype] };
  }
  if (descr === "?" || descr === "|?") return { dtype: "bool", order: "<", itemsize: 1 };
  throw new NpyFormatError(unsupported(descr));
}

/** The descriptor typetorch writes for `dtype` in byte order `order`. */
export function descrOf(dtype: DType, order: ByteOrder = "<"): string {
  const d = DESCR[dtype];
  if (d === null) {
    throw new NpyFormatError(
      "cannot save bfloat16: NumPy has no bfloat16 dtype (ml_dtypes' np.save writes it as raw '<V2' bytes that lose the dtype); convert with .float() first, which is exact",
    );
  }
  return (ITEMSIZE[dtype] === 1 ? "|" : order) + d;
}
