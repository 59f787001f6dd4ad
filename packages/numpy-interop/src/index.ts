/**
 * @typetorch/numpy-interop: NumPy's `.npy`/`.npz` files and ndarray objects, sharing memory
 * wherever the layout allows. The NDArray type itself and `fromNumpy`/`x.numpy()` are core
 * (`@typetorch/tensor-core`); this package adds the file formats and third-party ndarrays.
 */
export { NpyFormatError } from "./errors.js";
export type { ByteOrder, DescrOptions } from "./dtypes.js";
export { descrOf, parseDescr } from "./dtypes.js";
export { formatHeader, parseHeader, MAX_HEADER_SIZE } from "./header.js";
export type { NpyHeader, ReadOptions, WriteOptions } from "./npy.js";
export { parseNpy, serializeNpy, readNpyHeader } from "./npy.js";
export type { NpzReadOptions, NpzWriteOptions } from "./npz.js";
export { parseNpz, serializeNpz } from "./npz.js";
export type { Source, Arrayish } from "./io.js";
export { load, loadNDArray, loadNpz, iterNpy, save, savez, savezCompressed, toNpy, toNpz, asNDArray } from "./io.js";
export type { ScijsNdarray, ScijsFactory, StdlibNdarray, StdlibConstructor } from "./ndarrays.js";
export { asarray, copyArray, fromScijs, toScijs, fromStdlib, toStdlib } from "./ndarrays.js";
