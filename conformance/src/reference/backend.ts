/**
 * The reference evaluator packaged as a Backend over plain storage arrays, so the suite can drive
 * it and the backend under test through the same calls. Slow on purpose: scalar loops only.
 */
import { DTYPES, makeStorageArray, type Backend, type DType, type DeviceBuffer, type Operand, type StorageArray } from "@typetorch/tensor-core";
import type { RefOperand } from "./layout.js";
import { refCopy, refFill, refUnary, refBinary, refWhere } from "./elementwise.js";
import { refArgReduce, refReduce, refScan } from "./reduce.js";
import { refMatmul } from "./matmul.js";
import { refSort } from "./sort.js";
import { refRandom } from "./random.js";
import { refGather, refScatter } from "./gather.js";

export class RefBuffer implements DeviceBuffer {
  readonly data: StorageArray;
  constructor(
    readonly dtype: DType,
    readonly length: number,
  ) {
    this.data = makeStorageArray(dtype, length);
  }
}

function asRef(buffer: DeviceBuffer): RefBuffer {
  if (!(buffer instanceof RefBuffer)) throw new TypeError("reference: buffer was not allocated by the reference backend");
  return buffer;
}

/** An Operand of the reference backend as the reference kernels see it. */
export const refOperand = (op: Operand): RefOperand => ({ ...op, data: asRef(op.buffer).data });

export function createReferenceBackend(): Backend {
  const slice = (b: DeviceBuffer, offset: number, length: number): StorageArray =>
    asRef(b).data.slice(offset, offset + length) as StorageArray;
  return {
    name: "reference",
    capabilities: { dtypes: DTYPES, syncRead: true, strictIEEE: true },
    alloc: (dtype, length) => new RefBuffer(dtype, length),
    free: () => undefined,
    write: (b, _dtype, data, offset) => (asRef(b).data as Uint8Array).set(data as Uint8Array, offset),
    read: (b, _dtype, offset, length) => Promise.resolve(slice(b, offset, length)),
    readSync: (b, _dtype, offset, length) => slice(b, offset, length),
    sync: () => Promise.resolve(),
    copy: (out, a) => refCopy(refOperand(out), refOperand(a)),
    fill: (out, value) => refFill(refOperand(out), value),
    unary: (op, out, a) => refUnary(op, refOperand(out), refOperand(a)),
    binary: (op, out, a, b) => refBinary(op, refOperand(out), refOperand(a), refOperand(b)),
    where: (out, c, a, b) => refWhere(refOperand(out), refOperand(c), refOperand(a), refOperand(b)),
    reduce: (op, out, a, axes) => void refReduce(op, refOperand(out), refOperand(a), axes),
    argReduce: (op, out, a, axis) => refArgReduce(op, refOperand(out), refOperand(a), axis),
    scan: (op, out, a, axis) => void refScan(op, refOperand(out), refOperand(a), axis),
    matmul: (out, a, b) => void refMatmul(refOperand(out), refOperand(a), refOperand(b)),
    sort: (values, indices, a, axis, descending) => refSort(refOperand(values), refOperand(indices), refOperand(a), axis, descending),
    random: (out, spec, input) => refRandom(refOperand(out), spec, input && refOperand(input)),
    gather: (out, a, index, axis) => refGather(refOperand(out), refOperand(a), refOperand(index), axis),
    scatter: (op, out, index, src, axis) => refScatter(op, refOperand(out), refOperand(index), refOperand(src), axis),
  };
}
