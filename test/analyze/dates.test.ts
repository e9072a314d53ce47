import { describe, expect, it } from "vitest";
import { compareSpans, findDates, formatSpan, spanFromIso, spansOverlap, type DateContext } from "../../src/analyze/dates.ts";

type Row = [name: string, text: string, ref: string, mention: string, start: string, end: string, precision: string, certain: boolean];

/** The one mention a text yields, as a comparable tuple. */
function only(text: string, ctx: DateContext) {
  const ms = findDates(text, ctx);
  expect(ms, JSON.stringify(ms)).toHaveLength(1);
  const m = ms[0]!;
  expect(text.slice(m.start, m.end)).toBe(m.text);
  return [m.text, m.span.start, m.span.end, m.span.precision, m.span.certain];
}

// Reference dates: 2025-06-07 is a Saturday; 2023-07-04 a Tuesday.
const VI: Row[] = [
  ["yearless dd/mm looks back", "Ngày 14/10, Bộ trưởng đến Bắc Kinh.", "2025-06-07", "Ngày 14/10", "2024-10-14", "2024-10-14", "day", false],
  ["yearless dd/mm on or before ref", "ngày 5/6 hai bên hội đàm", "2025-06-07", "ngày 5/6", "2025-06-05", "2025-06-05", "day", false],
  ["dd/mm/yyyy", "hội đàm 14/10/2024 tại Minsk", "2025-06-07", "14/10/2024", "2024-10-14", "2024-10-14", "day", true],
  ["dd-mm-yyyy", "ngày 14-10-2024 hai bên ký", "2025-06-07", "ngày 14-10-2024", "2024-10-14", "2024-10-14", "day", true],
  ["day month year in words", "ngày 14 tháng 10 năm 2024", "2025-06-07", "ngày 14 tháng 10 năm 2024", "2024-10-14", "2024-10-14", "day", true],
  ["hôm qua (d/m) agrees", "Hôm qua (3/7), trong cuộc gặp", "2023-07-04", "Hôm qua (3/7)", "2023-07-03", "2023-07-03", "day", true],
  ["hôm nay (d/m)", "ông hôm nay (2/3) kết thúc chuyến thăm", "2023-03-02", "hôm nay (2/3)", "2023-03-02", "2023-03-02", "day", true],
  ["hôm qua", "hôm qua hai bên hội đàm", "2023-07-04", "hôm qua", "2023-07-03", "2023-07-03", "day", true],
  ["hôm nay", "Ngoại trưởng hôm nay gặp", "2023-07-04", "hôm nay", "2023-07-04", "2023-07-04", "day", true],
  ["ngày mai", "ngày mai đoàn lên đường", "2023-07-04", "ngày mai", "2023-07-05", "2023-07-05", "day", true],
  ["tối qua", "tối qua hai bên ký", "2025-06-07", "tối qua", "2025-06-06", "2025-06-06", "day", true],
  ["bare month looks back", "đến Nga vào tháng 4.", "2023-07-04", "tháng 4", "2023-04-01", "2023-04-30", "month", false],
  ["bare month after ref month goes to last year", "vào tháng 9 hai bên tập trận", "2025-06-07", "tháng 9", "2024-09-01", "2024-09-30", "month", false],
  ["month/year", "vào tháng 4/2018.", "2025-06-07", "tháng 4/2018", "2018-04-01", "2018-04-30", "month", true],
  ["Tháng 9/2024", "Tháng 9/2024, hai nước tập trận", "2025-06-07", "Tháng 9/2024", "2024-09-01", "2024-09-30", "month", true],
  ["month in words with year", "tháng Tư năm 2024", "2025-06-07", "tháng Tư năm 2024", "2024-04-01", "2024-04-30", "month", true],
  ["năm yyyy", "Năm 2005, quan hệ hai nước", "2025-06-07", "Năm 2005", "2005-01-01", "2005-12-31", "year", true],
  ["năm ngoái", "Năm ngoái, quan hệ hai nước", "2025-06-07", "Năm ngoái", "2024-01-01", "2024-12-31", "year", true],
  ["năm nay", "năm nay đánh dấu", "2025-06-07", "năm nay", "2025-01-01", "2025-12-31", "year", true],
  ["năm tới", "gia nhập SCO vào năm tới.", "2025-06-07", "năm tới", "2026-01-01", "2026-12-31", "year", true],
  ["năm sau", "diễn ra năm sau", "2025-06-07", "năm sau", "2026-01-01", "2026-12-31", "year", true],
  ["tuần trước = previous Mon–Sun", "tuần trước hai bên gặp", "2025-06-07", "tuần trước", "2025-05-26", "2025-06-01", "day", false],
  ["tuần qua = the 7 days before", "trong tuần qua", "2025-06-07", "tuần qua", "2025-05-31", "2025-06-06", "day", false],
  ["tuần tới", "Trong tuần tới, ông sẽ thăm", "2025-06-07", "tuần tới", "2025-06-09", "2025-06-15", "day", false],
  ["tháng trước", "tháng trước hai bên ký", "2025-06-07", "tháng trước", "2025-05-01", "2025-05-31", "month", true],
  ["tháng này", "trong tháng này", "2025-06-07", "tháng này", "2025-06-01", "2025-06-30", "month", true],
  ["đầu tháng trước", "đầu tháng trước hai bên ký", "2025-06-07", "đầu tháng trước", "2025-05-01", "2025-05-10", "month", true],
  ["cuối tháng 6", "cuối tháng 6 hai bên ký", "2025-06-07", "cuối tháng 6", "2025-06-21", "2025-06-30", "month", false],
  ["giữa tháng 5", "giữa tháng 5 hai bên ký", "2025-06-07", "giữa tháng 5", "2025-05-11", "2025-05-20", "month", false],
  ["sáng d/m", "sáng 17/1 hai bên ký", "2025-06-07", "sáng 17/1", "2025-01-17", "2025-01-17", "day", false],
  ["chiều d/m", "chiều 17/1 hai bên ký", "2025-06-07", "chiều 17/1", "2025-01-17", "2025-01-17", "day", false],
  ["rạng sáng d/m", "rạng sáng 5/6 đã xảy ra", "2025-06-07", "rạng sáng 5/6", "2025-06-05", "2025-06-05", "day", false],
  ["thứ Hai looks back", "Ông đến Minsk hôm thứ Hai.", "2025-06-07", "hôm thứ Hai", "2025-06-02", "2025-06-02", "day", false],
  ["thứ 3 with frame", "vào thứ 3 hai bên ký", "2025-06-07", "vào thứ 3", "2025-06-03", "2025-06-03", "day", false],
  ["Chủ nhật", "Chủ nhật, hai bên ký", "2025-06-07", "Chủ nhật", "2025-06-01", "2025-06-01", "day", false],
  ["thứ Hai tới", "thứ Hai tới ông sẽ thăm", "2025-06-07", "thứ Hai tới", "2025-06-09", "2025-06-09", "day", true],
  ["Tháng 6 vừa qua", "Tháng 6 vừa qua, Nga xác nhận", "2023-07-04", "Tháng 6 vừa qua", "2023-06-01", "2023-06-30", "month", false],
  ["từ d đến d/m", "tập trận từ 8 đến 19/7 trên biển", "2025-07-20", "từ 8 đến 19/7", "2025-07-08", "2025-07-19", "day", false],
  ["từ ngày d-d/m", "tập trận từ ngày 8-19/7 trên biển", "2025-07-20", "từ ngày 8-19/7", "2025-07-08", "2025-07-19", "day", false],
  ["từ ngày d đến d-m (a dash before the month)", "hội đàm tại Brasília từ ngày 9 đến 12-11 theo kế hoạch", "2025-11-20", "từ ngày 9 đến 12-11", "2025-11-09", "2025-11-12", "day", false],
  ["từ d/m đến d/m across months", "từ 28/2 đến 2/3 hai bên", "2025-06-07", "từ 28/2 đến 2/3", "2025-02-28", "2025-03-02", "day", false],
  ["d/m-d/m after a duration", "trong 3 ngày 28/2-2/3", "2025-06-07", "ngày 28/2-2/3", "2025-02-28", "2025-03-02", "day", false],
  ["cuối năm nay", "diễn ra vào cuối năm nay.", "2023-07-04", "cuối năm nay", "2023-09-01", "2023-12-31", "year", true],
  ["đầu năm 2024", "đầu năm 2024 hai bên", "2025-06-07", "đầu năm 2024", "2024-01-01", "2024-04-30", "year", true],
  ["quý 3/2024", "trong quý 3/2024", "2025-06-07", "quý 3/2024", "2024-07-01", "2024-09-30", "month", true],
  ["quý III năm 2024", "trong quý III năm 2024", "2025-06-07", "quý III năm 2024", "2024-07-01", "2024-09-30", "month", true],
  ["dateline with weekday", "Thứ bảy 07/06/2025 20:41", "2025-06-07", "Thứ bảy 07/06/2025", "2025-06-07", "2025-06-07", "day", true],
  ["from month to month/year", "từ tháng 3 đến tháng 5/2024", "2025-06-07", "từ tháng 3 đến tháng 5/2024", "2024-03-01", "2024-05-31", "month", true],
  ["year range", "giai đoạn 2021-2025", "2025-06-07", "giai đoạn 2021-2025", "2021-01-01", "2025-12-31", "year", true],
  ["exercise name year (certain=false)", "tập trận “Phương Bắc/Liên hợp 2023” diễn ra", "2025-06-07", "2023", "2023-01-01", "2023-12-31", "year", false],
  ["future cue resolves forward", "Hai bên sẽ tập trận từ 8 đến 19/7.", "2025-06-07", "từ 8 đến 19/7", "2025-07-08", "2025-07-19", "day", false],
  ["hôm qua (d/m) disagreeing with ref: the date wins", "Hôm qua (3/7), trong cuộc gặp", "2023-07-10", "Hôm qua (3/7)", "2023-07-03", "2023-07-03", "day", false],
  ["d/m vừa qua", "ngày 14/10 vừa qua hai bên", "2025-06-07", "ngày 14/10 vừa qua", "2024-10-14", "2024-10-14", "day", false],
  ["d/m năm ngoái", "ngày 14/10 năm ngoái hai bên", "2025-06-07", "ngày 14/10 năm ngoái", "2024-10-14", "2024-10-14", "day", true],
  ["month span with year", "trong tháng 10-11/2024", "2025-06-07", "tháng 10-11/2024", "2024-10-01", "2024-11-30", "month", true],
  ["weekday with date: the date wins", "hôm thứ Hai (14/10)", "2025-06-07", "thứ Hai (14/10)", "2024-10-14", "2024-10-14", "day", false],
  ["tháng Giêng", "vào tháng Giêng", "2025-06-07", "tháng Giêng", "2025-01-01", "2025-01-31", "month", false],
  ["quý I/yyyy", "trong quý I/2025", "2025-06-07", "quý I/2025", "2025-01-01", "2025-03-31", "month", true],
  ["sentence-initial d/m with comma", "Hai bên gặp nhau. 8/3, hai bên ký.", "2025-06-07", "8/3", "2025-03-08", "2025-03-08", "day", false],
  ["a future cue in another clause does not count", "Hai bên sẽ tăng cường hợp tác, sau cuộc hội đàm ngày 14/10.", "2025-06-07", "ngày 14/10", "2024-10-14", "2024-10-14", "day", false],
  ["years ago", "30 năm trước, hai nước thiết lập quan hệ", "2025-06-07", "30 năm trước", "1995-01-01", "1995-12-31", "year", true],
  ["days ago", "cách đây 3 ngày", "2025-06-07", "cách đây 3 ngày", "2025-06-04", "2025-06-04", "day", true],
  ["ISO date", "cập nhật 2024-10-14 lúc 8h", "2025-06-07", "2024-10-14", "2024-10-14", "2024-10-14", "day", true],
  ["NFD input", "Ngày 14/10, hai bên hội đàm tại Bắc Kinh".normalize("NFD"), "2025-06-07", "Ngày 14/10".normalize("NFD"), "2024-10-14", "2024-10-14", "day", false],
];

const EN: Row[] = [
  ["month day looks back", "He visited Beijing on October 14.", "2025-06-07", "October 14", "2024-10-14", "2024-10-14", "day", false],
  ["day month year", "on 14 October 2024 the two", "2025-06-07", "on 14 October 2024", "2024-10-14", "2024-10-14", "day", true],
  ["abbreviated month", "signed on Oct. 14, 2024 in Minsk", "2025-06-07", "Oct. 14, 2024", "2024-10-14", "2024-10-14", "day", true],
  ["on Monday", "They met on Monday.", "2025-06-07", "on Monday", "2025-06-02", "2025-06-02", "day", false],
  ["last Friday", "They met last Friday.", "2025-06-07", "last Friday", "2025-06-06", "2025-06-06", "day", true],
  ["yesterday", "They met yesterday.", "2025-06-07", "yesterday", "2025-06-06", "2025-06-06", "day", true],
  ["today", "They meet today.", "2025-06-07", "today", "2025-06-07", "2025-06-07", "day", true],
  ["earlier this month", "Earlier this month, they met.", "2025-06-07", "Earlier this month", "2025-06-01", "2025-06-07", "month", false],
  ["last month", "They met last month.", "2025-06-07", "last month", "2025-05-01", "2025-05-31", "month", true],
  ["last year", "They met last year.", "2025-06-07", "last year", "2024-01-01", "2024-12-31", "year", true],
  ["next year", "They will meet next year.", "2025-06-07", "next year", "2026-01-01", "2026-12-31", "year", true],
  ["in April looks back", "They met in April.", "2025-03-07", "April", "2024-04-01", "2024-04-30", "month", false],
  ["in April 2018", "They met in April 2018.", "2025-06-07", "April 2018", "2018-04-01", "2018-04-30", "month", true],
  ["in 2005", "They met in 2005.", "2025-06-07", "2005", "2005-01-01", "2005-12-31", "year", true],
  ["September 2024", "September 2024 drills", "2025-06-07", "September 2024", "2024-09-01", "2024-09-30", "month", true],
  ["from July 8 to 19", "The drills ran from July 8 to 19.", "2025-07-25", "July 8 to 19", "2025-07-08", "2025-07-19", "day", false],
  ["July 8-19", "The drills ran July 8-19.", "2025-07-25", "July 8-19", "2025-07-08", "2025-07-19", "day", false],
  ["between d month and d month", "held between 28 February and 2 March", "2025-06-07", "28 February and 2 March", "2025-02-28", "2025-03-02", "day", false],
  ["between with a year", "held between 28 February and 2 March 2024", "2025-06-07", "28 February and 2 March 2024", "2024-02-28", "2024-03-02", "day", true],
  ["this week", "They meet this week.", "2025-06-07", "this week", "2025-06-02", "2025-06-08", "day", false],
  ["next week", "They meet next week.", "2025-06-07", "next week", "2025-06-09", "2025-06-15", "day", false],
  ["late June", "They met in late June.", "2025-07-07", "late June", "2025-06-21", "2025-06-30", "month", false],
  ["early 2024", "They met in early 2024.", "2025-06-07", "early 2024", "2024-01-01", "2024-04-30", "year", true],
  ["the third quarter of 2024", "deliveries in the third quarter of 2024", "2025-06-07", "the third quarter of 2024", "2024-07-01", "2024-09-30", "month", true],
  ["today (March 2)", "Lukashenko today (March 2) ended his visit", "2023-03-02", "today (March 2)", "2023-03-02", "2023-03-02", "day", true],
  ["the end of June", "at the end of June", "2025-07-07", "the end of June", "2025-06-21", "2025-06-30", "month", false],
  ["mid-year", "in mid-2023", "2025-06-07", "mid-2023", "2023-05-01", "2023-08-31", "year", true],
  ["day range with year", "on Dec. 3-5, 2024", "2025-06-07", "Dec. 3-5, 2024", "2024-12-03", "2024-12-05", "day", true],
  ["weekday last week", "on Monday last week", "2025-06-07", "on Monday last week", "2025-05-26", "2025-05-26", "day", true],
  ["late last month", "late last month", "2025-06-07", "late last month", "2025-05-21", "2025-05-31", "month", true],
  ["Q3 yyyy", "in Q3 2024", "2025-06-07", "Q3 2024", "2024-07-01", "2024-09-30", "month", true],
  ["the past week", "over the past week", "2025-06-07", "the past week", "2025-05-31", "2025-06-06", "day", false],
  ["future cue resolves forward (en)", "The two navies will hold drills on July 8.", "2025-06-07", "July 8", "2025-07-08", "2025-07-08", "day", false],
  ["years ago", "The treaty was signed 25 years ago.", "2025-06-07", "25 years ago", "2000-01-01", "2000-12-31", "year", true],
  ["a week ago", "They met a week ago.", "2025-06-07", "a week ago", "2025-05-26", "2025-06-01", "day", false],
  ["ISO date", "updated 2024-10-14 08:00", "2025-06-07", "2024-10-14", "2024-10-14", "2024-10-14", "day", true],
  ["year span", "a plan for 2025-2027", "2025-06-07", "2025-2027", "2025-01-01", "2027-12-31", "year", true],
  ["is expected: forward", "Xi is expected in Kazan on Oct. 22-24.", "2024-10-15", "Oct. 22-24", "2024-10-22", "2024-10-24", "day", false],
  ["exercise name year", "the Vostok-2022 drills", "2025-06-07", "2022", "2022-01-01", "2022-12-31", "year", false],
];

describe("findDates vi", () => {
  it.each(VI)("%s", (_n, text, ref, mention, start, end, precision, certain) => {
    expect(only(text, { ref, refPrecision: "day", lang: "vi" })).toEqual([mention, start, end, precision, certain]);
  });
});

describe("findDates en", () => {
  it.each(EN)("%s", (_n, text, ref, mention, start, end, precision, certain) => {
    expect(only(text, { ref, refPrecision: "day", lang: "en" })).toEqual([mention, start, end, precision, certain]);
  });
});

const NOT_DATES_VI: [string, string][] = [
  ["points", "công bố lập trường 12 điểm về xung đột"],
  ["ordinal", "tuần tra chung lần thứ 6 trên biển"],
  ["ordinal capitalized", "Chiến tranh thế giới thứ Hai"],
  ["duration years", "năm nay đánh dấu 30 năm thiết lập quan hệ".replace("năm nay ", "")],
  ["duration 25 years", "và 25 năm ký Hiệp ước"],
  ["duration with nay", "hơn 30 năm nay hai nước"],
  ["duration with qua", "Gần 20 năm qua, quan hệ phát triển"],
  ["days duration", "chuyến thăm cấp nhà nước 3 ngày tới Trung Quốc"],
  ["percent", "tăng 2% so với"],
  ["degrees", "nhiệt độ lên tới 46 độ C"],
  ["floors", "tòa nhà 13 tầng"],
  ["version", "phiên bản 1.2.3 ra mắt"],
  ["fraction before a noun", "3/7 thành viên đồng ý"],
  ["G20", "hội nghị G20 tại Ấn Độ"],
  ["COVID-19", "đại dịch COVID-19 lan rộng"],
  ["count after preposition", "điều tới 2000 binh sĩ"],
  ["patrol is not a week", "tuần tra chung trên biển"],
  ["lowercase ordinal hai", "lần thứ hai hai bên gặp"],
  ["second day of a visit", "ngày thứ hai của chuyến thăm"],
  ["twice a month", "mỗi tháng hai lần"],
  ["fraction at sentence end", "chiếm hơn 1/3 dân số."],
  ["ratio", "tỷ lệ 2/3."],
  ["no such day", "ngày 31/2 hai bên"],
  ["five years ahead is a duration", "Trong 5 năm tới, hai bên"],
];
describe("findDates vi: not dates", () => {
  it.each(NOT_DATES_VI)("%s", (_n, text) => {
    expect(findDates(text, { ref: "2025-06-07", refPrecision: "day", lang: "vi" })).toEqual([]);
  });
});

const NOT_DATES_EN: [string, string][] = [
  ["duration", "after 30 years of ties"],
  ["G20", "the G20 summit"],
  ["ship type", "a Type 055 destroyer"],
  ["point plan", "the 12-point plan"],
  ["troop count", "Russia sent 2000 troops"],
  ["may as a verb", "The two sides may meet."],
  ["march as a verb", "Troops march on."],
];
describe("findDates en: not dates", () => {
  it.each(NOT_DATES_EN)("%s", (_n, text) => {
    expect(findDates(text, { ref: "2025-06-07", refPrecision: "day", lang: "en" })).toEqual([]);
  });
});

describe("findDates context", () => {
  it("a yearless month takes the year written shortly before it", () => {
    const ms = findDates("Nhậm chức vào tháng 3/2023, ông đến Nga vào tháng 4.", { ref: "2025-06-07", refPrecision: "day", lang: "vi" });
    expect(ms.map((m) => formatSpan(m.span))).toEqual(["2023-03", "2023-04"]);
  });
  it("a yearless day takes a year written earlier in the same sentence", () => {
    const ms = findDates("Năm 2019, ông thăm Nga ngày 5/6. Ngày 5/6, hai bên gặp lại.", { ref: "2025-06-07", refPrecision: "day", lang: "vi" });
    expect(ms.map((m) => formatSpan(m.span))).toEqual(["2019", "2019-06-05", "2025-06-05"]);
  });
  it.each([
    ["vi", "Ngày 14/10, ông đến Bắc Kinh. Cùng ngày, hai bên hội đàm. Ngày hôm sau, ông về nước.", ["2024-10-14", "2024-10-14", "2024-10-15"]],
    ["en", "He arrived on October 14. The next day, the two held talks. On the same day, Xi met him.", ["2024-10-14", "2024-10-15", "2024-10-15"]],
  ] as const)("same-day anaphora follows the last dated day (%s)", (lang, text, days) => {
    const ms = findDates(text, { ref: "2025-06-07", refPrecision: "day", lang });
    expect(ms.map((m) => m.span.start)).toEqual(days);
  });
  it.each([
    ["vi", "Cùng ngày, hai bên hội đàm."],
    ["vi", "Ông đến Minsk một ngày sau khi tham dự hội nghị."],
    ["en", "The next day, the two held talks."],
  ] as const)("same-day anaphora with nothing before it yields nothing (%s: %s)", (lang, text) => {
    expect(findDates(text, { ref: "2025-06-07", refPrecision: "day", lang })).toEqual([]);
  });
  it("deictic years do not set the context year", () => {
    const ms = findDates("They met last year. In March, the two sides signed a deal.", { ref: "2024-10-15", refPrecision: "day", lang: "en" });
    expect(ms.map((m) => formatSpan(m.span))).toEqual(["2023", "2024-03"]);
  });
  it("a context year far back no longer applies", () => {
    const filler = " Hai bên nhất trí tăng cường hợp tác.".repeat(15);
    const ms = findDates(`Năm 2005, hai nước ký hiệp ước.${filler} Tháng 4, hai bên gặp.`, { ref: "2025-06-07", refPrecision: "day", lang: "vi" });
    expect(ms.map((m) => formatSpan(m.span))).toEqual(["2005", "2025-04"]);
  });
  it("a month-precise reference makes day deixis month-precise and uncertain", () => {
    const [m] = findDates("hôm qua hai bên gặp", { ref: "2023-08-01", refPrecision: "month", lang: "vi" });
    expect(m!.span).toEqual({ start: "2023-08-01", end: "2023-08-31", precision: "month", certain: false });
  });
  it("pastBias false takes the nearest occurrence", () => {
    const [m] = findDates("ngày 2/1 hai bên gặp", { ref: "2024-12-30", refPrecision: "day", lang: "vi", pastBias: false });
    expect(m!.span.start).toBe("2025-01-02");
  });
  it("mentions are sorted and do not overlap", () => {
    const ms = findDates("Hôm qua (3/7), sau cuộc gặp tháng 6 và tháng 3/2023, năm nay.", { ref: "2023-07-04", refPrecision: "day", lang: "vi" });
    for (let i = 1; i < ms.length; i++) expect(ms[i]!.start).toBeGreaterThanOrEqual(ms[i - 1]!.end);
    expect(ms.map((m) => m.rule)).toEqual(["vi.hom-qua+dd/mm", "vi.thang-m", "vi.thang-m/yyyy", "vi.nam-nay"]);
  });
  it("rejects a malformed reference date with the module name", () => {
    expect(() => findDates("x", { ref: "2025-13-01", refPrecision: "day", lang: "vi" })).toThrow(/^dates: /);
  });
});

const RULES: [name: string, lang: "vi" | "en", text: string, rule: string, relative: boolean][] = [
  ["yearless d/m", "vi", "ngày 14/10", "vi.dd/mm", false],
  ["hôm qua", "vi", "hôm qua", "vi.hom-qua", true],
  ["hôm qua (d/m)", "vi", "Hôm qua (3/7)", "vi.hom-qua+dd/mm", true],
  ["năm ngoái", "vi", "năm ngoái", "vi.nam-ngoai", true],
  ["name-year", "vi", "tập trận Liên hợp 2023.", "vi.name-year", false],
  ["last Friday", "en", "last Friday", "en.last-weekday", true],
  ["month-day", "en", "October 14", "en.month-day", false],
  ["name-year", "en", "Zapad-2021", "en.name-year", false],
];
describe("findDates rule and relative flags", () => {
  it.each(RULES)("%s (%s)", (_n, lang, text, rule, relative) => {
    const [m] = findDates(text, { ref: "2025-06-07", refPrecision: "day", lang });
    expect([m?.rule, m?.relative]).toEqual([rule, relative]);
  });
});

describe("span helpers", () => {
  it.each([
    ["year", "2024", "2024-01-01", "2024-12-31", "year"],
    ["month", "2024-02", "2024-02-01", "2024-02-29", "month"],
    ["day", "2024-02-03", "2024-02-03", "2024-02-03", "day"],
  ])("spanFromIso %s", (_n, iso, start, end, precision) => {
    const s = spanFromIso(iso);
    expect([s.start, s.end, s.precision, s.certain]).toEqual([start, end, precision, true]);
    expect(formatSpan(s)).toBe(iso);
  });
  it("spansOverlap with and without tolerance", () => {
    expect(spansOverlap(spanFromIso("2024-03-01"), spanFromIso("2024-03"))).toBe(true);
    expect(spansOverlap(spanFromIso("2024-03-01"), spanFromIso("2024-02-29"))).toBe(false);
    expect(spansOverlap(spanFromIso("2024-03-01"), spanFromIso("2024-02-29"), 1)).toBe(true);
  });
  it("compareSpans orders by start, end, then finer precision", () => {
    const xs = [spanFromIso("2024"), spanFromIso("2024-01-01"), spanFromIso("2023-12"), spanFromIso("2024-01")];
    expect(xs.sort(compareSpans).map(formatSpan)).toEqual(["2023-12", "2024-01-01", "2024-01", "2024"]);
  });
});
