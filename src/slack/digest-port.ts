/**
 * The Slack side of the ports services post through (services/digest-post.ts DigestPort and
 * services/alerts.ts AlertPort): the Web API client, Block Kit rendering and the reading of
 * Slack's errors, in one object.
 */
import { webApi } from "@slack/bolt";
import { alertReply } from "../chat/alerts.ts";
import type { AlertMessage, AlertPort } from "../services/alerts.ts";
import type { DigestPort } from "../services/digest-post.ts";
import { renderDigestPlan } from "./digest-blocks.ts";
import { classifySlackError, createNoRetryWebClient } from "./post-once.ts";
import { renderBlocks } from "./render.ts";

/** An alert as a Slack message: the neutral reply rendered (and escaped) like every other answer. */
export function renderAlertMessage(alert: AlertMessage): { text: string; blocks: unknown[] } {
  return renderBlocks(alertReply(alert));
}

/**
 * A WebClient configured so that OUR logic owns retries: no automatic retries (a retry after a
 * dropped connection could double-post) and 429s rejected to us with their Retry-After; with the
 * digest's and the alerts' rendering and error reading attached.
 */
export function createDigestWebClient(token: string | undefined, opts: { slackApiUrl?: string; timeoutMs?: number } = {}): webApi.WebClient & DigestPort & AlertPort {
  return Object.assign(createNoRetryWebClient(token, opts), { renderDigest: renderDigestPlan, renderAlert: renderAlertMessage, classifyError: classifySlackError });
}
