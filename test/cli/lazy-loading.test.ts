/**
 * A command loads only what it needs: listing sources must not load Readability, linkedom, the
 * analyzer or Bolt (each costs start-up time). Seen by tracing what the real process resolves —
 * the compiled dist/, as the bin runs it.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runNode } from "./run-cli.ts";

// …nor tsx or a TypeScript source (the bin runs dist/), nor esbuild (dist/ is up to date: no build)
const HEAVY = /@mozilla\/readability|\/linkedom\/|\/@slack\/|\/(src|dist)\/analyze\/|chrono-node|\/node_modules\/(tsx|esbuild)\/|\.ts$/;

describe("what a command loads", { timeout: 60_000 }, () => {
  it.each([
    ["sources list", ["sources", "list"]],
    ["--version", ["--version"]],
    ["export --help", ["export", "--help"]],
  ])("%s loads no Readability, linkedom, analyzer, Bolt, tsx or esbuild", async (_name, args) => {
    const db = join(mkdtempSync(join(tmpdir(), "rel-lazy-")), "e.db");
    const r = await runNode(["--import", "./test/helpers/trace-loads.mjs", "bin/relations.mjs", "--db", db, ...args]);
    expect(r.code).toBe(0);
    const loaded = r.stderr.split("\n").filter((l) => l.startsWith("load ")).map((l) => l.slice(5));
    expect(loaded.some((u) => u.endsWith("/dist/cli.js"))).toBe(true); // the trace works
    expect(loaded.filter((u) => HEAVY.test(u))).toEqual([]);
  });
});
