/**
 * Socket Mode through a fake WebSocket: the real Bolt app and SocketModeClient connect to a local
 * endpoint that speaks Slack's protocol (apps.connections.open → WebSocket → "hello"). /healthz is
 * 503, saying why, until Slack has said hello, and again while the connection is being re-made.
 */
import { createServer } from "node:net";
import { afterEach, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { createChatCore } from "../../src/chat/core.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import { testDb } from "../helpers/db.ts";
import { startFakeSlackApi, type FakeSlackApi } from "../helpers/slack-fakes.ts";
import { startFakeSocketMode, type FakeSocketMode } from "../helpers/fake-socket-mode.ts";

let api: FakeSlackApi | undefined;
let sm: FakeSocketMode | undefined;
let slack: SlackApp | undefined;
afterEach(async () => {
  await slack?.stop().catch(() => {});
  await sm?.close();
  await api?.close();
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function until<T>(f: () => Promise<T | undefined>, what: string, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`socket-mode.test: no ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

it("/healthz answers 503 until Slack says hello on the socket, 200 once connected, 503 while reconnecting", async () => {
  api = await startFakeSlackApi();
  sm = await startFakeSocketMode({ holdHello: true });
  const wsUrl = sm.wsUrl;
  api.on("apps.connections.open", () => ({ json: { ok: true, url: wsUrl } }));
  const db = testDb();
  const chat = createChatCore({ timeline: createTimelineService(createTimelineRepo(db)), countries: loadGazetteer(), watches: createWatchesRepo(db), botMessages: createBotMessagesRepo(db) });
  const port = await freePort();
  slack = createSlackApp({ botToken: "xoxb-test", signingSecret: "", appToken: "xapp-test", apiUrl: api.url, port, chat, logger: silentLogger });
  let started = false;
  const starting = slack.start().then(() => (started = true));
  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  // the WebSocket is open, but Slack has not said hello: not connected yet
  await until(async () => (sm!.connections() > 0 ? true : undefined), "WebSocket connection");
  const before = await until(health, "/healthz");
  expect(before.status).toBe(503);
  expect(before.body).toMatchObject({ ok: false, mode: "socket", reason: expect.stringContaining("connecting") });
  expect(started).toBe(false);

  sm.hello();
  await starting;
  const after = await health();
  expect(after.status).toBe(200);
  expect(after.body).toMatchObject({ ok: true, mode: "socket" });

  // the connection drops; the client reconnects, and until Slack says hello again it is not connected
  sm.holdHello();
  sm.drop();
  const lost = await until(async () => {
    const h = await health();
    return h.status === 503 ? h : undefined;
  }, "503 after the drop");
  expect(lost.body.reason).toMatch(/reconnecting|connecting|disconnected/);
  sm.hello();
  await until(async () => ((await health()).status === 200 ? true : undefined), "200 after reconnecting", 15_000);
}, 30_000);
