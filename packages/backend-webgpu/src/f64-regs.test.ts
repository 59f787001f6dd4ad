/**
 * The infix front end shared by both register machines (wgsl/f64-regs.ts): C's grammar
 * (left-associative, unary minus binding tighter than *, a literal's sign folded) written out by
 * hand, and the samplers' assembler fusing `a*b + c` only where no binary32 rounding sits between.
 */
import { describe, expect, it } from "vitest";
import { f64Words, leaves, parseF64, type F64Expr } from "./wgsl/f64-regs.js";
import { Asm, OP } from "./wgsl/lib-vm.js";

const n = (name: string): F64Expr => ({ k: "name", name });
const op = (o: "add" | "sub" | "mul" | "div", a: F64Expr, b: F64Expr): F64Expr => ({ k: "op", op: o, a, b });

describe("f64-regs", () => {
  it("parses with C's precedence and associativity", () => {
    expect(parseF64("a - b - c")).toEqual(op("sub", op("sub", n("a"), n("b")), n("c")));
    expect(parseF64("a - b*c/d")).toEqual(op("sub", n("a"), op("div", op("mul", n("b"), n("c")), n("d"))));
    expect(parseF64("-2*x")).toEqual(op("mul", { k: "num", x: -2 }, n("x")));
    const neg = parseF64("-x*y");
    expect(neg).toEqual(op("mul", { k: "op", op: "neg", a: n("x"), b: n("x") }, n("y")));
    const hi = parseF64("hi(a + 0.5)");
    expect(hi.k === "op" && hi.op === "hi" && hi.a === hi.b).toBe(true);
    expect(leaves(parseF64("(a + 1.5e-3)*hi(b)"))).toEqual([n("a"), { k: "num", x: 1.5e-3 }, n("b")]);
    expect(() => parseF64("a + * b")).toThrow();
    expect(() => parseF64("a b")).toThrow();
  });

  it("encodes a double as its little-endian words", () => {
    const dv = new DataView(new ArrayBuffer(8));
    for (const x of [1, -0, Math.PI, 2 ** -1074, NaN]) {
      dv.setFloat64(0, x, true);
      expect(f64Words(x)).toEqual([dv.getUint32(0, true), dv.getUint32(4, true)]);
    }
  });

  it("Asm.f: a*b + c is one MULADD in binary64, MUL R32 ADD R32 in binary32, unrounded in fx", () => {
    const ops = (f32: boolean, exact: boolean): number[] => {
      const a = new Asm();
      a.f32 = f32;
      const [x, y, z] = [a.global(), a.global(), a.global()];
      if (exact) a.fx("x*y + z", { x, y, z });
      else a.f("x*y + z", { x, y, z });
      const w = a.assemble();
      const code = w.subarray(1 + 3 * (w[0] as number));
      return Array.from({ length: code.length / 3 }, (_, i) => (code[3 * i] as number) & 0xff);
    };
    expect(ops(false, false)).toEqual([OP.MULADD, OP.HALT]);
    expect(ops(true, false)).toEqual([OP.MUL, OP.R32, OP.ADD, OP.R32, OP.HALT]);
    expect(ops(true, true)).toEqual([OP.MULADD, OP.HALT]);
  });
});
