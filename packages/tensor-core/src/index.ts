export * from "./dtype.js";
