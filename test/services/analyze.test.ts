/**
 * The analyze service end to end on a real (in-memory) database: articles stored through the
 * real ingest of a folder, analyzed, clustered across outlets and languages, re-analyzed, exported.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/analyze/index.ts";
import { exportEvents } from "../../src/cli/export.ts";
import { listDevelopmentsWithSources } from "../../src/db/developments.repo.ts";
import { developments } from "../../src/db/schema.ts";
import { createFetcher } from "../../src/ingest/fetch.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { analyzePending, reanalyzeAll } from "../../src/services/analyze.ts";
import { ingestOnce } from "../../src/services/ingest.ts";
import { testDb } from "../helpers/db.ts";

const clock = () => new Date("2024-10-20T00:00:00Z");
const analyzer = createAnalyzer();

// Articles written for this test: one visit reported in Vietnamese and in English on different
// days, two different Russia–India developments of one month, and a conflict story.
const FILES: Record<string, string> = {
  "a-vi-belousov.txt": ` date 2024-10-15 (Báo Quân đội) -
Bộ trưởng Quốc phòng Nga thăm Trung Quốc

Ngày 14/10, Bộ trưởng Quốc phòng Nga Andrei Belousov đã có chuyến thăm tới Bắc Kinh và hội đàm với người đồng cấp Trung Quốc Đổng Quân.

Hai bên nhất trí tăng cường phối hợp chiến lược giữa quân đội hai nước.`,
  "b-en-belousov.txt": ` date 2024-10-16 (Asia Wire) -
Belousov in Beijing for talks with Dong Jun

Russian Defence Minister Andrei Belousov held talks in Beijing on Monday with his Chinese counterpart Dong Jun.

The two ministers discussed joint exercises and patrols.`,
  "c-en-india.txt": ` date 2024-10-30 (Delhi Desk) -
India and Russia hold naval drill, sign training pact

Indian and Russian warships held a joint naval exercise in the Bay of Bengal on October 3.

Separately, on October 24 India and Russia signed a memorandum on military training cooperation in New Delhi.`,
  "d-vi-conflict.txt": ` date 2024-10-18 (Tin thế giới) -
Nga tấn công Ukraine

Ngày 17/10, Nga đã tấn công nhiều thành phố của Ukraine bằng tên lửa.`,
};

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), "rel-an-"));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  const db = testDb();
  const fetcher = createFetcher({ userAgent: "t", timeoutMs: 1000, maxBytes: 1e6, maxRedirects: 1, retries: 0, perHostConcurrency: 1, perHostDelayMs: 0, allowPrivateHosts: false });
  await ingestOnce({ db, fetcher, clock, logger: silentLogger, timeZone: "Asia/Ho_Chi_Minh" }, { targets: [dir] });
  fetcher.close();
  return db;
}

describe("analyze service", () => {
  it("clusters one visit reported in two languages on different days into one development with both sources", async () => {
    const db = await setup();
    const s = analyzePending({ db, analyzer, clock, logger: silentLogger });
    expect(s).toMatchObject({ articles: 4, failed: 0 });
    const rows = listDevelopmentsWithSources(db).filter((r) => r.countryA === "CN" && r.countryB === "RU");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: "visit", dateStart: "2024-10-14", datePrecision: "day" });
    expect(rows[0]!.sources.map((x) => x.fetchedFrom?.split("/").pop()).sort()).toEqual(["a-vi-belousov.txt", "b-en-belousov.txt"]);
    expect(rows[0]!.summary).toMatch(/Belousov visited Beijing/);
  });

  it("keeps two different developments of one pair in one month apart, and a conflict yields nothing", async () => {
    const db = await setup();
    analyzePending({ db, analyzer, clock, logger: silentLogger });
    const india = listDevelopmentsWithSources(db).filter((r) => r.countryA === "IN" && r.countryB === "RU");
    expect(india.map((r) => `${r.type} ${r.dateStart}`).sort()).toEqual(["agreement 2024-10-24", "exercise 2024-10-03"]);
    expect(listDevelopmentsWithSources(db).some((r) => r.countryB === "UA" || r.countryA === "UA")).toBe(false);
  });

  it("reanalyze rebuilds the same developments from stored text and keeps when they were first seen", async () => {
    const db = await setup();
    analyzePending({ db, analyzer, clock, logger: silentLogger });
    const before = db.select().from(developments).all().map((r) => `${r.countryA}-${r.countryB} ${r.type} ${r.dateStart} ${r.firstSeenAt}`).sort();
    const later = () => new Date("2025-01-01T00:00:00Z");
    const s = await reanalyzeAll({ db, analyzer, clock: later, logger: silentLogger });
    expect(s.articles).toBe(4);
    const after = db.select().from(developments).all().map((r) => `${r.countryA}-${r.countryB} ${r.type} ${r.dateStart} ${r.firstSeenAt}`).sort();
    expect(after).toEqual(before);
  });

  it("exports the evaluation contract", async () => {
    const db = await setup();
    analyzePending({ db, analyzer, clock, logger: silentLogger });
    const doc = exportEvents(listDevelopmentsWithSources(db));
    expect(doc.events.length).toBeGreaterThanOrEqual(3);
    for (const e of doc.events) {
      expect(e.pair).toHaveLength(2);
      expect(["visit", "talks", "exercise", "patrol", "agreement", "arms", "training", "pledge"]).toContain(e.type);
      expect(e.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(e.sources.length).toBeGreaterThan(0);
      for (const src of e.sources) expect(src.url).toMatch(/^file:\/\/.+\.txt$/);
    }
  });
});
