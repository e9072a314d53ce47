import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { listRuns } from "../../src/db/ingest-runs.repo.ts";
import { getLease } from "../../src/db/leases.repo.ts";
import { insertSource } from "../../src/db/sources.repo.ts";
import type { ClosableFetcher } from "../../src/ingest/fetch.ts";
import { INGEST_LEASE, runIngestExclusive, startIngestScheduler } from "../../src/jobs/ingest.ts";
import type { FixtureServer } from "../helpers/fixture-server.ts";
import { fixtureText, PAGES, startSite } from "../fixtures/site/site.ts";
import { makeDeps, rows } from "./ingest-helpers.ts";
import { runNode } from "../cli/run-cli.ts";

const servers: FixtureServer[] = [];
const fetchers: ClosableFetcher[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  fetchers.splice(0).forEach((f) => f.close());
  dbs.splice(0).forEach(closeDb);
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const tempDbPath = () => join(mkdtempSync(join(tmpdir(), "rel-ingest-")), "r.db");
const open = (p: string) => {
  const db = openDb(p);
  dbs.push(db);
  return db;
};
const now = new Date();

/** A feed whose pages answer after `delayMs`, so a run lasts a while. */
async function slowSite(delayMs: number) {
  const srv = await startSite();
  servers.push(srv);
  for (const p of Object.values(PAGES)) {
    const file = { [PAGES.viTapTran]: "vi-tap-tran", [PAGES.viHoiDam]: "vi-hoi-dam", [PAGES.enDrill]: "en-drill", [PAGES.enNoDate]: "en-nodate" }[p];
    srv.route(p, { body: fixtureText(`pages/${file}.html`, srv.origin), headers: { "content-type": "text/html" }, delayMs });
  }
  return srv;
}

describe("crash between two articles", () => {
  it("leaves whole articles only, and the next run picks up the rest", async () => {
    const srv = await slowSite(0);
    const path = tempDbPath();
    const db = open(path);
    insertSource(db, { kind: "feed", url: srv.url("/feeds/rss.xml"), now });
    const child = await runNode(["--import", "tsx", "test/fixtures/site/crash-ingest.ts", path]);
    expect(child.code, child.stderr).toBe(3);
    expect(rows(db, "select count(*) n from articles")).toEqual([{ n: 1 }]);
    expect(rows(db, "select count(*) n from raw_pages")).toEqual([{ n: 1 }]);
    expect(rows(db, "select status from ingest_runs")).toEqual([{ status: "running" }]);
    // the feed's ETag was not stored, so the rerun reads the feed again instead of getting a 304
    expect(rows(db, "select etag from sources")).toEqual([{ etag: null }]);

    const sum = await runIngestExclusive(makeDeps(db, fetchers));
    expect(sum).toMatchObject({ status: "ok", newArticles: 2, skipped: 2, failed: 0 });
    expect(rows(db, "select count(*) n from articles")).toEqual([{ n: 3 }]);
    expect(rows(db, "select count(*) n from articles a join raw_pages r on r.article_id = a.id")).toEqual([{ n: 3 }]);
    expect(listRuns(db).map((r) => r.status)).toEqual(["ok", "abandoned"]);
  });
});

describe("the ingest lease", () => {
  it("a second process cannot ingest while the first holds the lease", async () => {
    const srv = await slowSite(400);
    const path = tempDbPath();
    const a = open(path);
    const b = open(path);
    insertSource(a, { kind: "feed", url: srv.url("/feeds/rss.xml"), now });
    const first = runIngestExclusive(makeDeps(a, fetchers), { holder: "proc-A" });
    await new Promise((r) => setTimeout(r, 100));
    const second = await runIngestExclusive(makeDeps(b, fetchers), { holder: "proc-B" });
    expect(second).toMatchObject({ status: "busy", busy: { holder: "proc-A" } });
    expect(await first).toMatchObject({ status: "ok", newArticles: 3 });
    expect(getLease(b, INGEST_LEASE)).toBeNull();
    expect(await runIngestExclusive(makeDeps(b, fetchers), { holder: "proc-B" })).toMatchObject({ status: "ok", unchanged: 1 });
  });

  it("a run that loses its lease stops and ends abandoned", async () => {
    const srv = await slowSite(300);
    const path = tempDbPath();
    const a = open(path);
    const b = open(path);
    insertSource(a, { kind: "feed", url: srv.url("/feeds/rss.xml"), now });
    const run = runIngestExclusive(makeDeps(a, fetchers, { concurrency: 1 }), { holder: "A", leaseTtlMs: 150 });
    await new Promise((r) => setTimeout(r, 100));
    // another process steals the lease (as if A had stalled past its expiry)
    b.$client.prepare("update leases set holder = 'B', expires_at = ?").run(new Date(Date.now() + 60_000).toISOString());
    const sum = await run;
    expect(sum).toMatchObject({ status: "abandoned" });
    expect((sum as { newArticles: number }).newArticles).toBeLessThan(3);
  });
});

describe("startIngestScheduler", () => {
  it("skips a tick while a run is going, and stop({ abandon }) ends the run as abandoned", async () => {
    const srv = await slowSite(300);
    const db = open(tempDbPath());
    insertSource(db, { kind: "feed", url: srv.url("/feeds/rss.xml"), now });
    const sched = startIngestScheduler(makeDeps(db, fetchers, { concurrency: 1 }), { cron: "0 0 1 1 *" });
    const running = sched.tick("test");
    await new Promise((r) => setTimeout(r, 50));
    expect(sched.running).toBe(true);
    expect(await sched.tick("test")).toEqual({ status: "skipped" });
    await sched.stop({ abandon: true });
    expect(sched.running).toBe(false);
    expect(await running).toMatchObject({ status: "abandoned" });
    expect(listRuns(db)[0]?.status).toBe("abandoned");
    expect(await sched.tick()).toEqual({ status: "skipped" });
  });

  it("runs on its cron and lets a running job finish on stop()", async () => {
    const srv = await slowSite(0);
    const db = open(tempDbPath());
    insertSource(db, { kind: "feed", url: srv.url("/feeds/atom.xml"), now });
    const sched = startIngestScheduler(makeDeps(db, fetchers), { cron: "* * * * * *" });
    const deadline = Date.now() + 5000;
    while (listRuns(db).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await sched.stop();
    const runs = listRuns(db);
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.at(-1)).toMatchObject({ trigger: "schedule", status: "ok", newArticles: 2 });
  });

  it("refuses a bad cron expression", () => {
    const db = open(tempDbPath());
    expect(() => startIngestScheduler(makeDeps(db, fetchers), { cron: "every day" })).toThrow(/^jobs: invalid INGEST_CRON/);
  });
});
