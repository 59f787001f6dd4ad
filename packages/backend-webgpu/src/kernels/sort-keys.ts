/**
 * Sort keys: every dtype's elements mapped to unsigned integers whose order is the CPU backend's
 * sort order, so that one unsigned comparison (two words for 64-bit dtypes) decides every pair
 * exactly, with no float arithmetic (SwiftShader flushes subnormals) and no NaN special cases:
 *
 * - unsigned ints as they are; signed ints with the sign bit flipped (two's complement order);
 * - floats (sign-magnitude): a positive value gets the sign bit set, a negative one is inverted
 *   (larger magnitude → smaller key); −0 is mapped to +0's key (they compare equal, as on the
 *   CPU); every NaN, whatever its payload, gets the all-ones key, above +inf (NaN sorts last);
 * - descending: the key is inverted, so NaN comes first and the order reverses, while equal keys
 *   still keep their positions' order (the sort is stable in both directions, as the CPU's).
 *
 * The value itself is never decoded: `raw` is the element's storage bits (the exact bits that
 * `values` receives), so float16/bfloat16/float64 need no conversion.
 */
import { itemsize, type DType } from "@typetorch/tensor-core";

/** The integer dtype whose loader/storer moves `d`'s storage bits unchanged. */
export function rawDtype(d: DType): DType {
  const size = itemsize(d);
  return size === 1 ? "uint8" : size === 2 ? "int16" : size === 4 ? "int32" : "int64";
}

/** Words per key: 2 for 64-bit dtypes (high word first), else 1. */
export const keyWords = (d: DType): 1 | 2 => (itemsize(d) === 8 ? 2 : 1);

/** WGSL for a sign-magnitude float of `bits` bits held in the low bits of `r` (a u32). */
function floatKey32(bits: 16 | 32, expMask: number): string {
  const sign = bits === 32 ? "0x80000000u" : "0x8000u";
  const mag = bits === 32 ? "0x7fffffffu" : "0x7fffu";
  return `let m = r & ${mag};
  if (m > 0x${expMask.toString(16)}u) { k = 0xffffffffu; }
  else if (m == 0u) { k = ${sign}; }
  else if ((r & ${sign}) != 0u) { k = ~r & (${sign} | ${mag}); }
  else { k = r | ${sign}; }`;
}

/** WGSL: `alias SK` (the key type) and `fn sk_lt(a, b)`: whether key a sorts strictly before key b. */
export function keyType(words: 1 | 2): string {
  return words === 2
    ? "alias SK = vec2u;\nfn sk_lt(a: SK, b: SK) -> bool { return a.x < b.x || (a.x == b.x && a.y < b.y); }"
    : "alias SK = u32;\nfn sk_lt(a: SK, b: SK) -> bool { return a < b; }";
}

/** WGSL: `keyType` and `fn skey(raw) -> SK` for `d`'s storage bits as loaded by `rawDtype(d)`'s loader. */
export function keyWgsl(d: DType, descending: boolean): string {
  const flip = descending ? "~" : "";
  if (keyWords(d) === 2) {
    // raw: vec2u(low word, high word); key: vec2u(high, low) so that .x is compared first
    const body =
      d === "int64"
        ? "k = vec2u(r.y ^ 0x80000000u, r.x);"
        : `let m = r.y & 0x7fffffffu;
  if (m > 0x7ff00000u || (m == 0x7ff00000u && r.x != 0u)) { k = vec2u(0xffffffffu, 0xffffffffu); }
  else if (m == 0u && r.x == 0u) { k = vec2u(0x80000000u, 0u); }
  else if ((r.y & 0x80000000u) != 0u) { k = ~vec2u(r.y, r.x); }
  else { k = vec2u(r.y | 0x80000000u, r.x); }`;
    return `${keyType(2)}
fn skey(r: vec2u) -> SK { var k: vec2u; ${body}
  return ${flip}k; }`;
  }
  let body: string;
  switch (d) {
    case "bool":
    case "uint8":
      body = "k = r;";
      break;
    case "int8":
      body = "k = r ^ 0x80u;";
      break;
    case "int16":
      body = "k = r ^ 0x8000u;";
      break;
    case "int32":
      body = "k = r ^ 0x80000000u;";
      break;
    case "float16":
      body = floatKey32(16, 0x7c00);
      break;
    case "bfloat16":
      body = floatKey32(16, 0x7f80);
      break;
    default:
      body = floatKey32(32, 0x7f800000);
  }
  const mask = itemsize(d) === 1 ? "0xffu" : itemsize(d) === 2 ? "0xffffu" : "0xffffffffu";
  return `${keyType(1)}
fn skey(v: i32) -> SK { let r = bitcast<u32>(v) & ${mask}; var k: u32; ${body}
  return ${flip}k; }`;
}

/** WGSL expression: key `e` of scratch binding `b`. */
export const keyLoad = (d: DType, b: number, e: string): string =>
  keyWords(d) === 2 ? `vec2u(b${b}[2u * (${e})], b${b}[2u * (${e}) + 1u])` : `b${b}[${e}]`;

/** WGSL statement: stores key `k` as element `e` of scratch binding `b`. */
export const keyStore = (d: DType, b: number, e: string, k: string): string =>
  keyWords(d) === 2 ? `b${b}[2u * (${e})] = ${k}.x; b${b}[2u * (${e}) + 1u] = ${k}.y;` : `b${b}[${e}] = ${k};`;
