/**
 * A loopback HTTP fixture server for tests (127.0.0.1, random port). No network beyond loopback.
 *
 *   const srv = await startFixtureServer({
 *     "/feed.xml": { body: rssText, headers: { "content-type": "application/rss+xml" }, etag: '"v1"' },
 *     "/slow": { body: "late", delayMs: 2000 },            // headers only after 2 s (timeouts)
 *     "/trickle": { body: "x", bodyDelayMs: 2000 },         // headers at once, body after 2 s
 *     "/old": redirect("/new"),                              // 302 with a Location header
 *     "/huge": { bodyBytes: 5_000_000 },                     // streams 5 MB of "a" without holding it
 *     "/bomb": { body: Buffer.alloc(50_000_000), gzip: true },// gzip-compressed on the way out
 *     "/cp1258": { body: iconv.encode(text, "windows-1258"), headers: { "content-type": "text/html" } },
 *     "/drop": { drop: true },                               // destroys the socket, no response
 *     "/dyn": (req, res, ctx) => { res.end(`call ${ctx.hits}`); },
 *   });
 *   srv.url("/feed.xml")   // "http://127.0.0.1:PORT/feed.xml"
 *   srv.requests           // every request: { method, path, headers, at }
 *   srv.hits("/feed.xml")  // how many requests reached that path
 *   srv.maxInFlight        // highest number of requests open at the same time (per-host concurrency)
 *   srv.route("/x", {...}) // add or replace a route while running
 *   await srv.close()      // closes the server and any open keep-alive connections
 *
 * Routes are matched on the full path with query first ("/a?b=1"), then on the path alone.
 * Unknown paths answer 404. A static route with `etag` and/or `lastModified` answers 304 when the
 * request's If-None-Match / If-Modified-Since matches, like a well-behaved origin.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

/** A canned response. Every field is optional; defaults give `200` with an empty body. */
export interface StaticRoute {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** stream this many bytes of "a" instead of `body` (huge responses without the memory) */
  bodyBytes?: number;
  /** send Content-Length for `bodyBytes` (default true); false makes it a chunked stream */
  contentLength?: boolean;
  /** wait before sending anything (slow servers, timeouts) */
  delayMs?: number;
  /** send headers at once, then wait this long before the body (timeouts that include the body) */
  bodyDelayMs?: number;
  /** gzip the body and send Content-Encoding: gzip */
  gzip?: boolean;
  /** ETag to send; a matching If-None-Match gets 304 */
  etag?: string;
  /** Last-Modified to send; an If-Modified-Since at or after it gets 304 */
  lastModified?: string;
  /** destroy the connection without answering */
  drop?: boolean;
}

/** Per-request context given to handler routes. */
export interface RouteContext {
  /** how many requests this path has received, this one included (1 for the first) */
  hits: number;
}

/** A dynamic route: write the answer yourself with the plain node objects. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => void | Promise<void>;

/** A route is either canned or dynamic. */
export type Route = StaticRoute | RouteHandler;

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** path with query string */
  path: string;
  headers: IncomingHttpHeaders;
  /** Date.now() when it arrived */
  at: number;
}

/** A running fixture server; see the file header for usage. */
export interface FixtureServer {
  /** absolute URL for a path on this server */
  url(path: string): string;
  /** "http://127.0.0.1:PORT" */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** number of requests received for a path (query ignored unless given) */
  hits(path: string): number;
  /** requests open right now */
  readonly inFlight: number;
  /** highest number of requests open at once since start */
  readonly maxInFlight: number;
  /** add or replace a route */
  route(path: string, route: Route): void;
  close(): Promise<void>;
}

/** A 30x route to `location` (relative or absolute). */
export function redirect(location: string, status = 302): StaticRoute {
  return { status, headers: { location } };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Starts the server on 127.0.0.1 with an OS-chosen port. */
export async function startFixtureServer(routes: Record<string, Route> = {}): Promise<FixtureServer> {
  const table = new Map<string, Route>(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const hitCount = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    const bare = path.split("?")[0] ?? path;
    requests.push({ method: req.method ?? "GET", path, headers: req.headers, at: Date.now() });
    const key = table.has(path) ? path : bare;
    const hits = (hitCount.get(key) ?? 0) + 1;
    hitCount.set(key, hits);
    if (key !== bare) hitCount.set(bare, (hitCount.get(bare) ?? 0) + 1);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        inFlight--;
      }
    };
    res.on("close", finish);
    const route = table.get(key);
    const run = async () => {
      if (!route) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      if (typeof route === "function") {
        await route(req, res, { hits });
        return;
      }
      await serveStatic(req, res, route);
    };
    run().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    port,
    requests,
    url: (p) => origin + (p.startsWith("/") ? p : "/" + p),
    hits: (p) => hitCount.get(p) ?? 0,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    route: (p, r) => void table.set(p, r),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, r: StaticRoute): Promise<void> {
  if (r.delayMs) await sleep(r.delayMs);
  if (res.destroyed) return;
  if (r.drop) {
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> = { ...r.headers };
  if (r.etag) headers.etag = r.etag;
  if (r.lastModified) headers["last-modified"] = r.lastModified;
  if (isNotModified(req, r)) {
    res.writeHead(304, headers).end();
    return;
  }
  const status = r.status ?? 200;
  if (r.bodyBytes !== undefined) {
    if (r.contentLength !== false) headers["content-length"] = String(r.bodyBytes);
    res.writeHead(status, headers);
    if (r.bodyDelayMs) await sleep(r.bodyDelayMs);
    await streamFiller(res, r.bodyBytes);
    return;
  }
  let body: Buffer = typeof r.body === "string" ? Buffer.from(r.body, "utf8") : (r.body ?? Buffer.alloc(0));
  if (r.gzip) {
    body = gzipSync(body);
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = String(body.length);
  res.writeHead(status, headers);
  if (r.bodyDelayMs) {
    res.flushHeaders();
    await sleep(r.bodyDelayMs);
    if (res.destroyed) return;
  }
  res.end(body);
}

function isNotModified(req: IncomingMessage, r: StaticRoute): boolean {
  const inm = req.headers["if-none-match"];
  if (r.etag && inm) return inm.split(",").some((t) => t.trim() === r.etag || t.trim() === "*");
  const ims = req.headers["if-modified-since"];
  if (r.lastModified && ims) {
    const since = Date.parse(ims);
    const last = Date.parse(r.lastModified);
    return Number.isFinite(since) && Number.isFinite(last) && last <= since;
  }
  return false;
}

/** Writes `total` bytes in 64 KB chunks, respecting back-pressure, stopping if the client goes away. */
async function streamFiller(res: ServerResponse, total: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  let left = total;
  while (left > 0 && !res.destroyed) {
    const n = Math.min(left, chunk.length);
    left -= n;
    if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    }
  }
  if (!res.destroyed) res.end();
}
