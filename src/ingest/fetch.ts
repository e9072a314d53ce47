/**
 * The polite, safe HTTP fetcher. node:http/https directly (not global fetch) so that we control
 * the address check at connect time, the byte limits while streaming and the charset decoding.
 *
 * - only http/https; private/loopback addresses refused at connect time unless allowPrivateHosts
 * - timeoutMs covers one HTTP exchange including its body (each redirect hop and retry gets its own)
 * - redirects followed by hand up to maxRedirects, relative Location resolved, loops detected
 * - maxBytes enforced on the wire bytes while streaming and on the decompressed size (gzip bombs)
 * - conditional GET: If-None-Match / If-Modified-Since from the options; 304 → not_modified
 * - per-host concurrency and a minimum delay between request starts to the same host
 * - retries with exponential backoff and jitter only for timeouts, network errors and 5xx;
 *   Retry-After on 503 is honoured up to maxRetryAfterMs; 4xx is final
 * - an AbortSignal in the options destroys the request in flight and stops retries (SIGTERM)
 * - never throws synchronously and never leaves a timer armed: every failure is a FetchError
 */
import http from "node:http";
import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import net from "node:net";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { decodeBody } from "./encoding.ts";
import { createGuardedLookup, isPrivateAddress, PRIVATE_HOST_CODE } from "./host-policy.ts";
import { FetchError, type FetchOptions, type FetchResult, type Fetcher } from "./types.ts";

/** Limits and politeness settings of one fetcher (normally from Config). */
export interface FetcherOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** extra attempts after the first, for retryable failures only */
  retries: number;
  perHostConcurrency: number;
  /** minimum time between the starts of two requests to the same host */
  perHostDelayMs: number;
  allowPrivateHosts: boolean;
  /** host → "user:password", sent as HTTP Basic auth to that host only (FETCH_CREDENTIALS) */
  credentials?: Record<string, string>;
  /** waits for backoff and per-host delay; tests pass a recorder */
  sleep?: (ms: number) => Promise<void>;
  /** milliseconds clock for the per-host delay; tests fix it */
  now?: () => number;
  /** first backoff step (doubled per retry, with jitter); default 500 ms */
  backoffBaseMs?: number;
  /** cap on backoff and on a 503's Retry-After; default 60 s */
  maxBackoffMs?: number;
}

/** A Fetcher that can also release its keep-alive sockets. */
export interface ClosableFetcher extends Fetcher {
  close(): void;
}

/** Accept header sent when the caller gives none: pages and every feed format. */
export const DEFAULT_ACCEPT =
  "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.8";

type Raw =
  | { kind: "redirect"; status: number; location: string }
  | { kind: "response"; status: number; headers: IncomingHttpHeaders; body: Buffer };

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The reason a header value cannot be sent (Node refuses characters outside Latin-1, CR, LF and
 * other controls), or null when it is fine.
 */
export function invalidHeaderValue(value: string): string | null {
  try {
    http.validateHeaderValue("x", value);
    return null;
  } catch {
    const bad = [...value].find((c) => !/[\t\x20-\x7e\x80-\xff]/.test(c)) ?? "";
    const code = `U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
    return `it holds a character HTTP headers cannot carry (${code}); use printable ASCII or Latin-1 on one line`;
  }
}

/** Creates a fetcher; one per run, so per-host limits are shared by all its requests. */
export function createFetcher(opts: FetcherOptions): ClosableFetcher {
  const badAgent = invalidHeaderValue(opts.userAgent);
  if (badAgent) throw new Error(`ingest: the User-Agent cannot be sent: ${badAgent}`);
  const sleep = opts.sleep ?? realSleep;
  const now = opts.now ?? Date.now;
  const backoffBase = opts.backoffBaseMs ?? 500;
  const maxBackoff = opts.maxBackoffMs ?? 60_000;
  const lookup = createGuardedLookup(opts.allowPrivateHosts);
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  const gates = new Map<string, HostGate>();

  async function withHostSlot<T>(host: string, fn: () => Promise<T>): Promise<T> {
    let g = gates.get(host);
    if (!g) gates.set(host, (g = { active: 0, queue: [], nextStart: 0 }));
    const gate = g;
    if (gate.active >= Math.max(1, opts.perHostConcurrency)) {
      // The releasing request hands its slot over, so `active` stays counted.
      await new Promise<void>((resolve) => gate.queue.push(resolve));
    } else {
      gate.active++;
    }
    try {
      const t = now();
      const wait = gate.nextStart - t;
      gate.nextStart = Math.max(t, gate.nextStart) + opts.perHostDelayMs;
      if (wait > 0) await sleep(wait);
      return await fn();
    } finally {
      const next = gate.queue.shift();
      if (next) next();
      else gate.active--;
    }
  }

  function requestOnce(u: URL, headers: Record<string, string>, signal?: AbortSignal): Promise<Raw> {
    const url = u.href;
    return new Promise<Raw>((resolve, reject) => {
      let settled = false;
      const chunks: Buffer[] = [];
      let wireBytes = 0;
      let req: http.ClientRequest | null = null;
      let timer: NodeJS.Timeout | null = null;
      const onAbort = () => fail(aborted(url));
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        fn();
      };
      const fail = (e: FetchError) =>
        finish(() => {
          req?.destroy();
          reject(e);
        });
      if (signal?.aborted) return fail(aborted(url));
      const mod = u.protocol === "https:" ? https : http;
      try {
        req = mod.request(u, { method: "GET", headers, lookup, agent: u.protocol === "https:" ? httpsAgent : httpAgent }, (res) => {
          const status = res.statusCode ?? 0;
          const location = res.headers.location;
          if (status >= 300 && status < 400 && status !== 304 && location) {
            res.resume();
            finish(() => resolve({ kind: "redirect", status, location }));
            return;
          }
          if (status === 304 || status >= 400) {
            // Error bodies are not worth reading (could be huge); drop the socket instead.
            res.destroy();
            finish(() => resolve({ kind: "response", status, headers: res.headers, body: Buffer.alloc(0) }));
            return;
          }
          const declared = Number(res.headers["content-length"]);
          if (Number.isFinite(declared) && declared > opts.maxBytes) {
            res.destroy();
            fail(tooLarge(url, opts.maxBytes));
            return;
          }
          res.on("data", (chunk: Buffer) => {
            wireBytes += chunk.length;
            if (wireBytes > opts.maxBytes) {
              res.destroy();
              fail(tooLarge(url, opts.maxBytes));
              return;
            }
            chunks.push(chunk);
          });
          res.on("end", () => {
            if (settled) return;
            decompress(Buffer.concat(chunks), res.headers["content-encoding"], opts.maxBytes, url).then(
              (body) => finish(() => resolve({ kind: "response", status, headers: res.headers, body })),
              (e: unknown) => fail(e instanceof FetchError ? e : new FetchError("decode", `ingest: cannot decode body of ${url}: ${String(e)}`, url)),
            );
          });
          res.on("error", (e) => fail(networkError(e, url)));
          res.on("close", () => {
            if (!res.complete) fail(new FetchError("network", `ingest: connection closed mid-body: ${url}`, url));
          });
        });
      } catch (e) {
        // http.request throws synchronously for a header value it cannot send, a bad option…:
        // a final failure of this request, never a crash nor a timer left armed.
        return fail(new FetchError("bad_request", `ingest: cannot send the request to ${url}: ${(e as Error).message}`, url));
      }
      timer = setTimeout(() => fail(new FetchError("timeout", `ingest: timed out after ${opts.timeoutMs} ms: ${url}`, url)), opts.timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      req.on("error", (e) => fail(mapRequestError(e, url)));
      req.end();
    });
  }

  async function requestWithRetries(u: URL, headers: Record<string, string>, signal?: AbortSignal): Promise<Raw> {
    for (let attempt = 0; ; attempt++) {
      let err: FetchError;
      let retryAfterMs: number | null = null;
      try {
        const raw = await withHostSlot(u.hostname, () => requestOnce(u, headers, signal));
        if (raw.kind === "response" && raw.status >= 500) {
          err = new FetchError("http", `ingest: HTTP ${raw.status} from ${u.href}`, u.href, raw.status);
          if (raw.status === 503) retryAfterMs = parseRetryAfter(raw.headers["retry-after"]);
        } else {
          return raw;
        }
      } catch (e) {
        if (!(e instanceof FetchError)) throw e;
        err = e;
      }
      if (!err.retryable || attempt >= opts.retries) throw err;
      const exp = Math.min(maxBackoff, backoffBase * 2 ** attempt);
      // Full-range jitter on the upper half keeps many sources from retrying in lockstep.
      const delay = retryAfterMs !== null ? Math.min(maxBackoff, retryAfterMs) : exp / 2 + Math.random() * (exp / 2);
      if (signal?.aborted) throw aborted(u.href);
      // A backoff can be a minute long: a stopping process does not wait it out.
      await Promise.race([sleep(delay), new Promise<void>((r) => signal?.addEventListener("abort", () => r(), { once: true }))]);
      if (signal?.aborted) throw aborted(u.href);
    }
  }

  async function fetchUrl(url: string, fo: FetchOptions = {}): Promise<FetchResult> {
    let current = parseHttpUrl(url);
    if (fo.signal?.aborted) throw aborted(url);
    const headers: Record<string, string> = {
      "user-agent": opts.userAgent,
      accept: fo.accept ?? DEFAULT_ACCEPT,
      "accept-encoding": "gzip, deflate, br",
    };
    if (fo.etag) headers["if-none-match"] = fo.etag;
    if (fo.lastModified) headers["if-modified-since"] = fo.lastModified;
    const seen = new Set([current.href]);
    for (let hop = 0; ; hop++) {
      checkLiteralHost(current, opts.allowPrivateHosts);
      // Credentials go to their own host only: a redirect elsewhere does not carry them.
      const cred = opts.credentials?.[current.hostname.toLowerCase()];
      const hopHeaders = cred ? { ...headers, authorization: `Basic ${Buffer.from(cred).toString("base64")}` } : headers;
      const raw = await requestWithRetries(current, hopHeaders, fo.signal);
      if (raw.kind === "redirect") {
        if (hop >= opts.maxRedirects) {
          throw new FetchError("redirects", `ingest: more than ${opts.maxRedirects} redirects from ${url}`, current.href);
        }
        let next: URL;
        try {
          next = new URL(raw.location, current);
        } catch {
          throw new FetchError("bad_url", `ingest: bad redirect Location "${raw.location}" from ${current.href}`, current.href);
        }
        if (next.protocol !== "http:" && next.protocol !== "https:") {
          throw new FetchError("bad_url", `ingest: redirect to a non-http URL ${next.href} from ${current.href}`, current.href);
        }
        next.hash = "";
        if (seen.has(next.href)) {
          throw new FetchError("redirects", `ingest: redirect loop at ${next.href} (from ${url})`, next.href);
        }
        seen.add(next.href);
        current = next;
        continue;
      }
      const etag = header(raw.headers, "etag");
      const lastModified = header(raw.headers, "last-modified");
      if (raw.status === 304) {
        return { status: "not_modified", url: current.href, etag: etag ?? fo.etag ?? null, lastModified: lastModified ?? fo.lastModified ?? null };
      }
      if (raw.status < 200 || raw.status >= 300) {
        throw new FetchError("http", `ingest: HTTP ${raw.status} from ${current.href}`, current.href, raw.status);
      }
      const contentType = header(raw.headers, "content-type");
      const decoded = decodeBody(raw.body, contentType);
      return {
        status: "ok",
        url: current.href,
        httpStatus: raw.status,
        contentType,
        charset: decoded.charset,
        charsetSource: decoded.source,
        body: raw.body,
        text: decoded.text,
        etag,
        lastModified,
      };
    }
  }

  return {
    fetch: fetchUrl,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

interface HostGate {
  active: number;
  queue: (() => void)[];
  nextStart: number;
}

function parseHttpUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new FetchError("bad_url", `ingest: not a URL: ${url}`, url);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new FetchError("bad_url", `ingest: only http and https URLs are fetched: ${url}`, url);
  }
  u.hash = "";
  return u;
}

/** Node skips `lookup` for IP literals, so they are checked here. */
function checkLiteralHost(u: URL, allowPrivate: boolean): void {
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && net.isIP(host) && isPrivateAddress(host)) {
    throw new FetchError("private_host", `ingest: refusing to fetch private address ${host}: ${u.href}`, u.href);
  }
}

function header(h: IncomingHttpHeaders, name: string): string | null {
  const v = h[name];
  if (Array.isArray(v)) return v[0] ?? null;
  return v ?? null;
}

function aborted(url: string): FetchError {
  return new FetchError("aborted", `ingest: fetch aborted (stopping): ${url}`, url);
}

function tooLarge(url: string, max: number): FetchError {
  return new FetchError("too_large", `ingest: response larger than ${max} bytes: ${url}`, url);
}

function mapRequestError(e: NodeJS.ErrnoException, url: string): FetchError {
  if (e.code === PRIVATE_HOST_CODE) return new FetchError("private_host", e.message.startsWith("ingest:") ? `${e.message}: ${url}` : e.message, url);
  if (e.code === "ENOTFOUND" || e.code === "EAI_NONAME" || e.code === "EAI_NODATA") {
    return new FetchError("dns", `ingest: cannot resolve host of ${url} (${e.code})`, url);
  }
  return networkError(e, url);
}

function networkError(e: NodeJS.ErrnoException, url: string): FetchError {
  return new FetchError("network", `ingest: network error fetching ${url}: ${e.code ?? e.message}`, url);
}

/**
 * Undoes Content-Encoding (listed in the order applied). `maxOutputLength` makes zlib stop at
 * maxBytes, so a small gzip bomb never inflates past the limit.
 */
async function decompress(body: Buffer, encodingHeader: string | undefined, maxBytes: number, url: string): Promise<Buffer> {
  const codings = (encodingHeader ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s && s !== "identity");
  let out = body;
  for (const coding of codings.reverse()) {
    const o = { maxOutputLength: maxBytes };
    try {
      if (coding === "gzip" || coding === "x-gzip") out = await gunzip(out, o);
      else if (coding === "br") out = await brotli(out, o);
      // "deflate" should be zlib-wrapped but many servers send raw deflate; the zlib header tells.
      else if (coding === "deflate") out = hasZlibHeader(out) ? await inflate(out, o) : await inflateRaw(out, o);
      else throw new FetchError("decode", `ingest: unsupported Content-Encoding "${coding}": ${url}`, url);
    } catch (e) {
      if (e instanceof FetchError) throw e;
      if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw new FetchError("too_large", `ingest: decompressed response larger than ${maxBytes} bytes: ${url}`, url);
      }
      throw new FetchError("decode", `ingest: cannot ${coding}-decode body of ${url}: ${(e as Error).message}`, url);
    }
  }
  return out;
}

function hasZlibHeader(b: Buffer): boolean {
  const cmf = b[0];
  const flg = b[1];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(v: string | string[] | undefined, now = Date.now()): number | null {
  const s = Array.isArray(v) ? v[0] : v;
  if (!s) return null;
  if (/^\s*\d+\s*$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isFinite(t) ? Math.max(0, t - now) : null;
}
