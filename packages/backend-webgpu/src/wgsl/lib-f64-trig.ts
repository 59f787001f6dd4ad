/**
 * float64 sin, cos and tan in soft binary64: fdlibm's kernels on [−π/4, π/4] (as V8 uses them for
 * Math.sin/cos/tan) after a reduction x = n·π/2 + (y0 + y1). One function, f64_trig, runs the
 * reduction and the kernel as stages of one f64Program (lib-f64-vm.ts), so each soft operation
 * is compiled once however many formulas use it.
 *
 * Reduction: for |x| < 2^19·π/2 fdlibm's Cody–Waite steps with π/2 cut into 33-bit pieces (one to
 * three of them, as many as the cancellation needs). Above, an exact Payne–Hanek reduction in
 * integers: the 53-bit significand times 8 words of 2/π (computed below from π with BigInt),
 * starting at the first word whose product is not ≡ 0 mod 8; the integer part gives n mod 8, and
 * the fraction, normalised to 96 bits, is multiplied by π/2 in double-double (Dekker's exact
 * product), so y0 + y1 carries ~100 significant bits even for the doubles closest to n·π/2.
 */
import { f64Lit } from "./lib-f64.js";
import { horner } from "./f64-regs.js";
import { f64Program, hex } from "./lib-f64-vm.js";

/** The first `n` 32-bit words of the binary expansion of 2/π (after the binary point), by BigInt. */
export function twoOverPiWords(n: number): number[] {
  const prec = BigInt(32 * n + 96);
  const one = 1n << prec;
  // Machin: π = 16·atan(1/5) − 4·atan(1/239), each atan by its alternating series in fixed point.
  const atanInv = (k: bigint): bigint => {
    let sum = 0n;
    let power = one / k;
    for (let i = 1n, sign = 1n; power !== 0n; i += 2n, sign = -sign, power /= k * k) sum += (sign * power) / i;
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n);
  const scaled = ((2n * one) << BigInt(32 * n)) / pi; // ⌊2/π · 2^(32n)⌋, up to the series' last-bit error
  return Array.from({ length: n }, (_, i) => Number((scaled >> BigInt(32 * (n - 1 - i))) & 0xffffffffn));
}

/** Words needed: for x < 2^1024 the window starts at word ⌊(971 − 35)/32⌋ + 1 = 30 and reads 8. */
const TWO_OVER_PI = twoOverPiWords(40);
const PIO2_HI = 1.5707963267948966;
/** Veltkamp's split of PIO2_HI into two 26-bit halves (the device computes the same for fh). */
const split = (b: number): [number, number] => {
  const c = 134217729 * b;
  const h = c - (c - b);
  return [h, b - h];
};
const [BH, BL] = split(PIO2_HI);

const K = {
  INVPIO2: hex(0x3fe45f30, 0x6dc9c883),
  PIO2_1: hex(0x3ff921fb, 0x54400000), PIO2_1T: hex(0x3dd0b461, 0x1a626331),
  PIO2_2: hex(0x3dd0b461, 0x1a600000), PIO2_2T: hex(0x3ba3198a, 0x2e037073),
  PIO2_3: hex(0x3ba3198a, 0x2e000000), PIO2_3T: hex(0x397b839a, 0x252049c1),
  PIO2HI: f64Lit(PIO2_HI), PIO2LO: hex(0x3c91a626, 0x33145c07), BH: f64Lit(BH), BL: f64Lit(BL), SPLIT: f64Lit(134217729),
  S1: hex(0xbfc55555, 0x55555549), S2: hex(0x3f811111, 0x1110f8a6), S3: hex(0xbf2a01a0, 0x19c161d5), S4: hex(0x3ec71de3, 0x57b1fe7d),
  S5: hex(0xbe5ae5e6, 0x8a2b9ceb), S6: hex(0x3de5d93a, 0x5acfd57c),
  C1: hex(0x3fa55555, 0x5555554c), C2: hex(0xbf56c16c, 0x16c15177), C3: hex(0x3efa01a0, 0x19cb1590), C4: hex(0xbe927e4f, 0x809c52ad),
  C5: hex(0x3e21ee9e, 0xbdb4b1c4), C6: hex(0xbda8fae9, 0xbe8838d4),
  PIO4: hex(0x3fe921fb, 0x54442d18), PIO4LO: hex(0x3c81a626, 0x33145c07),
  ...Object.fromEntries([
    [0x3fd55555, 0x55555563], [0x3fc11111, 0x1110fe7a], [0x3faba1ba, 0x1bb341fe], [0x3f9664f4, 0x8406d637], [0x3f8226e3, 0xe96e8493],
    [0x3f6d6d22, 0xc9560328], [0x3f57dbc8, 0xfee08315], [0x3f4344d8, 0xf2f26501], [0x3f3026f7, 0x1a8d1068], [0x3f147e88, 0xa03792a6],
    [0x3f12b80f, 0x32f0a7e9], [0xbef375cb, 0xdb605373], [0x3efb2a70, 0x74bf7ad4],
  ].map(([h, l], i) => [`T${i}`, hex(h as number, l as number)])),
};
const T = (i: number): string => `T${i}`;
/** One more piece of π/2 (pio2_2 or pio2_3) off r, its rounding error kept in w. */
const piece = (p: string, pt: string): string => `t = r; w = nf * ${p}; r = t - w; w = nf * ${pt} - ((t - r) - w); y0 = r - w`;
const RECIP = "z = hi(w); v = r - (z - y0); a = -1 / w; t = hi(a); s = 1 + t * z; y = t + a * (s + t * v)";

const TRIG = f64Program(["x", "t0", "c1", "c2", "ct", "z", "y0", "y1", "nf", "r", "w", "t", "fh", "fl", "ah", "al", "p", "e", "v", "s", "qx", "a", "fv", "y"], K, {
  // |x| < 3π/4: n = ±1; c1, c2, ct are ±pio2_1, 0 or ±pio2_2, and ±pio2_1t or ±pio2_2t (next to π/2)
  near: "z = x - c1; z = z - c2; y0 = z - ct; y1 = (z - y0) - ct",
  medN: "nf = t0 * INVPIO2 + 0.5",
  med1: "r = t0 - nf * PIO2_1; w = nf * PIO2_1T; y0 = r - w",
  med2: piece("PIO2_2", "PIO2_2T"),
  med3: piece("PIO2_3", "PIO2_3T"),
  medEnd: "y1 = (r - y0) - w",
  // (fh + fl)·π/2 in double-double: fh·PIO2HI = p + e exactly (Dekker), the rest added to e
  large: `t = SPLIT * fh; ah = t - (t - fh); al = fh - ah; p = fh * PIO2HI;
    e = ah * BH - p + ah * BL + al * BH + al * BL; e = e + (fh * PIO2LO + fl * PIO2HI); y0 = p + e; y1 = e - (y0 - p)`,
  sin0: `z = y0 * y0; v = z * y0; r = ${horner("z", ["S2", "S3", "S4", "S5", "S6"])}; y = y0 + v * (S1 + z * r)`,
  sin1: `z = y0 * y0; v = z * y0; r = ${horner("z", ["S2", "S3", "S4", "S5", "S6"])}; y = y0 - ((z * (0.5 * y1 - v * r) - y1) - v * S1)`,
  cosNear: `z = y0 * y0; r = z * ${horner("z", ["C1", "C2", "C3", "C4", "C5", "C6"])}; y = 1 - (0.5 * z - (z * r - y0 * y1))`,
  cosFar: `z = y0 * y0; r = z * ${horner("z", ["C1", "C2", "C3", "C4", "C5", "C6"])}; y = (1 - qx) - ((0.5 * z - qx) - (z * r - y0 * y1))`,
  tanFlip: "z = PIO4 - y0; w = PIO4LO - y1; y0 = z + w; y1 = 0",
  tanPoly: `z = y0 * y0; w = z * z; r = ${horner("w", [1, 3, 5, 7, 9, 11].map(T))}; v = z * ${horner("w", [2, 4, 6, 8, 10, 12].map(T))};
    s = z * y0; r = y1 + z * (s * (r + v) + y1); r = r + T0 * s; w = y0 + r`,
  tanFlipBack: "y = fv - 2 * (y0 - (w * w / (w + fv) - r))",
  tanRecip: RECIP,
  tanRecipTiny: `w = y0 + y1; r = y1; ${RECIP}`,
  tanInf: "y = 1 / y0",
}, f64Lit);

const R = TRIG.reg;
const S = TRIG.seg;

/** Stages of f64_trig: what the glue does after a segment ran. */
const ST = { medN: 0, med: 1, signed: 2, reduced: 3, kernel: 4, tanPoly: 5, tanMain: 6, done: 7 };

export const F64_TRIG: Record<string, string> = {
  // which = 0 sin, 1 cos, 2 tan
  f64_trig: /* wgsl */ `
fn f64_trig(x: vec2u, which: i32) -> vec2u {
  let ix = x.y & 0x7fffffffu;
  let neg = x.y >= 0x80000000u;
  if (ix >= 0x7ff00000u) { return select(vec2u(0u, 0x7ff80000u), x, f64_isnan(x)); }
  ${TRIG.decl}
  ${R("x")} = x;
  ${R("t0")} = f64_abs(x);
  let small = ix <= 0x3fe921fbu;
  var n = 0i;
  var seg = ${S("medN")};
  var stage = ${ST.medN};
  var piece = 0i;
  var flip = false;
  var big = false;
  var up = false;
  if (small) {
    ${R("y0")} = x;
    stage = ${ST.kernel};
  } else if (ix < 0x4002d97cu) {
    let near = ix == 0x3ff921fbu;
    let sg = x.y & 0x80000000u;
    ${R("c1")} = ${K.PIO2_1} | vec2u(0u, sg);
    ${R("c2")} = select(vec2u(0u), ${K.PIO2_2} | vec2u(0u, sg), near);
    ${R("ct")} = select(${K.PIO2_1T}, ${K.PIO2_2T}, near) | vec2u(0u, sg);
    n = select(1i, -1i, neg);
    seg = ${S("near")};
    stage = ${ST.reduced};
  } else if (ix > 0x413921fbu) {
    ${payneHanek()}
    seg = ${S("large")};
    stage = ${ST.signed};
  }
  loop {
    if (stage == ${ST.kernel}) {
      // y0 + y1 in [−π/4, π/4], n: pick the kernel segment (or finish on the tiny cases)
      let iy0 = ${R("y0")}.y & 0x7fffffffu;
      stage = ${ST.done};
      if (which < 2i) {
        let q = (n + which) & 3i;
        flip = (q & 2i) != 0i;
        if ((q & 1i) == 0i) {
          if (iy0 < 0x3e400000u) { ${R("y")} = ${R("y0")}; break; }
          seg = select(${S("sin1")}, ${S("sin0")}, small);
        } else {
          if (iy0 < 0x3e400000u) { ${R("y")} = ${f64Lit(1)}; break; }
          ${R("qx")} = select(vec2u(0u, iy0 - 0x00200000u), ${f64Lit(0.28125)}, iy0 > 0x3fe90000u);
          seg = select(${S("cosFar")}, ${S("cosNear")}, iy0 < 0x3fd33333u);
        }
      } else {
        let iy = 1i - ((n & 1i) << 1u);
        ${R("fv")} = f64_from_i32(iy);
        if (iy0 < 0x3e300000u) {
          if (iy == 1i) { ${R("y")} = ${R("y0")}; break; }
          seg = ${S("tanRecipTiny")};
          if ((iy0 | ${R("y0")}.x) == 0u) { ${R("y0")} = f64_abs(${R("y0")}); seg = ${S("tanInf")}; }
        } else {
          big = iy0 >= 0x3fe59428u;
          seg = ${S("tanPoly")};
          stage = ${ST.tanMain};
          if (big) {
            flip = ${R("y0")}.y >= 0x80000000u;
            if (flip) { ${R("y0")} = f64_neg(${R("y0")}); ${R("y1")} = f64_neg(${R("y1")}); }
            seg = ${S("tanFlip")};
            stage = ${ST.tanPoly};
          }
        }
      }
    }
    ${TRIG.run("seg")}
    if (stage == ${ST.medN}) {
      n = f64_to_i32_trunc(${R("nf")});
      ${R("nf")} = f64_from_i32(n);
      seg = ${S("med1")};
      stage = ${ST.med};
    } else if (stage == ${ST.med}) {
      // another piece of π/2 while the subtraction cancelled more than 16, then 49, bits
      let gap = i32(ix >> 20u) - i32((${R("y0")}.y >> 20u) & 0x7ffu);
      if (piece < 2i && gap > select(49i, 16i, piece == 0i)) {
        seg = select(${S("med3")}, ${S("med2")}, piece == 0i);
        piece += 1i;
      } else {
        seg = ${S("medEnd")};
        stage = ${ST.signed};
      }
    } else if (stage == ${ST.signed}) {
      // the medium and large reductions worked on |x|
      if (up != neg) { ${R("y0")} = f64_neg(${R("y0")}); ${R("y1")} = f64_neg(${R("y1")}); }
      if (neg) { n = -n; }
      stage = ${ST.kernel};
    } else if (stage == ${ST.reduced}) {
      stage = ${ST.kernel};
    } else if (stage == ${ST.tanPoly}) {
      seg = ${S("tanPoly")};
      stage = ${ST.tanMain};
    } else if (stage == ${ST.tanMain}) {
      stage = ${ST.done};
      if (big) { seg = ${S("tanFlipBack")}; }
      else if (${R("fv")}.y == 0x3ff00000u) { ${R("y")} = ${R("w")}; break; }
      else { seg = ${S("tanRecip")}; }
    } else {
      break;
    }
  }
  let y = ${R("y")};
  return select(y, f64_neg(y), flip);
}`,
  f64_sin: `fn f64_sin(x: vec2u) -> vec2u { return f64_trig(x, 0i); }`,
  f64_cos: `fn f64_cos(x: vec2u) -> vec2u { return f64_trig(x, 1i); }`,
  f64_tan: `fn f64_tan(x: vec2u) -> vec2u { return f64_trig(x, 2i); }`,
};

/**
 * WGSL statements: |x| = m·2^e, S = Σ_j m·W[i0 + j]·2^(−32j) in 32-bit limbs (a[1] weighs 2^64;
 * a[0] and a[11] are padding), x·2/π ≡ S·2^s (mod 8) with s = e − 32·i0 − 32 in [−65, 2]; then n
 * and the fraction, normalised, as fh + fl (registers); `up` when the fraction was ≥ 1/2 (y0 + y1 is then −(1 − fraction)·π/2).
 */
function payneHanek(): string {
  const bits = (arr: string, at: string): string =>
    `select((${arr}[(${at}) >> 5u] << u32((${at}) & 31i)) | (${arr}[((${at}) >> 5u) + 1i] >> (32u - u32((${at}) & 31i))), ${arr}[(${at}) >> 5u], ((${at}) & 31i) == 0i)`;
  return `
    let e = i32(ix >> 20u) - 1075i;
    let mx = vec2u(x.x, (ix & 0xfffffu) | 0x100000u);
    let i0 = select(0i, (e - 35i) / 32i + 1i, e >= 35i);
    let s = e - 32i * i0 - 32i;
    var W = array<u32, ${TWO_OVER_PI.length}>(${TWO_OVER_PI.map((w) => `0x${w.toString(16)}u`).join(", ")});
    var a = array<u32, 12>();
    for (var j = 0i; j < 8i; j++) {
      let wj = W[i0 + j];
      let lo = f64_u_mul32(mx.x, wj);
      let hi = f64_u_mul32(mx.y, wj);
      let p1 = lo.y + hi.x;
      let parts = vec3u(lo.x, p1, hi.y + select(0u, 1u, p1 < lo.y));
      var carry = 0u;
      for (var q = 0i; q < 3i; q++) {
        let t = j + 3i - q;
        let s1 = a[t] + parts[q];
        let s2 = s1 + carry;
        carry = select(0u, 1u, s1 < parts[q]) + select(0u, 1u, s2 < s1);
        a[t] = s2;
      }
      for (var t = j; t >= 0i && carry != 0u; t--) {
        let s1 = a[t] + carry;
        carry = select(0u, 1u, s1 < carry);
        a[t] = s1;
      }
    }
    // the units bit of S·2^s is bit 127 + s of a (bit 0 = a[0]'s top bit)
    n = i32(${bits("a", "96i + s")} & 7u);
    var f = array<u32, 8>();
    for (var q = 0i; q < 5i; q++) { f[q] = ${bits("a", "128i + s + 32i * q")}; }
    if (f[0] >= 0x80000000u) {
      // fraction ≥ 1/2: round n up and reduce by 1 − fraction (a negative y)
      n += 1i;
      up = true;
      for (var q = 0i; q < 5i; q++) { f[q] = ~f[q]; }
    }
    var lz = 0i;
    while (lz < 96i && f[lz >> 5u] == 0u) { lz += 32i; }
    lz += i32(countLeadingZeros(f[lz >> 5u]));
    let n0 = ${bits("f", "lz")};
    let n1 = ${bits("f", "lz + 32i")};
    let n2 = ${bits("f", "lz + 64i")};
    ${R("fh")} = vec2u((n0 << 21u) | (n1 >> 11u), (u32(1022i - lz) << 20u) | ((n0 >> 11u) & 0xfffffu));
    ${R("fl")} = f64_ldexp(f64_from_i64(vec2u(n2, n1 & 0x7ffu)), -lz - 96i);`;
}
