export { formatTensor, type Printable } from "./format-tensor.js";
export { formatExp, formatFixed } from "./format-scalar.js";
export {
  getPrintOptions,
  setPrintOptions,
  type PrintOptions,
  type PrintProfile,
  type SetPrintOptions,
} from "./options.js";
