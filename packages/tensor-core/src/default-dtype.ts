import { type DType, isDType, isFloatingPoint } from "./dtype.js";
import { TorchTypeError } from "./errors.js";

/**
 * The dtype a non-integral JS number becomes — in `torch.tensor(1.5)`, and as a weak scalar in
 * type promotion (`intTensor.add(2.5)`). Process-wide, as PyTorch's is. Starts as float32.
 */
let defaultDtype: DType = "float32";

/**
 * PyTorch's `torch.get_default_dtype()`.
 * @example
 * torch.getDefaultDtype();            // "float32"
 */
export function getDefaultDtype(): DType {
  return defaultDtype;
}

/**
 * PyTorch's `torch.set_default_dtype(d)`: any floating dtype (PyTorch 1.13 accepts float16 and
 * bfloat16 too); anything else throws `TorchTypeError` with PyTorch's message.
 * @example
 * torch.setDefaultDtype(torch.float64);
 * torch.tensor([1.5]).dtype;          // "float64"
 * torch.setDefaultDtype(torch.int64); // TypeError: only floating-point types are supported as the default type
 */
export function setDefaultDtype(d: DType): void {
  if (!isDType(d)) {
    throw new TorchTypeError(
      "invalid dtype object: only floating-point types are supported as the default type",
    );
  }
  if (!isFloatingPoint(d)) {
    throw new TorchTypeError("only floating-point types are supported as the default type");
  }
  defaultDtype = d;
}
