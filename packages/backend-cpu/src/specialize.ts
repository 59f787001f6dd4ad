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

const copies = new Map<AnyFn, Map<string, AnyFn>>();
let codegen = true;

/** Turns per-kind kernel copies off (true: on, the default). Existing copies are dropped. */
export function setKernelCodegen(enabled: boolean): void {
  codegen = enabled;
  copies.clear();
}

function compile<F extends AnyFn>(fn: F, key: string): F {
  if (!codegen) return fn;
  try {
    const src = `"use strict";\nreturn (${fn.toString()});\n//# kernel ${fn.name} ${key}`;
    const copy = new Function(src)() as unknown;
    if (typeof copy === "function") return copy as F;
  } catch {
    codegen = false; // CSP or an unparsable source: fall back for good
  }
  return fn;
}

/** `fn`'s private copy for `key` (created on first use, then cached). */
export function specialize<F extends AnyFn>(fn: F, key: string): F {
  let byKey = copies.get(fn);
  if (byKey === undefined) {
    byKey = new Map();
    copies.set(fn, byKey);
  }
  let f = byKey.get(key);
  if (f === undefined) {
    f = compile(fn, key);
    byKey.set(key, f);
  }
  return f as F;
}

/** A short name for a storage array's kind, for kernel keys. */
export function kindOf(a: unknown): string {
  return (a as { constructor: { name: string } }).constructor.name;
}
