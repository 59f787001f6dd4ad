/**
 * The matmul family. One primitive (batched matmul) and PyTorch's shape rules for each entry
 * point, with PyTorch's error messages. Unlike elementwise ops, matmul does not promote: both
 * operands must have one dtype ("expected scalar type Float but found Double").
 */
import { torchName } from "../dtype.js";
import { RuntimeError } from "../errors.js";
import { broadcastShapes, broadcastStrides } from "../shape.js";
import { Tensor } from "../tensor.js";
import { getBackend } from "../device.js";
import { dispatch } from "../dispatch.js";
import { commonDevice } from "./operands.js";

/** `kernel`: PyTorch's kernel name for this entry point, which its bool refusal names. */
function checkDtypes(a: Tensor, b: Tensor, kernel = "addmm_impl_cpu_"): void {
  if (a.dtype !== b.dtype) {
    throw new RuntimeError(`expected scalar type ${torchName(a.dtype)} but found ${torchName(b.dtype)}`);
  }
  if (a.dtype === "bool") throw new RuntimeError(`"${kernel}" not implemented for 'Bool'`);
  commonDevice([a, b]);
}

/**
 * The primitive: `a` is [...batch, M, K], `b` is [...batchB, K, N]; batch dims broadcast.
 * K agreement is checked by the caller (messages differ per entry point).
 */
function batched(a: Tensor, b: Tensor): Tensor {
  const M = a.shape[a.ndim - 2] as number;
  const N = b.shape[b.ndim - 1] as number;
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const aShape = [...batch, M, a.shape[a.ndim - 1] as number];
  const bShape = [...batch, b.shape[b.ndim - 2] as number, N];
  const out = Tensor._empty([...batch, M, N], a.dtype, a.device);
  const ao = a._operand;
  const bo = b._operand;
  getBackend(a.device).matmul(
    out._operand,
    { ...ao, shape: aShape, strides: broadcastStrides(ao.shape, ao.strides, aShape) },
    { ...bo, shape: bShape, strides: broadcastStrides(bo.shape, bo.strides, bShape) },
  );
  return out;
}

const dims = (t: Tensor): string => t.shape.join("x");

/** `torch.mm`: [n, m] @ [m, p]. */
export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2) throw new RuntimeError(`self must be a matrix`);
  if (b.ndim !== 2) throw new RuntimeError(`mat2 must be a matrix`);
  // PyTorch checks the shapes before the dtypes here.
  if (a.shape[1] !== b.shape[0]) {
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${dims(a)} and ${dims(b)})`);
  }
  checkDtypes(a, b);
  return dispatch("mm", [a, b], {}, () => batched(a, b));
}

/** `torch.bmm`: [b, n, m] @ [b, m, p], no broadcasting. */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 3) throw new RuntimeError(`batch1 must be a 3D tensor`);
  if (b.ndim !== 3) throw new RuntimeError(`batch2 must be a 3D tensor`);
  checkDtypes(a, b, "bmm");
  const [B, , K] = a.shape as [number, number, number];
  if (b.shape[0] !== B || b.shape[1] !== K) {
    throw new RuntimeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${B}, ${K}] but got: [${b.shape[0]}, ${b.shape[1]}].`,
    );
  }
  return dispatch("bmm", [a, b], {}, () => batched(a, b));
}

/** `torch.mv`: [n, m] @ [m]. */
export function mv(a: Tensor, v: Tensor): Tensor {
  if (a.ndim !== 2 || v.ndim !== 1) {
    throw new RuntimeError(`vector + matrix @ vector expected, got ${v.ndim}, ${a.ndim}, ${v.ndim}`);
  }
  checkDtypes(a, v, "addmv_impl_cpu");
  if (a.shape[1] !== v.shape[0]) {
    throw new RuntimeError(`size mismatch, got ${a.shape[0]}, ${dims(a)},${v.shape[0]}`);
  }
  return dispatch("mv", [a, v], {}, () => {
    const r = batched(a, v.unsqueeze(1));
    return r.squeeze(1);
  });
}

/** `torch.dot`: two 1-D tensors of equal length → a 0-dim tensor. */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) {
    throw new RuntimeError(`1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  }
  if (a.dtype !== b.dtype) {
    throw new RuntimeError(
      `dot : expected both vectors to have same dtype, but found ${torchName(a.dtype)} and ${torchName(b.dtype)}`,
    );
  }
  checkDtypes(a, b, "dot");
  if (a.shape[0] !== b.shape[0]) {
    throw new RuntimeError(
      `inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`,
    );
  }
  return dispatch("dot", [a, b], {}, () => batched(a.unsqueeze(0), b.unsqueeze(1)).reshape([]));
}

/** `torch.outer`: [n] ⊗ [m] → [n, m] (promotes, as it is elementwise multiplication). */
export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) {
    throw new RuntimeError(`outer: Expected 1-D argument self, but got ${a.ndim}-D`);
  }
  return a.reshape(-1, 1).mul(b);
}

/**
 * `torch.matmul`: dot for 1-D·1-D, mm for 2-D·2-D, a prepended/appended 1 for 1-D operands
 * (removed afterwards), and broadcast batched multiplication beyond 2-D.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new RuntimeError(
      `both arguments to matmul need to be at least 1D, but they are ${a.ndim}D and ${b.ndim}D`,
    );
  }
  if (a.ndim === 1 && b.ndim === 1) return dot(a, b);
  if (a.ndim === 2 && b.ndim === 2) return mm(a, b);
  if (a.ndim === 2 && b.ndim === 1) return mv(a, b);
  if (a.ndim === 1 && b.ndim === 2) return mm(a.unsqueeze(0), b).squeeze(0);
  // PyTorch folds a >2-D operand against a 1-D/2-D one into mv/mm; only batch @ batch is bmm.
  checkDtypes(a, b, b.ndim === 1 || a.ndim === 1 ? "addmv_impl_cpu" : b.ndim === 2 ? "addmm_impl_cpu_" : "bmm");
  const a2 = a.ndim === 1 ? a.unsqueeze(0) : a;
  const b2 = b.ndim === 1 ? b.unsqueeze(1) : b;
  const K = a2.shape[a2.ndim - 1] as number;
  if (b2.shape[b2.ndim - 2] !== K) {
    const batchA = a2.shape.slice(0, -2).reduce((x, y) => x * y, 1);
    throw new RuntimeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${batchA}, ${K}] but got: [${batchA}, ${b2.shape[b2.ndim - 2]}].`,
    );
  }
  return dispatch("matmul", [a, b], {}, () => {
    let r = batched(a2, b2);
    if (b.ndim === 1) r = r.squeeze(-1);
    if (a.ndim === 1) r = r.squeeze(-2);
    return r;
  });
}
