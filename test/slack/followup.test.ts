/**
 * Follow-up questions end to end: signed Events API payloads into the real Bolt app on loopback,
 * the chat core with the real answerer on an in-memory database, answers posted in the thread
 * through the fake Slack Web API (every message checked against Block Kit limits).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { createQuestionParser } from "../../src/analyze/question.ts";
import { createChatCore, type ChatCore } from "../../src/chat/core.ts";
import { createFollowUpAnswerer } from "../../src/chat/follow-up.ts";
import { createBotMessagesRepo, type BotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import type { Db } from "../../src/db/client.ts";
import { claimEvent } from "../../src/db/processed-events.repo.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import { registerEventDedupe } from "../../src/slack/listeners/dedupe.ts";
import { testDb } from "../helpers/db.ts";
import { startFakeSlackApi, type FakeSlackApi } from "../helpers/slack-fakes.ts";
import { findMentions, messageText } from "../helpers/slack-limits.ts";
import { buttonPayload, eventEnvelope, postEvent, postInteraction } from "../helpers/slack-signing.ts";
import { recordDigestMessage } from "../../src/db/digests.repo.ts";
import { seedAnswerData } from "../services/answer-seed.ts";

const SECRET = "test-signing-secret";
const PARENT = "1700000000.000101";
const CHANNEL = "C0001";
const clock = () => new Date("2025-01-15T03:00:00Z");

let db: Db;
let chat: ChatCore;
let botMessages: BotMessagesRepo;
let api: FakeSlackApi;
let slack: SlackApp;
let url: string;
let ids: ReturnType<typeof seedAnswerData>;

beforeEach(async () => {
  db = testDb();
  ids = seedAnswerData(db);
  const gazetteer = loadGazetteer();
  botMessages = createBotMessagesRepo(db);
  chat = createChatCore({
    timeline: createTimelineService(createTimelineRepo(db)),
    countries: gazetteer,
    watches: createWatchesRepo(db),
    botMessages,
    clock,
    followUp: createFollowUpAnswerer({ db, parser: createQuestionParser(gazetteer), countries: gazetteer, botMessages, clock }),
  });
  // the timeline shared in the channel that the thread hangs on
  chat.recordPosted(CHANNEL, PARENT, { kind: "timeline", pair: { a: "BY", b: "CN" }, oldest: `2024-07-08:${ids.dev.eagle}` });
  api = await startFakeSlackApi();
  slack = createSlackApp({ botToken: "xoxb-test", signingSecret: SECRET, apiUrl: api.url, port: 0, host: "127.0.0.1", chat, logger: silentLogger, postOptions: { backoffMs: 10 } });
  registerEventDedupe(slack.app, (id) => claimEvent(db, id, clock().toISOString()), silentLogger);
  const { port } = await slack.start();
  url = `http://127.0.0.1:${port}/slack/events`;
});

afterEach(async () => {
  await slack.stop();
  await api.close();
  expect(api.violations).toEqual([]);
});

const reply = (over: Record<string, unknown> = {}) => ({ type: "message", channel: CHANNEL, user: "U0001", text: "when did they last hold exercises?", ts: "1700000100.000001", thread_ts: PARENT, ...over });
const threadPosts = () => api.calls.filter((c) => c.method === "chat.postMessage" && c.body.thread_ts);
const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));
async function answerTo(event: Record<string, unknown>, n = 1) {
  expect((await postEvent(url, SECRET, eventEnvelope(event))).status).toBe(200);
  for (let i = 0; i < 300 && threadPosts().length < n; i++) await settle(10);
  return threadPosts()[n - 1]!;
}

describe("replies in a tracked thread", () => {
  it("answers in the thread from the stored articles, with date, summary, quote and source link", async () => {
    const post = await answerTo(reply());
    expect(post.body.channel).toBe(CHANNEL);
    expect(post.body.thread_ts).toBe(PARENT);
    const text = messageText(post.body);
    expect(text).toContain("*8–19 Jul 2024 · Exercise*");
    expect(text).toContain("China and Belarus held a joint counter-terrorism exercise (Eagle Assault).");
    expect(text).toContain("“China and Belarus held the Eagle Assault joint counter-terrorism exercise near Brest from 8 to 19 July 2024.”");
    expect(text).toContain("<https://xinhua.example/eagle-assault-2024|Xinhua>");
  });

  it("answers a Vietnamese question in Vietnamese", async () => {
    const post = await answerTo(reply({ text: "tháng 3/2023 hai bên đã thỏa thuận gì?" }));
    expect(messageText(post.body)).toContain("*2/3/2023 · Thỏa thuận*");
    expect(messageText(post.body)).toContain("ký tuyên bố chung");
  });

  it("says plainly when nothing matches, without inventing anything", async () => {
    const post = await answerTo(reply({ text: "any joint patrols?" }));
    expect(messageText(post.body)).toContain("I found nothing about patrols for Belarus – China in the stored articles.");
  });

  it("answers a mention of the bot in a tracked thread once (Slack sends both message and app_mention)", async () => {
    const ev = { channel: CHANNEL, user: "U0001", text: "<@UBOT> any arms deals?", ts: "1700000200.000001", thread_ts: PARENT };
    await postEvent(url, SECRET, eventEnvelope({ type: "app_mention", ...ev }));
    await postEvent(url, SECRET, eventEnvelope({ type: "message", ...ev }));
    for (let i = 0; i < 300 && threadPosts().length < 1; i++) await settle(10);
    await settle();
    expect(threadPosts()).toHaveLength(1);
    expect(messageText(threadPosts()[0]!.body)).toContain("Belarus received Chinese armored vehicles.");
  });

  it("answers a retried delivery (same event_id) once", async () => {
    const env = eventEnvelope(reply(), { eventId: "EvRetry1" });
    expect((await postEvent(url, SECRET, env)).status).toBe(200);
    expect((await postEvent(url, SECRET, env, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } })).status).toBe(200);
    for (let i = 0; i < 300 && threadPosts().length < 1; i++) await settle(10);
    await settle(200);
    expect(threadPosts()).toHaveLength(1);
    expect(db.$client.prepare("SELECT count(*) FROM processed_events WHERE event_id = 'EvRetry1'").pluck().get()).toBe(1);
  });

  it("drops a delivery whose event id was already handled (by another process, or before a restart)", async () => {
    claimEvent(db, "EvSeenBefore", "2025-01-15T02:59:00Z");
    await postEvent(url, SECRET, eventEnvelope(reply({ ts: "1700000300.000001" }), { eventId: "EvSeenBefore" }));
    await settle(300);
    expect(threadPosts()).toEqual([]);
  });

  it("'more' goes on from what the thread showed, and the next 'more' from that answer", async () => {
    const first = await answerTo(reply({ text: "more", ts: "1700000400.000001" }));
    // older than the Eagle Assault exercise shown by the timeline: the Minsk visit, the March 2023 statement, the vehicles
    expect(messageText(first.body)).toMatch(/Aug 2023 · Visit[\s\S]*Mar 2023 · Agreement[\s\S]*2022 · Arms/);
    expect(botMessages.find(CHANNEL, PARENT)?.cursor).toBe(`2022-01-01:${ids.dev.vehicles}`);
    const second = await answerTo(reply({ text: "more", ts: "1700000500.000001" }), 2);
    expect(messageText(second.body)).toContain("China and Belarus held defense talks.");
  });

  it("a switch of pair answers for the new pair and the thread follows it", async () => {
    const post = await answerTo(reply({ text: "and China–Russia?", ts: "1700000600.000001" }));
    expect(messageText(post.body)).toContain("Switched to China – Russia");
    expect(messageText(post.body)).toContain("Andrei Belousov visited Beijing");
    expect(botMessages.find(CHANNEL, PARENT)).toMatchObject({ countryA: "CN", countryB: "RU", kind: "timeline" });
    const next = await answerTo(reply({ text: "any patrols?", ts: "1700000700.000001" }), 2);
    expect(messageText(next.body)).toContain("China and Russia conducted a joint air patrol.");
  });

  it("never lets the question's text ping anyone", async () => {
    const post = await answerTo(reply({ text: "<!channel> <@U999> any <!here> drills in 2019?", ts: "1700000800.000001" }));
    expect(findMentions(post.body)).toEqual([]);
  });
});

describe("messages that get no answer", () => {
  it.each([
    ["a reply in an untracked thread", { thread_ts: "1600000000.000001" }],
    ["a top-level message", { thread_ts: undefined }],
    ["the bot's own message", { bot_id: "BBOT", user: "UBOT" }],
    ["another bot's message", { bot_id: "BOTHER", subtype: "bot_message" }],
    ["an edit", { subtype: "message_changed" }],
    ["a deletion", { subtype: "message_deleted" }],
    ["a channel join", { subtype: "channel_join" }],
  ])("%s", async (_n, over) => {
    await postEvent(url, SECRET, eventEnvelope(reply(over)));
    await settle(250);
    expect(threadPosts()).toEqual([]);
  });
});

describe("a digest's thread (Slack threads are flat: a reply under a pair's reply carries the digest's ts)", () => {
  const DIGEST = "1700001000.000001";
  const now = new Date("2025-01-13T01:00:00Z");
  function digestWith(pairs: [string, string][]) {
    recordDigestMessage(db, { channel: CHANNEL, ts: DIGEST, kind: "digest", since: "2025-01-06", until: "2025-01-12", now });
    pairs.forEach(([a, b], i) => recordDigestMessage(db, { channel: CHANNEL, ts: `1700001000.00010${i}`, kind: "digest_pair", countryA: a, countryB: b, since: "2025-01-06", until: "2025-01-12", now }));
  }
  const inDigest = (over: Record<string, unknown> = {}) => reply({ thread_ts: DIGEST, ts: "1700001100.000001", ...over });

  it("with several pairs, asks which one with a button per pair; the button answers the question for that pair", async () => {
    digestWith([["BY", "CN"], ["CN", "RU"]]);
    const ask = await answerTo(inDigest({ text: "any exercises?" }));
    const text = messageText(ask.body);
    expect(text).not.toContain("no pair");
    expect(text).toContain("Which pair of this digest");
    const buttons = (ask.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string; text: { text: string } }> }>).flatMap((b) => (b.type === "actions" ? b.elements! : []));
    expect(buttons.map((b) => b.text.text)).toEqual(["Belarus – China", "China – Russia"]);
    const payload = buttonPayload({ actionId: buttons[0]!.action_id, value: buttons[0]!.value, responseUrl: "http://127.0.0.1:9/unused", ephemeral: false });
    (payload.container as Record<string, unknown>).thread_ts = DIGEST;
    expect((await postInteraction(url, SECRET, payload)).status).toBe(200);
    for (let i = 0; i < 300 && threadPosts().length < 2; i++) await settle(10);
    const answer = threadPosts()[1]!;
    expect(answer.body.thread_ts).toBe(DIGEST);
    expect(messageText(answer.body)).toContain("Eagle Assault");
    // the thread now follows the picked pair
    const next = await answerTo(inDigest({ text: "any arms deals?", ts: "1700001200.000001" }), 3);
    expect(messageText(next.body)).toContain("Belarus received Chinese armored vehicles.");
  });

  it("with one pair, answers for it", async () => {
    digestWith([["BY", "CN"]]);
    const post = await answerTo(inDigest({ text: "when did they last hold exercises?" }));
    expect(messageText(post.body)).toContain("Eagle Assault");
  });

  it("takes the pair from the question's words when it names one", async () => {
    digestWith([["BY", "CN"], ["CN", "RU"]]);
    const post = await answerTo(inDigest({ text: "and China–Russia?" }));
    expect(messageText(post.body)).toContain("China – Russia");
    expect(messageText(post.body)).toContain("Andrei Belousov visited Beijing");
  });
});

describe("replies people really send", () => {
  it.each([
    ["also sent to the channel (thread_broadcast)", { subtype: "thread_broadcast" }],
    ["a file with a comment (file_share)", { subtype: "file_share", files: [{ id: "F1", name: "notes.pdf" }] }],
  ])("%s is answered like a plain reply", async (_n, over) => {
    const post = await answerTo(reply(over));
    expect(post.body.thread_ts).toBe(PARENT);
    expect(messageText(post.body)).toContain("Eagle Assault");
  });

  it("a top-level mention gets a short usage answer in its thread instead of silence", async () => {
    await postEvent(url, SECRET, eventEnvelope({ type: "app_mention", channel: CHANNEL, user: "U0001", text: "<@UBOT> hello?", ts: "1700002000.000001" }));
    await postEvent(url, SECRET, eventEnvelope({ type: "message", channel: CHANNEL, user: "U0001", text: "<@UBOT> hello?", ts: "1700002000.000001" }));
    for (let i = 0; i < 300 && threadPosts().length < 1; i++) await settle(10);
    await settle();
    expect(threadPosts()).toHaveLength(1);
    expect(threadPosts()[0]!.body.thread_ts).toBe("1700002000.000001");
    expect(messageText(threadPosts()[0]!.body)).toContain("/relations china belarus");
  });
});

describe("an answer is posted once even when Slack stores it and then fails", () => {
  it.each([
    ["answers 500 after storing it", () => api.on("chat.postMessage", (_b, n) => (n === 1 ? { status: 500, store: true } : undefined as never))],
    ["drops the connection after storing it", () => api.on("chat.postMessage", (_b, n) => (n === 1 ? "store-and-drop" : undefined as never))],
  ])("Slack %s", async (_n, arrange) => {
    arrange();
    expect((await postEvent(url, SECRET, eventEnvelope(reply()))).status).toBe(200);
    for (let i = 0; i < 300 && !api.calls.some((c) => c.method === "conversations.replies"); i++) await settle(10);
    await settle(300);
    const inThread = api.messages.filter((m) => m.thread_ts === PARENT);
    expect(inThread).toHaveLength(1);
    expect(messageText(inThread[0]!)).toContain("Eagle Assault");
    expect(api.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(1);
  });
});
