/**
 * The Bolt edge, kept thin: builds the App (Socket Mode when an app token is given, else HTTP
 * with `/slack/events` and `GET /healthz`), registers the listeners by kind, starts and stops.
 * `/healthz` answers 503 with the reason until the app is really connected to Slack: over HTTP once
 * Slack accepted the token (auth.test), in Socket Mode once Slack said hello on the socket (and
 * again while it reconnects). Requests stamped more than 5 minutes ahead get 401, as those more
 * than 5 minutes old do (Bolt itself only refuses the past).
 */
import { App, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from "@slack/bolt";
import type { AddressInfo } from "node:net";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Logger } from "../lib/log.ts";
import type { ChatCore } from "../chat/core.ts";
import { register as registerCommands } from "./listeners/commands/index.ts";
import { register as registerActions } from "./listeners/actions/index.ts";
import { register as registerEvents } from "./listeners/events/index.ts";
import { register as registerMessages } from "./listeners/messages/index.ts";
import { RecentKeys } from "./listeners/threads.ts";
import { registerEventDedupe, type ClaimEvent } from "./listeners/dedupe.ts";
import { createNoRetryWebClient, postMessageOnce, type PostOnceOptions } from "./post-once.ts";
import type { JoinResult, SlackDeps } from "./deps.ts";

/** How to reach Slack and what to answer with. */
export interface SlackAppOptions {
  botToken: string;
  signingSecret: string;
  /** xapp- token: Socket Mode; absent: HTTP */
  appToken?: string;
  /** Web API base URL (a proxy, or the fake server in tests); must end with "/api/" like Slack's */
  apiUrl?: string;
  /** HTTP port (0 = any free port) and host */
  port: number;
  host?: string;
  chat: ChatCore;
  logger: Logger;
  /** claims a Slack event id (processed_events); when given, each event id is handled once (issue 6) */
  claimEvent?: ClaimEvent;
  /** extra fields for GET /healthz */
  health?: () => Record<string, unknown>;
  /** exactly-once posting tuning (tests shorten the waits) */
  postOptions?: Omit<PostOnceOptions, "logger">;
}

/** A built Slack front end. */
export interface SlackApp {
  app: App;
  /** Starts listening; resolves with the HTTP port once ready (undefined in Socket Mode). */
  start(): Promise<{ port?: number }>;
  /** Stops receiving (closes the HTTP server or the socket). */
  stop(): Promise<void>;
}

/** Adapts our structured logger to Bolt's logger interface. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const str = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  return {
    debug: (...a) => log.debug(`bolt: ${str(a)}`),
    info: (...a) => log.info(`bolt: ${str(a)}`),
    warn: (...a) => log.warn(`bolt: ${str(a)}`),
    error: (...a) => log.error(`bolt: ${str(a)}`),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}

/** Builds the Bolt app with every listener registered. */
export function createSlackApp(opts: SlackAppOptions): SlackApp {
  const socketMode = Boolean(opts.appToken);
  const apiUrl = opts.apiUrl ? (opts.apiUrl.endsWith("/") ? opts.apiUrl : `${opts.apiUrl}/`) : undefined;
  const mode = socketMode ? "socket" : "http";
  // whether Slack is really reachable, and if not why (shown by /healthz)
  const conn = { connected: false, reason: socketMode ? "socket mode: connecting to Slack" : "http: not started" };
  const healthz = {
    path: "/healthz",
    method: ["GET"],
    handler: (_req: unknown, res: ServerResponse) => {
      const body = conn.connected ? { ok: true, mode } : { ok: false, mode, reason: conn.reason };
      res.writeHead(conn.connected ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ ...body, ...opts.health?.() }));
    },
  };
  const logger = boltLogger(opts.logger);
  // In Socket Mode /healthz is still served over HTTP on PORT (the receiver starts a small server
  // for custom routes), and apps.connections.open goes to SLACK_API_URL too.
  const receiver = socketMode
    ? new SocketModeReceiver({ appToken: opts.appToken!, logger, installerOptions: { port: opts.port, clientOptions: apiUrl ? { slackApiUrl: apiUrl } : undefined }, customRoutes: [healthz] })
    : undefined;
  if (receiver) {
    const client = receiver.client;
    client.on("connected", () => Object.assign(conn, { connected: true, reason: "" }));
    client.on("connecting", () => Object.assign(conn, { connected: false, reason: "socket mode: connecting to Slack" }));
    client.on("reconnecting", () => Object.assign(conn, { connected: false, reason: "socket mode: connection to Slack lost, reconnecting" }));
    client.on("disconnected", () => Object.assign(conn, { connected: false, reason: "socket mode: disconnected from Slack" }));
    // the socket closed: the client waits a few seconds before it says "reconnecting"; not connected meanwhile
    client.on("close", () => {
      const ws = (client as unknown as { websocket?: { isActive(): boolean } }).websocket;
      if (!ws?.isActive()) Object.assign(conn, { connected: false, reason: "socket mode: connection to Slack lost, reconnecting" });
    });
  }
  // Who the bot is (auth.test), asked once and again after a failure. Bolt's own check at
  // construction would leave a rejected promise nobody handles when the token is refused.
  let identity: Promise<{ botId?: string; botUserId?: string }> | null = null;
  const whoAmI = (): Promise<{ botId?: string; botUserId?: string }> =>
    (identity ??= app.client.auth
      .test({ token: opts.botToken })
      .then((r: { bot_id?: string; user_id?: string }) => ({ botId: r.bot_id, botUserId: r.user_id }))
      .catch((err: unknown) => {
        identity = null;
        throw err;
      }));
  const app: App = new App({
    authorize: async () => ({ botToken: opts.botToken, ...(await whoAmI()) }),
    ...(receiver
      ? { receiver }
      : {
          signingSecret: opts.signingSecret,
          customRoutes: [healthz],
          // Slash commands and interactivity share the one endpoint, as the manifest says.
          endpoints: "/slack/events",
        }),
    logger,
    clientOptions: apiUrl ? { slackApiUrl: apiUrl } : undefined,
  });
  // posts go through a client that never retries on its own: a hidden retry could post twice
  const poster = createNoRetryWebClient(opts.botToken, { slackApiUrl: apiUrl });
  const deps: SlackDeps = {
    chat: opts.chat,
    logger: opts.logger,
    postOnce: (msg) => postMessageOnce(poster, msg, { logger: opts.logger, ...opts.postOptions }),
    async uploadFile(f) {
      const file = { file: f.bytes, filename: f.filename, title: f.title, alt_text: f.alt, ...(f.comment ? { initial_comment: f.comment } : {}) };
      await poster.filesUploadV2(f.thread_ts ? { ...file, channel_id: f.channel, thread_ts: f.thread_ts } : { ...file, channel_id: f.channel });
    },
    async join(channel): Promise<JoinResult> {
      try {
        await app.client.conversations.join({ token: opts.botToken, channel });
        return "member";
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code === "method_not_supported_for_channel_type" || code === "channel_not_found") return "not_joinable";
        opts.logger.warn("slack: could not join the channel; follow-ups in its threads will not reach the app until it is invited", { channel, error: code ?? (err as Error).message });
        return "failed";
      }
    },
  };
  const seen = new RecentKeys();
  if (opts.claimEvent) registerEventDedupe(app, opts.claimEvent, opts.logger);
  registerCommands(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps, seen);
  registerMessages(app, deps, seen);
  app.error(async (err) => {
    opts.logger.error("slack: unhandled listener error", { err });
  });

  return {
    app,
    async start() {
      if (socketMode) {
        await app.start();
        return {};
      }
      const server = (await app.start({ port: opts.port, host: opts.host ?? "0.0.0.0" })) as Server;
      refuseFutureTimestamps(server);
      conn.reason = "http: checking the bot token with Slack (auth.test)";
      try {
        await whoAmI();
        Object.assign(conn, { connected: true, reason: "" });
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
        conn.reason = `http: Slack did not accept the bot token (auth.test: ${code})`;
        opts.logger.error("slack: auth.test failed; /healthz answers 503", { error: code });
      }
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      await app.stop();
    },
  };
}

/** Slack's tolerance for a request's timestamp, either way. */
const MAX_SKEW_S = 5 * 60;

/**
 * Puts a check in front of Bolt's request listener: a request whose x-slack-request-timestamp is
 * more than 5 minutes ahead is refused with 401 (Bolt refuses only those more than 5 minutes old).
 */
function refuseFutureTimestamps(server: Server): void {
  const listeners = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const ts = Number(req.headers["x-slack-request-timestamp"]);
    if (Number.isFinite(ts) && ts - Math.floor(Date.now() / 1000) > MAX_SKEW_S) {
      res.writeHead(401, { "content-type": "text/plain" });
      res.end("request timestamp is too far in the future");
      return;
    }
    for (const l of listeners) l.call(server, req, res);
  });
}
