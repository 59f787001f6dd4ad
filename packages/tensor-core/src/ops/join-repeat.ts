/**
 * Repetition: repeat, tile, repeatInterleave. Each is a copy from a view with stride-0 dims
 * interleaved into the source's dims, so one `copy` call does the whole job (tensor `repeats`
 * excepted: their counts are data, read once, then one copy per slab).
 */
import type { Operand } from "../backend.js";
import { RuntimeError } from "../errors.js";
import { contiguousStrides, normalizeDim } from "../shape.js";
import { Tensor } from "../tensor.js";
import { getBackend } from "../device.js";
import { dispatch } from "../dispatch.js";
import { toArraySync } from "../read.js";
import { regionOf } from "./join.js";

/**
 * `x.repeat(...sizes)`: the whole tensor tiled `sizes[i]` times along dim i; extra leading sizes
 * add new dims.
 * @example torch.tensor([1, 2]).repeat(2, 2) // tensor([[1, 2, 1, 2], [1, 2, 1, 2]])
 */
export function repeat(x: Tensor, sizes: readonly number[]): Tensor {
  if (sizes.length < x.ndim) {
    throw new RuntimeError("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
  }
  sizes.forEach((s) => {
    if (!Number.isInteger(s) || s < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${s}: [${sizes.join(", ")}]`);
  });
  return dispatch("repeat", [x], { sizes: [...sizes] }, () => {
    const lead = sizes.length - x.ndim;
    const shape = sizes.map((r, i) => r * (i < lead ? 1 : (x.shape[i - lead] as number)));
    const out = Tensor._empty(shape, x.dtype, x.device);
    if (out.numel() === 0) return out;
    const inner: number[] = [];
    const srcStrides: number[] = [];
    sizes.forEach((r, i) => {
      inner.push(r, i < lead ? 1 : (x.shape[i - lead] as number));
      srcStrides.push(0, i < lead ? 0 : x.stride(i - lead));
    });
    const o = out._operand;
    getBackend(x.device).copy({ ...o, shape: inner, strides: contiguousStrides(inner) }, { ...x._operand, shape: inner, strides: srcStrides });
    return out;
  });
}

/** `torch.tile(x, reps)`: `repeat` with `reps` padded by leading 1s up to x's rank. */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  const full = reps.length < x.ndim ? [...new Array<number>(x.ndim - reps.length).fill(1), ...reps] : [...reps];
  return dispatch("tile", [x], { reps: full }, () => repeat(x, full));
}

/**
 * `torch.repeatInterleave(x, repeats, dim)`: each element (slab along `dim`) repeated in place;
 * without `dim`, x is flattened first. `repeats` is an int or a 1-D int tensor of per-slab counts.
 * @example torch.repeatInterleave(torch.tensor([1, 2]), 2) // tensor([1, 1, 2, 2])
 */
export function repeatInterleave(x: Tensor, repeats: number | Tensor, dim?: number): Tensor {
  // Without dim it is flatten then repeat: two recorded ops under autograd, as PyTorch's.
  if (dim === undefined) return repeatInterleave(x.flatten(), repeats, 0);
  const d = normalizeDim(dim, x.ndim);
  const src = x.ndim === 0 ? x.reshape([1]) : x;
  const n = src.shape[d] as number;
  let counts: number[];
  if (typeof repeats === "number") {
    if (repeats < 0) throw new RuntimeError("repeats can not be negative");
    counts = new Array<number>(n).fill(repeats);
  } else {
    if (repeats.ndim > 1) throw new RuntimeError("repeat_interleave only accept 1D vector as repeat");
    if (repeats.dtype !== "int64" && repeats.dtype !== "int32") {
      throw new RuntimeError("repeats has to be Long or Int tensor");
    }
    const raw = Array.from(toArraySync(repeats) as ArrayLike<number | bigint>, Number);
    counts = raw.length === 1 ? new Array<number>(n).fill(raw[0] as number) : raw;
    if (counts.length !== n) throw new RuntimeError("repeats must have the same size as input along dim");
    if (counts.some((c) => c < 0)) throw new RuntimeError("repeats can not be negative");
  }
  const inputs = repeats instanceof Tensor ? [x, repeats] : [x];
  return dispatch("repeatInterleave", inputs, { dim: d, counts }, () => {
    const shape = [...src.shape];
    shape[d] = counts.reduce((s, c) => s + c, 0);
    const out = Tensor._empty(shape, src.dtype, src.device);
    if (out.numel() === 0) return out;
    const backend = getBackend(src.device);
    const s = src._operand;
    const expanded = (op: Operand, i: number, r: number, stride: number): Operand => {
      const sh = [...op.shape];
      const st = [...op.strides];
      sh[d] = r;
      st[d] = stride;
      return { ...op, shape: sh, strides: st, offset: op.offset + i * (op.strides[d] as number) };
    };
    if (typeof repeats === "number") {
      // out viewed as [..., n, r, ...]; the source broadcasts over r by stride 0.
      const o = out._operand;
      const split = (op: Operand, st: [number, number]): Operand => {
        const sh = [...op.shape];
        const ss = [...op.strides];
        sh.splice(d, 1, n, repeats);
        ss.splice(d, 1, ...st);
        return { ...op, shape: sh, strides: ss };
      };
      const os = o.strides[d] as number;
      backend.copy(split(o, [os * repeats, os]), split(s, [s.strides[d] as number, 0]));
      return out;
    }
    let at = 0;
    counts.forEach((r, i) => {
      if (r > 0) backend.copy(regionOf(out, d, at, r), expanded(s, i, r, 0));
      at += r;
    });
    return out;
  });
}
