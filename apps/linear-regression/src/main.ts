/**
 * `pnpm --filter @typetorch/app-linear-regression start`: trains tutorial 002's model on fresh
 * data in PyTorch's RNG mode and prints what the tutorial prints (its plots become a table).
 */
import * as torch from "typetorch";
import { createDataset } from "./dataset.js";
import { train } from "./train.js";

torch.setRngMode("torch");
torch.manualSeed(0);
const { x, y, coef } = createDataset();
const result = train(x, y);
console.log(`initial w, b --> ${result.initial.weight.toFixed(4)}, ${result.initial.bias.toFixed(4)}`);
for (const epoch of [0, 9, 24, 49, 99]) {
  console.log(`epoch ${String(epoch + 1).padStart(3)}: mean loss ${result.epochLoss[epoch]!.toFixed(3)}`);
}
console.log(`learned w = ${result.weight.toFixed(4)} (true ${coef.toFixed(4)}), b = ${result.bias.toFixed(4)} (true 14.5)`);
