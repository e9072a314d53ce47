import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import {
  acceptNarrative,
  addNarratives,
  buildDigest,
  isoWeekOf,
  periodForWeek,
  previousWeek,
  zonedMidnightUtc,
} from "../../src/services/digest.ts";
import { testDb } from "../helpers/db.ts";
import { insertDevelopment, insertWatch } from "../helpers/digest-rows.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../helpers/fake-openai.ts";
/** the gazetteer names countries in digests, as main.ts passes it */
const countries = loadGazetteer();

const TZ = "Asia/Ho_Chi_Minh";

describe("periods", () => {
  it.each([
    ["mid-year week in Hanoi", "2024-W42", TZ, "2024-10-14", "2024-10-20", "2024-10-13T17:00:00.000Z", "2024-10-20T17:00:00.000Z"],
    ["week 1 starting in December", "2025-W01", TZ, "2024-12-30", "2025-01-05", "2024-12-29T17:00:00.000Z", "2025-01-05T17:00:00.000Z"],
    ["a 53rd week", "2020-W53", "UTC", "2020-12-28", "2021-01-03", "2020-12-28T00:00:00.000Z", "2021-01-04T00:00:00.000Z"],
    ["week ending on the DST switch (Berlin)", "2024-W13", "Europe/Berlin", "2024-03-25", "2024-03-31", "2024-03-24T23:00:00.000Z", "2024-03-31T22:00:00.000Z"],
    ["lower-case input", "2024-w42", "UTC", "2024-10-14", "2024-10-20", "2024-10-14T00:00:00.000Z", "2024-10-21T00:00:00.000Z"],
  ])("%s: %s in %s", (_n, week, tz, start, end, from, to) => {
    const p = periodForWeek(week, tz);
    expect(p).toMatchObject({ startDate: start, endDate: end, fromUtc: from, toUtc: to, tz });
    expect(p.id).toBe(week.toUpperCase());
  });

  it.each([
    ["not a week", "2024-42"],
    ["week 0", "2024-W00"],
    ["a year without week 53", "2021-W53"],
  ])("rejects %s (%s) with a clear error", (_n, week) => {
    expect(() => periodForWeek(week, TZ)).toThrow(/^digest: /);
  });

  it.each([
    ["Monday 08:00 in Hanoi", "2024-10-21T01:00:00Z", "2024-W42"],
    ["Monday 00:30 in Hanoi (still Sunday in UTC)", "2024-10-20T17:30:00Z", "2024-W42"],
    ["Sunday 23:59 in Hanoi", "2024-10-20T16:59:00Z", "2024-W41"],
    ["first Monday of 2025", "2024-12-30T03:00:00Z", "2024-W52"],
    ["first Monday of 2021 (after a W53)", "2021-01-04T03:00:00Z", "2020-W53"],
  ])("previous week at %s", (_n, now, week) => {
    expect(previousWeek(new Date(now), TZ)).toBe(week);
  });

  it("isoWeekOf agrees with periodForWeek for every day of two years", () => {
    for (let ms = Date.UTC(2023, 0, 1); ms < Date.UTC(2025, 0, 1); ms += 86_400_000) {
      const day = new Date(ms).toISOString().slice(0, 10);
      const p = periodForWeek(isoWeekOf(day), "UTC");
      expect(day >= p.startDate && day <= p.endDate).toBe(true);
    }
  });

  it("zonedMidnightUtc handles negative offsets", () => {
    expect(zonedMidnightUtc("2024-07-01", "America/New_York").toISOString()).toBe("2024-07-01T04:00:00.000Z");
  });
});

describe("buildDigest", () => {
  const week = periodForWeek("2024-W42", TZ); // 2024-10-13T17:00Z .. 2024-10-20T17:00Z

  it("takes developments FIRST SEEN in the period, with inclusive start and exclusive end", () => {
    const db = testDb();
    insertDevelopment(db, { a: "CN", b: "BY", type: "exercise", firstSeenAt: "2024-10-13T17:00:00.000Z" }); // first instant: in
    insertDevelopment(db, { a: "BY", b: "CN", type: "visit", firstSeenAt: "2024-10-20T16:59:59.999Z" }); // last instant: in
    insertDevelopment(db, { a: "CN", b: "RU", type: "talks", firstSeenAt: "2024-10-20T17:00:00.000Z" }); // next week: out
    insertDevelopment(db, { a: "US", b: "VN", type: "visit", firstSeenAt: "2024-10-13T16:59:59.999Z" }); // previous week: out
    // an old event reported for the first time this week is newly on record, not the week's news
    insertDevelopment(db, { a: "RU", b: "VN", type: "agreement", dateStart: "2019-05-01", dateEnd: "2019-05-31", precision: "month", firstSeenAt: "2024-10-15T09:00:00.000Z" });
    const d = buildDigest(db, { countries, period: week });
    expect(d.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(["BY-CN"]);
    expect(d.pairs[0]!.items.map((i) => i.type)).toEqual(["visit", "exercise"]);
    expect(d.totalDevelopments).toBe(2);
    expect(d.older).toMatchObject([{ a: "RU", b: "VN", count: 1, fromYear: "2019", toYear: "2019" }]);
    expect(d.scope).toBe("all");
    expect(d.pairs[0]!.nameA).toMatch(/Belarus|Russia/);
  });

  it("the main list is the week's news: dated within the period or the 30 days before it, or planned ahead; older ones are one line per pair", () => {
    const db = testDb();
    const seen = "2024-10-15T09:00:00.000Z"; // week 2024-W42 starts 2024-10-14; 30 days before: 2024-09-14
    const dev = (a: string, b: string, dateStart: string, more: { status?: "planned" | "announced"; dateEnd?: string } = {}) =>
      insertDevelopment(db, { a, b, type: "talks", dateStart, dateEnd: more.dateEnd ?? dateStart, status: more.status, firstSeenAt: seen, summary: `${a}-${b} ${dateStart}` });
    dev("CN", "RU", "2024-10-16"); // in the period
    dev("CN", "RU", "2024-09-14"); // the 30th day before: in
    dev("CN", "RU", "2024-09-13"); // the 31st: older
    dev("CN", "RU", "1996-04-26");
    dev("CN", "RU", "2022-02-04");
    dev("KP", "RU", "2025-03-01", { status: "planned" }); // planned: news
    dev("KP", "RU", "2019-01-01", { status: "planned" }); // a plan dated years ago is history, not news
    dev("BY", "CN", "2024-09-01", { dateEnd: "2024-09-20" }); // a span that reaches the window: news
    dev("IN", "US", "2001-01-01");
    const d = buildDigest(db, { countries, period: week });
    expect(d.pairs.map((p) => [`${p.a}-${p.b}`, p.items.map((i) => i.dateStart)])).toEqual([
      ["KP-RU", ["2025-03-01"]],
      ["CN-RU", ["2024-10-16", "2024-09-14"]],
      ["BY-CN", ["2024-09-01"]],
    ]);
    expect(d.totalDevelopments).toBe(4);
    expect(d.older.map((o) => [`${o.a}-${o.b}`, o.count, o.fromYear, o.toYear])).toEqual([
      ["CN-RU", 3, "1996", "2024"],
      ["KP-RU", 1, "2019", "2019"],
      ["IN-US", 1, "2001", "2001"],
    ]);
  });

  it("names countries as the gazetteer does (one source of names: 'Brunei', not the ISO 'Brunei Darussalam')", () => {
    const db = testDb();
    const seen = "2024-10-15T09:00:00.000Z";
    insertDevelopment(db, { a: "BN", b: "VN", type: "talks", firstSeenAt: seen });
    insertDevelopment(db, { a: "CZ", b: "KR", type: "arms", firstSeenAt: seen });
    const d = buildDigest(db, { countries, period: week });
    const names = d.pairs.flatMap((p) => [`${p.a}=${p.nameA}`, `${p.b}=${p.nameB}`]).sort();
    expect(names).toEqual(["BN", "CZ", "KR", "VN"].map((c) => `${c}=${countries.country(c)!.en}`));
    expect(names).toContain("BN=Brunei");
  });

  it("a first ingest of years of history makes a short digest: the history is one line per pair", () => {
    const db = testDb();
    const seen = "2024-10-15T09:00:00.000Z";
    const pairs = [["CN", "RU"], ["KP", "RU"], ["IN", "US"], ["JP", "PH"], ["AU", "ID"]] as const;
    for (const [i, [a, b]] of pairs.entries()) for (let y = 1990; y < 2024; y++) insertDevelopment(db, { a, b, type: "visit", dateStart: `${y}-0${1 + i}-10`, firstSeenAt: seen });
    insertDevelopment(db, { a: "CN", b: "RU", type: "exercise", dateStart: "2024-10-12", firstSeenAt: seen, summary: "China and Russia held a joint naval exercise." });
    const d = buildDigest(db, { countries, period: week });
    expect(d.totalDevelopments).toBe(1);
    expect(d.older).toHaveLength(5);
    expect(d.older.every((o) => o.count === 34 && o.fromYear === "1990" && o.toYear === "2023")).toBe(true);
    // the newest history first: AU-ID's is dated May, CN-RU's January
    expect(d.older.map((o) => `${o.a}-${o.b}`)).toEqual(["AU-ID", "JP-PH", "IN-US", "KP-RU", "CN-RU"]);
  });

  it("orders developments and pairs by score, then type weight, then number of sources", () => {
    const db = testDb();
    const t = "2024-10-15T00:00:00.000Z";
    const src = (n: number, k: string) => Array.from({ length: n }, (_, i) => ({ url: `https://x.example/${k}/${i}`, outlet: "X" }));
    insertDevelopment(db, { a: "CN", b: "RU", type: "talks", score: 1, firstSeenAt: t, summary: "talks, 1 source" });
    insertDevelopment(db, { a: "CN", b: "RU", type: "arms", score: 1, firstSeenAt: t, summary: "arms" });
    insertDevelopment(db, { a: "CN", b: "RU", type: "talks", score: 1, firstSeenAt: t, summary: "talks, 3 sources", sources: src(3, "t3") });
    insertDevelopment(db, { a: "CN", b: "RU", type: "visit", score: 2, firstSeenAt: t, summary: "visit, higher score" });
    insertDevelopment(db, { a: "LA", b: "VN", type: "exercise", score: 1, firstSeenAt: t });
    insertDevelopment(db, { a: "KH", b: "CN", type: "exercise", score: 1, firstSeenAt: t });
    insertDevelopment(db, { a: "KH", b: "CN", type: "talks", score: 0, firstSeenAt: t });
    insertDevelopment(db, { a: "BY", b: "CN", type: "agreement", score: 3, firstSeenAt: t });
    const d = buildDigest(db, { countries, period: week });
    expect(d.pairs.find((p) => p.a === "CN")!.items.map((i) => i.summary)).toEqual(["visit, higher score", "arms", "talks, 3 sources", "talks, 1 source"]);
    // BY-CN has the top score; CN-RU next; KH-CN and LA-VN tie on their best, KH-CN has more developments
    expect(d.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(["BY-CN", "CN-RU", "CN-KH", "LA-VN"]);
  });

  it("counts an article once even when several spans of it support a development", () => {
    const db = testDb();
    const id = insertDevelopment(db, { a: "CN", b: "RU", firstSeenAt: "2024-10-15T00:00:00.000Z", sources: [{ url: "https://a.example/1", outlet: "A" }] });
    db.$client.prepare("insert into development_sources (development_id, article_id, extraction, sentence, span_start, span_end, added_at) select development_id, article_id, extraction, sentence, 50, 60, added_at from development_sources where development_id = ?").run(id);
    expect(buildDigest(db, { countries, period: week }).pairs[0]!.items[0]!.sources).toHaveLength(1);
  });

  it("covers only the watched pairs of a channel that watches some, and names the quiet ones", () => {
    const db = testDb();
    const t = "2024-10-16T00:00:00.000Z";
    insertDevelopment(db, { a: "CN", b: "BY", firstSeenAt: t });
    insertDevelopment(db, { a: "CN", b: "RU", firstSeenAt: t });
    insertDevelopment(db, { a: "US", b: "VN", firstSeenAt: t });
    insertWatch(db, "CWATCH", "BY", "CN");
    // a row stored in the other order (older data, another writer) still counts
    db.$client.prepare("insert into watches (channel, country_a, country_b, created_at) values ('CWATCH', 'RU', 'IN', '2024-01-01')").run();
    insertDevelopment(db, { a: "IN", b: "RU", firstSeenAt: "2024-09-01T00:00:00.000Z" }); // not this week
    const watched = buildDigest(db, { countries, period: week, channel: "CWATCH" });
    expect(watched.scope).toBe("watched");
    expect(watched.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(["BY-CN"]);
    expect(watched.quietWatched.map((p) => `${p.a}-${p.b}`)).toEqual(["IN-RU"]);
    const other = buildDigest(db, { countries, period: week, channel: "COTHER" });
    expect(other.scope).toBe("all");
    expect(other.pairs).toHaveLength(3);
    // unwatching everything returns the channel to all pairs
    db.$client.prepare("delete from watches where channel = 'CWATCH'").run();
    expect(buildDigest(db, { countries, period: week, channel: "CWATCH" }).pairs).toHaveLength(3);
  });

  it("is empty for a week with nothing", () => {
    const db = testDb();
    insertDevelopment(db, { a: "CN", b: "RU", firstSeenAt: "2024-09-01T00:00:00.000Z" });
    const d = buildDigest(db, { countries, period: week });
    expect(d.pairs).toEqual([]);
    expect(d.totalDevelopments).toBe(0);
  });
});

describe("narratives", () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => fake.close());

  const week = periodForWeek("2024-W42", TZ);
  const twoPairs = () => {
    const db = testDb();
    insertDevelopment(db, { a: "CN", b: "BY", type: "exercise", score: 2, summary: "China and Belarus held a joint exercise near Brest", firstSeenAt: "2024-10-15T00:00:00.000Z" });
    insertDevelopment(db, { a: "CN", b: "BY", type: "visit", score: 1, summary: "Belarus defense minister visited Beijing", firstSeenAt: "2024-10-15T00:00:00.000Z" });
    insertDevelopment(db, { a: "RU", b: "VN", type: "talks", score: 1, summary: "Russia and Vietnam held defense talks", firstSeenAt: "2024-10-14T00:00:00.000Z" });
    return buildDigest(db, { countries, period: week });
  };
  const settings = (timeoutMs = 5000) => ({ baseUrl: fake.baseUrl, model: "m", timeoutMs });

  it("adds a cited narrative built only from the given developments", async () => {
    const before = fake.requests.length;
    // a model that cites what it was given: two items → [1] and [2], one item → [1]
    fake.behave({
      kind: "answer",
      text: (req) => (req.messages.at(-1)!.content.includes("\n[2] ") ? "China and Belarus exercised near Brest [1] after a ministerial visit [2]." : "Talks were held [1]."),
    });
    const d = twoPairs();
    const rep = await addNarratives(d, { settings: settings() });
    expect(rep).toEqual({ written: 2, rejected: 0, failed: 0 });
    expect(d.pairs[0]!.narrative).toContain("[1]");
    const prompt = fake.requests[before]!.messages.at(-1)!.content;
    expect(prompt).toContain("[1] ");
    expect(prompt).toContain("joint exercise near Brest");
    expect(prompt).not.toContain("Russia and Vietnam"); // each pair sees only its own developments
  });

  it.each([
    ["cites a development that was not given", "They signed a treaty [7]."],
    ["cites nothing", "A busy week for both."],
    ["adds a link", "See https://evil.example [1]."],
  ])("rejects a narrative that %s and keeps the offline text", async (_n, text) => {
    fake.behave({ kind: "answer", text });
    const d = twoPairs();
    const rep = await addNarratives(d, { settings: settings() });
    expect(rep.rejected).toBe(2);
    expect(d.pairs.every((p) => p.narrative === null)).toBe(true);
  });

  it("falls back on a failure, and after a timeout stops calling the endpoint", async () => {
    fake.behave({ kind: "fail", status: 503 });
    const d1 = twoPairs();
    expect(await addNarratives(d1, { settings: settings() })).toEqual({ written: 0, rejected: 0, failed: 2 });
    fake.behave({ kind: "hang" });
    const before = fake.requests.length;
    const d2 = twoPairs();
    expect(await addNarratives(d2, { settings: settings(300) })).toEqual({ written: 0, rejected: 0, failed: 1 });
    expect(fake.requests.length - before).toBe(1);
    expect(d2.pairs.every((p) => p.narrative === null)).toBe(true);
  });

  it("acceptNarrative normalizes spaces", () => {
    expect(acceptNarrative("  Held drills [1]\n and talks [2]. ", 2)).toBe("Held drills [1] and talks [2].");
  });
});
