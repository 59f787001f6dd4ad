/**
 * `@typetorch/tensor-core/math`: correctly rounded double exp, log, sin, cos and tan, for packages
 * that must reproduce glibc's values where JavaScript's `Math` (fdlibm) is an ULP off — torch-mode
 * sampling here, the cosine lr schedules in optim. Not part of the `torch` namespace.
 */
export { crExp, crLog, crSin, crCos, crTan } from "./random/libm.js";
