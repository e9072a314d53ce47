import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FixtureServer } from "../helpers/fixture-server.ts";
import { startSite } from "../fixtures/site/site.ts";
import { ROOT, runCli } from "./run-cli.ts";

let srv: FixtureServer;
beforeAll(async () => {
  srv = await startSite({ "/down.xml": { status: 500 } });
});
afterAll(() => srv.close());
const tempDb = () => join(mkdtempSync(join(tmpdir(), "rel-cli-")), "cli.db");

// Each case spawns the real bin through tsx (about a second each, more on a busy machine).
describe("relations CLI", { timeout: 60_000 }, () => {
  it("help lists the commands", async () => {
    const r = await runCli(["help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/usage: relations \[--db PATH\] <command>/);
    expect(r.stdout).toMatch(/^\s+sources\s/m);
    expect(r.stdout).toMatch(/^\s+ingest\s/m);
  });

  it("an unknown command and a bad config value exit 2 with a message", async () => {
    expect(await runCli(["frobnicate"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^cli: unknown command "frobnicate"/) });
    const bad = await runCli(["--db", tempDb(), "sources", "list"], { FETCH_TIMEOUT_MS: "soon" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/config: invalid environment:\n\s+- FETCH_TIMEOUT_MS: .*\(got "soon"\)/);
  });

  it("sources add (kind detected) / list / remove", async () => {
    const db = tempDb();
    const feed = await runCli(["--db", db, "sources", "add", srv.url("/feeds/rss.xml"), "--name", "QĐ Mẫu"]);
    expect(feed).toMatchObject({ code: 0, stdout: `added #1 feed ${srv.url("/feeds/rss.xml")} (QĐ Mẫu)\n` });
    const folder = await runCli(["sources", "add", "test/fixtures/site/files", "--db", db]);
    expect(folder.stdout).toBe(`added #2 folder file://${ROOT}/test/fixtures/site/files\n`);
    const dup = await runCli(["--db", db, "sources", "add", srv.url("/feeds/rss.xml")]);
    expect(dup).toMatchObject({ code: 1, stderr: expect.stringMatching(/^sources: already registered as #1/) });
    const list = await runCli(["--db", db, "sources", "list"]);
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^id\s+kind\s+url\s+last success\s+failures\s+next attempt\s+last error$/);
    expect(lines.slice(2).map((l) => l.split(/\s+/).slice(0, 2).join(" "))).toEqual(["1 feed", "2 folder"]);
    expect(await runCli(["--db", db, "sources", "remove", srv.url("/feeds/rss.xml")])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^removed #1 /) });
    expect(await runCli(["--db", db, "sources", "remove", "1"])).toMatchObject({ code: 1, stderr: "sources: no such source: 1\n" });
  });

  it("ingest ends with one summary line; a rerun adds nothing; exit 0 with some failures", async () => {
    const db = tempDb();
    await runCli(["--db", db, "sources", "add", srv.url("/down.xml"), "--kind", "feed"]);
    // the registered (failing) source plus an unregistered feed given on the command line
    const first = await runCli(["--db", db, "ingest", srv.url("/down.xml"), srv.url("/feeds/rss.xml")]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe("sources 2, new 3, unchanged 0, skipped 1, failed 1\n");
    expect(first.stderr).toMatch(/HTTP 500/);
    // the feed listed one item twice: the summary says what that "skipped 1" is
    expect(first.stderr).toMatch(/^ingest: skipped = items of a changed source already on record \(another link, same text, listed twice, refused before\)$/m);
    const list = await runCli(["--db", db, "sources", "list"]);
    expect(list.stdout).toMatch(/down\.xml\s+never\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+ingest: HTTP 500/);
    // unregistered, so no ETag was kept: the feed is read again and every item is known
    const again = await runCli(["--db", db, "ingest", srv.url("/feeds/rss.xml")]);
    expect(again).toMatchObject({ code: 0, stdout: "sources 1, new 0, unchanged 1, skipped 0, failed 0\n" });
  });

  it("ingest exits non-zero only when nothing could be done", async () => {
    const db = tempDb();
    const r = await runCli(["--db", db, "ingest", srv.url("/down.xml"), "test/fixtures/site/no-such-dir"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("sources 2, new 0, unchanged 0, skipped 0, failed 2\n");
    expect(r.stderr).toMatch(/local-files: cannot read .*no-such-dir/);
    const ok = await runCli(["--db", db, "ingest", "test/fixtures/site/files/vi-day-title.txt"]);
    expect(ok).toMatchObject({ code: 0, stdout: "sources 1, new 1, unchanged 0, skipped 0, failed 0\n" });
  });
});
