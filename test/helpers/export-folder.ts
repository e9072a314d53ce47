/**
 * The product's pipeline on a folder of articles, in memory: ingest (the seeds' .txt format and
 * saved pages), analyze, cluster and export in the contract of `relations export --format json`.
 * Used by the pinned-developments test and by scripts/pin-expected.ts, which writes what it pins.
 */
import { createAnalyzer, type Analyzer } from "../../src/analyze/index.ts";
import { exportEvents } from "../../src/cli/export.ts";
import { closeDb, openDb } from "../../src/db/client.ts";
import { listDevelopmentsWithSources } from "../../src/db/developments.repo.ts";
import { createFetcher } from "../../src/ingest/fetch.ts";
import { createLogger } from "../../src/lib/log.ts";
import { analyzePending } from "../../src/services/analyze.ts";
import { ingestOnce } from "../../src/services/ingest.ts";

export interface ExportedEvent {
  pair: string[];
  type: string;
  date: string;
  date_end?: string;
  summary: string;
  sources: { url: string }[];
}

const clock = () => new Date("2026-12-01T00:00:00Z");

export async function exportFolder(dir: string, analyzer: Analyzer = createAnalyzer()): Promise<ExportedEvent[]> {
  const db = openDb(":memory:");
  const logger = createLogger("silent");
  const fetcher = createFetcher({ userAgent: "test", timeoutMs: 1000, maxBytes: 5e6, maxRedirects: 0, retries: 0, perHostConcurrency: 1, perHostDelayMs: 0, allowPrivateHosts: false });
  try {
    // one file at a time: article ids, and so the order of analysis and clustering, do not depend on timing
    await ingestOnce({ db, fetcher, clock, logger, timeZone: "Asia/Ho_Chi_Minh", concurrency: 1 }, { targets: [dir], trigger: "test" });
    analyzePending({ db, analyzer, clock, logger });
    return exportEvents(listDevelopmentsWithSources(db)).events as ExportedEvent[];
  } finally {
    fetcher.close();
    closeDb(db);
  }
}

/** The article file a source URL names (the scorer's rule: the last segment of its path). */
export function articleOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
}

/** A day interval for YYYY, YYYY-MM, YYYY-MM-DD or {from, to}. */
export function interval(d: string | { from: string; to: string }): [number, number] {
  if (typeof d === "object") return [interval(d.from)[0], interval(d.to)[1]];
  const [y, m, day] = d.split("-").map(Number) as [number, number?, number?];
  if (day) return [Date.UTC(y, m! - 1, day), Date.UTC(y, m! - 1, day)];
  if (m) return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 0)];
  return [Date.UTC(y, 0, 1), Date.UTC(y, 11, 31)];
}

/** Same pair, type and overlapping dates (±1 day), as the scorer matches them. */
export function sameDevelopment(a: { pair: string[]; type: string; date: string | { from: string; to: string } }, b: { pair: string[]; type: string; date: string; date_end?: string }): boolean {
  if ([...a.pair].sort().join() !== [...b.pair].sort().join() || a.type !== b.type) return false;
  const [s1, e1] = interval(a.date);
  const [s2] = interval(b.date);
  const e2 = interval(b.date_end ?? b.date)[1];
  const tol = 86_400_000;
  return s1 <= e2 + tol && s2 <= e1 + tol;
}
