/**
 * Answers in Vietnamese end to end (issue 13): signed slash commands into the real Bolt app on
 * loopback, answers delivered to a local response_url server, thread replies posted through the
 * fake Slack Web API, on a real in-memory database with the real gazetteer and answerer.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gazetteerPort } from "../../src/analyze/gazetteer-port.ts";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { createQuestionParser } from "../../src/analyze/question.ts";
import { summarizeVi } from "../../src/analyze/summary-vi.ts";
import { createChatCore } from "../../src/chat/core.ts";
import type { SummaryRenderer } from "../../src/domain/types.ts";
import { createFollowUpAnswerer } from "../../src/chat/follow-up.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import { createChannelSettingsRepo } from "../../src/db/channel-settings.repo.ts";
import type { Db } from "../../src/db/client.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import { ACTION_IDS } from "../../src/slack/render.ts";
import { testDb } from "../helpers/db.ts";
import { startFakeSlackApi, startResponseUrlServer, type FakeSlackApi, type ResponseUrlServer } from "../helpers/slack-fakes.ts";
import { findMentions, messageText } from "../helpers/slack-limits.ts";
import { buttonPayload, eventEnvelope, postEvent, postInteraction, postSlashCommand } from "../helpers/slack-signing.ts";
import { seedAnswerData } from "../services/answer-seed.ts";

const SECRET = "test-signing-secret";
const clock = () => new Date("2025-01-15T03:00:00Z");

let db: Db;
let api: FakeSlackApi;
let ru: ResponseUrlServer;
let slack: SlackApp;
let url: string;

beforeEach(async () => {
  db = testDb();
  seedAnswerData(db);
  const gazetteer = loadGazetteer();
  const port = gazetteerPort(gazetteer);
  const summarize: SummaryRenderer = (f, lang) => (lang === "vi" ? summarizeVi(f, port) : f.summary);
  const botMessages = createBotMessagesRepo(db);
  const chat = createChatCore({
    timeline: createTimelineService(createTimelineRepo(db), { clock }),
    countries: gazetteer,
    watches: createWatchesRepo(db),
    botMessages,
    settings: createChannelSettingsRepo(db),
    summarize,
    clock,
    followUp: createFollowUpAnswerer({ db, parser: createQuestionParser(gazetteer), countries: gazetteer, botMessages, summarize, clock }),
  });
  api = await startFakeSlackApi();
  ru = await startResponseUrlServer();
  slack = createSlackApp({ botToken: "xoxb-test", signingSecret: SECRET, apiUrl: api.url, port: 0, host: "127.0.0.1", chat, logger: silentLogger, postOptions: { backoffMs: 10 } });
  url = `http://127.0.0.1:${(await slack.start()).port}/slack/events`;
});

afterEach(async () => {
  await slack.stop();
  await api.close();
  await ru.close();
  expect(api.violations).toEqual([]);
  expect(ru.violations).toEqual([]);
});

const settle = (ms = 10) => new Promise((r) => setTimeout(r, ms));

/** Sends `/relations <text>` from a channel and returns the answer posted to its response_url. */
async function ask(text: string, channel = "C0001", id = `q${Math.random()}`) {
  const res = await postSlashCommand(url, SECRET, { text, response_url: ru.url(id), channel_id: channel });
  expect(res.status).toBe(200);
  for (let i = 0; i < 300 && !ru.received.some((r) => r.path.endsWith(`/${id}`)); i++) await settle();
  return ru.received.find((r) => r.path.endsWith(`/${id}`))!.body;
}

const buttons = (m: Record<string, unknown>) =>
  (m.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string; text: { text: string } }> }>).flatMap((b) => (b.type === "actions" ? b.elements! : []));

describe("/relations in Vietnamese over Slack", () => {
  it("a command written in Vietnamese is answered in Vietnamese: names, dates, types, summaries; English stays the default", async () => {
    const vi = await ask("trung quốc belarus");
    const text = messageText(vi);
    expect(text).toContain("Belarus – Trung Quốc");
    expect(text).toContain("*8–19/7/2024 · Tập trận*\nBelarus và Trung Quốc đã tổ chức tập trận chung.");
    expect(text).toMatch(/sự kiện từ \d+ nguồn/);
    expect(buttons(vi).map((b) => b.text.text)).toEqual(["Chia sẻ vào kênh", "Biểu đồ"]);
    const en = await ask("china belarus");
    expect(messageText(en)).toContain("*8–19 Jul 2024 · Exercise*\nChina and Belarus held a joint counter-terrorism exercise (Eagle Assault).");
  });

  it("/relations lang vi, then an English command answers in Vietnamese in that channel, and its thread's follow-ups too", async () => {
    expect(messageText(await ask("lang vi", "C0042"))).toContain("tiếng Việt");
    const m = await ask("china belarus", "C0042");
    expect(messageText(m)).toContain("*8–19/7/2024 · Tập trận*");
    // another channel is untouched
    expect(messageText(await ask("china belarus", "C0007"))).toContain("*8–19 Jul 2024 · Exercise*");
    // shared in the channel, then a follow-up in English in its thread: answered in Vietnamese
    const share = buttons(m).find((b) => b.action_id === ACTION_IDS.share)!;
    await postInteraction(url, SECRET, buttonPayload({ actionId: ACTION_IDS.share, value: share.value, responseUrl: ru.url("share"), channel: "C0042" }));
    for (let i = 0; i < 300 && !api.calls.some((c) => c.method === "chat.postMessage"); i++) await settle();
    const posted = api.calls.find((c) => c.method === "chat.postMessage")!;
    expect(messageText(posted.body)).toContain("Belarus – Trung Quốc");
    const parentTs = api.messages.find((x) => x.channel === "C0042")!.ts;
    await postEvent(url, SECRET, eventEnvelope({ type: "message", channel: "C0042", user: "U0001", text: "when did they last hold exercises?", ts: "1700000100.000001", thread_ts: parentTs }));
    for (let i = 0; i < 300 && !api.calls.some((c) => c.method === "chat.postMessage" && c.body.thread_ts); i++) await settle();
    const answer = messageText(api.calls.find((c) => c.method === "chat.postMessage" && c.body.thread_ts)!.body);
    expect(answer).toContain("*8–19/7/2024 · Tập trận*");
    expect(answer).toContain("Belarus và Trung Quốc đã tổ chức tập trận chung.");
    // the evidence quote stays in its own language
    expect(answer).toContain("“China and Belarus held the Eagle Assault joint counter-terrorism exercise near Brest from 8 to 19 July 2024.”");
    expect(answer).toContain("Trả lời “thêm”");
  });

  it("hostile text in a Vietnamese answer stays escaped", async () => {
    const m = await ask("trung quốc &lt;!channel&gt; &lt;@U1&gt;");
    expect(messageText(m)).toContain("Tôi không biết nước");
    expect(findMentions(m)).toEqual([]);
  });
});
