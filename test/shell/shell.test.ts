/** The shell driven through its stdin/stdout streams, on a real in-memory database. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { chartStrings } from "../../src/chat/chart-strings.ts";
const CHART_STRINGS_EN = chartStrings("en");
import { PLOT } from "../../src/chat/chart-svg.ts";
import { chartDirFor } from "../../src/main.ts";
import { barsOnRow, decodePng } from "../helpers/png.ts";
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { createChatCore, type ChatCoreDeps } from "../../src/chat/core.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import type { Db } from "../../src/db/client.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { runShell } from "../../src/shell/shell.ts";
import { testDb } from "../helpers/db.ts";
import { seedDevelopments, seedMany } from "../chat/seed.ts";

/** Runs the shell over `lines` and returns everything it printed. */
async function session(db: Db, lines: string[], extra: Partial<ChatCoreDeps> = {}): Promise<string> {
  const chat = createChatCore({
    timeline: createTimelineService(createTimelineRepo(db)),
    countries: loadGazetteer(),
    watches: createWatchesRepo(db),
    botMessages: createBotMessagesRepo(db),
    pageSize: 5,
    ...extra,
  });
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.on("data", (c: Buffer) => (out += c.toString("utf8")));
  const done = runShell({ chat, input, output, prompt: "> " });
  for (const l of lines) input.write(l + "\n");
  input.end();
  await done;
  return out;
}

describe("terminal shell: chart", () => {
  it("/relations a b chart writes the PNG to the chart folder and prints its path; an empty pair is answered in text", async () => {
    const db = testDb();
    seedMany(db, ["CN", "BY"], 14);
    const dir = join(mkdtempSync(join(tmpdir(), "relations-shell-")), "charts");
    const chat = createChatCore({ timeline: createTimelineService(createTimelineRepo(db)), countries: loadGazetteer(), watches: createWatchesRepo(db), botMessages: createBotMessagesRepo(db) });
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (c: Buffer) => (out += c.toString("utf8")));
    const done = runShell({ chat, input, output, prompt: "", chartDir: dir });
    input.end("/relations china belarus chart\n/relations china russia chart\n");
    await done;
    const path = join(dir, "relations-by-cn-quarter.png");
    expect(out).toContain(CHART_STRINGS_EN.shellWritten(path));
    const img = decodePng(readFileSync(path));
    expect([img.width, img.height]).toEqual([960, 540]);
    // 14 monthly developments, Dec 2024 back to Nov 2023: 2023Q4 and the four quarters of 2024
    expect(barsOnRow(img, PLOT.baseline - 1, PLOT.left, PLOT.right)).toBe(5);
    expect(out).toContain(CHART_STRINGS_EN.empty("China", "Russia", ""));
  });

  it.each([
    ["en", "/relations china belarus chart", "Activity chart: Belarus – China, 14 developments, 2023–2024.", "Chart written to "],
    ["vi", "/relations trung quốc belarus biểu đồ", "Biểu đồ hoạt động: Belarus – Trung Quốc, 14 sự kiện, 2023–2024.", "Đã ghi biểu đồ vào "],
  ])("the chart's lines in %s", async (_l, line, caption, written) => {
    const db = testDb();
    seedMany(db, ["CN", "BY"], 14);
    const dir = join(mkdtempSync(join(tmpdir(), "relations-shell-")), "charts");
    const chat = createChatCore({ timeline: createTimelineService(createTimelineRepo(db)), countries: loadGazetteer(), watches: createWatchesRepo(db), botMessages: createBotMessagesRepo(db) });
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (c: Buffer) => (out += c.toString("utf8")));
    const done = runShell({ chat, input, output, prompt: "", chartDir: dir });
    input.end(line + "\n");
    await done;
    expect(out).toContain(`${caption}\n${written}${join(dir, "relations-by-cn-quarter.png")}`);
  });

  it("charts go beside the database file, or to the temp folder for an in-memory one", () => {
    expect(chartDirFor("/srv/relations/data/relations.db")).toBe("/srv/relations/data/charts");
    expect(chartDirFor(":memory:")).toBe(join(tmpdir(), "relations-charts"));
  });
});

describe("terminal shell", () => {
  it("answers /relations with a text timeline, pages with more, and takes thread replies", async () => {
    const db = testDb();
    seedDevelopments(db, [
      { pair: ["CN", "BY"], type: "exercise", start: "2024-07-08", end: "2024-07-19", summary: "Joint exercise near Brest.", sources: [{ url: "https://a.example/1", outlet: "Xinhua" }] },
    ]);
    seedMany(db, ["KP", "RU"], 7);
    const out = await session(db, ["/relations china belarus", "relations north korea russia", "more", "more", "> when did they last drill?", "reply 1 any arms deals?", "reply 9 hi", "quit", "/relations help"]);
    expect(out).toContain("[#1] Belarus – China\n");
    expect(out).toContain("* 8–19 Jul 2024 · Exercise\n  Joint exercise near Brest.\n  Xinhua <https://a.example/1>");
    expect(out).toContain("[#2] North Korea – Russia");
    expect(out).toContain("showing 1–5");
    expect(out).toContain("[#3] North Korea – Russia");
    expect(out).toContain("showing 6–7");
    expect(out).toContain("Nothing older");
    expect(out.match(/Follow-up questions are not available yet\./g)).toHaveLength(2);
    expect(out).toContain("There is no answer #9.");
    // "quit" ends the session: the command after it is never answered.
    expect(out).not.toContain("How to use /relations");
  });

  it.each([
    ["help for the shell", "help", "more                          older entries"],
    ["relations help", "/relations help", "How to use /relations"],
    ["unknown name", "/relations china belaru", 'I don\'t know the country "belaru". Did you mean Belarus'],
    ["empty pair", "/relations vietnam laos", "Nothing yet between Laos and Vietnam"],
    ["a reply before any answer", "> hello", "Ask for a timeline first"],
    ["unknown shell command", "dance", 'I don\'t know "dance"'],
  ])("%s", async (_n, line, want) => {
    expect(await session(testDb(), [line])).toContain(want);
  });

  it("hands the numbered answer's context to the follow-up answerer", async () => {
    const db = testDb();
    seedMany(db, ["CN", "RU"], 2);
    const seen: string[] = [];
    const out = await session(db, ["/relations china russia exercises", "> sources?"], {
      followUp: async (ctx, text) => {
        seen.push(`${ctx.pair?.a}-${ctx.pair?.b} ${ctx.type} ${text}`);
        return { ephemeral: false, items: [{ text: "From the sources: nothing more." }], actions: [] };
      },
    });
    expect(seen).toEqual(["CN-RU exercise sources?"]);
    expect(out).toContain("From the sources: nothing more.");
  });

  it("apologizes and goes on when a command fails", async () => {
    const db = testDb();
    const chat = createChatCore({
      timeline: createTimelineService(createTimelineRepo(db)),
      countries: loadGazetteer(),
      watches: createWatchesRepo(db),
      botMessages: createBotMessagesRepo(db),
    });
    db.$client.close();
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (c: Buffer) => (out += c.toString()));
    const done = runShell({ chat, input, output });
    input.end("/relations china russia\nhelp\n");
    await done;
    expect(out).toContain("Sorry, something went wrong");
    expect(out).toContain("Commands:");
  });
});

describe("terminal shell in Vietnamese", () => {
  it("answers a Vietnamese command in Vietnamese, pages in it, and /relations lang vi turns English commands and its own lines Vietnamese", async () => {
    const db = testDb();
    seedDevelopments(db, [
      { pair: ["CN", "BY"], type: "exercise", start: "2024-07-08", end: "2024-07-19", summary: "Joint exercise near Brest.", actorCountry: "CN", sources: [{ url: "https://a.example/1", outlet: "Xinhua" }] },
    ]);
    seedMany(db, ["KP", "RU"], 7);
    const { gazetteerPort } = await import("../../src/analyze/gazetteer-port.ts");
    const { summarizeVi } = await import("../../src/analyze/summary-vi.ts");
    const { createChannelSettingsRepo } = await import("../../src/db/channel-settings.repo.ts");
    const port = gazetteerPort(loadGazetteer());
    const out = await session(db, ["/relations trung quốc belarus", "/relations triều tiên nga", "more", "/relations lang vi", "/relations china belarus", "reply 9 hi", "quit"], {
      settings: createChannelSettingsRepo(db),
      summarize: (f, lang) => (lang === "vi" ? summarizeVi(f, port) : f.summary),
    });
    expect(out).toContain("[#1] Belarus – Trung Quốc\n");
    expect(out).toContain("* 8–19/7/2024 · Tập trận\n  Trung Quốc và Belarus đã tổ chức tập trận chung.\n  Xinhua <https://a.example/1>");
    expect(out).toContain("(> câu hỏi: hỏi tiếp về #1)");
    expect(out).toContain("[#2] Triều Tiên – Nga");
    expect(out).toContain("đang xem 1–5");
    expect(out).toContain("(more: các mục cũ hơn · > câu hỏi: hỏi tiếp về #2)");
    expect(out).toContain("[#3] Triều Tiên – Nga");
    expect(out).toContain("đang xem 6–7");
    expect(out).toContain("Từ nay kênh này nhận câu trả lời bằng tiếng Việt");
    expect(out).toContain("[#4] Belarus – Trung Quốc\n");
    expect(out).toContain("Không có câu trả lời #9.");
    expect(out).not.toContain("Nothing yet");
  });
});
