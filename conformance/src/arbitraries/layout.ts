/**
 * Shapes and strided layouts. A layout is what a chain of view ops leaves over a larger base
 * buffer: select (drops an axis of the base, moving the offset), slice with a step (start, stride
 * × step), permute/transpose (axis order), expand (stride 0). The chain is generated directly as
 * that recipe and printed in failure reports, e.g. `base [3,9,2] · select(0,1) · slice(1, 2::3) · permute(1,0)`.
 */
import fc from "fast-check";

export interface Layout {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  /** Elements the base buffer needs (≥ 1). */
  readonly baseLength: number;
  readonly chain: string;
}

export interface ShapeOptions {
  readonly minDims?: number;
  readonly maxDims?: number;
  readonly minSize?: number;
  /** Large shapes are scaled down (largest axis first) until they fit; keeps the suite fast. */
  readonly maxNumel?: number;
}

/** 0–5 axes of size 0–7 (0 and 1 included), capped at `maxNumel` elements. */
export function shapeArb(o: ShapeOptions = {}): fc.Arbitrary<number[]> {
  const { minDims = 0, maxDims = 5, minSize = 0, maxNumel = 256 } = o;
  // 0 and 1 are the traps, but a shape with a 0 anywhere has no elements: keep them a minority
  const size = fc.oneof(
    { weight: minSize > 0 ? 0 : 1, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.constant(Math.max(1, minSize)) },
    { weight: 7, arbitrary: fc.integer({ min: Math.max(minSize, 2), max: 7 }) },
  );
  return fc.array(size, { minLength: minDims, maxLength: maxDims }).map((shape) => capNumel(shape, maxNumel, minSize));
}

export function capNumel(shape: number[], maxNumel: number, minSize = 1): number[] {
  const s = shape.slice();
  const numel = (): number => s.reduce((n, x) => n * x, 1);
  while (numel() > maxNumel) {
    const i = s.indexOf(Math.max(...s));
    if ((s[i] as number) <= Math.max(minSize, 1)) break;
    s[i] = (s[i] as number) - 1;
  }
  return s;
}

interface AxisRecipe {
  readonly broadcast: boolean;
  readonly step: number;
  readonly start: number;
  readonly pad: number;
}
interface SelectRecipe {
  readonly size: number;
  readonly index: number;
  readonly at: number;
}

/**
 * A strided layout of `shape`. `broadcast` allows stride-0 axes (inputs); without it the layout
 * never addresses an element twice (outputs). `plain` gives the contiguous layout at offset 0
 * with some probability, so simple cases are covered too.
 */
export function layoutArb(shape: readonly number[], o: { broadcast: boolean }): fc.Arbitrary<Layout> {
  const axis: fc.Arbitrary<AxisRecipe> = fc.record({
    broadcast: o.broadcast ? fc.boolean() : fc.constant(false),
    step: fc.constantFrom(1, 1, 2, 3),
    start: fc.integer({ min: 0, max: 2 }),
    pad: fc.integer({ min: 0, max: 1 }),
  });
  const select: fc.Arbitrary<SelectRecipe> = fc
    .record({ size: fc.integer({ min: 1, max: 3 }), index: fc.nat(2), at: fc.nat(5) })
    .map((s) => ({ ...s, index: s.index % s.size }));
  const order = fc.shuffledSubarray(
    shape.map((_, i) => i),
    { minLength: shape.length, maxLength: shape.length },
  );
  const recipe = fc.record({
    axes: fc.tuple(...shape.map(() => axis)),
    selects: fc.array(select, { maxLength: 2 }),
    order,
    lead: fc.integer({ min: 0, max: 3 }),
  });
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(contiguousLayout(shape)) },
    { weight: 4, arbitrary: recipe.map((r) => build(shape, r.axes, r.selects, r.order, r.lead)) },
  );
}

export function contiguousLayout(shape: readonly number[]): Layout {
  const strides = shape.map(() => 0);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d] as number;
  }
  return { shape, strides, offset: 0, baseLength: Math.max(1, s), chain: "contiguous" };
}

function build(
  shape: readonly number[],
  axes: readonly AxisRecipe[],
  selects: readonly SelectRecipe[],
  order: readonly number[],
  lead: number,
): Layout {
  type Phys = { kind: "axis"; d: number; size: number } | { kind: "select"; s: SelectRecipe; size: number };
  const phys: Phys[] = order.map((d) => {
    const a = axes[d] as AxisRecipe;
    const n = shape[d] as number;
    const size = a.broadcast ? 1 : a.start + Math.max(0, n - 1) * a.step + 1 + a.pad;
    return { kind: "axis", d, size };
  });
  for (const s of selects) phys.splice(Math.min(s.at, phys.length), 0, { kind: "select", s, size: s.size });
  const physStrides = phys.map(() => 0);
  let total = 1;
  for (let i = phys.length - 1; i >= 0; i--) {
    physStrides[i] = total;
    total *= (phys[i] as Phys).size;
  }
  const strides = shape.map(() => 0);
  let offset = lead;
  const ops: string[] = [];
  phys.forEach((p, i) => {
    const ps = physStrides[i] as number;
    if (p.kind === "select") {
      offset += p.s.index * ps;
      return;
    }
    const a = axes[p.d] as AxisRecipe;
    if (a.broadcast) return; // stride stays 0
    strides[p.d] = ps * a.step;
    offset += a.start * ps;
  });
  // Describe the chain as view ops on the base, in base axis numbering.
  const baseSizes = phys.map((p) => p.size);
  ops.push(`base [${baseSizes.join(",")}]${lead ? ` +${lead}` : ""}`);
  phys.forEach((p, i) => {
    if (p.kind === "select") ops.push(`select(${i}, ${p.s.index})`);
    else {
      const a = axes[p.d] as AxisRecipe;
      if (a.broadcast) ops.push(`expand(axis ${p.d} → ${shape[p.d]})`);
      else if (a.step !== 1 || a.start !== 0 || a.pad !== 0) ops.push(`slice(${i}, ${a.start}::${a.step})`);
    }
  });
  if (order.some((d, i) => d !== i)) ops.push(`permute(${order.join(",")})`);
  return { shape, strides, offset, baseLength: total + lead, chain: ops.join(" · ") };
}
