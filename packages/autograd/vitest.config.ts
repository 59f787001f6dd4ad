import { defineProject } from "vitest/config";
import { alias } from "../../tooling/vitest.alias.js";

export default defineProject({
  resolve: { alias },
  test: { name: "@typetorch/autograd", include: ["src/**/*.test.ts"] },
});
