/**
 * The WGSL snippet libraries: tables of functions keyed by name. `withLibrary` prepends to a
 * kernel the functions it calls, and the functions those call, and nothing else: SwiftShader's
 * compile time grows with the source, and a float64 kernel typically needs a few of the ~60.
 * WGSL resolves module-scope names in any order, so the snippets need no sorting.
 */
import { F64_LIB } from "./lib-f64.js";

const TABLES: readonly Readonly<Record<string, string>>[] = [F64_LIB];

const LIBRARY = new Map<string, string>(TABLES.flatMap((t) => Object.entries(t)));

const CALL = /\b([A-Za-z_]\w*)\s*\(/g;

/** `source` preceded by the transitive closure of the library functions it calls (`name(`). */
export function withLibrary(source: string): string {
  const used: string[] = [];
  const seen = new Set<string>();
  const visit = (text: string): void => {
    for (const m of text.matchAll(CALL)) {
      const name = m[1] as string;
      const body = LIBRARY.get(name);
      if (body === undefined || seen.has(name)) continue;
      seen.add(name);
      used.push(body);
      visit(body);
    }
  };
  visit(source);
  return used.length === 0 ? source : `${used.join("\n")}\n${source}`;
}
