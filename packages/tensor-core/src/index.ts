export * from "./dtype.js";
export * from "./errors.js";
export * from "./float16.js";
export type * from "./backend.js";
export * from "./primitives.js";
export * from "./pool.js";
