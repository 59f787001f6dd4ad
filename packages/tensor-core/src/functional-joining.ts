/**
 * Functional forms of joining and reordering: `torch.cat(...)`, `torch.sort(x, ...)`, ...
 * Tensor-first ones defer to the method, so the semantics live once in `ops/join*.ts`, `ops/sort*.ts`.
 */
import type { Tensor } from "./tensor.js";
import * as JP from "./ops/join-repeat.js";
import type { SortOptions, TopkOptions } from "./ops/sort.js";
import type { ValuesIndices } from "./ops/reduce.js";
import type { UniqueOptions, UniqueResult, UniqueTupleOptions, UniqueValuesOptions } from "./ops/sort-unique.js";
import { arange } from "./ops/create.js";

export type { SortOptions, TopkOptions, UniqueOptions, UniqueResult, UniqueTupleOptions, UniqueValuesOptions };
export { cat, concat, concatenate, stack, hstack, vstack, rowStack, dstack, columnStack } from "./ops/join.js";
export { atleast1d, atleast2d, atleast3d } from "./ops/join.js";

export const flip = (x: Tensor, dims: number | readonly number[]): Tensor => x.flip(typeof dims === "number" ? [dims] : dims);
export const fliplr = (x: Tensor): Tensor => x.fliplr();
export const flipud = (x: Tensor): Tensor => x.flipud();
export const roll = (x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor => x.roll(shifts, dims);
export const tril = (x: Tensor, diagonal?: number): Tensor => x.tril(diagonal);
export const triu = (x: Tensor, diagonal?: number): Tensor => x.triu(diagonal);
export const tile = (x: Tensor, reps: readonly number[]): Tensor => x.tile(reps);

/** `torch.repeatInterleave(x, repeats, dim?)`; `torch.repeatInterleave(repeats)` repeats `arange(n)`. */
export function repeatInterleave(x: Tensor, repeats?: number | Tensor, dim?: number): Tensor {
  if (repeats === undefined) return JP.repeatInterleave(arange(x.numel(), { device: x.device }), x, 0);
  return x.repeatInterleave(repeats, dim);
}

export const sort = (x: Tensor, dim?: number | SortOptions, descending?: boolean): ValuesIndices => x.sort(dim, descending);
export const argsort = (x: Tensor, dim?: number | SortOptions, descending?: boolean): Tensor => x.argsort(dim, descending);
export const msort = (x: Tensor): Tensor => x.msort();
export const topk = (x: Tensor, k: number, dim?: number | TopkOptions, largest?: boolean, sorted?: boolean): ValuesIndices =>
  x.topk(k, dim, largest, sorted);
export const kthvalue = (x: Tensor, k: number, dim?: number, keepdim?: boolean): ValuesIndices => x.kthvalue(k, dim, keepdim);

export function unique(x: Tensor, options?: UniqueValuesOptions): Tensor;
export function unique(x: Tensor, options: UniqueTupleOptions): Tensor[];
export function unique(x: Tensor, options?: UniqueOptions): UniqueResult;
export function unique(x: Tensor, options?: UniqueOptions): UniqueResult {
  return x.unique(options);
}
export function uniqueAsync(x: Tensor, options?: UniqueValuesOptions): Promise<Tensor>;
export function uniqueAsync(x: Tensor, options: UniqueTupleOptions): Promise<Tensor[]>;
export function uniqueAsync(x: Tensor, options?: UniqueOptions): Promise<UniqueResult>;
export function uniqueAsync(x: Tensor, options?: UniqueOptions): Promise<UniqueResult> {
  return x.uniqueAsync(options);
}
