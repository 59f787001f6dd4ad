/**
 * Checks through the public Tensor API on the backend under test (registered under a device
 * name): dtype promotion of results, and view semantics (shape/strides/offset/storage sharing,
 * reads and writes through views).
 */
import fc from "fast-check";
import * as torch from "@typetorch/tensor-core";
import type { Backend, DType, Scalar } from "@typetorch/tensor-core";
import { runProperty, Mismatch, type Check } from "../check.js";
import type { ResolvedOptions } from "../options.js";
import { shapeArb } from "../arbitraries/layout.js";
import { applyStep, contiguousStrides, type ViewState, type ViewStep } from "./view-model.js";

type Tensor = ReturnType<typeof torch.zeros>;

function register(backend: Backend, o: ResolvedOptions): string {
  torch.registerBackend(o.device, backend);
  return o.device;
}

type Participant = { kind: "tensor"; dtype: DType; zeroDim: boolean } | { kind: "scalar"; value: Scalar };

const participant: fc.Arbitrary<Participant> = fc.oneof(
  fc.record({ kind: fc.constant("tensor" as const), dtype: fc.constantFrom(...torch.DTYPES), zeroDim: fc.boolean() }),
  fc.record({ kind: fc.constant("scalar" as const), value: fc.constantFrom<Scalar>(2, -3, 2.5, -0.5, true, false, 7n) }),
);

const PROMOTION_OPS = ["add", "mul", "eq", "div", "maximum", "where"] as const;
type PromotionOp = (typeof PROMOTION_OPS)[number];

function expectedDtype(op: PromotionOp, a: Tensor, b: Tensor | Scalar): DType {
  if (op === "eq") return "bool";
  const rt = torch.resultType(a, b);
  if (op === "div" && !torch.isFloatingPoint(rt)) return torch.getDefaultDtype();
  return rt;
}

function apply(op: PromotionOp, a: Tensor, b: Tensor | Scalar, device: string): Tensor {
  switch (op) {
    case "add": return a.add(b);
    case "mul": return a.mul(b);
    case "eq": return a.eq(b);
    case "div": return a.div(b);
    case "maximum": return a.maximum(b as Tensor);
    case "where": return torch.where(torch.ones([2, 3], { dtype: "bool", device }), a, b);
  }
}

const describeP = (p: Participant): string =>
  p.kind === "scalar" ? `scalar ${typeof p.value === "bigint" ? `${p.value}n` : String(p.value)}` : `${p.dtype}${p.zeroDim ? "[] (0-dim)" : "[2,3]"}`;

function promotionCheck(op: PromotionOp): Check {
  const name = `promotion/${op}`;
  const arb = fc.tuple(
    fc.record({ dtype: fc.constantFrom(...torch.DTYPES), zeroDim: fc.boolean() }),
    op === "maximum" ? participant.filter((p) => p.kind === "tensor") : participant,
  );
  return {
    name, family: "promotion", dtypes: [],
    run: (backend, o) =>
      runProperty(name, "promotion", arb, async ([pa, pb]) => {
        const device = register(backend, o);
        if (!backend.capabilities.dtypes.includes(pa.dtype)) return;
        if (pb.kind === "tensor" && !backend.capabilities.dtypes.includes(pb.dtype)) return;
        const make = (d: DType, zeroDim: boolean): Tensor => torch.ones(zeroDim ? [] : [2, 3], { dtype: d, device });
        const a = make(pa.dtype, pa.zeroDim);
        const b = pb.kind === "tensor" ? make(pb.dtype, pb.zeroDim) : pb.value;
        let r: Tensor;
        try {
          r = apply(op, a, b, device);
        } catch (e) {
          throw new Mismatch(`promotion ${op}(${describeP({ kind: "tensor", ...pa })}, ${describeP(pb)}) threw: ${(e as Error).message}`);
        }
        const want = expectedDtype(op, a, b);
        await r.toArray(); // the op must also run on the backend
        if (r.dtype !== want)
          throw new Mismatch(`promotion ${op}(${describeP({ kind: "tensor", ...pa })}, ${describeP(pb)}): result dtype ${r.dtype}, resultType says ${want}`);
        a.dispose();
        if (b instanceof Object && "dispose" in b) (b as Tensor).dispose();
        r.dispose();
      }, o),
  };
}

const stepArb: fc.Arbitrary<ViewStep> = fc.oneof(
  fc.record({ op: fc.constant("transpose" as const), a: fc.nat(9), b: fc.nat(9) }),
  fc.record({ op: fc.constant("permute" as const), keys: fc.array(fc.nat(99), { minLength: 5, maxLength: 5 }) }),
  fc.record({ op: fc.constant("unsqueeze" as const), a: fc.nat(9) }),
  fc.record({ op: fc.constant("squeeze" as const), a: fc.nat(9) }),
  fc.constant({ op: "squeezeAll" as const }),
  fc.record({ op: fc.constant("expand" as const), lead: fc.nat(2), sizes: fc.array(fc.nat(9), { minLength: 7, maxLength: 7 }) }),
  fc.record({ op: fc.constant("flatten" as const), a: fc.nat(9), b: fc.nat(9) }),
  fc.record({ op: fc.constant("view" as const), keys: fc.array(fc.nat(9), { minLength: 4, maxLength: 4 }) }),
);

function applyTensor(t: Tensor, text: string, state: ViewState): Tensor {
  const name = text.split("(")[0] as string;
  const args = text.slice(name.length + 1, text.indexOf(")")).replace(/[[\]]/g, "");
  const nums = args === "" ? [] : args.split(",").map((s) => Number(s.trim()));
  switch (name) {
    case "transpose": return t.transpose(nums[0] as number, nums[1] as number);
    case "permute": return t.permute(nums);
    case "unsqueeze": return t.unsqueeze(nums[0] as number);
    case "squeeze": return nums.length ? t.squeeze(nums[0] as number) : t.squeeze();
    case "expand": return t.expand(nums);
    case "flatten": return t.flatten(nums[0] as number, nums[1] as number);
    case "view": return t.view(state.shape.slice());
    default: throw new Error(`unknown view step ${text}`);
  }
}

const addressOf = (v: ViewState, idx: readonly number[]): number =>
  idx.reduce((a, i, d) => a + i * (v.strides[d] as number), v.offset);

function* indices(shape: readonly number[]): Generator<number[]> {
  if (shape.some((s) => s === 0)) return;
  const idx = shape.map(() => 0);
  for (;;) {
    yield idx.slice();
    let d = shape.length - 1;
    for (; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (shape[d] as number)) break;
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

function viewsCheck(): Check {
  const name = "views/chains";
  const arb = fc.tuple(shapeArb({ maxDims: 4, maxNumel: 64 }), fc.array(stepArb, { minLength: 1, maxLength: 5 }), fc.boolean());
  return {
    name, family: "views", dtypes: ["int32"],
    run: (backend, o) =>
      runProperty(name, "views", arb, async ([shape, steps, write]) => {
        const device = register(backend, o);
        const n = shape.reduce((x, y) => x * y, 1);
        const base = torch.tensor(Array.from({ length: Math.max(n, 0) }, (_, i) => i), { dtype: "int32", device }).view(shape);
        let state: ViewState = { shape, strides: contiguousStrides(shape), offset: 0 };
        let t = base;
        const chain: string[] = [`base [${shape.join(",")}]`];
        for (const step of steps) {
          const next = applyStep(state, step);
          if (!next) continue;
          try {
            t = applyTensor(t, next.text.replace(/ \(no-op.*$/, ""), next.state);
          } catch (e) {
            throw new Mismatch(`views: ${[...chain, next.text].join(" · ")} threw: ${(e as Error).message}`);
          }
          state = next.state;
          chain.push(next.text);
          const where = `after ${chain.join(" · ")}`;
          if (t.shape.join() !== state.shape.join() || t.stride().join() !== state.strides.join() || t.storageOffset() !== state.offset)
            throw new Mismatch(`views: ${where}: got shape [${t.shape}] strides [${t.stride()}] offset ${t.storageOffset()}, expected shape [${state.shape}] strides [${state.strides}] offset ${state.offset}`);
          if (!t.sharesStorage(base)) throw new Mismatch(`views: ${where}: the view does not share storage with its base`);
        }
        const where = `after ${chain.join(" · ")}`;
        const got = Array.from(await t.toArray() as Int32Array);
        const want = [...indices(state.shape)].map((idx) => addressOf(state, idx));
        if (got.join() !== want.join()) throw new Mismatch(`views: reading ${where}: got [${got}] expected [${want}]`);
        if (write && !state.strides.some((s, i) => s === 0 && (state.shape[i] as number) > 1)) {
          const src = torch.tensor(want.map((_, i) => 1000 + i), { dtype: "int32", device }).view(state.shape.slice());
          t.copy_(src);
          const after = Array.from(await base.toArray() as Int32Array);
          const expected = Array.from({ length: n }, (_, i) => i);
          want.forEach((a, i) => (expected[a] = 1000 + i));
          if (after.join() !== expected.join())
            throw new Mismatch(`views: writing through the view ${where}: base became [${after}] expected [${expected}]`);
        }
      }, o),
  };
}

/** Views of a 0-dim tensor: view([1]), view([1, 1]), flatten() give strides [1], [1, 1], [1] (torch 1.13). */
function zeroDimViewCheck(): Check {
  const name = "views/zero-dim";
  const cases: readonly (readonly [string, (t: Tensor) => Tensor, readonly number[], readonly number[]])[] = [
    ["view([1])", (t) => t.view([1]), [1], [1]],
    ["view([1, 1])", (t) => t.view([1, 1]), [1, 1], [1, 1]],
    ["flatten()", (t) => t.flatten(), [1], [1]],
    ["unsqueeze(0)", (t) => t.unsqueeze(0), [1], [1]],
  ];
  return {
    name, family: "views", dtypes: ["int32"],
    run: (backend, o) =>
      runProperty(name, "views", fc.constantFrom(...cases), async ([text, f, shape, strides]) => {
        const device = register(backend, o);
        const base = torch.tensor(7, { dtype: "int32", device });
        let v: Tensor;
        try {
          v = f(base);
        } catch (e) {
          throw new Mismatch(`views: 0-dim tensor.${text} threw: ${(e as Error).message}`);
        }
        if (v.shape.join() !== shape.join() || v.stride().join() !== strides.join() || !v.sharesStorage(base))
          throw new Mismatch(`views: 0-dim tensor.${text}: shape [${v.shape}] strides [${v.stride()}], expected [${shape}] / [${strides}] sharing storage`);
        const got = Array.from((await v.toArray()) as Int32Array);
        if (got.join() !== "7") throw new Mismatch(`views: 0-dim tensor.${text} reads [${got}], expected [7]`);
      }, o),
  };
}

export function tensorApiChecks(): Check[] {
  return [...PROMOTION_OPS.map(promotionCheck), viewsCheck(), zeroDimViewCheck()];
}
