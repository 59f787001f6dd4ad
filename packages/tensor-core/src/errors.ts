/**
 * Exported error classes, named after the Python exceptions PyTorch raises, so a PyTorch user
 * recognises both the class and the message text (API.md rule 13).
 */
export class TorchError extends Error {
  override name = "TorchError";
}
/** PyTorch's `RuntimeError`: shape mismatches, dtype refusals, invalid in-place casts. */
export class RuntimeError extends TorchError {
  override name = "RuntimeError";
}
/** PyTorch's `IndexError`: dimension or index out of range. */
export class IndexError extends TorchError {
  override name = "IndexError";
}
/** PyTorch's `ValueError`. */
export class ValueError extends TorchError {
  override name = "ValueError";
}
/** PyTorch's `TypeError` (wrong argument kinds); named so it does not shadow JavaScript's. */
export class TorchTypeError extends TorchError {
  override name = "TypeError";
}
/** A device-specific failure (an async-only device read synchronously, a lost device). */
export class DeviceError extends TorchError {
  override name = "DeviceError";
}
/** PyTorch's `KeyError` (a missing state-dict or param-group key). */
export class KeyError extends TorchError {
  override name = "KeyError";
}
/** Python's `NotImplementedError` (a Module without `forward`). */
export class NotImplementedError extends TorchError {
  override name = "NotImplementedError";
}
