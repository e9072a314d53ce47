/**
 * `npm run bench:digest`: time to build (and render) a weekly digest on the shared benchmark
 * database (bench/make-db.ts: 100,000 articles, 300,000 developments by default).
 *
 *   npm run bench:digest [-- --articles 100000 --developments 300000 --runs 15 --pairs 200]
 *
 * Scenarios, each timed over --runs runs after one warm-up (the first, cold run is shown apart):
 *   all pairs      the busiest ISO week of the database, every pair with something first seen in it
 *   watched pairs  a channel watching the --pairs pairs with the most developments that week
 * "build" is buildDigest (SQL + grouping + ordering); "render" is Block Kit for the parent and every
 * thread reply ("replies" counts them; every message is checked against Block Kit limits). Budget: build + render for 200 pairs under 1 s. Watches are inserted inside a
 * transaction that is rolled back, so the cached database is left as it was.
 */
import { loadGazetteer } from "../src/analyze/gazetteer.ts";
import { closeDb, openDb } from "../src/db/client.ts";
import { watches } from "../src/db/schema.ts";
import { buildDigest, isoWeekOf, periodForWeek, type Digest } from "../src/services/digest.ts";
import { renderDigestPlan } from "../src/slack/digest-blocks.ts";
import { makeBenchDb } from "./make-db.ts";
/** the gazetteer names countries in digests, as main.ts passes it */
const countries = loadGazetteer();

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

const articles = arg("articles", 100_000);
const developments = arg("developments", 300_000);
const runs = arg("runs", 15);
const wantPairs = arg("pairs", 200);
const TZ = "Asia/Ho_Chi_Minh";
const BUDGET_MS = 1000;

const path = makeBenchDb({ articles, developments });
const db = openDb(path);

// the ISO week with the most distinct pairs first seen in it
const days = db.$client
  .prepare("SELECT substr(first_seen_at, 1, 10) AS day, count(*) AS n FROM developments GROUP BY day ORDER BY n DESC LIMIT 1")
  .get() as { day: string; n: number };
const period = periodForWeek(isoWeekOf(days.day), TZ);

interface Row {
  scenario: string;
  replies: number;
  pairs: number;
  developments: number;
  sources: number;
  coldMs: number;
  buildP50: number;
  buildP95: number;
  renderP50: number;
  totalP50: number;
  totalMax: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

function measure(scenario: string, channel: string | null): Row {
  const build: number[] = [];
  const render: number[] = [];
  const total: number[] = [];
  let last: Digest | null = null;
  let coldMs = 0;
  let replies = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const d = buildDigest(db, { period, channel, countries });
    const t1 = performance.now();
    const plan = renderDigestPlan(d, "dg-bench");
    const t2 = performance.now();
    for (const m of [plan.parent, ...plan.replies]) {
      const tooLong = m.blocks.some((b) => b.type === "section" && (b.text?.text.length ?? 0) > 3000);
      if (m.blocks.length > 50 || tooLong) throw new Error(`bench: message ${m.key} breaks Block Kit limits`);
    }
    if (i === 0) replies = plan.replies.length;
    if (i === 0) {
      coldMs = t2 - t0;
      continue;
    }
    build.push(t1 - t0);
    render.push(t2 - t1);
    total.push(t2 - t0);
    last = d;
  }
  return {
    scenario,
    replies,
    pairs: last!.pairs.length,
    developments: last!.totalDevelopments,
    sources: last!.pairs.reduce((n, p) => n + p.items.reduce((m, it) => m + it.sources.length, 0), 0),
    coldMs,
    buildP50: pct(build, 50),
    buildP95: pct(build, 95),
    renderP50: pct(render, 50),
    totalP50: pct(total, 50),
    totalMax: Math.max(...total),
  };
}

const rows: Row[] = [];
rows.push(measure("all pairs", null));

// a channel watching the busiest pairs of that week; rolled back at the end
const top = db.$client
  .prepare(
    `SELECT country_a AS a, country_b AS b, count(*) AS n FROM developments
     WHERE first_seen_at >= ? AND first_seen_at < ? GROUP BY country_a, country_b ORDER BY n DESC LIMIT ?`,
  )
  .all(period.fromUtc, period.toUtc, wantPairs) as { a: string; b: string }[];
db.$client.exec("BEGIN");
try {
  for (const p of top) db.insert(watches).values({ channel: "CBENCH", countryA: p.a, countryB: p.b, createdAt: period.fromUtc }).onConflictDoNothing().run();
  rows.push(measure(`${top.length} watched pairs`, "CBENCH"));
} finally {
  db.$client.exec("ROLLBACK");
}
closeDb(db);

const f = (n: number) => n.toFixed(1);
const header = ["scenario", "pairs", "replies", "devs", "sources", "cold ms", "build p50", "build p95", "render p50", "total p50", "total max", `< ${BUDGET_MS} ms`];
const table = rows.map((r) => [r.scenario, String(r.pairs), String(r.replies), String(r.developments), String(r.sources), f(r.coldMs), f(r.buildP50), f(r.buildP95), f(r.renderP50), f(r.totalP50), f(r.totalMax), r.totalMax < BUDGET_MS ? "yes" : "NO"]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => "| " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ") + " |";
process.stdout.write(
  [
    `digest build on ${articles.toLocaleString("en")} articles / ${developments.toLocaleString("en")} developments, week ${period.id} (${TZ}), ${runs} runs after a cold one`,
    line(header),
    "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|",
    ...table.map(line),
    "",
  ].join("\n"),
);
if (rows.some((r) => r.totalMax >= BUDGET_MS)) process.exitCode = 1;
