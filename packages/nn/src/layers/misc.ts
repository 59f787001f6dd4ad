/** Dropout and Embedding. */
import { ValueError, empty } from "@typetorch/tensor-core";
import type { Tensor } from "@typetorch/tensor-core";
import { noGrad } from "@typetorch/autograd";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import * as init from "../init.js";
import { dropout, embedding } from "../functional/basic.js";
import { pyFloat } from "../util.js";
import { factory, pyBool } from "./linear.js";
import type { FactoryOptions } from "./linear.js";

/** Zeroes elements with probability p in training (scaling the rest by 1/(1 − p)); identity in eval. */
export class Dropout extends Module {
  constructor(
    readonly p = 0.5,
    readonly inplace = false,
  ) {
    super();
    if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  }
  override forward(input: Tensor): Tensor {
    return dropout(input, this.p, this.training, this.inplace);
  }
  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=${pyBool(this.inplace)}`;
  }
}

export interface EmbeddingOptions extends FactoryOptions {
  /** This row gets no gradient and is initialised to zeros. */
  paddingIdx?: number | null;
  /** Use these weights (rows = embeddings) instead of N(0, 1) ones. */
  weight?: Tensor;
}

/** A lookup table: row i of `weight` [numEmbeddings, embeddingDim] is the embedding of index i. */
export class Embedding extends Module {
  weight: Tensor;
  readonly paddingIdx: number | null;
  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    options: EmbeddingOptions = {},
  ) {
    super();
    let pidx = options.paddingIdx ?? null;
    if (pidx !== null) {
      if (pidx >= numEmbeddings || pidx < -numEmbeddings) throw new ValueError("Padding_idx must be within num_embeddings");
      if (pidx < 0) pidx += numEmbeddings;
    }
    this.paddingIdx = pidx;
    if (options.weight !== undefined) {
      const w = options.weight;
      if (w.ndim !== 2 || w.shape[0] !== numEmbeddings || w.shape[1] !== embeddingDim) {
        throw new ValueError("Shape of weight does not match num_embeddings and embedding_dim");
      }
      this.weight = Parameter(w);
    } else {
      this.weight = Parameter(empty([numEmbeddings, embeddingDim], factory(options)));
      this.resetParameters();
    }
  }
  /** An Embedding whose weight is `embeddings` (frozen unless `freeze: false`), as PyTorch's `from_pretrained`. */
  static fromPretrained(embeddings: Tensor, options: { freeze?: boolean; paddingIdx?: number | null } = {}): Embedding {
    if (embeddings.ndim !== 2) throw new ValueError("Embeddings parameter is expected to be 2-dimensional");
    const [rows, cols] = embeddings.shape as [number, number];
    const emb = new Embedding(rows, cols, { weight: embeddings, paddingIdx: options.paddingIdx ?? null });
    emb.weight.requiresGrad_(!(options.freeze ?? true));
    return emb;
  }
  /** N(0, 1), then the padding row zeroed: PyTorch's order. */
  resetParameters(): void {
    init.normal_(this.weight);
    const p = this.paddingIdx;
    if (p !== null) noGrad(() => this.weight.select(0, p).fill_(0));
  }
  override forward(input: Tensor): Tensor {
    return embedding(input, this.weight, this.paddingIdx);
  }
  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx !== null ? `, padding_idx=${this.paddingIdx}` : ""}`;
  }
}
