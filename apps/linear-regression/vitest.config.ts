import { defineProject } from "vitest/config";
import { alias, setupFiles } from "../../tooling/vitest.shared.js";

export default defineProject({
  resolve: { alias },
  test: { setupFiles, name: "app-linear-regression", include: ["src/**/*.test.ts"] },
});
