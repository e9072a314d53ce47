/**
 * A fake Slack Web API on 127.0.0.1 for the digest tests, reached through WebClient's
 * `slackApiUrl`. It stores posted messages per channel (with metadata and thread_ts) and answers
 * chat.postMessage, conversations.history and conversations.replies like Slack does (metadata only
 * with include_all_metadata). Faults can be queued per method: 429 with Retry-After, an HTTP 500,
 * a platform error, or a dropped connection either before or AFTER the message was stored (the
 * nasty case: Slack posted, we never heard), or no answer at all after storing (`hold`). Every posted message is checked against Block Kit
 * limits (the shared checks in slack-limits.ts); violations are collected for the test to assert on,
 * and a message whose blocks carry more than 12,000 characters is refused (`msg_blocks_too_long`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { blockKitViolations, blocksTooLong } from "./slack-limits.ts";

/** A message as stored by the fake. */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Record<string, unknown>[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  thread_ts?: string;
}

/** One queued misbehaviour for the next call of a method. */
export type FakeSlackFault =
  | { kind: "rate_limited"; retryAfter: number }
  | { kind: "http"; status: number }
  | { kind: "platform"; error: string }
  | { kind: "drop"; afterStoring?: boolean }
  /** store the message and never answer: the caller hangs as a process killed right after posting would */
  | { kind: "hold" };

/** A running fake. */
export interface DigestFakeSlack {
  /** pass as WebClient's slackApiUrl */
  apiUrl: string;
  messages: FakeSlackMessage[];
  /** every call with its arrival time (performance.now() of this process, for latency benchmarks) */
  calls: { method: string; body: Record<string, unknown>; at: number }[];
  /** Block Kit limit violations seen in posted messages, one line each */
  violations: string[];
  fault(method: string, f: FakeSlackFault): void;
  /**
   * From then on the app is a member of `member` only: as with chat:write.public it may post in a
   * public channel it is not in, but reading history answers not_in_channel; a private channel
   * refuses both; conversations.join makes it a member of a public channel only. null: a member everywhere.
   */
  membership(member: string[] | null, privates?: string[]): void;
  topLevel(channel: string): FakeSlackMessage[];
  thread(channel: string, ts: string): FakeSlackMessage[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if ((req.headers["content-type"] ?? "").includes("application/json")) return JSON.parse(raw || "{}") as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // WebClient sends nested values (blocks, metadata) as JSON strings
    out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}

/** Starts the fake on an ephemeral loopback port. */
export async function startDigestFakeSlack(): Promise<DigestFakeSlack> {
  const messages: FakeSlackMessage[] = [];
  const calls: DigestFakeSlack["calls"] = [];
  const violations: string[] = [];
  const faults = new Map<string, FakeSlackFault[]>();
  let members: Set<string> | null = null;
  let privates = new Set<string>();
  const isMember = (ch: unknown) => members === null || members.has(String(ch));
  // real-time ts like Slack's, strictly increasing
  const base = Math.floor(Date.now() / 1000);
  let seq = 0;
  const nextTs = () => {
    seq++;
    return `${base + seq}.${String(seq).padStart(6, "0")}`;
  };
  const json = (res: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}) =>
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  const view = (m: FakeSlackMessage, withMeta: boolean) => ({
    type: "message",
    ts: m.ts,
    text: m.text,
    blocks: m.blocks,
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
  });
  const page = (list: FakeSlackMessage[], body: Record<string, unknown>) => {
    const start = Number(body.cursor ?? 0);
    const limit = Number(body.limit ?? 100);
    const slice = list.slice(start, start + limit);
    const withMeta = body.include_all_metadata === true || body.include_all_metadata === "true";
    return {
      ok: true,
      messages: slice.map((m) => view(m, withMeta)),
      has_more: start + limit < list.length,
      response_metadata: { next_cursor: start + limit < list.length ? String(start + limit) : "" },
    };
  };

  const server = createServer(async (req, res) => {
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
    const body = await readBody(req);
    calls.push({ method, body, at: performance.now() });
    const fault = faults.get(method)?.shift();
    if (fault?.kind === "rate_limited") return json(res, { ok: false, error: "ratelimited" }, 429, { "retry-after": String(fault.retryAfter) });
    if (fault?.kind === "http") return json(res, { ok: false, error: "internal" }, fault.status);
    if (fault?.kind === "platform") return json(res, { ok: false, error: fault.error });
    if (fault?.kind === "drop" && !fault.afterStoring) return req.socket.destroy();

    switch (method) {
      case "chat.postMessage": {
        const channel = String(body.channel ?? "");
        if (!channel) return json(res, { ok: false, error: "channel_not_found" });
        if (!isMember(channel) && privates.has(channel)) return json(res, { ok: false, error: "not_in_channel" });
        const msg: FakeSlackMessage = {
          channel,
          ts: nextTs(),
          text: String(body.text ?? ""),
          blocks: (body.blocks as Record<string, unknown>[]) ?? [],
          metadata: body.metadata as FakeSlackMessage["metadata"],
          thread_ts: body.thread_ts ? String(body.thread_ts) : undefined,
        };
        if (msg.thread_ts && !messages.some((m) => m.channel === channel && m.ts === msg.thread_ts)) return json(res, { ok: false, error: "thread_not_found" });
        for (const v of blockKitViolations(msg)) violations.push(`${msg.ts}: ${v}`);
        // Slack refuses the whole message, whatever each block's own size
        if (blocksTooLong(msg)) return json(res, { ok: false, error: "msg_blocks_too_long" });
        messages.push(msg);
        if (fault?.kind === "drop") return req.socket.destroy();
        if (fault?.kind === "hold") return;
        return json(res, { ok: true, channel, ts: msg.ts, message: view(msg, true) });
      }
      case "conversations.join": {
        if (privates.has(String(body.channel))) return json(res, { ok: false, error: "method_not_supported_for_channel_type" });
        members?.add(String(body.channel));
        return json(res, { ok: true, channel: { id: body.channel } });
      }
      case "conversations.history": {
        if (!isMember(body.channel)) return json(res, { ok: false, error: "not_in_channel" });
        const oldest = Number(body.oldest ?? 0);
        const list = messages.filter((m) => m.channel === body.channel && !m.thread_ts && Number(m.ts) > oldest).reverse();
        return json(res, page(list, body));
      }
      case "conversations.replies": {
        if (!isMember(body.channel)) return json(res, { ok: false, error: "not_in_channel" });
        const parent = messages.find((m) => m.channel === body.channel && m.ts === body.ts);
        if (!parent) return json(res, { ok: false, error: "thread_not_found" });
        return json(res, page([parent, ...messages.filter((m) => m.channel === body.channel && m.thread_ts === body.ts)], body));
      }
      case "auth.test":
        return json(res, { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" });
      default:
        return json(res, { ok: false, error: "unknown_method" });
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    messages,
    calls,
    violations,
    fault: (method, f) => faults.set(method, [...(faults.get(method) ?? []), f]),
    membership: (member, priv = []) => {
      members = member ? new Set(member) : null;
      privates = new Set(priv);
    },
    topLevel: (channel) => messages.filter((m) => m.channel === channel && !m.thread_ts),
    thread: (channel, ts) => messages.filter((m) => m.channel === channel && m.thread_ts === ts),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
