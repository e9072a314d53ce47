/**
 * Answers in Vietnamese (issue 13): the two catalogs hold the same keys, types, statuses and dates
 * read right in both languages, summaries are written in Vietnamese from a development's fields,
 * a channel's setting and the command's own language choose the reply language, and a reply
 * rendered in Vietnamese carries no English string of the catalog.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { gazetteerPort } from "../../src/analyze/gazetteer-port.ts";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { summarizeVi } from "../../src/analyze/summary-vi.ts";
import { createChatCore, type ChatCore, type ChatCoreDeps } from "../../src/chat/core.ts";
import { answerToReply } from "../../src/chat/follow-up.ts";
import { formatDateSpan, typeCount, typeLabel } from "../../src/chat/format.ts";
import { en } from "../../src/chat/i18n/en.ts";
import { CATALOGS, t, type Lang, type Messages } from "../../src/chat/i18n/index.ts";
import { vi } from "../../src/chat/i18n/vi.ts";
import type { Reply } from "../../src/chat/reply.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import { createChannelSettingsRepo } from "../../src/db/channel-settings.repo.ts";
import type { Db } from "../../src/db/client.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import type { DevelopmentFacts, DevelopmentStatus, EventType } from "../../src/domain/types.ts";
import type { Answer } from "../../src/services/answer.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { renderBlocks } from "../../src/slack/render.ts";
import { testDb } from "../helpers/db.ts";
import { findMentions, messageText } from "../helpers/slack-limits.ts";
import { seedDevelopments } from "./seed.ts";
import { allText, englishLeft } from "../helpers/english-left.ts";

const gaz = loadGazetteer();
const port = gazetteerPort(gaz);
const clock = () => new Date("2024-11-01T00:00:00Z");

function makeCore(db: Db, extra: Partial<ChatCoreDeps> = {}): ChatCore {
  return createChatCore({
    timeline: createTimelineService(createTimelineRepo(db), { clock }),
    countries: gaz,
    watches: createWatchesRepo(db),
    botMessages: createBotMessagesRepo(db),
    settings: createChannelSettingsRepo(db),
    summarize: (f, lang) => (lang === "vi" ? summarizeVi(f, port) : f.summary),
    clock,
    ...extra,
  });
}

describe("the catalogs", () => {
  it("hold the same keys, none empty, and every reply string in both languages (100%)", () => {
    const enKeys = Object.keys(en).sort();
    const viKeys = Object.keys(vi).sort();
    expect(viKeys).toEqual(enKeys);
    for (const lang of ["en", "vi"] as const) for (const k of enKeys) expect(CATALOGS[lang][k as keyof Messages].trim(), `${lang} ${k}`).not.toBe("");
    const covered = enKeys.filter((k) => k in vi && k in en).length;
    const share = covered / new Set([...enKeys, ...viKeys]).size;
    console.log(`reply strings in both languages: ${covered}/${enKeys.length} = ${(share * 100).toFixed(1)}%`);
    expect(share).toBe(1);
  });

  it("a Vietnamese template names only values its English one is given", () => {
    const names = (s: string) => new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      // dates are day-first numbers in Vietnamese: {m} where English writes {mon}
      const given = new Set([...names(en[k]), ...(k.startsWith("date.") ? ["m", "m1", "m2"] : [])]);
      for (const n of names(vi[k])) expect(given.has(n), `${k}: {${n}}`).toBe(true);
    }
  });

  it("a catalog missing a key is not a Messages (checked by tsc)", () => {
    const { apology: _dropped, ...rest } = vi;
    // @ts-expect-error a missing key is a type error
    const partial: Messages = rest;
    expect(Object.keys(partial)).not.toContain("apology");
  });
});

describe("types and statuses in both languages", () => {
  const TYPES: [EventType, string, string, string, string][] = [
    ["visit", "Visit", "Thăm", "2 visits", "2 chuyến thăm"],
    ["talks", "Talks", "Hội đàm", "2 talks", "2 cuộc hội đàm"],
    ["exercise", "Exercise", "Tập trận", "2 exercises", "2 cuộc tập trận"],
    ["patrol", "Patrol", "Tuần tra", "2 patrols", "2 cuộc tuần tra"],
    ["agreement", "Agreement", "Thỏa thuận", "2 agreements", "2 thỏa thuận"],
    ["arms", "Arms", "Vũ khí", "2 arms deals", "2 thương vụ vũ khí"],
    ["training", "Training", "Huấn luyện", "2 training", "2 hoạt động huấn luyện"],
    ["pledge", "Pledge", "Cam kết", "2 pledges", "2 cam kết"],
  ];
  const STATUSES: [DevelopmentStatus, string, string][] = [
    ["held", "", ""],
    ["announced", " (announced)", " (đã công bố)"],
    ["planned", " (planned)", " (dự kiến)"],
  ];
  const rows = TYPES.flatMap(([type, enL, viL, enN, viN]) => STATUSES.map(([status, enS, viS]) => [type, status, enL + enS, viL + viS, enN, viN] as const));
  it.each(rows)("%s %s: %s / %s", (type, status, enLabel, viLabel, enCount, viCount) => {
    expect(typeLabel(type, status, "en")).toBe(enLabel);
    expect(typeLabel(type, status, "vi")).toBe(viLabel);
    expect(typeCount(type, 2, "en")).toBe(enCount);
    expect(typeCount(type, 2, "vi")).toBe(viCount);
  });
});

describe("dates in Vietnamese order", () => {
  it.each([
    ["2024-10-14", "2024-10-14", "day", "14 Oct 2024", "14/10/2024"],
    ["2024-07-08", "2024-07-19", "day", "8–19 Jul 2024", "8–19/7/2024"],
    ["2024-06-28", "2024-07-03", "day", "28 Jun – 3 Jul 2024", "28/6 – 3/7/2024"],
    ["2023-12-30", "2024-01-02", "day", "30 Dec 2023 – 2 Jan 2024", "30/12/2023 – 2/1/2024"],
    ["2024-10-01", "2024-10-31", "month", "Oct 2024", "tháng 10/2024"],
    ["2024-06-01", "2024-08-31", "month", "Jun–Aug 2024", "tháng 6–8/2024"],
    ["2023-11-01", "2024-02-29", "month", "Nov 2023 – Feb 2024", "tháng 11/2023 – tháng 2/2024"],
    ["2024-01-01", "2024-12-31", "year", "2024", "năm 2024"],
    ["2018-01-01", "2019-12-31", "year", "2018–2019", "năm 2018–2019"],
  ] as const)("%s..%s (%s): %s / %s", (s, e, p, enWant, viWant) => {
    expect(formatDateSpan(s, e, p, "en")).toBe(enWant);
    expect(formatDateSpan(s, e, p, "vi")).toBe(viWant);
  });
});

describe("summaries written in Vietnamese from the development's fields", () => {
  const facts = (f: Partial<DevelopmentFacts> & Pick<DevelopmentFacts, "type">): DevelopmentFacts => ({
    pair: ["BY", "CN"],
    status: "held",
    dateStart: "2024-07-10",
    actors: [],
    places: [],
    details: [],
    actorCountry: null,
    destination: null,
    summary: "(stored English summary)",
    ...f,
  });
  it.each([
    ["a visit with both ministers", facts({ type: "visit", pair: ["CN", "RU"], actors: ["andrei-belousov", "dong-jun"], actorCountry: "RU", destination: "CN" }), "Bộ trưởng Quốc phòng Nga Andrei Belousov thăm Trung Quốc và hội đàm với Bộ trưởng Quốc phòng Trung Quốc Đổng Quân."],
    ["a planned visit by nobody named", facts({ type: "visit", status: "planned", actorCountry: "BY", destination: "CN" }), "Một đoàn đại biểu Belarus sẽ thăm Trung Quốc."],
    ["a state visit by a head of state", facts({ type: "visit", pair: ["CN", "VN"], dateStart: "2023-12-12", actors: ["xi-jinping"], actorCountry: "CN", destination: "VN", details: ["state"] }), "Chủ tịch Trung Quốc Tập Cận Bình thăm cấp nhà nước Việt Nam."],
    ["talks by phone", facts({ type: "talks", actors: ["dong-jun", "viktor-khrenin"], actorCountry: "CN", details: ["phone"] }), "Bộ trưởng Quốc phòng Trung Quốc Đổng Quân điện đàm với Bộ trưởng Quốc phòng Belarus Viktor Khrenin."],
    ["talks of officials", facts({ type: "talks", status: "planned" }), "Quan chức Belarus và Trung Quốc sẽ hội đàm."],
    ["a named exercise", facts({ type: "exercise", actorCountry: "CN", details: ["name:eagle assault"] }), "Trung Quốc và Belarus đã tổ chức tập trận chung (“Eagle Assault”)."],
    ["an announced naval exercise", facts({ type: "exercise", status: "announced", details: ["naval"] }), "Belarus và Trung Quốc công bố tập trận chung trên biển."],
    ["a planned patrol", facts({ type: "patrol", status: "planned", details: ["air"] }), "Belarus và Trung Quốc sẽ tiến hành tuần tra chung trên không."],
    ["an agreement without a document's name", facts({ type: "agreement" }), "Belarus và Trung Quốc đã ký hoặc ra thỏa thuận hay tuyên bố chung về quan hệ quốc phòng – an ninh."],
    ["a named agreement", facts({ type: "agreement", status: "planned", details: ["doc:Memorandum on Military Cooperation"] }), "Belarus và Trung Quốc sẽ ký văn kiện “Memorandum on Military Cooperation”."],
    ["arms with systems", facts({ type: "arms", details: ["system:S-400", "system:Su-35"] }), "Belarus và Trung Quốc được đưa tin hợp tác vũ khí hoặc kỹ thuật quân sự, liên quan đến S-400 và Su-35."],
    ["planned training", facts({ type: "training", status: "planned" }), "Belarus và Trung Quốc dự kiến hợp tác huấn luyện hoặc đào tạo quân sự."],
    ["a pledge by a minister", facts({ type: "pledge", pair: ["RU", "VN"], dateStart: "2024-06-20", actors: ["phan-van-giang"], actorCountry: "VN" }), "Bộ trưởng Quốc phòng Việt Nam Phan Văn Giang cam kết hỗ trợ Nga."],
  ])("%s", (_n, f, want) => {
    expect(summarizeVi(f, port)).toBe(want);
  });

  it.each((["visit", "talks", "exercise", "patrol", "agreement", "arms", "training", "pledge"] as const).flatMap((type) => (["held", "announced", "planned"] as const).map((status) => [type, status] as const)))(
    "%s %s: names both countries in Vietnamese, no English words",
    (type, status) => {
      const s = summarizeVi(facts({ type, status, pair: ["CN", "US"] }), port);
      expect(s).toMatch(/Trung Quốc/);
      expect(s).toMatch(/Hoa Kỳ|Mỹ/);
      expect(s).not.toMatch(/\b(?:and|held|signed|visited|officials|China|United States)\b/);
    },
  );
});

describe("the reply language", () => {
  let db: Db;
  let chat: ChatCore;
  beforeEach(() => {
    db = testDb();
    chat = makeCore(db);
    seedDevelopments(db, [
      { pair: ["CN", "BY"], type: "exercise", start: "2024-07-08", end: "2024-07-19", summary: "China and Belarus held a joint exercise (\"Eagle Assault\").", details: ["name:eagle assault"], actorCountry: "CN", sources: [{ url: "https://a.example/1", outlet: "Xinhua" }] },
      { pair: ["BY", "CN"], type: "visit", start: "2023-08-01", end: "2023-08-31", precision: "month", status: "planned", summary: "A Belarusian delegation is to visit China.", actorCountry: "BY", destination: "CN", sources: [{ url: "https://a.example/3", outlet: "BelTA" }] },
    ]);
  });

  it.each([
    ["a Vietnamese name with diacritics", "trung quốc belarus", "vi"],
    ["a Vietnamese name without diacritics", "trung quoc belarus", "vi"],
    ["a Vietnamese type word", "CN BY tập trận", "vi"],
    ["Vietnamese 'from the year'", "belarus CN từ năm 2023", "vi"],
    ["English names", "china belarus", "en"],
    ["a name both languages write, and a code", "belarus CN", "en"],
    ["Vietnamese and English names mixed", "trung quốc belarus exercises", "en"],
  ])("%s answers in %s", async (_n, q, want) => {
    const r = await chat.command(q, { channel: "C1" });
    expect(r.lang ?? "en").toBe(want);
    expect(r.header).toMatch(want === "vi" ? /^Belarus – Trung Quốc/ : /^Belarus – China/);
  });

  it("a timeline in Vietnamese: dates, types, statuses, summary from the fields, buttons; no English string of the catalog", async () => {
    const r = await chat.command("trung quốc belarus", { channel: "C1" });
    expect(r.context).toBe("2 sự kiện từ 2 nguồn · cập nhật 20/10/2024");
    expect(r.items.map((i) => `${i.lead} | ${i.text}`)).toEqual([
      "8–19/7/2024 · Tập trận | Trung Quốc và Belarus đã tổ chức tập trận chung (“Eagle Assault”).",
      "tháng 8/2023 · Thăm (dự kiến) | Một đoàn đại biểu Belarus sẽ thăm Trung Quốc.",
    ]);
    expect(r.actions.map((a) => a.label)).toEqual(["Chia sẻ vào kênh", "Biểu đồ"]);
    expect(englishLeft(allText(r))).toEqual([]);
    // the shared copy keeps the language (it travels in the button's value)
    const shared = chat.shared(r.actions[0]!.value)!;
    expect(shared.header).toBe("Belarus – Trung Quốc");
    expect(englishLeft(allText(shared))).toEqual([]);
  });

  it.each([
    ["help", "trợ giúp"],
    ["partners", "Việt Nam"],
    ["partners of a country with some", "trung quốc"],
    ["an empty pair", "trung quốc việt nam"],
    ["an empty filter", "trung quốc belarus tuần tra"],
    ["an unknown name", "trung quốc belaru"],
    ["the same country twice", "trung quốc trung quoc"],
    ["a bad date", "trung quốc belarus từ hôm qua"],
    ["watch", "watch trung quốc belarus"],
    ["watching", "watching"],
  ])("%s in Vietnamese carries no English string of the catalog", async (_n, q) => {
    if (q === "watching") await chat.command("lang vi", { channel: "C1" });
    const r = await chat.command(q, { channel: "C1" });
    expect(r.lang).toBe("vi");
    expect(englishLeft(allText(r))).toEqual([]);
  });

  it("a follow-up answer in Vietnamese: summary from the fields, the quote in its own language", () => {
    const answer: Answer = {
      pair: { a: "BY", b: "CN" },
      question: { kind: "search", switchPair: false } as unknown as Answer["question"],
      items: [
        {
          developmentId: 1,
          type: "exercise",
          status: "held",
          dateStart: "2024-07-08",
          dateEnd: "2024-07-19",
          datePrecision: "day",
          summary: "China and Belarus held a joint exercise.",
          facts: { pair: ["BY", "CN"], type: "exercise", status: "held", dateStart: "2024-07-08", actors: [], places: [], details: [], actorCountry: "CN", destination: null, summary: "China and Belarus held a joint exercise." },
          quote: { text: "The drills took place near Brest.", lang: "en", articleId: 1, outlet: "BelTA" },
          sources: [1, 2, 3, 4, 5].map((n) => ({ articleId: n, url: `https://a.example/${n}`, outlet: `Outlet ${n}`, title: "t" })),
          score: 1,
        },
      ],
      nothingAbout: null,
      needsPair: false,
      cursor: null,
      composed: null,
    };
    const r = answerToReply(answer, gaz, {}, "vi", (f, lang) => (lang === "vi" ? summarizeVi(f, port) : f.summary));
    expect(r.context).toBe("Belarus – Trung Quốc · từ một sự kiện trong các bài đã lưu");
    expect(r.items[0]!.lead).toBe("8–19/7/2024 · Tập trận");
    expect(r.items[0]!.text).toBe("Trung Quốc và Belarus đã tổ chức tập trận chung.\n“The drills took place near Brest.” (+2 nguồn khác)");
    expect(englishLeft(allText(r))).toEqual([]);
    const none = answerToReply({ ...answer, items: [], nothingAbout: "exercises in 2023" }, gaz, {}, "vi");
    expect(englishLeft(allText(none))).toEqual([]);
    const which = answerToReply({ ...answer, items: [], needsPair: true }, gaz, { choices: [{ a: "BY", b: "CN" }, { a: "CN", b: "RU" }] }, "vi");
    expect(which.actions.map((a) => a.label)).toEqual(["Belarus – Trung Quốc", "Trung Quốc – Nga"]);
    expect(englishLeft(allText(which))).toEqual([]);
  });
});

describe("the channel's language setting", () => {
  it("lang vi makes English commands answer in Vietnamese in that channel only; lang auto clears it; it outlives the process", async () => {
    const db = testDb();
    seedDevelopments(db, [{ pair: ["CN", "BY"], type: "exercise", start: "2024-07-08", summary: "Joint exercise.", sources: [{ url: "https://a.example/1", outlet: "Xinhua" }] }]);
    const chat = makeCore(db);
    expect((await chat.command("lang", { channel: "C1" })).items[0]!.text).toMatch(/no language setting/);
    const set = await chat.command("lang vi", { channel: "C1", user: "U1" });
    expect(set.items[0]!.text).toMatch(/^Từ nay kênh này nhận câu trả lời bằng tiếng Việt/);
    expect((await chat.command("china belarus", { channel: "C1" })).items[0]!.lead).toBe("8/7/2024 · Tập trận");
    expect((await chat.command("china belarus", { channel: "C2" })).items[0]!.lead).toBe("8 Jul 2024 · Exercise");
    // a new core on the same database (a restart) reads the setting
    const again = makeCore(db);
    expect((await again.command("help", { channel: "C1" })).header).toBe("Cách dùng /relations");
    expect(again.apology("C1").items[0]!.text).toMatch(/^Xin lỗi/);
    expect((await again.command("lang", { channel: "C1" })).items[0]!.text).toMatch(/bằng tiếng Việt/);
    // an English channel setting wins over a Vietnamese command
    await again.command("lang en", { channel: "C2" });
    expect((await again.command("trung quốc belarus", { channel: "C2" })).header).toBe("Belarus – China");
    const cleared = await again.command("lang auto", { channel: "C1" });
    expect(cleared.items[0]!.text).toMatch(/no language setting now/);
    expect((await again.command("china belarus", { channel: "C1" })).items[0]!.lead).toBe("8 Jul 2024 · Exercise");
  });

  it.each([
    ["an unknown language", "lang fr", /Vietnamese or English/],
    ["no channel", "lang vi", /works in a channel/],
  ])("%s gets a clear answer and changes nothing", async (_n, q, want) => {
    const db = testDb();
    const chat = makeCore(db);
    const r = await chat.command(q, q === "lang vi" ? {} : { channel: "C1" });
    expect(r.items[0]!.text).toMatch(want);
    expect(createChannelSettingsRepo(db).lang("C1")).toBeNull();
  });

  it("a follow-up in a Vietnamese channel, or a Vietnamese question, is answered in Vietnamese", async () => {
    const db = testDb();
    const seen: (Lang | undefined)[] = [];
    const chat = makeCore(db, { followUp: async (ctx) => (seen.push(ctx.lang), { ephemeral: false, items: [{ text: t(ctx.lang ?? "en", "followUp.unavailable") }], actions: [] }) });
    const ctx = chat.contextOf({ kind: "timeline", pair: { a: "BY", b: "CN" } });
    await chat.followUp(ctx, "any exercises?");
    await chat.followUp(ctx, "có tập trận nào không?");
    await chat.command("lang vi", { channel: "C9" });
    await chat.followUp({ ...ctx, channel: "C9" }, "any exercises?");
    expect(seen).toEqual(["en", "vi", "vi"]);
  });
});

describe("hostile text in Vietnamese replies", () => {
  it("an exercise name, an outlet and an echoed name never ping", async () => {
    const db = testDb();
    seedDevelopments(db, [{ pair: ["CN", "BY"], type: "exercise", start: "2024-07-08", summary: "<!channel> drill", details: ["name:<!channel> <@U1>"], sources: [{ url: "https://a.example/1", outlet: "<!here> <@U2>" }] }]);
    const chat = makeCore(db);
    for (const q of ["trung quốc belarus", "trung quốc <!channel>", "watch trung quốc <@U1>"]) {
      const r = await chat.command(q, { channel: "C1" });
      expect(r.lang).toBe("vi");
      expect(findMentions(renderBlocks(r))).toEqual([]);
    }
    const r = await chat.command("trung quốc belarus", { channel: "C1" });
    expect(r.items[0]!.text).toContain("<!channel>");
    expect(messageText(renderBlocks(r))).toContain("&lt;!channel&gt;");
  });
});

describe("t()", () => {
  it.each([
    ["en", "count.developments", 1, "1 development"],
    ["en", "count.developments", 3, "3 developments"],
    ["vi", "count.developments", 3, "3 sự kiện"],
  ] as const)("%s %s %d", async (lang, key, n, want) => {
    const { tn } = await import("../../src/chat/i18n/index.ts");
    expect(tn(lang, key, n)).toBe(want);
  });
});
