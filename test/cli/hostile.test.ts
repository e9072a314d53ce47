/**
 * Issue 11 through the real `relations` bin (child processes): a hostile page is refused by the
 * extraction worker under the bin's loader, with the reason on stderr; reanalyze against another
 * process holding the database; URLs with credentials refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FixtureServer } from "../helpers/fixture-server.ts";
import { widePage } from "../helpers/hostile-pages.ts";
import { startSite } from "../fixtures/site/site.ts";
import { spawn } from "node:child_process";
import { ROOT, runCli, runNode } from "./run-cli.ts";
import { closeDb, openDb } from "../../src/db/client.ts";

let srv: FixtureServer;
const html = { "content-type": "text/html; charset=utf-8" };
beforeAll(async () => {
  srv = await startSite({ "/wide": { body: widePage(1_500_000), headers: html } });
});
afterAll(() => srv.close());
const tempDb = () => join(mkdtempSync(join(tmpdir(), "rel-hostile-")), "cli.db");

describe("relations ingest on hostile pages", { timeout: 60_000 }, () => {
  it("the extraction worker runs under the bin: a slow page is cut at EXTRACT_TIMEOUT_MS and refused with the reason, exit 1", async () => {
    const r = await runCli(["--db", tempDb(), "ingest", srv.url("/wide")], { EXTRACT_TIMEOUT_MS: "800", FETCH_MAX_BYTES: "3000000" });
    expect(r.stderr).toContain(`ingest: page extraction took longer than 800 ms; refused as hostile or broken: ${srv.url("/wide")}`);
    expect(r.stdout).toBe("sources 1, new 0, unchanged 0, skipped 0, failed 1\n");
    expect(r.code).toBe(1);
  });
});

describe("relations reanalyze never wipes developments (issue 11)", { timeout: 90_000 }, () => {
  // one database with the 26 samples ingested and analyzed; each case must leave it as it was
  let samplesDb: Promise<string> | null = null;
  const dbWithSamples = () =>
    (samplesDb ??= (async () => {
      const path = tempDb();
      const r = await runCli(["--db", path, "ingest", "samples/articles"]);
      expect(r.code).toBe(0);
      return path;
    })());
  /** developments with their sources, read straight from the file (a CLI spawn each would double the time) */
  const exportCount = async (path: string) => {
    const db = openDb(path, { readonly: true });
    try {
      return (db.$client.prepare("select count(distinct development_id) n from development_sources").get() as { n: number }).n;
    } finally {
      closeDb(db);
    }
  };

  it("while another process holds the database locked it exits 1, says the previous analysis is kept, and every development is still there", async () => {
    const path = await dbWithSamples();
    const before = await exportCount(path);
    expect(before).toBeGreaterThan(10);
    // a second process holds the write lock, as a busy ingest does, until the reanalyze has ended
    const release = `${path}.release-1`;
    const holder = runNode(["-e", `const D=require("better-sqlite3"),fs=require("fs");const d=new D(${JSON.stringify(path)});d.exec("BEGIN IMMEDIATE");console.log("locked");const t=setInterval(()=>{if(fs.existsSync(${JSON.stringify(release)})){clearInterval(t);d.exec("COMMIT");d.close()}},100)`]);
    await new Promise((r) => setTimeout(r, 1000));
    const r = await runCli(["--db", path, "reanalyze"]);
    writeFileSync(release, "");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^reanalyze: failed, the previous analysis is kept: database is locked/m);
    expect((await holder).stdout).toBe("locked\n");
    expect(await exportCount(path)).toBe(before);
  });

  it("while an ingest holds the lease it waits for it, then rebuilds (exit 0); with a short --wait it gives up, exit 1, nothing changed", async () => {
    const path = await dbWithSamples();
    const before = await exportCount(path);
    const lease = (ms: number) =>
      runNode(["-e", `const D=require("better-sqlite3");const d=new D(${JSON.stringify(path)});d.prepare("insert or replace into leases (name, holder, expires_at) values ('ingest', 'other-host:1:x', ?)").run(new Date(Date.now()+${ms}).toISOString());d.close()`]);
    await lease(60_000);
    const gaveUp = await runCli(["--db", path, "reanalyze", "--wait", "1"]);
    expect(gaveUp.code).toBe(1);
    expect(gaveUp.stderr).toMatch(/reanalyze: an ingest still holds the database \(lease held by other-host:1:x until .*\) after 1 s; nothing changed/);
    expect(await exportCount(path)).toBe(before);
    // the CLI waits; once it says so, the other ingest ends (its lease row goes), and it rebuilds
    const child = spawn(process.execPath, ["bin/relations.mjs", "--db", path, "reanalyze", "--wait", "60"], { cwd: ROOT, env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] });
    const waited = { code: null as number | null, stdout: "", stderr: "" };
    child.stdout.on("data", (d: Buffer) => (waited.stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      waited.stderr += d.toString();
      if (waited.stderr.includes("reanalyze: waiting for the running ingest")) void runNode(["-e", `const D=require("better-sqlite3");const d=new D(${JSON.stringify(path)});d.prepare("delete from leases where name='ingest'").run();d.close()`]);
    });
    waited.code = await new Promise<number | null>((r) => child.on("close", r));
    expect(waited.stderr).toContain("reanalyze: waiting for the running ingest to finish (lease held by other-host:1:x");
    expect(waited.code).toBe(0);
    expect(waited.stdout).toMatch(/^analyzer \S+: articles 26, developments \d+, failed 0/);
    expect(await exportCount(path)).toBe(before);
  });
});

describe("relations with credentials in a URL (issue 11)", { timeout: 60_000 }, () => {
  it("sources add and ingest refuse a URL with user:pass@, print it redacted and say to use FETCH_CREDENTIALS", async () => {
    const db = tempDb();
    closeDb(openDb(db));
    for (const args of [["sources", "add", "http://bot:hunter2@feeds.example.com/rss"], ["ingest", "http://bot:hunter2@feeds.example.com/rss"]]) {
      const r = await runCli(["--db", db, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("FETCH_CREDENTIALS");
      expect(r.stderr).toContain("http://***@feeds.example.com/rss");
      expect(r.stdout + r.stderr).not.toContain("hunter2");
    }
    const stored = openDb(db, { readonly: true });
    expect(stored.$client.prepare("select count(*) n from sources").get()).toEqual({ n: 0 });
    closeDb(stored);
  });
});
