/**
 * The command line as a new user meets it: every subcommand answers --help without running,
 * --version, and user errors as one line without a stack trace (real processes: the point is what
 * a person sees in a terminal).
 */
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runCli, runNode } from "./run-cli.ts";

const COMMANDS = ["sources", "ingest", "export", "explain", "reanalyze", "digest"];
const STACK = /^\s+at .+[:(]/m;
const tempDir = () => mkdtempSync(join(tmpdir(), "rel-help-"));

describe("relations --help, --version and user errors", { timeout: 90_000 }, () => {
  it("every subcommand's --help prints its usage, options and an example, and touches no database", async () => {
    const dir = tempDir();
    const db = join(dir, "never.db");
    const runs = await Promise.all(COMMANDS.map((c) => runCli(["--db", db, c, "--help"])));
    runs.forEach((r, i) => {
      const name = COMMANDS[i]!;
      expect(r, name).toMatchObject({ code: 0, stderr: "" });
      expect(r.stdout, name).toMatch(new RegExp(`^usage: relations \\[--db PATH\\] ${name}\\b`));
      expect(r.stdout, name).toMatch(/\nexample:\n {2}relations /);
    });
    expect(existsSync(db)).toBe(false);
    // `help <command>` and `-h` print the same text
    const [viaHelp, viaH] = await Promise.all([runCli(["help", "export"]), runCli(["export", "-h"])]);
    expect(viaHelp.stdout).toBe(runs[2]!.stdout);
    expect(viaH.stdout).toBe(runs[2]!.stdout);
  });

  it("explain --help is help, not a file named --help; a missing file is one line, no stack", async () => {
    const help = await runCli(["explain", "--help"]);
    expect(help.stdout).toMatch(/^usage: relations \[--db PATH\] explain PATH\|URL\|ARTICLE_ID/);
    expect(help.stderr).not.toMatch(/ENOENT/);
    const missing = await runCli(["--db", join(tempDir(), "x.db"), "explain", "no/such/article.txt"]);
    expect(missing).toMatchObject({ code: 1, stdout: "", stderr: "explain: no such file no/such/article.txt\n" });
  });

  it("--version prints the package's version", async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(await runCli(["--version"])).toMatchObject({ code: 0, stdout: `relations ${pkg.version}\n` });
    expect((await runCli(["-V"])).stdout).toBe(`relations ${pkg.version}\n`);
  });

  it("a DATABASE_PATH that cannot be opened names the variable, in the CLI and at npm start, without a stack trace", async () => {
    const notDb = join(tempDir(), "notes.db");
    writeFileSync(notDb, "these are my notes, not a SQLite database\n".repeat(20));
    const cli = await runCli(["sources", "list"], { DATABASE_PATH: notDb });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toBe(`db: cannot open DATABASE_PATH ${JSON.stringify(notDb)}: file is not a database\n`);
    const start = await runNode(["bin/start.mjs"], { DATABASE_PATH: notDb });
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(new RegExp(`DATABASE_PATH: cannot open ${JSON.stringify(notDb).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: file is not a database`));
    expect(start.stderr).not.toMatch(STACK);
  });

  // Node's recursive mkdir spins forever where mkdir answers ENOENT under a folder that exists, as
  // in /proc: `relations --db /proc/x/r.db sources list` hung at full CPU instead of exiting
  it.runIf(existsSync("/proc/self"))("a database under a folder that cannot be made (/proc/x/…) is one line naming the path and that folder, CLI and npm start, no hang", async () => {
    const cli = await runCli(["--db", "/proc/x/r.db", "sources", "list"]);
    expect(cli).toMatchObject({ code: 1, stdout: "" });
    expect(cli.stderr).toBe('db: cannot open DATABASE_PATH "/proc/x/r.db": cannot create the folder /proc/x (ENOENT)\n');
    const start = await runNode(["bin/start.mjs"], { DATABASE_PATH: "/proc/x/r.db" });
    expect(start.code).toBe(1);
    expect(start.stderr).toContain('DATABASE_PATH: cannot open "/proc/x/r.db": cannot create the folder /proc/x (ENOENT)');
    expect(start.stderr).not.toMatch(STACK);
  });
});
