/**
 * The activity chart in Slack, end to end over loopback: signed commands and button presses into
 * the real Bolt app, the chart uploaded with files.uploadV2's real three steps to the fake Web API
 * (getUploadURLExternal, the bytes POSTed to its upload_url, completeUploadExternal), and the PNG
 * the fake kept decoded and read.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { chartStrings } from "../../src/chat/chart-strings.ts";
const S = chartStrings("en");
import { PLOT } from "../../src/chat/chart-svg.ts";
import { createChatCore } from "../../src/chat/core.ts";
import { encodeTopic } from "../../src/chat/topic.ts";
import type { Db } from "../../src/db/client.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import { ACTION_IDS } from "../../src/slack/render.ts";
import { testDb } from "../helpers/db.ts";
import { barsOnRow, decodePng, ink } from "../helpers/png.ts";
import { startFakeSlackApi, startResponseUrlServer, type FakeSlackApi, type ResponseUrlServer } from "../helpers/slack-fakes.ts";
import { findMentions, messageText } from "../helpers/slack-limits.ts";
import { buttonPayload, postInteraction, postSlashCommand } from "../helpers/slack-signing.ts";
import { seedDevelopments, seedMany } from "../chat/seed.ts";

const SECRET = "test-signing-secret";
let db: Db;
let api: FakeSlackApi;
let ru: ResponseUrlServer;
let slack: SlackApp;
let url: string;

beforeEach(async () => {
  db = testDb();
  const chat = createChatCore({ timeline: createTimelineService(createTimelineRepo(db)), countries: loadGazetteer(), watches: createWatchesRepo(db), botMessages: createBotMessagesRepo(db) });
  api = await startFakeSlackApi();
  ru = await startResponseUrlServer();
  slack = createSlackApp({ botToken: "xoxb-test", signingSecret: SECRET, apiUrl: api.url, port: 0, host: "127.0.0.1", chat, logger: silentLogger, postOptions: { backoffMs: 10 } });
  const { port } = await slack.start();
  url = `http://127.0.0.1:${port}/slack/events`;
});

afterEach(async () => {
  await slack.stop();
  await api.close();
  await ru.close();
  expect(api.violations).toEqual([]);
  expect(ru.violations).toEqual([]);
});

const CHINA_BELARUS = encodeTopic({ kind: "timeline", pair: { a: "BY", b: "CN" } });

/** Presses Chart with `value`; `message` is the message the button is under, as Slack sends it. */
async function press(id: string, opts: { value?: string; channel?: string; ephemeral?: boolean; message?: { ts: string; thread_ts?: string } } = {}) {
  const payload = { ...buttonPayload({ actionId: ACTION_IDS.chart, value: opts.value ?? CHINA_BELARUS, responseUrl: ru.url(id), channel: opts.channel, ephemeral: opts.ephemeral }), ...(opts.message ? { message: { type: "message", ...opts.message } } : {}) };
  const res = await postInteraction(url, SECRET, payload);
  expect(res.status).toBe(200);
}

/** Waits until the response_url `id` got an answer, or `files` files are shared. */
async function settle(pred: () => boolean) {
  for (let i = 0; i < 300 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(pred()).toBe(true);
}
const answerOf = (id: string) => ru.received.find((r) => r.path.endsWith(`/${id}`))?.body;

function seedChinaBelarus() {
  seedDevelopments(db, [
    { pair: ["CN", "BY"], type: "visit", start: "2023-02-01", summary: "A visit.", sources: [{ url: "https://a.example/1", outlet: "X" }] },
    { pair: ["CN", "BY"], type: "exercise", start: "2024-07-08", summary: "<!channel> An exercise <@U123>.", sources: [{ url: "https://a.example/2", outlet: "<!here> Y" }] },
  ]);
}

describe("Chart", () => {
  it("/relations a b chart uploads the PNG into the channel through the real upload sequence", async () => {
    seedChinaBelarus();
    const res = await postSlashCommand(url, SECRET, { text: "china belarus chart", response_url: ru.url("cmd"), channel_id: "C0042" });
    expect(res.status).toBe(200);
    await settle(() => api.files.length === 1);
    const steps = api.calls.map((c) => c.method).filter((m) => m.startsWith("files.") || m === "upload");
    expect(steps).toEqual(["files.getUploadURLExternal", "upload", "files.completeUploadExternal"]);
    const f = api.files[0]!;
    expect(f).toMatchObject({ channel: "C0042", thread_ts: undefined, filename: "relations-by-cn-quarter.png", title: "Belarus – China: developments per quarter, 2023–2024" });
    expect(f.alt_text).toContain("Bar chart of 2 defense-cooperation developments between Belarus – China");
    const img = decodePng(f.bytes);
    expect([img.width, img.height]).toEqual([960, 540]);
    expect(ink(img)).toBeGreaterThan(5000);
    expect(barsOnRow(img, PLOT.baseline - 1, PLOT.left, PLOT.right)).toBe(2);
    // stored text never reaches the comment: no pings
    expect(f.initial_comment).toBe(S.caption("Belarus – China", 2, "2023–2024"));
  });

  it("under a shared timeline, posts in that message's thread; under a digest's per-pair reply, in the digest's thread", async () => {
    seedMany(db, ["CN", "BY"], 5);
    await press("shared", { ephemeral: false, message: { ts: "1700000000.000100" } });
    await settle(() => api.files.length === 1);
    expect(api.files[0]).toMatchObject({ channel: "C0001", thread_ts: "1700000000.000100" });
    await press("digest", { ephemeral: false, message: { ts: "1700000000.000300", thread_ts: "1700000000.000200" } });
    await settle(() => api.files.length === 2);
    expect(api.files[1]).toMatchObject({ channel: "C0001", thread_ts: "1700000000.000200" });
    expect(ru.received).toEqual([]);
  });

  it("under an answer only the clicker sees (no thread), posts in the channel", async () => {
    seedMany(db, ["CN", "BY"], 2);
    await press("eph", { ephemeral: true });
    await settle(() => api.files.length === 1);
    expect(api.files[0]!.thread_ts).toBeUndefined();
  });

  it("an empty pair gets a text answer, not an image", async () => {
    await press("empty");
    await settle(() => answerOf("empty") !== undefined);
    expect(messageText(answerOf("empty")!)).toContain(S.empty("Belarus", "China", ""));
    expect(answerOf("empty")!.response_type).toBe("ephemeral");
    expect(api.calls.filter((c) => c.method.startsWith("files."))).toEqual([]);
    const cmd = await postSlashCommand(url, SECRET, { text: "china belarus chart", response_url: ru.url("empty-cmd") });
    expect(cmd.status).toBe(200);
    await settle(() => answerOf("empty-cmd") !== undefined);
    expect(messageText(answerOf("empty-cmd")!)).toContain("Nothing to chart between Belarus and China");
    expect(api.files).toEqual([]);
  });

  it("a failed byte upload gets a clear answer with the Chart button, and the next press posts it", async () => {
    seedChinaBelarus();
    api.on("upload", (_b, n) => (n === 1 ? { status: 500 } : undefined));
    await press("fail");
    await settle(() => answerOf("fail") !== undefined);
    const answer = answerOf("fail")!;
    expect(messageText(answer)).toContain(S.uploadFailed);
    expect(answer.response_type).toBe("ephemeral");
    expect(answer.replace_original).toBe(false);
    const retry = (answer.blocks as any[]).flatMap((b) => (b.type === "actions" ? b.elements : []));
    expect(retry.map((b: any) => b.action_id)).toEqual([ACTION_IDS.chart]);
    expect(api.files).toEqual([]);
    await press("retry", { value: retry[0].value });
    await settle(() => api.files.length === 1);
    expect(answerOf("retry")).toBeUndefined();
  });

  it("a 429 says when to try again", async () => {
    seedChinaBelarus();
    api.on("files.getUploadURLExternal", () => ({ status: 429, headers: { "retry-after": "7" }, json: { ok: false, error: "ratelimited" } }));
    await press("429");
    await settle(() => answerOf("429") !== undefined);
    expect(messageText(answerOf("429")!)).toContain(S.rateLimited(7));
    expect(api.files).toEqual([]);
  });

  it("in Vietnamese: a Vietnamese command's chart is titled, described and captioned in Vietnamese; a failed press of its button answers in Vietnamese with the Biểu đồ button", async () => {
    seedChinaBelarus();
    await postSlashCommand(url, SECRET, { text: "trung quốc belarus biểu đồ", response_url: ru.url("vi"), channel_id: "C0042" });
    await settle(() => api.files.length === 1);
    const f = api.files[0]!;
    expect(f.title).toBe("Belarus – Trung Quốc: số sự kiện mỗi quý, 2023–2024");
    expect(f.alt_text).toContain("Biểu đồ cột 2 sự kiện hợp tác quốc phòng giữa Belarus – Trung Quốc");
    expect(f.initial_comment).toBe("Biểu đồ hoạt động: Belarus – Trung Quốc, 2 sự kiện, 2023–2024.");
    api.on("files.getUploadURLExternal", () => ({ status: 429, headers: { "retry-after": "7" }, json: { ok: false, error: "ratelimited" } }));
    await press("vi429", { value: encodeTopic({ kind: "timeline", pair: { a: "BY", b: "CN" }, lang: "vi" }) });
    await settle(() => answerOf("vi429") !== undefined);
    expect(messageText(answerOf("vi429")!)).toContain("Slack đang giới hạn việc tải tệp lên nên biểu đồ chưa được đăng. Hãy bấm Biểu đồ lại sau 7 giây.");
    const retry = (answerOf("vi429")!.blocks as any[]).flatMap((b) => (b.type === "actions" ? b.elements : []));
    expect(retry.map((b: any) => b.text.text)).toEqual(["Biểu đồ"]);
  });

  it("in a private channel it is not in, says to invite it", async () => {
    seedChinaBelarus();
    api.membership({ member: [], private: ["G0001"] });
    await press("private", { channel: "G0001" });
    await settle(() => answerOf("private") !== undefined);
    expect(messageText(answerOf("private")!)).toContain(S.notInChannel);
  });

  it("hostile command text never pings", async () => {
    seedChinaBelarus();
    await postSlashCommand(url, SECRET, { text: "<!channel> <@U123> chart", response_url: ru.url("hostile") });
    await settle(() => answerOf("hostile") !== undefined);
    expect(findMentions(answerOf("hostile")!)).toEqual([]);
    expect(api.files).toEqual([]);
  });
});
