/** Channel messages: only replies in threads the bot started get an answer (see ../threads.ts). */
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { answerThreadReply, type RecentKeys } from "../threads.ts";

/** Registers the message listener. */
export function register(app: App, deps: SlackDeps, seen: RecentKeys): void {
  app.message(async ({ message, context }) => {
    const m = message as { channel: string; ts: string; thread_ts?: string; text?: string; user?: string; bot_id?: string; subtype?: string };
    await answerThreadReply(deps, seen, {
      channel: m.channel,
      ts: m.ts,
      threadTs: m.thread_ts,
      text: m.text ?? "",
      user: m.user,
      botId: m.bot_id,
      subtype: m.subtype,
    }, context.botUserId);
  });
}
