/**
 * The samplers as register-machine programs (wgsl/lib-vm.ts), written step for step after
 * tensor-core's random/softmath.ts and random/stream.ts: same constants, same Horner order, same
 * iteration counts, `R(...)` where the reference rounds and nowhere else. In binary64 mode they
 * are the float64 samplers; in binary32 mode (every rounded step followed by R32, constants
 * rounded) they are the reference's float32 samplers evaluated exactly as it evaluates them —
 * used for Poisson's log k! when k ≥ 2^24, where the reference works on the binary64 n = k + 1.
 *
 * Registers 0..3 are the interface: 0 the result, 1..3 parameters set by the kernel.
 */
import type { RandomDistribution } from "@typetorch/tensor-core";
import { Asm, OP } from "../wgsl/lib-vm.js";
import { softSpec } from "../wgsl/lib-softmath.js";
import { HALF_LOG_2PI, LOG_FACTORIAL } from "../wgsl/lib-samplers.js";

/** `(…(cn·z + cn−1)·z + …)·z + c0`: the reference's Horner order. */
function horner(a: Asm, coeffs: readonly number[], z: number): number {
  const src = coeffs.slice(0, -1).reduceRight((acc, _, i) => `(${acc})*z + c${i}`, `c${coeffs.length - 1}`);
  return a.f(src, { z }, Object.fromEntries(coeffs.map((c, i) => [`c${i}`, c])));
}

/** Jumps to `to` when the condition holds. */
const jlt = (a: Asm, x: number, y: number, to: string): void => a.emit(OP.JLT, 0, x, y, to);
const jle = (a: Asm, x: number, y: number, to: string): void => a.emit(OP.JLE, 0, x, y, to);

const recip = (a: Asm) =>
  a.fn("recip", 1, 1, (a, [x], [y]) => {
    const s = softSpec(a.f32);
    const e = a.ireg();
    const m = a.reg();
    a.emit(OP.MANT, m, a.un(OP.ABS, x as number), e);
    let r = a.f("c0 - c1*m", { m }, { c0: 24 / 17, c1: 8 / 17 });
    for (let i = 0; i < s.recipIters; i++) r = a.f("r*(2 - m*r)", { r, m });
    a.emit(OP.INEG, e, e);
    const q = a.ldexp(r, e);
    const neg = a.newLabel();
    const done = a.newLabel();
    jlt(a, x as number, a.k(0), neg);
    a.mov(y as number, q);
    a.emit(OP.JMP, 0, 0, 0, done);
    a.label(neg);
    a.emit(OP.NEG, y as number, q);
    a.label(done);
  });

const sqrt = (a: Asm) =>
  a.fn("sqrt", 1, 1, (a, [x], [y]) => {
    const s = softSpec(a.f32);
    const e = a.ireg();
    const m = a.reg();
    a.emit(OP.MANT, m, x as number, e);
    const even = a.newLabel();
    a.emit(OP.JODD, 0, e, 0, `${even}o`);
    a.emit(OP.JMP, 0, 0, 0, even);
    a.label(`${even}o`);
    a.mov(m, a.fx("m*2", { m }));
    a.emit(OP.IADD, e, e, 0, -1);
    a.label(even);
    let r = a.f("1.2 - 0.2*m", { m });
    const hm = a.f("0.5*m", { m });
    for (let i = 0; i < s.rsqrtIters; i++) r = a.f("r*(1.5 - hm*(r*r))", { r, hm });
    a.emit(OP.IHALF, e, e);
    a.mov(y as number, a.ldexp(a.f("m*r", { m, r }), e));
  });

const log = (a: Asm) =>
  a.fn("log", 1, 1, (a, [x], [y]) => {
    const s = softSpec(a.f32);
    const e = a.ireg();
    const m = a.reg();
    a.emit(OP.MANT, m, x as number, e);
    const ok = a.newLabel();
    jle(a, m, a.k(2 * (a.f32 ? Math.fround(Math.SQRT1_2) : Math.SQRT1_2)), ok);
    a.mov(m, a.fx("m*0.5", { m }));
    a.emit(OP.IADD, e, e, 0, 1);
    a.label(ok);
    const num = a.f("m - 1", { m });
    const [rd] = a.call(recip(a), a.f("m + 1", { m }));
    const t = a.f("num*rd", { num, rd: rd as number });
    const lm = a.f("t*p", { t, p: horner(a, s.log, a.f("t*t", { t })) });
    const ef = a.un(OP.FROMI, e);
    a.mov(y as number, a.f("ef*hi + (lm + ef*lo)", { ef, lm }, { hi: s.ln2Hi, lo: s.ln2Lo }));
  });

const exp = (a: Asm) =>
  a.fn("exp", 1, 1, (a, [x], [y]) => {
    const s = softSpec(a.f32);
    const [nan, inf, zero] = [a.newLabel(), a.newLabel(), a.newLabel()];
    a.emit(OP.JNAN, 0, x as number, 0, nan);
    jlt(a, a.k(s.expMax), x as number, inf);
    jlt(a, x as number, a.k(s.expMin), zero);
    const k = a.un(OP.FLOOR, a.f("x*log2e + 0.5", { x: x as number }, { log2e: Math.LOG2E }));
    const r = a.f("x - k*hi - k*lo", { x: x as number, k }, { hi: s.ln2Hi, lo: s.ln2Lo });
    const ik = a.ireg();
    a.emit(OP.TOI, ik, k);
    a.mov(y as number, a.ldexp(horner(a, s.exp, r), ik));
    a.emit(OP.RET);
    a.label(nan);
    a.mov(y as number, x as number);
    a.emit(OP.RET);
    a.label(inf);
    a.mov(y as number, a.k(Infinity));
    a.emit(OP.RET);
    a.label(zero);
    a.mov(y as number, a.k(0));
  });

/** [sin 2πt, cos 2πt] for t in [0, 1) dyadic. */
const sincos = (a: Asm) =>
  a.fn("sincos", 1, 2, (a, [t], [sn, cs]) => {
    const s = softSpec(a.f32);
    const v = a.fx("t*4", { t: t as number });
    const q = a.un(OP.FLOOR, v);
    const f = a.fx("v - q", { v, q });
    const [fold, go] = [a.newLabel(), a.newLabel()];
    const g = a.reg();
    jlt(a, a.k(0.5), f, fold);
    a.mov(g, f);
    a.emit(OP.JMP, 0, 0, 0, go);
    a.label(fold);
    a.mov(g, a.fx("1 - f", { f }));
    a.label(go);
    const x = a.f("g*halfpi", { g }, { halfpi: Math.PI / 2 });
    const z = a.f("x*x", { x });
    const sx = a.f("x*p", { x, p: horner(a, s.sin, z) });
    const cx = horner(a, s.cos, z);
    const [s0, c0] = [a.reg(), a.reg()];
    const [swap, quad] = [a.newLabel(), a.newLabel()];
    jlt(a, a.k(0.5), f, swap);
    a.mov(s0, sx);
    a.mov(c0, cx);
    a.emit(OP.JMP, 0, 0, 0, quad);
    a.label(swap);
    a.mov(s0, cx);
    a.mov(c0, sx);
    a.label(quad);
    const iq = a.ireg();
    a.emit(OP.TOI, iq, q);
    const out = (sv: [number, boolean], cv: [number, boolean]): void => {
      a.emit(sv[1] ? OP.NEG : OP.MOV, sn as number, sv[0]);
      a.emit(cv[1] ? OP.NEG : OP.MOV, cs as number, cv[0]);
      a.emit(OP.RET);
    };
    const labels = [a.newLabel(), a.newLabel(), a.newLabel()];
    labels.forEach((l, j) => a.emit(OP.JQ, 0, iq, j, l));
    out([c0, true], [s0, false]);
    a.label(labels[0] as string);
    out([s0, false], [c0, false]);
    a.label(labels[1] as string);
    out([c0, false], [s0, true]);
    a.label(labels[2] as string);
    out([s0, true], [c0, true]);
  });

/** Box–Muller, cos branch. */
function normal(a: Asm): number {
  const u = a.open();
  const t = a.turn();
  const [lg] = a.call(log(a), u);
  const [rad] = a.call(sqrt(a), a.fx("-2*lg", { lg: lg as number }));
  const [, c] = a.call(sincos(a), t);
  return a.f("rad*c", { rad: rad as number, c: c as number });
}

function cauchy(a: Asm): number {
  const v = a.fx("u - 0.5", { u: a.open() });
  const [sn, cs] = a.call(sincos(a), a.fx("av*0.5", { av: a.un(OP.ABS, v) }));
  const [rc] = a.call(recip(a), cs as number);
  const t = a.f("sn*rc", { sn: sn as number, rc: rc as number });
  const [neg, done] = [a.newLabel(), a.newLabel()];
  jlt(a, v, a.k(0), neg);
  a.mov(0, t);
  a.emit(OP.JMP, 0, 0, 0, done);
  a.label(neg);
  a.emit(OP.NEG, 0, t);
  a.label(done);
  return 0;
}

const logFactorial = (a: Asm) =>
  a.fn("logfact", 1, 1, (a, [k], [y]) => {
    const tbl = a.newLabel();
    jlt(a, k as number, a.k(16), tbl);
    const n = a.fx("k + 1", { k: k as number });
    const [rr] = a.call(recip(a), n);
    const r = rr as number;
    const r2 = a.f("r*r", { r });
    const ser = a.f("r*(c12 - r2*(c360 - r2*c1260))", { r, r2 }, { c12: 1 / 12, c360: 1 / 360, c1260: 1 / 1260 });
    const [ln] = a.call(log(a), n);
    a.mov(y as number, a.f("(n - 0.5)*ln - n + h + ser", { n, ln: ln as number, ser }, { h: HALF_LOG_2PI }));
    a.emit(OP.RET);
    a.label(tbl);
    const base = a.table(LOG_FACTORIAL);
    const ik = a.ireg();
    a.emit(OP.TOI, ik, k as number);
    a.emit(OP.LDX, y as number, base, ik);
  });

/** Poisson(λ = register 1): multiplication below 10 (binary64 only: binary32 does it in WGSL), PTRS above. */
function poisson(a: Asm): void {
  const lam = 1;
  const [zero, big, done] = [a.newLabel(), a.newLabel(), a.newLabel()];
  const ret = (r: number): void => {
    a.mov(0, r);
    a.emit(OP.JMP, 0, 0, 0, done);
  };
  jle(a, lam, a.k(0), zero);
  a.emit(OP.JNAN, 0, lam, 0, zero);
  jle(a, a.k(10), lam, big);
  const [limit] = a.call(exp(a), a.un(OP.NEG, lam));
  const prod = a.reg();
  const count = a.reg();
  a.mov(prod, a.k(1));
  a.mov(count, a.k(0));
  const [loop, more] = [a.newLabel(), a.newLabel()];
  a.label(loop);
  a.mov(prod, a.f("p*u", { p: prod, u: a.open() }));
  jlt(a, limit as number, prod, more);
  ret(count);
  a.label(more);
  a.emit(OP.JBAD, 0, 0, 0, zero);
  a.mov(count, a.fx("c + 1", { c: count }));
  a.emit(OP.JMP, 0, 0, 0, loop);
  a.label(big);
  const [slam] = a.call(sqrt(a), lam);
  const [loglam] = a.call(log(a), lam);
  const b = a.f("2.53*s + 0.931", { s: slam as number });
  const A = a.f("0.02483*b - 0.059", { b });
  const [rb3] = a.call(recip(a), a.f("b - 3.4", { b }));
  const invAlpha = a.f("1.1239 + 1.1328*r", { r: rb3 as number });
  const [rb2] = a.call(recip(a), a.f("b - 2", { b }));
  const vr = a.f("0.9277 - 3.6224*r", { r: rb2 as number });
  const [logInvAlpha] = a.call(log(a), invAlpha);
  const [top, accept, check, go] = [a.newLabel(), a.newLabel(), a.newLabel(), a.newLabel()];
  const k = a.reg();
  a.label(top);
  a.emit(OP.JBAD, 0, 0, 0, zero);
  const U = a.f("u - 0.5", { u: a.open() });
  const V = a.open();
  const us = a.f("0.5 - au", { au: a.un(OP.ABS, U) });
  const [rus] = a.call(recip(a), us);
  a.mov(k, a.un(OP.FLOOR, a.f("(2*A*rus + b)*U + (lam + 0.43)", { A, rus: rus as number, b, U, lam })));
  jlt(a, us, a.k(0.07), check);
  jle(a, V, vr, accept);
  a.label(check);
  jlt(a, k, a.k(0), top);
  jlt(a, us, a.k(0.013), `${go}u`);
  a.emit(OP.JMP, 0, 0, 0, go);
  a.label(`${go}u`);
  jlt(a, us, V, top);
  a.label(go);
  const [lv] = a.call(log(a), V);
  const [ruu] = a.call(recip(a), a.f("us*us", { us }));
  const [lw] = a.call(log(a), a.f("A*ruu + b", { A, ruu: ruu as number, b }));
  const lhs = a.f("lv + lia - lw", { lv: lv as number, lia: logInvAlpha as number, lw: lw as number });
  const [lf] = a.call(logFactorial(a), k);
  const rhs = a.f("k*ll - lam - lf", { k, ll: loglam as number, lam, lf: lf as number });
  jle(a, lhs, rhs, accept);
  a.emit(OP.JMP, 0, 0, 0, top);
  a.label(accept);
  ret(k);
  a.label(zero);
  a.mov(0, a.k(0));
  a.label(done);
}

/**
 * The program sampling `dist` into register 0 (parameters in registers 1, 2: std/sigma/scale,
 * then mean/median; poisson's λ in 1). `f32`: the binary32 reference (for Poisson: its log k!, used from k = 2^24 on).
 */
export function program(dist: RandomDistribution, f32 = false): Uint32Array {
  const a = new Asm();
  a.f32 = f32;
  a.global(4);
  const affine = (z: number): number => a.f("z*std + mean", { z, std: 1, mean: 2 });
  switch (dist.kind) {
    case "normal":
      a.mov(0, affine(normal(a)));
      break;
    case "logNormal": {
      const [v] = a.call(exp(a), affine(normal(a)));
      a.mov(0, v as number);
      break;
    }
    case "cauchy":
      a.mov(0, affine(cauchy(a)));
      break;
    case "exponential": {
      const [lg] = a.call(log(a), a.open());
      a.mov(0, a.f("-lg*s", { lg: lg as number, s: 1 }));
      break;
    }
    case "geometric": {
      const [lg] = a.call(log(a), a.open());
      const g = a.un(OP.CEIL, a.f("lg*s", { lg: lg as number, s: 1 }));
      const [keep, one] = [a.newLabel(), a.newLabel()];
      a.mov(0, g);
      a.emit(OP.JNAN, 0, g, 0, keep);
      jlt(a, g, a.k(1), one);
      a.emit(OP.JMP, 0, 0, 0, keep);
      a.label(one);
      a.mov(0, a.k(1));
      a.label(keep);
      break;
    }
    case "poisson":
      // binary32: only log k! runs here (k ≥ 2^24); the rest of PTRS is WGSL (lib-samplers.ts)
      if (f32) a.mov(0, (a.call(logFactorial(a), 1)[0] as number));
      else poisson(a);
      break;
    default:
      throw new Error(`webgpu random: no program for ${dist.kind}`);
  }
  return a.assemble();
}
