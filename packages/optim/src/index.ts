/**
 * @typetorch/optim: PyTorch's `torch.optim` — optimizers over iterables of parameters or param groups,
 * and the learning-rate schedulers of `torch.optim.lr_scheduler` under `lrScheduler`.
 *
 * With `optim` from the typetorch umbrella:
 * ```ts
 * const optimizer = new optim.SGD(params, { lr: 0.1, momentum: 0.9 });
 * const scheduler = new optim.lrScheduler.StepLR(optimizer, { stepSize: 30, gamma: 0.1 });
 * ```
 */
export { Optimizer, required } from "./optimizer.js";
export type { ParamGroup, ParamGroupInput, Params, ParamState, StateValue, OptimizerStateDict } from "./optimizer.js";
export { SGD } from "./sgd.js";
export type { SGDOptions } from "./sgd.js";
export { Adam, AdamW } from "./adam.js";
export type { AdamOptions } from "./adam.js";
export { RMSprop } from "./rmsprop.js";
export type { RMSpropOptions } from "./rmsprop.js";
export { Adagrad } from "./adagrad.js";
export type { AdagradOptions } from "./adagrad.js";
export { Adadelta } from "./adadelta.js";
export type { AdadeltaOptions } from "./adadelta.js";
export { Adamax, NAdam, RAdam } from "./adam-variants.js";
export type { AdamaxOptions, NAdamOptions, RAdamOptions } from "./adam-variants.js";
export * as lrScheduler from "./lr-scheduler/index.js";
