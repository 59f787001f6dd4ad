import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Globs, so a project directory that does not exist yet is simply not matched.
    projects: ["packages/*/vitest.config.ts", "conformance*/vitest.config.ts", "apps/*/vitest.config.ts", "tooling/*/vitest.config.ts"],
  },
});
