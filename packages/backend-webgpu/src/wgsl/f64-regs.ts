/**
 * Float64 arithmetic as register instructions: the one front end of both register machines —
 * lib-f64-vm.ts (straight-line formulas of the float64 transcendentals, code in the shader) and
 * lib-vm.ts (the random samplers, with jumps, integer registers and calls; code in the parameter
 * buffer). A formula is written in C-like infix (`y = 1 - ((lo - x*c/(2 - c)) - hi)`), parsed
 * here into a tree of soft-binary64 operations, and each machine emits that tree as its own
 * instructions: C's evaluation order and one rounding per operator, operands left to right.
 */

/** The soft-binary64 operations a formula is made of (`hi(e)`: e with its low word cleared). */
export type F64Op = "add" | "sub" | "mul" | "div" | "neg" | "hi";

export type F64Expr =
  | { readonly k: "num"; readonly x: number }
  | { readonly k: "name"; readonly name: string }
  | { readonly k: "op"; readonly op: F64Op; readonly a: F64Expr; readonly b: F64Expr };

/**
 * Parses `src`: + − * / (left-associative), unary −, parentheses, numbers (a − directly before
 * a number makes a negative constant, as a C compiler folds it), names, `hi(e)`. Unary ops carry
 * their operand twice (`b = a`).
 */
export function parseF64(src: string): F64Expr {
  const toks = src.match(/\d+\.?\d*(?:e[-+]?\d+)?|[A-Za-z_]\w*|[-+*/()]/g) ?? [];
  let p = 0;
  const peek = (): string | undefined => toks[p];
  const eat = (t?: string): string => {
    const s = toks[p++];
    if (s === undefined || (t !== undefined && s !== t)) throw new Error(`float64 formula: expected ${t ?? "a token"} in "${src}"`);
    return s;
  };
  const unary = (op: F64Op, a: F64Expr): F64Expr => ({ k: "op", op, a, b: a });
  const atom = (): F64Expr => {
    const t = eat();
    if (t === "(") {
      const e = sum();
      eat(")");
      return e;
    }
    if (t === "-") return /^\d/.test(peek() ?? "") ? { k: "num", x: -Number(eat()) } : unary("neg", atom());
    if (/^\d/.test(t)) return { k: "num", x: Number(t) };
    if (t === "hi" && peek() === "(") {
      eat("(");
      const e = sum();
      eat(")");
      return unary("hi", e);
    }
    return { k: "name", name: t };
  };
  const prod = (): F64Expr => {
    let e = atom();
    while (peek() === "*" || peek() === "/") e = { k: "op", op: eat() === "*" ? "mul" : "div", a: e, b: atom() };
    return e;
  };
  const sum = (): F64Expr => {
    let e = prod();
    while (peek() === "+" || peek() === "-") e = { k: "op", op: eat() === "+" ? "add" : "sub", a: e, b: prod() };
    return e;
  };
  const e = sum();
  if (p !== toks.length) throw new Error(`float64 formula: trailing input in "${src}"`);
  return e;
}

/** The leaves of `e` in evaluation order (a unary op's operand once). */
export function leaves(e: F64Expr): (F64Expr & { k: "num" | "name" })[] {
  if (e.k !== "op") return [e];
  return e.a === e.b ? leaves(e.a) : [...leaves(e.a), ...leaves(e.b)];
}

/** The two words of a double, `[lo, hi]` (little-endian), as both machines store constants. */
export function f64Words(x: number): [number, number] {
  const w = new Uint32Array(new Float64Array([x]).buffer);
  return [w[0] as number, w[1] as number];
}

/** `c0 + z*(c1 + z*(… + z*cn))` in infix (Horner's order, as fdlibm writes it). */
export const horner = (z: string, cs: readonly string[]): string =>
  cs.slice(0, -1).reduceRight((acc, c) => `(${c} + ${z} * ${acc})`, cs[cs.length - 1] as string);
