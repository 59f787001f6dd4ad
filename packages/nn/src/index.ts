/** @typetorch/nn: PyTorch's torch.nn — Module, Parameter, layers, losses, functional, init. */
export {};
