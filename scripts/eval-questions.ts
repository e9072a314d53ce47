/**
 * `npm run eval:questions [-- QUESTIONS]`: ingests the seeds (../shared/seeds when present) and
 * samples/articles into a temporary database through the real pipeline (ingestOnce, then
 * analyzePending), asks every question of samples/questions.json with the thread's pair set, and
 * prints a table. A question is right when one of the top three items is a development of the
 * expected type whose dates overlap the expected date (±3 days for a day) and which the expected
 * article reports; `expect: null` questions are right when the answer is "nothing found". Every
 * answer is also checked to cite only articles reporting a development of the thread's pair. A
 * looser count accepts the expected type and date from any article of the pair (the same event
 * filed under another report when the analyzer missed it in the expected article).
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { z } from "zod";
import { createAnalyzer } from "../src/analyze/index.ts";
import { loadGazetteer } from "../src/analyze/gazetteer.ts";
import { createQuestionParser } from "../src/analyze/question.ts";
import { closeDb, openDb } from "../src/db/client.ts";
import { createFetcher } from "../src/ingest/fetch.ts";
import { createLogger } from "../src/lib/log.ts";
import { analyzePending } from "../src/services/analyze.ts";
import { buildAnswer } from "../src/services/answer.ts";
import { ingestOnce } from "../src/services/ingest.ts";
import { PROJECT_ROOT, sharedPath } from "./lib/shared.ts";

const QuestionsSchema = z.array(
  z.object({
    pair: z.tuple([z.string().length(2), z.string().length(2)]),
    question: z.string().min(1),
    expect: z.object({ article: z.string(), type: z.string(), date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/) }).nullable(),
  }),
);

const questionsPath = resolve(process.argv[2] ?? "samples/questions.json");
const questions = QuestionsSchema.parse(JSON.parse(readFileSync(questionsPath, "utf8")));
const targets = [sharedPath("seeds"), resolve(PROJECT_ROOT, "samples/articles")].filter(existsSync);

const tmp = mkdtempSync(join(tmpdir(), "rel-questions-"));
const db = openDb(join(tmp, "eval.db"));
const logger = createLogger("warn");
// The pipeline's clock: articles are dated by their own text; "today" only anchors relative dates in questions.
const clock = () => new Date();
const fetcher = createFetcher({ userAgent: "eval", timeoutMs: 5000, maxBytes: 5e6, maxRedirects: 3, retries: 0, perHostConcurrency: 1, perHostDelayMs: 0, allowPrivateHosts: false });
const ing = await ingestOnce({ db, fetcher, clock, logger, timeZone: "Asia/Ho_Chi_Minh" }, { targets, trigger: "eval" });
const an = analyzePending({ db, analyzer: createAnalyzer(), clock, logger });
const parser = createQuestionParser(loadGazetteer());

// article file name → id, from the file:// URLs the folder source gives them
const articleIdByFile = new Map<string, number>();
// (HTML pages take their own rel=canonical URL; the file:// URL they were read from is kept as an alias)
for (const r of db.$client.prepare("SELECT id, canonical_url AS url FROM articles UNION ALL SELECT article_id, url FROM article_urls").all() as { id: number; url: string }[]) {
  if (r.url.startsWith("file:")) articleIdByFile.set(decodeURIComponent(basename(new URL(r.url).pathname)), r.id);
}
const pairArticles = db.$client.prepare(
  "SELECT DISTINCT ds.article_id FROM developments d JOIN development_sources ds ON ds.development_id = d.id WHERE d.country_a = ? AND d.country_b = ?",
);
const devSources = db.$client.prepare("SELECT article_id FROM development_sources WHERE development_id = ?").pluck();
const expectedDevs = db.$client.prepare(
  "SELECT d.id, d.type, d.date_start AS dateStart, d.date_end AS dateEnd FROM developments d JOIN development_sources ds ON ds.development_id = d.id WHERE ds.article_id = ? AND d.country_a = ? AND d.country_b = ?",
);

function expectedSpan(date: string): [string, string] {
  if (date.length === 4) return [`${date}-01-01`, `${date}-12-31`];
  if (date.length === 7) {
    const [y, m] = date.split("-").map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [`${date}-01`, `${date}-${String(last).padStart(2, "0")}`];
  }
  return [date, date];
}
function shift(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function dateFits(start: string, end: string, date: string): boolean {
  const [s, e] = expectedSpan(date);
  const tol = date.length === 10 ? 3 : 0;
  return end >= shift(s, -tol) && start <= shift(e, tol);
}

interface Row {
  n: number;
  pair: string;
  question: string;
  expected: string;
  got: string;
  ok: boolean;
  /** an item of the expected type and date, whichever article of the pair reports it */
  typeDate: boolean;
  foreign: number;
  analyzerMiss: boolean;
  ms: number;
}
const rows: Row[] = [];
const times: number[] = [];
// warm-up (the gazetteer's matcher, prepared statements) so the timings are per question
buildAnswer({ db, parser, clock, logger }, { pair: { a: "CN", b: "RU" } }, "when did they last hold exercises?");
for (const [i, q] of questions.entries()) {
  const [a, b] = [...q.pair].sort() as [string, string];
  const t0 = performance.now();
  const ans = buildAnswer({ db, parser, clock, logger }, { pair: { a, b } }, q.question);
  const ms = performance.now() - t0;
  times.push(ms);
  const allowed = new Set(pairArticles.pluck().all(a, b) as number[]);
  const foreign = ans.items.flatMap((it) => it.sources).filter((s) => !allowed.has(s.articleId)).length + (ans.pair && (ans.pair.a !== a || ans.pair.b !== b) ? 1 : 0);
  const got = ans.items.length ? ans.items.map((it) => `${it.type} ${it.dateStart.slice(0, it.datePrecision === "year" ? 4 : it.datePrecision === "month" ? 7 : 10)}`).join("; ") : `nothing (${ans.nothingAbout ?? "?"})`;
  let ok: boolean;
  let typeDate: boolean;
  let analyzerMiss = false;
  if (!q.expect) {
    ok = typeDate = ans.items.length === 0;
  } else {
    typeDate = ans.items.some((it) => it.type === q.expect!.type && dateFits(it.dateStart, it.dateEnd, q.expect!.date));
    const exp = q.expect;
    const art = articleIdByFile.get(exp.article);
    ok = ans.items.some((it) => it.type === exp.type && dateFits(it.dateStart, it.dateEnd, exp.date) && art !== undefined && (devSources.all(it.developmentId) as number[]).includes(art));
    // does the store hold the expected development at all? If not, the analyzer missed it.
    const held = art === undefined ? [] : (expectedDevs.all(art, a, b) as { type: string; dateStart: string; dateEnd: string }[]);
    analyzerMiss = !held.some((d) => d.type === exp.type && dateFits(d.dateStart, d.dateEnd, exp.date));
  }
  rows.push({
    n: i + 1,
    pair: `${a}-${b}`,
    question: q.question,
    expected: q.expect ? `${q.expect.type} ${q.expect.date} (${q.expect.article.slice(0, 12)})` : "nothing",
    got,
    ok,
    typeDate,
    foreign,
    analyzerMiss,
    ms,
  });
}
closeDb(db);

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + "…" : s).padEnd(n);
console.log(`ingested ${ing.newArticles} articles from ${targets.join(", ")}; ${an.articles} analyzed, ${an.developments} article-level developments`);
console.log(`${"#".padStart(2)} ${cut("pair", 5)} ${cut("question", 58)} ${cut("expected", 42)} ${cut("top 3 answered", 52)} ok`);
for (const r of rows) {
  console.log(`${String(r.n).padStart(2)} ${cut(r.pair, 5)} ${cut(r.question, 58)} ${cut(r.expected, 42)} ${cut(r.got, 52)} ${r.ok ? "✓" : r.analyzerMiss ? (r.typeDate ? "✗ (article not a source of it; same type/date found)" : "✗ (not in store)") : "✗"}${r.foreign ? ` FOREIGN×${r.foreign}` : ""}`);
}
const right = rows.filter((r) => r.ok).length;
const answerable = rows.filter((r) => !r.analyzerMiss);
const sorted = [...times].sort((x, y) => x - y);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
console.log("");
console.log(`right development in the top three: ${right}/${rows.length} = ${((100 * right) / rows.length).toFixed(1)}%`);
console.log(`  on questions whose development the analyzer stored: ${answerable.filter((r) => r.ok).length}/${answerable.length} = ${((100 * answerable.filter((r) => r.ok).length) / Math.max(1, answerable.length)).toFixed(1)}%`);
const td = rows.filter((r) => r.typeDate).length;
console.log(`right type and date in the top three, whichever article of the pair reports it: ${td}/${rows.length} = ${((100 * td) / rows.length).toFixed(1)}%`);
console.log(`answers citing a source not about the pair: ${rows.filter((r) => r.foreign).length}`);
console.log(`analyzer misses (expected development not in the store): ${rows.filter((r) => r.analyzerMiss).map((r) => `#${r.n}`).join(" ") || "none"}`);
console.log(`answer time: p50 ${pct(50)} ms, p95 ${pct(95)} ms (small DB)`);
