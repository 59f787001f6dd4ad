/** `optim.lrScheduler`: PyTorch's `torch.optim.lr_scheduler`. */
export { LRScheduler } from "./scheduler.js";
export type { Scheduler } from "./scheduler.js";
export { StepLR, MultiStepLR, ExponentialLR, LambdaLR, MultiplicativeLR, ConstantLR, LinearLR, CosineAnnealingLR } from "./basic.js";
export { OneCycleLR } from "./one-cycle.js";
export type { OneCycleLROptions } from "./one-cycle.js";
export { ReduceLROnPlateau } from "./plateau.js";
export type { ReduceLROnPlateauOptions } from "./plateau.js";
export { SequentialLR, ChainedScheduler } from "./composite.js";
