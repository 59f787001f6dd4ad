import { defineProject } from "vitest/config";
import { alias, setupFiles } from "../vitest.shared.js";

export default defineProject({
  resolve: { alias },
  test: { setupFiles, name: "bench", include: ["src/**/*.test.ts"], testTimeout: 60_000 },
});
