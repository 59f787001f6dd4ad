/**
 * Tutorial 002's linear regression, line for line: a TensorDataset in a shuffled DataLoader
 * (batch 16), `nn.Linear(1, 1)`, `nn.MSELoss`, `optim.SGD` with lr 1e-2, and the tutorial's
 * running mean of the batch losses recorded once per epoch.
 */
import * as torch from "typetorch";
import { nn, optim } from "typetorch";
import type { Tensor } from "typetorch";
import { DataLoader, TensorDataset } from "typetorch/data";

export interface TrainResult {
  readonly initial: { readonly weight: number; readonly bias: number };
  /** The tutorial's `epoch_loss`: the mean of every batch loss so far, after each epoch. */
  readonly epochLoss: number[];
  /** Every batch's loss, in order. */
  readonly stepLoss: number[];
  readonly weight: number;
  readonly bias: number;
}

export function train(x: Tensor, y: Tensor, epochs = 100): TrainResult {
  const dataset = new TensorDataset(x, y);
  const dataloader = new DataLoader(dataset, { batchSize: 16, shuffle: true });
  const model = new nn.Linear(1, 1);
  const criterion = new nn.MSELoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: 1e-2 });
  const initial = { weight: model.weight.item() as number, bias: model.bias!.item() as number };

  const epochLoss: number[] = [];
  const stepLoss: number[] = [];
  let totalLoss = 0;
  let trainSample = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const [trainX, trainY] of dataloader) {
      const yPred = model.call(trainX.type(torch.float32));
      const loss = criterion.call(yPred, trainY.reshape(-1, 1).type(torch.float32));
      const value = loss.item() as number;
      totalLoss += value;
      stepLoss.push(value);
      trainSample += 1;
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
    }
    epochLoss.push(totalLoss / trainSample);
  }
  return { initial, epochLoss, stepLoss, weight: model.weight.item() as number, bias: model.bias!.item() as number };
}
