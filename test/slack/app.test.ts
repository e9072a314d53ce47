/**
 * End to end over loopback: the real Bolt app on 127.0.0.1, signed requests as Slack sends them,
 * answers delivered to a local response_url server and Web API calls to the fake Slack API.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { createChatCore, type ChatCore } from "../../src/chat/core.ts";
import type { Db } from "../../src/db/client.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import { ACTION_IDS } from "../../src/slack/render.ts";
import { testDb } from "../helpers/db.ts";
import { startFakeSlackApi, startResponseUrlServer, type FakeSlackApi, type ResponseUrlServer } from "../helpers/slack-fakes.ts";
import { assertBlockKitLimits, findMentions, messageText } from "../helpers/slack-limits.ts";
import { buttonPayload, eventEnvelope, postEvent, postInteraction, postSigned, postSlashCommand } from "../helpers/slack-signing.ts";
import { seedDevelopments, seedMany } from "../chat/seed.ts";

const SECRET = "test-signing-secret";

let db: Db;
let chat: ChatCore;
let api: FakeSlackApi;
let ru: ResponseUrlServer;
let slack: SlackApp;
let url: string;
let base: string;

beforeEach(async () => {
  db = testDb();
  chat = createChatCore({
    timeline: createTimelineService(createTimelineRepo(db)),
    countries: loadGazetteer(),
    watches: createWatchesRepo(db),
    botMessages: createBotMessagesRepo(db),
  });
  api = await startFakeSlackApi();
  ru = await startResponseUrlServer();
  slack = createSlackApp({ botToken: "xoxb-test", signingSecret: SECRET, apiUrl: api.url, port: 0, host: "127.0.0.1", chat, logger: silentLogger, postOptions: { backoffMs: 10 } });
  const { port } = await slack.start();
  base = `http://127.0.0.1:${port}`;
  url = `${base}/slack/events`;
});

afterEach(async () => {
  await slack.stop();
  await api.close();
  await ru.close();
  // Every message Slack would have received respects Block Kit's limits.
  expect(api.violations).toEqual([]);
  expect(ru.violations).toEqual([]);
});

/** Sends `/relations <text>` and returns the answer posted to its response_url. */
async function ask(text: string, id = "q") {
  const mine = () => ru.received.filter((r) => r.path.endsWith(`/${id}`));
  const before = mine().length;
  const started = Date.now();
  const res = await postSlashCommand(url, SECRET, { text, response_url: ru.url(id) });
  expect(res.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(3000);
  for (let i = 0; i < 200 && mine().length <= before; i++) await new Promise((r) => setTimeout(r, 10));
  return mine().at(-1)!.body;
}

const buttons = (m: Record<string, unknown>) =>
  (m.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).flatMap((b) => (b.type === "actions" ? b.elements! : []));

describe("slash command", () => {
  it("answers a signed command with an ephemeral timeline through response_url", async () => {
    seedDevelopments(db, [
      { pair: ["CN", "BY"], type: "exercise", start: "2024-07-08", end: "2024-07-19", summary: "Joint exercise near Brest.", sources: [{ url: "https://a.example/1", outlet: "Xinhua" }] },
    ]);
    const m = await ask("china belarus");
    expect(m.response_type).toBe("ephemeral");
    expect(messageText(m)).toContain("Belarus – China");
    expect(messageText(m)).toContain("*8–19 Jul 2024 · Exercise*\nJoint exercise near Brest.\n<https://a.example/1|Xinhua>");
    expect(buttons(m).map((b) => b.action_id)).toEqual([ACTION_IDS.share, ACTION_IDS.chart]);
  });

  it.each([
    ["help", "help", "How to use /relations"],
    ["unknown name", "china belaru", "Did you mean Belarus"],
    ["same country", "china china", "That's China twice"],
    ["empty pair", "china belarus", "Nothing yet between Belarus and China"],
  ])("%s gets an ephemeral answer", async (_n, q, want) => {
    const m = await ask(q);
    expect(m.response_type).toBe("ephemeral");
    expect(messageText(m)).toContain(want);
  });

  it.each([
    ["a bad signature", { badSignature: true }],
    ["a stale timestamp (6 minutes old)", { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    ["a timestamp 6 minutes ahead", { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }],
  ])("rejects %s with 401 and answers nothing", async (_n, opts) => {
    const res = await postSlashCommand(url, SECRET, { text: "help", response_url: ru.url("bad") }, opts);
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(ru.received).toEqual([]);
  });

  it("rejects a request signed with another secret", async () => {
    const res = await postSlashCommand(url, "another-secret", { text: "help", response_url: ru.url("bad") });
    expect(res.status).toBe(401);
  });

  it("serves GET /healthz", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, mode: "http" });
  });

  it("accepts a timestamp a little ahead (clocks differ by seconds)", async () => {
    const m = await postSlashCommand(url, SECRET, { text: "help", response_url: ru.url("skew") }, { timestamp: Math.floor(Date.now() / 1000) + 60 });
    expect(m.status).toBe(200);
  });

  it("/healthz answers 503 with the reason while Slack does not accept the token", async () => {
    const bad = await startFakeSlackApi();
    bad.on("auth.test", () => ({ json: { ok: false, error: "invalid_auth" } }));
    const other = createSlackApp({ botToken: "xoxb-revoked", signingSecret: SECRET, apiUrl: bad.url, port: 0, host: "127.0.0.1", chat, logger: silentLogger });
    try {
      const { port } = await other.start();
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ok: false, mode: "http", reason: expect.stringContaining("invalid_auth") });
    } finally {
      await other.stop();
      await bad.close();
    }
  });

  it("never lets stored text or user input ping anyone", async () => {
    seedDevelopments(db, [
      {
        pair: ["CN", "BY"],
        type: "visit",
        start: "2024-05-01",
        summary: "<!channel> wake up <@U123> & <#C999> <!subteam^S1> <https://evil.example|click>",
        sources: [
          { url: "https://a.example/x?a=1&b=<2>", outlet: "<!here> News|<@U9>" },
          { url: "javascript:alert(1)", outlet: "Evil <!everyone>" },
        ],
      },
    ]);
    const m = await ask("china belarus");
    expect(findMentions(m)).toEqual([]);
    const all = messageText(m);
    expect(all).toContain("&lt;!channel&gt; wake up &lt;@U123&gt; &amp;");
    expect(all).not.toContain("javascript:");
    expect(all).toContain("Evil &lt;!everyone&gt;");
    const unknown = await ask("<!channel> <@U123>", "u");
    expect(findMentions(unknown)).toEqual([]);
  });

  it("decodes the entities Slack sends (& < >) before parsing, and escapes once on output", async () => {
    seedDevelopments(db, [{ pair: ["CN", "BY"], type: "visit", start: "2024-05-01", summary: "A visit.", sources: [{ url: "https://a.example/1", outlet: "X" }] }]);
    // what Slack sends when someone types "china & belarus"
    const m = await ask("china &amp; belarus");
    expect(messageText(m)).toContain("Belarus – China");
    const unknown = await ask("atlantis &amp; &lt;b&gt;", "u2");
    const text = messageText(unknown);
    expect(text).toContain("&amp; &lt;b&gt;");
    expect(text).not.toContain("&amp;amp;");
    expect(text).not.toContain("&amp;lt;");
    expect(findMentions(unknown)).toEqual([]);
  });

  it("apologizes ephemerally when the listener fails", async () => {
    db.$client.close(); // every query now throws: a real failure inside the listener
    const m = await ask("china belarus");
    expect(m.response_type).toBe("ephemeral");
    expect(messageText(m)).toContain("Sorry, something went wrong");
  });
});

describe("buttons", () => {
  it("pages older entries within Block Kit limits, however long the entries", async () => {
    const long = "x".repeat(5000);
    seedDevelopments(
      db,
      Array.from({ length: 23 }, (_, i) => ({
        pair: ["KP", "RU"] as [string, string],
        type: "exercise" as const,
        start: `20${10 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01`,
        summary: `Entry ${i} ${long}`,
        sources: Array.from({ length: 40 }, (_, k) => ({ url: `https://n${k}.example.com/${i}/${"p".repeat(80)}`, outlet: `Outlet ${k} ${"o".repeat(40)}` })),
      })),
    );
    const first = await ask("north korea russia");
    assertBlockKitLimits(first);
    const older = buttons(first).find((b) => b.action_id === ACTION_IDS.older)!;
    expect(older.value.length).toBeLessThanOrEqual(2000);
    const res = await postInteraction(url, SECRET, buttonPayload({ actionId: ACTION_IDS.older, value: older.value, responseUrl: ru.url("older") }));
    expect(res.status).toBe(200);
    const [page2] = await ru.waitFor(2).then((all) => all.filter((r) => r.path.endsWith("/older")));
    expect(page2!.body.replace_original).toBe(true);
    expect(messageText(page2!.body)).toContain("showing 11–20");
    expect(messageText(page2!.body)).toContain("+");
  });

  it("under a shared message, Show older answers the clicker only and leaves the channel's message alone", async () => {
    seedMany(db, ["CN", "RU"], 25);
    const first = await ask("china russia");
    const share = buttons(first).find((b) => b.action_id === ACTION_IDS.share)!;
    await postInteraction(url, SECRET, buttonPayload({ actionId: ACTION_IDS.share, value: share.value, responseUrl: ru.url("share") }));
    const [post] = await api.waitFor("chat.postMessage");
    const older = buttons(post!.body).find((b) => b.action_id === ACTION_IDS.older)!;
    expect(buttons(post!.body).map((b) => b.action_id)).toEqual([ACTION_IDS.older, ACTION_IDS.chart]);
    await postInteraction(url, SECRET, buttonPayload({ actionId: ACTION_IDS.older, value: older.value, responseUrl: ru.url("older-shared"), ephemeral: false }));
    for (let i = 0; i < 200 && !ru.received.some((r) => r.path.endsWith("/older-shared")); i++) await new Promise((r) => setTimeout(r, 10));
    const msg = ru.received.find((r) => r.path.endsWith("/older-shared"))!.body;
    expect(msg.response_type).toBe("ephemeral");
    expect(msg.replace_original).toBe(false);
    expect(messageText(msg)).toContain("showing 11–20");
  });

  it("shares in the channel with chat.postMessage, records the message and removes the ephemeral copy", async () => {
    seedMany(db, ["CN", "RU"], 3);
    const first = await ask("china russia exercises");
    const share = buttons(first).find((b) => b.action_id === ACTION_IDS.share)!;
    await postInteraction(url, SECRET, buttonPayload({ actionId: ACTION_IDS.share, value: share.value, responseUrl: ru.url("share"), channel: "C0042" }));
    const [post] = await api.waitFor("chat.postMessage");
    expect(post!.body.channel).toBe("C0042");
    expect(post!.headers.authorization).toBe("Bearer xoxb-test");
    expect(messageText(post!.body)).toContain("China – Russia · exercises");
    expect(buttons(post!.body).map((b) => b.action_id)).toEqual([ACTION_IDS.chart]);
    const [del] = await ru.waitFor(2).then((all) => all.filter((r) => r.path.endsWith("/share")));
    expect(del!.body.delete_original).toBe(true);
    expect(chat.threadContext("C0042", api.messages[0]!.ts)).toMatchObject({ kind: "timeline", pair: { a: "CN", b: "RU" }, type: "exercise" });
  });

  it("a page of 10 entries with 10 real-length sources each is answered and shared: Slack would refuse more than ~12,000 characters", async () => {
    seedDevelopments(
      db,
      Array.from({ length: 12 }, (_, i) => ({
        pair: ["CN", "BY"] as [string, string],
        type: "exercise" as const,
        start: `2024-0${1 + (i % 9)}-1${i % 10}`,
        summary: `China and Belarus held joint exercise ${i} near Brest with paratroopers and armored vehicles.`,
        sources: Array.from({ length: 10 }, (_, k) => ({ url: `https://www.example-news-outlet-${k}.com/world/asia-pacific/2024/10/14/defense-ministers-meet-in-minsk-${i}-${k}.html`, outlet: `Outlet ${k}` })),
      })),
    );
    const first = await ask("china belarus");
    expect(messageText(first)).toContain("showing 1–10");
    const share = buttons(first).find((b) => b.action_id === ACTION_IDS.share)!;
    await postInteraction(url, SECRET, buttonPayload({ actionId: ACTION_IDS.share, value: share.value, responseUrl: ru.url("share") }));
    const [del] = await ru.waitFor(2).then((all) => all.filter((r) => r.path.endsWith("/share")));
    expect(del!.body.delete_original).toBe(true);
    const [post] = api.calls.filter((c) => c.method === "chat.postMessage");
    expect(messageText(post!.body)).toMatch(/\+\d+ more/);
  });

  it("tells the user when the bot cannot post in the channel", async () => {
    seedMany(db, ["CN", "RU"], 1);
    api.on("chat.postMessage", () => ({ json: { ok: false, error: "not_in_channel" } }));
    const first = await ask("china russia");
    const share = buttons(first).find((b) => b.action_id === ACTION_IDS.share)!;
    await postInteraction(url, SECRET, buttonPayload({ actionId: ACTION_IDS.share, value: share.value, responseUrl: ru.url("share") }));
    const [msg] = await ru.waitFor(2).then((all) => all.filter((r) => r.path.endsWith("/share")));
    expect(messageText(msg!.body)).toContain("Invite me first");
  });
});

describe("sharing posts exactly once", () => {
  it.each([
    ["answers 500 after storing it", () => api.on("chat.postMessage", (_b, n) => (n === 1 ? { status: 500, store: true } : (undefined as never)))],
    ["drops the connection after storing it", () => api.on("chat.postMessage", (_b, n) => (n === 1 ? "store-and-drop" : (undefined as never)))],
  ])("when Slack %s, and records the ts that is in the channel", async (_n, arrange) => {
    seedMany(db, ["CN", "RU"], 3);
    arrange();
    const first = await ask("china russia");
    const share = buttons(first).find((b) => b.action_id === ACTION_IDS.share)!;
    await postInteraction(url, SECRET, buttonPayload({ actionId: ACTION_IDS.share, value: share.value, responseUrl: ru.url("share"), channel: "C0042" }));
    const [del] = await ru.waitFor(2, 5000).then((all) => all.filter((r) => r.path.endsWith("/share")));
    expect(del!.body.delete_original).toBe(true);
    const inChannel = api.messages.filter((m) => m.channel === "C0042");
    expect(inChannel).toHaveLength(1);
    expect(chat.threadContext("C0042", inChannel[0]!.ts)).toMatchObject({ kind: "timeline", pair: { a: "CN", b: "RU" } });
    expect(api.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(1);
  });
});

describe("membership: Slack sends a channel's messages only to an app that is in it", () => {
  async function shareIn(channel: string, channelName = "general") {
    seedMany(db, ["CN", "RU"], 2);
    const first = await ask("china russia");
    const share = buttons(first).find((b) => b.action_id === ACTION_IDS.share)!;
    const payload = buttonPayload({ actionId: ACTION_IDS.share, value: share.value, responseUrl: ru.url("share"), channel });
    payload.channel.name = channelName;
    await postInteraction(url, SECRET, payload);
    return (await ru.waitFor(2, 5000).then((all) => all.filter((r) => r.path.endsWith("/share"))))[0]!.body;
  }

  it("joins a public channel it is not in before sharing there, so follow-ups in the thread reach it", async () => {
    api.membership({ member: [] });
    const done = await shareIn("C0077");
    expect(done.delete_original).toBe(true);
    expect(api.calls.filter((c) => c.method === "conversations.join").map((c) => c.body.channel)).toEqual(["C0077"]);
    const [posted] = api.messages.filter((m) => m.channel === "C0077");
    expect(messageText(posted!)).not.toContain("/invite");
  });

  it("when it cannot join, the shared message says how to ask follow-ups (/invite @Relations)", async () => {
    api.membership({ member: [] });
    api.on("conversations.join", () => ({ json: { ok: false, error: "missing_scope", needed: "channels:join" } }));
    await shareIn("C0078");
    const [posted] = api.messages.filter((m) => m.channel === "C0078");
    expect(messageText(posted!)).toContain("/invite @Relations");
  });

  it("a private channel it is not in: asks to be invited, posts nothing", async () => {
    api.membership({ member: [], private: ["C0079"] });
    const msg = await shareIn("C0079");
    expect(messageText(msg)).toContain("Invite me first (/invite @Relations)");
    expect(api.messages).toEqual([]);
  });

  it.each([
    ["its own DM", "D0100", true],
    ["a DM between people", "D0101", false],
  ])("in a DM (%s) never advises /invite", async (_n, channel, member) => {
    api.membership({ member: member ? [channel] : [] });
    api.on("conversations.join", () => ({ json: { ok: false, error: "missing_scope" } }));
    const msg = await shareIn(channel, "directmessage");
    expect(api.calls.filter((c) => c.method === "conversations.join")).toEqual([]);
    const all = [messageText(msg), ...api.messages.map((m) => messageText(m))].join("\n");
    expect(all).not.toContain("/invite");
    if (member) expect(api.messages.filter((m) => m.channel === channel)).toHaveLength(1);
    else expect(messageText(msg)).toContain("Share it in a channel instead");
  });
});

describe("thread replies", () => {
  async function shareTimeline(): Promise<string> {
    seedMany(db, ["CN", "RU"], 2);
    const first = await ask("china russia");
    const share = buttons(first).find((b) => b.action_id === ACTION_IDS.share)!;
    await postInteraction(url, SECRET, buttonPayload({ actionId: ACTION_IDS.share, value: share.value, responseUrl: ru.url("share") }));
    const [post] = await api.waitFor("chat.postMessage");
    await ru.waitFor(2);
    return (await post!.body.channel) as string;
  }
  const message = (over: Record<string, unknown>) => ({ type: "message", channel: "C0001", user: "U0001", text: "when did they last drill?", ts: "1700000100.000001", thread_ts: api.messages[0]!.ts, ...over });

  it("answers a reply in a tracked thread once, even when Slack retries it", async () => {
    await shareTimeline();
    const env = eventEnvelope(message({}), { eventId: "Ev1" });
    expect((await postEvent(url, SECRET, env)).status).toBe(200);
    expect((await postEvent(url, SECRET, env, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } })).status).toBe(200);
    const posts = await api.waitFor("chat.postMessage", 2);
    await new Promise((r) => setTimeout(r, 100));
    const replies = api.calls.filter((c) => c.method === "chat.postMessage" && c.body.thread_ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.thread_ts).toBe(api.messages[0]!.ts);
    expect(messageText(replies[0]!.body)).toContain("Follow-up questions are not available yet.");
    expect(posts.length).toBe(2);
  });

  it.each([
    ["an untracked thread", { thread_ts: "1600000000.000001" }],
    ["a top-level message", { thread_ts: undefined }],
    ["the bot's own message", { bot_id: "BBOT", user: "UBOT" }],
    ["an edit", { subtype: "message_changed" }],
  ])("ignores %s", async (_n, over) => {
    await shareTimeline();
    await postEvent(url, SECRET, eventEnvelope(message(over)));
    await new Promise((r) => setTimeout(r, 150));
    expect(api.calls.filter((c) => c.method === "chat.postMessage" && c.body.thread_ts)).toEqual([]);
  });

  it("answers a mention in a tracked thread", async () => {
    await shareTimeline();
    await postEvent(url, SECRET, eventEnvelope({ type: "app_mention", channel: "C0001", user: "U0001", text: "<@UBOT> any arms deals?", ts: "1700000200.000001", thread_ts: api.messages[0]!.ts }));
    const replies = await api.waitFor("chat.postMessage", 2).then((c) => c.filter((x) => x.body.thread_ts));
    expect(replies).toHaveLength(1);
  });
});

it("rejects a signed body that is not a Slack payload without crashing", async () => {
  const res = await postSigned(url, SECRET, "garbage=1");
  expect(res.status).toBeLessThan(500);
});
