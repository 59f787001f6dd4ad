import { it } from "vitest";
import * as torch from "typetorch";
it("bench add", () => {
  const a = torch.tensor([1, 2, 3, 4]);
  const b = torch.tensor([5, 6, 7, 8]);
  const run = (n: number) => { for (let i = 0; i < n; i++) a.add(b).dispose(); };
  run(20000);
  const res: number[] = [];
  for (let r = 0; r < 7; r++) { const t0 = performance.now(); run(50000); res.push(((performance.now() - t0) * 1000) / 50000); }
  res.sort((x, y) => x - y);
  console.log("BENCH us/add median", res[3]?.toFixed(3), "min", res[0]?.toFixed(3));
}, 60000);
