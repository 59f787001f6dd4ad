/**
 * The TS side of tooling/fixtures/fixture_common.py's `Recorder`: a scenario's named values, each
 * through the test's `encode` (the same shape as the generator's), and the outcome of calls that
 * may raise — "OK" or "<Type>: <message>" — so a replay compares one recorded object with another.
 */
export class Recorder<J> {
  readonly out: Record<string, J | string> = {};
  constructor(private readonly encode: (value: unknown) => J) {}

  put(label: string, value: unknown): void {
    if (label in this.out) throw new Error(`label ${label} recorded twice`);
    this.out[label] = this.encode(value);
  }

  error(label: string, fn: () => unknown): void {
    try {
      fn();
      this.out[label] = "OK";
    } catch (e) {
      this.out[label] = `${(e as Error).name}: ${(e as Error).message}`;
    }
  }
}
