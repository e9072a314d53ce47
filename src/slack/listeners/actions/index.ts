/**
 * Buttons: "Show older" pages a timeline; "Share in channel" posts it for everyone; a pair button
 * under "which pair?" in a digest's thread answers the question for that pair.
 */
import type { App, BlockButtonAction, RespondFn } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { ACTION_IDS, renderBlocks } from "../../render.ts";
import { respondReply } from "../commands/index.ts";
import { classifySlackError } from "../../post-once.ts";
import { isDirectMessage, postChart } from "../../chart-upload.ts";
import { t, type Lang } from "../../../chat/i18n/index.ts";
import type { Reply } from "../../../chat/reply.ts";

type ButtonArgs = { body: BlockButtonAction; ack: () => Promise<void>; respond: RespondFn };

const stale = (lang: Lang | null): Reply => ({ ephemeral: true, items: [{ text: t(lang ?? "en", "slack.stale") }], actions: [], lang: lang ?? "en" });


/**
 * "Show older": replaces the ephemeral answer with the next older page. Under a message shared
 * in the channel it must not rewrite what everyone sees, so the older page goes to the clicker only.
 */
export function olderAction(deps: SlackDeps) {
  return async ({ body, ack, respond }: ButtonArgs) => {
    await ack();
    try {
      const value = body.actions[0]?.value ?? "";
      const chanId = body.channel?.id ?? body.container?.channel_id;
      const reply = deps.chat.older(value) ?? stale(deps.chat.channelLang(chanId));
      const inChannel = body.container?.is_ephemeral === false;
      await respondReply(respond, reply, { replace_original: !inChannel });
    } catch (err) {
      deps.logger.error("slack: show older failed", { err });
      await respondReply(respond, deps.chat.apology(body.channel?.id ?? body.container?.channel_id)).catch(() => {});
    }
  };
}

/**
 * "Share in channel": posts the timeline with chat.postMessage, exactly once (a real message, so it
 * has a ts that thread follow-ups hang on), records what it is about, and removes the ephemeral copy.
 * Slack sends a channel's messages only to an app that is a member, so the app joins a public
 * channel first; where it could not, the shared message says how to let it hear follow-ups. In a
 * DM nobody can be invited, so no such advice there.
 */
export function shareAction(deps: SlackDeps) {
  return async ({ body, ack, respond }: ButtonArgs) => {
    await ack();
    try {
      const reply = deps.chat.shared(body.actions[0]?.value ?? "");
      const channel = body.channel?.id ?? body.container?.channel_id;
      if (!reply || !channel) return void (await respondReply(respond, stale(deps.chat.channelLang(channel))));
      const dm = isDirectMessage(channel, body.channel?.name);
      const joined = dm ? "not_joinable" : await deps.join(channel);
      if (joined === "failed") {
        reply.footer = [reply.footer, t(reply.lang ?? "en", "slack.inviteForFollowUps")].filter(Boolean).join("\n");
      }
      let posted;
      try {
        posted = await deps.postOnce({ channel, ...renderBlocks(reply) });
      } catch (err) {
        const f = classifySlackError(err);
        const code = f.kind === "fatal" ? f.error : undefined;
        if (code === "not_in_channel" || code === "channel_not_found") {
          const lang = reply.lang ?? "en";
          const text = t(lang, dm ? "slack.cannotPostDm" : "slack.cannotPost");
          return void (await respondReply(respond, { ephemeral: true, items: [{ text }], actions: [], lang }));
        }
        throw err;
      }
      if (reply.topic) deps.chat.recordPosted(posted.channel, posted.ts, reply.topic);
      await respond({ delete_original: true });
    } catch (err) {
      deps.logger.error("slack: share failed", { err });
      await respondReply(respond, deps.chat.apology(body.channel?.id ?? body.container?.channel_id)).catch(() => {});
    }
  };
}

/** A pair picked under "which pair of this digest?": the answer goes in the thread, once. */
export function pickAction(deps: SlackDeps) {
  return async ({ body, ack, respond }: ButtonArgs) => {
    await ack();
    try {
      const channel = body.channel?.id ?? body.container?.channel_id;
      const threadTs = (body.container as { thread_ts?: string } | undefined)?.thread_ts ?? (body.message as { thread_ts?: string } | undefined)?.thread_ts;
      const reply = channel && threadTs ? await deps.chat.pickPair(channel, threadTs, body.actions[0]?.value ?? "") : null;
      if (!reply || !channel || !threadTs) return void (await respondReply(respond, stale(deps.chat.channelLang(channel))));
      await deps.postOnce({ channel, thread_ts: threadTs, ...renderBlocks(reply) });
    } catch (err) {
      deps.logger.error("slack: answering a picked pair failed", { err });
      await respondReply(respond, deps.chat.apology(body.channel?.id ?? body.container?.channel_id)).catch(() => {});
    }
  };
}

/**
 * "Chart": posts the pair's activity chart in the thread of the message the button is under (a
 * digest's per-pair reply: the digest's thread; a shared timeline: its own thread); under an
 * answer only the clicker sees, which has no thread, in the channel. A pair with nothing to chart,
 * or an upload that failed, gets a text answer for the clicker only.
 */
export function chartButtonAction(deps: SlackDeps) {
  return async ({ body, ack, respond }: ButtonArgs) => {
    await ack();
    try {
      const channel = body.channel?.id ?? body.container?.channel_id;
      const reply = channel ? await deps.chat.chart(body.actions[0]?.value ?? "") : null;
      if (!reply || !channel) return void (await respondReply(respond, stale(deps.chat.channelLang(channel))));
      const message = body.message as { ts?: string; thread_ts?: string } | undefined;
      const container = body.container as { message_ts?: string; thread_ts?: string; is_ephemeral?: boolean } | undefined;
      const inChannel = container?.is_ephemeral === false;
      const thread_ts = message?.thread_ts ?? container?.thread_ts ?? (inChannel ? (message?.ts ?? container?.message_ts) : undefined);
      const answer = await postChart(deps, reply, { channel, channelName: body.channel?.name, thread_ts });
      if (answer) await respondReply(respond, { ...answer, ephemeral: true }, { replace_original: false });
    } catch (err) {
      deps.logger.error("slack: chart failed", { err });
      await respondReply(respond, deps.chat.apology(), { replace_original: false }).catch(() => {});
    }
  };
}

/** Registers the button listeners. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.older, olderAction(deps));
  app.action<BlockButtonAction>(ACTION_IDS.share, shareAction(deps));
  app.action<BlockButtonAction>(ACTION_IDS.chart, chartButtonAction(deps));
  app.action<BlockButtonAction>({ action_id: new RegExp(`^${ACTION_IDS.pick}_\\d+$`) }, pickAction(deps));
}
