/**
 * The ten dtypes of typetorch, as string literals (API.md rule 4): `torch.float32 === "float32"`.
 * Each is stored exactly: int64 in a BigInt64Array (true two's complement, wrap-around), float16 and
 * bfloat16 as their 16-bit patterns in a Uint16Array (arithmetic happens in float32 and is rounded
 * to nearest-even on store, as PyTorch's CPU kernels do).
 */
export type DType =
  | "bool"
  | "uint8"
  | "int8"
  | "int16"
  | "int32"
  | "int64"
  | "float16"
  | "bfloat16"
  | "float32"
  | "float64";

/** A JavaScript scalar: a "weak" operand in type promotion, like a Python scalar in PyTorch. */
export type Scalar = number | boolean | bigint;

/** The TypedArray each dtype's elements live in. */
export interface StorageArrayMap {
  bool: Uint8Array;
  uint8: Uint8Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  float16: Uint16Array;
  bfloat16: Uint16Array;
  float32: Float32Array;
  float64: Float64Array;
}
export type StorageArray = StorageArrayMap[DType];

/** The TypedArray constructor of each dtype's storage (a view over existing memory, or fresh). */
export const STORAGE_ARRAY: {
  readonly [D in DType]: new (buffer: ArrayBufferLike, byteOffset: number, length: number) => StorageArrayMap[D];
} = {
  bool: Uint8Array,
  uint8: Uint8Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  float16: Uint16Array,
  bfloat16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array,
};

export const DTYPES: readonly DType[] = [
  "bool",
  "uint8",
  "int8",
  "int16",
  "int32",
  "int64",
  "float16",
  "bfloat16",
  "float32",
  "float64",
];

interface DTypeInfo {
  readonly itemsize: number;
  readonly kind: "bool" | "int" | "float";
  /** PyTorch's ScalarType name, used in error messages ("result type Float can't be cast..."). */
  readonly torchName: string;
  readonly make: (n: number) => StorageArray;
}

export const DTYPE_INFO: { readonly [D in DType]: DTypeInfo } = {
  bool: { itemsize: 1, kind: "bool", torchName: "Bool", make: (n) => new Uint8Array(n) },
  uint8: { itemsize: 1, kind: "int", torchName: "Byte", make: (n) => new Uint8Array(n) },
  int8: { itemsize: 1, kind: "int", torchName: "Char", make: (n) => new Int8Array(n) },
  int16: { itemsize: 2, kind: "int", torchName: "Short", make: (n) => new Int16Array(n) },
  int32: { itemsize: 4, kind: "int", torchName: "Int", make: (n) => new Int32Array(n) },
  int64: { itemsize: 8, kind: "int", torchName: "Long", make: (n) => new BigInt64Array(n) },
  float16: { itemsize: 2, kind: "float", torchName: "Half", make: (n) => new Uint16Array(n) },
  bfloat16: { itemsize: 2, kind: "float", torchName: "BFloat16", make: (n) => new Uint16Array(n) },
  float32: { itemsize: 4, kind: "float", torchName: "Float", make: (n) => new Float32Array(n) },
  float64: { itemsize: 8, kind: "float", torchName: "Double", make: (n) => new Float64Array(n) },
};

/** Whether a dtype (or a tensor's dtype) is floating point: `torch.isFloatingPoint(x)`. */
export const isFloatingPoint = (d: DType | { readonly dtype: DType }): boolean =>
  DTYPE_INFO[typeof d === "string" ? d : d.dtype].kind === "float";
export const isIntegral = (d: DType, includeBool = false): boolean =>
  DTYPE_INFO[d].kind === "int" || (includeBool && d === "bool");
export const itemsize = (d: DType): number => DTYPE_INFO[d].itemsize;
export const torchName = (d: DType): string => DTYPE_INFO[d].torchName;
export const makeStorageArray = <D extends DType>(d: D, n: number): StorageArrayMap[D] =>
  DTYPE_INFO[d].make(n) as StorageArrayMap[D];

export function isDType(x: unknown): x is DType {
  return typeof x === "string" && Object.prototype.hasOwnProperty.call(DTYPE_INFO, x);
}

/** Constants and PyTorch's aliases: `torch.float`, `torch.double`, `torch.long`, ... */
export const bool = "bool" as const;
export const uint8 = "uint8" as const;
export const int8 = "int8" as const;
export const int16 = "int16" as const;
export const int32 = "int32" as const;
export const int64 = "int64" as const;
export const float16 = "float16" as const;
export const bfloat16 = "bfloat16" as const;
export const float32 = "float32" as const;
export const float64 = "float64" as const;
export const half = float16;
export const float = float32;
export const double = float64;
export const short = int16;
export const int = int32;
export const long = int64;

/** Integer range of each integral dtype, as bigints (exact for int64). */
export const INT_RANGE: { readonly [D in DType]?: readonly [bigint, bigint] } = {
  bool: [0n, 1n],
  uint8: [0n, 255n],
  int8: [-128n, 127n],
  int16: [-32768n, 32767n],
  int32: [-2147483648n, 2147483647n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
};
