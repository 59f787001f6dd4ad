/** Runs one case on the backend under test and on the reference, then compares the outputs. */
import type { Backend, Operand } from "@typetorch/tensor-core";
import type { RefOperand } from "../reference/index.js";
import { compareOutput, describeOperand, materialise, readAll, refOperandOf, storageOf, type OperandSpec, type Compared } from "../cases.js";
import { Mismatch } from "../check.js";

export interface CaseSpec<S> {
  readonly title: string;
  readonly names: readonly string[];
  readonly inputs: readonly OperandSpec[];
  readonly out: OperandSpec;
  readonly run: (be: Backend, out: Operand, ins: Operand[]) => void;
  readonly ref: (out: RefOperand, ins: RefOperand[]) => S;
  readonly accept: (side: S) => Compared["accept"];
  readonly context: (idx: readonly number[]) => string;
}

export async function runCase<S>(backend: Backend, c: CaseSpec<S>): Promise<void> {
  const refOut: RefOperand = { ...refOperandOf(c.out), data: storageOf(c.out) };
  const side = c.ref(refOut, c.inputs.map(refOperandOf));
  const { ops, free } = materialise(backend, [c.out, ...c.inputs]);
  try {
    const [out, ...ins] = ops as [Operand, ...Operand[]];
    const operands = [describeOperand("out", c.out), ...c.inputs.map((s, i) => describeOperand(c.names[i] ?? `in${i}`, s))].join("\n");
    try {
      c.run(backend, out, ins);
    } catch (e) {
      const what = e instanceof Error ? `${e.name}("${e.message}")` : String(e);
      throw new Mismatch(`${c.title}: threw ${what} on a valid call\n${operands}`);
    }
    const got = await readAll(backend, out, c.out.layout.baseLength);
    compareOutput(c.title, c.out, got, refOut.data, c.accept(side), c.context, operands);
    // inputs are read-only: every base element must be as written
    for (let i = 0; i < c.inputs.length; i++) {
      const spec = c.inputs[i] as OperandSpec;
      const after = await readAll(backend, ins[i] as Operand, spec.layout.baseLength);
      const before = storageOf(spec);
      for (let k = 0; k < before.length; k++) {
        const [x, y] = [before[k], after[k]];
        if (x !== y && !(Number.isNaN(x) && Number.isNaN(y)))
          throw new Mismatch(`${c.title}: input ${c.names[i] ?? i} was modified at base element ${k}\n${operands}`);
      }
    }
  } finally {
    free();
  }
}
