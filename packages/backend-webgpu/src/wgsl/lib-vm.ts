/**
 * A register machine for binary64 sampling code. SwiftShader inlines every WGSL call, and a
 * soft-binary64 `f64_mul`/`f64_add` is large: ten call sites took 4 s to compile, forty crashed
 * the compiler. The samplers need a few hundred binary64 operations, so they are not WGSL code
 * but data: a program of register instructions (assembled by `Asm` below, from random-programs.ts)
 * placed in the kernel's parameter buffer and run by `vm_run`, whose loop holds exactly one call
 * site of each lib-f64 function. Compile time is that of one loop; the program can be any length.
 *
 * Registers: VR (binary64, `vec2u` bits) and VI (i32). A program may also run "binary32 as the
 * reference computes it": an operation followed by R32 is `Math.fround` of the binary64 result,
 * which is exactly how tensor-core's soft math defines its float32 precision.
 */

import { f64Words, parseF64, type F64Expr } from "./f64-regs.js";

/** Opcodes (the WGSL switch below uses the same numbers). */
export const OP = {
  HALT: 0, MUL: 1, ADD: 2, SUB: 3, NEG: 4, ABS: 5, FLOOR: 6, CEIL: 7, R32: 8, MANT: 9, LDEXP: 10,
  FROMI: 11, TOI: 12, IADD: 13, INEG: 14, IHALF: 15, JMP: 16, JLT: 17, JLE: 18, JNAN: 19, JODD: 20,
  JQ: 21, OPEN: 22, TURN: 23, MOV: 24, LDX: 25, CALL: 26, RET: 27, JBAD: 28, MULADD: 29,
} as const;
type Opcode = (typeof OP)[keyof typeof OP];

export const VM_REGS = 480;
const VM_INTS = 16;

/**
 * The interpreter. `at` is the program's first word in `prm`: [number of constants, then
 * (register, lo, hi) per constant, then three words per instruction: op | d << 8, a | b << 16, and w
 * (a jump target or an immediate)]. `unbounded`: the program may draw more than four words (Poisson).
 */
export function vmWgsl(at: number, unbounded: boolean): string {
  return /* wgsl */ `
var<private> VR: array<vec2u, ${VM_REGS}>;
var<private> VI: array<i32, ${VM_INTS}>;
fn vm_run() {
  let nk = prm[${at}u];
  for (var j = 0u; j < nk; j++) { let q = ${at + 1}u + 3u * j; VR[prm[q]] = vec2u(prm[q + 1u], prm[q + 2u]); }
  let code = ${at + 1}u + 3u * nk;
  var pc = 0u; var sp = 0u; var stack = array<u32, 8>();
  var op = 0u; var d = 0u; var a = 0u; var b = 0u; var steps = 0u;
  // SwiftShader runs every block of a data-dependent switch under a lane mask, taken or not, so a
  // step costs the sum of its cases. The cheap, frequent operations run in the inner loop; the
  // inner loop leaves for the rare, costly ones (rounding, scaling, random words), run once each.
  loop {
    loop {
      let w0 = prm[code + 3u * pc]; let w1 = prm[code + 3u * pc + 1u]; let w = prm[code + 3u * pc + 2u];
      op = w0 & 0xffu; d = w0 >> 8u; a = w1 & 0xffffu; b = w1 >> 16u;
      // a bound no correct program reaches (samplers stop at RS_BAD), so a device never hangs
      steps += 1u;
      if (op == 0u || steps > 0x4000000u || (op >= 6u && op <= 8u) || op == 10u || op == 12u || op == 22u || op == 23u) { break; }
      var next = pc + 1u;
      switch (op) {
        case 1u, 2u, 3u, 29u: {
          // one step of each: MUL a·b (+ −0, exact), ADD/SUB a·1 ± b, MULADD a·b + w (two roundings)
          let addsub = op == 2u || op == 3u;
          let c = select(select(vec2u(0u, 0x80000000u), VR[w], op == 29u), select(VR[b], f64_neg(VR[b]), op == 3u), addsub);
          VR[d] = f64_add(f64_mul(VR[a], select(VR[b], vec2u(0u, 0x3ff00000u), addsub)), c);
        }
        case 4u: { VR[d] = f64_neg(VR[a]); }
        case 5u: { VR[d] = f64_abs(VR[a]); }
        case 9u: { let x = VR[a]; VI[b] = i32((x.y >> 20u) & 0x7ffu) - 1023i; VR[d] = vec2u(x.x, (x.y & 0x800fffffu) | 0x3ff00000u); }
        case 11u: { VR[d] = f64_from_i32(VI[a]); }
        case 13u: { VI[d] = VI[a] + bitcast<i32>(w); }
        case 14u: { VI[d] = -VI[a]; }
        case 15u: { VI[d] = VI[a] / 2i; }
        case 16u: { next = w; }
        case 17u: { if (f64_lt(VR[a], VR[b])) { next = w; } }
        case 18u: { if (f64_le(VR[a], VR[b])) { next = w; } }
        case 19u: { if (f64_isnan(VR[a])) { next = w; } }
        case 20u: { if ((VI[a] & 1i) != 0i) { next = w; } }
        case 21u: { if ((VI[a] & 3i) == i32(b)) { next = w; } }
        case 24u: { VR[d] = VR[a]; }
        case 25u: { VR[d] = VR[a + u32(VI[b])]; }
        case 26u: { stack[sp] = pc + 1u; sp += 1u; next = w; }
        case 27u: { sp -= 1u; next = stack[sp]; }
        case 28u: { if (RS_BAD) { next = w; } }
        default: {}
      }
      pc = next;
    }
    if (op == 0u || steps > 0x4000000u) { break; }
    // the words of OPEN (one in binary32 mode, else two) and TURN, from one call site
    let nw = select(0u, select(2u, 1u, op == 22u && b == 1u), op == 22u || op == 23u);
    var ws = vec2u(0u);
    for (var j = 0u; j < nw; j++) { let x = ${unbounded ? "rs_refill" : "rs_next"}(); ws = select(vec2u(ws.x, x), vec2u(x, 0u), j == 0u); }
    switch (op) {
      case 6u, 7u: { VR[d] = f64_round_int(VR[a], op - 5u); }
      case 8u: { VR[d] = f64_from_f32bits(f64_to_f32bits(VR[a])); }
      case 10u: { VR[d] = f64_ldexp(VR[a], VI[b]); }
      case 12u: { VI[d] = f64_to_i32_trunc(VR[a]); }
      case 22u: {
        // (k + ½)·2^-52 from 52 bits of two words, or (k + ½)·2^-23 from 23 bits of one (b = 1: binary32)
        let n = ((ws.x >> 9u) << 1u) | 1u;
        let n52 = vec2u((ws.y << 1u) | 1u, ((ws.x >> 12u) << 1u) | (ws.y >> 31u));
        VR[d] = u53_scaled(select(n52, vec2u(n << 29u, n >> 3u), b == 1u));
      }
      // k·2^-53 from 53 bits
      case 23u: { VR[d] = u53_scaled(vec2u(ws.y, ws.x >> 11u)); }
      default: {}
    }
    pc += 1u;
  }
}
`;
}

/** A function of a program: its argument and result registers, and its body (emitted once). */
interface Fn {
  readonly id: number;
  readonly args: number[];
  readonly res: number[];
  readonly label: string;
  emitted: boolean;
  readonly body: (a: Asm, args: number[], res: number[]) => void;
}

interface Ins {
  op: Opcode;
  d: number;
  a: number;
  b: number;
  w: number | string;
}

/** Registers of a function's frame are numbered LOCAL·(function id + 1) + i until assembly. */
const LOCAL = 1 << 16;

/**
 * The assembler. Arithmetic is written as infix formulas (`f`, parsed by f64-regs.ts like the
 * float64 math's). `f32` selects the precision it rounds to: in binary32 mode each step of `f`
 * and `ldexp` is followed by R32 and constants are rounded to binary32 (the reference's `R(...)`);
 * `fx` never rounds (the reference's exact steps on binary64 values).
 * Temporaries live in their function's frame; frames of functions that are never active together
 * share registers (a frame starts after the deepest frame of any caller).
 */
export class Asm {
  private readonly code: Ins[] = [];
  private readonly labels = new Map<string, number>();
  private readonly consts = new Map<string, number>();
  private readonly init: number[] = [];
  private readonly fns = new Map<string, Fn>();
  /** Per frame (0 = main, id + 1 = function): temporaries used, and the frames it calls. */
  private readonly frames: { size: number; calls: Set<number> }[] = [{ size: 0, calls: new Set() }];
  private frame = 0;
  private nglobal = 0;
  private nint = 0;
  private nlabel = 0;
  f32 = false;

  /** A register of the program (interface, constants, arguments), or `n` consecutive ones. */
  global(n = 1): number {
    const r = this.nglobal;
    this.nglobal += n;
    return r;
  }
  /** A temporary of the current function. */
  reg(): number {
    const f = this.frames[this.frame] as { size: number };
    return LOCAL * (this.frame + 1) + f.size++;
  }
  ireg(): number {
    if (this.nint >= VM_INTS) throw new Error("webgpu random: program needs too many integer registers");
    return this.nint++;
  }
  private constant(v: number): number {
    const w = f64Words(v);
    const key = w.join(":");
    const hit = this.consts.get(key);
    if (hit !== undefined) return hit;
    const r = this.global();
    this.consts.set(key, r);
    this.init.push(r, ...w);
    return r;
  }
  /** A register holding the double `x` (rounded to binary32 in f32 mode). */
  k(x: number): number {
    return this.constant(this.f32 ? Math.fround(x) : x);
  }
  /** Consecutive registers holding a table (indexed with LDX). */
  table(xs: readonly number[]): number {
    const base = this.global(xs.length);
    xs.forEach((x, i) => this.init.push(base + i, ...f64Words(this.f32 ? Math.fround(x) : x)));
    return base;
  }
  newLabel(): string {
    return `L${this.nlabel++}`;
  }
  label(name: string): void {
    this.labels.set(name, this.code.length);
  }
  emit(op: Opcode, d = 0, a = 0, b = 0, w: number | string = 0): void {
    this.code.push({ op, d, a, b, w });
  }
  private round(d: number): number {
    if (this.f32) this.emit(OP.R32, d, d);
    return d;
  }
  /**
   * The infix formula `src` (f64-regs.ts; no division or `hi`: the samplers need neither) over
   * the registers `regs`, the constants `consts` and numbers in the text, operands left to right:
   * one step per operator, rounded in binary32 mode unless `exact`. `a*b + c` is one MULADD
   * where no binary32 rounding sits between the two (the same two roundings, one step fewer).
   * Returns the result's register (a fresh temporary, or a leaf's register).
   */
  f(src: string, regs: Readonly<Record<string, number>> = {}, consts: Readonly<Record<string, number>> = {}, exact = false): number {
    const fused = !this.f32 || exact;
    const gen = (e: F64Expr): number => {
      if (e.k === "num") return this.k(e.x);
      if (e.k === "name") {
        const r = regs[e.name] ?? (e.name in consts ? this.k(consts[e.name] as number) : undefined);
        if (r === undefined) throw new Error(`webgpu random: unknown name ${e.name} in "${src}"`);
        return r;
      }
      if (e.op === "neg") return this.un(OP.NEG, gen(e.a));
      if (e.op === "div" || e.op === "hi") throw new Error(`webgpu random: no ${e.op} step ("${src}")`);
      const d = (op: Opcode, a: number, b: number, w = 0): number => {
        const r = this.reg();
        this.emit(op, r, a, b, w);
        return exact ? r : this.round(r);
      };
      if (e.op === "add" && fused && e.a.k === "op" && e.a.op === "mul") {
        const [a, b] = [gen(e.a.a), gen(e.a.b)];
        return d(OP.MULADD, a, b, gen(e.b));
      }
      const a = gen(e.a);
      return d(e.op === "mul" ? OP.MUL : e.op === "add" ? OP.ADD : OP.SUB, a, gen(e.b));
    };
    return gen(parseF64(src));
  }
  /** `f` with no rounding to binary32 (the reference's exact steps on binary64 values). */
  fx(src: string, regs: Readonly<Record<string, number>> = {}, consts: Readonly<Record<string, number>> = {}): number {
    return this.f(src, regs, consts, true);
  }
  un(op: Opcode, a: number): number {
    const d = this.reg();
    this.emit(op, d, a);
    return d;
  }
  ldexp(a: number, i: number): number {
    const d = this.reg();
    this.emit(OP.LDEXP, d, a, i);
    return this.round(d);
  }
  /** A uniform on (0, 1) of the mode's precision; `turn` one on [0, 1) (binary64 only). */
  open(): number {
    const d = this.reg();
    this.emit(OP.OPEN, d, 0, this.f32 ? 1 : 0);
    return d;
  }
  turn(): number {
    const d = this.reg();
    this.emit(OP.TURN, d);
    return d;
  }
  mov(d: number, a: number): void {
    this.emit(OP.MOV, d, a);
  }
  /** Declares (once) a function with `nargs` arguments and `nres` results. */
  fn(name: string, nargs: number, nres: number, body: Fn["body"]): Fn {
    let f = this.fns.get(name);
    if (!f) {
      f = { id: this.frames.length, args: Array.from({ length: nargs }, () => this.global()), res: Array.from({ length: nres }, () => this.global()), label: `fn_${name}`, emitted: false, body };
      this.frames.push({ size: 0, calls: new Set() });
      this.fns.set(name, f);
    }
    return f;
  }
  /** Calls `f` with `args`; returns copies of its results (the next call may overwrite them). */
  call(f: Fn, ...args: number[]): number[] {
    args.forEach((r, i) => this.mov(f.args[i] as number, r));
    (this.frames[this.frame] as { calls: Set<number> }).calls.add(f.id);
    this.emit(OP.CALL, 0, 0, 0, f.label);
    return f.res.map((r) => {
      const c = this.reg();
      this.mov(c, r);
      return c;
    });
  }

  /** The program words: constants, then code (main first, then every called function). */
  assemble(): Uint32Array {
    this.emit(OP.HALT);
    for (let pending = [...this.fns.values()].filter((f) => !f.emitted); pending.length > 0; pending = [...this.fns.values()].filter((f) => !f.emitted)) {
      for (const f of pending) {
        f.emitted = true;
        this.frame = f.id;
        this.label(f.label);
        f.body(this, f.args, f.res);
        this.emit(OP.RET);
      }
    }
    // frame bases: after the globals for main, after the end of every caller's frame otherwise
    const base = this.frames.map(() => this.nglobal);
    for (let changed = true; changed; ) {
      changed = false;
      this.frames.forEach((f, i) => {
        for (const c of f.calls) {
          const want = (base[i] as number) + f.size;
          if ((base[c] as number) < want) {
            base[c] = want;
            changed = true;
          }
        }
      });
    }
    const top = Math.max(...this.frames.map((f, i) => (base[i] as number) + f.size));
    if (top > VM_REGS) throw new Error(`webgpu random: program needs ${top} registers (more than ${VM_REGS})`);
    const reloc = (r: number): number => (r < LOCAL ? r : (base[Math.floor(r / LOCAL) - 1] as number) + (r % LOCAL));
    const words: number[] = [];
    for (const ins of this.code) {
      const isReg = ins.op !== OP.IADD && ins.op !== OP.INEG && ins.op !== OP.IHALF && ins.op !== OP.JODD && ins.op !== OP.JQ;
      // MANT's b, LDEXP's b, LDX's b and TOI's d are integer registers; FROMI's a too
      const d = ins.op === OP.TOI || !isReg ? ins.d : reloc(ins.d);
      const a = ins.op === OP.FROMI || !isReg ? ins.a : reloc(ins.a);
      const b = ins.op === OP.MANT || ins.op === OP.LDEXP || ins.op === OP.LDX || ins.op === OP.OPEN || !isReg ? ins.b : reloc(ins.b);
      let w = ins.op === OP.MULADD ? reloc(ins.w as number) : ins.w;
      if (typeof w === "string") {
        const t = this.labels.get(w);
        if (t === undefined) throw new Error(`webgpu random: undefined label ${w}`);
        w = t;
      }
      words.push(ins.op | (d << 8), a | (b << 16), w >>> 0);
    }
    return new Uint32Array([this.init.length / 3, ...this.init, ...words]);
  }
}
