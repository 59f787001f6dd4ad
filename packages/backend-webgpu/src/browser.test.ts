/**
 * The browser test: builds src/browser with vite, serves it on 127.0.0.1 (a secure context),
 * drives Debian's headless Chromium with WebGPU on (SwiftShader) through playwright-core, and
 * checks the page's WebGPU numbers against the same program on the CPU backend in Node.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "vite";
import { chromium } from "playwright-core";
import * as torch from "@typetorch/tensor-core";
import { createCpuBackend } from "@typetorch/backend-cpu";
import { alias } from "../../../tooling/vitest.shared.js";
import { program, type ProgramResult } from "./test-utils/browser/program.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const root = fileURLToPath(new URL("./test-utils/browser/", import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), "typetorch-webgpu-page-"));
let server: Server | null = null;

afterAll(() => {
  server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

async function serve(): Promise<string> {
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };
  server = createServer((req, res) => {
    const path = join(outDir, req.url === "/" ? "index.html" : (req.url ?? "").split("?")[0] as string);
    if (!path.startsWith(outDir) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
  });
  await new Promise<void>((r) => (server as Server).listen(0, "127.0.0.1", r));
  const addr = server.address();
  return `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/`;
}

// Outside CI a machine without Debian's chromium skips this file; CI installs it (.ci/run), so
// there its absence is a failure, never a silent skip.
if (process.env.CI && !existsSync(CHROMIUM)) {
  describe("webgpu in headless Chromium", () => {
    it(`needs ${CHROMIUM} (Debian's chromium, installed by .ci/run)`, () => {
      expect(existsSync(CHROMIUM)).toBe(true);
    });
  });
}

describe.skipIf(!existsSync(CHROMIUM))("webgpu in headless Chromium", () => {
  it("runs a small program and matches the CPU backend", async () => {
    await build({ root, base: "./", logLevel: "error", resolve: { alias }, build: { outDir, emptyOutDir: true, target: "es2022" } });
    const url = await serve();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-unsafe-webgpu"],
    });
    try {
      const page = await browser.newPage();
      const logs: string[] = [];
      page.on("console", (m) => logs.push(m.text()));
      await page.goto(url);
      await page.waitForFunction(() => (globalThis as { __result?: unknown }).__result !== undefined, undefined, { timeout: 60_000 });
      const res = (await page.evaluate(() => (globalThis as { __result?: unknown }).__result)) as { ok: boolean; error?: string; result?: ProgramResult };
      expect(res.error ?? "", logs.join("\n")).toBe("");
      if (!torch.registeredBackends().includes("cpu")) torch.registerBackend("cpu", createCpuBackend());
      const want = await program("cpu");
      const got = res.result as ProgramResult;
      expect(got.ints).toEqual(want.ints);
      expect(got.doubles).toEqual(want.doubles);
      expect(got.argmax).toEqual(want.argmax);
      got.probs.forEach((row, r) => row.forEach((p, c) => expect(Math.abs(p - (want.probs[r]?.[c] as number))).toBeLessThan(1e-6)));
    } finally {
      await browser.close();
    }
  });
});
