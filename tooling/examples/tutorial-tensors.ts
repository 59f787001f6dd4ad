/**
 * The tensor chapter of the PyTorch tutorials (shared/reference/pytorch-tutorials/), in TypeScript.
 * Run it with `npm run demo` from the repository root; every printed tensor reads as PyTorch prints
 * it. Random inputs of the tutorials are fixed data here so the output is the same on every run.
 */
import * as torch from "typetorch";

const heading = (title: string): void => console.log(`\n=== ${title} ===`);
const show = (label: string, value: unknown): void => {
  const text = String(value);
  console.log(text.includes("\n") ? `${label}:\n${text}` : `${label}: ${text}`);
};

heading("1. Creating tensors");
show("torch.tensor(3)", torch.tensor(3));
const data = torch.tensor([[1, 2, 3], [4, 5, 6]]);
show("torch.tensor([[1, 2, 3], [4, 5, 6]])", data);
show("its dtype", data.dtype);
show("its shape", `[${data.shape.join(", ")}]`);
show("torch.Tensor([10, 20])", torch.Tensor([10, 20]));
show("torch.IntTensor([2.7, 3.5])  (truncates)", torch.IntTensor([2.7, 3.5]));
show("torch.Tensor(2, 3).shape  (uninitialised)", `[${torch.Tensor(2, 3).shape.join(", ")}]`);
show("torch.arange(0, 10, 2)", torch.arange(0, 10, 2));
show("torch.linspace(0, 9, 10)", torch.linspace(0, 9, 10));
show("torch.zeros(2, 3)", torch.zeros(2, 3));
show("torch.onesLike(data)", torch.onesLike(data));
show("torch.full([2, 3], 10)", torch.full([2, 3], 10));

heading("2. dtypes");
// JS has one number type: 3.0 === 3, so integral data infers int64; ask for floats explicitly.
const floats = torch.tensor([3.0, 6.0, 9.0], { dtype: torch.float32 });
show("torch.tensor([3, 6, 9], { dtype: torch.float32 })", floats);
show("torch.tensor([1.5, 2])  (a fraction makes it float32)", torch.tensor([1.5, 2]));
show("floats.type(torch.float16)", floats.type(torch.float16));
show("data.type(torch.DoubleTensor)", data.type(torch.DoubleTensor));
show("data.double().dtype", data.double().dtype);
show("data.short().dtype", data.short().dtype);
show("float16 * float32 promotes to", floats.half().mul(floats).dtype);
show("float32 * int64 promotes to", floats.mul(torch.tensor([3, 6, 9])).dtype);

heading("3. Conversion to JS values");
show("torch.tensor([30]).item()", torch.tensor([30]).item());
show("torch.tensor(30).item()", torch.tensor(30).item());
show("data.tolist()", JSON.stringify(data.tolist()));

heading("4. Arithmetic");
const x = torch.tensor([[4, 9, 3], [0, 3, 9]]); // the tutorial's torch.randint(0, 10, [2, 3]), fixed
show("x", x);
show("x.add(10)  (x unchanged)", x.add(10));
x.add_(10);
show("x after x.add_(10)", x);
show("x.sub(100)", x.sub(100));
show("x.mul(100)", x.mul(100));
show("x.div(100)", x.div(100));
show("x.neg()", x.neg());
const a = torch.tensor([[1, 2], [3, 4]]);
const b = torch.tensor([[5, 6], [7, 8]]);
show("torch.mul(a, b)  (element-wise)", torch.mul(a, b));

heading("5. Matrix multiplication");
const m = torch.tensor([[1, 2], [3, 4], [5, 6]]);
show("m.matmul(b)  (3x2 @ 2x2)", m.matmul(b));
const v = torch.tensor([1, 2, 3]);
show("torch.matmul(v, v)  (dot product)", torch.matmul(v, v));
const tensorA = torch.tensor([[1, 2], [3, 4], [5, 6]], { dtype: torch.float32 });
const tensorB = torch.tensor([[7, 10], [8, 11], [9, 12]], { dtype: torch.float32 });
try {
  torch.matmul(tensorA, tensorB);
} catch (e) {
  show("torch.matmul(A, B) with A, B 3x2", (e as Error).message);
}
show("torch.matmul(A, B.T)", torch.matmul(tensorA, tensorB.T));

heading("6. Reductions");
const f = torch.tensor([[4, 9, 3], [0, 3, 9]], { dtype: torch.float64 });
show("f", f);
show("f.mean()", f.mean());
show("f.mean(0)  (per column)", f.mean(0));
show("f.mean(1)  (per row)", f.mean(1));
show("f.sum()", f.sum());
show("f.sum(1)", f.sum(1));
show("f.max(1)", f.max(1));
const { values, indices } = f.min(0);
show("f.min(0).values", values);
show("f.min(0).indices", indices);
show("torch.pow(f, 2)", torch.pow(f, 2));
show("f.sqrt()", f.sqrt());
show("f.exp()", f.exp());
show("f.log2()", f.log2());
const r = torch.arange(10, 100, 10);
show("torch.arange(10, 100, 10).argmax()", r.argmax());
try {
  r.mean();
} catch (e) {
  show("mean() of an int64 tensor", (e as Error).message);
}
show("r.float().mean()", r.float().mean());
