import type { Check } from "../check.js";
import { elementwiseChecks } from "./elementwise.js";
import { reductionChecks } from "./reductions.js";
import { tensorApiChecks } from "./tensor-api.js";
import { sortChecks } from "./sort.js";
import { gatherScatterChecks } from "./gather-scatter.js";
import { randomChecks } from "./random.js";
import { gradientChecks } from "./gradients.js";

/** Every check of the suite, in family order. */
export function allChecks(): Check[] {
  return [
    ...elementwiseChecks(), ...reductionChecks(), ...sortChecks(), ...gatherScatterChecks(), ...randomChecks(), ...tensorApiChecks(),
    ...gradientChecks(),
  ];
}
