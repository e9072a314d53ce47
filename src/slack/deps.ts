/** What the Slack listeners get injected: the chat core and a logger (never db/ or analyze/). */
import type { ChatCore } from "../chat/core.ts";
import type { Logger } from "../lib/log.ts";

export interface SlackDeps {
  chat: ChatCore;
  logger: Logger;
}
