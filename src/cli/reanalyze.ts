/** `relations reanalyze`: rebuilds every development from stored article text, without refetching. */
import { createAnalyzer } from "../analyze/index.ts";
import { ANALYZER_VERSION } from "../analyze/version.ts";
import { createProgressBar } from "../lib/progress.ts";
import { reanalyzeAll, analyzePending } from "../services/analyze.ts";
import { articles } from "../db/schema.ts";
import { count } from "drizzle-orm";
import type { CliRun } from "./context.ts";

export const run: CliRun = async (argv, ctx) => {
  const pendingOnly = argv.includes("--pending");
  const unknown = argv.filter((a) => a !== "--pending");
  if (unknown.length) {
    ctx.err(`reanalyze: unknown argument ${unknown[0]} (usage: relations reanalyze [--pending])`);
    return 2;
  }
  const db = ctx.db();
  const total = db.select({ n: count() }).from(articles).get()?.n ?? 0;
  const started = Date.now();
  const progress = createProgressBar(ctx.stderr, { label: "analyze" });
  const deps = { db, analyzer: createAnalyzer(), clock: ctx.clock, logger: ctx.logger };
  const s = pendingOnly ? analyzePending(deps, { onProgress: (n) => progress.update(n, total) }) : reanalyzeAll(deps, { onProgress: (n) => progress.update(n, total) });
  progress.finish();
  const secs = (Date.now() - started) / 1000;
  ctx.out(`analyzer ${ANALYZER_VERSION}: articles ${s.articles}, developments ${s.developments}, failed ${s.failed}, ${secs.toFixed(1)} s`);
  return s.failed > 0 && s.articles === 0 ? 1 : 0;
};
