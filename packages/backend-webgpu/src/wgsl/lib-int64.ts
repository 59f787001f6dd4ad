/**
 * int64 in WGSL: a `vec2u` (x = low word, y = high word), two's complement, wrapping at 2^64
 * exactly as the CPU backend's BigInt64Array store does. Every helper is branch-light integer
 * arithmetic; division is a 64-step shift-subtract with a 32-bit fast path.
 */
export const INT64_WGSL = /* wgsl */ `
struct DM { q: vec2u, r: vec2u }
fn add64(a: vec2u, b: vec2u) -> vec2u { let lo = a.x + b.x; return vec2u(lo, a.y + b.y + select(0u, 1u, lo < a.x)); }
fn neg64(a: vec2u) -> vec2u { return add64(~a, vec2u(1u, 0u)); }
fn sub64(a: vec2u, b: vec2u) -> vec2u { return add64(a, neg64(b)); }
fn mul32x32(a: u32, b: u32) -> vec2u {
  let al = a & 0xffffu; let ah = a >> 16u; let bl = b & 0xffffu; let bh = b >> 16u;
  let ll = al * bl; let lh = al * bh; let hl = ah * bl; let hh = ah * bh;
  let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  return vec2u((ll & 0xffffu) | (mid << 16u), hh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u));
}
fn mul64(a: vec2u, b: vec2u) -> vec2u { let p = mul32x32(a.x, b.x); return vec2u(p.x, p.y + a.x * b.y + a.y * b.x); }
fn isneg64(a: vec2u) -> bool { return (a.y >> 31u) != 0u; }
fn eq64(a: vec2u, b: vec2u) -> bool { return a.x == b.x && a.y == b.y; }
fn nz64(a: vec2u) -> bool { return (a.x | a.y) != 0u; }
fn lt64(a: vec2u, b: vec2u) -> bool {
  let ah = bitcast<i32>(a.y); let bh = bitcast<i32>(b.y);
  return ah < bh || (ah == bh && a.x < b.x);
}
fn ltu64(a: vec2u, b: vec2u) -> bool { return a.y < b.y || (a.y == b.y && a.x < b.x); }
fn shl64(a: vec2u, n: u32) -> vec2u {
  let k = n & 63u;
  if (k == 0u) { return a; }
  if (k >= 32u) { return vec2u(0u, a.x << (k - 32u)); }
  return vec2u(a.x << k, (a.y << k) | (a.x >> (32u - k)));
}
fn sar64(a: vec2u, n: u32) -> vec2u {
  let k = n & 63u; let h = bitcast<i32>(a.y);
  if (k == 0u) { return a; }
  if (k >= 32u) { return vec2u(bitcast<u32>(h >> (k - 32u)), bitcast<u32>(h >> 31u)); }
  return vec2u((a.x >> k) | (a.y << (32u - k)), bitcast<u32>(h >> k));
}
fn udivmod64(n: vec2u, d: vec2u) -> DM {
  if (n.y == 0u && d.y == 0u) { return DM(vec2u(n.x / d.x, 0u), vec2u(n.x % d.x, 0u)); }
  var q = vec2u(0u); var r = vec2u(0u);
  for (var i = 63i; i >= 0i; i--) {
    let bit = select((n.x >> u32(i)) & 1u, (n.y >> u32(i - 32i)) & 1u, i >= 32i);
    r = vec2u((r.x << 1u) | bit, (r.y << 1u) | (r.x >> 31u));
    if (!ltu64(r, d)) {
      r = sub64(r, d);
      if (i >= 32i) { q.y |= 1u << u32(i - 32i); } else { q.x |= 1u << u32(i); }
    }
  }
  return DM(q, r);
}
// Truncating division (C semantics); INT64_MIN / -1 wraps to INT64_MIN. The divisor is nonzero.
fn sdivmod64(a: vec2u, b: vec2u) -> DM {
  let na = isneg64(a); let nb = isneg64(b);
  let dm = udivmod64(select(a, neg64(a), na), select(b, neg64(b), nb));
  return DM(select(dm.q, neg64(dm.q), na != nb), select(dm.r, neg64(dm.r), na));
}
fn floordiv64(a: vec2u, b: vec2u) -> vec2u {
  let dm = sdivmod64(a, b);
  if (nz64(dm.r) && isneg64(a) != isneg64(b)) { return sub64(dm.q, vec2u(1u, 0u)); }
  return dm.q;
}
fn remainder64(a: vec2u, b: vec2u) -> vec2u {
  let r = sdivmod64(a, b).r;
  if (nz64(r) && isneg64(r) != isneg64(b)) { return add64(r, b); }
  return r;
}
fn pow64(a: vec2u, e0: vec2u) -> vec2u {
  if (isneg64(e0)) {
    if (eq64(a, vec2u(1u, 0u))) { return a; }
    if (eq64(a, vec2u(0xffffffffu, 0xffffffffu))) { return select(vec2u(1u, 0u), a, (e0.x & 1u) == 1u); }
    return vec2u(0u);
  }
  var r = vec2u(1u, 0u); var b = a; var e = e0;
  while (nz64(e)) {
    if ((e.x & 1u) == 1u) { r = mul64(r, b); }
    b = mul64(b, b);
    e = vec2u((e.x >> 1u) | (e.y << 31u), e.y >> 1u);
  }
  return r;
}
fn sext64(x: i32) -> vec2u { return vec2u(bitcast<u32>(x), bitcast<u32>(x >> 31u)); }
`;
