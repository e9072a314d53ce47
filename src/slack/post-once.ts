/**
 * Posting a message exactly once, for the messages people trigger (a shared timeline, an answer in
 * a thread). Slack may store a chat.postMessage and then answer 5xx or drop the connection; a Web
 * API client that retries on its own (Bolt's does by default) then posts it twice. So the client
 * used here never retries by itself; each message carries a nonce in its metadata, and after an
 * uncertain failure the channel (or the thread) is searched for the nonce before any new try: a
 * message found is adopted, and its ts is the one recorded. If the search itself fails for good
 * (e.g. not_in_channel), nothing more is posted. The digest (services/digest-post.ts) applies the
 * same rule with its claims in the database.
 */
import { randomBytes } from "node:crypto";
import { webApi } from "@slack/bolt";
import type { Logger } from "../lib/log.ts";

type WebClient = webApi.WebClient;

/** How a Slack call failed, and so whether (and how) we may retry. */
export type SlackFailure =
  | { kind: "rate_limited"; retryAfterMs: number }
  | { kind: "uncertain"; reason: string } // 5xx, dropped connection, timeout: it may have been posted
  | { kind: "fatal"; reason: string; error?: string };

/** Classifies an error thrown by a WebClient call (by its `code`, so no class identity is needed). */
export function classifySlackError(err: unknown): SlackFailure {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string }; original?: Error; message?: string };
  switch (e?.code) {
    case "slack_webapi_rate_limited_error":
      return { kind: "rate_limited", retryAfterMs: Math.max(0, (e.retryAfter ?? 1) * 1000) };
    case "slack_webapi_http_error":
      return (e.statusCode ?? 0) >= 500 ? { kind: "uncertain", reason: `HTTP ${e.statusCode}` } : { kind: "fatal", reason: `HTTP ${e.statusCode}` };
    case "slack_webapi_request_error":
      return { kind: "uncertain", reason: `request failed: ${e.original?.message ?? e.message}` };
    case "slack_webapi_platform_error":
      // Slack's own transient answers; anything else (channel_not_found, not_in_channel, invalid_blocks) is final
      return ["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"].includes(e.data?.error ?? "")
        ? { kind: "uncertain", reason: `slack error ${e.data?.error}` }
        : { kind: "fatal", reason: `slack error ${e.data?.error}`, error: e.data?.error };
    default:
      return { kind: "fatal", reason: e?.message ?? String(err) };
  }
}

/** A Web API client that leaves retries to us: none of its own, 429s rejected with their Retry-After. */
export function createNoRetryWebClient(token: string | undefined, opts: { slackApiUrl?: string; timeoutMs?: number } = {}): WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: opts.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: opts.timeoutMs ?? 15_000,
    logLevel: webApi.LogLevel.ERROR,
  });
}

/** A message to post. */
export interface OutgoingMessage {
  channel: string;
  thread_ts?: string;
  text: string;
  blocks: unknown[];
}

/** Where it ended up: the ts in the channel, and whether an earlier try had posted it. */
export interface PostedMessage {
  channel: string;
  ts: string;
  adopted: boolean;
}

/** Tuning; tests shorten the waits. */
export interface PostOnceOptions {
  logger: Logger;
  /** tries in all (default 4) */
  tries?: number;
  /** first wait after an uncertain failure, doubled each time (default 1 s) */
  backoffMs?: number;
  /** longest Retry-After we wait (default 30 s; a person is waiting) */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The metadata event type of messages posted this way. */
export const POST_EVENT_TYPE = "relations_message";
const CLOCK_SKEW_S = 600;

/** Posts `msg` once whatever Slack answers; throws the Slack error when it cannot (no double post either way). */
export async function postMessageOnce(client: WebClient, msg: OutgoingMessage, o: PostOnceOptions): Promise<PostedMessage> {
  const tries = o.tries ?? 4;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const made = Math.floor(Date.now() / 1000);
  const nonce = `m-${made.toString(36)}-${randomBytes(5).toString("hex")}`;
  const find = async (): Promise<string | null> => {
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = msg.thread_ts
        ? await client.conversations.replies({ channel: msg.channel, ts: msg.thread_ts, limit: 200, cursor, include_all_metadata: true })
        : await client.conversations.history({ channel: msg.channel, oldest: String(made - CLOCK_SKEW_S), limit: 200, cursor, include_all_metadata: true });
      const hit = res.messages?.find((m) => (m.metadata as { event_payload?: { nonce?: unknown } } | undefined)?.event_payload?.nonce === nonce);
      if (hit?.ts) return hit.ts;
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return null;
    }
    return null;
  };
  let search = false;
  let lastErr: unknown;
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      if (search) {
        const ts = await find();
        if (ts) {
          o.logger.info("slack: a post Slack had stored before failing was found and adopted", { channel: msg.channel, ts });
          return { channel: msg.channel, ts, adopted: true };
        }
      }
      const res = await client.chat.postMessage({
        ...msg,
        metadata: { event_type: POST_EVENT_TYPE, event_payload: { nonce } },
        unfurl_links: false,
        unfurl_media: false,
      } as Parameters<WebClient["chat"]["postMessage"]>[0]);
      if (!res.ts) throw Object.assign(new Error("chat.postMessage answered without a ts"), { code: "slack_webapi_request_error" });
      return { channel: res.channel ?? msg.channel, ts: res.ts, adopted: false };
    } catch (err) {
      lastErr = err;
      const f = classifySlackError(err);
      if (f.kind === "fatal" || attempt === tries) throw err;
      if (f.kind === "rate_limited") {
        if (f.retryAfterMs > (o.maxRetryAfterMs ?? 30_000)) throw err;
        await sleep(f.retryAfterMs);
      } else {
        // it may have been posted: look for it before posting again
        search = true;
        const wait = (o.backoffMs ?? 1000) * 2 ** (attempt - 1);
        o.logger.warn("slack: posting failed, will look for the message before trying again", { channel: msg.channel, reason: f.reason, waitMs: wait });
        await sleep(wait);
      }
    }
  }
  throw lastErr;
}
