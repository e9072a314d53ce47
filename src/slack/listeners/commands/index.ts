/** Slash commands: `/relations …`. */
import type { App, RespondFn, SlashCommand } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { renderBlocks } from "../../render.ts";
import type { Reply } from "../../../chat/reply.ts";
import { decodeSlackEntities } from "../../../lib/mrkdwn.ts";
import { postChart } from "../../chart-upload.ts";

/** Slack's command name; the manifest declares the same. */
export const COMMAND = "/relations";

/** Sends a reply through the response_url, ephemeral unless the reply is for everyone. */
export async function respondReply(respond: RespondFn, reply: Reply, extra: { replace_original?: boolean } = {}): Promise<void> {
  await respond({ response_type: reply.ephemeral ? "ephemeral" : "in_channel", ...renderBlocks(reply), ...extra });
}

/** Answers one `/relations` command: ack first (Slack's 3 s), then the work, then the answer. */
export function relationsCommand(deps: SlackDeps) {
  return async ({ command, ack, respond }: { command: SlashCommand; ack: () => Promise<void>; respond: RespondFn }) => {
    await ack();
    const started = performance.now();
    try {
      // Slack sends & < > as entities: the core parses what was typed, the renderer escapes it once
      const reply = await deps.chat.command(decodeSlackEntities(command.text ?? ""), { channel: command.channel_id, user: command.user_id });
      deps.logger.info("slack: command answered", { text: command.text, ms: Math.round((performance.now() - started) * 10) / 10 });
      // a chart goes to the channel as a file; what is left to say (nothing to chart, a failed upload) goes to the asker
      const answer = reply.image ? await postChart(deps, reply, { channel: command.channel_id, channelName: command.channel_name }) : reply;
      if (answer) await respondReply(respond, answer);
    } catch (err) {
      deps.logger.error("slack: /relations failed", { err, text: command.text });
      await respondReply(respond, deps.chat.apology(command.channel_id)).catch((e) => deps.logger.error("slack: apology failed", { err: e }));
    }
  };
}

/** Registers the slash command listeners. */
export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, relationsCommand(deps));
}
