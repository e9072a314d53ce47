/**
 * Signed requests into a running Bolt app, as Slack sends them.
 *
 *   slackSignature(secret, timestamp, body)      "v0=" + HMAC-SHA256 over `v0:{timestamp}:{body}`
 *   postSigned(url, secret, body, opts)          POST with x-slack-signature / x-slack-request-timestamp;
 *                                                opts.timestamp (seconds) to send a stale one,
 *                                                opts.badSignature to corrupt it, opts.contentType,
 *                                                opts.headers (e.g. x-slack-retry-num)
 *   postSlashCommand(url, secret, fields, opts)  form-encoded slash command (defaults filled:
 *                                                command=/relations, team/channel/user ids, trigger_id)
 *   postInteraction(url, secret, payload, opts)  form-encoded `payload=<json>` (block_actions …)
 *   postEvent(url, secret, envelope, opts)       JSON Events API envelope (event_callback)
 *   buttonPayload({ actionId, value, responseUrl, channel, user, ephemeral }) a block_actions payload
 *   eventEnvelope(event, { eventId })            an event_callback envelope around `event`
 * Each returns the fetch Response; `url` is the app's `/slack/events` URL.
 */
import { createHmac } from "node:crypto";

/** Options for a signed POST. */
export interface SignedOptions {
  timestamp?: number;
  badSignature?: boolean;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Slack's request signature for a body at a timestamp (seconds). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
}

/** POSTs `body` signed with `secret`, as Slack does. */
export async function postSigned(url: string, secret: string, body: string, opts: SignedOptions = {}): Promise<Response> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  let sig = slackSignature(secret, ts, body);
  if (opts.badSignature) sig = sig.slice(0, -4) + (sig.endsWith("0000") ? "1111" : "0000");
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": opts.contentType ?? "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": sig,
      ...opts.headers,
    },
    body,
  });
}

/** POSTs a slash command; `fields` must include text and response_url. */
export function postSlashCommand(url: string, secret: string, fields: { text: string; response_url: string } & Record<string, string>, opts: SignedOptions = {}): Promise<Response> {
  const all = {
    token: "legacy",
    team_id: "T0001",
    team_domain: "test",
    channel_id: "C0001",
    channel_name: "general",
    user_id: "U0001",
    user_name: "tester",
    command: "/relations",
    api_app_id: "A0001",
    trigger_id: "1.2.3",
    ...fields,
  };
  return postSigned(url, secret, new URLSearchParams(all).toString(), opts);
}

/** POSTs an interactivity payload (form field `payload`). */
export function postInteraction(url: string, secret: string, payload: unknown, opts: SignedOptions = {}): Promise<Response> {
  return postSigned(url, secret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), opts);
}

/** POSTs an Events API envelope as JSON. */
export function postEvent(url: string, secret: string, envelope: unknown, opts: SignedOptions = {}): Promise<Response> {
  return postSigned(url, secret, JSON.stringify(envelope), { contentType: "application/json", ...opts });
}

/** A block_actions payload for one button press. */
export function buttonPayload(p: { actionId: string; value: string; responseUrl: string; channel?: string; user?: string; ephemeral?: boolean }) {
  const channel = p.channel ?? "C0001";
  return {
    type: "block_actions",
    team: { id: "T0001", domain: "test" },
    user: { id: p.user ?? "U0001", username: "tester", team_id: "T0001" },
    api_app_id: "A0001",
    token: "legacy",
    container: { type: "message", message_ts: "1700000000.000001", channel_id: channel, is_ephemeral: p.ephemeral ?? true },
    trigger_id: "1.2.3",
    channel: { id: channel, name: "general" },
    response_url: p.responseUrl,
    actions: [{ type: "button", action_id: p.actionId, block_id: "b1", value: p.value, text: { type: "plain_text", text: "x" }, action_ts: "1700000001.000001" }],
  };
}

/** An event_callback envelope around one event. */
export function eventEnvelope(event: Record<string, unknown>, opts: { eventId?: string } = {}) {
  return {
    token: "legacy",
    team_id: "T0001",
    api_app_id: "A0001",
    type: "event_callback",
    event_id: opts.eventId ?? `Ev${Math.random().toString(36).slice(2, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0001", user_id: "UBOT", is_bot: true }],
    event,
  };
}
