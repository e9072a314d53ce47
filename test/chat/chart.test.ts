/**
 * The activity chart through the chat core: real SQLite, the real SVG builder and the real resvg
 * renderer; the PNG is decoded and read (size, ink, one bar per period with data).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { chartStrings } from "../../src/chat/chart-strings.ts";
const CHART_STRINGS_EN = chartStrings("en");
import { svgToPng } from "../../src/chat/chart-png.ts";
import { CHART_FONT, CHART_SIZE, PLOT } from "../../src/chat/chart-svg.ts";
import { createChatCore, type ChatCore } from "../../src/chat/core.ts";
import { parseCommand } from "../../src/chat/parse.ts";
import type { Reply } from "../../src/chat/reply.ts";
import type { Db } from "../../src/db/client.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { testDb } from "../helpers/db.ts";
import { barsOnRow, decodePng, ink } from "../helpers/png.ts";
import { seedDevelopments, type SeedDevelopment } from "./seed.ts";

const gazetteer = loadGazetteer();
let db: Db;
let chat: ChatCore;

beforeEach(() => {
  db = testDb();
  chat = createChatCore({ timeline: createTimelineService(createTimelineRepo(db)), countries: gazetteer, watches: createWatchesRepo(db), botMessages: createBotMessagesRepo(db) });
});

const dev = (pair: [string, string], type: SeedDevelopment["type"], start: string, i = 0): SeedDevelopment => ({ pair, type, start, summary: `Development ${start} ${i}.`, sources: [{ url: `https://n.example/${pair.join("")}/${start}/${i}`, outlet: "N" }] });

/** Bars counted just above the x axis, inside the plot. */
const bars = (r: Reply) => barsOnRow(decodePng(r.image!.png), PLOT.baseline - 1, PLOT.left, PLOT.right);

describe("parse: chart", () => {
  it.each([
    ["china belarus chart", { kind: "chart", pair: { a: "BY", b: "CN" }, filter: {}, lang: "en" }],
    ["trung quốc belarus biểu đồ", { kind: "chart", pair: { a: "BY", b: "CN" }, filter: {}, lang: "vi" }],
    ["china belarus since 2020 exercises chart", { kind: "chart", pair: { a: "BY", b: "CN" }, filter: { since: "2020-01-01", type: "exercise" }, lang: "en" }],
  ])("%s", (text, want) => {
    expect(parseCommand(text, gazetteer)).toEqual(want);
  });

  it("a chart of one country explains that it needs two", () => {
    expect(parseCommand("china chart", gazetteer)).toMatchObject({ kind: "bad_option", key: "chart.needTwo", message: "A chart is of two countries, e.g. `/relations china russia chart`.", lang: "en" });
  });
});

describe("chat core: chart", () => {
  it("renders a PNG per quarter with one bar per quarter that has developments, the pair and span in its words", async () => {
    seedDevelopments(db, [
      dev(["CN", "BY"], "visit", "2021-02-10"),
      dev(["CN", "BY"], "exercise", "2021-03-01"),
      dev(["CN", "BY"], "agreement", "2022-07-05"),
      ...Array.from({ length: 9 }, (_, i) => dev(["CN", "BY"], "exercise", "2023-11-20", i)),
      dev(["CN", "BY"], "talks", "2024-05-01"),
      dev(["CN", "RU"], "patrol", "2024-06-01"),
    ]);
    const r = await chat.command("china belarus chart", { channel: "C1" });
    expect(r.image).toBeDefined();
    const img = decodePng(r.image!.png);
    expect([img.width, img.height]).toEqual([CHART_SIZE.width, CHART_SIZE.height]);
    expect(ink(img)).toBeGreaterThan(5000);
    expect(bars(r)).toBe(4); // 2021Q1, 2022Q3, 2023Q4, 2024Q2
    expect(r.image!.title).toBe("Belarus – China: developments per quarter, 2021–2024");
    expect(r.image!.alt).toContain("latest quarter: Q2 2024 with 1");
    expect(r.image!.filename).toBe("relations-by-cn-quarter.png");
    expect(r.actions.map((a) => a.id)).toEqual(["chart"]);
  });

  it("counts per year when the span is over 8 years: one bar per year with developments", async () => {
    seedDevelopments(db, ["2001-05-01", "2001-09-01", "2005-01-01", "2012-12-12", "2024-02-02"].map((d, i) => dev(["KP", "RU"], i % 2 ? "arms" : "visit", d, i)));
    const r = await chat.command("north korea russia chart", {});
    expect(r.image!.title).toContain("per year, 2001–2024");
    expect(bars(r)).toBe(4);
  });

  it("keeps the filters: since and type narrow what is charted", async () => {
    seedDevelopments(db, [dev(["CN", "BY"], "visit", "2019-01-01"), dev(["CN", "BY"], "exercise", "2020-01-01"), dev(["CN", "BY"], "exercise", "2024-01-01")]);
    const r = await chat.command("china belarus exercises chart", {});
    expect(bars(r)).toBe(2);
    expect(r.image!.alt).toContain("Bar chart of 2 defense-cooperation developments");
  });

  it("an empty pair gets a text answer, not an image", async () => {
    const r = await chat.command("china belarus chart", {});
    expect(r.image).toBeUndefined();
    expect(r.items[0]!.text).toBe(CHART_STRINGS_EN.empty("Belarus", "China", ""));
  });

  it("the Chart button of a timeline gives the same chart; a stale value gives null", async () => {
    seedDevelopments(db, [dev(["CN", "BY"], "visit", "2024-01-01"), dev(["CN", "BY"], "talks", "2024-04-01")]);
    const timeline = await chat.command("china belarus", {});
    const button = timeline.actions.find((a) => a.id === "chart")!;
    expect(button.label).toBe(CHART_STRINGS_EN.button);
    const r = (await chat.chart(button.value))!;
    expect(bars(r)).toBe(2);
    expect(await chat.chart("not ours")).toBeNull();
  });
});

describe("chart font", () => {
  const svgText = (t: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60"><text x="10" y="40" font-size="28" font-family="${CHART_FONT}">${t}</text></svg>`;
  const inkOf = (t: string) => ink(decodePng(svgToPng(svgText(t))));

  it("renders Vietnamese diacritics with the bundled font (no system fonts)", () => {
    expect(inkOf("")).toBe(0);
    // each diacritic adds ink: "ệ" has the circumflex and the dot below over "e"
    expect(inkOf("ệ")).toBeGreaterThan(inkOf("ê"));
    expect(inkOf("ê")).toBeGreaterThan(inkOf("e"));
    expect(inkOf("e")).toBeGreaterThan(0);
    expect(inkOf("Việt Nam – Trung Quốc")).toBeGreaterThan(inkOf("Viet Nam – Trung Quoc"));
  });
});
