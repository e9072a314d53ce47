import { describe, expect, it } from "vitest";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fileUrlOf, guessLanguage, listLocalFiles, parseTextFile, readLocalArticle } from "../../src/ingest/local-files.ts";

const FILES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/site/files");
const tz = { timeZone: "Asia/Ho_Chi_Minh" };

describe("parseTextFile (seeds format)", () => {
  it.each([
    {
      name: "month header with outlet and no title",
      raw: " date 2023-08 (VTC News) -\n\nHai bên đã thảo luận về tập trận chung. Đây là câu thứ hai.\n",
      want: { outlet: "VTC News", published: { iso: "2023-08", precision: "month", source: "text_header" }, title: "Hai bên đã thảo luận về tập trận chung." },
    },
    {
      name: "day header with a title",
      raw: " date 2026-01-28 Bộ trưởng hội đàm trực tuyến\n\nBộ trưởng Quốc phòng hai nước đã hội đàm trực tuyến.\n",
      want: { outlet: null, published: { iso: "2026-01-28", precision: "day", source: "text_header" }, title: "Bộ trưởng hội đàm trực tuyến" },
    },
    {
      name: "header with outlet and title",
      raw: "date 2024-05-02 (VOV) - Tàu hải quân thăm cảng\n\nTàu hải quân đã cập cảng sáng nay.",
      want: { outlet: "VOV", published: { iso: "2024-05-02", precision: "day" }, title: "Tàu hải quân thăm cảng" },
    },
    {
      name: "no date line: the first line is the title, the date stays unknown",
      raw: "Trung Quốc muốn mở rộng hợp tác quân sự với Nga\n\nVOV.VN - Hôm qua (3/7), hai bên đã gặp nhau tại Bắc Kinh.",
      want: { outlet: "VOV.VN", published: null, title: "Trung Quốc muốn mở rộng hợp tác quân sự với Nga" },
    },
    {
      name: "a page stamp on the first line is local time of the outlet",
      raw: "Thứ bảy 07/06/2025 20:41\n\nNga và Trung Quốc tăng cường hợp tác\n\nNgày 14/10, hai bộ trưởng hội đàm.",
      want: { published: { iso: "2025-06-07T20:41:00+07:00", precision: "minute", source: "text_header" }, title: "Nga và Trung Quốc tăng cường hợp tác" },
    },
    {
      name: "a title that merely contains a date is not a stamp",
      raw: "Ngày 3/7: hải quân hai nước diễn tập\n\nHải quân hai nước diễn tập chung.",
      want: { published: null, title: "Ngày 3/7: hải quân hai nước diễn tập" },
    },
  ])("$name", ({ raw, want }) => {
    expect(parseTextFile(raw, tz)).toMatchObject(want);
  });

  it("stores NFC even when the file is NFD", () => {
    const a = parseTextFile(" date 2024-01 (X) -\n\n" + "Bộ trưởng Quốc phòng Việt Nam tiếp đoàn đại biểu quân sự.".normalize("NFD"), tz)!;
    expect(a.text).toBe("Bộ trưởng Quốc phòng Việt Nam tiếp đoàn đại biểu quân sự.");
  });

  it("returns null for an empty file", () => {
    expect(parseTextFile("\n\n", tz)).toBeNull();
  });
});

describe("local folders", () => {
  it("lists .txt and .html recursively, sorted, nothing else", async () => {
    const files = await listLocalFiles(FILES);
    expect(files.map((f) => f.slice(FILES.length + 1))).toEqual([
      "en-no-date.txt",
      "nested/en-page.html",
      "vi-day-title.txt",
      "vi-month-outlet.txt",
      "vi-stamp.txt",
    ]);
  });

  it("fails with a clear message for a missing path", async () => {
    await expect(listLocalFiles(join(FILES, "nope"))).rejects.toThrow(/^local-files: cannot read .*nope: ENOENT/);
  });

  it("drops the related-news block of a .txt and extracts an .html page", async () => {
    const txt = await readLocalArticle(join(FILES, "vi-month-outlet.txt"), tz);
    expect(txt.url).toBe(fileUrlOf(join(FILES, "vi-month-outlet.txt")));
    expect(txt.article?.text).not.toMatch(/Tin liên quan|Belarus nhận lô vũ khí mới/);
    const html = await readLocalArticle(join(FILES, "nested/en-page.html"), tz);
    expect(html.article).toMatchObject({
      title: "Japan and the Philippines sign a reciprocal access agreement",
      outlet: "Harbor Times",
      canonicalUrl: "https://harbor-times.example/world/japan-philippines-raa",
      language: "en",
    });
    expect(html.article?.text).not.toMatch(/Related|upgrade command ties|Home/);
  });
});

describe("guessLanguage", () => {
  it.each([
    { name: "Vietnamese", text: "Bộ trưởng Quốc phòng hai nước đã hội đàm trực tuyến về hợp tác.", want: "vi" },
    { name: "English", text: "The defence ministers of both countries held talks online on Tuesday.", want: "en" },
    { name: "too short", text: "Hà Nội", want: null },
    { name: "Cyrillic", text: "Министры обороны двух стран провели переговоры во вторник.", want: null },
  ])("$name", ({ text, want }) => expect(guessLanguage(text)).toBe(want));
});
