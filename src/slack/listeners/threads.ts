/**
 * Thread replies under messages the bot posted: the shared core of the message and app_mention
 * listeners. Answers go in the same thread, posted exactly once (deps.postOnce); Slack's retries
 * and the message + app_mention pair that one mention produces are answered once (in-memory,
 * bounded: retries come within minutes). A mention outside such a thread gets a short usage answer.
 */
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

/**
 * Subtypes of what people really send as a reply: "also send to channel" (thread_broadcast) and a
 * file with a comment (file_share). Edits, deletions, joins and bots' messages are not questions.
 */
const QUESTION_SUBTYPES = new Set(["thread_broadcast", "file_share"]);

/** Answers `m` when it is a user's reply in a thread the bot started; otherwise does nothing. */
export async function answerThreadReply(deps: SlackDeps, seen: RecentKeys, m: ThreadMessage, botUserId?: string): Promise<void> {
  if ((m.subtype && !QUESTION_SUBTYPES.has(m.subtype)) || m.botId || !m.threadTs || m.threadTs === m.ts || !m.user || m.user === botUserId) return;
  const context = deps.chat.threadContext(m.channel, m.threadTs);
  if (!context) return;
  if (!seen.firstTime(`${m.channel}:${m.ts}`)) return;
  // Slack sends & < > as entities: the core reads what was typed
  const text = decodeSlackEntities(botUserId ? m.text.replaceAll(`<@${botUserId}>`, "").trim() : m.text);
  try {
    const reply = await deps.chat.followUp(context, text);
    const posted = await deps.postOnce({ channel: m.channel, thread_ts: m.threadTs, ...renderBlocks(reply) });
    // An answer about a (possibly switched) pair records its own context too.
    if (reply.topic) deps.chat.recordPosted(posted.channel, posted.ts, reply.topic);
  } catch (err) {
    deps.logger.error("slack: follow-up failed", { err, channel: m.channel, ts: m.ts });
    await deps
      .postOnce({ channel: m.channel, thread_ts: m.threadTs, ...renderBlocks(deps.chat.apology(m.channel)) })
      .catch((e) => deps.logger.error("slack: apology failed", { err: e }));
  }
}

/**
 * A mention of the bot: in a thread it started, a follow-up question; anywhere else (top level, or
 * someone else's thread) a short usage answer in the mention's thread instead of silence.
 */
export async function answerMention(deps: SlackDeps, seen: RecentKeys, m: ThreadMessage, botUserId?: string): Promise<void> {
  if (m.botId || !m.user || m.user === botUserId) return;
  if (m.threadTs && m.threadTs !== m.ts && deps.chat.threadContext(m.channel, m.threadTs)) return answerThreadReply(deps, seen, m, botUserId);
  if (!seen.firstTime(`${m.channel}:${m.ts}`)) return;
  await deps
    .postOnce({ channel: m.channel, thread_ts: m.threadTs ?? m.ts, ...renderBlocks(deps.chat.mentionHelp(m.channel)) })
    .catch((err) => deps.logger.error("slack: usage answer to a mention failed", { err, channel: m.channel }));
}
