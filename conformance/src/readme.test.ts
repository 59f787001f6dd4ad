import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { boundsMarkdown } from "./bounds.js";
import { allChecks } from "./checks/index.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README.md", () => {
  it("prints the bounds table of bounds.ts", () => {
    expect(readme).toContain(boundsMarkdown());
  });
  it("states the number of checks", () => {
    expect(readme).toContain(`${allChecks().length} in all`);
  });
});
