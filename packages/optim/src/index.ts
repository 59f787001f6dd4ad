/** @typetorch/optim: PyTorch's torch.optim — optimizers and learning-rate schedulers. */
export {};
