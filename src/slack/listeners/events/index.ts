/** Events: a mention of the bot — a follow-up question in a thread it started, else a short usage answer. */
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { answerMention, type RecentKeys } from "../threads.ts";

/** Registers the event listeners. */
export function register(app: App, deps: SlackDeps, seen: RecentKeys): void {
  app.event("app_mention", async ({ event, context }) => {
    await answerMention(deps, seen, {
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
