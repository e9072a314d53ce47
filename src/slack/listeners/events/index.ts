/** Events: a mention of the bot inside a thread it started is a follow-up question. */
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { answerThreadReply, type RecentKeys } from "../threads.ts";

/** Registers the event listeners. */
export function register(app: App, deps: SlackDeps, seen: RecentKeys): void {
  app.event("app_mention", async ({ event, client, context }) => {
    await answerThreadReply(deps, client, seen, {
      channel: event.channel,
      ts: event.ts,
      threadTs: event.thread_ts,
      text: event.text,
      user: event.user,
      botId: event.bot_id,
      subtype: event.subtype,
    }, context.botUserId);
  });
}
