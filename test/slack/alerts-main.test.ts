/**
 * Alerts in the app as `npm start` wires it with Slack tokens (HTTP mode): the analysis after start
 * files a development of a pair a channel watches with alerts, the alert reaches the fake Web API,
 * and a follow-up question in its thread (a signed event into the running Bolt app) is answered
 * in that thread.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { closeDb, openDb } from "../../src/db/client.ts";
import { articles } from "../../src/db/schema.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { startApp, type Running } from "../../src/main.ts";
import { startFakeSlackApi, type FakeSlackApi } from "../helpers/slack-fakes.ts";
import { messageText } from "../helpers/slack-limits.ts";
import { eventEnvelope, postEvent } from "../helpers/slack-signing.ts";

const SECRET = "s3cret";
const CH = "C0ALERT";
let running: Running | null = null;
let api: FakeSlackApi | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await running?.shutdown("test end");
  await api?.close();
  running = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const until = async (pred: () => boolean, what: string) => {
  const end = Date.now() + 45_000;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`alerts-main: no ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe("alerts in the running app with Slack tokens", () => {
  it("posts the alert of a development filed after start, and answers a follow-up in its thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relations-alerts-main-"));
    dirs.push(dir);
    const path = join(dir, "r.db");
    const db = openDb(path);
    createWatchesRepo(db).setAlerts(CH, { a: "BY", b: "CN" }, true, "U1", "2024-07-11T00:00:00.000Z");
    db.insert(articles)
      .values({
        canonicalUrl: "https://wire.example/eagle-assault",
        outlet: "Test Wire",
        title: "China and Belarus open joint anti-terror drill near Brest",
        text: "BREST, July 10 - Chinese and Belarusian troops began a joint anti-terrorism training exercise near the border city of Brest on Monday, the Belarusian defence ministry said. The drill, named Eagle Assault, runs until July 19.",
        language: "en",
        publishedAt: "2024-07-10",
        publishedPrecision: "day",
        fetchedAt: "2024-07-11T01:00:00.000Z",
        contentHash: "eagle",
      })
      .run();
    closeDb(db);
    api = await startFakeSlackApi();
    running = await startApp(
      { DATABASE_PATH: path, SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api.url, PORT: "0", INGEST_ON_START: "false", LOG_LEVEL: "error" },
      { input: new PassThrough(), output: new PassThrough() },
      () => new Date("2024-07-12T03:00:00Z"),
    );
    const fake = api;
    // the channel watches the pair, so the weekly digest's catch-up posts there too: the alert is the one with alert metadata
    const isAlert = (m: (typeof fake.messages)[number]) => m.channel === CH && !m.thread_ts && m.metadata?.event_type === "relations_alert";
    await until(() => fake.messages.some(isAlert), "alert");
    expect(fake.messages.filter(isAlert)).toHaveLength(1);
    const alert = fake.messages.find(isAlert)!;
    expect(messageText(alert as unknown as Record<string, unknown>)).toMatch(/New · Belarus – China · [^\n]* · Exercise/);

    const url = `http://127.0.0.1:${running.port}/slack/events`;
    const question = { type: "message", channel: CH, user: "U0001", text: "when did they hold the exercise?", ts: `${Number(alert.ts) + 5}.000001`, thread_ts: alert.ts };
    expect((await postEvent(url, SECRET, eventEnvelope(question))).status).toBe(200);
    await until(() => fake.messages.some((m) => m.channel === CH && m.thread_ts === alert.ts), "answer in the alert's thread");
    const answer = fake.messages.find((m) => m.channel === CH && m.thread_ts === alert.ts)!;
    const text = messageText(answer as unknown as Record<string, unknown>);
    expect(text).toContain("Belarus – China · from one development in the stored articles");
    expect(text).toContain("<https://wire.example/eagle-assault|Test Wire>");
  }, 60_000);
});
