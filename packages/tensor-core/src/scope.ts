/**
 * `torch.tidy(fn)`: every tensor created while `fn` runs is disposed when it ends, except the
 * tensors it returns (found in arrays, plain objects, Maps and Sets of the result).
 *
 * `fn` may be async. In Node the current scope follows the async context (AsyncLocalStorage), so
 * an `await` inside `fn` neither loses tensors nor captures tensors made by unrelated concurrent
 * code. Where no async context exists (browsers today), the scope stays current from the call
 * until the promise settles: tensors created meanwhile by other concurrent code join it.
 */
interface Disposable {
  dispose(): void;
  readonly isDisposed: boolean;
}

class Scope {
  readonly tracked: Disposable[] = [];
}

interface AsyncContext {
  getStore(): Scope[] | undefined;
  run<R>(store: Scope[], fn: () => R): R;
}

// process.getBuiltinModule exists from Node 20.16; it keeps this module free of top-level await.
const als: AsyncContext | null = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.("node:async_hooks") as
    | { AsyncLocalStorage: new () => AsyncContext }
    | undefined;
  return mod ? new mod.AsyncLocalStorage() : null;
})();

let syncStack: Scope[] = [];

const currentStack = (): Scope[] => (als ? (als.getStore() ?? syncStack) : syncStack);

/** Registers a freshly created tensor with the innermost scope, if any. */
export function trackInScope(t: Disposable): void {
  const stack = currentStack();
  if (stack.length > 0) (stack[stack.length - 1] as Scope).tracked.push(t);
}

/** Marks a tensor as kept by the innermost scope's caller (PyTorch has no equivalent; tfjs's keep). */
export function keep<T extends Disposable>(t: T): T {
  // A tensor is tracked by one scope (the innermost at its creation, or a parent it was returned
  // to), so search innermost-first and from the end: O(1) for a tensor just made (autograd keeps
  // the tensors it saves).
  const stack = currentStack();
  for (let k = stack.length - 1; k >= 0; k--) {
    const tracked = (stack[k] as Scope).tracked;
    const i = tracked.lastIndexOf(t);
    if (i >= 0) {
      tracked.splice(i, 1);
      return t;
    }
  }
  return t;
}

function collectReturned(value: unknown, out: Set<unknown>, seen: Set<unknown>): void {
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  if (typeof (value as Partial<Disposable>).dispose === "function" && "isDisposed" in value) {
    out.add(value);
    return;
  }
  const items = value instanceof Map ? value.values() : value instanceof Set || Array.isArray(value) ? value : Object.values(value);
  for (const v of items) collectReturned(v, out, seen);
}

function finish(scope: Scope, result: unknown, parent: Scope | undefined): void {
  const returned = new Set<unknown>();
  collectReturned(result, returned, new Set());
  for (const t of scope.tracked) {
    if (returned.has(t)) parent?.tracked.push(t);
    else if (!t.isDisposed) t.dispose();
  }
}

export function tidy<R>(fn: () => R): R {
  const scope = new Scope();
  const outer = currentStack();
  const parent = outer[outer.length - 1];
  const stack = [...outer, scope];
  const run = (): R => {
    if (als) return als.run(stack, fn);
    const saved = syncStack;
    syncStack = stack;
    try {
      return fn();
    } finally {
      // An async fn keeps the scope current until it settles (see the note above).
      syncStack = saved;
    }
  };
  let result: R;
  try {
    result = run();
  } catch (e) {
    finish(scope, undefined, parent);
    throw e;
  }
  if (result instanceof Promise) {
    if (!als) {
      const saved = syncStack;
      syncStack = stack;
      const restore = (): void => {
        if (syncStack === stack) syncStack = saved;
      };
      return result.then(
        (v) => (restore(), finish(scope, v, parent), v),
        (e: unknown) => {
          restore();
          finish(scope, undefined, parent);
          throw e;
        },
      ) as R;
    }
    return result.then(
      (v) => (finish(scope, v, parent), v),
      (e: unknown) => {
        finish(scope, undefined, parent);
        throw e;
      },
    ) as R;
  }
  finish(scope, result, parent);
  return result;
}
