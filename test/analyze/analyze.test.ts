/**
 * Golden, table-driven tests of the whole analyzer on short texts written for these tests
 * (pairs other than the seeds'), each type in both languages, and the negative files.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/analyze/index.ts";
import { formatAtPrecision } from "../../src/domain/types.ts";

const analyzer = createAnalyzer();

function run(text: string, publishedAt: string, title = "Tin quốc phòng") {
  const r = analyzer.analyze({ title, text, publishedAt, publishedPrecision: publishedAt.length === 10 ? "day" : "month" });
  return r.developments.map((d) => ({
    pair: d.pair.join("-"),
    type: d.type,
    date: formatAtPrecision(d.date.start, d.date.precision),
    end: formatAtPrecision(d.date.end, d.date.precision),
    status: d.status,
    summary: d.summary,
  }));
}

describe("each type in Vietnamese", () => {
  it.each([
    ["visit", "Bộ trưởng Quốc phòng Ấn Độ Rajnath Singh ngày 12/6 đã đến thăm Hà Nội và hội đàm với người đồng cấp Việt Nam Phan Văn Giang.", "IN-VN", "visit", "2024-06-12"],
    ["talks", "Ngày 10/6, Bộ trưởng Quốc phòng Nhật Bản và Bộ trưởng Quốc phòng Philippines đã điện đàm về an ninh khu vực.", "JP-PH", "talks", "2024-06-10"],
    ["exercise", "Hải quân Ấn Độ và Hải quân Mỹ đã tiến hành cuộc tập trận chung từ 8 đến 12/6 ở Ấn Độ Dương.", "IN-US", "exercise", "2024-06-08"],
    ["patrol", "Tháng 5 vừa qua, hải quân Thái Lan và Campuchia đã tổ chức tuần tra chung trên biển.", "KH-TH", "patrol", "2024-05"],
    ["agreement", "Ngày 5/6, Việt Nam và Lào đã ký bản ghi nhớ hợp tác quốc phòng.", "LA-VN", "agreement", "2024-06-05"],
    ["arms", "Nga đã bàn giao cho Ấn Độ hai hệ thống phòng không S-400 trong tháng 4.", "IN-RU", "arms", "2024-04"],
    ["training", "Tháng 3/2024, Việt Nam và Australia đã mở khóa đào tạo tiếng Anh cho sĩ quan quân đội hai nước.", "AU-VN", "training", "2024-03"],
    ["pledge", "Ngày 2/6, Nga khẳng định ủng hộ Việt Nam trở thành thành viên của nhóm BRICS.", "RU-VN", "pledge", "2024-06-02"],
  ])("%s", (_name, text, pair, type, date) => {
    const out = run(text, "2024-06-15");
    expect(out).toEqual([expect.objectContaining({ pair, type, date })]);
  });
});

describe("each type in English", () => {
  it.each([
    ["visit", "U.S. Defense Secretary Lloyd Austin visited Phnom Penh on June 4 and met Cambodian Defense Minister Tea Seiha.", "KH-US", "visit", "2024-06-04"],
    ["talks", "Chinese Defense Minister Dong Jun held a video call with his Russian counterpart Andrei Belousov on Tuesday.", "CN-RU", "talks", "2024-06-11"],
    ["exercise", "Australian and Indonesian troops held a joint exercise in East Java from June 3 to 7.", "AU-ID", "exercise", "2024-06-03"],
    ["patrol", "Chinese and Russian bombers conducted a joint air patrol over the Sea of Japan last month.", "CN-RU", "patrol", "2024-05"],
    ["agreement", "Japan and the Philippines signed a Reciprocal Access Agreement on defense cooperation in Manila on June 8.", "JP-PH", "agreement", "2024-06-08"],
    ["arms", "Russia delivered the final S-400 air defense system to India in March, officials said.", "IN-RU", "arms", "2024-03"],
    ["training", "The United States trained 200 Vietnamese pilots in Texas in April under a bilateral program.", "US-VN", "training", "2024-04"],
    ["pledge", "On June 2, Russia pledged support for Vietnam's bid to join BRICS.", "RU-VN", "pledge", "2024-06-02"],
  ])("%s", (_name, text, pair, type, date) => {
    const out = run(text, "2024-06-15", "Defense news");
    expect(out).toEqual([expect.objectContaining({ pair, type, date })]);
  });
});

describe("pairs, dates and status", () => {
  it("a multilateral exercise yields each pair", () => {
    const out = run("The navies of the United States, Japan and India held the Malabar exercise in the Bay of Bengal on June 10.", "2024-06-15", "Malabar");
    expect(out.map((d) => d.pair).sort()).toEqual(["IN-JP", "IN-US", "JP-US"]);
    expect(out.every((d) => d.type === "exercise" && d.date === "2024-06-10")).toBe(true);
  });

  it("a person alone places a side, and the counterpart is the other side", () => {
    const out = run("Ngày 14/10, ông Belousov đã có chuyến thăm tới Bắc Kinh và tiến hành hội đàm với người đồng cấp.", "2024-10-16");
    expect(out).toEqual([expect.objectContaining({ pair: "CN-RU", type: "visit", date: "2024-10-14" })]);
  });

  it("a visit and the talks during it are one development with a readable summary", () => {
    const out = run(
      "Ngày 14/10, Bộ trưởng Quốc phòng Nga Andrei Belousov đã có chuyến thăm tới Bắc Kinh. Trong cuộc hội đàm ngày 14/10, Bộ trưởng Quốc phòng Trung Quốc Đổng Quân nhấn mạnh quan hệ hai quân đội.",
      "2024-10-16",
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.summary).toMatch(/Belousov visited Beijing and held talks with Chinese Defen[cs]e Minister Dong Jun/);
  });

  it("an event announced for later is planned", () => {
    const out = run("Russia and India will hold a joint naval exercise in the Bay of Bengal next month, the Indian navy said.", "2024-06-15", "Indra");
    expect(out).toEqual([expect.objectContaining({ pair: "IN-RU", type: "exercise", status: "planned", date: "2024-07" })]);
  });

  it("a date in a 'sau khi' clause is not the event's date", () => {
    const out = run("Sau khi nhậm chức vào tháng 3/2023, Bộ trưởng Quốc phòng Trung Quốc đã có chuyến thăm đầu tiên tới Nga vào tháng 4.", "2023-07-04");
    expect(out).toEqual([expect.objectContaining({ pair: "CN-RU", type: "visit", date: "2023-04" })]);
  });

  it("an anniversary dates the original event", () => {
    const out = run("Năm nay đánh dấu 30 năm thiết lập quan hệ đối tác chiến lược giữa Trung Quốc và Nga.", "2026-01-28");
    expect(out).toEqual([expect.objectContaining({ pair: "CN-RU", type: "agreement", date: "1996" })]);
  });

  it("an undated article takes its year from a reported event's name when the text's other dates are older", () => {
    const r = analyzer.analyze({
      title: "Ba nước tập trận chung",
      text: "Hải quân Trung Quốc, Nga và Iran hôm 12/3 đã bắt đầu cuộc tập trận chung \"Vành đai An ninh Biển 2024\" ở vịnh Oman. Lần trước, cuộc tập trận diễn ra vào tháng 1/2022.",
    });
    expect(r.published).toMatchObject({ source: "inferred" });
    expect(r.published!.iso.startsWith("2024")).toBe(true);
    expect(r.developments.filter((d) => d.date.start === "2024-03-12").map((d) => d.pair.join("-")).sort()).toEqual(["CN-IR", "CN-RU", "IR-RU"]);
  });

  it("works on NFD input and without diacritics in country names", () => {
    const text = "Ngày 5/6, Việt Nam và Lào đã ký bản ghi nhớ hợp tác quốc phòng.".normalize("NFD");
    expect(run(text, "2024-06-15")).toEqual([expect.objectContaining({ pair: "LA-VN", type: "agreement" })]);
  });

  it("a caption alone does not make a development, but corroborates", () => {
    const r = analyzer.analyze({
      title: "Tin",
      text: "Quan hệ hai nước phát triển tốt.",
      captions: ["Bộ trưởng Quốc phòng Nga và Trung Quốc hội đàm ngày 15/10 (Ảnh: SCMP)"],
      publishedAt: "2024-10-16",
      publishedPrecision: "day",
    });
    expect(r.developments).toEqual([]);
  });
});

function items(file: string): string[] {
  return readFileSync(new URL(`../fixtures/analyze/${file}`, import.meta.url), "utf8")
    .split(/\n\s*\n/)
    .map((p) => p.split("\n").filter((l) => !l.startsWith("#")).join("\n").trim())
    .filter(Boolean);
}

describe("negative files yield nothing", () => {
  it.each(items("negative.vi.txt").map((t) => [t.slice(0, 60), t]))("vi: %s", (_n, text) => {
    expect(run(text, "2024-06-15")).toEqual([]);
  });
  it.each(items("negative.en.txt").map((t) => [t.slice(0, 60), t]))("en: %s", (_n, text) => {
    expect(run(text, "2024-06-15", "News")).toEqual([]);
  });
});
