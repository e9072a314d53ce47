/**
 * `reanalyze` swaps the new analysis in atomically (issue 11): on a real SQLite file with a
 * second and third connection standing for an ingest process and a reader (Slack, the shell).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/analyze/index.ts";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { createFetcher } from "../../src/ingest/fetch.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { analyzePending, reanalyzeAll } from "../../src/services/analyze.ts";
import { ingestOnce } from "../../src/services/ingest.ts";
import { DEFAULT_SAMPLES } from "../../src/main.ts";

const clock = () => new Date("2026-03-01T00:00:00Z");
const analyzer = createAnalyzer();
let template: string;

/** Snapshot of the analysis: every development with its sources, and every article's analyzed mark. */
function analysisOf(db: Db): string {
  const devs = db.$client.prepare("select d.id, d.country_a, d.country_b, d.type, d.date_start, group_concat(s.article_id) arts from developments d left join development_sources s on s.development_id = d.id group by d.id order by d.id").all();
  const marks = db.$client.prepare("select id, analyzed_version, analyzed_at from articles order by id").all();
  return JSON.stringify({ devs, marks });
}
const countDevs = (db: Db) => (db.$client.prepare("select count(*) n from developments").get() as { n: number }).n;

beforeAll(async () => {
  template = join(mkdtempSync(join(tmpdir(), "rel-reanalyze-")), "t.db");
  const db = openDb(template);
  const fetcher = createFetcher({ userAgent: "t", timeoutMs: 1000, maxBytes: 1e6, maxRedirects: 0, retries: 0, perHostConcurrency: 1, perHostDelayMs: 0, allowPrivateHosts: false });
  await ingestOnce({ db, fetcher, clock, logger: silentLogger, timeZone: "Asia/Ho_Chi_Minh" }, { targets: [DEFAULT_SAMPLES] });
  fetcher.close();
  analyzePending({ db, analyzer, clock, logger: silentLogger });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  closeDb(db);
}, 60_000);

/** A fresh copy of the analyzed sample database. */
function copyDb(): string {
  const path = join(mkdtempSync(join(tmpdir(), "rel-reanalyze-")), "x.db");
  const src = openDb(template);
  src.$client.exec(`VACUUM INTO '${path}'`);
  closeDb(src);
  return path;
}

describe("reanalyzeAll is one atomic swap", () => {
  it("a reader sees the previous developments until the rebuild commits, and another writer cannot slip in between", async () => {
    const path = copyDb();
    const db = openDb(path);
    const reader = openDb(path);
    const ingest = openDb(path, { busyTimeoutMs: 0 });
    const before = countDevs(reader);
    expect(before).toBeGreaterThan(10);
    const seen: number[] = [];
    const writes: string[] = [];
    const s = await reanalyzeAll(
      { db, analyzer, clock, logger: silentLogger },
      {
        batch: 5,
        onProgress: (n) => {
          if (n % 5 !== 1) return;
          seen.push(countDevs(reader));
          try {
            ingest.$client.prepare("update sources set name = name").run();
            writes.push("ok");
          } catch (e) {
            writes.push((e as Error).message);
          }
        },
      },
    );
    expect(s.articles).toBeGreaterThan(20);
    expect(seen.length).toBeGreaterThan(3);
    expect(new Set(seen)).toEqual(new Set([before]));
    expect(new Set(writes)).toEqual(new Set(["database is locked"]));
    expect(countDevs(reader)).toBe(before);
    [db, reader, ingest].forEach(closeDb);
  });

  it("a failure half-way (the lease lost, SIGINT) rolls everything back: the previous analysis is intact, the error is thrown", async () => {
    const path = copyDb();
    const db = openDb(path);
    const before = analysisOf(db);
    const ctrl = new AbortController();
    await expect(
      reanalyzeAll({ db, analyzer, clock: () => new Date("2027-01-01T00:00:00Z"), logger: silentLogger }, { batch: 5, signal: ctrl.signal, onProgress: (n) => n === 12 && ctrl.abort(new Error("lease: lost \"ingest\"")) }),
    ).rejects.toThrow('lease: lost "ingest"');
    expect(analysisOf(db)).toBe(before);
    expect(db.$client.inTransaction).toBe(false);
    closeDb(db);
  });

  it("the database locked by an ingest: it fails before changing anything ('database is locked'), nothing is left pending", async () => {
    const path = copyDb();
    const ingest = openDb(path);
    const db = openDb(path, { busyTimeoutMs: 100 });
    const before = analysisOf(db);
    ingest.$client.exec("BEGIN IMMEDIATE");
    await expect(reanalyzeAll({ db, analyzer, clock, logger: silentLogger })).rejects.toThrow(/database is locked/);
    ingest.$client.exec("COMMIT");
    expect(analysisOf(db)).toBe(before);
    [db, ingest].forEach(closeDb);
  });
});
