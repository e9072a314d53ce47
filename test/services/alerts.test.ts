/**
 * Alerts for watched pairs (issue 13) against the loopback fake Web API, on real SQLite with the
 * real migrations: once per development and channel (two processes, a process killed between the
 * post and its record, 429s and 5xx), bursts, the 14-day window, a cluster gaining a source,
 * unwatching, and hostile text that must not ping.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { createAnalyzer } from "../../src/analyze/index.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { getDigestRow } from "../../src/db/digests.repo.ts";
import { eq } from "drizzle-orm";
import { gazetteerPort } from "../../src/analyze/gazetteer-port.ts";
import { createQuestionParser } from "../../src/analyze/question.ts";
import { summarizeVi } from "../../src/analyze/summary-vi.ts";
import { createFollowUpAnswerer } from "../../src/chat/follow-up.ts";
import { createChannelSettingsRepo } from "../../src/db/channel-settings.repo.ts";
import { articles, developments } from "../../src/db/schema.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { makePair, type DevelopmentFacts } from "../../src/domain/types.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { runAlerts, type AlertDeps, type AlertOptions } from "../../src/services/alerts.ts";
import { analyzeStoredArticle } from "../../src/services/analyze.ts";
import { createDigestWebClient } from "../../src/slack/digest-port.ts";
import { createChatCore } from "../../src/chat/core.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { ROOT } from "../cli/run-cli.ts";
import { testDb } from "../helpers/db.ts";
import { englishLeft } from "../helpers/english-left.ts";
import { startDigestFakeSlack, type DigestFakeSlack, type FakeSlackMessage } from "../helpers/digest-fake-slack.ts";
import { insertDevelopment } from "../helpers/digest-rows.ts";

const CH = "CALERTS";
const NOW = Date.parse("2026-11-20T03:00:00.000Z");
const WATCHED_AT = "2026-11-01T00:00:00.000Z";
const gazetteer = loadGazetteer();

let slack: DigestFakeSlack;
beforeAll(async () => {
  slack = await startDigestFakeSlack();
});
afterAll(async () => {
  await slack.close();
});
afterEach(() => {
  expect(slack.violations).toEqual([]);
});

/** A fresh channel name per test, so the shared fake's messages never mix. */
let chSeq = 0;
function world(db: Db = testDb()) {
  const channel = `${CH}${++chSeq}`;
  let now = NOW;
  const waits: number[] = [];
  const deps = (over: Partial<AlertDeps> = {}): AlertDeps => ({
    db,
    port: createDigestWebClient("xoxb-test", { slackApiUrl: slack.apiUrl, timeoutMs: 10_000 }),
    clock: () => new Date(now),
    logger: silentLogger,
    runner: "runner-1",
    countries: gazetteer,
    sleep: async (ms) => void waits.push(ms),
    ...over,
  });
  const opts: AlertOptions = { intervalMs: 0, backoffMs: 1 };
  const watch = (x = "CN", y = "BY", at = WATCHED_AT) => createWatchesRepo(db).setAlerts(channel, makePair(x, y), true, "U1", at);
  const posted = () => slack.topLevel(channel);
  return { db, channel, deps, opts, waits, watch, posted, advance: (ms: number) => void (now += ms) };
}

const dev = (over: Partial<Parameters<typeof insertDevelopment>[1]> = {}) => ({ a: "CN", b: "BY", type: "exercise" as const, dateStart: "2026-11-17", firstSeenAt: "2026-11-19T10:00:00.000Z", ...over });
const textOf = (m: FakeSlackMessage) => JSON.stringify(m.blocks) + m.text;

describe("alerts for watched pairs", () => {
  it("posts one short message for a new development, records it for its thread, and never again", async () => {
    const w = world();
    w.watch();
    const id = insertDevelopment(w.db, dev({ summary: "China and Belarus held a joint exercise near Brest.", sources: [{ url: "https://minsk.example/eagle", outlet: "Minsk Monitor" }] }));
    const r = await runAlerts(w.deps(), w.opts);
    expect(r.posted.map((p) => p.developments)).toEqual([[id]]);
    const [msg, ...rest] = w.posted();
    expect(rest).toEqual([]);
    expect(textOf(msg!)).toContain("New · Belarus – China · 17 Nov 2026 · Exercise");
    expect(textOf(msg!)).toContain("<https://minsk.example/eagle|Minsk Monitor>");
    expect(msg!.metadata?.event_type).toBe("relations_alert");
    expect(createBotMessagesRepo(w.db).find(w.channel, msg!.ts)).toMatchObject({ kind: "alert", countryA: "BY", countryB: "CN" });
    expect(getDigestRow(w.db, w.channel, `alert-${id}`)?.status).toBe("posted");
    const again = await runAlerts(w.deps(), w.opts);
    expect(again).toMatchObject({ assigned: 0, posted: [], failed: [] });
    expect(w.posted()).toHaveLength(1);
  });

  it("a burst of 6 for one channel in one run becomes one message listing them; 5 stay 5 messages", async () => {
    const six = world();
    six.watch();
    for (let i = 0; i < 6; i++) insertDevelopment(six.db, dev({ type: "talks", dateStart: `2026-11-1${i}`, summary: `Talks number ${i}.` }));
    const r6 = await runAlerts(six.deps(), six.opts);
    expect(r6.posted).toHaveLength(1);
    expect(r6.posted[0]!.developments).toHaveLength(6);
    const [burst] = six.posted();
    expect(six.posted()).toHaveLength(1);
    expect(textOf(burst!)).toContain("6 new developments of the pairs this channel watches");
    for (let i = 0; i < 6; i++) expect(textOf(burst!)).toContain(`Talks number ${i}.`);

    const five = world();
    five.watch();
    for (let i = 0; i < 5; i++) insertDevelopment(five.db, dev({ type: "talks", dateStart: `2026-11-1${i}` }));
    expect((await runAlerts(five.deps(), five.opts)).posted).toHaveLength(5);
    expect(five.posted()).toHaveLength(5);
  });

  it("paces posts in one channel about one a second, as Slack asks", async () => {
    const w = world();
    w.watch();
    for (let i = 0; i < 3; i++) insertDevelopment(w.db, dev({ type: "visit", dateStart: `2026-11-1${i}` }));
    await runAlerts(w.deps(), { backoffMs: 1 });
    expect(w.waits).toEqual([1000, 1000]);
  });

  it("old developments (dated more than 14 days before the run) get no alert; a plan ahead does", async () => {
    const w = world();
    w.watch();
    insertDevelopment(w.db, dev({ dateStart: "2026-11-05", summary: "Fifteen days old." })); // ends 15 days before 20 Nov
    insertDevelopment(w.db, dev({ type: "visit", dateStart: "2026-11-06", summary: "Fourteen days old." }));
    insertDevelopment(w.db, dev({ type: "agreement", status: "planned", dateStart: "2027-03-01", precision: "month", dateEnd: "2027-03-31", summary: "A plan ahead." }));
    insertDevelopment(w.db, dev({ type: "talks", status: "planned", dateStart: "2019-05-01", summary: "A stale plan." }));
    await runAlerts(w.deps(), w.opts);
    const all = w.posted().map(textOf).join("\n");
    expect(w.posted()).toHaveLength(2);
    expect(all).toContain("Fourteen days old.");
    expect(all).toContain("A plan ahead.");
    expect(all).not.toContain("Fifteen days old.");
    expect(all).not.toContain("A stale plan.");
  });

  it("developments first seen before alerts were turned on are history: no flood when a watch starts", async () => {
    const w = world();
    insertDevelopment(w.db, dev({ firstSeenAt: "2026-11-19T10:00:00.000Z" }));
    w.watch("CN", "BY", "2026-11-19T12:00:00.000Z");
    expect((await runAlerts(w.deps(), w.opts)).assigned).toBe(0);
    expect(w.posted()).toEqual([]);
  });

  it("only the channels that asked for alerts, only their pairs; unwatch … alerts stops them", async () => {
    const w = world();
    w.watch();
    createWatchesRepo(w.db).add(`${w.channel}-digest-only`, makePair("CN", "BY"), "U1", WATCHED_AT); // a digest watch, no alerts
    insertDevelopment(w.db, dev({ a: "RU", b: "KP", summary: "Another pair." }));
    insertDevelopment(w.db, dev());
    await runAlerts(w.deps(), w.opts);
    expect(w.posted()).toHaveLength(1);
    expect(slack.topLevel(`${w.channel}-digest-only`)).toEqual([]);

    expect(createWatchesRepo(w.db).setAlerts(w.channel, makePair("CN", "BY"), false, "U1", WATCHED_AT)).toBe(true);
    insertDevelopment(w.db, dev({ type: "patrol", summary: "After unwatching." }));
    expect((await runAlerts(w.deps(), w.opts)).assigned).toBe(0);
    expect(w.posted()).toHaveLength(1);
    // the digest watch stays
    expect(createWatchesRepo(w.db).listForChannel(w.channel)).toMatchObject([{ alerts: false }]);
  });

  it("a hostile title or summary never pings: <!channel> and <@U1> reach Slack escaped", async () => {
    const w = world();
    w.watch();
    insertDevelopment(w.db, dev({ summary: "<!channel> China and Belarus <@U1> held a drill & more", sources: [{ url: "https://evil.example/x", outlet: "<!here> Outlet", title: "<!channel> title" }] }));
    await runAlerts(w.deps(), w.opts);
    const [m] = w.posted();
    const all = textOf(m!);
    expect(all).not.toMatch(/<!channel>|<!here>|<@U1>/);
    expect(all).toContain("&lt;!channel&gt; China and Belarus &lt;@U1&gt; held a drill &amp; more");
  });

  it("waits the Retry-After of a 429, then posts once", async () => {
    const w = world();
    w.watch();
    insertDevelopment(w.db, dev());
    slack.fault("chat.postMessage", { kind: "rate_limited", retryAfter: 7 });
    const r = await runAlerts(w.deps(), w.opts);
    expect(r.posted).toHaveLength(1);
    expect(w.waits).toContain(7000);
    expect(w.posted()).toHaveLength(1);
  });

  it("a 5xx, then a dropped connection after Slack stored the post: searched, adopted, one message", async () => {
    const w = world();
    w.watch();
    insertDevelopment(w.db, dev());
    slack.fault("chat.postMessage", { kind: "http", status: 503 });
    slack.fault("chat.postMessage", { kind: "drop", afterStoring: true });
    const r = await runAlerts(w.deps(), w.opts);
    expect(r.posted).toMatchObject([{ adopted: true }]);
    expect(w.posted()).toHaveLength(1);
    expect(createBotMessagesRepo(w.db).find(w.channel, w.posted()[0]!.ts)?.kind).toBe("alert");
  });

  it("one message failing for good does not stop the others, and a later run does not post it twice", async () => {
    const w = world();
    w.watch();
    w.watch("RU", "KP");
    insertDevelopment(w.db, dev({ a: "RU", b: "KP", summary: "Fails first." }));
    insertDevelopment(w.db, dev({ summary: "Goes out." }));
    slack.fault("chat.postMessage", { kind: "platform", error: "invalid_blocks" });
    const r = await runAlerts(w.deps(), w.opts);
    expect(r.failed).toHaveLength(1);
    expect(r.posted).toHaveLength(1);
    const r2 = await runAlerts(w.deps(), w.opts);
    expect(r2.posted).toHaveLength(1);
    expect(w.posted()).toHaveLength(2);
    expect(await runAlerts(w.deps(), w.opts)).toMatchObject({ posted: [], failed: [] });
  });

  it("two processes on one database file (two connections, two runners) post each development once", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "rel-alerts-")), "a.db");
    const db1 = openDb(path);
    const db2 = openDb(path);
    try {
      const w1 = world(db1);
      const w2 = { ...world(db2), channel: w1.channel };
      w1.watch();
      for (let i = 0; i < 4; i++) insertDevelopment(db1, dev({ type: "visit", dateStart: `2026-11-1${i}` }));
      const [r1, r2] = await Promise.all([runAlerts(w1.deps(), w1.opts), runAlerts(w2.deps({ runner: "runner-2" }), w2.opts)]);
      expect(r1.posted.length + r2.posted.length).toBe(4);
      expect(w1.posted()).toHaveLength(4);
      expect(new Set(w1.posted().map((m) => textOf(m))).size).toBe(4);
    } finally {
      closeDb(db1);
      closeDb(db2);
    }
  });

  it("a process killed after Slack stored its post and before it recorded it: the rerun adopts the post, no second message", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "rel-alerts-")), "a.db");
    const db = openDb(path);
    try {
      const w = world(db);
      w.watch();
      insertDevelopment(db, dev({ summary: "Posted just before the crash." }));
      slack.fault("chat.postMessage", { kind: "hold" });
      const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/alerts/run-alerts.ts", path, slack.apiUrl, new Date(NOW).toISOString()], { cwd: ROOT, stdio: "ignore" });
      const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
      const deadline = Date.now() + 30_000;
      while (w.posted().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(w.posted()).toHaveLength(1);
      child.kill("SIGKILL");
      await exited;
      // the post is in Slack, the claim is the dead child's, nothing is recorded
      const key = `alert-${(db.$client.prepare("SELECT development_id AS id FROM alerts").get() as { id: number }).id}`;
      expect(getDigestRow(db, w.channel, key)).toMatchObject({ status: "claimed", ts: null });
      // while the dead process's claim is fresh, another runner keeps off
      expect((await runAlerts(w.deps(), w.opts)).busy).toBe(1);
      w.advance(11 * 60_000);
      const r = await runAlerts(w.deps(), w.opts);
      expect(r.posted).toMatchObject([{ adopted: true, ts: w.posted()[0]!.ts }]);
      expect(w.posted()).toHaveLength(1);
      expect(getDigestRow(db, w.channel, key)?.status).toBe("posted");
    } finally {
      closeDb(db);
    }
  }, 60_000);

  it("a cluster that gains a source later is not alerted again (the real analyzer files both reports)", async () => {
    const w = world();
    w.watch();
    const analyzer = createAnalyzer(gazetteer);
    const store = (url: string, outlet: string, title: string, text: string, fetchedAt: string) => {
      const row = w.db.insert(articles).values({ canonicalUrl: url, outlet, title, text, language: "en", publishedAt: "2026-11-18T08:00:00.000Z", publishedPrecision: "minute", fetchedAt, contentHash: url }).returning({ id: articles.id }).get();
      analyzeStoredArticle({ db: w.db, analyzer, clock: () => new Date(fetchedAt), logger: silentLogger }, row.id);
    };
    store("https://minsk.example/1", "Minsk Monitor", "China and Belarus start joint drill near Brest", "MINSK, Nov 17 (Minsk Monitor) - Chinese and Belarusian troops began a joint anti-terrorism exercise near Brest on Monday, the Belarusian defense ministry said. The drill, named Eagle Assault, involves 500 soldiers.", "2026-11-19T10:00:00.000Z");
    expect((await runAlerts(w.deps(), w.opts)).posted).toHaveLength(1);
    store("https://other.example/2", "Other Wire", "Belarus, China troops hold Eagle Assault drill", "Belarusian and Chinese soldiers started the joint exercise Eagle Assault near Brest on Monday, Belarus's defense ministry said on Tuesday. About 500 troops take part.", "2026-11-19T11:00:00.000Z");
    const devs = w.db.$client.prepare("SELECT d.id, count(ds.article_id) AS n FROM developments d JOIN development_sources ds ON ds.development_id = d.id GROUP BY d.id").all();
    expect(devs).toMatchObject([{ n: 2 }]);
    expect(await runAlerts(w.deps(), w.opts)).toMatchObject({ assigned: 0, posted: [] });
    expect(w.posted()).toHaveLength(1);
  });
});

describe("the thread of an alert burst over several pairs", () => {
  it("offers its pairs to pick from, as a digest's thread does", async () => {
    const w = world();
    w.watch();
    w.watch("RU", "KP");
    for (let i = 0; i < 3; i++) insertDevelopment(w.db, dev({ type: "talks", dateStart: `2026-11-1${i}` }));
    for (let i = 0; i < 3; i++) insertDevelopment(w.db, dev({ a: "RU", b: "KP", type: "visit", dateStart: `2026-11-1${i}` }));
    await runAlerts(w.deps(), w.opts);
    const [burst] = w.posted();
    expect(w.posted()).toHaveLength(1);
    const chat = createChatCore({ timeline: createTimelineService(createTimelineRepo(w.db)), countries: gazetteer, watches: createWatchesRepo(w.db), botMessages: createBotMessagesRepo(w.db) });
    expect(chat.threadContext(w.channel, burst!.ts)).toMatchObject({ kind: "alert", pair: null, choices: [{ a: "BY", b: "CN" }, { a: "KP", b: "RU" }] });
  });
});

describe("alerts in the channel's language", () => {
  const port = gazetteerPort(gazetteer);
  const summarize = (f: DevelopmentFacts, lang: "en" | "vi") => (lang === "vi" ? summarizeVi(f, port) : f.summary);
  it.each([
    [
      "en",
      {
        single: "New · Belarus – China · 17 Nov 2026 · Exercise",
        summary: "China and Belarus held a joint exercise near Brest.",
        footer: "Ask a follow-up question in this thread. /relations belarus china for the timeline · /relations unwatch belarus china alerts to stop these alerts.",
        burst: "6 new developments of the pairs this channel watches",
        pick: "Which pair of this alert do you mean?",
        buttons: ["Belarus – China", "North Korea – Russia"],
      },
    ],
    [
      "vi",
      {
        single: "Mới · Belarus – Trung Quốc · 17/11/2026 · Tập trận",
        summary: "Trung Quốc và Belarus đã tổ chức tập trận chung (“Eagle Assault”).",
        footer: "Hỏi tiếp trong luồng này. /relations belarus trung quốc để xem dòng thời gian · /relations unwatch belarus trung quốc cảnh báo để dừng các cảnh báo này.",
        burst: "6 sự kiện mới của các cặp kênh này theo dõi",
        pick: "Bạn hỏi về cặp nào trong cảnh báo này?",
        buttons: ["Belarus – Trung Quốc", "Triều Tiên – Nga"],
      },
    ],
  ] as const)("%s: the alert, its summary (written from the fields), a burst and its thread's pair question", async (lang, want) => {
    const w = world();
    if (lang === "vi") createChannelSettingsRepo(w.db).setLang(w.channel, "vi", "U1", WATCHED_AT);
    w.watch();
    const id = insertDevelopment(w.db, dev({ summary: "China and Belarus held a joint exercise near Brest.", sources: [{ url: "https://minsk.example/eagle", outlet: "Minsk Monitor" }] }));
    w.db.update(developments).set({ actorCountry: "CN", details: ["name:eagle assault"] }).where(eq(developments.id, id)).run();
    await runAlerts(w.deps({ summarize }), w.opts);
    const [single] = w.posted();
    for (const s of [want.single, want.summary, want.footer]) expect(textOf(single!)).toContain(s);
    if (lang === "vi") expect(englishLeft(textOf(single!))).toEqual([]);

    // a burst over two pairs, and a question in its thread that names no pair
    w.watch("RU", "KP");
    for (let i = 0; i < 3; i++) insertDevelopment(w.db, dev({ type: "talks", dateStart: `2026-11-1${i}`, firstSeenAt: "2026-11-19T11:00:00.000Z" }));
    for (let i = 0; i < 3; i++) insertDevelopment(w.db, dev({ a: "RU", b: "KP", type: "visit", dateStart: `2026-11-1${i}`, firstSeenAt: "2026-11-19T11:00:00.000Z" }));
    await runAlerts(w.deps({ summarize }), w.opts);
    const burst = w.posted()[1]!;
    expect(textOf(burst)).toContain(want.burst);
    if (lang === "vi") expect(englishLeft(textOf(burst))).toEqual([]);
    const botMessages = createBotMessagesRepo(w.db);
    const chat = createChatCore({
      timeline: createTimelineService(createTimelineRepo(w.db)),
      countries: gazetteer,
      watches: createWatchesRepo(w.db),
      botMessages,
      settings: createChannelSettingsRepo(w.db),
      followUp: createFollowUpAnswerer({ db: w.db, parser: createQuestionParser(gazetteer), countries: gazetteer, botMessages }),
    });
    const ask = await chat.followUp(chat.threadContext(w.channel, burst.ts)!, "any exercises?");
    expect(ask.items[0]!.text).toContain(want.pick);
    expect(ask.actions.map((a) => a.label)).toEqual(want.buttons);
  });
});
