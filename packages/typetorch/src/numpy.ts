/**
 * `import { load, save, loadNpz, savez } from "typetorch/numpy"`: NumPy's file formats and
 * ndarray interop (@typetorch/numpy-interop). `torch.fromNumpy` and `x.numpy()` are on the main
 * entry, as in PyTorch.
 */
export * from "@typetorch/numpy-interop";
export { fromNumpy } from "@typetorch/tensor-core";
export type { NDArray } from "@typetorch/tensor-core";
