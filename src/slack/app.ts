/**
 * The Bolt edge, kept thin: builds the App (Socket Mode when an app token is given, else HTTP
 * with `/slack/events` and `GET /healthz`), registers the listeners by kind, starts and stops.
 */
import { App, LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
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
  const healthz = {
    path: "/healthz",
    method: ["GET"],
    handler: (_req: unknown, res: import("node:http").ServerResponse) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, mode: socketMode ? "socket" : "http", ...opts.health?.() }));
    },
  };
  const app = new App({
    token: opts.botToken,
    signingSecret: opts.signingSecret,
    // In Socket Mode /healthz is still served over HTTP on PORT (Bolt's receiver starts a small server for custom routes).
    // (its apps.connections.open call goes to SLACK_API_URL too)
    ...(socketMode ? { socketMode: true, appToken: opts.appToken, installerOptions: { port: opts.port, clientOptions: apiUrl ? { slackApiUrl: apiUrl } : undefined } } : {}),
    customRoutes: [healthz],
    logger: boltLogger(opts.logger),
    clientOptions: apiUrl ? { slackApiUrl: apiUrl } : undefined,
    // Slash commands and interactivity share the one endpoint, as the manifest says.
    endpoints: "/slack/events",
  });
  // posts go through a client that never retries on its own: a hidden retry could post twice
  const poster = createNoRetryWebClient(opts.botToken, { slackApiUrl: apiUrl });
  const deps: SlackDeps = {
    chat: opts.chat,
    logger: opts.logger,
    postOnce: (msg) => postMessageOnce(poster, msg, { logger: opts.logger, ...opts.postOptions }),
    async join(channel): Promise<JoinResult> {
      try {
        await app.client.conversations.join({ channel });
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
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      await app.stop();
    },
  };
}
