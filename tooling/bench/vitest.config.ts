import { defineProject } from "vitest/config";
import { alias } from "../vitest.alias.js";

export default defineProject({
  resolve: { alias },
  test: { name: "bench", include: ["src/**/*.test.ts"], testTimeout: 60_000 },
});
