/**
 * Hostile pages against the real ingest (issue 11): a loopback "evil" server, the real fetcher,
 * the real extraction worker pool and a real SQLite database.
 */
import { afterEach, describe, expect, it } from "vitest";
import { listRunErrors } from "../../src/db/ingest-runs.repo.ts";
import { insertSource } from "../../src/db/sources.repo.ts";
import type { ClosableFetcher } from "../../src/ingest/fetch.ts";
import { createExtractPool, type ExtractPool } from "../../src/ingest/extract-pool.ts";
import { runIngestExclusive } from "../../src/jobs/ingest.ts";
import { ingestOnce } from "../../src/services/ingest.ts";
import type { FixtureServer } from "../helpers/fixture-server.ts";
import { testDb } from "../helpers/db.ts";
import { nestedDivPage, widePage } from "../helpers/hostile-pages.ts";
import { PAGES, startSite } from "../fixtures/site/site.ts";
import { makeDeps, rows } from "./ingest-helpers.ts";

const servers: FixtureServer[] = [];
const fetchers: ClosableFetcher[] = [];
const pools: ExtractPool[] = [];
afterEach(async () => {
  fetchers.splice(0).forEach((f) => f.close());
  await Promise.all(pools.splice(0).map((p) => p.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const now = new Date("2026-03-01T10:00:00Z");
const html = { "content-type": "text/html; charset=utf-8" };

async function evilSite(pages: Record<string, string>) {
  const srv = await startSite(Object.fromEntries(Object.entries(pages).map(([p, body]) => [p, { body, headers: html }])));
  servers.push(srv);
  const items = [...Object.keys(pages), PAGES.enDrill]
    .map((p, i) => `<item><title>t${i}</title><link>${srv.url(p)}</link><guid>h${i}</guid></item>`)
    .join("");
  srv.route("/evil.xml", { body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Evil</title>${items}</channel></rss>`, headers: { "content-type": "application/rss+xml" } });
  return srv;
}

function pool(timeoutMs: number): ExtractPool {
  const p = createExtractPool({ timeoutMs });
  pools.push(p);
  return p;
}

/** Longest gap between ticks of a 10 ms interval while `fn` runs: how long the event loop was blocked. */
async function maxLoopGap<T>(fn: () => Promise<T>): Promise<{ value: T; gapMs: number }> {
  let last = performance.now();
  let gap = 0;
  const iv = setInterval(() => {
    const t = performance.now();
    gap = Math.max(gap, t - last);
    last = t;
  }, 10);
  try {
    const value = await fn();
    return { value, gapMs: Math.max(gap, performance.now() - last) };
  } finally {
    clearInterval(iv);
  }
}

describe("ingest: a hostile page never freezes the process", () => {
  it("a nested-div page (N = 5,000) is refused for its depth, recorded as failed with the reason; the other item is stored", async () => {
    const srv = await evilSite({ "/deep": nestedDivPage(5000) });
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/evil.xml"), now });
    const sum = await ingestOnce(makeDeps(db, fetchers, { extract: pool(5000).extract }));
    expect(sum).toMatchObject({ newArticles: 1, failed: 1 });
    const errs = listRunErrors(db, sum.runId);
    expect(errs).toEqual([expect.objectContaining({ url: srv.url("/deep"), reason: expect.stringMatching(/^ingest: page nests elements more than 200 deep; refused/) })]);
    expect(rows(db, "select url, reason from refused_pages")).toEqual([{ url: srv.url("/deep"), reason: errs[0]!.reason }]);
  });

  it("a page slower than the time limit: its worker is terminated, the page recorded as refused, the event loop never blocked", async () => {
    const srv = await evilSite({ "/wide": widePage(1_500_000) });
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/evil.xml"), now });
    const deps = makeDeps(db, fetchers, { extract: pool(700).extract, fetcher: undefined as never });
    deps.fetcher = (await import("./ingest-helpers.ts")).testFetcher({ maxBytes: 3_000_000 });
    fetchers.push(deps.fetcher as ClosableFetcher);
    // a short lease, renewed every 100 ms: it must be renewed throughout (the run is not abandoned)
    const { value: sum, gapMs } = await maxLoopGap(() => runIngestExclusive(deps, { leaseTtlMs: 300 }));
    expect(sum).toMatchObject({ status: "partial", newArticles: 1, failed: 1 });
    if (!("runId" in sum)) throw new Error("busy");
    expect(listRunErrors(db, sum.runId)[0]!.reason).toMatch(/^ingest: page extraction took longer than 700 ms; refused as hostile or broken: .*\/wide$/);
    // the page was parsed and scored off this thread (on it, the loop stood still ~5 s)
    expect(gapMs).toBeLessThan(1500);
  });

  it("the next run does not choke on a refused page again: it is skipped without extraction while unchanged, and tried again once changed", async () => {
    const srv = await evilSite({ "/wide": widePage(1_500_000) });
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/evil.xml"), now });
    const fetcher = (await import("./ingest-helpers.ts")).testFetcher({ maxBytes: 3_000_000 });
    fetchers.push(fetcher);
    let extracted = 0;
    const p = pool(700);
    const extract = (h: string, u: string, o: { timeZone: string }) => (extracted++, p.extract(h, u, o));
    const first = await ingestOnce(makeDeps(db, fetchers, { fetcher, extract }));
    expect(first).toMatchObject({ failed: 1, newArticles: 1 });
    extracted = 0;
    const second = await ingestOnce(makeDeps(db, fetchers, { fetcher, extract }));
    // nothing new in the feed (one item stored, one refused and unchanged): an unchanged source
    expect(second).toMatchObject({ failed: 0, unchanged: 1, skipped: 0, newArticles: 0 });
    expect(extracted).toBe(0);
    // the site fixed the page: it is extracted again and stored
    srv.route("/wide", { body: (await import("node:fs")).readFileSync(new URL("../fixtures/site/pages/en-nodate.html", import.meta.url), "utf8"), headers: html });
    const third = await ingestOnce(makeDeps(db, fetchers, { fetcher, extract }));
    expect(third).toMatchObject({ failed: 0, newArticles: 1 });
  });
});
