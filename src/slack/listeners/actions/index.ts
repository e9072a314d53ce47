/** Buttons: "Show older" pages a timeline; "Share in channel" posts it for everyone. */
import type { App, BlockButtonAction, RespondFn } from "@slack/bolt";
import type { webApi } from "@slack/bolt";

type WebClient = webApi.WebClient;
import type { SlackDeps } from "../../deps.ts";
import { ACTION_IDS, renderBlocks } from "../../render.ts";
import { respondReply } from "../commands/index.ts";

type ButtonArgs = { body: BlockButtonAction; ack: () => Promise<void>; respond: RespondFn; client: WebClient };

const stale = { ephemeral: true, items: [{ text: "This button is out of date; run the command again." }], actions: [] };

/**
 * "Show older": replaces the ephemeral answer with the next older page. Under a message shared
 * in the channel it must not rewrite what everyone sees, so the older page goes to the clicker only.
 */
export function olderAction(deps: SlackDeps) {
  return async ({ body, ack, respond }: ButtonArgs) => {
    await ack();
    try {
      const value = body.actions[0]?.value ?? "";
      const reply = deps.chat.older(value) ?? stale;
      const inChannel = body.container?.is_ephemeral === false;
      await respondReply(respond, reply, { replace_original: !inChannel });
    } catch (err) {
      deps.logger.error("slack: show older failed", { err });
      await respondReply(respond, deps.chat.apology()).catch(() => {});
    }
  };
}

/**
 * "Share in channel": posts the timeline with chat.postMessage (a real message, so it has a ts
 * that thread follow-ups hang on), records what it is about, and removes the ephemeral copy.
 */
export function shareAction(deps: SlackDeps) {
  return async ({ body, ack, respond, client }: ButtonArgs) => {
    await ack();
    try {
      const reply = deps.chat.shared(body.actions[0]?.value ?? "");
      const channel = body.channel?.id ?? body.container?.channel_id;
      if (!reply || !channel) return void (await respondReply(respond, stale));
      let res;
      try {
        res = await client.chat.postMessage({ channel, ...renderBlocks(reply), unfurl_links: false, unfurl_media: false });
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code === "not_in_channel" || code === "channel_not_found") {
          return void (await respondReply(respond, { ephemeral: true, items: [{ text: "I can't post in this conversation. Invite me first (/invite @Relations), then share again." }], actions: [] }));
        }
        throw err;
      }
      if (res.ts && reply.topic) deps.chat.recordPosted(res.channel ?? channel, res.ts, reply.topic);
      await respond({ delete_original: true });
    } catch (err) {
      deps.logger.error("slack: share failed", { err });
      await respondReply(respond, deps.chat.apology()).catch(() => {});
    }
  };
}

/** Registers the button listeners. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.older, olderAction(deps));
  app.action<BlockButtonAction>(ACTION_IDS.share, shareAction(deps));
}
