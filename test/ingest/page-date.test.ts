import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { findPageDate, parseBylineStamp, parseIsoStamp, zoneOffsetMinutes } from "../../src/ingest/page-date.ts";

const VN = "Asia/Ho_Chi_Minh";

function doc(head: string, body = ""): Document {
  return parseHTML(`<html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document;
}

describe("findPageDate from page metadata", () => {
  it.each([
    ["article:published_time with offset", '<meta property="article:published_time" content="2023-07-03T14:20:00+07:00">', "2023-07-03T14:20:00+07:00"],
    ["article:published_time in UTC, shown in outlet time", '<meta property="article:published_time" content="2023-07-03T07:20:00Z">', "2023-07-03T14:20:00+07:00"],
    ["offset-less time is outlet local time", '<meta property="article:published_time" content="2023-07-03T14:20:00">', "2023-07-03T14:20:00+07:00"],
    [
      "JSON-LD datePublished in @graph",
      '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2025-06-07T20:41:00+07:00"}]}</script>',
      "2025-06-07T20:41:00+07:00",
    ],
    ["itemprop datePublished", '<meta itemprop="datePublished" content="2024-02-01T09:30:00+07:00">', "2024-02-01T09:30:00+07:00"],
  ])("%s", (_n, head, iso) => {
    const r = findPageDate(doc(head), "", VN);
    expect(r).toMatchObject({ iso, precision: "minute", source: "page_metadata" });
  });

  it("<time datetime> in the body", () => {
    const r = findPageDate(doc("", '<time datetime="2023-07-03">3 tháng 7</time>'), "", VN);
    expect(r).toEqual({ iso: "2023-07-03", precision: "day", source: "page_metadata", raw: "2023-07-03" });
  });

  it("broken JSON-LD is skipped, not fatal", () => {
    const head = '<script type="application/ld+json">{not json</script><meta name="pubdate" content="2023-07-03">';
    expect(findPageDate(doc(head), "", VN)?.iso).toBe("2023-07-03");
  });
});

describe("findPageDate from a Vietnamese byline (day/month/year, local time → +07:00)", () => {
  it.each([
    ["Thứ bảy 07/06/2025 20:41", "2025-06-07T20:41:00+07:00", "minute"],
    ["07/06/2025 - 20:41", "2025-06-07T20:41:00+07:00", "minute"],
    ["Thứ Bảy, 7/6/2025, 20:41 (GMT+7)", "2025-06-07T20:41:00+07:00", "minute"],
    ["Cập nhật: 14:20, 03/07/2023", "2023-07-03T14:20:00+07:00", "minute"],
    ["Hà Nội, ngày 3/7/2023", "2023-07-03", "day"],
    ["ngày 3 tháng 7 năm 2023", "2023-07-03", "day"],
    ["12/01/2024 08:05", "2024-01-12T08:05:00+07:00", "minute"],
  ])("%s", (line, iso, precision) => {
    expect(parseBylineStamp(line, VN)).toMatchObject({ iso, precision, source: "byline", raw: line });
  });

  it("a day above 12 proves day-first reading; 31/12 is not month 31", () => {
    expect(parseBylineStamp("31/12/2024 23:59", VN)?.iso).toBe("2024-12-31T23:59:00+07:00");
    expect(parseBylineStamp("12/31/2024", VN)).toBeNull();
  });

  it("a stamp element outside the body text is found in the DOM", () => {
    const d = doc("", '<span class="date-time">Thứ bảy 07/06/2025 20:41</span><p>Nội dung bài viết.</p>');
    expect(findPageDate(d, "", VN)).toMatchObject({ iso: "2025-06-07T20:41:00+07:00", source: "byline" });
  });

  it("today's date in the site header is not the page's stamp", () => {
    const d = doc(
      "",
      '<header class="site"><span class="current-date">Thứ Hai, 24/11/2026</span></header>' +
        '<div class="sidebar"><span class="date">20/11/2026</span></div>' +
        '<article><div class="post-time">Thứ bảy 07/06/2025 20:41</div><p>Nội dung.</p></article>',
    );
    expect(findPageDate(d, "", VN)?.iso).toBe("2025-06-07T20:41:00+07:00");
  });

  it("a date inside a long body sentence is an event date, not the page's stamp", () => {
    const text =
      "Cuộc tập trận sẽ diễn ra từ ngày 15/08/2025 đến ngày 20/08/2025 tại vùng biển phía nam, với sự tham gia của nhiều tàu chiến hai nước.";
    expect(findPageDate(null, text, VN)).toBeNull();
  });
});

describe("findPageDate from an English byline", () => {
  it.each([
    ["July 3, 2023", "UTC", "2023-07-03", "day"],
    ["By Maria Santos · July 3, 2023 10:05 AM", VN, "2023-07-03T10:05:00+07:00", "minute"],
    ["Jul 3, 2023, 3:15 p.m.", "America/New_York", "2023-07-03T15:15:00-04:00", "minute"],
    ["3 July 2023 10:05 GMT+7", "UTC", "2023-07-03T03:05:00+00:00", "minute"],
    ["Published 03 Jan 2024", "Europe/London", "2024-01-03", "day"],
  ])("%s (%s)", (line, tz, iso, precision) => {
    expect(findPageDate(null, line, tz)).toMatchObject({ iso, precision, source: "byline" });
  });
});

describe("time zone arithmetic", () => {
  it.each([
    ["Asia/Ho_Chi_Minh", Date.UTC(2025, 0, 1), 420],
    ["Europe/London", Date.UTC(2025, 6, 1), 60],
    ["America/New_York", Date.UTC(2025, 0, 1, 12), -300],
  ])("offset of %s", (tz, ms, offset) => {
    expect(zoneOffsetMinutes(tz, ms)).toBe(offset);
  });

  it("parseIsoStamp rejects what is not a date", () => {
    expect(parseIsoStamp("yesterday", VN)).toBeNull();
    expect(parseIsoStamp("2023-02-30", VN)).toBeNull();
  });
});
