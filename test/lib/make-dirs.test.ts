import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeDirs } from "../../src/lib/make-dirs.ts";

const temp = () => mkdtempSync(join(tmpdir(), "rel-dirs-"));

describe("makeDirs", () => {
  it("makes every missing level, and again is a no-op", () => {
    const dir = join(temp(), "a", "b", "c");
    makeDirs(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(() => makeDirs(dir)).not.toThrow();
  });

  it("a file in the way is an error naming the folder it could not make", () => {
    const root = temp();
    writeFileSync(join(root, "a"), "a file, not a folder");
    expect(() => makeDirs(join(root, "a", "b"))).toThrow(`cannot create the folder ${join(root, "a", "b")} (ENOTDIR)`);
  });

  // where Node's mkdirSync(…, { recursive: true }) loops forever
  it.runIf(existsSync("/proc/self"))("under /proc, where mkdir says ENOENT below a folder that exists, it throws at once", () => {
    expect(() => makeDirs("/proc/x/y")).toThrow("cannot create the folder /proc/x (ENOENT)");
  });
});
