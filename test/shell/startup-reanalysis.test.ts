/**
 * No blocking start: after an analyzer upgrade every stored article is analyzed again on start.
 * The real startApp (HTTP mode, in this process, so a blocked event loop would delay our own
 * requests too) on a database of 3,000 stale articles: while the re-analysis runs, a signed
 * /relations is acknowledged within Slack's 3 s and /healthz answers within 1 s, and the timeline
 * answers from the previous analysis meanwhile.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeDb, openDb } from "../../src/db/client.ts";
import { startApp, type Running } from "../../src/main.ts";
import { startFakeSlackApi, startResponseUrlServer, type FakeSlackApi, type ResponseUrlServer } from "../helpers/slack-fakes.ts";
import { messageText } from "../helpers/slack-limits.ts";
import { postSlashCommand } from "../helpers/slack-signing.ts";
import { seedDevelopments } from "../chat/seed.ts";

const SECRET = "s3cret";
const STALE = 3000;
let dir: string;
let api: FakeSlackApi;
let ru: ResponseUrlServer;
let running: Running | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rel-startup-"));
  const db = openDb(join(dir, "r.db"));
  // what an earlier analyzer left: a development of the pair...
  seedDevelopments(db, [{ pair: ["CN", "BY"], type: "exercise", start: "2024-07-08", end: "2024-07-19", summary: "China and Belarus held a joint exercise near Brest.", sources: [{ url: "https://old.example/eagle", outlet: "Xinhua" }] }]);
  // ...and 3,000 articles it analyzed, each a realistic report of a few hundred words
  const insert = db.$client.prepare(
    "INSERT INTO articles (canonical_url, outlet, title, language, text, published_at, published_precision, fetched_at, content_hash, analyzed_version, analyzed_at) VALUES (?, ?, ?, 'en', ?, ?, 'day', ?, ?, 'an-old-version', ?)",
  );
  db.$client.transaction(() => {
    for (let i = 0; i < STALE; i++) {
      const day = String(1 + (i % 28)).padStart(2, "0");
      const text = [
        `China and Belarus held joint anti-terrorism exercise number ${i} near Brest on ${day} July 2024, the defence ministry said.`,
        `About ${100 + i} paratroopers from both countries took part in the drills, which included urban combat and hostage rescue.`,
        `Belarusian Defence Minister Viktor Khrenin said cooperation with the Chinese army would deepen. ${"Officials described the training as routine and defensive. ".repeat(8)}`,
        `The exercise ended with a parade. ${"Observers noted the scale of the event. ".repeat(6)}`,
      ].join("\n\n");
      insert.run(`https://news.example/${i}`, "Example News", `China and Belarus hold exercise ${i}`, text, `2024-07-${day}`, "2024-07-30T00:00:00.000Z", `h${i}`, "2024-07-30T00:00:00.000Z");
    }
  })();
  closeDb(db);
  api = await startFakeSlackApi();
  ru = await startResponseUrlServer();
}, 60_000);

afterAll(async () => {
  await running?.shutdown("test");
  await api.close();
  await ru.close();
  rmSync(dir, { recursive: true, force: true });
});

it("acks a signed /relations within 3 s and /healthz within 1 s while 3,000 stale articles are analyzed again", async () => {
  running = await startApp(
    { DATABASE_PATH: join(dir, "r.db"), SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api.url, PORT: "0", INGEST_ON_START: "false", LOG_LEVEL: "silent" },
    { input: new PassThrough(), output: new PassThrough() },
  );
  const db = running.db;
  const pending = () => db.$client.prepare("SELECT count(*) FROM articles WHERE analyzed_version = 'an-old-version'").pluck().get() as number;
  const base = `http://127.0.0.1:${running.port}`;
  // wait until the re-analysis is well under way (past the one-off loads right after ready: the
  // gazetteer, the follow-up answerer), then probe while it runs
  for (let i = 0; i < 1200 && pending() > STALE - 150; i++) await new Promise((r) => setTimeout(r, 25));
  expect(pending()).toBeLessThanOrEqual(STALE - 150);
  let probes = 0;
  for (let k = 0; k < 4 && pending() > 0; k++) {
    const t0 = performance.now();
    const health = await fetch(`${base}/healthz`);
    const healthMs = performance.now() - t0;
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(1000);
    const t1 = performance.now();
    const res = await postSlashCommand(`${base}/slack/events`, SECRET, { text: "china belarus", response_url: ru.url(`p${k}`) });
    const ackMs = performance.now() - t1;
    expect(res.status).toBe(200);
    expect(ackMs).toBeLessThan(3000);
    // the probe fell within the re-analysis
    expect(pending()).toBeGreaterThan(0);
    probes++;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(probes).toBeGreaterThanOrEqual(2);
  // the timeline answered meanwhile, from what the analyses so far left
  const answers = await ru.waitFor(probes, 10_000);
  expect(messageText(answers[0]!.body)).toContain("Belarus – China");
  expect(messageText(answers[0]!.body)).not.toContain("Nothing yet");
}, 90_000);
