/**
 * The activity chart and the alerts (issue 13) in the reply's language: a Vietnamese command or a
 * channel set to Vietnamese gets a Vietnamese chart (title, legend from the catalog's type labels,
 * button, alt text, empty answers) and Vietnamese alert confirmations; `cảnh báo` is read as
 * `alerts`; English stays the default. Each Vietnamese reply carries no English catalog string.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { gazetteerPort } from "../../src/analyze/gazetteer-port.ts";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { summarizeVi } from "../../src/analyze/summary-vi.ts";
import { chartStrings } from "../../src/chat/chart-strings.ts";
import { buildChartSvg } from "../../src/chat/chart-svg.ts";
import { createChatCore, type ChatCore } from "../../src/chat/core.ts";
import type { Lang } from "../../src/chat/i18n/index.ts";
import { parseCommand } from "../../src/chat/parse.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import { createChannelSettingsRepo } from "../../src/db/channel-settings.repo.ts";
import type { Db } from "../../src/db/client.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { testDb } from "../helpers/db.ts";
import { allText, englishLeft } from "../helpers/english-left.ts";
import { seedDevelopments } from "./seed.ts";

const gaz = loadGazetteer();
const port = gazetteerPort(gaz);
const clock = () => new Date("2024-11-01T00:00:00Z");

let db: Db;
let chat: ChatCore;
beforeEach(() => {
  db = testDb();
  chat = createChatCore({
    timeline: createTimelineService(createTimelineRepo(db), { clock }),
    countries: gaz,
    watches: createWatchesRepo(db),
    botMessages: createBotMessagesRepo(db),
    settings: createChannelSettingsRepo(db),
    summarize: (f, lang) => (lang === "vi" ? summarizeVi(f, port) : f.summary),
    clock,
  });
  seedDevelopments(db, [
    { pair: ["CN", "BY"], type: "visit", start: "2023-02-01", summary: "A visit.", sources: [{ url: "https://a.example/1", outlet: "X" }] },
    { pair: ["CN", "BY"], type: "exercise", start: "2024-07-08", summary: "An exercise.", sources: [{ url: "https://a.example/2", outlet: "Y" }] },
  ]);
});

/** `lang vi` in channel C-VI first, when the row asks for it. */
const inChannel = async (vi: boolean) => {
  if (vi) await chat.command("lang vi", { channel: "C-VI", user: "U1" });
  return vi ? "C-VI" : "C-EN";
};

const EN_CHART = {
  lang: "en",
  title: "Belarus – China: developments per quarter, 2023–2024",
  caption: "Activity chart: Belarus – China, 2 developments, 2023–2024.",
  alt: "Bar chart of 2 defense-cooperation developments between Belarus – China per quarter, 2023–2024, stacked by type; latest quarter: Q3 2024 with 1.",
  button: "Chart",
  legend: ["Visit", "Exercise"],
  latest: "latest: Q3 2024 (1)",
};
const VI_CHART = {
  lang: "vi",
  title: "Belarus – Trung Quốc: số sự kiện mỗi quý, 2023–2024",
  caption: "Biểu đồ hoạt động: Belarus – Trung Quốc, 2 sự kiện, 2023–2024.",
  alt: "Biểu đồ cột 2 sự kiện hợp tác quốc phòng giữa Belarus – Trung Quốc theo quý, 2023–2024, xếp chồng theo loại; quý gần nhất: Q3/2024 với 1.",
  button: "Biểu đồ",
  legend: ["Thăm", "Tập trận"],
  latest: "gần nhất: Q3/2024 (1)",
};

describe("the chart in the reply's language", () => {
  it.each([
    ["an English command", "china belarus chart", false, EN_CHART],
    ["a Vietnamese command", "trung quốc belarus biểu đồ", false, VI_CHART],
    ["a Vietnamese command without diacritics", "trung quoc belarus bieu do", false, VI_CHART],
    ["an English command, 'đồ thị'", "china belarus đồ thị", false, EN_CHART],
    ["an English command in a channel set to Vietnamese", "china belarus chart", true, VI_CHART],
  ])("%s: title, caption, alt text, button, legend and latest label", async (_n, q, vi, want) => {
    const r = await chat.command(q, { channel: await inChannel(vi) });
    expect(r.lang).toBe(want.lang);
    expect(r.image?.title).toBe(want.title);
    expect(r.image?.alt).toBe(want.alt);
    expect(r.items[0]!.text).toBe(want.caption);
    expect(r.actions.map((a) => a.label)).toEqual([want.button]);
    // the button (a retry after a failed upload) draws the same chart in the same language
    const again = await chat.chart(r.actions[0]!.value);
    expect([again?.lang, again?.image?.title]).toEqual([want.lang, want.title]);
    // the legend's words are the catalog's type labels; the latest period's label is in the language too
    const series = createTimelineService(createTimelineRepo(db)).activity({ a: "BY", b: "CN" }, {})!;
    const S = chartStrings(want.lang as Lang);
    const svg = buildChartSvg(series, { title: S.title("x", series.unit, "y"), subtitle: S.subtitle(series.total, "") }, S);
    for (const label of want.legend) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain(want.latest);
    if (want.lang === "vi") expect(englishLeft(allText(r) + svg)).toEqual([]);
  });

  it.each([
    ["en", "china belarus", "Chart", "Belarus – China: developments per quarter, 2023–2024"],
    ["vi", "trung quốc belarus", "Biểu đồ", "Belarus – Trung Quốc: số sự kiện mỗi quý, 2023–2024"],
  ])("the Chart button under a %s timeline is labelled and draws in that language", async (_l, q, label, title) => {
    const r = await chat.command(q, { channel: "C1" });
    const button = r.actions.find((a) => a.id === "chart")!;
    expect(button.label).toBe(label);
    expect((await chat.chart(button.value))?.image?.title).toBe(title);
  });

  it.each([
    ["an empty pair", "china vietnam chart", "Nothing to chart between China and Vietnam: no development found in the sources read so far."],
    ["an empty pair", "trung quốc việt nam biểu đồ", "Không có gì để vẽ giữa Trung Quốc và Việt Nam: chưa thấy sự kiện nào trong các nguồn đã đọc."],
    ["an empty filter", "china belarus patrols chart", "Nothing to chart between Belarus and China for patrols. Try without the filter."],
    ["an empty filter", "trung quốc belarus tuần tra biểu đồ", "Không có gì để vẽ giữa Belarus và Trung Quốc với tuần tra. Hãy thử bỏ bộ lọc."],
    ["one country", "china chart", "A chart is of two countries, e.g. `/relations china russia chart`."],
    ["one country", "trung quốc biểu đồ", "Biểu đồ là của hai nước, ví dụ `/relations trung quốc nga biểu đồ`."],
  ])("%s: %s is answered in text in its language", async (_n, q, want) => {
    const r = await chat.command(q, { channel: "C1" });
    expect(r.image).toBeUndefined();
    expect(r.items[0]!.text).toBe(want);
    if (r.lang === "vi") expect(englishLeft(allText(r))).toEqual([]);
  });

  it.each([
    ["en", { rateLimited: "Slack is limiting uploads right now, so the chart was not posted. Press Chart again in 7 s.", shell: "Chart written to /tmp/x.png" }],
    ["vi", { rateLimited: "Slack đang giới hạn việc tải tệp lên nên biểu đồ chưa được đăng. Hãy bấm Biểu đồ lại sau 7 giây.", shell: "Đã ghi biểu đồ vào /tmp/x.png" }],
  ] as const)("the upload's answers and the shell's line in %s", (lang, want) => {
    const S = chartStrings(lang);
    expect(S.rateLimited(7)).toBe(want.rateLimited);
    expect(S.shellWritten("/tmp/x.png")).toBe(want.shell);
    if (lang === "vi") expect(englishLeft([S.uploadFailed, S.notInChannel, S.rateLimited(7)].join("\n"))).toEqual([]);
  });

  it("thousands are written as each language writes them", () => {
    expect(chartStrings("en").subtitle(12345, "")).toBe("12,345 developments · stacked by type");
    expect(chartStrings("vi").subtitle(12345, "tập trận")).toBe("12.345 sự kiện · tập trận · xếp chồng theo loại");
  });
});

describe("alert commands in the reply's language", () => {
  it.each([
    ["watch china belarus alerts", { kind: "watch", alerts: true, lang: "en" }],
    ["watch trung quốc belarus cảnh báo", { kind: "watch", alerts: true, lang: "vi" }],
    ["unwatch trung quoc belarus canh bao", { kind: "unwatch", alerts: true, lang: "vi" }],
    ["watch belarus CN cảnh báo", { kind: "watch", alerts: true, lang: "vi" }],
    ["watch china belarus", { kind: "watch", lang: "en" }],
  ])("parses %s", (q, want) => {
    const cmd = parseCommand(q, gaz);
    expect(cmd).toMatchObject({ ...want, pair: { a: "BY", b: "CN" } });
    if (!("alerts" in want)) expect(cmd).not.toHaveProperty("alerts");
  });

  const EN = [
    ["watch china belarus alerts", "This channel now gets an alert for each new development between Belarus – China — first reported from now on and dated within the last 14 days or ahead — and watches the pair for its weekly digest."],
    ["watch china belarus alerts", "This channel already gets alerts for Belarus – China."],
    ["watching", "Belarus – China · alerts on"],
    ["unwatch china belarus alerts", "This channel no longer gets alerts for Belarus – China; it still watches the pair for its weekly digest"],
    ["unwatch china belarus alerts", "This channel was not getting alerts for Belarus – China."],
    ["watch alerts", "Give two countries to watch, e.g. `/relations watch china belarus alerts`."],
  ];
  const VI = [
    ["watch trung quốc belarus cảnh báo", "Từ nay kênh này nhận một cảnh báo cho mỗi sự kiện mới giữa Belarus – Trung Quốc — được đưa tin từ bây giờ và có ngày trong 14 ngày qua hoặc sắp tới — và theo dõi cặp này cho bản tin tuần."],
    ["watch trung quoc belarus canh bao", "Kênh này đã nhận cảnh báo cho Belarus – Trung Quốc."],
    ["watching", "Belarus – Trung Quốc · đang bật cảnh báo"],
    ["unwatch trung quốc belarus cảnh báo", "Kênh này không còn nhận cảnh báo cho Belarus – Trung Quốc; kênh vẫn theo dõi cặp này cho bản tin tuần"],
    ["unwatch trung quốc belarus cảnh báo", "Kênh này chưa nhận cảnh báo cho Belarus – Trung Quốc."],
    ["watch cảnh báo", "Hãy nêu hai nước sau watch, ví dụ `/relations watch trung quốc belarus cảnh báo`."],
  ];
  it.each([
    ["English commands", false, EN],
    // "watching" has no Vietnamese word: without a channel setting it is answered in English
    ["Vietnamese commands", false, VI.filter(([q]) => q !== "watching")],
    // the channel's setting wins over the command's own language
    ["English commands in a channel set to Vietnamese", true, VI.map(([, want], i) => [EN[i]![0]!, want!])],
  ])("%s: on, already on, the watching list, off, already off, no pair", async (_n, vi, rows) => {
    const channel = await inChannel(vi);
    for (const [q, want] of rows) {
      const r = await chat.command(q!, { channel, user: "U1" });
      expect(allText(r), q).toContain(want);
      if (r.lang === "vi") expect(englishLeft(allText(r)), q).toEqual([]);
      expect(r.lang).toBe(rows === EN ? "en" : "vi");
    }
  });

  it.each([
    ["en", "help", ["/relations china belarus chart", "/relations watch china belarus alerts"]],
    ["vi", "trợ giúp", ["/relations trung quốc belarus biểu đồ", "/relations watch trung quốc belarus cảnh báo"]],
  ])("help in %s names the chart and the alerts", async (_l, q, leads) => {
    const r = await chat.command(q, { channel: "C1" });
    for (const lead of leads) expect(r.items.map((i) => i.lead)).toContain(lead);
  });
});
