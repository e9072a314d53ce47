/**
 * Use cases of the analyzer: analyze an article and file its developments into the timeline
 * (joining the development other outlets already reported, or starting a new one); analyze every
 * pending article; rebuild everything from stored text (`relations reanalyze`).
 */
import type { Analyzer } from "../analyze/index.ts";
import { ANALYZER_VERSION } from "../analyze/version.ts";
import { compatibleTypes, pickCluster, representCluster } from "../analyze/cluster.ts";
import type { AnalysisResult, ArticleDevelopment } from "../analyze/types.ts";
import type { Db } from "../db/client.ts";
import { getArticle } from "../db/articles.repo.ts";
import { indexArticleSentences } from "../db/sentences.repo.ts";
import {
  addDevelopmentSource,
  deleteOrphanDevelopments,
  findNearbyDevelopments,
  insertDevelopment,
  listMembers,
  listPendingArticleIds,
  markAnalyzed,
  removeArticleReports,
  resetAllDevelopments,
  rowToDevelopment,
  updateDevelopment,
} from "../db/developments.repo.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";

export interface AnalyzeDeps {
  db: Db;
  analyzer: Analyzer;
  clock: Clock;
  logger: Logger;
}

/** Analyzes one stored article and files its developments, in one transaction. */
export function analyzeStoredArticle(deps: AnalyzeDeps, articleId: number): AnalysisResult | null {
  const a = getArticle(deps.db, articleId);
  if (!a) return null;
  const result = deps.analyzer.analyze({
    title: a.title,
    text: a.text,
    captions: a.captions,
    language: a.language,
    publishedAt: a.publishedAt,
    publishedPrecision: a.publishedPrecision,
  });
  const now = deps.clock().toISOString();
  // better-sqlite3 transactions belong to the connection: a nested one (inside a batch of
  // analyzePending) becomes a savepoint.
  deps.db.$client.transaction(() => {
    const db = deps.db;
    const touched = removeArticleReports(db, articleId);
    for (const id of touched) rerepresent(db, id, now);
    deleteOrphanDevelopments(db, touched);
    for (const d of result.developments) fileDevelopment(db, articleId, a.fetchedAt, d, now);
    markAnalyzed(db, articleId, ANALYZER_VERSION, now);
    // follow-up questions (issue 6) search the article's sentences; indexed with its analysis
    // (same connection, so inside this transaction), unless this very text is indexed already
    // (a re-analysis does not change the sentences)
    if (!sentencesIndexed(deps.db, a.id, a.contentHash)) indexArticleSentences(deps.db, a);
  })();
  return result;
}

function sentencesIndexed(db: Db, articleId: number, contentHash: string): boolean {
  return db.$client.prepare("SELECT 1 FROM article_sentences_indexed WHERE article_id = ? AND content_hash = ?").get(articleId, contentHash) !== undefined;
}

/** Joins `d` to the development it reports, or starts a new one. */
function fileDevelopment(db: Db, articleId: number, fetchedAt: string, d: ArticleDevelopment, now: string): void {
  const nearby = findNearbyDevelopments(db, d.pair, d.date.start, d.date.end, compatibleTypes(d.type));
  const idx = pickCluster(nearby.map(rowToDevelopment), d);
  if (idx < 0) {
    const id = insertDevelopment(db, d, { analyzerVersion: ANALYZER_VERSION, firstSeenAt: fetchedAt, now });
    addDevelopmentSource(db, id, articleId, d, now);
    return;
  }
  // Joining is incremental: the stored representative absorbs the new report (recomputing from
  // every member would make a much-reported development quadratic to file).
  const row = nearby[idx]!;
  addDevelopmentSource(db, row.id, articleId, d, now);
  const rep = representCluster([rowToDevelopment(row), d]);
  const firstSeenAt = fetchedAt < row.firstSeenAt ? fetchedAt : row.firstSeenAt;
  updateDevelopment(db, row.id, rep, { analyzerVersion: ANALYZER_VERSION, firstSeenAt, now });
}

/** Recomputes a development's representative fields from its remaining reports (also after a source is removed). */
export function rerepresent(db: Db, id: number, now: string): void {
  const members = listMembers(db, id);
  if (!members.length) return;
  const rep = representCluster(members.map((m) => m.extraction));
  const firstSeenAt = members.map((m) => m.fetchedAt).sort()[0]!;
  updateDevelopment(db, id, rep, { analyzerVersion: ANALYZER_VERSION, firstSeenAt, now });
}

export interface AnalyzeSummary {
  articles: number;
  developments: number;
  failed: number;
}

/** Analyzes every article not yet analyzed by this analyzer version. One bad article never stops the rest. */
export function analyzePending(deps: AnalyzeDeps, opts: { batch?: number; onProgress?: (done: number) => void } = {}): AnalyzeSummary {
  const summary: AnalyzeSummary = { articles: 0, developments: 0, failed: 0 };
  const failed = new Set<number>();
  const batch = opts.batch ?? 200;
  for (;;) {
    const ids = listPendingArticleIds(deps.db, ANALYZER_VERSION, batch + failed.size).filter((id) => !failed.has(id));
    if (!ids.length) break;
    // One commit per batch: each article's own transaction becomes a savepoint inside it, so a
    // failing article rolls back alone while the batch pays for one commit, not hundreds.
    deps.db.$client.transaction(() => {
      for (const id of ids.slice(0, batch)) {
        analyzeCounted(deps, id, summary, failed);
        opts.onProgress?.(summary.articles + summary.failed);
      }
    })();
  }
  return summary;
}

/**
 * One pending article analyzed and counted: a failure in the analyzer is logged and remembered
 * (the article stays pending) so the loops that call this never pick it again in the same run.
 */
function analyzeCounted(deps: AnalyzeDeps, id: number, summary: AnalyzeSummary, failed: Set<number>): void {
  try {
    const r = analyzeStoredArticle(deps, id);
    summary.articles++;
    summary.developments += r?.developments.length ?? 0;
  } catch (err) {
    failed.add(id);
    summary.failed++;
    deps.logger.error("analyze: article failed", { articleId: id, err });
  }
}

/** Options of a full reanalysis. */
export interface ReanalyzeOptions {
  onProgress?: (done: number) => void;
  /** articles analyzed between two yields of the event loop; default 200 */
  batch?: number;
  /** aborting (a lost lease, SIGINT) rolls everything back */
  signal?: AbortSignal;
}

/**
 * Rebuilds every development from stored article text (no refetching), atomically: the reset
 * and every article's analysis run in ONE write transaction (BEGIN IMMEDIATE), committed at the
 * end. Readers keep seeing the previous analysis until the commit; any failure — the database
 * locked by another writer, an abort, an error outside one article — rolls it all back and
 * rethrows, so the previous analysis stays whole (a reset committed before a "database is
 * locked" once left 4 of 52 developments). One article failing in the analyzer is counted and
 * left pending, as in analyzePending. The event loop is yielded between batches so a lease can
 * be renewed and a signal heard.
 */
export async function reanalyzeAll(deps: AnalyzeDeps, opts: ReanalyzeOptions = {}): Promise<AnalyzeSummary> {
  const client = deps.db.$client;
  const batch = opts.batch ?? 200;
  const summary: AnalyzeSummary = { articles: 0, developments: 0, failed: 0 };
  opts.signal?.throwIfAborted();
  client.exec("BEGIN IMMEDIATE");
  try {
    resetAllDevelopments(deps.db);
    const failed = new Set<number>();
    for (;;) {
      const ids = listPendingArticleIds(deps.db, ANALYZER_VERSION, batch + failed.size).filter((id) => !failed.has(id));
      if (!ids.length) break;
      for (const id of ids.slice(0, batch)) {
        analyzeCounted(deps, id, summary, failed);
        opts.onProgress?.(summary.articles + summary.failed);
      }
      await new Promise<void>((r) => setImmediate(r));
      opts.signal?.throwIfAborted();
    }
    client.exec("COMMIT");
    return summary;
  } catch (err) {
    if (client.inTransaction) client.exec("ROLLBACK");
    throw err;
  }
}

/**
 * analyzePending off the critical path (start-up after an analyzer upgrade, when every stored
 * article is analyzed again): work goes in slices of at most `sliceMs`, each committed, with the
 * event loop free between them, so Slack's requests are acknowledged within their 3 s and
 * /healthz answers while thousands of articles are re-analyzed. Until its turn comes, an article's
 * previous analysis stays in the timelines. Stops between slices when `isStopping` says so.
 */
export async function analyzePendingInBackground(
  deps: AnalyzeDeps,
  opts: { sliceMs?: number; isStopping?: () => boolean } = {},
): Promise<AnalyzeSummary> {
  const summary: AnalyzeSummary = { articles: 0, developments: 0, failed: 0 };
  const failed = new Set<number>();
  const sliceMs = opts.sliceMs ?? 40;
  const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));
  for (;;) {
    if (opts.isStopping?.()) return summary;
    const ids = listPendingArticleIds(deps.db, ANALYZER_VERSION, 256 + failed.size).filter((id) => !failed.has(id)).slice(0, 256);
    if (!ids.length) return summary;
    let next = 0;
    while (next < ids.length) {
      if (opts.isStopping?.()) return summary;
      const started = performance.now();
      deps.db.$client.transaction(() => {
        while (next < ids.length && performance.now() - started < sliceMs) {
          const id = ids[next++]!;
          analyzeCounted(deps, id, summary, failed);
        }
      })();
      await yieldToLoop();
    }
  }
}
