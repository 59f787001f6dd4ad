/**
 * @typetorch/data (`typetorch/data`): PyTorch's torch.utils.data — datasets, samplers, the
 * DataLoader, randomSplit, defaultCollate — plus readers (IDX, CSV) and synthetic data.
 */
export { Dataset, IterableDataset, TensorDataset, Subset, ConcatDataset, ChainDataset } from "./dataset.js";
export type { MapDataset, BatchedDataset } from "./dataset.js";
export { randomSplit } from "./split.js";
export { SequentialSampler, RandomSampler, SubsetRandomSampler, WeightedRandomSampler, BatchSampler } from "./sampler.js";
export type { Sampler, Sized, RandomSamplerOptions, WeightedRandomSamplerOptions } from "./sampler.js";
export { DataLoader } from "./dataloader.js";
export type { DataLoaderOptions } from "./dataloader.js";
export { defaultCollate, defaultConvert } from "./collate.js";
export type { Collated } from "./collate.js";
export { readIdx, readIdxAsync, writeIdx } from "./idx.js";
export { readCsv } from "./csv.js";
export type { Csv, ReadCsvOptions } from "./csv.js";
export { linearData } from "./synthetic.js";
export type { LinearDataOptions } from "./synthetic.js";
