import type { Check } from "../check.js";
import { elementwiseChecks } from "./elementwise.js";
import { reductionChecks } from "./reductions.js";
import { tensorApiChecks } from "./tensor-api.js";

/** Every check of the suite, in family order. */
export function allChecks(): Check[] {
  return [...elementwiseChecks(), ...reductionChecks(), ...tensorApiChecks()];
}
