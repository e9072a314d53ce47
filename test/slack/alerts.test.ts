/**
 * Alerts in Slack end to end: `/relations watch china belarus alerts` as a signed slash command
 * into the real Bolt app on loopback, an alert posted through the fake Web API, and a follow-up
 * question in the alert's thread as a signed event, answered in that thread for the alert's pair.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { createQuestionParser } from "../../src/analyze/question.ts";
import { createChatCore } from "../../src/chat/core.ts";
import { createFollowUpAnswerer } from "../../src/chat/follow-up.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import type { Db } from "../../src/db/client.ts";
import { claimEvent } from "../../src/db/processed-events.repo.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { runAlerts } from "../../src/services/alerts.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import { createDigestWebClient } from "../../src/slack/digest-port.ts";
import { registerEventDedupe } from "../../src/slack/listeners/dedupe.ts";
import { testDb } from "../helpers/db.ts";
import { insertDevelopment } from "../helpers/digest-rows.ts";
import { startFakeSlackApi, startResponseUrlServer, type FakeSlackApi, type ResponseUrlServer } from "../helpers/slack-fakes.ts";
import { messageText } from "../helpers/slack-limits.ts";
import { eventEnvelope, postEvent, postSlashCommand } from "../helpers/slack-signing.ts";
import { seedAnswerData } from "../services/answer-seed.ts";

const SECRET = "test-signing-secret";
const CHANNEL = "C0001"; // postSlashCommand's channel
let now = Date.parse("2025-01-15T03:00:00Z");
const clock = () => new Date(now);

let db: Db;
let api: FakeSlackApi;
let ru: ResponseUrlServer;
let slack: SlackApp;
let url: string;

beforeEach(async () => {
  now = Date.parse("2025-01-15T03:00:00Z");
  db = testDb();
  seedAnswerData(db);
  const gazetteer = loadGazetteer();
  const botMessages = createBotMessagesRepo(db);
  const chat = createChatCore({
    timeline: createTimelineService(createTimelineRepo(db)),
    countries: gazetteer,
    watches: createWatchesRepo(db),
    botMessages,
    clock,
    followUp: createFollowUpAnswerer({ db, parser: createQuestionParser(gazetteer), countries: gazetteer, botMessages, clock }),
  });
  api = await startFakeSlackApi();
  ru = await startResponseUrlServer();
  slack = createSlackApp({ botToken: "xoxb-test", signingSecret: SECRET, apiUrl: api.url, port: 0, host: "127.0.0.1", chat, logger: silentLogger, postOptions: { backoffMs: 10 } });
  registerEventDedupe(slack.app, (id) => claimEvent(db, id, clock().toISOString()), silentLogger);
  url = `http://127.0.0.1:${(await slack.start()).port}/slack/events`;
});

afterEach(async () => {
  await slack.stop();
  await api.close();
  await ru.close();
  expect(api.violations).toEqual([]);
});

async function command(text: string): Promise<string> {
  const before = ru.received.length;
  expect((await postSlashCommand(url, SECRET, { text, response_url: ru.url() })).status).toBe(200);
  const got = await ru.waitFor(before + 1);
  return messageText(got[before]!.body);
}

const alertsNow = () =>
  runAlerts({ db, port: createDigestWebClient("xoxb-test", { slackApiUrl: api.url }), clock, logger: silentLogger, runner: "r1", countries: loadGazetteer() }, { intervalMs: 0 });

describe("alerts in Slack", () => {
  it("watch … alerts confirms; the alert's thread answers follow-up questions for its pair", async () => {
    expect(await command("watch china belarus alerts")).toContain("This channel now gets an alert for each new development between Belarus – China");
    expect(await command("watch china belarus alerts")).toContain("already gets alerts for Belarus – China");
    expect(await command("watching")).toContain("Belarus – China · alerts on");

    now += 60 * 60_000;
    insertDevelopment(db, { a: "CN", b: "BY", type: "visit", dateStart: "2025-01-14", firstSeenAt: new Date(now).toISOString(), summary: "Belarus's defense minister visited Beijing." });
    now += 60_000;
    const r = await alertsNow();
    expect(r.posted).toHaveLength(1);
    const alert = api.messages.find((m) => m.channel === CHANNEL && !m.thread_ts)!;
    expect(messageText(alert as unknown as Record<string, unknown>)).toContain("New · Belarus – China · 14 Jan 2025 · Visit");

    const question = { type: "message", channel: CHANNEL, user: "U0001", text: "when did they last hold exercises?", ts: `${Number(alert.ts) + 5}.000001`, thread_ts: alert.ts };
    expect((await postEvent(url, SECRET, eventEnvelope(question))).status).toBe(200);
    const inThread = () => api.calls.filter((c) => c.method === "chat.postMessage" && c.body.thread_ts === alert.ts);
    for (let i = 0; i < 300 && inThread().length < 1; i++) await new Promise((res) => setTimeout(res, 10));
    expect(inThread()).toHaveLength(1);
    expect(messageText(inThread()[0]!.body)).toContain("Exercise");
    expect(messageText(inThread()[0]!.body)).toContain("Eagle Assault");
  });

  it("unwatch … alerts confirms and stops them; the digest watch stays", async () => {
    await command("watch china belarus alerts");
    expect(await command("unwatch china belarus alerts")).toContain("no longer gets alerts for Belarus – China; it still watches the pair");
    expect(await command("unwatch china belarus alerts")).toContain("was not getting alerts for Belarus – China");
    now += 60 * 60_000;
    insertDevelopment(db, { a: "CN", b: "BY", dateStart: "2025-01-14", firstSeenAt: new Date(now).toISOString() });
    expect((await alertsNow()).posted).toEqual([]);
    expect(await command("watching")).not.toContain("alerts on");
  });
});
