// Lint: zero warnings allowed (`--max-warnings 0`). Type-aware rules stay off for speed; `tsc -b`
// is the type check. Package arrows and line budgets are checked by tooling/scripts/check-structure.mjs.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/*.d.ts", ".changeset/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    // Node scripts (benchmarks, tooling) run with Node's globals.
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: {
      globals: { console: "readonly", process: "readonly", performance: "readonly", URL: "readonly" },
    },
  },
  {
    files: ["**/*.test.ts", "tooling/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
