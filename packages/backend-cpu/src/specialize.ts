/**
 * One copy of a row kernel per (kernel, array kinds, op): keeps V8's element access monomorphic.
 *
 * V8 keeps type feedback per function *literal*: closures made from one literal share it, so a
 * single row loop that has seen Float32Array, Int32Array, Uint8Array, ... goes megamorphic and
 * every element access becomes a generic lookup (float32 add fell from ~4.5 to ~0.2 GB/s once a
 * program had used five dtypes). `specialize(fn, key)` compiles a private copy of `fn` from its
 * own source text with `new Function`, tagged with the key so V8's compilation cache does not hand
 * back a shared copy; each copy then sees one array kind (and one op function) only.
 *
 * Rules for a kernel passed here: it must be self-contained — no free variables except globals
 * such as `Math` — because the copy is compiled in the global scope. Pass op functions, decoders
 * etc. as arguments.
 *
 * Where `new Function` is unavailable (a Content-Security-Policy without 'unsafe-eval', or
 * source-rewriting coverage instrumentation), `setKernelCodegen(false)` or the first failing
 * compile switches to the shared originals: still correct, only slower after many dtypes.
 */

type AnyFn = (...args: never[]) => unknown;

type Key = string | object | undefined;
type Level = Map<Key, unknown>;
let roots = new Map<AnyFn, Level>();
let codegen = true;

/** Turns per-kind kernel copies off (true: on, the default). Existing copies are dropped. */
export function setKernelCodegen(enabled: boolean): void {
  codegen = enabled;
  roots = new Map();
}

const label = (k: Key): string => (typeof k === "function" ? k.name : String(k));

function compile<F extends AnyFn>(fn: F, keys: readonly Key[]): F {
  if (!codegen) return fn;
  try {
    // the tag makes each source text unique: V8 caches compiled code (and feedback) per source
    const tag = keys.map(label).join(" ");
    const copy = new Function(`"use strict";\nreturn (${fn.toString()});\n//# kernel ${fn.name} ${tag}`)() as unknown;
    if (typeof copy === "function") return copy as F;
  } catch {
    codegen = false; // CSP or an unparsable source: fall back for good
  }
  return fn;
}

function level(m: Level, k: Key): Level {
  let n = m.get(k) as Level | undefined;
  if (n === undefined) {
    n = new Map();
    m.set(k, n);
  }
  return n;
}

/**
 * `fn`'s private copy for the keys (created on first use, then cached). Keys are op names,
 * dtypes and array constructors (`kindOf`); nested maps keep the per-call lookup at a few Map
 * reads, with no key string built on the hot path.
 */
export function specialize<F extends AnyFn>(fn: F, k1: Key, k2?: Key, k3?: Key, k4?: Key): F {
  let root = roots.get(fn);
  if (root === undefined) {
    root = new Map();
    roots.set(fn, root);
  }
  const last = level(level(level(root, k1), k2), k3);
  let f = last.get(k4) as F | undefined;
  if (f === undefined) {
    f = compile(fn, [k1, k2, k3, k4].filter((k) => k !== undefined));
    last.set(k4, f);
  }
  return f;
}

/** A storage array's kind (its constructor), for kernel keys. */
export function kindOf(a: unknown): object {
  return (a as { constructor: object }).constructor;
}
