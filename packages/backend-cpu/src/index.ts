/**
 * @typetorch/backend-cpu: the Backend contract over TypedArrays, in every JS runtime.
 * Register it explicitly (no import-time side effects): `registerBackend(createCpuBackend())`.
 */
import {
  DTYPES,
  DeviceError,
  type Backend,
  type DType,
  type DeviceBuffer,
  type StorageArray,
} from "@typetorch/tensor-core";
import { asCpuBuffer, CpuBuffer, cpuPool, cpuPoolStats } from "./buffer.js";
import { copy } from "./copy.js";
import { fill } from "./fill.js";
import { unary } from "./unary.js";
import { binary } from "./binary.js";
import { where } from "./where.js";
import { reduce } from "./reduce.js";
import { argReduce } from "./arg-reduce.js";
import { scan } from "./scan.js";
import { matmul } from "./matmul.js";
import { gather } from "./gather.js";
import { scatter } from "./scatter.js";
import { hostView, adopt } from "./host.js";
import { sort } from "./sort.js";
import { random } from "./random.js";

export { CpuBuffer, cpuPool, cpuPoolStats };

function readRange(buffer: DeviceBuffer, dtype: DType, offset: number, length: number): StorageArray {
  const data = asCpuBuffer(buffer).view(dtype);
  if (offset < 0 || length < 0 || offset + length > data.length)
    throw new DeviceError(`cpu: read of [${offset}, ${offset + length}) outside a buffer of ${data.length} elements`);
  return data.slice(offset, offset + length);
}

export function createCpuBackend(): Backend {
  return {
    name: "cpu",
    capabilities: { dtypes: DTYPES, syncRead: true, strictIEEE: true },
    alloc: (dtype, length) => new CpuBuffer(dtype, length),
    free: (buffer) => asCpuBuffer(buffer).release(),
    write(buffer, dtype, data, offset) {
      const dst = asCpuBuffer(buffer).view(dtype);
      if (offset < 0 || offset + data.length > dst.length)
        throw new DeviceError(`cpu: write of ${data.length} elements at ${offset} outside a buffer of ${dst.length}`);
      (dst as Uint8Array).set(data as Uint8Array, offset);
    },
    read: (buffer, dtype, offset, length) => Promise.resolve().then(() => readRange(buffer, dtype, offset, length)),
    readSync: readRange,
    sync: () => Promise.resolve(),
    hostView,
    adopt,
    copy,
    fill,
    unary,
    binary,
    where,
    reduce,
    argReduce,
    scan,
    matmul,
    gather,
    scatter,
    sort,
    random,
  };
}
