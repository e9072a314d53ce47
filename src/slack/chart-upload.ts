/**
 * Posting the activity chart (issue 13): the reply's PNG goes to Slack with files.uploadV2, into
 * the thread it was asked from (or the channel, for a slash command or a button under an answer
 * only the clicker sees). A failed upload (429, 5xx, not in the channel) becomes a clear text
 * answer for the person who asked, with the Chart button to try again: nothing is lost.
 */
import { chartStrings } from "../chat/chart-strings.ts";
import type { Reply } from "../chat/reply.ts";
import type { SlackDeps } from "./deps.ts";
import { classifySlackError } from "./post-once.ts";

/** A direct message (with the bot, or between people): nobody can /invite anyone there. */
export function isDirectMessage(channelId: string, channelName?: string): boolean {
  return channelId.startsWith("D") || channelName === "directmessage" || (channelName ?? "").startsWith("mpdm-");
}

/** Where the chart goes. */
export interface ChartTarget {
  channel: string;
  channelName?: string;
  thread_ts?: string;
}

/**
 * Uploads a chart reply's image to the target. Returns what to tell the asker instead: the reply
 * itself when it is a text answer (nothing to chart), an explanation when the upload failed, and
 * null when the chart is posted.
 */
export async function postChart(deps: SlackDeps, reply: Reply, target: ChartTarget): Promise<Reply | null> {
  const S = chartStrings(reply.lang ?? "en");
  const image = reply.image;
  if (!image) return reply;
  // files reach a channel only through a member: join a public channel first (as Share does)
  if (!isDirectMessage(target.channel, target.channelName)) await deps.join(target.channel);
  try {
    await deps.uploadFile({
      channel: target.channel,
      thread_ts: target.thread_ts,
      bytes: image.png,
      filename: image.filename,
      title: image.title,
      alt: image.alt,
      comment: reply.items[0]?.text,
    });
    return null;
  } catch (err) {
    const f = classifySlackError(err);
    deps.logger.warn("slack: chart upload failed", { channel: target.channel, reason: f.kind === "rate_limited" ? `rate limited ${f.retryAfterMs} ms` : f.reason });
    const text =
      f.kind === "rate_limited"
        ? S.rateLimited(Math.max(1, Math.ceil(f.retryAfterMs / 1000)))
        : f.kind === "fatal" && (f.error === "not_in_channel" || f.error === "channel_not_found")
          ? S.notInChannel
          : S.uploadFailed;
    return { ephemeral: true, items: [{ text }], actions: reply.actions, lang: S.lang };
  }
}
