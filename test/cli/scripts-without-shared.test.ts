/**
 * `npm run eval:*` and `bench:*` in a clone without ../shared beside it: one clear line, exit 2,
 * no stack trace. The scripts run for real from a copy of the project in a temp folder (its
 * sources and node_modules linked), where ../shared does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runNode } from "./run-cli.ts";

let base: string;
let proj: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "rel-noshared-"));
  proj = join(base, "proj");
  for (const d of ["bench", "scripts"]) cpSync(join(ROOT, d), join(proj, d), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(proj, "package.json"));
  for (const d of ["src", "node_modules", "eval", "samples", "migrations"]) symlinkSync(join(ROOT, d), join(proj, d));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function run(script: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return runNode(["--import", "tsx", script], {}, proj);
}

describe("scripts without ../shared", { timeout: 90_000 }, () => {
  it.each([
    ["bench:extract", "bench/extract.ts", "../shared/extraction-benchmark/ground-truth.json"],
    ["bench:seeds-junk", "bench/seeds-junk.ts", "../shared/seeds"],
    ["eval:seeds", "scripts/eval-seeds.ts", "../shared/seeds"],
    ["eval:real", "scripts/eval-real.ts", "../shared/eval/score.mjs"],
  ])("%s exits 2 with one line naming what is missing", async (name, file, missing) => {
    const r = await run(file);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^${name}: needs .*${missing.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}.*which is not there; nothing run\\n$`));
  });

  it("no script names an absolute path", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const texts = [
      ...Object.entries(pkg.scripts).map(([k, v]) => [`package.json ${k}`, v] as const),
      ...["bench", "scripts", "scripts/lib"].flatMap((d) =>
        readdirSync(join(ROOT, d))
          .filter((f) => f.endsWith(".ts") || f.endsWith(".mjs"))
          .map((f) => [`${d}/${f}`, readFileSync(join(ROOT, d, f), "utf8")] as const),
      ),
    ];
    const absolute = texts.filter(([, t]) => /["'`](\/(work|home|root|Users|tmp)\/)/.test(t)).map(([n]) => n);
    expect(absolute).toEqual([]);
  });
});
