/**
 * `npm start` as a user runs it: bin/start.mjs in a child process, running the compiled dist/main.js
 * (the module loads are traced, to see that it is the compiled code and no tsx). Without Slack tokens it seeds the
 * sample folder, ingests it and opens the shell on stdin/stdout; with tokens it serves HTTP and
 * stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { startApp } from "../../src/main.ts";
import { startFakeSlackApi } from "../helpers/slack-fakes.ts";
import { startFixtureServer } from "../helpers/fixture-server.ts";
import { closeDb, openDb } from "../../src/db/client.ts";
import { insertSource } from "../../src/db/sources.repo.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const FIXTURES = join(import.meta.dirname, "fixtures/articles");
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function startMain(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "relations-main-"));
  dirs.push(dir);
  const child = spawn(process.execPath, ["--import", "./test/helpers/trace-loads.mjs", join(ROOT, "bin/start.mjs")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_PATH: join(dir, "r.db"), SAMPLE_SOURCES: FIXTURES, LOG_LEVEL: "info", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const until = async (pred: () => boolean, what: string, ms = 45_000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`main.test: no ${what}\nstdout:\n${out}\nstderr:\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, until, out: () => out, err: () => err };
}

describe("npm start", () => {
  it("without Slack tokens: seeds the samples on first start, then answers in the shell", async () => {
    const app = startMain({});
    await app.until(() => app.out().includes("relations> "), "prompt");
    expect(app.err()).toContain("registered the bundled sample articles as a source (first start)");
    expect(app.err()).toMatch(/"msg":"ingest: run finished".*"newArticles":1/);
    app.child.stdin!.write("/relations help\n/relations china belarus\n/relations china belaru\nquit\n");
    expect(await app.exited).toBe(0);
    expect(app.out()).toContain("How to use /relations");
    expect(app.out()).toContain("Belarus – China");
    // the samples are fiction: their outlets say so
    expect(app.out()).toContain("(sample)");
    expect(app.out()).toContain("Did you mean Belarus");
    expect(app.err()).toContain('"msg":"main: stopped"');
    // one process, compiled: dist/main.js, its worker and modules, never tsx or a .ts source
    const loaded = app.err().split("\n").filter((l) => l.startsWith("load file:")).map((l) => l.slice(5));
    expect(loaded).toContain(new URL("dist/main.js", `file://${ROOT}/`).href);
    expect(loaded.filter((u) => /\/node_modules\/tsx\/|\.ts$/.test(u))).toEqual([]);
  }, 60_000);

  it("with Slack tokens: serves /healthz over HTTP and stops cleanly on SIGTERM", async () => {
    const api = await startFakeSlackApi();
    try {
      const app = startMain({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: api.url, PORT: "0", INGEST_ON_START: "false" });
      await app.until(() => /"msg":"main: ready".*"mode":"http"/.test(app.err()), "ready");
      const port = Number(/"msg":"main: ready".*?"port":(\d+)/.exec(app.err())![1]);
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await res.json()).toMatchObject({ ok: true, mode: "http", db: true });
      app.child.kill("SIGTERM");
      expect(await app.exited).toBe(0);
      expect(app.err()).toContain('"reason":"SIGTERM"');
      expect(app.err()).toContain('"msg":"main: stopped"');
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      await api.close();
    }
  }, 60_000);

  it("SIGTERM during a hanging fetch stops within 2 s: the request in flight is aborted, the run ends abandoned (issue 11)", async () => {
    const srv = await startFixtureServer({ "/hang": { body: "too late", delayMs: 60_000 } });
    try {
      const dir = mkdtempSync(join(tmpdir(), "relations-main-"));
      dirs.push(dir);
      const dbPath = join(dir, "r.db");
      const db = openDb(dbPath);
      insertSource(db, { kind: "page", url: srv.url("/hang"), now: new Date() });
      closeDb(db);
      const app = startMain({ DATABASE_PATH: dbPath, ALLOW_PRIVATE_HOSTS: "true", FETCH_TIMEOUT_MS: "30000", FETCH_RETRIES: "2" });
      await app.until(() => srv.hits("/hang") > 0, "request to the hanging page");
      const t0 = Date.now();
      app.child.kill("SIGTERM");
      expect(await app.exited).toBe(0);
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(app.err()).toContain('"msg":"main: stopped"');
      const after = openDb(dbPath);
      expect(after.$client.prepare("select status from ingest_runs").all()).toEqual([{ status: "abandoned" }]);
      closeDb(after);
    } finally {
      await srv.close();
    }
  }, 60_000);

  it.each([
    ["a bot token without signing secret or app token", { SLACK_BOT_TOKEN: "xoxb-test" }, "SLACK_SIGNING_SECRET"],
    ["a signing secret without bot token", { SLACK_SIGNING_SECRET: "s" }, "SLACK_BOT_TOKEN"],
    ["a malformed app token", { SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "nope" }, "SLACK_APP_TOKEN"],
  ])("refuses %s with a message naming the variable", async (_n, env, name) => {
    await expect(startApp(env, { input: new PassThrough(), output: new PassThrough() })).rejects.toThrow(name);
  });
});
