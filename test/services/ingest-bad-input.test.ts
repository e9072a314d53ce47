/**
 * Bad input gets a clear error and is not stored (issue 11): a loopback "evil" server, the real
 * fetcher, real files and a real SQLite database.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import { listRunErrors } from "../../src/db/ingest-runs.repo.ts";
import { insertSource } from "../../src/db/sources.repo.ts";
import type { ClosableFetcher } from "../../src/ingest/fetch.ts";
import { createLogger } from "../../src/lib/log.ts";
import { ingestOnce } from "../../src/services/ingest.ts";
import type { FixtureServer, Route } from "../helpers/fixture-server.ts";
import { redirect } from "../helpers/fixture-server.ts";
import { testDb } from "../helpers/db.ts";
import { fixtureText, PAGES, startSite } from "../fixtures/site/site.ts";
import { makeDeps, rows, testFetcher } from "./ingest-helpers.ts";

const servers: FixtureServer[] = [];
const fetchers: ClosableFetcher[] = [];
afterEach(async () => {
  fetchers.splice(0).forEach((f) => f.close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const now = new Date("2026-03-01T10:00:00Z");

/** A site whose feed lists `items` (path, guid) plus the good English page. */
async function feedSite(routes: Record<string, Route>, items: { path: string; guid: string }[], feedPath = "/evil.xml") {
  const srv = await startSite(routes);
  servers.push(srv);
  const xml = items.map((it, i) => `<item><title>t${i}</title><link>${it.path.startsWith("http") ? it.path : srv.url(it.path)}</link><guid>${it.guid}</guid></item>`).join("");
  srv.route(feedPath, { body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Evil</title>${xml}</channel></rss>`, headers: { "content-type": "application/rss+xml" } });
  return srv;
}
const reasonsByPath = (db: ReturnType<typeof testDb>, runId: number) => Object.fromEntries(listRunErrors(db, runId).map((e) => [new URL(e.url!).pathname, e.reason]));
const vnPage = (body: string) => `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hải quân hai nước diễn tập</title></head><body><article><h1>Hải quân hai nước diễn tập</h1>${body}</article></body></html>`;
const VI_PARAS = [
  "Sáng 12/5, hải quân Việt Nam và Ấn Độ đã tổ chức diễn tập chung trên Biển Đông, tập trung vào tìm kiếm cứu nạn và thông tin liên lạc.",
  "Cuộc diễn tập kéo dài hai ngày với sự tham gia của bốn tàu chiến và hai máy bay trực thăng của hải quân hai nước.",
  "Đây là lần thứ ba hai bên tổ chức hoạt động này, góp phần tăng cường hiểu biết và tin cậy lẫn nhau giữa hai lực lượng.",
];

describe("ingest: non-HTML bodies are refused with the reason, not stored as mojibake", () => {
  it("application/pdf, image/png, a .txt of random bytes and one with NULs are refused; the good page is stored", async () => {
    const random = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256));
    const srv = await feedSite(
      {
        "/report.pdf": { body: Buffer.concat([Buffer.from("%PDF-1.7\n"), random]), headers: { "content-type": "application/pdf" } },
        "/photo": { body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...random]), headers: { "content-type": "image/png" } },
        "/pdf-as-html": { body: Buffer.concat([Buffer.from("%PDF-1.4\n"), random]), headers: { "content-type": "text/html" } },
        "/random.txt": { body: random, headers: { "content-type": "text/plain" } },
        "/nul.txt": { body: Buffer.from(`Hải quân hai nước diễn tập\u0000\u0000\u0000${VI_PARAS.join(" ")}`), headers: { "content-type": "text/plain; charset=utf-8" } },
      },
      [
        { path: "/report.pdf", guid: "a" },
        { path: "/photo", guid: "b" },
        { path: "/pdf-as-html", guid: "c" },
        { path: "/random.txt", guid: "d" },
        { path: "/nul.txt", guid: "e" },
        { path: PAGES.enDrill, guid: "f" },
      ],
    );
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/evil.xml"), now });
    const sum = await ingestOnce(makeDeps(db, fetchers));
    expect(sum).toMatchObject({ newArticles: 1, failed: 5 });
    expect(reasonsByPath(db, sum.runId)).toEqual({
      "/report.pdf": `ingest: content type application/pdf is not a page: ${srv.url("/report.pdf")}`,
      "/photo": `ingest: content type image/png is not a page: ${srv.url("/photo")}`,
      "/pdf-as-html": `ingest: the body is a PDF file, not a page: ${srv.url("/pdf-as-html")}`,
      "/random.txt": expect.stringMatching(/^ingest: binary bytes \(0x\w\w\) in the body, not text: /),
      "/nul.txt": `ingest: binary bytes (0x00) in the body, not text: ${srv.url("/nul.txt")}`,
    });
    expect(rows(db, "select canonical_url from articles")).toEqual([{ canonical_url: srv.url(PAGES.enDrill) }]);
  });

  it("a local .txt with NULs or random bytes is refused with the reason; a good file beside it is stored", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rel-bad-"));
    writeFileSync(join(dir, "nul.txt"), `Tiêu đề\n\nNội dung\u0000\u0000 của bài.`);
    writeFileSync(join(dir, "random.txt"), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31 + 7) % 256)));
    writeFileSync(join(dir, "good.txt"), `Hải quân hai nước diễn tập\n\n${VI_PARAS.join("\n\n")}`);
    const db = testDb();
    const sum = await ingestOnce(makeDeps(db, fetchers), { targets: [dir] });
    expect(sum).toMatchObject({ newArticles: 1, failed: 2 });
    const reasons = listRunErrors(db, sum.runId).map((e) => e.reason).sort();
    expect(reasons).toEqual([
      expect.stringMatching(/^local-files: binary bytes \(0x00\) in the body, not text: .*nul\.txt$/),
      expect.stringMatching(/^local-files: binary bytes \(0x\w\w\) in the body, not text: .*random\.txt$/),
    ]);
  });
});

describe("ingest: charsets that lie", () => {
  it("one invalid byte in a page declared UTF-8 damages only that character, not the whole page", async () => {
    const html = Buffer.from(vnPage(VI_PARAS.map((p) => `<p>${p}</p>`).join("")), "utf8");
    const at = html.indexOf(Buffer.from("Cuộc"));
    const broken = Buffer.concat([html.subarray(0, at), Buffer.from([0xff]), html.subarray(at)]);
    const srv = await feedSite({ "/broken": { body: broken, headers: { "content-type": "text/html; charset=utf-8" } } }, [{ path: "/broken", guid: "x" }]);
    const db = testDb();
    const sum = await ingestOnce(makeDeps(db, fetchers), { targets: [srv.url("/broken")] });
    expect(sum).toMatchObject({ newArticles: 1, failed: 0 });
    const [a] = rows<{ text: string; title: string }>(db, "select text, title from articles");
    expect(a!.title).toBe("Hải quân hai nước diễn tập");
    expect(a!.text).toContain(`\uFFFD${VI_PARAS[1]}`);
    expect(a!.text).toContain(VI_PARAS[0]);
    expect(rows(db, "select charset from raw_pages")).toEqual([{ charset: "utf-8" }]);
  });

  it.each(["utf-16le", "utf-16be"] as const)("a page in %s labelled only by its <meta> is decoded as UTF-16, not stored as the text '<'", async (enc) => {
    const html = vnPage(VI_PARAS.map((p) => `<p>${p}</p>`).join("")).replace('<meta charset="utf-8">', '<meta charset="utf-16">');
    const srv = await feedSite({ "/wide": { body: iconv.encode(html, enc), headers: { "content-type": "text/html" } } }, []);
    const db = testDb();
    const sum = await ingestOnce(makeDeps(db, fetchers), { targets: [srv.url("/wide")] });
    expect(sum).toMatchObject({ newArticles: 1, failed: 0 });
    const [a] = rows<{ text: string; title: string }>(db, "select text, title from articles");
    expect(a!.title).toBe("Hải quân hai nước diễn tập");
    expect(a!.text).toContain(VI_PARAS[2]);
  });
});

describe("ingest: local files have the fetched pages' size cap", () => {
  it("a file over the cap is refused before it is read, with the reason; the small one beside it is stored", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rel-big-"));
    writeFileSync(join(dir, "big.txt"), `Tiêu đề\n\n${"Một câu rất dài về hợp tác quốc phòng. ".repeat(6000)}`);
    writeFileSync(join(dir, "good.txt"), `Hải quân hai nước diễn tập\n\n${VI_PARAS.join("\n\n")}`);
    const db = testDb();
    const sum = await ingestOnce(makeDeps(db, fetchers, { maxFileBytes: 100_000 }), { targets: [dir] });
    expect(sum).toMatchObject({ newArticles: 1, failed: 1 });
    expect(listRunErrors(db, sum.runId).map((e) => e.reason)).toEqual([expect.stringMatching(/^local-files: file larger than 100000 bytes \(FETCH_MAX_BYTES\), not read: .*big\.txt$/)]);
  });
});

describe("ingest: feed items sharing a GUID", () => {
  it("items with one GUID but different links are all kept, and a later item with that GUID too", async () => {
    const pages = Object.fromEntries(
      ["/a", "/b", "/c", "/d"].map((p, i) => [p, { body: vnPage(`<p>Bài ${i}: ${VI_PARAS.join(" ")}</p><p>${"Chi tiết thêm. ".repeat(i + 1)}</p>`), headers: { "content-type": "text/html; charset=utf-8" } }]),
    );
    const srv = await feedSite(pages, [
      { path: "/a", guid: "same" },
      { path: "/b", guid: "same" },
      { path: "/c", guid: "same" },
    ]);
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/evil.xml"), now });
    const first = await ingestOnce(makeDeps(db, fetchers));
    expect(first).toMatchObject({ newArticles: 3, skipped: 0, failed: 0 });
    srv.route("/evil.xml", { body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Evil</title><item><title>d</title><link>${srv.url("/d")}</link><guid>same</guid></item></channel></rss>`, headers: { "content-type": "application/rss+xml" } });
    const second = await ingestOnce(makeDeps(db, fetchers));
    expect(second).toMatchObject({ newArticles: 1, skipped: 0 });
    expect(rows(db, "select count(*) n from articles")).toEqual([{ n: 4 }]);
  });

  it("a stored item's GUID under a new link is skipped with the reason recorded, never silently", async () => {
    const srv = await feedSite({ "/moved": { body: fixtureText("pages/en-drill.html", "x"), headers: { "content-type": "text/html" } } }, [{ path: PAGES.enDrill, guid: "g-1" }]);
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/evil.xml"), now });
    expect(await ingestOnce(makeDeps(db, fetchers))).toMatchObject({ newArticles: 1 });
    srv.route("/evil.xml", { body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Evil</title><item><title>d</title><link>${srv.url("/moved")}</link><guid>g-1</guid></item></channel></rss>`, headers: { "content-type": "application/rss+xml" } });
    const again = await ingestOnce(makeDeps(db, fetchers));
    expect(again).toMatchObject({ newArticles: 0, skipped: 1, failed: 0 });
    expect(listRunErrors(db, again.runId).map((e) => e.reason)).toEqual([`ingest: feed item skipped: its GUID "g-1" is the stored article #1 under another link: ${srv.url("/moved")}`]);
  });
});

describe("ingest: credentials in a URL are never stored or printed in clear", () => {
  it("a feed item link with user:pass@ — raw page, errors and logs hold it redacted", async () => {
    const srv = await feedSite({ "/locked": { status: 401 } }, []);
    const withCreds = (p: string) => srv.url(p).replace("http://", "http://bot:hunter2@");
    srv.route("/evil.xml", {
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Evil</title><item><title>a</title><link>${withCreds(PAGES.enDrill)}</link><guid>1</guid></item><item><title>b</title><link>${withCreds("/locked")}</link><guid>2</guid></item></channel></rss>`,
      headers: { "content-type": "application/rss+xml" },
    });
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/evil.xml"), now });
    const log: string[] = [];
    const sum = await ingestOnce(makeDeps(db, fetchers, { logger: createLogger("debug", (l) => log.push(l)) }));
    expect(sum).toMatchObject({ newArticles: 1, failed: 1 });
    const dump = JSON.stringify([rows(db, "select * from articles"), rows(db, "select url from raw_pages"), rows(db, "select * from ingest_errors"), rows(db, "select * from article_urls"), log, sum.errors]);
    expect(dump).not.toContain("hunter2");
    expect(dump).toContain("http://***@127.0.0.1");
  });

  it("a source URL with credentials is refused with how to supply them (FETCH_CREDENTIALS)", () => {
    const db = testDb();
    expect(() => insertSource(db, { kind: "feed", url: "http://bot:hunter2@feeds.example.com/rss", now })).toThrow(/^sources: not registered: a user name or password in a URL would be stored and printed in clear; .*FETCH_CREDENTIALS/);
    expect(rows(db, "select count(*) n from sources")).toEqual([{ n: 0 }]);
  });

  it("FETCH_CREDENTIALS sends Basic auth to its host only, not across a redirect to another host", async () => {
    const srv = await feedSite({}, []);
    srv.route("/to-other-host", redirect(srv.url(PAGES.enDrill).replace("127.0.0.1", "localhost")));
    const f = testFetcher({ credentials: { "127.0.0.1": "bot:hunter2" } });
    fetchers.push(f);
    await f.fetch(srv.url(PAGES.enNoDate));
    await f.fetch(srv.url("/to-other-host"));
    const auth = srv.requests.map((r) => [r.path, r.headers.authorization ?? null]);
    const basic = `Basic ${Buffer.from("bot:hunter2").toString("base64")}`;
    expect(auth).toEqual([
      [PAGES.enNoDate, basic],
      ["/to-other-host", basic],
      [PAGES.enDrill, null],
    ]);
  });
});

describe("ingest: local files in other encodings", () => {
  it("a UTF-16 .txt (with a BOM or without) is read as text, not refused as binary nor stored with NULs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rel-u16-"));
    const text = `Hải quân hai nước diễn tập\n\n${VI_PARAS.join("\n\n")}`;
    writeFileSync(join(dir, "bom.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]));
    writeFileSync(join(dir, "nobom.txt"), iconv.encode(text.replace("Sáng 12/5", "Chiều 13/5"), "utf-16le"));
    const db = testDb();
    const sum = await ingestOnce(makeDeps(db, fetchers), { targets: [dir] });
    expect(sum).toMatchObject({ newArticles: 2, failed: 0 });
    for (const a of rows<{ title: string; text: string }>(db, "select title, text from articles")) {
      expect(a.title).toBe("Hải quân hai nước diễn tập");
      expect(a.text).toContain(VI_PARAS[2]);
      expect(a.text).not.toContain("\u0000");
    }
  });
});
