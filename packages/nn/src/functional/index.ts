/** `nn.functional` (`const F = nn.functional`): stateless forms of the layers and losses. */
export { relu, relu6, leakyRelu, elu, gelu, sigmoid, tanh, softplus, silu, logsigmoid, softmax, logSoftmax, softmin } from "./activation.js";
export { linear, bilinear, pad, dropout, embedding, oneHot } from "./basic.js";
export { conv1d, conv2d, conv3d, convTranspose1d, convTranspose2d } from "./conv.js";
export type { ConvOptions, ConvPadding, ConvTransposeOptions } from "./conv.js";
export { maxPool1d, maxPool2d, avgPool1d, avgPool2d, adaptiveAvgPool1d, adaptiveAvgPool2d } from "./pool.js";
export type { PoolOptions, MaxPoolOptions, AvgPoolOptions } from "./pool.js";
export { layerNorm, groupNorm, batchNorm } from "./norm.js";
export type { BatchNormOptions } from "./norm.js";
export {
  mseLoss,
  l1Loss,
  smoothL1Loss,
  huberLoss,
  nllLoss,
  crossEntropy,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
} from "./loss.js";
export type { LossOptions, NLLLossOptions, CrossEntropyOptions, BCEOptions, BCEWithLogitsOptions } from "./loss.js";
