// Kernel timings (not a test). Build first (pnpm exec tsc -b), then: node bench/kernels.mjs
import { createCpuBackend } from '../dist/index.js';
const be = createCpuBackend();
function op(dtype, shape, strides, buf) { const n = shape.reduce((a,b)=>a*b,1); buf ??= be.alloc(dtype, n); strides ??= shape.map((_, i) => shape.slice(i+1).reduce((a,b)=>a*b,1)); return { buffer: buf, dtype, shape, strides, offset: 0 }; }
function time(name, f, reps=20) { f(); const t=performance.now(); for (let i=0;i<reps;i++) f(); const ms=(performance.now()-t)/reps; console.log(name.padEnd(40), ms.toFixed(3), 'ms'); return ms; }
const N = 1<<20;
for (const dt of ['float32','float64']) {
  const a = op(dt,[N]), b = op(dt,[N]), o = op(dt,[N]);
  be.write(a.buffer, dt, dt==='float32'? Float32Array.from({length:N},(_, i)=>i/N): Float64Array.from({length:N},(_, i)=>i/N), 0);
  be.fill(b, 1.5);
  time(`${dt} add 1M contiguous`, () => be.binary('add', o, a, b));
  time(`${dt} mul 1M scalar-bcast`, () => be.binary('mul', o, a, {...b, shape:[N], strides:[0]}));
  time(`${dt} exp 1M`, () => be.unary('exp', o, a));
  time(`${dt} sigmoid 1M`, () => be.unary('sigmoid', o, a));
  time(`${dt} sum 1M`, () => be.reduce('sum', op(dt,[1]), a, [0]));
  const a2 = {...a, shape:[1024,1024], strides:[1024,1]}, aT = {...a, shape:[1024,1024], strides:[1,1024]}, o2 = {...o, shape:[1024,1024], strides:[1024,1]};
  time(`${dt} add transposed 1024²`, () => be.binary('add', o2, a2, aT));
  time(`${dt} copy transposed 1024²`, () => be.copy(o2, aT));
  time(`${dt} sum rows 1024²`, () => be.reduce('sum', op(dt,[1024,1]), a2, [1]));
  time(`${dt} sum cols 1024²`, () => be.reduce('sum', op(dt,[1,1024]), a2, [0]));
  for (const M of [128, 256]) {
    const A = op(dt,[M,M]), B = op(dt,[M,M]), O = op(dt,[M,M]); be.fill(A, 0.5); be.fill(B, 0.25);
    const ms = time(`${dt} matmul ${M}`, () => be.matmul(O, A, B), 5);
    console.log('   GFLOP/s', (2*M*M*M/ms/1e6).toFixed(2));
    const msT = time(`${dt} matmul ${M} B^T`, () => be.matmul(O, A, {...B, strides:[1,M]}), 5);
    console.log('   GFLOP/s', (2*M*M*M/msT/1e6).toFixed(2));
  }
}
const i = op('int32',[N]); be.fill(i, 3);
time('int32 mul 1M', () => be.binary('mul', i, i, i));
time('f16 add 1M', () => { const h = op('float16',[N]); be.binary('add', h, h, h); be.free(h.buffer); });
time('int64 add 256K', () => { const h = op('int64',[N/4]); be.fill(h, 3n); be.binary('add', h, h, h); be.free(h.buffer); });
time('alloc/free 4MB', () => { be.free(be.alloc('float32', N)); }, 100);
