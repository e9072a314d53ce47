/**
 * The house kept tidy: .gitignore ignores no file that is committed (a rule that matches a tracked
 * file hides its new siblings from `git status`), and it covers what the build and npm make —
 * dist/ and node_modules, even when node_modules is a symlink (as in a worktree sharing one).
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./cli/run-cli.ts";

const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" });
const inGit = existsSync(join(ROOT, ".git"));

describe.runIf(inGit)(".gitignore", () => {
  it("lists no committed file", () => {
    expect(git("ls-files", "--cached", "--ignored", "--exclude-standard")).toBe("");
  });

  it("ignores the build's dist/ and node_modules, as a folder or a symlink", () => {
    const ignored = git("check-ignore", "--no-index", "dist/main.js", "node_modules/x/index.js").trim().split("\n");
    expect(ignored).toEqual(["dist/main.js", "node_modules/x/index.js"]);
    // what is there now (a symlink to a shared node_modules, in a worktree) is not untracked
    expect(git("status", "--porcelain", "--untracked-files=all", "--", "node_modules", "dist")).toBe("");
  });
});
