/**
 * `npm run eval:seeds [-- DIR GOLD]`: ingests a folder of articles (default ../shared/seeds) into a
 * temporary database through the real pipeline, analyzes them, exports the contract JSON and
 * scores it with ../shared/eval/score.mjs. Prints the scorer's lines.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createAnalyzer } from "../src/analyze/index.ts";
import { exportEvents } from "../src/cli/export.ts";
import { openDb, closeDb } from "../src/db/client.ts";
import { listDevelopmentsWithSources } from "../src/db/developments.repo.ts";
import { createFetcher } from "../src/ingest/fetch.ts";
import { systemClock } from "../src/lib/clock.ts";
import { createLogger } from "../src/lib/log.ts";
import { analyzePending } from "../src/services/analyze.ts";
import { ingestOnce } from "../src/services/ingest.ts";
import { requirePaths, sharedPath } from "./lib/shared.ts";

const dir = process.argv[2] ? resolve(process.argv[2]) : sharedPath("seeds");
const gold = process.argv[3] ? resolve(process.argv[3]) : sharedPath("eval", "seeds.gold.json");
const scorer = sharedPath("eval", "score.mjs");
requirePaths("eval:seeds", [dir, gold, scorer]);
const tmp = mkdtempSync(join(tmpdir(), "rel-eval-"));
const db = openDb(join(tmp, "eval.db"));
const logger = createLogger("warn");
const fetcher = createFetcher({ userAgent: "eval", timeoutMs: 5000, maxBytes: 5e6, maxRedirects: 3, retries: 0, perHostConcurrency: 1, perHostDelayMs: 0, allowPrivateHosts: false });
const ing = await ingestOnce({ db, fetcher, clock: systemClock, logger, timeZone: "Asia/Ho_Chi_Minh" }, { targets: [dir], trigger: "eval" });
const t0 = performance.now();
const an = analyzePending({ db, analyzer: createAnalyzer(), clock: systemClock, logger });
const ms = performance.now() - t0;
const out = join(tmp, "events.json");
writeFileSync(out, JSON.stringify(exportEvents(listDevelopmentsWithSources(db)), null, 2));
closeDb(db);
console.log(`ingested ${ing.newArticles} articles; analyzed ${an.articles} in ${ms.toFixed(0)} ms; ${an.developments} article-level developments; events in ${out}`);
process.stdout.write(execFileSync(process.execPath, [scorer, "--gold", gold, "--events", out, "-v"], { encoding: "utf8" }));
