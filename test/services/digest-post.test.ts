import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { getDigestRow, listDigestMessages, listDigestRuns } from "../../src/db/digests.repo.ts";
import { postDigest, type DigestPort, type PostDigestDeps, type PostDigestOptions } from "../../src/services/digest-post.ts";
import { createDigestWebClient } from "../../src/slack/digest-port.ts";
import { classifySlackError } from "../../src/slack/post-once.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { testDb } from "../helpers/db.ts";
import { startDigestFakeSlack, type DigestFakeSlack } from "../helpers/digest-fake-slack.ts";
import { insertDevelopment } from "../helpers/digest-rows.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../helpers/fake-openai.ts";

const CH = "CDIGEST";
const WEEK = "2024-W42";
const T0 = Date.parse("2024-10-21T01:00:00.000Z"); // Monday 08:00 in Hanoi

let slack: DigestFakeSlack;
let openai: FakeOpenAi;
beforeAll(async () => {
  slack = await startDigestFakeSlack();
  openai = await startFakeOpenAi();
});
afterAll(async () => {
  await slack.close();
  await openai.close();
});
afterEach(() => {
  // every message any test posted stays within Block Kit limits
  expect(slack.violations).toEqual([]);
});

/** A test world: a database with three pairs in W42, a fixed clock, recorded waits. */
function world(db: Db = testDb()) {
  let now = T0;
  const waits: number[] = [];
  const client = createDigestWebClient("xoxb-test", { slackApiUrl: slack.apiUrl, timeoutMs: 10_000 });
  const deps = (over: Partial<PostDigestDeps> = {}): PostDigestDeps => ({
    db,
    slack: client,
    countries: loadGazetteer(),
    clock: () => new Date(now),
    logger: silentLogger,
    runner: "runner-1",
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...over,
  });
  return {
    db,
    client,
    waits,
    deps,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

let channelSeq = 0;
/** Each test posts to its own channel so the shared fake's history stays apart. */
function opts(over: Partial<PostDigestOptions> = {}): PostDigestOptions {
  return { channel: `${CH}${++channelSeq}`, week: WEEK, tz: "Asia/Ho_Chi_Minh", postQuiet: true, trigger: "test", backoffMs: 10, replyIntervalMs: 0, ...over };
}

function seed(db: Db) {
  const t = "2024-10-15T03:00:00.000Z";
  insertDevelopment(db, { a: "CN", b: "BY", type: "exercise", score: 3, summary: "China and Belarus held joint drills <!channel>", firstSeenAt: t });
  insertDevelopment(db, { a: "CN", b: "BY", type: "visit", score: 1, firstSeenAt: t });
  insertDevelopment(db, { a: "RU", b: "VN", type: "agreement", score: 2, firstSeenAt: t });
  insertDevelopment(db, { a: "US", b: "PH", type: "patrol", score: 1, firstSeenAt: t });
}

/** Wraps a client so that something happens right after a successful chat.postMessage (a crash, a freeze). */
function afterPost(inner: DigestPort, hook: (n: number, ts: string) => Promise<void> | void): DigestPort {
  let n = 0;
  return {
    renderDigest: inner.renderDigest,
    classifyError: inner.classifyError,
    chat: {
      postMessage: async (args) => {
        const res = await inner.chat.postMessage(args);
        await hook(++n, res.ts!);
        return res;
      },
    },
    conversations: inner.conversations,
  };
}

const calls = (method: string, channel: string) => slack.calls.filter((c) => c.method === method && c.body.channel === channel).length;

describe("postDigest", () => {
  beforeEach(() => {
    slack.violations.length = 0;
  });

  it("posts the parent and one thread reply per pair, records everything, and never posts twice", async () => {
    const w = world();
    seed(w.db);
    const o = opts();
    const r = await postDigest(w.deps(), o);
    expect(r).toMatchObject({ outcome: "posted", repliesPosted: 3, repliesAdopted: 0 });
    expect(w.waits).toEqual([]);
    const top = slack.topLevel(o.channel);
    expect(top).toHaveLength(1);
    expect(top[0]!.ts).toBe(r.ts);
    expect(top[0]!.metadata?.event_payload.nonce).toMatch(/^dg-2024-W42-/);
    expect(slack.thread(o.channel, r.ts!).map((m) => m.metadata?.event_payload.key)).toEqual(["BY-CN#1", "RU-VN#1", "PH-US#1"]);
    expect(JSON.stringify(top[0]!.blocks)).not.toContain("<!channel>");
    const row = getDigestRow(w.db, o.channel, WEEK)!;
    expect(row).toMatchObject({ status: "posted", ts: r.ts, attempts: 1, postedAt: new Date(T0).toISOString() });
    expect(listDigestMessages(w.db, o.channel, "2024-10-14", "2024-10-20").map((m) => m.kind).sort()).toEqual(["digest", "digest_pair", "digest_pair", "digest_pair"]);
    // a fresh parent needs no history search
    expect(calls("conversations.history", o.channel)).toBe(0);

    const again = await postDigest(w.deps({ runner: "runner-2" }), o);
    expect(again.outcome).toBe("already_done");
    expect(slack.topLevel(o.channel)).toHaveLength(1);
    expect(listDigestRuns(w.db, o.channel, WEEK).map((x) => x.outcome)).toEqual(["posted", "already_done"]);
  });

  it("a week of 10 pairs × 20 developments with real-length URLs is posted, though Slack refuses messages over ~12,000 characters", async () => {
    const w = world();
    const t = "2024-10-15T03:00:00.000Z";
    const pairs = [["CN", "BY"], ["RU", "VN"], ["US", "PH"], ["JP", "AU"], ["IN", "FR"], ["KR", "US"], ["DE", "PL"], ["TR", "AZ"], ["IR", "RU"], ["KP", "RU"]];
    pairs.forEach(([a, b], i) => {
      for (let k = 0; k < 20; k++) {
        insertDevelopment(w.db, {
          a: a!, b: b!, type: "exercise", score: 20 - k, firstSeenAt: t,
          summary: `The two armies held joint exercise number ${k} with paratroopers, armored vehicles and air support near the border.`,
          sources: Array.from({ length: 10 }, (_, s) => ({ url: `https://www.example-news-outlet-${s}.com/world/asia-pacific/2024/10/15/defense-ministers-meet-joint-drill-${i}-${k}-${s}.html`, outlet: `Outlet ${s}`, title: `Joint exercise ${k} between the two armies begins near the border` })),
        });
      }
    });
    const o = opts();
    const r = await postDigest(w.deps(), o);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe("posted");
    expect(slack.topLevel(o.channel)).toHaveLength(1);
    expect(r.repliesPosted).toBeGreaterThanOrEqual(10);
    expect(slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === o.channel)).toHaveLength(1 + r.repliesPosted);
  });

  it("paces thread replies about one a second, as Slack asks per channel", async () => {
    const w = world();
    seed(w.db);
    const r = await postDigest(w.deps(), opts({ replyIntervalMs: 1000 }));
    expect(r.repliesPosted).toBe(3);
    expect(w.waits).toEqual([1000, 1000]);
  });

  it("waits the Retry-After of a 429 and then posts once", async () => {
    const w = world();
    seed(w.db);
    const o = opts();
    slack.fault("chat.postMessage", { kind: "rate_limited", retryAfter: 3 });
    const r = await postDigest(w.deps(), o);
    expect(r.outcome).toBe("posted");
    expect(w.waits).toEqual([3000]);
    expect(slack.topLevel(o.channel)).toHaveLength(1);
    // a 429 means nothing was posted: no search needed
    expect(calls("conversations.history", o.channel)).toBe(0);
  });

  it("gives up on a Retry-After longer than it is willing to wait", async () => {
    const w = world();
    seed(w.db);
    const o = opts({ maxRetryAfterMs: 5000 });
    slack.fault("chat.postMessage", { kind: "rate_limited", retryAfter: 600 });
    const r = await postDigest(w.deps(), o);
    expect(r.outcome).toBe("failed");
    expect(r.error).toMatch(/^digest: .*Retry-After/);
    expect(w.waits).toEqual([]);
    expect(getDigestRow(w.db, o.channel, WEEK)!.status).toBe("failed");
  });

  it.each([
    ["an HTTP 500", { kind: "http" as const, status: 500 }],
    ["a dropped connection before Slack stored it", { kind: "drop" as const }],
  ])("after %s, searches the history for the nonce, finds nothing, and posts once", async (_n, fault) => {
    const w = world();
    seed(w.db);
    const o = opts();
    slack.fault("chat.postMessage", fault);
    const r = await postDigest(w.deps(), o);
    expect(r.outcome).toBe("posted");
    expect(w.waits).toEqual([10]);
    expect(calls("conversations.history", o.channel)).toBe(1);
    expect(slack.topLevel(o.channel)).toHaveLength(1);
    expect(slack.thread(o.channel, r.ts!)).toHaveLength(3);
  });

  it("after a dropped connection AFTER Slack stored the message, adopts it instead of posting again", async () => {
    const w = world();
    seed(w.db);
    const o = opts();
    slack.fault("chat.postMessage", { kind: "drop", afterStoring: true });
    const r = await postDigest(w.deps(), o);
    expect(r.outcome).toBe("adopted");
    expect(slack.topLevel(o.channel)).toHaveLength(1);
    expect(r.ts).toBe(slack.topLevel(o.channel)[0]!.ts);
    expect(slack.thread(o.channel, r.ts!)).toHaveLength(3);
  });

  it("the same for a thread reply: a reply stored before the connection dropped is adopted", async () => {
    const w = world();
    seed(w.db);
    const o = opts();
    // parent and first reply go through; the second reply is stored but its answer is lost
    const c = afterPost(w.client, (n) => {
      if (n === 2) slack.fault("chat.postMessage", { kind: "drop", afterStoring: true });
    });
    const r = await postDigest(w.deps({ slack: c }), o);
    expect(r).toMatchObject({ outcome: "posted", repliesPosted: 2, repliesAdopted: 1 });
    const keys = slack.thread(o.channel, r.ts!).map((m) => m.metadata?.event_payload.key);
    expect(keys).toEqual(["BY-CN#1", "RU-VN#1", "PH-US#1"]);
    expect(calls("conversations.replies", o.channel)).toBe(1);
  });

  it("a crash after the post and before the record: the rerun adopts the message, no second post", async () => {
    const w = world();
    seed(w.db);
    const o = opts();
    const crashing = afterPost(w.client, (n) => {
      if (n === 1) throw new Error("process crashed");
    });
    const r1 = await postDigest(w.deps({ slack: crashing }), o);
    expect(r1.outcome).toBe("failed");
    const row = getDigestRow(w.db, o.channel, WEEK)!;
    expect(row).toMatchObject({ status: "failed", ts: null, attempts: 1 });
    expect(slack.topLevel(o.channel)).toHaveLength(1); // it did reach Slack

    w.advance(60_000);
    const r2 = await postDigest(w.deps({ runner: "runner-2" }), o);
    expect(r2.outcome).toBe("adopted");
    expect(r2.ts).toBe(slack.topLevel(o.channel)[0]!.ts);
    expect(slack.topLevel(o.channel)).toHaveLength(1);
    expect(slack.thread(o.channel, r2.ts!)).toHaveLength(3);
    expect(getDigestRow(w.db, o.channel, WEEK)).toMatchObject({ status: "posted", nonce: row.nonce, attempts: 2 });
    expect(listDigestRuns(w.db, o.channel, WEEK).map((x) => x.outcome)).toEqual(["failed", "adopted"]);
  });

  it("a process frozen after posting keeps its claim until the lease runs out; then another adopts its message", async () => {
    const w = world();
    seed(w.db);
    const o = opts({ leaseMs: 10 * 60_000 });
    const frozen = afterPost(w.client, () => new Promise<void>(() => {})); // never returns: a dead process
    void postDigest(w.deps({ slack: frozen, runner: "dead" }), o);
    await expect.poll(() => slack.topLevel(o.channel).length).toBe(1);

    w.advance(5 * 60_000);
    expect((await postDigest(w.deps({ runner: "alive" }), o)).outcome).toBe("busy");
    w.advance(6 * 60_000);
    const r = await postDigest(w.deps({ runner: "alive" }), o);
    expect(r.outcome).toBe("adopted");
    expect(slack.topLevel(o.channel)).toHaveLength(1);
    expect(slack.thread(o.channel, r.ts!)).toHaveLength(3);
  });

  it("a crash in the middle of the thread: the rerun posts only the missing replies", async () => {
    const w = world();
    seed(w.db);
    const o = opts();
    const crashing = afterPost(w.client, (n) => {
      if (n === 3) throw new Error("crashed after the second reply");
    });
    const r1 = await postDigest(w.deps({ slack: crashing }), o);
    expect(r1.outcome).toBe("failed");
    expect(getDigestRow(w.db, o.channel, WEEK)).toMatchObject({ status: "failed", ts: r1.ts });
    const r2 = await postDigest(w.deps({ runner: "runner-2" }), o);
    expect(r2).toMatchObject({ outcome: "resumed", repliesAdopted: 2, repliesPosted: 1 });
    expect(slack.topLevel(o.channel)).toHaveLength(1);
    expect(slack.thread(o.channel, r2.ts!).map((m) => m.metadata?.event_payload.key)).toEqual(["BY-CN#1", "RU-VN#1", "PH-US#1"]);
  });

  it("never posts blindly when Slack keeps failing: it searches before every retry and gives up bounded", async () => {
    const w = world();
    seed(w.db);
    const o = opts({ maxCallTries: 3 });
    for (let i = 0; i < 3; i++) slack.fault("chat.postMessage", { kind: "http", status: 502 });
    const r = await postDigest(w.deps(), o);
    expect(r.outcome).toBe("failed");
    expect(r.error).toMatch(/HTTP 502/);
    expect(w.waits).toEqual([10, 20]);
    expect(calls("chat.postMessage", o.channel)).toBe(3);
    expect(calls("conversations.history", o.channel)).toBe(2);
    expect(slack.topLevel(o.channel)).toHaveLength(0);
  });

  it("after a 5xx in a public channel it is not in, joins to read the history and adopts the stored post", async () => {
    const w = world();
    seed(w.db);
    const o = opts();
    slack.membership([]);
    try {
      slack.fault("chat.postMessage", { kind: "drop", afterStoring: true });
      const r = await postDigest(w.deps(), o);
      expect(r.outcome).toBe("adopted");
      expect(slack.topLevel(o.channel)).toHaveLength(1);
      expect(calls("conversations.join", o.channel)).toBe(1);
    } finally {
      slack.membership(null);
    }
  });

  it("when it can neither read the history nor join, fails saying so and never posts a second time", async () => {
    const w = world();
    seed(w.db);
    const o = opts();
    slack.membership([]);
    try {
      slack.fault("chat.postMessage", { kind: "drop", afterStoring: true });
      slack.fault("conversations.join", { kind: "platform", error: "missing_scope" });
      const r = await postDigest(w.deps(), o);
      expect(r.outcome).toBe("failed");
      expect(r.error).toContain("not in the channel and could not join it (missing_scope); invite it with /invite @Relations");
      expect(slack.topLevel(o.channel)).toHaveLength(1);
    } finally {
      slack.membership(null);
    }
  });

  it("does not post when the history search itself fails", async () => {
    const w = world();
    seed(w.db);
    const o = opts({ maxCallTries: 2 });
    slack.fault("chat.postMessage", { kind: "drop", afterStoring: true });
    slack.fault("conversations.history", { kind: "http", status: 500 });
    const r = await postDigest(w.deps(), o);
    expect(r.outcome).toBe("failed");
    expect(slack.topLevel(o.channel)).toHaveLength(1); // only the one that got through before
    // the next run searches first and adopts it
    const r2 = await postDigest(w.deps({ runner: "runner-2" }), o);
    expect(r2.outcome).toBe("adopted");
    expect(slack.topLevel(o.channel)).toHaveLength(1);
  });

  it("does not retry a platform error, and stops for good after maxAttempts runs", async () => {
    const w = world();
    seed(w.db);
    const o = opts({ maxAttempts: 2 });
    slack.fault("chat.postMessage", { kind: "platform", error: "not_in_channel" });
    slack.fault("chat.postMessage", { kind: "platform", error: "not_in_channel" });
    expect((await postDigest(w.deps(), o)).error).toMatch(/not_in_channel/);
    expect(w.waits).toEqual([]);
    expect((await postDigest(w.deps(), o)).outcome).toBe("failed");
    const r3 = await postDigest(w.deps(), o);
    expect(r3.outcome).toBe("exhausted");
    expect(slack.topLevel(o.channel)).toHaveLength(0);
    expect(getDigestRow(w.db, o.channel, WEEK)).toMatchObject({ status: "failed", attempts: 2 });
  });

  it.each([
    ["posts the quiet-week line", true, "posted", 1],
    ["skips it", false, "skipped_quiet", 0],
  ])("a week with nothing %s when DIGEST_POST_QUIET=%s", async (_n, postQuiet, outcome, count) => {
    const w = world();
    insertDevelopment(w.db, { a: "CN", b: "RU", firstSeenAt: "2024-09-01T00:00:00.000Z" });
    const o = opts({ postQuiet });
    const r = await postDigest(w.deps(), o);
    expect(r.outcome).toBe(outcome);
    const top = slack.topLevel(o.channel);
    expect(top).toHaveLength(count);
    if (count) expect(JSON.stringify(top[0]!.blocks)).toContain("Quiet week");
    expect(getDigestRow(w.db, o.channel, WEEK)!.status).toBe(postQuiet ? "posted" : "skipped");
    expect((await postDigest(w.deps(), o)).outcome).toBe("already_done");
  });

  it("two processes on one database file post once", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "rel-digest-")), "db.sqlite");
    const db1 = openDb(path);
    const db2 = openDb(path);
    seed(db1);
    const w1 = world(db1);
    const w2 = world(db2);
    const o = opts();
    const [r1, r2] = await Promise.all([postDigest(w1.deps({ runner: "p1" }), o), postDigest(w2.deps({ runner: "p2" }), o)]);
    expect([r1.outcome, r2.outcome].sort()).toEqual(["busy", "posted"]);
    expect(slack.topLevel(o.channel)).toHaveLength(1);
    closeDb(db1);
    closeDb(db2);
  });

  it("writes an LLM narrative when the endpoint answers and the offline text when it fails", async () => {
    const w = world();
    seed(w.db);
    openai.behave({ kind: "answer", text: "Joint drills [1] followed a visit [2]." });
    const llm = { baseUrl: openai.baseUrl, model: "m", timeoutMs: 5000 };
    const o1 = opts();
    const r1 = await postDigest(w.deps({ llm }), o1);
    expect(r1.narratives?.written).toBeGreaterThan(0);
    expect(JSON.stringify(slack.topLevel(o1.channel)[0]!.blocks)).toContain("Joint drills [1] followed a visit [2].");

    openai.behave({ kind: "hang" });
    const o2 = opts();
    const r2 = await postDigest(w.deps({ llm: { ...llm, timeoutMs: 300 } }), o2);
    expect(r2.outcome).toBe("posted");
    expect(r2.narratives).toMatchObject({ written: 0, failed: 1 });
    const blocks = JSON.stringify(slack.topLevel(o2.channel)[0]!.blocks);
    expect(blocks).not.toContain("Joint drills");
    expect(blocks).toContain("China and Belarus held joint drills &lt;!channel&gt;");
  });

  it("posts what the port renders: the service has no Slack of its own", async () => {
    const w = world();
    seed(w.db);
    const o = opts();
    const client = w.deps().slack;
    const port: DigestPort = {
      chat: client.chat,
      conversations: client.conversations,
      classifyError: client.classifyError,
      renderDigest: (d) => ({
        quiet: false,
        parent: { key: "parent", text: `rendered by the port: ${d.period.id}, ${d.pairs.length} pairs`, blocks: [{ type: "section", text: { type: "mrkdwn", text: "port" } }] },
        replies: [],
      }),
    };
    const r = await postDigest(w.deps({ slack: port }), o);
    expect(r.outcome).toBe("posted");
    expect(slack.topLevel(o.channel).map((m) => m.text)).toEqual([`rendered by the port: ${o.week}, 3 pairs`]);
  });

  it("names countries with the directory it is given (the gazetteer in the app)", async () => {
    const w = world();
    seed(w.db);
    const o = opts();
    await postDigest(w.deps({ countries: { country: (c) => ({ en: `Land-${c}` }) } }), o);
    expect(JSON.stringify(slack.topLevel(o.channel)[0]!.blocks)).toContain("Land-BY – Land-CN");
  });

  it.each([
    ["a week that has not started", "2024-W50", /not started/],
    ["a malformed week", "2024-50", /^digest: expected an ISO week/],
  ])("refuses %s without throwing, and records the run", async (_n, week, msg) => {
    const w = world();
    const o = opts({ week });
    const r = await postDigest(w.deps(), o);
    expect(r.outcome).toBe("failed");
    expect(r.error).toMatch(msg);
    expect(listDigestRuns(w.db, o.channel, r.period).map((x) => x.outcome)).toEqual(["failed"]);
    expect(slack.topLevel(o.channel)).toHaveLength(0);
  });
});

describe("classifySlackError", () => {
  it.each([
    ["429", { code: "slack_webapi_rate_limited_error", retryAfter: 7 }, { kind: "rate_limited", retryAfterMs: 7000 }],
    ["503", { code: "slack_webapi_http_error", statusCode: 503 }, { kind: "uncertain" }],
    ["404", { code: "slack_webapi_http_error", statusCode: 404 }, { kind: "fatal" }],
    ["dropped", { code: "slack_webapi_request_error", original: new Error("socket hang up") }, { kind: "uncertain" }],
    ["internal_error", { code: "slack_webapi_platform_error", data: { error: "internal_error" } }, { kind: "uncertain" }],
    ["channel_not_found", { code: "slack_webapi_platform_error", data: { error: "channel_not_found" } }, { kind: "fatal" }],
    ["anything else", new Error("x"), { kind: "fatal" }],
  ])("%s", (_n, err, want) => expect(classifySlackError(err)).toMatchObject(want));
});

describe("postDigest in Vietnamese (a channel set with /relations lang vi)", () => {
  it("posts the parent and the pairs' replies in Vietnamese: names, dates, types, summaries from the fields; no English catalog string; hostile text escaped", async () => {
    const [{ createChannelSettingsRepo }, { gazetteerPort }, { summarizeVi }, { en }, { vi }] = await Promise.all([
      import("../../src/db/channel-settings.repo.ts"),
      import("../../src/analyze/gazetteer-port.ts"),
      import("../../src/analyze/summary-vi.ts"),
      import("../../src/chat/i18n/en.ts"),
      import("../../src/chat/i18n/vi.ts"),
    ]);
    const w = world();
    seed(w.db);
    const o = opts();
    const asked = openai.requests.length;
    createChannelSettingsRepo(w.db).setLang(o.channel, "vi", "U1", "2024-10-01T00:00:00Z");
    const port = gazetteerPort(loadGazetteer());
    const r = await postDigest(w.deps({ summarize: (f, lang) => (lang === "vi" ? summarizeVi(f, port) : f.summary), llm: { baseUrl: openai.baseUrl, model: "m", timeoutMs: 5000 } }), o);
    expect(r.outcome).toBe("posted");
    const parent = JSON.stringify(slack.topLevel(o.channel)[0]!.blocks);
    const thread = slack.thread(o.channel, r.ts!).map((m) => JSON.stringify(m.blocks)).join("\n");
    expect(parent).toContain("Bản tin hợp tác quốc phòng · 14–20/10/2024");
    expect(parent).toContain("Belarus – Trung Quốc");
    expect(parent).toContain("Nga – Việt Nam");
    expect(thread).toContain("Belarus và Trung Quốc đã tổ chức tập trận chung.");
    expect(thread).toContain("15/10/2024 · Tuần tra chung");
    expect(thread).toMatch(/sự kiện mới được đưa tin lần đầu 14–20\/10\/2024/);
    // the stored English summary (with its hostile text) is not what a Vietnamese channel reads
    expect(parent + thread).not.toContain("<!channel>");
    // narratives are written in English by the model: a Vietnamese digest goes without them
    expect(r.narratives).toBeUndefined();
    expect(openai.requests.length).toBe(asked);
    const viValues = Object.values(vi).join("\n");
    const fragments = Object.values(en).flatMap((v) => v.split(/\{\w+\}/).map((f) => f.trim())).filter((f) => /[A-Za-z]{4,}/.test(f) && !viValues.includes(f));
    expect(fragments.filter((f) => (parent + thread).includes(JSON.stringify(f).slice(1, -1)))).toEqual([]);
  });
});
