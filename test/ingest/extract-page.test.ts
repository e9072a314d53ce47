import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cleanPlainText, extractPage, stripTitleSuffix } from "../../src/ingest/extract-page.ts";

const pages = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "pages");
const page = (name: string) => readFileSync(join(pages, name), "utf8");
const VN = { timeZone: "Asia/Ho_Chi_Minh" };

describe("extractPage on a Vietnamese page with a byline stamp and no date metadata", () => {
  const url = "https://baomau.vn/quoc-phong/viet-nam-an-do-tap-tran-123.html";
  const p = extractPage(page("vi-byline.html"), url, VN)!;

  it("keeps the article paragraphs, in order, joined by blank lines", () => {
    const paras = p.text.split("\n\n");
    expect(paras).toHaveLength(6);
    expect(paras[0]).toMatch(/^Hải quân Việt Nam và Hải quân Ấn Độ đã tổ chức cuộc diễn tập chung/);
    expect(paras[5]).toMatch(/^Đây là lần thứ ba hải quân hai nước/);
  });

  it.each([
    ["related box", "Tàu hải quân Ấn Độ thăm cảng Cam Ranh"],
    ["recommendation box", "Giá vàng hôm nay"],
    ["follow line", "Theo dõi Báo Quân Đội Mẫu"],
    ["Mời quý độc giả line", "Mời quý độc giả"],
    ["QR line", "quét QR"],
    ["share bar", "Chia sẻ"],
    ["inline Xem thêm", "Xem thêm"],
    ["menu", "Trang chủ"],
    ["caption", "Sĩ quan hai nước giao lưu"],
    ["repeated title", "Việt Nam và Ấn Độ tập trận hải quân chung tại Biển Đông"],
  ])("drops the %s", (_n, fragment) => {
    expect(p.text).not.toContain(fragment);
  });

  it("sets captions apart (figcaption and an (Ảnh: X) line)", () => {
    expect(p.captions).toEqual([
      "Tàu hộ vệ tên lửa của Hải quân Việt Nam trong cuộc diễn tập. Ảnh: Hải Long",
      "Sĩ quan hai nước giao lưu trên boong tàu sau buổi diễn tập (Ảnh: Hải Long)",
    ]);
  });

  it("reads the byline stamp day-first, as local time +07:00", () => {
    expect(p.published).toEqual({ iso: "2025-06-07T20:41:00+07:00", precision: "minute", source: "byline", raw: "Thứ bảy 07/06/2025 20:41" });
  });

  it("reads metadata: title without site suffix, site name, language, raw canonical", () => {
    expect(p.title).toBe("Việt Nam và Ấn Độ tập trận hải quân chung tại Biển Đông");
    expect(p.siteName).toBe("Báo Quân Đội Mẫu");
    expect(p.language).toBe("vi");
    expect(p.canonicalUrl).toBe("https://baomau.vn/quoc-phong/viet-nam-an-do-tap-tran-123.html?utm_source=rss");
  });

  it("records what the junk filter removed, with the rule", () => {
    const rules = new Set(p.removed.map((r) => r.rule));
    for (const rule of ["follow-line", "share-qr", "read-more-inline", "repeated-title"]) expect(rules).toContain(rule);
  });
});

describe("extractPage on a page with date metadata", () => {
  const p = extractPage(page("vi-metadata.html"), "https://tintucmau.vn/the-gioi/x.html", VN)!;

  it("takes article:published_time over JSON-LD and the visible stamp", () => {
    expect(p.published).toMatchObject({ iso: "2023-07-03T14:20:00+07:00", source: "page_metadata" });
  });

  it("strips the ' | Site' suffix from og:title and resolves og:url", () => {
    expect(p.title).toBe("Nga và Trung Quốc tuần tra chung trên biển");
    expect(p.canonicalUrl).toBe("https://tintucmau.vn/the-gioi/nga-trung-quoc-tuan-tra-456.html");
  });

  it("takes a caption-classed element out of the body and drops the 'Tin cùng chuyên mục' block", () => {
    expect(p.captions).toEqual(["Tàu khu trục Trung Quốc tham gia cuộc tuần tra chung."]);
    expect(p.text).not.toContain("Tàu khu trục Trung Quốc tham gia");
    expect(p.text).not.toContain("Tin cùng chuyên mục");
    expect(p.text).not.toContain("Nhật Bản theo dõi");
    expect(p.text).not.toContain("Cập nhật");
    expect(p.text.split("\n\n")).toHaveLength(3);
  });
});

describe("extractPage on an English page", () => {
  const p = extractPage(page("en-byline.html"), "https://herald.example/asia/ph-japan-raa", VN)!;

  it("keeps exactly the four article paragraphs", () => {
    expect(p.text.split("\n\n").map((s) => s.slice(0, 30))).toEqual([
      "MANILA — The Philippines and J",
      "The pact sets out rules for th",
      "Japan has been deepening secur",
      "Analysts said the agreement wo",
    ]);
  });

  it("reads an English byline date in the outlet's zone, the title, captions and language", () => {
    expect(p.published).toMatchObject({ iso: "2023-07-03T10:05:00+07:00", precision: "minute", source: "byline" });
    expect(p.title).toBe("Philippines and Japan sign reciprocal access agreement");
    expect(p.captions).toEqual(["Defense officials at the signing ceremony in Manila. Photo: Sample Herald"]);
    expect(p.language).toBe("en");
    expect(p.canonicalUrl).toBeNull();
  });
});

describe("extractPage edge cases", () => {
  it("returns null for a page with no article (a section list)", () => {
    expect(extractPage(page("no-article.html"), "https://baomau.vn/quoc-phong", VN)).toBeNull();
  });

  it("an unknown time zone is a clear error naming it", () => {
    expect(() => extractPage(page("vi-byline.html"), "https://baomau.vn/a.html", { timeZone: "Asia/Saigon_Typo" })).toThrow(
      "ingest: unknown time zone: Asia/Saigon_Typo",
    );
  });

  it("returns null for empty input instead of throwing", () => {
    expect(extractPage("", "https://baomau.vn/", VN)).toBeNull();
  });

  it("NFD input gives NFC output", () => {
    const nfd = page("vi-byline.html").normalize("NFD");
    const p = extractPage(nfd, "https://baomau.vn/a.html", VN)!;
    for (const s of [p.text, p.title, p.siteName ?? "", ...p.captions]) expect(s).toBe(s.normalize("NFC"));
    expect(p.text).toContain("Hải quân Việt Nam");
    expect(p.published?.iso).toBe("2025-06-07T20:41:00+07:00");
  });
});

describe("stripTitleSuffix", () => {
  it.each([
    ["site name after a dash", "Tàu Nga cập cảng Cam Ranh - VnExpress", "VnExpress", "https://vnexpress.net/a", "Tàu Nga cập cảng Cam Ranh"],
    ["host label without og:site_name", "Tàu Nga cập cảng Cam Ranh - VnExpress", null, "https://vnexpress.net/a", "Tàu Nga cập cảng Cam Ranh"],
    ["pipe and short label", "Japan signs defence pact | World News", null, "https://x.example/a", "Japan signs defence pact"],
    ["section then site", "Japan signs defence pact | Asia | The Herald", "The Herald", "https://x.example/a", "Japan signs defence pact"],
    ["a dash inside the headline stays", "Nga - Trung Quốc tập trận chung trên biển", null, "https://x.example/a", "Nga - Trung Quốc tập trận chung trên biển"],
  ])("%s", (_n, title, site, url, expected) => {
    expect(stripTitleSuffix(title, site, url)).toBe(expected);
  });
});

describe("cleanPlainText (seeds format)", () => {
  const plain = [
    "Thứ bảy 07/06/2025 20:41",
    "",
    "Nga và Trung Quốc tăng cường hợp tác quốc phòng",
    "",
    "Theo dõi Báo Mẫu trên",
    "Bộ trưởng Quốc phòng hai nước đã hội đàm tại Bắc Kinh, nhất trí tăng cường hợp tác trong lĩnh vực huấn luyện và tập trận chung.",
    "Nga và Trung Quốc tăng cường hợp tác quốc phòng",
    "Hai bộ trưởng tại buổi hội đàm (Ảnh: Reuters)",
    "",
    "Hai bên cũng thảo luận về kế hoạch tuần tra chung trên biển vào cuối năm nay, theo thông cáo của Bộ Quốc phòng Trung Quốc.",
    "Tuấn Khang",
    "",
    "Có thể bạn quan tâm",
    "Giá vàng hôm nay tăng mạnh",
    "",
    "Giá vàng hôm nay tăng mạnh",
    "Giá vàng trong nước sáng nay tăng thêm 500.000 đồng mỗi lượng so với phiên hôm qua, theo các doanh nghiệp kinh doanh vàng.",
  ].join("\n");

  it("applies the junk filter and caption detection, keeps the byline, reads the stamp", () => {
    const out = cleanPlainText(plain, VN);
    expect(out.text.split("\n\n")).toEqual([
      "Nga và Trung Quốc tăng cường hợp tác quốc phòng",
      "Bộ trưởng Quốc phòng hai nước đã hội đàm tại Bắc Kinh, nhất trí tăng cường hợp tác trong lĩnh vực huấn luyện và tập trận chung.",
      "Hai bên cũng thảo luận về kế hoạch tuần tra chung trên biển vào cuối năm nay, theo thông cáo của Bộ Quốc phòng Trung Quốc.",
      "Tuấn Khang",
    ]);
    expect(out.captions).toEqual(["Hai bộ trưởng tại buổi hội đàm (Ảnh: Reuters)"]);
    expect(out.published).toMatchObject({ iso: "2025-06-07T20:41:00+07:00", source: "byline" });
  });
});

describe("extractPage on fragments", () => {
  it("extracts from HTML without <html>/<body> wrappers", () => {
    const paras = [
      "Hai bên thảo luận về kế hoạch tuần tra chung trên biển vào cuối năm nay, theo thông cáo của Bộ Quốc phòng Trung Quốc.",
      "Các tàu khu trục của hai nước sẽ tham gia, cùng máy bay tuần thám và trực thăng chống ngầm, trong khoảng hai tuần.",
      "Giới quan sát cho rằng các cuộc tuần tra chung cho thấy mức độ tin cậy ngày càng cao giữa quân đội hai nước.",
    ];
    const html = `<h1>Tuần tra chung</h1>${paras.map((p) => `<p>${p}</p>`).join("")}`;
    expect(extractPage(html, "https://baomau.vn/b.html", VN)?.text).toBe(paras.join("\n\n"));
  });
});

describe("extractPage drops link runs kept inside the article container", () => {
  it("a menu of three or more link-only lines goes, a link inside a sentence stays", () => {
    const paras = [
      "Hải quân hai nước bắt đầu cuộc tuần tra chung lần thứ ba trên vùng biển phía tây Thái Bình Dương trong tuần này.",
      "Nhóm tàu gồm hai tàu khu trục, một tàu hộ vệ và một tàu tiếp tế, theo <a href=\"/tb\">thông cáo của Bộ Quốc phòng</a> Trung Quốc.",
      "Giới quan sát cho rằng các cuộc tuần tra chung cho thấy mức độ tin cậy ngày càng cao giữa quân đội hai nước.",
    ];
    const menu = ["Thời sự", "Thế giới", "Kinh tế", "Quân sự"].map((m) => `<p><a href="/${m}">${m}</a></p>`).join("");
    const html = `<html><body><div>${menu}${paras.map((p) => `<p>${p}</p>`).join("")}</div></body></html>`;
    const p = extractPage(html, "https://baomau.vn/c.html", VN)!;
    expect(p.text).not.toContain("Kinh tế");
    expect(p.text).toContain("theo thông cáo của Bộ Quốc phòng Trung Quốc.");
    expect(p.removed.filter((r) => r.rule === "link-list").map((r) => r.text)).toEqual(["Thời sự", "Thế giới", "Kinh tế", "Quân sự"]);
  });
});

describe("extractPage captions by class", () => {
  const paras = [
    "Hải quân hai nước bắt đầu cuộc tuần tra chung lần thứ ba trên vùng biển phía tây Thái Bình Dương trong tuần này.",
    "Nhóm tàu gồm hai tàu khu trục, một tàu hộ vệ và một tàu tiếp tế, dự kiến hoạt động trong khoảng hai tuần.",
    "Giới quan sát cho rằng các cuộc tuần tra chung cho thấy mức độ tin cậy ngày càng cao giữa quân đội hai nước.",
  ];
  const lead = "Trung Quốc và Nga mở rộng hợp tác hải quân với cuộc tuần tra chung kéo dài hai tuần trên Thái Bình Dương.";

  it("a lead classed 'description' stays in the body; a 'desc' under a picture is a caption", () => {
    const html = `<html><body><article>
      <p class="description">${lead}</p>
      <p>${paras[0]}</p>
      <table class="picture"><tr><td><img src="/a.jpg"></td></tr><tr><td><p class="desc">Tàu khu trục tham gia tuần tra</p></td></tr></table>
      <p>${paras[1]}</p><p>${paras[2]}</p>
    </article></body></html>`;
    const p = extractPage(html, "https://baomau.vn/d.html", VN)!;
    expect(p.text.split("\n\n")).toEqual([lead, ...paras]);
    expect(p.captions).toEqual(["Tàu khu trục tham gia tuần tra"]);
  });
});

describe("extractPage fallbacks", () => {
  it("when the DOM clean-up takes the article (a misleading class), Readability alone on a fresh parse gets it back", () => {
    const paras = [
      "Bộ trưởng Quốc phòng hai nước đã hội đàm tại Hà Nội, nhất trí tăng cường hợp tác trong lĩnh vực huấn luyện.",
      "Hai bên cũng thảo luận về việc tổ chức diễn tập chung trên biển vào cuối năm nay, theo thông cáo của Bộ Quốc phòng.",
    ];
    const footer = "Cơ quan chủ quản: Công ty Truyền thông Mẫu. Địa chỉ: 1 Phố Mẫu, Hà Nội. Điện thoại liên hệ quảng cáo. ".repeat(8);
    const html = `<html><body><div class="entry comments-open">${paras.map((p) => `<p>${p}</p>`).join("")}</div><footer>${footer}</footer></body></html>`;
    const p = extractPage(html, "https://baomau.vn/e.html", VN)!;
    expect(p.text.split("\n\n").slice(0, 2)).toEqual(paras);
  });
});

describe("cleanPlainText seed header", () => {
  const para = "Bộ trưởng Quốc phòng hai nước đã hội đàm trực tuyến, nhất trí tăng cường hợp tác trong lĩnh vực huấn luyện.";
  it.each([
    ["month only", "date 2023-08 (VTC News) -", { iso: "2023-08", precision: "month" }],
    ["day and title", "date 2026-01-28 Bộ trưởng Quốc phòng hội đàm trực tuyến", { iso: "2026-01-28", precision: "day" }],
  ])("%s: header left out of the text, its date kept as text_header", (_n, header, date) => {
    const out = cleanPlainText(`${header}\n\n${para}`, VN);
    expect(out.text).toBe(para);
    expect(out.removed).toEqual([{ text: header, rule: "seed-header" }]);
    expect(out.published).toEqual({ ...date, source: "text_header", raw: header });
  });
});
