import { ValueError } from "@typetorch/tensor-core";

/**
 * A `.npy`/`.npz` file typetorch cannot read or a value it cannot write: the message names the
 * problem (truncated data, a lying header, an unsupported dtype). A `ValueError`, as NumPy's
 * `np.load` raises for malformed files.
 */
export class NpyFormatError extends ValueError {
  override name = "NpyFormatError";
}
