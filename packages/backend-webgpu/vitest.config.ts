import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineProject } from "vitest/config";
import { alias, setupFiles } from "../../tooling/vitest.shared.js";

// Dawn in Node finds SwiftShader through VK_ICD_FILENAMES (Debian's chromium ships it); see README.
const icd = "/usr/lib/chromium/vk_swiftshader_icd.json";
const env: Record<string, string> = {};
if (!process.env.VK_ICD_FILENAMES && existsSync(icd)) env.VK_ICD_FILENAMES = icd;
if (!process.env.XDG_RUNTIME_DIR) env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), "xdg-"));

export default defineProject({
  resolve: { alias },
  test: {
    setupFiles,
    name: "@typetorch/backend-webgpu",
    include: ["src/**/*.test.ts"],
    env,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
