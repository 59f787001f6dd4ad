/** Connects a Tensor to the formatter in `print/`: values are read once, synchronously. */
import { getBackend } from "./device.js";
import { getDefaultDtype } from "./default-dtype.js";
import { formatTensor } from "./print/index.js";
import { decode, toArraySync } from "./read.js";
import type { Tensor } from "./tensor.js";

export function formatTensorOf(x: Tensor): string {
  if (x.isDisposed) return `tensor(<disposed>, dtype=${x.dtype})`;
  if (!getBackend(x.device).readSync) {
    return `tensor(<${x.device}: shape=[${x.shape.join(", ")}], dtype=torch.${x.dtype}; print await x.cpuAsync() to see values>)`;
  }
  const data = toArraySync(x);
  return formatTensor({
    dtype: x.dtype,
    shape: x.shape,
    get: (i) => decode(data, x.dtype, i),
    device: x.device,
    requiresGrad: x.requiresGrad,
    // Python prints the class name: "torch::autograd::CopySlices" shows as <CopySlices>.
    gradFn: x.gradFn ? x.gradFn.name().replace("torch::autograd::", "") : null,
    defaultDtype: getDefaultDtype(),
  });
}
