/**
 * `npm run bench:alerts`: alert latency from ingest to post, on loopback. A fixture news site
 * (RSS feed + article pages, each a new development between Vietnam and another country) is
 * ingested by the real ingest scheduler tick (fetch → extraction → analyzer → SQLite file), whose
 * after-run step runs the alerts, posting through the real WebClient to the fake Slack Web API.
 * Latency per development: from its insert (timed right after the analyzer filed it) to the
 * fake's receipt of the chat.postMessage that carries it (a burst carries several).
 *
 *   npm run bench:alerts [-- --runs 3]
 *
 * Scenarios:
 *   5 new, 1 channel    five developments of five pairs one channel watches: five messages, paced
 *                       one a second in that channel as Slack asks (the pacing is most of the figure)
 *   5 new, 5 channels   five channels watching one pair each: five messages, no pacing
 *   50 new, 1 channel   a burst: one message listing them
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadGazetteer } from "../src/analyze/gazetteer.ts";
import { createAnalyzer } from "../src/analyze/index.ts";
import { closeDb, openDb, type Db } from "../src/db/client.ts";
import { insertSource } from "../src/db/sources.repo.ts";
import { createWatchesRepo } from "../src/db/watches.repo.ts";
import { makePair } from "../src/domain/types.ts";
import { createFetcher } from "../src/ingest/fetch.ts";
import { createAlertRunner } from "../src/jobs/alerts.ts";
import { startIngestScheduler } from "../src/jobs/ingest.ts";
import { silentLogger } from "../src/lib/log.ts";
import { analyzeStoredArticle } from "../src/services/analyze.ts";
import { createDigestWebClient } from "../src/slack/digest-port.ts";
import { startDigestFakeSlack } from "../test/helpers/digest-fake-slack.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const runs = Number(values.runs);
const gazetteer = loadGazetteer();
const analyzer = createAnalyzer(gazetteer);

const PARTNERS = [
  "Japan", "India", "Australia", "France", "Germany", "Indonesia", "Brazil", "Egypt", "Kenya", "Chile",
  "Italy", "Spain", "Poland", "Canada", "Mexico", "Argentina", "Peru", "Nigeria", "Ghana", "Morocco",
  "Turkey", "Greece", "Sweden", "Norway", "Finland", "Denmark", "Netherlands", "Belgium", "Austria", "Hungary",
  "Romania", "Bulgaria", "Serbia", "Croatia", "Portugal", "Ireland", "Israel", "Jordan", "Oman", "Qatar",
  "Pakistan", "Bangladesh", "Nepal", "Mongolia", "Kazakhstan", "Uzbekistan", "Singapore", "Malaysia", "Thailand", "Cambodia",
];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The fixture site: /feed.xml lists `n` articles; /a/<i> is article i (talks between Vietnam and PARTNERS[i]). */
async function startSite(n: number, day: Date) {
  const when = `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
  const published = new Date(day.getTime() + 8 * 3600_000).toUTCString();
  const server = createServer((req, res) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === "/feed.xml") {
      const items = PARTNERS.slice(0, n).map((c, i) => `<item><title>Vietnam and ${c} hold defense talks</title><link>${origin}/a/${i}</link><guid>${origin}/a/${i}</guid><pubDate>${published}</pubDate></item>`);
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      return void res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Bench Wire</title><link>${origin}</link>${items.join("")}</channel></rss>`);
    }
    const m = /^\/a\/(\d+)$/.exec(req.url ?? "");
    const c = m ? PARTNERS[Number(m[1])] : undefined;
    if (!c) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><head><title>Vietnam and ${c} hold defense talks</title><meta property="article:published_time" content="${new Date(day.getTime() + 8 * 3600_000).toISOString()}"></head>
<body><article><h1>Vietnam and ${c} hold defense talks</h1>
<p>HANOI, ${when} - Vietnam and ${c} held defense policy talks in Hanoi on ${when}, the Vietnamese defense ministry said.</p>
<p>The talks were the third round of the annual dialogue, officials said.</p></article></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { feed: `${origin}/feed.xml`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

interface Row {
  scenario: string;
  articles: number;
  developments: number;
  messages: number;
  runMs: number[];
  latencies: number[];
}

async function scenario(name: string, n: number, channels: (i: number) => string): Promise<Row> {
  const row: Row = { scenario: name, articles: n, developments: 0, messages: 0, runMs: [], latencies: [] };
  for (let run = 0; run < runs; run++) {
    const slack = await startDigestFakeSlack();
    const site = await startSite(n, new Date(Date.now() - 2 * 86_400_000));
    const dir = mkdtempSync(join(tmpdir(), "bench-alerts-"));
    const db: Db = openDb(join(dir, "a.db"));
    const watchedAt = new Date(Date.now() - 60_000).toISOString();
    const watches = createWatchesRepo(db);
    for (let i = 0; i < n; i++) {
      const code = gazetteer.resolveCountryName(PARTNERS[i]!)?.code;
      if (!code) throw new Error(`bench: unknown country ${PARTNERS[i]}`);
      watches.setAlerts(channels(i), makePair("VN", code), true, "bench", watchedAt);
    }
    insertSource(db, { kind: "feed", url: site.feed, now: new Date() });
    const fetcher = createFetcher({ userAgent: "bench", timeoutMs: 30_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 3, retries: 0, perHostConcurrency: 8, perHostDelayMs: 0, allowPrivateHosts: true });
    // the insert time of each development, taken right after the analyzer filed it
    const insertedAt = new Map<number, number>();
    const maxId = () => (db.$client.prepare("SELECT coalesce(max(id), 0) AS m FROM developments").get() as { m: number }).m;
    const analyzeDeps = { db, analyzer, clock: () => new Date(), logger: silentLogger };
    const alerts = createAlertRunner({ db, port: createDigestWebClient("xoxb-bench", { slackApiUrl: slack.apiUrl }), clock: () => new Date(), logger: silentLogger, runner: "bench", countries: gazetteer });
    const scheduler = startIngestScheduler(
      {
        db,
        fetcher,
        clock: () => new Date(),
        logger: silentLogger,
        timeZone: "Asia/Ho_Chi_Minh",
        onArticle: (id) => {
          const before = maxId();
          analyzeStoredArticle(analyzeDeps, id);
          const t = performance.now();
          for (let d = before + 1; d <= maxId(); d++) insertedAt.set(d, t);
        },
      },
      { cron: "0 0 1 1 *", afterRun: () => alerts.run("ingest") },
    );
    const t0 = performance.now();
    await scheduler.tick("bench");
    row.runMs.push(performance.now() - t0);
    await scheduler.stop();
    await alerts.stop();
    fetcher.close();
    // which developments each posted message carried
    const byKey = new Map<string, number[]>();
    for (const r of db.$client.prepare("SELECT channel, message_key AS key, development_id AS id FROM alerts").all() as { channel: string; key: string; id: number }[]) {
      byKey.set(`${r.channel}/${r.key}`, [...(byKey.get(`${r.channel}/${r.key}`) ?? []), r.id]);
    }
    const posts = slack.calls.filter((c) => c.method === "chat.postMessage");
    const seen = row.latencies.length;
    for (const p of posts) {
      const key = (p.body.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;
      for (const id of byKey.get(`${p.body.channel}/${key}`) ?? []) row.latencies.push(p.at - insertedAt.get(id)!);
    }
    row.developments = insertedAt.size;
    row.messages = posts.length;
    if (row.latencies.length - seen !== insertedAt.size) throw new Error(`bench: ${insertedAt.size} developments filed, ${row.latencies.length - seen} alerted`);
    closeDb(db);
    await site.close();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return row;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${Math.round(x)} ms`;

const rows = [
  await scenario("5 new, 1 channel", 5, () => "C1"),
  await scenario("5 new, 5 channels", 5, (i) => `C${i}`),
  await scenario("50 new, 1 channel (burst)", 50, () => "C1"),
];
console.log(`\nalert latency, development insert → chat.postMessage at the fake Web API (${runs} runs each, loopback)\n`);
console.log("| scenario | articles | developments | messages | ingest run + alerts p50 | latency p50 | latency max |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  console.log(`| ${r.scenario} | ${r.articles} | ${r.developments} | ${r.messages} | ${ms(pct(r.runMs, 50))} | ${ms(pct(r.latencies, 50))} | ${ms(Math.max(...r.latencies))} |`);
}
