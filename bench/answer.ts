/**
 * bench:answer — time to build a follow-up answer (parse the question, filter and rank the pair's
 * developments, full-text search their sources, load citations, render Block Kit) on the shared
 * benchmark database (100,000 articles, 300,000 developments; see make-db.ts). The generated
 * articles are not analyzed through the pipeline, so a copy of the database gets its sentence
 * index built once by the same backfill the app runs on start (cached next to it).
 *
 *   npm run bench:answer [-- --articles 100000 --developments 300000 --n 1000]
 *
 * Target (issue 6): p95 under 50 ms. Pairs are drawn by picking a random development (so busy
 * pairs are asked about as often as they appear), questions from a fixed en/vi list.
 */
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { loadGazetteer } from "../src/analyze/gazetteer.ts";
import { createQuestionParser } from "../src/analyze/question.ts";
import { answerToReply } from "../src/chat/follow-up.ts";
import { closeDb, openDb } from "../src/db/client.ts";
import { backfillSentenceIndex } from "../src/db/sentences.repo.ts";
import { buildAnswer } from "../src/services/answer.ts";
import { renderBlocks } from "../src/slack/render.ts";
import { makeBenchDb, prng } from "./make-db.ts";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ARTICLES = arg("articles", 100_000);
const DEVS = arg("developments", 300_000);
const N = arg("n", 1000);

const QUESTIONS = [
  "When did they last hold exercises?",
  "lần cuối tập trận chung là khi nào?",
  "Any arms deals?",
  "What was agreed in March 2023?",
  "tháng 3/2023 hai bên đã thỏa thuận gì?",
  "Who met in the capital?",
  "ai đã gặp ai ở thủ đô?",
  "Sources for the naval patrols?",
  "What about 2019?",
  "còn năm 2021 thì sao?",
  "Did the defence ministers discuss air defence systems?",
  "huấn luyện sĩ quan được ký kết khi nào?",
  "more",
  "and China–Russia?",
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const fmt = (x: number) => x.toFixed(2).padStart(8);

const base = makeBenchDb({ articles: ARTICLES, developments: DEVS });
const path = base.replace(/\.db$/, "-fts.db");
if (!existsSync(path)) {
  const tmp = `${path}.tmp-${process.pid}`;
  copyFileSync(base, tmp);
  const db = openDb(tmp);
  db.$client.pragma("synchronous = OFF");
  const t0 = performance.now();
  const n = backfillSentenceIndex(db, {
    batch: 2000,
    onProgress: (d) => d % 20_000 === 0 && process.stderr.write(`bench:answer: indexed ${d} articles\n`),
  });
  const rows = db.$client.prepare("SELECT count(*) FROM article_sentences").pluck().get() as number;
  process.stderr.write(`bench:answer: indexed ${n} articles (${rows} sentences) in ${Math.round(performance.now() - t0)} ms\n`);
  closeDb(db);
  for (const f of [`${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  renameSync(tmp, path);
}

const db = openDb(path);
const parser = createQuestionParser(loadGazetteer());
const countries = loadGazetteer();
const clock = () => new Date("2025-07-01T00:00:00Z");
const r = prng(7);
const maxDev = db.$client.prepare("SELECT max(id) FROM developments").pluck().get() as number;
const pairOf = db.$client.prepare("SELECT country_a AS a, country_b AS b FROM developments WHERE id = ?");
const pairSize = db.$client.prepare("SELECT count(*) FROM developments WHERE country_a = ? AND country_b = ?").pluck();
const sizes = new Map<string, number>();

// warm-up: statement caches, the gazetteer's matcher
for (let i = 0; i < 20; i++) buildAnswer({ db, parser, clock }, { pair: { a: "CN", b: "US" } }, QUESTIONS[i % QUESTIONS.length]!);

const all: number[] = [];
const byQuestion = new Map<string, number[]>();
const bySize = new Map<string, number[]>();
let items = 0;
let nothing = 0;
for (let i = 0; i < N; i++) {
  const p = pairOf.get(1 + Math.floor(r() * maxDev)) as { a: string; b: string } | undefined;
  if (!p) continue;
  const q = QUESTIONS[Math.floor(r() * QUESTIONS.length)]!;
  const t0 = performance.now();
  const ans = buildAnswer({ db, parser, clock }, { pair: p, cursor: q === "more" ? "2020-06-01:999999999" : null }, q);
  renderBlocks(answerToReply(ans, countries));
  const ms = performance.now() - t0;
  all.push(ms);
  items += ans.items.length;
  if (!ans.items.length) nothing++;
  (byQuestion.get(q) ?? byQuestion.set(q, []).get(q)!).push(ms);
  const key = `${p.a}-${p.b}`;
  let n = sizes.get(key);
  if (n === undefined) sizes.set(key, (n = pairSize.get(p.a, p.b) as number));
  const bucket = n >= 5000 ? "≥5,000 devs" : n >= 1000 ? "1,000–4,999" : n >= 200 ? "200–999" : "<200";
  (bySize.get(bucket) ?? bySize.set(bucket, []).get(bucket)!).push(ms);
}
closeDb(db);

console.log(`bench:answer on ${path}`);
console.log(`${ARTICLES} articles, ${DEVS} developments; ${all.length} questions; ${items} items, ${nothing} "nothing found"; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}`);
console.log("");
console.log(`${"".padEnd(56)}      n      p50      p95      p99      max  (ms)`);
const row = (name: string, xs: number[]) => console.log(`${name.padEnd(56)} ${String(xs.length).padStart(6)} ${fmt(pct(xs, 50))} ${fmt(pct(xs, 95))} ${fmt(pct(xs, 99))} ${fmt(Math.max(...xs))}`);
row("all questions (answer built + Block Kit)", all);
for (const [k, xs] of [...bySize].sort()) row(`  pair with ${k}`, xs);
for (const [k, xs] of byQuestion) row(`  ${k.length > 52 ? k.slice(0, 51) + "…" : k}`, xs);
console.log("");
console.log(`target: p95 < 50 ms → ${pct(all, 95) < 50 ? "met" : "NOT met"}`);
