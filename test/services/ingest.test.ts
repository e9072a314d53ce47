import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { getArticle, getRawPage, listArticleAliases } from "../../src/db/articles.repo.ts";
import { getRun, listRunErrors } from "../../src/db/ingest-runs.repo.ts";
import { getSourceById, insertSource, listSources } from "../../src/db/sources.repo.ts";
import type { ClosableFetcher } from "../../src/ingest/fetch.ts";
import { detectSource, ingestOnce } from "../../src/services/ingest.ts";
import type { FixtureServer } from "../helpers/fixture-server.ts";
import { redirect } from "../helpers/fixture-server.ts";
import { testDb } from "../helpers/db.ts";
import { fixtureText, PAGES, startSite } from "../fixtures/site/site.ts";
import { makeDeps, movableClock, rows, toCp1258 } from "./ingest-helpers.ts";

const servers: FixtureServer[] = [];
const fetchers: ClosableFetcher[] = [];
afterEach(async () => {
  fetchers.splice(0).forEach((f) => f.close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function site(extra?: Parameters<typeof startSite>[0]) {
  const s = await startSite(extra);
  servers.push(s);
  return s;
}
const now = new Date("2026-03-01T10:00:00Z");
type Art = { id: number; canonical_url: string; title: string; text: string; published_at: string | null; published_source: string | null; language: string | null; source_id: number | null; guid: string | null; outlet: string | null; captions: string };
const articlesOf = (db: ReturnType<typeof testDb>) => rows<Art>(db, "select * from articles order by id");

describe("ingestOnce: feeds end to end", () => {
  it("RSS: fetches each item's page, strips junk, resolves relative links, drops tracking duplicates", async () => {
    const srv = await site();
    const db = testDb();
    const src = insertSource(db, { kind: "feed", url: srv.url("/feeds/rss.xml"), now });
    const ids: number[] = [];
    const sum = await ingestOnce(makeDeps(db, fetchers, { onArticle: (id) => void ids.push(id) }), { trigger: "test" });
    expect(sum).toMatchObject({ status: "ok", sources: 1, newArticles: 3, unchanged: 0, skipped: 1, failed: 0 });
    const arts = articlesOf(db);
    expect(ids).toEqual(arts.map((a) => a.id));
    const byUrl = Object.fromEntries(arts.map((a) => [a.canonical_url, a]));
    expect(Object.keys(byUrl).sort()).toEqual([srv.url(PAGES.enDrill), srv.url(PAGES.enNoDate), srv.url(PAGES.viTapTran)].sort());
    const vi = byUrl[srv.url(PAGES.viTapTran)]!;
    expect(vi).toMatchObject({
      title: "Hải quân Việt Nam và Ấn Độ diễn tập chung trên Biển Đông",
      language: "vi",
      source_id: src.id,
      guid: "qdm-1001",
      published_source: "feed",
      outlet: "Báo Quân Đội Mẫu",
    });
    expect(Date.parse(vi.published_at!)).toBe(Date.parse("2024-05-21T01:15:00Z"));
    expect(vi.text).toContain("cuộc diễn tập kéo dài hai ngày");
    expect(vi.text).not.toMatch(/Tin liên quan|Có thể bạn quan tâm|Mời quý độc giả|Trang chủ|Chia sẻ|Giá vàng/);
    expect(JSON.parse(vi.captions)).toEqual([expect.stringContaining("Tàu khu trục Ấn Độ cập cảng Cam Ranh")]);
    expect(vi.text).not.toContain("Tàu khu trục Ấn Độ cập cảng Cam Ranh");
    // the raw page is kept, compressed, for re-extraction
    const raw = getRawPage(db, vi.id)!;
    expect(gunzipSync(raw.body).toString("utf8")).toBe(fixtureText("pages/vi-tap-tran.html", srv.origin));
    expect(raw).toMatchObject({ url: expect.stringContaining(PAGES.viTapTran), charset: "utf-8" });
    // the item without a date in the feed or on the page stays undated
    expect(byUrl[srv.url(PAGES.enNoDate)]).toMatchObject({ published_at: null, published_source: null, language: "en" });
    expect(byUrl[srv.url(PAGES.enDrill)]!.text).not.toMatch(/Related|Read more|Share on|Subscribe/);
    // the tracking duplicate was never fetched
    expect(srv.hits(PAGES.viTapTran)).toBe(1);
    expect(getRun(db, sum.runId)).toMatchObject({ status: "ok", trigger: "test", newArticles: 3, skipped: 1 });
    expect(getSourceById(db, src.id)).toMatchObject({ etag: expect.any(String), lastSuccessAt: now.toISOString(), consecutiveFailures: 0 });
  });

  it("Atom: og:url is the canonical URL, Zalo tracking parameters are removed", async () => {
    const srv = await site();
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/feeds/atom.xml"), now });
    const sum = await ingestOnce(makeDeps(db, fetchers));
    expect(sum).toMatchObject({ status: "ok", newArticles: 2, failed: 0 });
    const vi = articlesOf(db).find((a) => a.canonical_url === srv.url(PAGES.viHoiDam))!;
    expect(vi).toMatchObject({ title: "Bộ trưởng Quốc phòng Việt Nam hội đàm với người đồng cấp Lào", published_source: "feed", guid: "tag:tinquocphong.example,2023:bai-8812" });
    expect(vi.text).toContain("ký kế hoạch hợp tác quốc phòng năm 2024");
    expect(vi.text).not.toMatch(/Xem thêm|Tin cùng chuyên mục|Phó Thủ tướng tiếp Đại sứ Pháp/);
  });

  it("JSON Feed: both items, the undated one stays undated", async () => {
    const srv = await site();
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/feeds/feed.json"), now });
    const sum = await ingestOnce(makeDeps(db, fetchers));
    expect(sum).toMatchObject({ status: "ok", newArticles: 2, failed: 0 });
    const arts = articlesOf(db);
    expect(arts.map((a) => a.canonical_url).sort()).toEqual([srv.url(PAGES.enDrill), srv.url(PAGES.enNoDate)].sort());
    expect(arts.find((a) => a.canonical_url === srv.url(PAGES.enNoDate))?.published_at).toBeNull();
  });

  it("a second run adds nothing, sends If-None-Match / If-Modified-Since and refetches no page", async () => {
    const srv = await site();
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/feeds/rss.xml"), now });
    await ingestOnce(makeDeps(db, fetchers));
    const second = await ingestOnce(makeDeps(db, fetchers));
    expect(second).toMatchObject({ status: "ok", sources: 1, newArticles: 0, unchanged: 1, skipped: 0, failed: 0 });
    const feedReqs = srv.requests.filter((r) => r.path === "/feeds/rss.xml");
    expect(feedReqs).toHaveLength(2);
    expect(feedReqs[0]!.headers["if-none-match"]).toBeUndefined();
    expect(feedReqs[1]!.headers["if-none-match"]).toBe(`"${"/feeds/rss.xml".length}-v1"`);
    expect(feedReqs[1]!.headers["if-modified-since"]).toBe("Tue, 21 May 2024 02:00:00 GMT");
    expect(srv.hits(PAGES.viTapTran)).toBe(1);
  });

  it("a feed without validators: known items are not refetched, and a feed with nothing new counts as unchanged, not skipped", async () => {
    const srv = await site();
    srv.route("/plain.xml", { body: fixtureText("feeds/rss.xml", srv.origin), headers: { "content-type": "application/rss+xml" } });
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/plain.xml"), now });
    await ingestOnce(makeDeps(db, fetchers));
    const second = await ingestOnce(makeDeps(db, fetchers));
    expect(second).toMatchObject({ newArticles: 0, unchanged: 1, skipped: 0, failed: 0 });
    expect(srv.hits(PAGES.enDrill)).toBe(1);
  });

  it("an unregistered target is detected and ingested once without registering it", async () => {
    const srv = await site();
    const db = testDb();
    const sum = await ingestOnce(makeDeps(db, fetchers), { targets: [srv.url("/feeds/feed.json"), srv.url(PAGES.viHoiDam)] });
    expect(sum).toMatchObject({ status: "ok", sources: 2, newArticles: 3 });
    expect(listSources(db)).toEqual([]);
    expect(articlesOf(db).every((a) => a.source_id === null)).toBe(true);
    // the page source: found again by URL next time, not refetched
    const again = await ingestOnce(makeDeps(db, fetchers), { targets: [srv.url(PAGES.viHoiDam)] });
    // a page already stored is an unchanged source, not a skipped item
    expect(again).toMatchObject({ newArticles: 0, unchanged: 1, skipped: 0 });
    expect(srv.hits(PAGES.viHoiDam)).toBe(1);
  });
});

describe("ingestOnce: failures are recorded and never stop the rest", () => {
  it.each([
    {
      name: "HTML served where a feed was expected",
      route: { body: "<!doctype html><html><head><title>Trang chủ</title></head><body><p>Không phải RSS</p></body></html>", headers: { "content-type": "text/html; charset=utf-8" } },
      reason: /^ingest: feed returned HTML, not a feed: /,
    },
    {
      name: "malformed XML",
      route: { body: "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Broken</title><item><title>Unclosed <b>tag</title></channel>", headers: { "content-type": "application/rss+xml" } },
      reason: /^ingest: malformed XML in feed /,
    },
    { name: "404 feed", route: { status: 404, body: "not found" }, reason: /^ingest: HTTP 404/ },
  ])("$name: the source fails with a reason, backs off, the other source is ingested", async ({ route, reason }) => {
    const srv = await site({ "/bad-feed": route });
    const db = testDb();
    const bad = insertSource(db, { kind: "feed", url: srv.url("/bad-feed"), now });
    insertSource(db, { kind: "feed", url: srv.url("/feeds/atom.xml"), now });
    const sum = await ingestOnce(makeDeps(db, fetchers));
    expect(sum).toMatchObject({ status: "partial", sources: 2, newArticles: 2, failed: 1 });
    const errs = listRunErrors(db, sum.runId);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ sourceId: bad.id, url: srv.url("/bad-feed") });
    expect(errs[0]!.reason).toMatch(reason);
    expect(getSourceById(db, bad.id)).toMatchObject({
      consecutiveFailures: 1,
      lastError: errs[0]!.reason,
      nextAttemptAt: new Date(now.getTime() + 15 * 60_000).toISOString(),
    });
  });

  it("404, 500, timeout, redirect loop and an oversized body fail their items only", async () => {
    const srv = await site({
      "/p/404": { status: 404, body: "không tìm thấy" },
      "/p/500": { status: 500, body: "lỗi máy chủ" },
      "/p/slow": { body: "<html></html>", delayMs: 2000 },
      "/p/loop-a": redirect("/p/loop-b"),
      "/p/loop-b": redirect("/p/loop-a"),
      "/p/huge": { bodyBytes: 400_000, headers: { "content-type": "text/html" } },
    });
    const items = ["/p/404", "/p/500", "/p/slow", "/p/loop-a", "/p/huge", PAGES.enDrill]
      .map((p, i) => `<item><title>t${i}</title><link>${srv.url(p)}</link><guid>g${i}</guid></item>`)
      .join("");
    srv.route("/mixed.xml", { body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title>${items}</channel></rss>`, headers: { "content-type": "application/rss+xml" }, etag: '"m1"' });
    const db = testDb();
    const src = insertSource(db, { kind: "feed", url: srv.url("/mixed.xml"), now });
    const sum = await ingestOnce(makeDeps(db, fetchers));
    expect(sum).toMatchObject({ status: "partial", sources: 1, newArticles: 1, failed: 5 });
    const reasons = Object.fromEntries(listRunErrors(db, sum.runId).map((e) => [new URL(e.url!).pathname, e.reason]));
    expect(reasons).toEqual({
      "/p/404": expect.stringMatching(/HTTP 404/),
      "/p/500": expect.stringMatching(/HTTP 500/),
      "/p/slow": expect.stringMatching(/timed out/),
      "/p/loop-a": expect.stringMatching(/redirect/),
      "/p/huge": expect.stringMatching(/larger than/),
    });
    // the source itself is fine; its ETag is not kept because a retryable item (500, timeout) should be retried
    expect(getSourceById(db, src.id)).toMatchObject({ consecutiveFailures: 0, etag: null });
    const again = await ingestOnce(makeDeps(db, fetchers));
    expect(again).toMatchObject({ newArticles: 0, skipped: 1, failed: 5, unchanged: 0 });
  });

  it("a page that fails but whose feed carries the full content is stored from the feed", async () => {
    const srv = await site({ "/gone": { status: 410 } });
    const content = ["Hai nước ký thỏa thuận hợp tác đào tạo quân sự kéo dài năm năm, theo thông báo của Bộ Quốc phòng.", ...MORE_VI].map((p) => `<p>${p}</p>`).join("");
    srv.route("/full.xml", {
      body: `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Full</title><item><title>Thỏa thuận đào tạo</title><link>${srv.url("/gone")}</link><guid>f1</guid><content:encoded><![CDATA[${content}]]></content:encoded></item></channel></rss>`,
      headers: { "content-type": "application/rss+xml" },
    });
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/full.xml"), now });
    const sum = await ingestOnce(makeDeps(db, fetchers));
    expect(sum).toMatchObject({ newArticles: 1, failed: 0 });
    expect(articlesOf(db)[0]!.text).toContain("Hai nước ký thỏa thuận hợp tác đào tạo quân sự");
    expect(listRunErrors(db, sum.runId)[0]!.reason).toMatch(/HTTP 410.*stored the feed's own content/);
  });

  it("every source failing makes the run failed", async () => {
    const srv = await site({ "/x": { status: 500 } });
    const db = testDb();
    insertSource(db, { kind: "feed", url: srv.url("/x"), now });
    insertSource(db, { kind: "page", url: srv.url("/nothing-here"), now });
    const sum = await ingestOnce(makeDeps(db, fetchers));
    expect(sum).toMatchObject({ status: "failed", sources: 2, failed: 2, newArticles: 0 });
  });
});

const MORE_VI = [
  "Chuyến thăm diễn ra trong bối cảnh quan hệ hữu nghị truyền thống giữa quân đội hai nước không ngừng được củng cố và phát triển, nhất là trong lĩnh vực hải quân.",
  "Trước đó, đoàn đã thăm Học viện Hải quân và Lữ đoàn tàu ngầm, trao đổi kinh nghiệm về công tác huấn luyện, bảo đảm kỹ thuật và hậu cần cho các lực lượng.",
  "Dịp này, hai bên cũng thống nhất sẽ tổ chức giao lưu hữu nghị giữa các đơn vị hải quân ở khu vực giáp ranh và hỗ trợ nhau trong tìm kiếm cứu nạn trên biển.",
];

describe("ingestOnce: text stored right", () => {
  const viBody =
    "Bộ trưởng Quốc phòng Việt Nam tiếp Tư lệnh Hải quân Hoàng gia Campuchia. Hai bên nhất trí tăng cường tuần tra chung trên biển, trao đổi đoàn và đào tạo sĩ quan trẻ của hải quân hai nước.";
  const viPage = (charsetMeta: string, body = viBody) =>
    `<!doctype html><html lang="vi"><head>${charsetMeta}<title>Tiếp Tư lệnh Hải quân Campuchia</title></head><body><nav>Trang chủ | Thời sự</nav><article><h1>Tiếp Tư lệnh Hải quân Campuchia</h1><p>${body}</p>${MORE_VI.map((p) => `<p>${p}</p>`).join("")}</article></body></html>`;

  it.each([
    { name: "windows-1258 page", route: () => ({ body: toCp1258(viPage('<meta charset="windows-1258">')), headers: { "content-type": "text/html; charset=windows-1258" } }) },
    { name: "header says iso-8859-1 over UTF-8 bytes", route: () => ({ body: Buffer.from(viPage(""), "utf8"), headers: { "content-type": "text/html; charset=iso-8859-1" } }) },
    { name: "meta says utf-8 over windows-1258 bytes", route: () => ({ body: toCp1258(viPage('<meta charset="utf-8">')), headers: { "content-type": "text/html" } }) },
    { name: "NFD text", route: () => ({ body: Buffer.from(viPage('<meta charset="utf-8">').normalize("NFD"), "utf8"), headers: { "content-type": "text/html; charset=utf-8" } }) },
  ])("$name is stored as NFC", async ({ route }) => {
    const srv = await site({ "/vi": route() });
    const db = testDb();
    const sum = await ingestOnce(makeDeps(db, fetchers), { targets: [srv.url("/vi")] });
    expect(sum).toMatchObject({ newArticles: 1, failed: 0 });
    const a = articlesOf(db)[0]!;
    expect(a.title).toBe("Tiếp Tư lệnh Hải quân Campuchia");
    expect(a.text).toContain(viBody);
    expect(a.text.normalize("NFC")).toBe(a.text);
    expect(a.language).toBe("vi");
  });

  it("the same text under another URL is one article with the other URL as alias", async () => {
    const srv = await site();
    srv.route("/mirror/coast-guard-story", { body: fixtureText("pages/en-nodate.html", srv.origin), headers: { "content-type": "text/html" } });
    const items = [PAGES.enNoDate, "/mirror/coast-guard-story"].map((p, i) => `<item><title>t</title><link>${srv.url(p)}</link><guid>m${i}</guid></item>`).join("");
    srv.route("/m.xml", { body: `<?xml version="1.0"?><rss version="2.0"><channel><title>M</title>${items}</channel></rss>`, headers: { "content-type": "application/rss+xml" } });
    const db = testDb();
    const sum = await ingestOnce(makeDeps(db, fetchers, { concurrency: 1 }), { targets: [srv.url("/m.xml")] });
    expect(sum).toMatchObject({ newArticles: 1, skipped: 1, failed: 0 });
    const [a] = articlesOf(db);
    expect(a!.canonical_url).toBe(srv.url(PAGES.enNoDate));
    expect(listArticleAliases(db, a!.id)).toEqual([srv.url("/mirror/coast-guard-story")]);
  });

  it("a folder of seeds-format files and html pages; a rerun skips them", async () => {
    const db = testDb();
    const dir = new URL("../fixtures/site/files", import.meta.url).pathname;
    const deps = makeDeps(db, fetchers);
    const sum = await ingestOnce(deps, { targets: [dir] });
    expect(sum).toMatchObject({ status: "ok", sources: 1, newArticles: 5, failed: 0 });
    const arts = articlesOf(db);
    const month = arts.find((a) => a.canonical_url.endsWith("/vi-month-outlet.txt"))!;
    expect(month).toMatchObject({ published_at: "2023-08", published_source: "text_header", outlet: "VTC News", language: "vi" });
    expect(arts.find((a) => a.canonical_url.endsWith("/en-no-date.txt"))).toMatchObject({ published_at: null, title: "India and France sign a roadmap for defence industrial cooperation" });
    // the html file's own canonical URL is stored, the file URL becomes an alias
    const html = arts.find((a) => a.canonical_url === "https://harbor-times.example/world/japan-philippines-raa")!;
    expect(listArticleAliases(db, html.id)[0]).toMatch(/^file:.*en-page\.html$/);
    // every file already stored: the folder is one unchanged source, not 5 skipped items
    expect(await ingestOnce(deps, { targets: [dir] })).toMatchObject({ newArticles: 0, unchanged: 1, skipped: 0 });
  });

  it("a folder is stored in its sorted order whichever file is read first, so clustering does not depend on timing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relations-order-"));
    // big files first in name order: read in parallel, they finish after the small ones
    for (let i = 0; i < 24; i++) {
      const body = i % 3 === 0 ? "Padding sentence about nothing in particular. ".repeat(6_000) : "A short note.";
      writeFileSync(join(dir, `a-${String(i).padStart(2, "0")}.txt`), ` date 2024-06-0${1 + (i % 9)} (Outlet) -\n\nTitle ${i}\n\n${body}\n`);
    }
    const db = testDb();
    await ingestOnce(makeDeps(db, fetchers, { maxFileBytes: 10_000_000 }), { targets: [dir] });
    const names = articlesOf(db).map((a) => a.canonical_url.split("/").pop());
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(24);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("detectSource (for sources add)", () => {
  it("tells feeds, pages (with the feeds they advertise), files and folders apart", async () => {
    const srv = await site();
    const fetcher = makeDeps(testDb(), fetchers).fetcher;
    const files = new URL("../fixtures/site/files", import.meta.url).pathname;
    expect(await detectSource(srv.url("/feeds/atom.xml"), fetcher)).toEqual({ kind: "feed", feedLinks: [] });
    expect(await detectSource(srv.url("/feeds/feed.json"), fetcher)).toEqual({ kind: "feed", feedLinks: [] });
    expect(await detectSource(srv.url(PAGES.viTapTran), fetcher)).toEqual({ kind: "page", feedLinks: [srv.url("/feeds/rss.xml")] });
    expect(await detectSource(srv.url(PAGES.enNoDate), fetcher)).toEqual({ kind: "page", feedLinks: [] });
    expect(await detectSource(files, fetcher)).toEqual({ kind: "folder", feedLinks: [] });
    expect(await detectSource(`${files}/vi-stamp.txt`, fetcher)).toEqual({ kind: "file", feedLinks: [] });
  });
});

describe("ingestOnce: backoff", () => {
  it("a backing-off source is skipped until its next attempt, unless targeted", async () => {
    const srv = await site({ "/down.xml": { status: 503 } });
    const db = testDb();
    const clock = movableClock("2026-03-01T10:00:00Z");
    const src = insertSource(db, { kind: "feed", url: srv.url("/down.xml"), now: clock() });
    const deps = makeDeps(db, fetchers, { clock });
    await ingestOnce(deps);
    expect(srv.hits("/down.xml")).toBe(1);
    clock.advance(10 * 60_000);
    expect(await ingestOnce(deps)).toMatchObject({ sources: 0, status: "ok" });
    expect(srv.hits("/down.xml")).toBe(1);
    await ingestOnce(deps, { targets: [src.url] });
    expect(srv.hits("/down.xml")).toBe(2);
    expect(getSourceById(db, src.id)).toMatchObject({ consecutiveFailures: 2, nextAttemptAt: new Date(clock().getTime() + 30 * 60_000).toISOString() });
    srv.route("/down.xml", { body: fixtureText("feeds/feed.json", srv.origin), headers: { "content-type": "application/feed+json" } });
    clock.advance(31 * 60_000);
    expect(await ingestOnce(deps)).toMatchObject({ sources: 1, newArticles: 2 });
    expect(getSourceById(db, src.id)).toMatchObject({ consecutiveFailures: 0, nextAttemptAt: null, lastError: null });
  });
});
