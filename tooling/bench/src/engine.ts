/**
 * What the harness asks of each library: build inputs once, then run one op per call with a fresh
 * output that is freed before the next call. `result` runs the op once more and reads it back, for
 * the cross-check that all libraries compute the same thing.
 */
export type BenchOp = "matmul" | "add" | "exp" | "sum" | "transpose";

export interface Input {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

export interface Kernel {
  /** One call of the op; its output is freed before returning. */
  run(): void;
  /** One call, read back to a flat Float32Array, output freed. */
  result(): Promise<Float32Array>;
  /** Frees the inputs. */
  dispose(): void;
}

export interface Engine {
  readonly name: string;
  /** Makes this engine current (tfjs has one global backend). */
  activate(): Promise<void>;
  kernel(op: BenchOp, inputs: readonly Input[]): Kernel;
  /**
   * Runs small ops (add, exp, sum, casts, transposed copies, ...) on every dtype the engine has,
   * so that shared kernel loops have seen several array kinds (what a real program does) before
   * float32 is timed again.
   */
  mixDtypes(): void;
  /** Live tensors, to check that a benchmark leaks nothing. */
  liveTensors(): number;
  /** Extra facts for the report header (versions, SIMD, threads). */
  describe(): Promise<string>;
}
