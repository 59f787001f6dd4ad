/** @typetorch/data: PyTorch's torch.utils.data — Dataset, DataLoader, samplers, random_split, readers. */
export {};
