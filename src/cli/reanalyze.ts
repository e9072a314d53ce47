/**
 * `relations reanalyze [--pending] [--wait SECONDS]`: rebuilds every development from stored
 * article text, without refetching.
 *
 * A full rebuild first takes the ingest lease (waiting up to --wait seconds, default 600, for a
 * running ingest to finish), so no ingest writes while it runs, then swaps the new analysis in
 * with one transaction (reanalyzeAll). Any failure leaves the previous analysis in place and
 * exits 1.
 */
import { createAnalyzer } from "../analyze/index.ts";
import { ANALYZER_VERSION } from "../analyze/version.ts";
import { createProgressBar } from "../lib/progress.ts";
import { reanalyzeAll, analyzePending } from "../services/analyze.ts";
import { articles } from "../db/schema.ts";
import { getLease } from "../db/leases.repo.ts";
import { acquireLease, type HeldLease } from "../jobs/lease.ts";
import { INGEST_LEASE } from "../jobs/ingest.ts";
import { count } from "drizzle-orm";
import type { CliRun } from "./context.ts";

const USAGE = "usage: relations reanalyze [--pending] [--wait SECONDS]";
/** The lease outlives a long rebuild: its renewals are inside the rebuild's own transaction, invisible to others until the commit. */
const REANALYZE_LEASE_TTL_MS = 60 * 60_000;

export const run: CliRun = async (argv, ctx) => {
  let pendingOnly = false;
  let waitSeconds = 600;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--pending") pendingOnly = true;
    else if (a === "--wait" && /^\d+$/.test(argv[i + 1] ?? "")) waitSeconds = Number(argv[++i]);
    else {
      ctx.err(`reanalyze: unknown argument ${a} (${USAGE})`);
      return 2;
    }
  }
  const db = ctx.db();
  const total = db.select({ n: count() }).from(articles).get()?.n ?? 0;
  const deps = { db, analyzer: createAnalyzer(), clock: ctx.clock, logger: ctx.logger };
  if (pendingOnly) {
    const started = Date.now();
    const progress = createProgressBar(ctx.stderr, { label: "analyze" });
    const s = analyzePending(deps, { onProgress: (n) => progress.update(n, total) });
    progress.finish();
    ctx.out(`analyzer ${ANALYZER_VERSION}: articles ${s.articles}, developments ${s.developments}, failed ${s.failed}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return s.failed > 0 && s.articles === 0 ? 1 : 0;
  }

  let lease: HeldLease | null;
  try {
    lease = await waitForIngestLease(ctx, waitSeconds);
  } catch (err) {
    ctx.err(`reanalyze: failed, the previous analysis is kept: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  if (!lease) {
    const row = getLease(db, INGEST_LEASE);
    ctx.err(`reanalyze: an ingest still holds the database (lease held by ${row?.holder ?? "?"} until ${row?.expiresAt ?? "?"}) after ${waitSeconds} s; nothing changed, try again later or pass --wait SECONDS`);
    return 1;
  }
  const ctrl = new AbortController();
  const onSigint = () => ctrl.abort(new Error("reanalyze: interrupted"));
  process.once("SIGINT", onSigint);
  const progress = createProgressBar(ctx.stderr, { label: "analyze" });
  const started = Date.now();
  try {
    const s = await reanalyzeAll(deps, { onProgress: (n) => progress.update(n, total), signal: AbortSignal.any([ctrl.signal, lease.signal]) });
    progress.finish();
    ctx.out(`analyzer ${ANALYZER_VERSION}: articles ${s.articles}, developments ${s.developments}, failed ${s.failed}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return s.failed > 0 && s.articles === 0 ? 1 : 0;
  } catch (err) {
    progress.finish();
    const msg = err instanceof Error ? err.message : String(err);
    ctx.err(`reanalyze: failed, the previous analysis is kept: ${msg}`);
    return 1;
  } finally {
    process.off("SIGINT", onSigint);
    lease.release();
  }
};

/** Takes the ingest lease, waiting for a running ingest; null after `seconds`. */
async function waitForIngestLease(ctx: Parameters<CliRun>[1], seconds: number): Promise<HeldLease | null> {
  const deadline = Date.now() + seconds * 1000;
  let told = false;
  for (;;) {
    const lease = acquireLease(ctx.db(), { name: INGEST_LEASE, ttlMs: REANALYZE_LEASE_TTL_MS, clock: ctx.clock });
    if (lease) return lease;
    if (Date.now() >= deadline) return null;
    if (!told) {
      const row = getLease(ctx.db(), INGEST_LEASE);
      ctx.err(`reanalyze: waiting for the running ingest to finish (lease held by ${row?.holder ?? "?"} until ${row?.expiresAt ?? "?"})…`);
      told = true;
    }
    await new Promise((r) => setTimeout(r, Math.min(500, Math.max(0, deadline - Date.now()))));
  }
}
