// Settings every vitest project shares.
import { fileURLToPath } from "node:url";

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// Tests run against sources, not dist: a workspace import resolves to the package's src/index.ts,
// so `vitest` never sees a stale build.
export const alias: Record<string, string> = {
  // Subpaths before their package: an alias also matches "<package>/..." as a prefix.
  "@typetorch/tensor-core/math": here("../packages/tensor-core/src/math.ts"),
  "@typetorch/tensor-core": here("../packages/tensor-core/src/index.ts"),
  "@typetorch/backend-cpu": here("../packages/backend-cpu/src/index.ts"),
  "@typetorch/backend-webgpu": here("../packages/backend-webgpu/src/index.ts"),
  "@typetorch/autograd": here("../packages/autograd/src/index.ts"),
  "@typetorch/conformance": here("../conformance/src/index.ts"),
  "@typetorch/numpy-interop": here("../packages/numpy-interop/src/index.ts"),
  "@typetorch/nn": here("../packages/nn/src/index.ts"),
  "@typetorch/optim": here("../packages/optim/src/index.ts"),
  "@typetorch/data": here("../packages/data/src/index.ts"),
  // Subpaths before "typetorch": an alias also matches "typetorch/..." as a prefix.
  "typetorch/numpy": here("../packages/typetorch/src/numpy.ts"),
  "typetorch/data": here("../packages/typetorch/src/data.ts"),
  typetorch: here("../packages/typetorch/src/index.ts"),
};

/** Run before every test file: pins fast-check's seed when asked (see vitest.setup.ts). */
export const setupFiles: string[] = [here("./vitest.setup.ts")];
