export { createReferenceBackend, RefBuffer, refOperand } from "./backend.js";
export { refCopy, refFill, refUnary, refBinary, refWhere } from "./elementwise.js";
export { refReduce, refArgReduce, refScan, type ErrorScale } from "./reduce.js";
export { refMatmul } from "./matmul.js";
export { refSort, compareKeys } from "./sort.js";
export { castValue, readElement, writeElement, roundFloat, wrapInt, isFloatDtype, type Value } from "./values.js";
export { multiIndices, address, numelOf, linearIndex, type RefOperand } from "./layout.js";
export { EXACT_FLOAT_UNARY } from "./unary-math.js";
export { EXACT_FLOAT_BINARY } from "./binary-math.js";
