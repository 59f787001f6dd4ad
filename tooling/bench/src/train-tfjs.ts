/**
 * The tutorial Net's training step written with `@tensorflow/tfjs-core` alone (no tfjs-layers),
 * on tfjs-backend-cpu or tfjs-backend-wasm, starting from typetorch's initial parameters, input
 * and target (`Reference`), so that the first step's loss and gradient norms can be compared.
 *
 * Layout: TF.js convolutions default to NHWC with filters kh × kw × in × out, so the input is
 * N×32×32×1 (the same bytes as N×1×32×32, one channel), conv weights are transposed from
 * out × in × kh × kw, and fc1's rows are permuted so that flattening the N×6×6×16 (h, w, c)
 * activation meets the weights PyTorch's flatten of N×16×6×6 (c, h, w) meets. Dense weights are
 * stored in × out (`x · W`). The FLOPs are the same as typetorch's.
 */
import * as tf from "@tensorflow/tfjs-core";
import { registerTfjsGradients } from "./tfjs-gradients.js";
import { tfjsEngine } from "./tfjs-engine.js";
import { l2, type LoopOptions, type Reference, type StepTimes } from "./train-typetorch.js";
import { median } from "./measure.js";

export type TfjsBackend = "cpu" | "wasm";
type Ten<T> = [T, T, T, T, T, T, T, T, T, T];

/**
 * tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so `tf.conv2d`'s gradient with
 * respect to the filter throws there. On wasm (and on cpu for `tfjs-cpu+convgrad`) the conv
 * layers use this custom gradient instead:
 * dW as a convolution of the input by the output gradient with batch and channels swapped,
 * dW[i, j, ci, co] = Σ_{n, h, w} x[n, h + i, w + j, ci] · dy[n, h, w, co]
 *                  = conv2d(x as ci × H × W × n, dy as h × w × n × co)[ci, i, j, co],
 * and, only where x needs a gradient (conv2, not conv1 — as TF.js's own tape prunes it), dx by
 * `conv2dTranspose` (Conv2DBackpropInput, which wasm has). Valid padding, stride 1 only (what the
 * Net uses); the same FLOPs as a native kernel.
 */
function filterGrad(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor4D {
  const xT = tf.transpose(x, [3, 1, 2, 0]);
  const dyT = tf.transpose(dy, [1, 2, 0, 3]);
  return tf.transpose(tf.conv2d(xT, dyT, 1, "valid"), [1, 2, 0, 3]);
}
type GradFn = Parameters<typeof tf.customGrad<tf.Tensor4D>>[0];
const conv2dCustomGrad = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.conv2d(x, w, 1, "valid"),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
      return [tf.conv2dTranspose(dy as tf.Tensor4D, ws, xs.shape, 1, "valid"), filterGrad(xs, dy as tf.Tensor4D)];
    },
  };
}) as GradFn);
/** The same for a constant input (the images): only w is differentiated. */
const conv2dCustomGradConstInput = (x: tf.Tensor4D): ((w: tf.Tensor) => tf.Tensor) =>
  tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const w = args[0] as tf.Tensor4D;
    return { value: tf.conv2d(x, w, 1, "valid"), gradFunc: (dy: tf.Tensor) => [filterGrad(x, dy as tf.Tensor4D)] };
  }) as GradFn);

/** PyTorch layouts → TF.js layouts, in `net.parameters()` order. */
function tfParams(ref: Reference): tf.Tensor[] {
  const t = (i: number): tf.Tensor => tf.tensor(ref.params[i]!.data, [...ref.params[i]!.shape], "float32");
  return tf.tidy(() => [
    tf.transpose(t(0), [2, 3, 1, 0]), t(1),
    tf.transpose(t(2), [2, 3, 1, 0]), t(3),
    // fc1: out × (c·36 + h·6 + w) → (h·96 + w·16 + c) × out.
    tf.reshape(tf.transpose(tf.reshape(t(4), [120, 16, 6, 6]), [2, 3, 1, 0]), [576, 120]), t(5),
    tf.transpose(t(6)), t(7),
    tf.transpose(t(8)), t(9),
  ]);
}

export interface TfjsResult {
  readonly times: StepTimes;
  readonly loss: number;
  readonly gradNorms: readonly number[];
}

/**
 * `convGrad`: use the custom conv gradient above instead of TF.js's own (forced on wasm, which has
 * no filter-gradient kernel; optional on cpu, to see what tfjs-cpu's slow Conv2DBackpropFilter costs).
 */
export async function runTfjsNet(backend: TfjsBackend, ref: Reference, o: LoopOptions, convGrad = backend === "wasm"): Promise<TfjsResult> {
  await registerTfjsGradients();
  await tfjsEngine(backend).activate();
  const conv = (x: tf.Tensor, w: tf.Tensor): tf.Tensor => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, "valid");
  const before = tf.memory().numTensors;
  const [n, , h, w] = ref.input.shape as [number, number, number, number];
  const input = tf.tensor4d(ref.input.data, [n, h, w, 1], "float32");
  const target = tf.tensor(ref.target!.data, [...ref.target!.shape], "float32");
  const init = tfParams(ref);
  const vars = init.map((p) => tf.variable(p, true));
  tf.dispose(init);
  const [c1w, c1b, c2w, c2b, f1w, f1b, f2w, f2b, f3w, f3b] = vars as Ten<tf.Variable>;
  const customConv1 = conv2dCustomGradConstInput(input);
  const conv1 = convGrad ? (): tf.Tensor => customConv1(c1w) : (): tf.Tensor => conv(input, c1w);
  const conv2 = convGrad ? (x: tf.Tensor): tf.Tensor => conv2dCustomGrad(x, c2w) : (x: tf.Tensor): tf.Tensor => conv(x, c2w);
  const forwardLoss = (): tf.Scalar => {
    let x = tf.maxPool(tf.relu(tf.add(conv1(), c1b)) as tf.Tensor4D, 2, 2, "valid");
    x = tf.maxPool(tf.relu(tf.add(conv2(x), c2b)) as tf.Tensor4D, 2, 2, "valid");
    let y = tf.reshape(x, [n, 576]);
    y = tf.relu(tf.add(tf.matMul(y as tf.Tensor2D, f1w as tf.Tensor2D), f1b));
    y = tf.relu(tf.add(tf.matMul(y as tf.Tensor2D, f2w as tf.Tensor2D), f2b));
    const out = tf.add(tf.matMul(y as tf.Tensor2D, f3w as tf.Tensor2D), f3b);
    // nn.MSELoss's default reduction: the mean over every element.
    return tf.mean(tf.squaredDifference(out, target));
  };
  const lr = tf.scalar(o.lr);
  const live = tf.memory().numTensors;
  const times: { forward: number[]; backward: number[]; update: number[] } = { forward: [], backward: [], update: [] };
  let loss0 = NaN;
  let gradNorms: number[] = [];
  const t0 = o.now();
  for (let k = 0; ; k++) {
    const a = o.now();
    let b = a;
    // The loss function runs first inside variableGrads, recording the tape; the backward pass
    // starts when it returns, so a timestamp there splits forward from backward.
    const { value, grads } = tf.variableGrads(() => {
      const l = forwardLoss();
      b = o.now();
      return l;
    }, vars);
    const d = o.now();
    // Plain SGD, p ← p − lr·grad (optim.SGD without momentum or weight decay).
    tf.tidy(() => {
      for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name]!, lr)));
    });
    const e = o.now();
    if (k === 0) {
      loss0 = value.dataSync()[0]!;
      gradNorms = vars.map((v) => l2(grads[v.name]!.dataSync()));
    }
    value.dispose();
    tf.dispose(grads);
    if (k >= o.warmup) {
      times.forward.push(b - a);
      times.backward.push(d - b);
      times.update.push(e - d);
    }
    if (tf.memory().numTensors !== live) throw new Error(`tfjs-${backend}: ${tf.memory().numTensors - live} tensors leaked by a training step`);
    if (k >= o.warmup + o.minSteps && o.now() - t0 >= o.minSeconds * 1000) break;
  }
  tf.dispose([input, target, lr, ...vars]);
  if (tf.memory().numTensors !== before) throw new Error(`tfjs-${backend}: ${tf.memory().numTensors - before} tensors left after the case`);
  // As for typetorch: each part's median, and their sum as the full step.
  const f = median(times.forward);
  const bw = median(times.backward);
  const u = median(times.update);
  return { times: { forward: f, backward: bw, update: u, total: f + bw + u, steps: times.forward.length }, loss: loss0, gradNorms };
}
