/**
 * `relations ingest [URL|PATH …]`: one ingest run under the DB lease, ending with ONE summary
 * line on stdout. Exit code 1 only when nothing could be done (every source failed, or another
 * process holds the lease); 0 otherwise, failures of single items included.
 */
import { runIngestExclusive } from "../jobs/ingest.ts";
import { createProgressBar } from "../lib/progress.ts";
import type { IngestSummary } from "../services/ingest.ts";
import type { CliContext } from "./context.ts";
import { createAnalyzer } from "../analyze/index.ts";
import { analyzePending, analyzeStoredArticle } from "../services/analyze.ts";
import { createExtractPool } from "../ingest/extract-pool.ts";
import { CREDENTIALS_HINT, hasUrlCredentials, redactCredentials } from "../lib/redact.ts";

/** What "skipped" counts, said once in the summary so a reader need not guess. */
export const SKIPPED_MEANS = "skipped = items of a changed source already on record (another link, same text, listed twice, refused before)";

/**
 * The one summary line. "unchanged" counts sources with nothing new (a 304, or every item
 * already stored); "skipped" counts items passed over inside a source that did change.
 */
export function formatSummary(s: Pick<IngestSummary, "sources" | "newArticles" | "unchanged" | "skipped" | "failed">): string {
  return `sources ${s.sources}, new ${s.newArticles}, unchanged ${s.unchanged}, skipped ${s.skipped}, failed ${s.failed}`;
}

/** Runs the command; returns the exit code. */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const targets = argv.filter((a) => a !== "--");
  const unknown = targets.find((a) => a.startsWith("--"));
  if (unknown) {
    ctx.err(`ingest: unknown option ${unknown} (usage: relations [--db PATH] ingest [URL|PATH …])`);
    return 2;
  }
  const withCredentials = targets.find(hasUrlCredentials);
  if (withCredentials) {
    ctx.err(`ingest: ${CREDENTIALS_HINT}: ${redactCredentials(withCredentials)}`);
    return 2;
  }
  const bar = createProgressBar(ctx.stderr, { label: "ingest" });
  const ctrl = new AbortController();
  const onSigint = () => ctrl.abort(new Error("ingest: interrupted"));
  process.once("SIGINT", onSigint);
  // Pages are extracted in a worker with a time limit: a hostile page is refused, not a hang.
  const pool = createExtractPool({ timeoutMs: ctx.config.EXTRACT_TIMEOUT_MS });
  try {
    // New articles are analyzed as they are stored; any left pending (an earlier crash, a new
    // analyzer version) are analyzed after the run.
    const analyzeDeps = { db: ctx.db(), analyzer: createAnalyzer(), clock: ctx.clock, logger: ctx.logger };
    const deps = {
      onArticle: (id: number) => void analyzeStoredArticle(analyzeDeps, id),
      db: ctx.db(),
      fetcher: ctx.fetcher(),
      clock: ctx.clock,
      logger: ctx.logger,
      timeZone: ctx.config.OUTLET_TZ,
      extract: pool.extract,
      maxFileBytes: ctx.config.FETCH_MAX_BYTES,
      onProgress: (p: { itemsDone: number; itemsTotal: number; newArticles: number; failed: number }) =>
        bar.update(p.itemsDone, p.itemsTotal, `new ${p.newArticles} failed ${p.failed}`),
    };
    const res = await runIngestExclusive(deps, { targets, trigger: "cli", signal: ctrl.signal });
    bar.finish();
    if (res.status === "busy") {
      ctx.err(`ingest: another process is ingesting (lease held by ${res.busy.holder} until ${res.busy.expiresAt}); try later`);
      return 1;
    }
    if (res.sources === 0 && targets.length === 0) ctx.err("ingest: no registered source is due (add one with: relations sources add <url|path>)");
    const pending = analyzePending(analyzeDeps);
    if (pending.failed) ctx.err(`ingest: ${pending.failed} article(s) could not be analyzed (see the log)`);
    for (const e of res.errors.slice(0, 20)) ctx.err(e.reason);
    if (res.errors.length > 20) ctx.err(`… and ${res.errors.length - 20} more (see ingest_errors for run ${res.runId})`);
    ctx.out(formatSummary(res));
    if (res.skipped > 0) ctx.err(`ingest: ${SKIPPED_MEANS}`);
    return res.status === "failed" || res.status === "abandoned" ? 1 : 0;
  } finally {
    bar.finish();
    process.off("SIGINT", onSigint);
    await pool.close();
  }
}
