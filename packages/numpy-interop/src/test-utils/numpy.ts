// Test-time access to Debian's NumPy (CI installs python3-numpy; see .ci/run).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Debian's interpreter: another python3 earlier on PATH may lack numpy. */
export const PYTHON = "/usr/bin/python3";
export const SCRIPT = fileURLToPath(new URL("./numpy_cases.py", import.meta.url));

export const hasNumpy = spawnSync(PYTHON, ["-c", "import numpy"], { stdio: "ignore" }).status === 0;
if (!hasNumpy) {
  console.warn(`SKIPPING NumPy round-trip tests: \`${PYTHON} -c "import numpy"\` failed (apt-get install -y python3-numpy)`);
}

/** Runs numpy_cases.py with `args`; returns stdout, throwing with stderr on failure. */
export function runNumpy(...args: string[]): string {
  const r = spawnSync(PYTHON, [SCRIPT, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`numpy_cases.py ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}
