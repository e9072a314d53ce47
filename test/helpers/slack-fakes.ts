/**
 * Loopback fakes of Slack's side, for tests of the Bolt app, the digest and follow-ups.
 *
 *   const api = await startFakeSlackApi();       // Web API: pass api.url as SLACK_API_URL / slackApiUrl
 *   api.calls                                     // every call: { method, body (form or JSON, blocks parsed), headers }
 *   api.on("chat.postMessage", (body, n) => …)    // custom answer: return { status?, headers?, json?, store? }, or "drop"
 *                                                 // to destroy the connection, or undefined for Slack's own; n counts calls of that method (1-based);
 *                                                 // `store: true` keeps the message first (Slack posted it, then
 *                                                 // answered 5xx), "store-and-drop" keeps it and drops the connection
 *   api.messages                                  // what chat.postMessage stored, with metadata and thread_ts; served back
 *                                                 // by conversations.history (top level, newest first, `oldest`) and
 *                                                 // conversations.replies (metadata only with include_all_metadata)
 *   api.membership({ member, private })           // from then on the bot is a member of `member` only: like Slack with
 *                                                 // chat:write.public, it may post in a public channel it is not in, but
 *                                                 // reading its history answers not_in_channel; a private channel (or a
 *                                                 // DM, D…) it is not in refuses posts; conversations.join makes it a
 *                                                 // member of a public channel (method_not_supported_for_channel_type else)
 *   api.files                                     // files shared by the real upload sequence of files.uploadV2:
 *                                                 // files.getUploadURLExternal (filename, length; alt_text ≤ 1,000
 *                                                 // characters) answers an upload_url on this server, the client POSTs
 *                                                 // the bytes there (multipart, as @slack/web-api sends them; the length
 *                                                 // must match), then files.completeUploadExternal shares them in
 *                                                 // channel_id (and thread_ts) — not_in_channel unless a member, as Slack.
 *                                                 // `api.on("upload", …)` answers the byte upload (e.g. { status: 500 })
 *   await api.waitFor("chat.postMessage", 1)      // resolves with the calls once there are ≥ n (2 s default timeout)
 *   await api.close()
 * Defaults: auth.test → bot UBOT/BBOT; chat.postMessage → ok with a fresh ts of the
 * current time, strictly increasing, as Slack's ("1764650000.000101", …)
 * and the channel; any other method → { ok: true }. Every message body received by
 * chat.postMessage / chat.update / chat.postEphemeral is checked with assertBlockKitLimits;
 * `api.violations` collects the failures (expect it to be empty), and a message whose blocks carry
 * more than 12,000 characters in all is refused with `msg_blocks_too_long`, as Slack does.
 *
 *   const ru = await startResponseUrlServer();    // response_url target
 *   ru.url("c1")                                  // a distinct URL per request
 *   await ru.waitFor(1)                           // resolves with [{ path, body }] once ≥ n posts arrived
 * Every body received is checked against the Block Kit limits too (ru.violations).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { blockKitViolations, blocksTooLong } from "./slack-limits.ts";

type Json = Record<string, unknown>;

/** One Web API call the fake received. */
export interface FakeCall {
  method: string;
  body: Json;
  headers: IncomingMessage["headers"];
}

/** A custom answer for one method. */
export type FakeAnswer = { status?: number; headers?: Record<string, string>; json?: unknown; store?: boolean } | "drop" | "store-and-drop";
export type FakeHandler = (body: Json, n: number) => FakeAnswer | undefined | Promise<FakeAnswer | undefined>;

/** A message chat.postMessage stored. */
export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  thread_ts?: string;
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBytes(req)).toString("utf8");
}

function parseBody(raw: string, contentType: string | undefined): Json {
  let body: Json;
  if ((contentType ?? "").includes("json")) body = raw ? (JSON.parse(raw) as Json) : {};
  else body = Object.fromEntries(new URLSearchParams(raw));
  for (const k of ["blocks", "attachments"]) {
    if (typeof body[k] === "string") {
      try {
        body[k] = JSON.parse(body[k] as string);
      } catch {
        /* leave as sent */
      }
    }
  }
  return body;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return (server.address() as AddressInfo).port;
}

function waiter<T>(list: T[], pred: (x: T) => boolean) {
  return async (n = 1, timeoutMs = 2000): Promise<T[]> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const got = list.filter(pred);
      if (got.length >= n) return got;
      if (Date.now() > until) throw new Error(`slack-fakes: waited ${timeoutMs} ms for ${n}, got ${got.length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
}

/** A file shared through files.uploadV2's three steps. */
export interface FakeFile {
  id: string;
  filename: string;
  title?: string;
  alt_text?: string;
  channel: string;
  thread_ts?: string;
  initial_comment?: string;
  bytes: Buffer;
}

/** The fake Web API. */
export interface FakeSlackApi {
  /** base URL ending in /api/ */
  url: string;
  calls: FakeCall[];
  violations: string[];
  messages: FakeMessage[];
  files: FakeFile[];
  membership(m: { member: string[]; private?: string[] }): void;
  on(method: string, handler: FakeHandler): void;
  waitFor(method: string, n?: number, timeoutMs?: number): Promise<FakeCall[]>;
  close(): Promise<void>;
}

const MESSAGE_METHODS = new Set(["chat.postMessage", "chat.update", "chat.postEphemeral"]);

/** Starts a fake Slack Web API on 127.0.0.1. */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: FakeCall[] = [];
  const violations: string[] = [];
  const handlers = new Map<string, FakeHandler>();
  const counts = new Map<string, number>();
  let seq = 100;
  const messages: FakeMessage[] = [];
  const files: FakeFile[] = [];
  /** files asked for with getUploadURLExternal, then given their bytes by the upload */
  const pending = new Map<string, { filename: string; length: number; alt_text?: string; bytes?: Buffer }>();
  let port = 0;
  const tsBase = Math.floor(Date.now() / 1000);
  let members: Set<string> | null = null;
  let privates = new Set<string>();
  const isMember = (ch: string) => members === null || members.has(ch);
  const isPublic = (ch: string) => ch.startsWith("C") && !privates.has(ch);
  const store = (body: Json): FakeMessage => {
    const meta = typeof body.metadata === "string" ? (JSON.parse(body.metadata) as FakeMessage["metadata"]) : (body.metadata as FakeMessage["metadata"]);
    const m: FakeMessage = { channel: String(body.channel ?? ""), ts: `${tsBase}.000${++seq}`, text: String(body.text ?? ""), blocks: body.blocks, metadata: meta, thread_ts: body.thread_ts ? String(body.thread_ts) : undefined };
    messages.push(m);
    return m;
  };
  const view = (m: FakeMessage, withMeta: boolean) => ({ type: "message", user: "UBOT", bot_id: "BBOT", ts: m.ts, text: m.text, blocks: m.blocks, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}), ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) });
  const withMeta = (body: Json) => body.include_all_metadata === true || body.include_all_metadata === "true";
  /** Slack's own answer to a call, as far as the fake knows Slack; undefined: the generic { ok: true }. */
  const slackAnswer = (method: string, body: Json): unknown => {
    const ch = String(body.channel ?? "");
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://test.slack.com/", team: "Test", user: "relations", team_id: "T0001", user_id: "UBOT", bot_id: "BBOT" };
      case "chat.postMessage": {
        if (!isMember(ch) && !isPublic(ch)) return { ok: false, error: ch.startsWith("D") ? "channel_not_found" : "not_in_channel" };
        const m = store(body);
        return { ok: true, channel: ch, ts: m.ts, message: view(m, true) };
      }
      case "conversations.history": {
        if (!isMember(ch)) return { ok: false, error: "not_in_channel" };
        const oldest = Number(body.oldest ?? 0);
        return { ok: true, messages: messages.filter((m) => m.channel === ch && !m.thread_ts && Number(m.ts) > oldest).reverse().map((m) => view(m, withMeta(body))), has_more: false, response_metadata: { next_cursor: "" } };
      }
      case "conversations.replies": {
        if (!isMember(ch)) return { ok: false, error: "not_in_channel" };
        const list = messages.filter((m) => m.channel === ch && (m.ts === body.ts || m.thread_ts === body.ts));
        return { ok: true, messages: list.map((m) => view(m, withMeta(body))), has_more: false, response_metadata: { next_cursor: "" } };
      }
      case "files.getUploadURLExternal": {
        const length = Number(body.length);
        if (!body.filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: "invalid_arguments" };
        if (typeof body.alt_text === "string" && body.alt_text.length > 1000) return { ok: false, error: "invalid_arguments" };
        const id = `F${String(++seq).padStart(8, "0")}`;
        pending.set(id, { filename: String(body.filename), length, alt_text: body.alt_text as string | undefined });
        return { ok: true, upload_url: `http://127.0.0.1:${port}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const list = (typeof body.files === "string" ? JSON.parse(body.files) : body.files) as { id: string; title?: string }[];
        if (!Array.isArray(list) || list.length === 0) return { ok: false, error: "invalid_arguments" };
        const to = String(body.channel_id ?? "");
        if (to && !isMember(to)) return { ok: false, error: "not_in_channel" };
        const done = list.map((f) => ({ f, p: pending.get(f.id) }));
        if (done.some((d) => !d.p?.bytes)) return { ok: false, error: "file_not_found" };
        for (const { f, p } of done) {
          pending.delete(f.id);
          files.push({ id: f.id, filename: p!.filename, title: f.title, alt_text: p!.alt_text, channel: to, thread_ts: body.thread_ts ? String(body.thread_ts) : undefined, initial_comment: body.initial_comment as string | undefined, bytes: p!.bytes! });
        }
        return { ok: true, files: list.map((f) => ({ id: f.id, title: f.title })) };
      }
      case "conversations.join": {
        if (!isPublic(ch)) return { ok: false, error: "method_not_supported_for_channel_type" };
        const already = isMember(ch);
        members?.add(ch);
        return { ok: true, channel: { id: ch }, ...(already ? { warning: "already_in_channel" } : {}) };
      }
      default:
        return undefined;
    }
  };
  /** The second step of files.uploadV2: the bytes, POSTed to the upload_url as multipart form data. */
  const upload = async (req: IncomingMessage, res: import("node:http").ServerResponse, id: string) => {
    const raw = await readBytes(req);
    calls.push({ method: "upload", body: { id, bytes: raw.length }, headers: req.headers });
    const n = (counts.get("upload") ?? 0) + 1;
    counts.set("upload", n);
    const answer = await handlers.get("upload")?.({ id }, n);
    if (answer === "drop" || answer === "store-and-drop") return void req.socket.destroy();
    if (answer?.status) {
      res.writeHead(answer.status, answer.headers);
      return void res.end("error");
    }
    const p = pending.get(id);
    const form = await new Response(new Uint8Array(raw), { headers: { "content-type": String(req.headers["content-type"] ?? "") } }).formData().catch(() => null);
    let file: Blob | undefined;
    form?.forEach((v) => void (typeof v !== "string" && (file ??= v)));
    const bytes = file ? Buffer.from(await file.arrayBuffer()) : raw;
    if (!p || bytes.length !== p.length) {
      res.writeHead(400, { "content-type": "text/plain" });
      return void res.end(p ? "length mismatch" : "unknown upload");
    }
    p.bytes = bytes;
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`OK - ${bytes.length}`);
  };
  const server = createServer(async (req, res) => {
    const up = /^\/upload\/(F\d+)$/.exec(req.url ?? "");
    if (up) return upload(req, res, up[1]!);
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
    const body = parseBody(await readBody(req), req.headers["content-type"]);
    calls.push({ method, body, headers: req.headers });
    if (MESSAGE_METHODS.has(method)) violations.push(...blockKitViolations(body).map((v) => `${method}: ${v}`));
    const n = (counts.get(method) ?? 0) + 1;
    counts.set(method, n);
    if (MESSAGE_METHODS.has(method) && blocksTooLong(body)) {
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ ok: false, error: "msg_blocks_too_long" }));
    }
    const custom = handlers.get(method);
    const answer = custom ? await custom(body, n) : undefined;
    if (answer === "drop") return void req.socket.destroy();
    if (answer === "store-and-drop" || (answer && answer.store)) {
      store(body);
      if (answer === "store-and-drop") return void req.socket.destroy();
    }
    let json: unknown = answer?.json;
    // a custom status or a stored-then-failed post answers an error of its own, never Slack's default (which would post again)
    if (json === undefined && answer && (answer.store || answer.status)) json = { ok: false, error: "internal_error" };
    if (json === undefined) json = slackAnswer(method, body) ?? { ok: true };
    res.writeHead(answer?.status ?? 200, { "content-type": "application/json", ...answer?.headers });
    res.end(JSON.stringify(json));
  });
  port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    violations,
    messages,
    files,
    membership: (m) => {
      members = new Set(m.member);
      privates = new Set(m.private ?? []);
    },
    on: (m, h) => void handlers.set(m, h),
    waitFor: (method, n, t) => waiter(calls, (c) => c.method === method)(n, t),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** One POST a response_url received. */
export interface ResponsePost {
  path: string;
  body: Json;
}

/** The response_url server. */
export interface ResponseUrlServer {
  url(id?: string): string;
  received: ResponsePost[];
  violations: string[];
  waitFor(n?: number, timeoutMs?: number): Promise<ResponsePost[]>;
  close(): Promise<void>;
}

/** Starts a server that records what Bolt's respond() posts to response_url. */
export async function startResponseUrlServer(): Promise<ResponseUrlServer> {
  const received: ResponsePost[] = [];
  const violations: string[] = [];
  const server = createServer(async (req, res) => {
    const body = parseBody(await readBody(req), req.headers["content-type"]);
    received.push({ path: req.url ?? "/", body });
    violations.push(...blockKitViolations(body).map((v) => `${req.url}: ${v}`));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true }));
  });
  const port = await listen(server);
  return {
    url: (id = "r") => `http://127.0.0.1:${port}/respond/${id}`,
    received,
    violations,
    waitFor: waiter(received, () => true),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
