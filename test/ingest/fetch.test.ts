import iconv from "iconv-lite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFetcher, parseRetryAfter, type ClosableFetcher, type FetcherOptions } from "../../src/ingest/fetch.ts";
import { createGuardedLookup, isPrivateAddress, PRIVATE_HOST_CODE, type ResolveAll } from "../../src/ingest/host-policy.ts";
import { FetchError } from "../../src/ingest/types.ts";
import { redirect, startFixtureServer, type FixtureServer } from "../helpers/fixture-server.ts";

const fetchers: ClosableFetcher[] = [];
let waits: number[] = [];

/** A fetcher for loopback tests: private hosts allowed, no real backoff waits (recorded instead). */
function makeFetcher(over: Partial<FetcherOptions> = {}): ClosableFetcher {
  const f = createFetcher({
    userAgent: "relations-test/1.0 (+https://example.org/bot)",
    timeoutMs: 2000,
    maxBytes: 1_000_000,
    maxRedirects: 5,
    retries: 2,
    perHostConcurrency: 4,
    perHostDelayMs: 0,
    allowPrivateHosts: true,
    sleep: async (ms) => void waits.push(ms),
    ...over,
  });
  fetchers.push(f);
  return f;
}

async function fetchError(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FetchError) return e;
    throw e;
  }
  throw new Error("expected a FetchError");
}

const ARTICLE_VI = "<html><head><title>Tin</title></head><body><p>Bộ trưởng Quốc phòng thăm Belarus</p></body></html>";

let srv: FixtureServer;
beforeAll(async () => {
  srv = await startFixtureServer({
    "/ok": { body: ARTICLE_VI, headers: { "content-type": "text/html; charset=utf-8" } },
    "/gz": { body: ARTICLE_VI, gzip: true, headers: { "content-type": "text/html; charset=utf-8" } },
    "/missing": { status: 404, body: "no" },
    "/broken": { status: 500, body: "boom" },
    "/busy": { status: 503, headers: { "retry-after": "7" } },
    "/slow": { body: "late", delayMs: 1500 },
    "/hang": { body: "never in time", delayMs: 30_000 },
    "/slow-body": { body: "late body", bodyDelayMs: 1500 },
    "/drop": { drop: true },
    "/loop-a": redirect("/loop-b"),
    "/loop-b": redirect("/loop-a"),
    "/dir/old": redirect("../new/page?x=1", 301),
    "/new/page": { body: "moved here" },
    "/abs": redirect("/ok"),
    "/to-file": redirect("file:///etc/passwd"),
    "/huge": { bodyBytes: 3_000_000 },
    "/huge-chunked": { bodyBytes: 3_000_000, contentLength: false },
    "/bomb": { body: Buffer.alloc(40_000_000, 0x20), gzip: true, headers: { "content-type": "text/html" } },
    "/cond": { body: "feed v1", etag: '"v1"', lastModified: "Mon, 23 Nov 2026 10:00:00 GMT" },
    "/cond-lm": { body: "feed v1", lastModified: "Mon, 23 Nov 2026 10:00:00 GMT" },
    "/cp1258": {
      body: Buffer.concat([Buffer.from("<html><body><p>"), iconv.encode("Quan doi ", "windows-1258"), Buffer.from([0xf0, 0xe6, 0x20, 0xf5])]),
      headers: { "content-type": "text/html; charset=windows-1258" },
    },
  });
  // a chain longer than maxRedirects
  for (let i = 0; i < 8; i++) srv.route(`/chain/${i}`, redirect(`/chain/${i + 1}`));
  srv.route("/chain/8", { body: "end" });
  srv.route("/flaky", (_req, res, ctx) => {
    if (ctx.hits < 3) res.writeHead(502).end("bad gateway");
    else res.writeHead(200, { "content-type": "text/plain" }).end("finally");
  });
});
afterAll(async () => {
  for (const f of fetchers) f.close();
  await srv.close();
});
afterEach(() => {
  waits = [];
});

describe("fetch: success paths", () => {
  it("fetches a page, sends a User-Agent and Accept-Encoding, decodes UTF-8 to NFC text", async () => {
    const r = await makeFetcher().fetch(srv.url("/ok"));
    expect(r.status).toBe("ok");
    if (r.status !== "ok") return;
    expect(r.httpStatus).toBe(200);
    expect(r.text).toContain("Bộ trưởng Quốc phòng");
    expect(r.charset).toBe("utf-8");
    expect(r.charsetSource).toBe("header");
    const req = srv.requests.find((q) => q.path === "/ok")!;
    expect(req.headers["user-agent"]).toBe("relations-test/1.0 (+https://example.org/bot)");
    expect(req.headers["accept-encoding"]).toContain("gzip");
  });

  it("decodes a gzip response", async () => {
    const r = await makeFetcher().fetch(srv.url("/gz"));
    expect(r.status === "ok" && r.text).toContain("thăm Belarus");
  });

  it("decodes windows-1258 bytes named in the header", async () => {
    const r = await makeFetcher().fetch(srv.url("/cp1258"));
    if (r.status !== "ok") throw new Error("expected ok");
    expect(r.charset).toBe("windows-1258");
    // F0 = đ, E6 = æ is not Vietnamese but must still decode; F5 = ơ
    expect(r.text).toContain("Quan doi đæ ơ");
  });
});

describe("fetch: HTTP errors and retries", () => {
  it("404 is final: one request, kind http with the status", async () => {
    const before = srv.hits("/missing");
    const e = await fetchError(makeFetcher().fetch(srv.url("/missing")));
    expect(e.kind).toBe("http");
    expect(e.status).toBe(404);
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/^ingest: HTTP 404/);
    expect(srv.hits("/missing") - before).toBe(1);
    expect(waits).toEqual([]);
  });

  it("500 is retried with growing backoff, then fails", async () => {
    const before = srv.hits("/broken");
    const e = await fetchError(makeFetcher({ retries: 2, backoffBaseMs: 1000 }).fetch(srv.url("/broken")));
    expect(e.kind).toBe("http");
    expect(e.status).toBe(500);
    expect(srv.hits("/broken") - before).toBe(3);
    expect(waits).toHaveLength(2);
    // jitter keeps each wait within [exp/2, exp]: 1000 then 2000
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    expect(waits[0]).toBeLessThanOrEqual(1000);
    expect(waits[1]).toBeGreaterThanOrEqual(1000);
    expect(waits[1]).toBeLessThanOrEqual(2000);
  });

  it("a 5xx that recovers returns the good answer", async () => {
    const r = await makeFetcher({ retries: 3 }).fetch(srv.url("/flaky"));
    expect(r.status === "ok" && r.text).toBe("finally");
    expect(srv.hits("/flaky")).toBe(3);
  });

  it("503 honours Retry-After, capped", async () => {
    await fetchError(makeFetcher({ retries: 1 }).fetch(srv.url("/busy")));
    expect(waits).toEqual([7000]);
    waits = [];
    await fetchError(makeFetcher({ retries: 1, maxBackoffMs: 3000 }).fetch(srv.url("/busy")));
    expect(waits).toEqual([3000]);
  });

  it("a timeout before the headers is retried, then kind timeout", async () => {
    const before = srv.hits("/slow");
    const e = await fetchError(makeFetcher({ timeoutMs: 150, retries: 1 }).fetch(srv.url("/slow")));
    expect(e.kind).toBe("timeout");
    expect(e.message).toMatch(/^ingest: timed out after 150 ms/);
    expect(srv.hits("/slow") - before).toBe(2);
  });

  it("the timeout also covers a body that never arrives", async () => {
    const e = await fetchError(makeFetcher({ timeoutMs: 150, retries: 0 }).fetch(srv.url("/slow-body")));
    expect(e.kind).toBe("timeout");
  });

  it("a dropped connection is a retryable network error", async () => {
    const before = srv.hits("/drop");
    const e = await fetchError(makeFetcher({ retries: 1 }).fetch(srv.url("/drop")));
    expect(e.kind).toBe("network");
    expect(srv.hits("/drop") - before).toBe(2);
  });
});

describe("fetch: redirects", () => {
  it("a redirect loop stops with kind redirects", async () => {
    const e = await fetchError(makeFetcher().fetch(srv.url("/loop-a")));
    expect(e.kind).toBe("redirects");
    expect(e.message).toMatch(/^ingest: redirect loop/);
  });

  it("a chain longer than maxRedirects stops", async () => {
    const e = await fetchError(makeFetcher({ maxRedirects: 3 }).fetch(srv.url("/chain/0")));
    expect(e.kind).toBe("redirects");
    expect(srv.hits("/chain/4")).toBe(0);
    const ok = await makeFetcher({ maxRedirects: 8 }).fetch(srv.url("/chain/0"));
    expect(ok.status === "ok" && ok.url).toBe(srv.url("/chain/8"));
  });

  it("a relative Location is resolved against the current URL", async () => {
    const r = await makeFetcher().fetch(srv.url("/dir/old"));
    if (r.status !== "ok") throw new Error("expected ok");
    expect(r.url).toBe(srv.url("/new/page?x=1"));
    expect(r.text).toBe("moved here");
  });

  it("a redirect to a non-http scheme is refused", async () => {
    const e = await fetchError(makeFetcher().fetch(srv.url("/to-file")));
    expect(e.kind).toBe("bad_url");
  });
});

describe("fetch: size limits", () => {
  it.each([
    ["with Content-Length", "/huge"],
    ["chunked, counted while streaming", "/huge-chunked"],
  ])("a body over maxBytes is too_large (%s)", async (_name, path) => {
    const e = await fetchError(makeFetcher({ maxBytes: 100_000 }).fetch(srv.url(path)));
    expect(e.kind).toBe("too_large");
    expect(e.retryable).toBe(false);
  });

  it("a gzip bomb is stopped at maxBytes of decompressed output", async () => {
    const e = await fetchError(makeFetcher({ maxBytes: 1_000_000 }).fetch(srv.url("/bomb")));
    expect(e.kind).toBe("too_large");
    expect(e.message).toMatch(/decompressed/);
  });
});

describe("fetch: conditional GET", () => {
  it("the second request sends If-None-Match / If-Modified-Since and 304 gives not_modified", async () => {
    const f = makeFetcher();
    const first = await f.fetch(srv.url("/cond"));
    if (first.status !== "ok") throw new Error("expected ok");
    expect(first.etag).toBe('"v1"');
    expect(first.lastModified).toBe("Mon, 23 Nov 2026 10:00:00 GMT");
    const second = await f.fetch(srv.url("/cond"), { etag: first.etag, lastModified: first.lastModified });
    expect(second).toEqual({ status: "not_modified", url: srv.url("/cond"), etag: '"v1"', lastModified: "Mon, 23 Nov 2026 10:00:00 GMT" });
    const sent = srv.requests.filter((q) => q.path === "/cond").at(-1)!;
    expect(sent.headers["if-none-match"]).toBe('"v1"');
    expect(sent.headers["if-modified-since"]).toBe("Mon, 23 Nov 2026 10:00:00 GMT");
  });

  it("Last-Modified alone is enough for a 304", async () => {
    const r = await makeFetcher().fetch(srv.url("/cond-lm"), { lastModified: "Mon, 23 Nov 2026 10:00:00 GMT" });
    expect(r.status).toBe("not_modified");
  });
});

describe("fetch: address policy", () => {
  it.each([
    ["IPv4 loopback literal", (s: FixtureServer) => s.url("/ok")],
    ["localhost (resolves to loopback)", (s: FixtureServer) => `http://localhost:${s.port}/ok`],
    ["IPv4-mapped IPv6 literal", (s: FixtureServer) => `http://[::ffff:127.0.0.1]:${s.port}/ok`],
    ["IPv6 loopback literal", (s: FixtureServer) => `http://[::1]:${s.port}/ok`],
    ["decimal IPv4 form", (s: FixtureServer) => `http://2130706433:${s.port}/ok`],
  ])("refuses a private host when allowPrivateHosts=false: %s", async (_name, mk) => {
    const before = srv.hits("/ok");
    const e = await fetchError(makeFetcher({ allowPrivateHosts: false }).fetch(mk(srv)));
    expect(e.kind).toBe("private_host");
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/^ingest: refusing/);
    expect(srv.hits("/ok")).toBe(before);
  });

  it.each([
    ["file URL", "file:///etc/passwd"],
    ["ftp URL", "ftp://example.org/x"],
    ["not a URL", "not a url"],
  ])("refuses non-http input: %s", async (_name, url) => {
    const e = await fetchError(makeFetcher().fetch(url));
    expect(e.kind).toBe("bad_url");
  });

  it("the connect-time lookup refuses a name when any of its addresses is private (DNS rebinding)", async () => {
    // A rebinding name answers public first, private later; the check runs on every connect.
    let calls = 0;
    const rebinding: ResolveAll = (_h, _o, cb) =>
      cb(null, ++calls === 1 ? [{ address: "93.184.216.34", family: 4 }] : [{ address: "93.184.216.34", family: 4 }, { address: "10.0.0.7", family: 4 }]);
    const lookup = createGuardedLookup(false, rebinding);
    const run = (all: boolean) =>
      new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
        lookup("news.example", { all }, (err, address, family) => resolve({ err, address, family })),
      );
    expect(await run(false)).toEqual({ err: null, address: "93.184.216.34", family: 4 });
    const second = await run(true);
    expect(second.err?.code).toBe(PRIVATE_HOST_CODE);
    expect(second.err?.message).toMatch(/^ingest: refusing to connect to private address 10\.0\.0\.7/);
    // allowed when the operator says so, and the all:true shape is kept
    const open = createGuardedLookup(true, rebinding);
    const ok = await new Promise<unknown>((resolve) => open("news.example", { all: true }, (_e, a) => resolve(a)));
    expect(ok).toEqual([{ address: "93.184.216.34", family: 4 }, { address: "10.0.0.7", family: 4 }]);
  });

  it.each([
    ["127.0.0.1", true],
    ["10.1.2.3", true],
    ["172.16.5.4", true],
    ["172.32.0.1", false],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["100.128.0.1", false],
    ["0.0.0.0", true],
    ["224.0.0.1", true],
    ["8.8.8.8", false],
    ["203.162.4.191", false],
    ["::1", true],
    ["::", true],
    ["[::1]", true],
    ["fe80::1", true],
    ["fd12:3456::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:7f00:1", true],
    ["0:0:0:0:0:ffff:a00:1", true],
    ["::ffff:8.8.8.8", false],
    ["64:ff9b::a9fe:a9fe", true],
    ["2002:c0a8:101::1", true],
    ["2001:4860:4860::8888", false],
    ["example.org", true],
  ])("isPrivateAddress(%s) = %s", (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});

describe("fetch: politeness", () => {
  it.each([
    ["limit 2", 2],
    ["limit 1", 1],
  ])("per-host concurrency is honoured (%s)", async (_name, limit) => {
    const s = await startFixtureServer({
      "/p": async (_req, res) => {
        await new Promise((r) => setTimeout(r, 150));
        res.end("ok");
      },
    });
    try {
      const f = makeFetcher({ perHostConcurrency: limit });
      await Promise.all(Array.from({ length: 6 }, (_, i) => f.fetch(s.url(`/p?i=${i}`))));
      expect(s.hits("/p")).toBe(6);
      expect(s.maxInFlight).toBe(limit);
    } finally {
      await s.close();
    }
  });

  it("without a tight limit the same load does overlap (the counter can see concurrency)", async () => {
    const s = await startFixtureServer({
      "/p": async (_req, res) => {
        await new Promise((r) => setTimeout(r, 150));
        res.end("ok");
      },
    });
    try {
      const f = makeFetcher({ perHostConcurrency: 6 });
      await Promise.all(Array.from({ length: 6 }, (_, i) => f.fetch(s.url(`/p?i=${i}`))));
      expect(s.maxInFlight).toBeGreaterThan(2);
    } finally {
      await s.close();
    }
  });

  it("keeps a minimum delay between request starts to the same host", async () => {
    const s = await startFixtureServer({ "/d": { body: "ok" } });
    try {
      // The waits the gate asks for are checked on a fixed clock (arrival times jitter under load).
      const asked: number[] = [];
      const f = makeFetcher({
        perHostConcurrency: 3,
        perHostDelayMs: 80,
        now: () => 1_000_000,
        sleep: (ms) => {
          asked.push(ms);
          return new Promise((r) => setTimeout(r, ms));
        },
      });
      await Promise.all([0, 1, 2].map((i) => f.fetch(s.url(`/d?i=${i}`))));
      expect(s.hits("/d")).toBe(3);
      expect(asked).toEqual([80, 160]);
      // another host is not held back by this one's delay (same frozen clock: 127.0.0.1 would now wait 240)
      const other = await f.fetch(`http://localhost:${s.port}/d`);
      expect(other.status).toBe("ok");
      expect(asked).toEqual([80, 160]);
    } finally {
      await s.close();
    }
  });
});

describe("parseRetryAfter", () => {
  it.each([
    ["delta seconds", "120", 120_000],
    ["HTTP date 30 s ahead", "Tue, 24 Nov 2026 06:00:30 GMT", 30_000],
    ["garbage", "soon", null],
    ["absent", undefined, null],
  ])("%s", (_name, v, expected) => {
    expect(parseRetryAfter(v, Date.parse("2026-11-24T06:00:00Z"))).toBe(expected);
  });
});

describe("fetch: never crashes on a request Node refuses to send (issue 11)", () => {
  it("a User-Agent with a non-Latin-1 character or a CR/LF is refused when the fetcher is made, naming the header", () => {
    expect(() => makeFetcher({ userAgent: "relations-bot/0.1 (café)" })).not.toThrow();
    expect(() => makeFetcher({ userAgent: "relations-bot/0.1 ✓" })).toThrow(/^ingest: the User-Agent cannot be sent: .*U\+2713/);
    expect(() => makeFetcher({ userAgent: "relations-bot\r\nX-Injected: 1" })).toThrow(/^ingest: the User-Agent cannot be sent: .*U\+000D/);
  });

  it("a synchronous throw from http.request (an ETag with CR/LF) is a FetchError, and no timer is left to crash the process later", async () => {
    const f = makeFetcher({ timeoutMs: 150, retries: 2 });
    const before = srv.hits("/ok");
    const e = await fetchError(f.fetch(srv.url("/ok"), { etag: '"v1"\r\nX-Injected: 1' }));
    expect(e.kind).toBe("bad_request");
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/^ingest: cannot send the request to http:\/\/127\.0\.0\.1:\d+\/ok: /);
    // before the fix the armed timeout fired here and threw "Cannot access 'req' before initialization"
    await new Promise((r) => setTimeout(r, 400));
    expect(srv.hits("/ok")).toBe(before);
  });

  it("an aborted signal destroys the request in flight at once (a stopping process does not wait for the timeout)", async () => {
    const f = makeFetcher({ timeoutMs: 10_000, retries: 3 });
    const ctrl = new AbortController();
    const t0 = Date.now();
    const p = fetchError(f.fetch(srv.url("/hang"), { signal: ctrl.signal }));
    setTimeout(() => ctrl.abort(), 200);
    const e = await p;
    expect(e.kind).toBe("aborted");
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
