/**
 * Services are use cases: they reach Slack only through ports that src/slack implements (the
 * digest's DigestPort, like the chat core's Reply). A static check of their imports.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../cli/run-cli.ts";

describe("src/services", () => {
  it("imports neither @slack/* nor src/slack", () => {
    const dir = join(ROOT, "src/services");
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), "utf8").matchAll(/^\s*(?:import|export)\b[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm)]
          .map((m) => m[1] ?? m[2]!)
          .filter((spec) => spec.startsWith("@slack/") || /(^|\/)slack\//.test(spec))
          .map((spec) => `${f}: ${spec}`),
      );
    expect(offenders).toEqual([]);
  });
});
