/**
 * @typetorch/nn: PyTorch's torch.nn — Module, Parameter, layers, losses, functional, init.
 * The typetorch umbrella re-exports it as `nn` (`nn.Linear`, `nn.functional.relu`,
 * `nn.init.kaimingUniform_`).
 */
export { Module } from "./module.js";
export type { StateDict, LoadStateDictOptions, IncompatibleKeys } from "./module.js";
export { Parameter, isParameter } from "./parameter.js";
export type { ParameterConstructor } from "./parameter.js";
export type { Reduction } from "./util.js";
export * as functional from "./functional/index.js";
export * as init from "./init.js";
export * as utils from "./utils.js";
export { Identity, Linear, Bilinear, Flatten, Unflatten } from "./layers/linear.js";
export type { FactoryOptions, LinearOptions } from "./layers/linear.js";
export { ReLU, LeakyReLU, ELU, GELU, Sigmoid, Tanh, SiLU, Softplus, Softmax, LogSoftmax } from "./layers/activation.js";
export { Sequential, ModuleList, ModuleDict } from "./layers/container.js";
export { Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d } from "./layers/conv.js";
export type { ConvModuleOptions, ConvTransposeModuleOptions } from "./layers/conv.js";
export { MaxPool1d, MaxPool2d, AvgPool1d, AvgPool2d, AdaptiveAvgPool1d, AdaptiveAvgPool2d } from "./layers/pool.js";
export { LayerNorm, GroupNorm, BatchNorm1d, BatchNorm2d } from "./layers/norm.js";
export type { LayerNormOptions, GroupNormOptions, BatchNormModuleOptions } from "./layers/norm.js";
export { Dropout, Embedding } from "./layers/misc.js";
export type { EmbeddingOptions } from "./layers/misc.js";
export { MSELoss, L1Loss, SmoothL1Loss, HuberLoss, NLLLoss, CrossEntropyLoss, BCELoss, BCEWithLogitsLoss } from "./layers/loss.js";
