/**
 * The Slack side of the digest's port (services/digest-post.ts DigestPort): the Web API client,
 * Block Kit rendering and the reading of Slack's errors, in one object.
 */
import { webApi } from "@slack/bolt";
import type { DigestPort } from "../services/digest-post.ts";
import { renderDigestPlan } from "./digest-blocks.ts";
import { classifySlackError, createNoRetryWebClient } from "./post-once.ts";

/**
 * A WebClient configured so that OUR logic owns retries: no automatic retries (a retry after a
 * dropped connection could double-post) and 429s rejected to us with their Retry-After; with the
 * digest port's rendering and error reading attached.
 */
export function createDigestWebClient(token: string | undefined, opts: { slackApiUrl?: string; timeoutMs?: number } = {}): webApi.WebClient & DigestPort {
  return Object.assign(createNoRetryWebClient(token, opts), { renderDigest: renderDigestPlan, classifyError: classifySlackError });
}
