/**
 * The bundled samples are fiction: their articles carry "(sample)" in the outlet wherever they are
 * shown, and removing their source removes their articles and the developments only they reported.
 * Real ingest of two folders into a real database, real analyzer.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/analyze/index.ts";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { createChatCore } from "../../src/chat/core.ts";
import { renderReplyText } from "../../src/chat/text.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import { listDevelopmentsWithSources } from "../../src/db/developments.repo.ts";
import { insertSource, listSources } from "../../src/db/sources.repo.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { createFetcher } from "../../src/ingest/fetch.ts";
import { sourceUrlOf } from "../../src/ingest/source-target.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { analyzePending } from "../../src/services/analyze.ts";
import { ingestOnce } from "../../src/services/ingest.ts";
import { removeSourceAndArticles } from "../../src/services/remove-source.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { testDb } from "../helpers/db.ts";

const clock = () => new Date("2024-10-20T00:00:00Z");

const SAMPLES: Record<string, string> = {
  "s-vi-belousov.txt": ` date 2024-10-15 (Báo Mẫu) -
Bộ trưởng Quốc phòng Nga thăm Trung Quốc

Ngày 14/10, Bộ trưởng Quốc phòng Nga Andrei Belousov đã có chuyến thăm tới Bắc Kinh và hội đàm với người đồng cấp Trung Quốc Đổng Quân.`,
  "s-en-india.txt": ` date 2024-10-30 (Invented Desk) -
India and Russia hold naval drill

Indian and Russian warships held a joint naval exercise in the Bay of Bengal on October 3.`,
};
const REAL: Record<string, string> = {
  "r-en-belousov.txt": ` date 2024-10-16 (Asia Wire) -
Belousov in Beijing for talks with Dong Jun

Russian Defence Minister Andrei Belousov held talks in Beijing on Monday with his Chinese counterpart Dong Jun.`,
};

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "rel-samples-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function world() {
  const db = testDb();
  const sample = insertSource(db, { kind: "folder", url: sourceUrlOf(folder(SAMPLES)), name: "Bundled sample articles", now: clock(), sample: true });
  insertSource(db, { kind: "folder", url: sourceUrlOf(folder(REAL)), name: "Real", now: clock() });
  const fetcher = createFetcher({ userAgent: "t", timeoutMs: 1000, maxBytes: 1e6, maxRedirects: 1, retries: 0, perHostConcurrency: 1, perHostDelayMs: 0, allowPrivateHosts: false });
  await ingestOnce({ db, fetcher, clock, logger: silentLogger, timeZone: "Asia/Ho_Chi_Minh" });
  fetcher.close();
  analyzePending({ db, analyzer: createAnalyzer(), clock, logger: silentLogger });
  return { db, sample };
}

describe("the bundled samples are fiction", () => {
  it("are labelled as samples wherever an outlet is shown, and real sources are not", async () => {
    const { db } = await world();
    const outlets = db.$client.prepare("SELECT outlet FROM articles ORDER BY outlet").pluck().all();
    expect(outlets).toEqual(["Asia Wire", "Báo Mẫu (sample)", "Invented Desk (sample)"]);
    const chat = createChatCore({ timeline: createTimelineService(createTimelineRepo(db)), countries: loadGazetteer(), watches: createWatchesRepo(db), botMessages: createBotMessagesRepo(db) });
    const text = renderReplyText(await chat.command("india russia", { channel: "shell" }));
    expect(text).toContain("Invented Desk (sample)");
  });

  it("removing the sample source removes its articles and the developments only they reported", async () => {
    const { db, sample } = await world();
    const before = listDevelopmentsWithSources(db);
    expect(before.some((d) => d.countryA === "IN")).toBe(true);
    const r = removeSourceAndArticles(db, sample.id, clock());
    expect(r.articles).toBe(2);
    expect(listSources(db).map((s) => s.name)).toEqual(["Real"]);
    expect(db.$client.prepare("SELECT count(*) FROM articles WHERE outlet LIKE '%(sample)'").pluck().get()).toBe(0);
    const after = listDevelopmentsWithSources(db);
    expect(after.some((d) => d.countryA === "IN")).toBe(false);
    // the visit both reported stays, from the real source alone
    const visit = after.filter((d) => d.countryA === "CN" && d.countryB === "RU");
    expect(visit).toHaveLength(1);
    expect(visit[0]!.sources.map((s) => s.outlet)).toEqual(["Asia Wire"]);
    expect(after.flatMap((d) => d.sources).some((s) => (s.outlet ?? "").includes("sample"))).toBe(false);
  });
});
