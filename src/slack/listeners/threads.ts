/**
 * Thread replies under messages the bot posted: the shared core of the message and app_mention
 * listeners. Answers go in the same thread; Slack's retries and the message + app_mention pair
 * that one mention produces are answered once (in-memory, bounded: retries come within minutes).
 */
import type { webApi } from "@slack/bolt";

type WebClient = webApi.WebClient;
import type { SlackDeps } from "../deps.ts";
import { renderBlocks } from "../render.ts";
import { decodeSlackEntities } from "../../lib/mrkdwn.ts";

/** A bounded set of recently handled keys. */
export class RecentKeys {
  private readonly keys = new Set<string>();
  constructor(private readonly max = 5000) {}
  /** True the first time a key is seen. */
  firstTime(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.max) this.keys.delete(this.keys.values().next().value as string);
    return true;
  }
}

/** The fields of a message event a thread reply needs. */
export interface ThreadMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  user?: string;
  botId?: string;
  subtype?: string;
}

/** Answers `m` when it is a user's reply in a thread the bot started; otherwise does nothing. */
export async function answerThreadReply(deps: SlackDeps, client: WebClient, seen: RecentKeys, m: ThreadMessage, botUserId?: string): Promise<void> {
  if (m.subtype || m.botId || !m.threadTs || m.threadTs === m.ts || !m.user || m.user === botUserId) return;
  const context = deps.chat.threadContext(m.channel, m.threadTs);
  if (!context) return;
  if (!seen.firstTime(`${m.channel}:${m.ts}`)) return;
  const text = decodeSlackEntities(botUserId ? m.text.replaceAll(`<@${botUserId}>`, "").trim() : m.text);
  try {
    const reply = await deps.chat.followUp(context, text);
    const res = await client.chat.postMessage({ channel: m.channel, thread_ts: m.threadTs, ...renderBlocks(reply), unfurl_links: false, unfurl_media: false });
    // An answer about a (possibly switched) pair records its own context too.
    if (res.ts && reply.topic) deps.chat.recordPosted(m.channel, res.ts, reply.topic);
  } catch (err) {
    deps.logger.error("slack: follow-up failed", { err, channel: m.channel, ts: m.ts });
    await client.chat
      .postMessage({ channel: m.channel, thread_ts: m.threadTs, ...renderBlocks(deps.chat.apology()) })
      .catch((e) => deps.logger.error("slack: apology failed", { err: e }));
  }
}
