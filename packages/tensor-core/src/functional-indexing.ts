/** Functional forms of the indexing ops (`torch.gather(x, dim, index)`, `torch.nonzero(x)`, ...). */
import type { Scalar } from "./dtype.js";
import type { Tensor } from "./tensor.js";
import type { ScatterOptions, ScatterReduce, ScatterReduceOptions } from "./ops/indexing-gather.js";
import type { NonzeroOptions } from "./ops/indexing-mask.js";
import * as IM from "./ops/indexing-mask.js";

export type { IndexItem, IndexList, IndexPutOptions } from "./ops/indexing.js";
export type { ScatterOptions, ScatterReduce, ScatterReduceOptions, NonzeroOptions };

export const gather = (x: Tensor, dim: number, index: Tensor): Tensor => x.gather(dim, index);
export const scatter = (x: Tensor, dim: number, index: Tensor, src: Tensor | Scalar, o?: ScatterOptions): Tensor =>
  x.scatter(dim, index, src, o);
export const scatterAdd = (x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor => x.scatterAdd(dim, index, src);
export const scatterReduce = (x: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, o?: ScatterReduceOptions): Tensor =>
  x.scatterReduce(dim, index, src, reduce, o);
export const indexSelect = (x: Tensor, dim: number, index: Tensor): Tensor => x.indexSelect(dim, index);
export const indexAdd = (x: Tensor, dim: number, index: Tensor, source: Tensor, o?: { alpha?: Scalar }): Tensor =>
  x.indexAdd(dim, index, source, o);
export const indexCopy = (x: Tensor, dim: number, index: Tensor, source: Tensor): Tensor => x.indexCopy(dim, index, source);
export const indexFill = (x: Tensor, dim: number, index: Tensor, value: Scalar | Tensor): Tensor => x.indexFill(dim, index, value);
export const indexPut = (x: Tensor, indices: Parameters<Tensor["indexPut"]>[0], value: Tensor | Scalar, o?: { accumulate?: boolean }): Tensor =>
  x.indexPut(indices, value, o);
export const maskedFill = (x: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor => x.maskedFill(mask, value);
export const maskedSelect = (x: Tensor, mask: Tensor): Tensor => x.maskedSelect(mask);
export const maskedSelectAsync = (x: Tensor, mask: Tensor): Promise<Tensor> => x.maskedSelectAsync(mask);
export const maskedScatter = (x: Tensor, mask: Tensor, source: Tensor): Tensor => x.maskedScatter(mask, source);
export const take = (x: Tensor, index: Tensor): Tensor => x.take(index);
export const argwhere = (x: Tensor): Tensor => x.argwhere();

export function nonzero(x: Tensor): Tensor;
export function nonzero(x: Tensor, options: NonzeroOptions & { asTuple: true }): Tensor[];
export function nonzero(x: Tensor, options?: NonzeroOptions): Tensor | Tensor[];
export function nonzero(x: Tensor, options?: NonzeroOptions): Tensor | Tensor[] {
  return IM.nonzero(x, options);
}
export function nonzeroAsync(x: Tensor): Promise<Tensor>;
export function nonzeroAsync(x: Tensor, options: NonzeroOptions & { asTuple: true }): Promise<Tensor[]>;
export function nonzeroAsync(x: Tensor, options?: NonzeroOptions): Promise<Tensor | Tensor[]>;
export function nonzeroAsync(x: Tensor, options?: NonzeroOptions): Promise<Tensor | Tensor[]> {
  return IM.nonzeroAsync(x, options);
}
