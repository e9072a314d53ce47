/**
 * Loopback fakes of Slack's side, for tests of the Bolt app, the digest and follow-ups.
 *
 *   const api = await startFakeSlackApi();       // Web API: pass api.url as SLACK_API_URL / slackApiUrl
 *   api.calls                                     // every call: { method, body (form or JSON, blocks parsed), headers }
 *   api.on("chat.postMessage", (body, n) => …)    // custom answer: return { status?, headers?, json? }, or "drop"
 *                                                 // to destroy the connection; n counts calls of that method (1-based)
 *   await api.waitFor("chat.postMessage", 1)      // resolves with the calls once there are ≥ n (2 s default timeout)
 *   await api.close()
 * Defaults: auth.test → bot UBOT/BBOT; chat.postMessage → ok with a fresh ts ("1700000000.000101", …)
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
export type FakeHandler = (body: Json, n: number) => { status?: number; headers?: Record<string, string>; json?: unknown } | "drop" | Promise<{ status?: number; headers?: Record<string, string>; json?: unknown } | "drop">;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
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

/** The fake Web API. */
export interface FakeSlackApi {
  /** base URL ending in /api/ */
  url: string;
  calls: FakeCall[];
  violations: string[];
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
  const server = createServer(async (req, res) => {
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
    let json: unknown = answer?.json;
    if (json === undefined) {
      if (method === "auth.test") json = { ok: true, url: "https://test.slack.com/", team: "Test", user: "relations", team_id: "T0001", user_id: "UBOT", bot_id: "BBOT" };
      else if (method === "chat.postMessage") json = { ok: true, channel: body.channel, ts: `1700000000.000${++seq}`, message: { text: body.text } };
      else json = { ok: true };
    }
    res.writeHead(answer?.status ?? 200, { "content-type": "application/json", ...answer?.headers });
    res.end(JSON.stringify(json));
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    violations,
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
