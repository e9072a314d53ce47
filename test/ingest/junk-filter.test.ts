import { describe, expect, it } from "vitest";
import { filterJunkLines, isCaptionLine, isDoubledLine } from "../../src/ingest/junk-filter.ts";

// Article paragraphs that must survive every case below.
const BODY_1 =
  "Bộ trưởng Quốc phòng hai nước đã hội đàm tại Hà Nội, nhất trí tăng cường hợp tác trong lĩnh vực huấn luyện và đào tạo sĩ quan.";
const BODY_2 =
  "Hai bên cũng thảo luận về việc tổ chức diễn tập chung trên biển vào cuối năm nay, theo thông cáo của Bộ Quốc phòng.";
const EN_BODY_1 =
  "The two defence ministers met in Hanoi on Monday and agreed to expand officer training and joint search-and-rescue drills.";
const EN_BODY_2 =
  "Officials said a joint naval exercise is planned for later this year, the ministry said in a statement on its website.";

// A teaser list as news sites print it: title, title again, a one-sentence snippet.
const TEASERS_VI = [
  "Nga và Trung Quốc tuần tra chung trên Thái Bình Dương",
  "Nga và Trung Quốc tuần tra chung trên Thái Bình Dương",
  "VOV.VN - Hải quân hai nước bắt đầu cuộc tuần tra chung lần thứ ba trên vùng biển phía tây Thái Bình Dương trong tuần này.",
  "Nhật Bản theo dõi sát nhóm tàu hải quân Nga - Trung",
  "Nhật Bản theo dõi sát nhóm tàu hải quân Nga - Trung",
];
const TEASERS_EN = ["US and Philippines begin largest joint drills", "Japan approves record defense budget"];

describe("filterJunkLines: related and recommendation blocks (heading and its teasers go)", () => {
  it.each([
    ["Tin liên quan", TEASERS_VI],
    ["Có thể bạn quan tâm", TEASERS_VI],
    ["Tin mới hơn", TEASERS_VI],
    ["Tin đã đăng", TEASERS_VI],
    ["Xem thêm»", TEASERS_VI],
    ["Đọc thêm", TEASERS_VI],
    ["Tin cùng chuyên mục", TEASERS_VI],
    ["TIN LIÊN QUAN", TEASERS_VI],
    ["tin lien quan", TEASERS_VI],
    ["Related", TEASERS_EN],
    ["Related articles", TEASERS_EN],
    ["Read more", TEASERS_EN],
    ["More from The Sample Herald", TEASERS_EN],
    ["Recommended", TEASERS_EN],
    ["DON'T MISS", TEASERS_EN],
  ])("trailing %s block is removed, body intact", (marker, teasers) => {
    const body = teasers === TEASERS_VI ? [BODY_1, BODY_2] : [EN_BODY_1, EN_BODY_2];
    const { kept, removed } = filterJunkLines([...body, marker, ...teasers]);
    expect(kept).toEqual(body);
    expect(removed.map((r) => r.rule)).toEqual(Array(1 + teasers.length).fill("related-block"));
  });

  it.each([
    ["Tin liên quan", [BODY_1, "Tin liên quan", ...TEASERS_VI.slice(3), BODY_2, EN_BODY_1], [BODY_1, BODY_2, EN_BODY_1]],
    ["Related articles", [EN_BODY_1, "Related articles", ...TEASERS_EN, EN_BODY_2, BODY_1], [EN_BODY_1, EN_BODY_2, BODY_1]],
  ])("a %s box in the middle ends where article text resumes", (_m, lines, expected) => {
    expect(filterJunkLines(lines).kept).toEqual(expected);
  });

  it("several markers in a row (Có thể bạn quan tâm / Tin mới hơn / Tin đã đăng / Xem thêm) and teasers to the end", () => {
    const lines = [BODY_1, BODY_2, "Có thể bạn quan tâm", "Tin mới hơn", "Tin đã đăng", "Xem thêm»", ...TEASERS_VI, "Phiên bản di động"];
    expect(filterJunkLines(lines).kept).toEqual([BODY_1, BODY_2]);
  });

  it("a body sentence that merely mentions a marker word is kept", () => {
    const line = "Các tin liên quan đến cuộc tập trận được Bộ Quốc phòng công bố trong buổi họp báo chiều nay tại Hà Nội.";
    expect(filterJunkLines([BODY_1, line]).kept).toEqual([BODY_1, line]);
  });
});

describe("filterJunkLines: single junk lines", () => {
  it.each([
    ["Mời quý độc giả theo dõi … trên", "Mời quý độc giả theo dõi VOV.VN trên", "follow-line"],
    ["Mời quý độc giả theo dõi … trên Zalo", "Mời quý độc giả theo dõi Báo Mẫu trên Zalo", "follow-line"],
    ["Theo dõi … trên", "Theo dõi Pháp luật & Xã hội trên", "follow-line"],
    ["Theo dõi … trên Google News", "Theo dõi Báo Mẫu trên Google News", "follow-line"],
    ["Follow us on", "Follow us on Google News", "follow-line"],
    ["Mở Zalo, bấm quét QR", "Mở Zalo, bấm quét QR để quét và xem trên điện thoại", "share-qr"],
    ["Mời bạn quét mã QR", "Mời bạn quét mã QR để theo dõi Báo Mẫu trên nền tảng Zalo", "share-qr"],
    ["Share on Facebook", "Share on Facebook", "share-line"],
    ["Chia sẻ", "Chia sẻ", "share-line"],
    ["Chia sẻ bài viết", "Chia sẻ bài viết:", "share-line"],
    ["Xem thêm: headline", "Xem thêm: Việt Nam và Ấn Độ ký bản ghi nhớ về hậu cần", "read-more-inline"],
    ["Đọc thêm: headline", ">> Đọc thêm: Hải quân hai nước diễn tập chung", "read-more-inline"],
    ["Read more: headline", "Read more: Japan expands defense ties across Asia", "read-more-inline"],
    ["date stamp", "Thứ bảy 07/06/2025 20:41", "date-stamp"],
    ["labelled English stamp", "Published Nov 18, 2019 at 4:07 PM | Updated at 5:36 PM", "date-stamp"],
    ["share bar of network names", "Whatsapp Facebook Pinterest Email", "share-line"],
    ["SEE MORE: headline", "SEE MORE: Hong Kong protests enter a sixth month", "read-more-inline"],
  ])("%s", (_name, line, rule) => {
    const { kept, removed } = filterJunkLines([BODY_1, line, BODY_2]);
    expect(kept).toEqual([BODY_1, BODY_2]);
    expect(removed).toEqual([{ text: line, rule }]);
  });

  it.each([["Theo dõi sát diễn biến trên biển."], ["Theo dõi tình hình trên thực địa"]])("a short body line %s is not a follow line", (line) => {
    expect(filterJunkLines([line]).kept).toEqual([line]);
  });

  it("a body sentence about following something on a platform is kept", () => {
    const line =
      "Người dân có thể theo dõi diễn biến cuộc diễn tập trên kênh truyền hình quốc phòng, nơi phát trực tiếp các nội dung chính.";
    expect(filterJunkLines([line]).kept).toEqual([line]);
  });
});

describe("filterJunkLines: repeated headlines", () => {
  const headline = "Nga và Trung Quốc tăng cường hợp tác quốc phòng";

  it.each([
    ["a line equal to the previous one", [BODY_1, headline, headline, BODY_2], [BODY_1, headline, BODY_2], "repeated-line"],
    ["the same headline doubled on one line", [BODY_1, `${headline} ${headline}`, BODY_2], [BODY_1, BODY_2], "doubled-headline"],
    ["a headline seen earlier in the text", [headline, BODY_1, headline, BODY_2], [headline, BODY_1, BODY_2], "repeated-headline"],
  ])("%s", (_name, lines, kept, rule) => {
    const out = filterJunkLines(lines);
    expect(out.kept).toEqual(kept);
    expect(out.removed.map((r) => r.rule)).toEqual([rule]);
  });

  it("the page title repeated in the body is removed", () => {
    const out = filterJunkLines([BODY_1, headline.toUpperCase(), BODY_2], { title: headline });
    expect(out.kept).toEqual([BODY_1, BODY_2]);
    expect(out.removed).toEqual([{ text: headline.toUpperCase(), rule: "repeated-title" }]);
  });

  it("short equal lines (table cells, counters) are not headline repeats", () => {
    expect(filterJunkLines(["1", "1", "Kyle Busch", "5040"]).kept).toEqual(["1", "1", "Kyle Busch", "5040"]);
  });

  it.each([
    ["doubled", `${headline} ${headline}`, true],
    ["single", headline, false],
    ["short", "Tin mới Tin mới", false],
  ])("isDoubledLine %s", (_n, line, expected) => {
    expect(isDoubledLine(line)).toBe(expected);
  });
});

describe("isCaptionLine", () => {
  it.each([
    ["(Ảnh: X) at the end", "Bộ trưởng Quốc phòng hai nước tại buổi hội đàm (Ảnh: Reuters)", true],
    ["Ảnh: X. at the end", "Bộ trưởng Quốc phòng hai nước tại buổi hội đàm. Ảnh: France 24.", true],
    ["Ảnh minh họa", "Tàu hải quân tại cảng Cam Ranh (Ảnh minh họa)", true],
    ["Photo: X", "Defense officials at the signing ceremony. Photo: Reuters", true],
    ["(Photo: AP)", "Defense officials at the signing ceremony (Photo: AP)", true],
    ["NFD input", "Bộ trưởng tại buổi hội đàm (Ảnh: TTXVN)".normalize("NFD"), true],
    ["body sentence", BODY_1, false],
    ["source line", "Nguồn: Xinhua, CGTN.", false],
  ])("%s", (_n, line, expected) => {
    expect(isCaptionLine(line)).toBe(expected);
  });
});
