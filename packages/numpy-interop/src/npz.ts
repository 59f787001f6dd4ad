/**
 * `.npz`: a zip archive of `.npy` members (`np.savez` stores them, `np.savez_compressed`
 * deflates them). Zip and deflate are fflate's; this file only bounds what a hostile archive can
 * make it do: entry count, declared sizes (a deflate stream expands at most 1032×), methods.
 */
import { unzipSync, zipSync } from "fflate";
import type { NDArray } from "@typetorch/tensor-core";
import { NpyFormatError } from "./errors.js";
import type { ReadOptions, WriteOptions } from "./npy.js";
import { parseNpy, serializeNpy } from "./npy.js";

/** Deflate's best ratio is 1032:1; an entry claiming more output than that is lying. */
const MAX_DEFLATE_RATIO = 1032;
/** The smallest central-directory record. */
const MIN_CD_ENTRY = 46;

export interface NpzReadOptions extends ReadOptions {
  /** Cap on the total uncompressed bytes of the archive's members; default 2 GiB. */
  readonly maxBytes?: number;
}

/**
 * Parses `.npz` bytes into its arrays, keyed by member name without `.npy` (as NumPy's
 * `NpzFile` keys). Members that are not `.npy` files are skipped.
 */
export function parseNpz(bytes: Uint8Array, options: NpzReadOptions = {}): Record<string, NDArray> {
  const maxBytes = options.maxBytes ?? 2 ** 31;
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new NpyFormatError("not a .npz file: no zip signature");
  }
  let entries = 0;
  let total = 0;
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes, {
      filter(f) {
        if (++entries > bytes.length / MIN_CD_ENTRY) throw new NpyFormatError("corrupt .npz: more zip entries than the file can hold");
        if (!f.name.endsWith(".npy")) return false;
        if (f.compression !== 0 && f.compression !== 8) {
          throw new NpyFormatError(`.npz member ${f.name} uses zip compression method ${f.compression}; only stored (0) and deflate (8) are supported`);
        }
        if (f.size > bytes.length) throw new NpyFormatError(`corrupt .npz: member ${f.name} claims ${f.size} bytes in a ${bytes.length}-byte file`);
        const limit = f.compression === 0 ? f.size : f.size * MAX_DEFLATE_RATIO + 1024;
        if (f.originalSize > limit) {
          throw new NpyFormatError(`corrupt .npz: member ${f.name} claims ${f.originalSize} bytes uncompressed from ${f.size} compressed`);
        }
        total += f.originalSize;
        if (total > maxBytes) throw new NpyFormatError(`.npz members exceed maxBytes ${maxBytes} uncompressed`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof NpyFormatError) throw e;
    throw new NpyFormatError(`corrupt .npz: ${(e as Error).message}`);
  }
  const out: Record<string, NDArray> = {};
  for (const [name, data] of Object.entries(members)) {
    const key = name.slice(0, -4);
    try {
      out[key] = parseNpy(data, options);
    } catch (e) {
      if (e instanceof NpyFormatError) throw new NpyFormatError(`.npz member ${name}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

export interface NpzWriteOptions extends WriteOptions {
  /** Deflate the members (`np.savez_compressed`); default false (`np.savez`). */
  readonly compress?: boolean;
}

/** Serialises named arrays as `.npz` bytes; each becomes member `<name>.npy`. */
export function serializeNpz(arrays: Readonly<Record<string, NDArray>>, options: NpzWriteOptions = {}): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  let total = 0;
  for (const [name, nd] of Object.entries(arrays)) {
    const bytes = serializeNpy(nd, options);
    total += bytes.length;
    // fflate writes no zip64 records: past 4 GiB the offsets and sizes would silently wrap.
    if (total >= 0xffffffff) throw new NpyFormatError(".npz archives of 4 GiB or more need zip64, which the zip writer lacks; save large arrays as .npy files");
    files[`${name}.npy`] = [bytes, { level: options.compress ? 6 : 0 }];
  }
  return zipSync(files);
}
