/**
 * Straight-line float64 formulas as register programs, run by one loop per WGSL function.
 *
 * Why: SwiftShader inlines every call and its compile time grows faster than linearly with a
 * function's size — measured on SwiftShader: a kernel with one `f64_add` call compiles in ~70 ms,
 * with four in ~0.3 s, with sixteen in ~2 s (~15 s with lib-f64's first, larger add), while a
 * loop around one call compiles in a fraction of that. fdlibm's formulas written as nested soft
 * calls made exp a 13 s pipeline and crashed the compiler on expm1 (first lib-f64). So a formula
 * is written in C-like infix (`y = 1 - ((lo - x*c/(2 - c)) - hi)`), parsed by f64-regs.ts (shared
 * with the samplers' machine, lib-vm.ts), compiled here into three-address instructions over a
 * register file embedded in the shader, and a WGSL function runs its segments through a single
 * `f64_alu` call in a loop: each soft operation is compiled once per function.
 */

import { leaves, parseF64, type F64Expr, type F64Op } from "./f64-regs.js";

/** Opcodes of f64_alu. */
const OP: Record<F64Op | "mov", number> = { add: 0, sub: 1, mul: 2, div: 3, hi: 4, neg: 5, mov: 6 };

export const F64_VM: Record<string, string> = {
  f64_alu: /* wgsl */ `
fn f64_alu(op: u32, a: vec2u, b: vec2u) -> vec2u {
  switch (op) {
    case ${OP.add}u, ${OP.sub}u: { return f64_add(a, select(b, f64_neg(b), op == ${OP.sub}u)); }
    case ${OP.mul}u: { return f64_mul(a, b); }
    case ${OP.div}u: { return f64_div(a, b); }
    case ${OP.hi}u: { return vec2u(0u, a.y); }
    case ${OP.neg}u: { return f64_neg(a); }
    default: { return a; }
  }
}`,
};

export interface F64Program {
  /** `var r = …; var code = …;`: the register file (constants loaded) and the instructions. */
  readonly decl: string;
  /** `r[i]`, the register of a named variable. */
  reg(name: string): string;
  /** `vec2u(start, end)`: the instruction range of a segment. */
  seg(name: string): string;
  /** WGSL statements running the instructions in the range held by the vec2u `range`. */
  run(range: string): string;
}

/**
 * Compiles `segments` (statements `name = expr;`, expr over + − * /, unary −, parentheses,
 * numbers, `hi(e)` = e with its low word cleared) over the variables `vars` and the named
 * constants `consts` (WGSL vec2u literals).
 */
export function f64Program(vars: readonly string[], consts: Readonly<Record<string, string>>, segments: Readonly<Record<string, string>>, lit: (x: number) => string): F64Program {
  const regs: string[] = []; // initial value of each register (WGSL)
  const index = new Map<string, number>();
  const constReg = (wgsl: string): number => {
    const key = `c:${wgsl}`;
    let i = index.get(key);
    if (i === undefined) index.set(key, (i = regs.push(wgsl) - 1));
    return i;
  };
  for (const v of vars) index.set(`v:${v}`, regs.push("vec2u(0u)") - 1);
  const code: number[] = [];
  const ranges = new Map<string, [number, number]>();
  let temps: number[] = [];
  let free: number[] = [];
  const temp = (): number => {
    const t = free.pop() ?? regs.push("vec2u(0u)") - 1;
    temps.push(t);
    return t;
  };

  /** The register of a leaf (a constant's register is allocated on first use, in text order). */
  const leaf = (n: F64Expr & { k: "num" | "name" }): number => {
    if (n.k === "num") return constReg(lit(n.x));
    const v = index.get(`v:${n.name}`);
    if (v !== undefined) return v;
    const c = consts[n.name];
    if (c === undefined) throw new Error(`f64Program: unknown name ${n.name}`);
    return constReg(c);
  };
  const emit = (op: number, d: number, a: number, b: number): void => void code.push((op | (d << 8) | (a << 16) | (b << 24)) >>> 0);
  const gen = (n: F64Expr, dst?: number): number => {
    if (n.k !== "op") {
      const r = leaf(n);
      if (dst !== undefined && dst !== r) emit(OP.mov, dst, r, r);
      return dst ?? r;
    }
    const a = gen(n.a);
    const b = n.a === n.b ? a : gen(n.b);
    const d = dst ?? temp();
    emit(OP[n.op], d, a, b);
    return d;
  };
  for (const [name, body] of Object.entries(segments)) {
    const start = code.length;
    for (const stmt of body.split(/[;\n]/).map((s) => s.trim()).filter(Boolean)) {
      const m = /^([A-Za-z_]\w*)\s*=\s*(.+)$/.exec(stmt);
      const target = m ? index.get(`v:${m[1]}`) : undefined;
      if (!m || target === undefined) throw new Error(`f64Program: bad statement "${stmt}"`);
      const e = parseF64(m[2] as string);
      leaves(e).forEach(leaf); // constants first, then temporaries: the register file's order
      gen(e, target);
      free = [...free, ...temps];
      temps = [];
    }
    ranges.set(name, [start, code.length]);
  }
  if (regs.length > 256) throw new Error("f64Program: more than 256 registers");
  const get = <T>(m: Map<string, T>, k: string): T => {
    const v = m.get(k);
    if (v === undefined) throw new Error(`f64Program: unknown ${k}`);
    return v;
  };
  return {
    decl: `var r = array<vec2u, ${regs.length}>(${regs.join(", ")});
  var code = array<u32, ${code.length}>(${code.map((c) => `0x${c.toString(16)}u`).join(", ")});`,
    reg: (name) => `r[${get(index, `v:${name}`)}]`,
    seg: (name) => {
      const [s, e] = get(ranges, name);
      return `vec2u(${s}u, ${e}u)`;
    },
    run: (range) => `for (var pc = ${range}.x; pc < ${range}.y; pc++) {
    let ins = code[pc];
    r[(ins >> 8u) & 0xffu] = f64_alu(ins & 0xffu, r[(ins >> 16u) & 0xffu], r[ins >> 24u]);
  }`,
  };
}

/** A float64 constant from its high and low words, as fdlibm lists its coefficients. */
export const hex = (hi: number, lo: number): string => `vec2u(0x${(lo >>> 0).toString(16)}u, 0x${(hi >>> 0).toString(16)}u)`;
