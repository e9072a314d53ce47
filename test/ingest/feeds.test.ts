import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/ingest/fetch.ts";
import { discoverFeedLinks, FeedError, looksLikeFeed, parseFeed, parseFeedDate } from "../../src/ingest/feeds.ts";
import { startFixtureServer, type FixtureServer } from "../helpers/fixture-server.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), "utf8");

function feedError(fn: () => unknown): FeedError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FeedError) return e;
    throw e;
  }
  throw new Error("expected a FeedError");
}

describe("parseFeed: formats", () => {
  it("RSS 2.0 (Vietnamese): items, CDATA, entities, relative links, dates, drops", () => {
    const f = parseFeed(fixture("rss-vi.xml"), "https://baomau.vn/rss/quoc-phong.rss");
    expect(f.format).toBe("rss");
    expect(f.title).toBe("Quốc phòng - An ninh | Báo Mẫu");
    expect(f.siteUrl).toBe("https://baomau.vn/quoc-phong/");
    expect(f.items.map((i) => i.url)).toEqual([
      "https://baomau.vn/quoc-phong/viet-nam-belarus-ky-ke-hoach-hop-tac-123.html",
      // relative <link> resolved against the channel's site link
      "https://baomau.vn/quoc-phong/tau-hai-quan-an-do-tham-cam-ranh-124.html",
      "https://baomau.vn/quoc-phong/dien-tap-cuu-ho-125.html?utm_source=rss&id=125",
      "https://baomau.vn/quoc-phong/doi-thoai-viet-nhat-126.html",
      "https://baomau.vn/quoc-phong/ngay-kieu-viet-127.html",
    ]);
    const [first, second, undated, dcDate, dayFirst] = f.items;
    expect(first).toEqual({
      url: "https://baomau.vn/quoc-phong/viet-nam-belarus-ky-ke-hoach-hop-tac-123.html",
      guid: "https://baomau.vn/quoc-phong/viet-nam-belarus-ky-ke-hoach-hop-tac-123.html",
      title: "Việt Nam và Belarus ký kế hoạch hợp tác quốc phòng năm 2026",
      published: "2026-11-24T06:05:00.000Z",
      summary: "Chiều 24/11, tại Hà Nội, Thứ trưởng Bộ Quốc phòng đã tiếp Đoàn đại biểu & Bộ Quốc phòng Belarus.",
      contentHtml: "<p>Chiều 24/11, tại Hà Nội, hai bên đã ký <b>Kế hoạch hợp tác</b> năm 2026.</p>",
    });
    expect(second!.title).toBe('Tàu Hải quân Ấn Độ thăm Cam Ranh – "chuyến thăm hữu nghị"');
    expect(second!.guid).toBe("baomau-124");
    expect(second!.published).toBe("2026-11-23T08:30:00.000Z");
    expect(undated!.published).toBeNull();
    expect(dcDate!.published).toBe("2026-11-22T02:00:00.000Z");
    expect(dayFirst!.published).toBe("2026-11-05T14:20:00.000Z");
    expect(f.dropped).toEqual([
      { index: 3, reason: "no usable link" },
      // same article with tracking parameters and a fragment
      { index: 4, reason: "duplicate of item 0" },
    ]);
  });

  it("Atom (English): xml:base, link choice, html/xhtml content, updated fallback", () => {
    const f = parseFeed(fixture("atom-en.xml"), "https://defense-news.example.com/feeds/world.atom");
    expect(f.format).toBe("atom");
    expect(f.title).toBe("World & Defense – Example Times");
    expect(f.siteUrl).toBe("https://defense-news.example.com/");
    expect(f.items).toEqual([
      {
        url: "https://defense-news.example.com/world/2026/11/24/china-belarus-drill",
        guid: "tag:defense-news.example.com,2026:1001",
        title: "China and Belarus hold joint counter-terror drill",
        published: "2026-11-24T01:15:00.000Z",
        summary: "Troops from both countries trained near Brest.",
        contentHtml: "<p>Chinese and Belarusian special forces &amp; police units began an exercise.</p>",
      },
      {
        url: "https://defense-news.example.com/asia/vietnam-india-logistics",
        guid: "https://defense-news.example.com/asia/vietnam-india-logistics",
        title: "India, Vietnam sign logistics pact",
        published: "2026-11-23T23:00:00.000Z",
        summary: null,
        contentHtml: "<p>The two ministers signed a <strong>mutual logistics</strong> agreement.</p>",
      },
      {
        url: "https://defense-news.example.com/analysis/patrols",
        guid: "urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7",
        title: "Undated analysis: what the patrols mean",
        published: null,
        summary: 'A look at "freedom of navigation" patrols.',
        contentHtml: null,
      },
    ]);
    expect(f.dropped).toEqual([{ index: 3, reason: "url: not an absolute http(s) URL" }]);
  });

  it("JSON Feed 1.1: url/external_url/id links, relative URL, dates, bad items dropped", () => {
    const f = parseFeed(fixture("feed-en.json"), "https://review.example.org/feed.json");
    expect(f.format).toBe("json");
    expect(f.title).toBe("Example Security Review");
    expect(f.siteUrl).toBe("https://review.example.org/");
    expect(f.items.map((i) => [i.url, i.published])).toEqual([
      ["https://review.example.org/2026/11/24/philippines-japan-raa", "2026-11-24T13:00:00.000Z"],
      ["https://review.example.org/2026/11/23/australia-us-patrol", "2026-11-23T12:00:00.000Z"],
      ["https://review.example.org/2026/11/22/undated", null],
    ]);
    expect(f.items[0]!.contentHtml).toContain("each other&rsquo;s soil");
    expect(f.items[1]!.summary).toBe("Ships sailed together in the South China Sea.");
    expect(f.dropped).toEqual([
      { index: 3, reason: "no usable link" },
      { index: 4, reason: "item is not an object" },
    ]);
  });

  it("RSS 1.0 (RDF): items beside the channel", () => {
    const f = parseFeed(fixture("rdf-en.rdf"), "https://old.example.net/rss");
    expect(f.format).toBe("rss");
    expect(f.items).toHaveLength(1);
    expect(f.items[0]).toMatchObject({
      url: "https://old.example.net/story/42",
      guid: "https://old.example.net/story/42",
      title: "Russia and Belarus extend air-defence pact",
      published: "2026-11-21T04:30:00.000Z",
    });
  });
});

describe("parseFeed: normalization", () => {
  it("NFD titles and summaries come out NFC and trimmed", () => {
    const title = "Bộ trưởng Quốc phòng tiếp Đại sứ Hoa Kỳ";
    const xml = `<rss><channel><title>t</title><item><title>   ${title.normalize("NFD")}\n </title><link>https://a.vn/1</link><description>${"Hợp tác khắc phục hậu quả chiến tranh".normalize("NFD")}</description></item></channel></rss>`;
    const [item] = parseFeed(xml, "https://a.vn/rss").items;
    expect(item!.title).toBe(title);
    expect(item!.title).toBe(item!.title!.normalize("NFC"));
    expect(item!.summary).toBe("Hợp tác khắc phục hậu quả chiến tranh");
  });

  it("bare ampersands and HTML entities in an otherwise valid feed are tolerated", () => {
    const xml = `<rss><channel><title>Q&A &nbsp;news</title><item><title>Tom &amp; Jerry&#8217;s &eacute;t&eacute;</title><link>https://e.com/a?x=1&y=2</link></item></channel></rss>`;
    const f = parseFeed(xml, "https://e.com/rss");
    expect(f.title).toBe("Q&A news");
    expect(f.items[0]!.title).toBe("Tom & Jerry’s été");
    expect(f.items[0]!.url).toBe("https://e.com/a?x=1&y=2");
  });

  it("a relative link with no channel link resolves against the feed URL", () => {
    const xml = `<rss><channel><title>t</title><item><title>a</title><link>../tin/1.html</link></item></channel></rss>`;
    expect(parseFeed(xml, "https://e.vn/rss/qp.rss").items[0]!.url).toBe("https://e.vn/tin/1.html");
  });

  it("a DOCTYPE with entity declarations is removed, not expanded", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss><channel><title>t &b;</title><item><title>x</title><link>https://e.com/1</link></item></channel></rss>`;
    const f = parseFeed(xml, "https://e.com/rss");
    expect(f.items).toHaveLength(1);
    expect(f.title).not.toContain("aaaaaaaaaa");
  });
});

describe("parseFeed: errors", () => {
  it.each([
    ["an HTML page", () => fixture("page-vi.html"), "html", /^ingest: feed returned HTML, not a feed: https:\/\/x\.vn\/feed$/],
    ["XHTML with an XML declaration", () => `<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, "html", /^ingest: feed returned HTML/],
    ["malformed XML", () => fixture("malformed.xml"), "malformed", /^ingest: malformed XML in feed https:\/\/x\.vn\/feed: .+line \d+/],
    ["malformed JSON", () => `{"version": "https://jsonfeed.org/version/1.1", "items": [`, "malformed", /^ingest: malformed JSON in feed/],
    ["JSON that is not a JSON Feed", () => `{"hello": "world"}`, "unknown_format", /^ingest: JSON is not a JSON Feed/],
    ["an empty body", () => "  \n ", "empty", /^ingest: empty feed/],
    ["plain text", () => "Service temporarily unavailable", "unknown_format", /^ingest: not a feed/],
    ["an unknown XML root", () => `<?xml version="1.0"?><urlset><url><loc>https://x.vn/1</loc></url></urlset>`, "unknown_format", /^ingest: unknown feed format \(root <urlset>\)/],
  ])("%s", (_name, body, kind, message) => {
    const e = feedError(() => parseFeed(body(), "https://x.vn/feed"));
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(message);
    expect(e.url).toBe("https://x.vn/feed");
  });

  it("a feed with a channel but no items is fine (empty list, not an error)", () => {
    const f = parseFeed(`<rss><channel><title>Quiet</title></channel></rss>`, "https://x.vn/feed");
    expect(f.items).toEqual([]);
    expect(f.title).toBe("Quiet");
  });
});

describe("parseFeedDate", () => {
  it.each([
    ["RFC 822 numeric offset", "Tue, 24 Nov 2026 13:05:00 +0700", "2026-11-24T06:05:00.000Z"],
    ["RFC 822 GMT", "Mon, 23 Nov 2026 08:30:00 GMT", "2026-11-23T08:30:00.000Z"],
    ["RFC 822 EST", "Mon, 23 Nov 2026 18:00:00 EST", "2026-11-23T23:00:00.000Z"],
    ["RFC 822 PDT", "Mon, 23 Nov 2026 01:00:00 PDT", "2026-11-23T08:00:00.000Z"],
    ["RFC 822 ICT (Indochina)", "Tue, 24 Nov 2026 13:05:00 ICT", "2026-11-24T06:05:00.000Z"],
    ["RFC 822 without weekday or seconds", "24 Nov 2026 13:05 +0700", "2026-11-24T06:05:00.000Z"],
    ["RFC 822 full month, GMT+7", "Tue, 24 November 2026 13:05:00 GMT+7", "2026-11-24T06:05:00.000Z"],
    ["RFC 822 two-digit year", "Tue, 24 Nov 26 13:05:00 +0000", "2026-11-24T13:05:00.000Z"],
    ["ISO 8601 with offset", "2026-11-24T13:05:00+07:00", "2026-11-24T06:05:00.000Z"],
    ["ISO 8601 Z with millis", "2026-11-24T06:05:00.123Z", "2026-11-24T06:05:00.000Z"],
    ["ISO 8601 date only", "2026-11-24", "2026-11-24"],
    ["ISO 8601 without zone → default offset", "2026-11-24T13:05:00", "2026-11-24T13:05:00.000Z"],
    ["day-first slash date (never Date.parse's month-first)", "05/11/2026 14:20", "2026-11-05T14:20:00.000Z"],
    ["day-first with a Vietnamese weekday and GMT+7", "Thứ ba, 24/11/2026 - 13:05 (GMT+7)", "2026-11-24T06:05:00.000Z"],
    ["day-first date only", "24/11/2026", "2026-11-24"],
    ["impossible day", "31/02/2026 10:00", null],
    ["day 13 read month-first would be valid, day-first it is 13 Nov", "13/11/2026", "2026-11-13"],
    ["unknown zone name", "Tue, 24 Nov 2026 13:05:00 XYZT", null],
    ["garbage", "hôm qua", null],
    ["empty", "", null],
    ["out of range year", "Tue, 24 Nov 1850 13:05:00 GMT", null],
  ])("%s", (_name, raw, expected) => {
    expect(parseFeedDate(raw)).toBe(expected);
  });

  it("applies the outlet's offset to zone-less times only", () => {
    expect(parseFeedDate("24/11/2026 13:05", 420)).toBe("2026-11-24T06:05:00.000Z");
    expect(parseFeedDate("2026-11-24T13:05:00", 420)).toBe("2026-11-24T06:05:00.000Z");
    expect(parseFeedDate("2026-11-24T13:05:00Z", 420)).toBe("2026-11-24T13:05:00.000Z");
  });
});

describe("looksLikeFeed", () => {
  it.each([
    ["RSS", () => fixture("rss-vi.xml"), "text/html", true],
    ["Atom", () => fixture("atom-en.xml"), "application/xml", true],
    ["JSON Feed", () => fixture("feed-en.json"), "application/json", true],
    ["RDF", () => fixture("rdf-en.rdf"), null, true],
    ["HTML page", () => fixture("page-vi.html"), "application/rss+xml", false],
    ["plain JSON", () => `{"a":1}`, "application/json", false],
    ["JSON with items labelled feed+json", () => `{"items":[]}`, "application/feed+json", true],
    ["RSS after BOM, comment and stylesheet PI", () => `\uFEFF<?xml version="1.0"?><!-- hi --><?xml-stylesheet href="s.xsl"?><rss version="2.0"/>`, null, true],
  ])("%s → %s", (_name, body, ct, expected) => {
    expect(looksLikeFeed(body(), ct)).toBe(expected);
  });
});

describe("discoverFeedLinks", () => {
  it("finds RSS, Atom and JSON Feed alternates, resolved, deduplicated, http(s) only", () => {
    expect(discoverFeedLinks(fixture("page-vi.html"), "https://baomau.vn/tin/")).toEqual([
      "https://baomau.vn/rss/quoc-phong.rss",
      "https://baomau.vn/atom/the-gioi.xml",
      "https://baomau.vn/tin/feed.json?x=1&y=2",
    ]);
  });

  it("honours <base href> and single-quoted attributes in any order", () => {
    const html = `<head><base href="https://cdn.e.com/s/"><link href='feeds/a.xml' type='application/atom+xml' rel='alternate'></head>`;
    expect(discoverFeedLinks(html, "https://e.com/")).toEqual(["https://cdn.e.com/s/feeds/a.xml"]);
  });

  it("a page without feed links gives []", () => {
    expect(discoverFeedLinks(`<html><head><link rel="icon" href="/f.ico"></head></html>`, "https://e.com/")).toEqual([]);
  });
});

describe("fetch → parseFeed over loopback", () => {
  let srv: FixtureServer;
  const fetcher = createFetcher({
    userAgent: "relations-test",
    timeoutMs: 2000,
    maxBytes: 1_000_000,
    maxRedirects: 3,
    retries: 0,
    perHostConcurrency: 2,
    perHostDelayMs: 0,
    allowPrivateHosts: true,
  });
  beforeAll(async () => {
    srv = await startFixtureServer({
      "/rss": { body: fixture("rss-vi.xml"), headers: { "content-type": "application/rss+xml; charset=utf-8" }, etag: '"r1"', gzip: true },
      // a CMS that serves its home page where the feed used to be
      "/feed-now-html": { body: fixture("page-vi.html"), headers: { "content-type": "text/html; charset=utf-8" } },
    });
  });
  afterAll(async () => {
    fetcher.close();
    await srv.close();
  });

  it("a gzipped RSS feed fetched and parsed; a second run sends If-None-Match and gets not_modified", async () => {
    const r = await fetcher.fetch(srv.url("/rss"));
    if (r.status !== "ok") throw new Error("expected ok");
    expect(looksLikeFeed(r.text, r.contentType)).toBe(true);
    const f = parseFeed(r.text, r.url);
    expect(f.items).toHaveLength(5);
    const again = await fetcher.fetch(srv.url("/rss"), { etag: r.etag });
    expect(again.status).toBe("not_modified");
  });

  it("HTML served where a feed was expected", async () => {
    const r = await fetcher.fetch(srv.url("/feed-now-html"));
    if (r.status !== "ok") throw new Error("expected ok");
    expect(looksLikeFeed(r.text, r.contentType)).toBe(false);
    const e = feedError(() => parseFeed(r.text, r.url));
    expect(e.kind).toBe("html");
    expect(e.message).toBe(`ingest: feed returned HTML, not a feed: ${srv.url("/feed-now-html")}`);
    // and the page tells where the feeds went
    expect(discoverFeedLinks(r.text, r.url)).toContain(srv.url("/rss/quoc-phong.rss"));
  });
});
