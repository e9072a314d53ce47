import { describe, expect, it } from "vitest";
import { inferPublicationDate } from "../../src/analyze/publication-date.ts";

const CASES: [name: string, lang: "vi" | "en", text: string, iso: string | null, precision?: string][] = [
  ["today (d/m) after a month/year", "vi", "Hai nước nâng cấp quan hệ vào tháng 9/2022. Tổng thống hôm nay (2/3) kết thúc chuyến thăm.", "2023-03-02", "day"],
  ["yesterday (d/m) is one day earlier than publication", "vi", "Ông nhậm chức vào tháng 3/2023. Hôm qua (3/7), ông tiếp Tư lệnh Hải quân.", "2023-07-04", "day"],
  ["today (Month d) in English", "en", "The partnership was upgraded in September 2022. Lukashenko today (March 2) ended his visit.", "2023-03-02", "day"],
  ["yearless day after a month floor", "vi", "Quan hệ được nâng cấp vào tháng 9/2022. Tại cuộc hội đàm ngày 1/3, hai bên ký văn kiện.", "2023-03-01", "day"],
  ["a full date is taken as the date", "vi", "Thứ bảy 07/06/2025 20:41. Ngày 14/10, Bộ trưởng đến Bắc Kinh.", "2025-06-07", "day"],
  ["plans do not raise the floor", "vi", "Hội đàm ngày 5/3/2024. Hai bên sẽ gặp lại vào tháng 9/2030.", "2024-03-05", "day"],
  ["a background month alone is not enough", "vi", "Ông từng thăm nước này vào tháng 4/2018.", null],
  ["years alone are background", "vi", "Năm 2005, quan hệ hai nước bước vào giai đoạn mới. Năm 2013, hai bên thiết lập quan hệ.", null],
  ["nothing dated", "en", "The two sides agreed to deepen cooperation.", null],
  ["today (d/m) with no year anywhere", "vi", "Tổng thống hôm nay (2/3) kết thúc chuyến thăm.", null],
];

describe("inferPublicationDate", () => {
  it.each(CASES)("%s", (_n, lang, text, iso, precision) => {
    const got = inferPublicationDate(text, lang);
    if (iso === null) expect(got).toBeNull();
    else {
      expect(got && [got.iso, got.precision]).toEqual([iso, precision]);
      expect(got!.evidence.length).toBeGreaterThan(0);
    }
  });
});
