/**
 * Timing: warm up, then take samples until a time budget is spent (or a sample cap is hit) and
 * report the median. A sample may run the body several times (`inner`) so that sub-microsecond
 * ops are not lost in timer resolution; the result is always seconds per single call.
 */
export interface MeasureOptions {
  /** Warm-up calls: at least one, at most this many, stopping early after `warmupSeconds`. */
  readonly warmup: number;
  readonly warmupSeconds: number;
  /** Keep sampling until this much time has passed... */
  readonly minSeconds: number;
  /** ...but take at least this many samples... */
  readonly minSamples: number;
  /** ...and never more than this many. */
  readonly maxSamples: number;
  /** Calls per sample. */
  readonly inner: number;
  /**
   * "wall" (default): elapsed time. "cpu": this process's user + system CPU time, which a busy
   * machine inflates much less (the engines run single-threaded; V8's helper threads count too).
   */
  readonly clock?: "wall" | "cpu";
}

export interface Measurement {
  /** Median seconds per call. */
  readonly seconds: number;
  readonly samples: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function measure(body: () => void, o: MeasureOptions): Measurement {
  const now = o.clock === "cpu"
    ? (): number => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1e6;
      }
    : (): number => performance.now() / 1000;
  const w0 = now();
  for (let i = 0; i < Math.max(1, o.warmup); i++) {
    for (let j = 0; j < o.inner; j++) body();
    if (now() - w0 >= o.warmupSeconds) break;
  }
  const samples: number[] = [];
  const t0 = now();
  while (samples.length < o.maxSamples) {
    const s = now();
    for (let j = 0; j < o.inner; j++) body();
    samples.push((now() - s) / o.inner);
    if (samples.length >= o.minSamples && now() - t0 >= o.minSeconds) break;
  }
  return { seconds: median(samples), samples: samples.length };
}
