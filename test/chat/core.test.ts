import { beforeEach, describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { createChatCore, type ChatCore } from "../../src/chat/core.ts";
import type { Reply } from "../../src/chat/reply.ts";
import { decodeTopic } from "../../src/chat/topic.ts";
import type { Db } from "../../src/db/client.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { testDb } from "../helpers/db.ts";
import { nextCronFire } from "../../src/jobs/digest.ts";
import { seedDevelopments, seedMany } from "./seed.ts";

const clock = () => new Date("2024-11-01T00:00:00Z");

function makeCore(db: Db, pageSize = 10): ChatCore {
  return createChatCore({
    timeline: createTimelineService(createTimelineRepo(db), { clock }),
    countries: loadGazetteer(),
    watches: createWatchesRepo(db),
    botMessages: createBotMessagesRepo(db),
    clock,
    pageSize,
  });
}

const text = (r: Reply) => r.items.map((i) => i.text).join("\n");

describe("chat core: timeline", () => {
  let db: Db;
  let chat: ChatCore;
  beforeEach(() => {
    db = testDb();
    chat = makeCore(db);
    seedDevelopments(db, [
      { pair: ["CN", "BY"], type: "exercise", start: "2024-07-08", end: "2024-07-19", summary: "China and Belarus held the Eagle Assault exercise near Brest.", sources: [{ url: "https://a.example/1", outlet: "Xinhua" }, { url: "https://b.example/2", outlet: "BelTA" }] },
      { pair: ["BY", "CN"], type: "visit", start: "2023-08-01", end: "2023-08-31", precision: "month", summary: "The Belarusian defence minister visited Beijing.", sources: [{ url: "https://a.example/3", outlet: null }] },
      { pair: ["CN", "BY"], type: "agreement", start: "2018-01-01", end: "2018-12-31", precision: "year", status: "announced", summary: "An agreement on military aid was announced.", sources: [{ url: "https://a.example/1", outlet: "Xinhua" }] },
      { pair: ["CN", "RU"], type: "patrol", start: "2024-10-14", summary: "Joint naval patrol.", sources: [{ url: "https://c.example/4", outlet: "TASS" }] },
    ]);
  });

  it("answers a pair newest first, dates at their precision, links labelled by outlet", async () => {
    const r = await chat.command("china belarus", { channel: "C1", user: "U1" });
    expect(r.ephemeral).toBe(true);
    expect(r.header).toBe("Belarus – China");
    expect(r.context).toBe("3 developments from 3 sources · last updated 20 Oct 2024");
    expect(r.items.map((i) => i.lead)).toEqual(["8–19 Jul 2024 · Exercise", "Aug 2023 · Visit", "2018 · Agreement (announced)"]);
    expect(r.items[0]!.links).toEqual([
      { url: "https://a.example/1", label: "Xinhua" },
      { url: "https://b.example/2", label: "BelTA" },
    ]);
    // An article with no outlet is labelled by its host.
    expect(r.items[1]!.links).toEqual([{ url: "https://a.example/3", label: "a.example" }]);
    expect(r.actions.map((a) => a.id)).toEqual(["share", "chart"]);
  });

  it("the same answer for any spelling of the pair", async () => {
    const a = await chat.command("china belarus", {});
    const b = await chat.command("Belarus PRC", {});
    const c = await chat.command("BY CN", {});
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    // a Vietnamese name, with or without diacritics, answers the same developments in Vietnamese
    const vi = await chat.command("Belarus Trung Quốc", {});
    expect(await chat.command("belarus trung quoc", {})).toEqual(vi);
    expect(vi.header).toBe("Belarus – Trung Quốc");
    expect(vi.items.map((i) => i.links)).toEqual(a.items.map((i) => i.links));
  });

  it.each([
    ["type filter", "china belarus exercises", ["8–19 Jul 2024 · Exercise"], "Belarus – China · exercises"],
    ["since filter", "china belarus since 2023-06", ["8–19 Jul 2024 · Exercise", "Aug 2023 · Visit"], "Belarus – China · since 1 Jun 2023"],
    ["vietnamese type", "trung quốc belarus thăm", ["tháng 8/2023 · Thăm"], "Belarus – Trung Quốc · chuyến thăm"],
    ["vietnamese since", "belarus trung quoc từ năm 2023", ["8–19/7/2024 · Tập trận", "tháng 8/2023 · Thăm"], "Belarus – Trung Quốc · từ 1/1/2023"],
  ])("%s", async (_n, q, leads, header) => {
    const r = await chat.command(q, {});
    expect(r.items.map((i) => i.lead)).toEqual(leads);
    expect(r.header).toBe(header);
  });

  it.each([
    ["a pair with nothing", "china vietnam", /Nothing yet between China and Vietnam/],
    ["a filter with nothing", "china belarus patrols", /Nothing yet between Belarus and China for patrols/],
    ["the same country twice", "china trung quoc", /That's China twice/],
    ["an unknown name", "china belaru", /I don't know the country "belaru"\. Did you mean Belarus/],
    ["a bad date", "china belarus since last week", /since 2023/],
  ])("%s gets a friendly ephemeral answer", async (_n, q, re) => {
    const r = await chat.command(q, {});
    expect(r.ephemeral).toBe(true);
    expect(text(r)).toMatch(re);
    expect(r.actions).toEqual([]);
  });

  it("help", async () => {
    for (const q of ["", "help"]) {
      const r = await chat.command(q, {});
      expect(r.header).toBe("How to use /relations");
      expect(r.items.some((i) => i.lead?.includes("since 2023"))).toBe(true);
    }
  });

  it("lists a country's partners with counts by type and the latest date", async () => {
    const r = await chat.command("China", {});
    expect(r.header).toBe("China: defense cooperation partners");
    expect(r.context).toBe("2 partners · 4 developments");
    expect(r.items).toEqual([
      { lead: "Belarus", text: "3 — 1 visit, 1 exercise, 1 agreement · latest 8–19 Jul 2024" },
      { lead: "Russia", text: "1 — 1 patrol · latest 14 Oct 2024" },
    ]);
    const vi = await chat.command("Trung Quốc", {});
    expect(vi.header).toBe("Trung Quốc: các đối tác hợp tác quốc phòng");
    expect(vi.context).toBe("2 đối tác · 4 sự kiện");
    expect(vi.items).toEqual([
      { lead: "Belarus", text: "3 — 1 chuyến thăm, 1 cuộc tập trận, 1 thỏa thuận · gần nhất 8–19/7/2024" },
      { lead: "Nga", text: "1 — 1 cuộc tuần tra · gần nhất 14/10/2024" },
    ]);
  });

  it("totals follow new developments (the cache is keyed by the data)", async () => {
    const before = await chat.command("china russia", {});
    expect(before.context).toMatch(/^1 development from 1 source/);
    seedDevelopments(db, [{ pair: ["RU", "CN"], type: "exercise", start: "2024-10-20", summary: "Drill.", sources: [{ url: "https://c.example/5", outlet: "TASS" }] }]);
    const after = await chat.command("china russia", {});
    expect(after.context).toMatch(/^2 developments from 2 sources/);
  });
});

describe("chat core: paging", () => {
  it("walks 25 developments in pages of 10 without gaps or repeats", async () => {
    const db = testDb();
    const chat = makeCore(db, 10);
    seedMany(db, ["KP", "RU"], 25);
    const seen: string[] = [];
    let r = await chat.command("north korea russia", {});
    const contexts = [r.context];
    seen.push(...r.items.map((i) => i.text));
    for (;;) {
      const older = r.actions.find((a) => a.id === "older");
      if (!older) break;
      expect(older.value.length).toBeLessThan(200);
      r = chat.older(older.value)!;
      contexts.push(r.context);
      seen.push(...r.items.map((i) => i.text));
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `Development number ${i + 1} between the two.`));
    expect(contexts).toEqual([
      "25 developments from 25 sources · last updated 20 Oct 2024 · showing 1–10",
      "25 developments from 25 sources · last updated 20 Oct 2024 · showing 11–20",
      "25 developments from 25 sources · last updated 20 Oct 2024 · showing 21–25",
    ]);
  });

  it("rejects button values that are not ours", () => {
    const chat = makeCore(testDb());
    for (const v of ["", "{", '{"a":"x"}', '{"a":"CN","b":"RU","c":"drop table"}', "null"]) {
      expect(chat.older(v)).toBeNull();
      expect(chat.shared(v)).toBeNull();
    }
  });
});

describe("chat core: share and threads", () => {
  it("the shared version is for everyone, and its message gets a thread context", async () => {
    const db = testDb();
    const chat = makeCore(db, 10);
    seedMany(db, ["KP", "RU"], 12);
    const r = await chat.command("north korea russia since 2023 exercises", { channel: "C1" });
    const share = r.actions.find((a) => a.id === "share")!;
    const shared = chat.shared(share.value)!;
    expect(shared.ephemeral).toBe(false);
    expect(shared.actions.map((a) => a.id)).toEqual(["chart"]);
    expect(shared.items).toEqual(r.items);
    chat.recordPosted("C1", "1700000000.000200", shared.topic!);
    const ctx = chat.threadContext("C1", "1700000000.000200");
    expect(ctx).toMatchObject({ kind: "timeline", pair: { a: "KP", b: "RU" }, since: "2023-01-01", type: "exercise", channel: "C1", threadTs: "1700000000.000200" });
    expect(ctx!.cursor).toMatch(/^2024-03-10:\d+$/);
    expect(chat.threadContext("C1", "1700000000.999999")).toBeNull();
    expect(chat.threadContext("C2", "1700000000.000200")).toBeNull();
    expect(text(await chat.followUp(ctx!, "when?"))).toBe("Follow-up questions are not available yet.");
    expect(decodeTopic(share.value)).toMatchObject({ pair: { a: "KP", b: "RU" }, since: "2023-01-01", type: "exercise" });
  });

  it("passes thread context and text to a plugged-in answerer", async () => {
    const db = testDb();
    const calls: unknown[] = [];
    const chat = createChatCore({
      timeline: createTimelineService(createTimelineRepo(db)),
      countries: loadGazetteer(),
      watches: createWatchesRepo(db),
      botMessages: createBotMessagesRepo(db),
      followUp: async (context, q) => {
        calls.push([context.pair, q]);
        return { ephemeral: false, items: [{ text: "answered" }], actions: [] };
      },
    });
    const r = await chat.followUp({ kind: "timeline", pair: { a: "BY", b: "CN" }, since: null, until: null, type: null, cursor: null }, "any arms deals?");
    expect(text(r)).toBe("answered");
    expect(calls).toEqual([[{ a: "BY", b: "CN" }, "any arms deals?"]]);
  });
});

describe("chat core: watches", () => {
  it("watch, watching and unwatch store rows per channel", async () => {
    const db = testDb();
    const chat = makeCore(db);
    expect(text(await chat.command("watch china belarus", { channel: "C1", user: "U1" }))).toMatch(/now watches Belarus – China/);
    expect(text(await chat.command("watch belarus PRC", { channel: "C1", user: "U1" }))).toMatch(/already watches/);
    await chat.command("watch north korea russia", { channel: "C1", user: "U1" });
    await chat.command("watch china russia", { channel: "C2", user: "U2" });
    const w = await chat.command("watching", { channel: "C1" });
    expect(w.items.map((i) => i.text)).toEqual(["Belarus – China", "North Korea – Russia"]);
    expect(createWatchesRepo(db).listAll().map((r) => `${r.channel} ${r.pair.a}-${r.pair.b} ${r.createdBy}`)).toEqual([
      "C1 BY-CN U1",
      "C1 KP-RU U1",
      "C2 CN-RU U2",
    ]);
    expect(text(await chat.command("unwatch china belarus", { channel: "C1" }))).toMatch(/no longer watches Belarus – China/);
    expect(text(await chat.command("unwatch china belarus", { channel: "C1" }))).toMatch(/was not watching/);
    expect((await chat.command("watching", { channel: "C1" })).items.map((i) => i.text)).toEqual(["North Korea – Russia"]);
    expect(text(await chat.command("watching", { channel: "C3" }))).toMatch(/watches no pair yet/);
  });
});

describe("chat core: when the watched pairs' digest comes", () => {
  it("in Slack, watch and watching say when the next digest comes, in the digest's time zone", async () => {
    const db = testDb();
    const tz = "Asia/Ho_Chi_Minh";
    const chat = createChatCore({
      timeline: createTimelineService(createTimelineRepo(db), { clock }),
      countries: loadGazetteer(),
      watches: createWatchesRepo(db),
      botMessages: createBotMessagesRepo(db),
      clock,
      nextDigest: () => ({ at: nextCronFire("0 8 * * 1", tz, clock())!, tz }),
    });
    // Friday 1 Nov 2024: the next Monday 08:00 in Hanoi
    expect(text(await chat.command("watch china belarus", { channel: "C9", user: "U1" }))).toContain("The next one comes Mon, 4 Nov 2024, 08:00 (Asia/Ho_Chi_Minh).");
    const w = await chat.command("watching", { channel: "C9" });
    expect(w.footer).toContain("This channel gets a weekly digest of these pairs. The next one comes Mon, 4 Nov 2024, 08:00 (Asia/Ho_Chi_Minh).");
  });

  it("in the shell, says that digests are posted in Slack", async () => {
    const chat = makeCore(testDb());
    expect(text(await chat.command("watch china belarus", { channel: "shell" }))).toContain("posted when the app runs in Slack");
  });
});

