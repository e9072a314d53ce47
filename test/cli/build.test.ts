/**
 * The build (scripts/build.mjs) on a small project of its own in a temporary folder: src/ compiled
 * file by file into dist/ with `.ts` imports rewritten, JSON data copied and inlined, and rebuilt
 * only when a source changed, was added or was deleted.
 */
import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { build, isStale } from "../../scripts/build.mjs";
import { runNode } from "./run-cli.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "rel-build-"));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Dates the last build 10 s back, so a change made now is after it whatever the file system's clock grain. */
const ageBuild = (root: string) => {
  const then = new Date(Date.now() - 10_000);
  utimesSync(join(root, "dist/.build-stamp"), then, then);
};

describe("scripts/build.mjs", { timeout: 30_000 }, () => {
  it("compiles each source to its own module that runs under plain node, with data files beside it", async () => {
    const root = project({
      "src/main.ts": 'import { greet } from "./lib/greet.ts";\nimport type { Who } from "./lib/types.ts";\nconst who: Who = "world";\nconsole.log(greet(who));\n',
      "src/lib/greet.ts": 'import words from "../data/words.json" with { type: "json" };\nimport { readFileSync } from "node:fs";\nconst extra = JSON.parse(readFileSync(new URL("../data/extra.json", import.meta.url), "utf8")) as { mark: string };\nexport const greet = (w: string): string => `${words.hello} ${w}${extra.mark}`;\n',
      "src/lib/types.ts": "export type Who = string;\n",
      "src/data/words.json": '{ "hello": "hello" }',
      "src/data/extra.json": '{ "mark": "!" }',
    });
    expect(isStale(root)).toBe(true);
    expect(await build(root)).toBe(3);
    expect(readFileSync(join(root, "dist/main.js"), "utf8")).toContain('from "./lib/greet.js"');
    expect(existsSync(join(root, "dist/data/extra.json"))).toBe(true);
    const r = await runNode([join(root, "dist/main.js")], {}, root);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("hello world!\n");
    expect(isStale(root)).toBe(false);
  });

  it("is stale again when a source is edited, added or deleted, and a rebuild drops the deleted module", async () => {
    const root = project({ "src/a.ts": "export const a = 1;\n", "src/sub/b.ts": "export const b = 2;\n" });
    await build(root);
    expect(isStale(root)).toBe(false);

    ageBuild(root);
    writeFileSync(join(root, "src/sub/b.ts"), "export const b = 20;\n");
    expect(isStale(root)).toBe(true);
    await build(root);
    expect(isStale(root)).toBe(false);

    ageBuild(root);
    writeFileSync(join(root, "src/sub/c.ts"), "export const c = 3;\n");
    expect(isStale(root)).toBe(true);
    await build(root);
    expect(existsSync(join(root, "dist/sub/c.js"))).toBe(true);

    ageBuild(root);
    unlinkSync(join(root, "src/sub/c.ts"));
    expect(isStale(root)).toBe(true);
    await build(root);
    expect(existsSync(join(root, "dist/sub/c.js"))).toBe(false);
  });

  it("a source with a syntax error fails the build and leaves the previous dist/ in place", async () => {
    const root = project({ "src/a.ts": "export const a = 1;\n" });
    await build(root);
    writeFileSync(join(root, "src/a.ts"), "export const a = ;\n");
    await expect(build(root)).rejects.toThrow();
    expect(readFileSync(join(root, "dist/a.js"), "utf8")).toContain("a = 1");
    expect(existsSync(join(root, `dist.tmp-${process.pid}`))).toBe(false);
  });
});
