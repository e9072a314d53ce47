import { describe, expect, it } from "vitest";
import { formatItemDate, formatPeriod, renderDigestPlan, renderDigestText, type DigestMessage } from "../../src/slack/digest-blocks.ts";
import { periodForWeek, type Digest, type DigestItem, type DigestPairEntry } from "../../src/services/digest.ts";
import { blockKitViolations, findMentions } from "../helpers/slack-limits.ts";
import { EVENT_TYPES } from "../../src/domain/types.ts";
import { ACTION_IDS } from "../../src/slack/render.ts";
import { decodeTopic } from "../../src/chat/topic.ts";

const period = periodForWeek("2024-W42", "Asia/Ho_Chi_Minh");

function item(n: number, over: Partial<DigestItem> = {}): DigestItem {
  return {
    id: n,
    type: EVENT_TYPES[n % EVENT_TYPES.length]!,
    status: "held",
    dateStart: "2024-10-15",
    dateEnd: "2024-10-15",
    datePrecision: "day",
    summary: `Development number ${n}`,
    score: 1,
    firstSeenAt: "2024-10-15T00:00:00.000Z",
    sources: [{ url: `https://news.example/${n}`, outlet: "Example", title: `Title ${n}` }],
    ...over,
  };
}

function pair(i: number, items: DigestItem[]): DigestPairEntry {
  const a = `A${String.fromCharCode(65 + (i % 26))}`;
  const b = `B${String.fromCharCode(65 + Math.floor(i / 26))}`;
  return { a, b, nameA: `Country ${a} with a rather long official name`, nameB: `Country ${b}`, items, narrative: null };
}

function digest(pairs: DigestPairEntry[], over: Partial<Digest> = {}): Digest {
  return { period, channel: "C1", scope: "all", pairs, quietWatched: [], totalDevelopments: pairs.reduce((n, p) => n + p.items.length, 0), older: [], ...over };
}

function allMessages(plan: { parent: DigestMessage; replies: DigestMessage[] }): DigestMessage[] {
  return [plan.parent, ...plan.replies];
}

const longText = (n: number) => "Lorem ipsum dolor sit amet & more ".repeat(Math.ceil(n / 34)).slice(0, n);

describe("formatting", () => {
  it.each([
    ["same month", { startDate: "2024-10-14", endDate: "2024-10-20" }, "14–20 Oct 2024"],
    ["across months", { startDate: "2024-10-28", endDate: "2024-11-03" }, "28 Oct – 3 Nov 2024"],
    ["across years", { startDate: "2024-12-30", endDate: "2025-01-05" }, "30 Dec 2024 – 5 Jan 2025"],
  ])("period %s", (_n, p, want) => expect(formatPeriod(p)).toBe(want));

  it.each([
    ["day", { dateStart: "2024-10-14", dateEnd: "2024-10-14", datePrecision: "day" as const }, "14 Oct 2024"],
    ["day range", { dateStart: "2024-10-14", dateEnd: "2024-10-17", datePrecision: "day" as const }, "14–17 Oct 2024"],
    ["month", { dateStart: "2023-08-01", dateEnd: "2023-08-31", datePrecision: "month" as const }, "Aug 2023"],
    ["year", { dateStart: "2018-01-01", dateEnd: "2018-12-31", datePrecision: "year" as const }, "2018"],
  ])("item date at %s precision", (_n, it_, want) => expect(formatItemDate(it_)).toBe(want));
});

describe("renderDigestPlan", () => {
  it("puts a header with the period, a section per pair with its count and top items, and the detail in the thread", () => {
    const d = digest([pair(0, [item(1, { score: 3 }), item(2), item(3), item(4)]), pair(1, [item(5)])]);
    const plan = renderDigestPlan(d, "dg-nonce-1");
    const [head, ctx, s1, s2] = plan.parent.blocks as any[];
    expect(head.type).toBe("header");
    expect(head.text.text).toContain("14–20 Oct 2024");
    expect(ctx.elements[0].text).toContain("5 new developments across 2 pairs");
    expect(s1.text.text).toContain("4 new developments");
    expect(s1.text.text).toContain("<https://news.example/1|Example>");
    expect(s1.text.text).toContain("+1 more in the thread");
    expect(s1.text.text).not.toContain("Development number 4");
    expect(s2.text.text).toContain("1 new development");
    expect(JSON.stringify(plan.parent.blocks)).toContain("dg-nonce-1");
    expect(plan.replies.map((r) => r.key)).toEqual(["AA-BA#1", "AB-BA#1"]);
    expect(JSON.stringify(plan.replies[0]!.blocks)).toContain("Development number 4");
    expect(plan.quiet).toBe(false);
  });

  it("ends each pair's thread reply (its last part) with a Chart button for that pair", () => {
    const plan = renderDigestPlan(digest([pair(0, Array.from({ length: 5 }, (_, i) => item(i))), pair(1, [item(9)])]), "n", { itemsPerReply: 3 });
    const chartButtons = (m: DigestMessage) => (m.blocks as any[]).flatMap((b) => (b.type === "actions" ? b.elements : [])).filter((e: any) => e.action_id === ACTION_IDS.chart);
    expect(plan.replies.map((r) => [r.key, chartButtons(r).length])).toEqual([["AA-BA#1", 0], ["AA-BA#2", 1], ["AB-BA#1", 1]]);
    expect((plan.replies[1]!.blocks as any[]).at(-1).type).toBe("actions");
    expect(decodeTopic(chartButtons(plan.replies[2]!)[0].value)?.pair).toEqual({ a: "AB", b: "BA" });
    expect(chartButtons(plan.parent)).toEqual([]);
    for (const m of allMessages(plan)) expect(blockKitViolations(m)).toEqual([]);
  });

  it("renders a quiet week", () => {
    const plan = renderDigestPlan(digest([]), "n");
    expect(plan.quiet).toBe(true);
    expect(plan.replies).toEqual([]);
    expect(JSON.stringify(plan.parent.blocks)).toContain("Quiet week");
    expect(plan.parent.text).toContain("Quiet week");
  });

  it("keeps every message of a 60-pair week within Block Kit limits and summarizes the overflow", () => {
    const pairs = Array.from({ length: 60 }, (_, i) =>
      pair(
        i,
        Array.from({ length: 5 }, (_, k) =>
          item(i * 10 + k, {
            summary: longText(900),
            sources: Array.from({ length: 12 }, (_, s) => ({ url: `https://outlet${s}.example/a/${i}/${k}?q=${"x".repeat(80)}`, outlet: `Outlet ${s} with a long name`, title: longText(200) })),
          }),
        ),
      ),
    );
    const plan = renderDigestPlan(digest(pairs, { quietWatched: pairs.map((p) => ({ a: p.a, b: p.b, nameA: p.nameA, nameB: p.nameB })) }), "dg-x");
    for (const m of allMessages(plan)) expect(blockKitViolations(m as any), m.key).toEqual([]);
    const parentJson = JSON.stringify(plan.parent.blocks);
    expect(parentJson).toContain("…and 45 more pairs");
    // the first 50 pairs get their full detail in the thread, the other 10 one line each
    const detailed = new Set(plan.replies.filter((r) => r.pair).map((r) => r.key.split("#")[0]));
    expect(detailed.size).toBe(50);
    const more = plan.replies.filter((r) => r.key.startsWith("more#"));
    expect(more.length).toBeGreaterThanOrEqual(1);
    const moreJson = JSON.stringify(more);
    for (const p of pairs.slice(50)) expect(moreJson).toContain(p.nameA);
    expect(moreJson).toContain("…and 10 more pairs of the 60");
  });

  it("keeps a week with 800 pairs to a bounded thread, every message within limits", () => {
    const pairs = Array.from({ length: 800 }, (_, i) => ({ ...pair(i % 676, [item(i, { summary: longText(400) })]), a: `P${i}`, nameA: `Country number ${i}` }));
    const plan = renderDigestPlan(digest(pairs), "n");
    for (const m of allMessages(plan)) expect(blockKitViolations(m as any), m.key).toEqual([]);
    expect(plan.replies.length).toBeLessThan(80);
    const all = JSON.stringify(plan.replies);
    // every pair is named somewhere in the thread (detailed or in short)
    for (const p of pairs) expect(all).toContain(`${p.nameA} – `);
  });

  it("splits a pair with many developments over several replies and points to /relations beyond them", () => {
    const many = Array.from({ length: 130 }, (_, k) => item(k, { summary: longText(1400) }));
    const plan = renderDigestPlan(digest([pair(0, many)]), "n", { maxRepliesPerPair: 3 });
    expect(plan.replies.map((r) => r.key)).toEqual(["AA-BA#1", "AA-BA#2", "AA-BA#3"]);
    for (const m of allMessages(plan)) expect(blockKitViolations(m as any)).toEqual([]);
    const shown = new Set(JSON.stringify(plan.replies).match(/\[\d+\] 15 Oct/g));
    expect(shown.size).toBeGreaterThan(10);
    const last = JSON.stringify(plan.replies.at(-1)!.blocks);
    expect(last).toContain(`…and ${130 - shown.size} more developments`);
    expect(last).toContain("/relations aa ba");
  });

  it("with real-length URLs, a 10-pair parent and a 20-item reply stay under Slack's total size (msg_blocks_too_long)", () => {
    const url = (i: number, k: number, s: number) => `https://www.example-news-outlet-${s}.com/world/asia-pacific/2024/10/14/defense-ministers-meet-in-minsk-joint-${i}-${k}-${s}.html`;
    expect(url(1, 1, 1).length).toBeGreaterThan(110);
    const pairs = Array.from({ length: 10 }, (_, i) =>
      pair(
        i,
        Array.from({ length: 20 }, (_, k) =>
          item(i * 100 + k, {
            summary: `The defense ministers met and agreed on a joint exercise, number ${k}, with a long description of what was agreed.`,
            sources: Array.from({ length: 10 }, (_, s) => ({ url: url(i, k, s), outlet: `Outlet ${s}`, title: `Defense ministers meet in Minsk to agree on exercise ${k} and more` })),
          }),
        ),
      ),
    );
    const plan = renderDigestPlan(digest(pairs), "dg-real");
    for (const m of allMessages(plan)) expect(blockKitViolations(m as any), m.key).toEqual([]);
    const parent = JSON.stringify(plan.parent.blocks);
    for (const p of pairs) expect(parent).toContain(p.nameA);
    // every development of a pair is in its replies, the thread taking as many as it needs
    for (const p of pairs) {
      const mine = JSON.stringify(plan.replies.filter((r) => r.key.startsWith(`${p.a}-${p.b}#`)));
      for (let k = 1; k <= 20; k++) expect(mine).toContain(`[${k}] 15 Oct 2024`);
    }
  });

  it("no raw <…> in the overflow line: Slack would read it as markup", () => {
    const pairs = Array.from({ length: 55 }, (_, i) => pair(i, [item(i)]));
    const plan = renderDigestPlan(digest(pairs), "n");
    const texts = allMessages(plan).flatMap((m) => JSON.stringify(m.blocks).match(/<[^h!@#][^>]*>/g) ?? []);
    expect(texts).toEqual([]);
    expect(JSON.stringify(plan.replies.at(-1)!.blocks)).toContain("/relations country");
  });

  it("escapes mrkdwn in every stored text, so nothing can ping or fake a link", () => {
    const evil = item(1, {
      summary: "<!channel> urgent <@U123> & <https://phish.example|click>",
      sources: [
        { url: "https://ok.example/a", outlet: "<!here>", title: "<!everyone> title" },
        { url: "javascript:alert(1)", outlet: "JS", title: "bad" },
      ],
    });
    const p = { ...pair(0, [evil]), nameA: "<!subteam^S1>", narrative: "<!channel> said so [1]" };
    const plan = renderDigestPlan(digest([p], { quietWatched: [{ a: "X", b: "Y", nameA: "<!here>", nameB: "Y" }] }), "n");
    for (const m of allMessages(plan)) {
      const s = JSON.stringify(m);
      expect(s).not.toMatch(/<!(channel|here|everyone|subteam)/);
      expect(s).not.toContain("<@U123>");
      expect(s).not.toContain("<https://phish");
      expect(s).not.toContain("javascript:");
      expect(s).toContain("&lt;!channel&gt;");
      expect(findMentions(m)).toEqual([]);
    }
    expect(JSON.stringify(plan.parent.blocks)).toContain("<https://ok.example/a|&lt;!here&gt;>");
  });

  it("uses a narrative with numbered items when there is one", () => {
    const p = { ...pair(0, [item(1), item(2)]), narrative: "They trained [1] and talked [2]." };
    const s = JSON.stringify(renderDigestPlan(digest([p]), "n").parent.blocks);
    expect(s).toContain("They trained [1] and talked [2].");
    expect(s).toContain("[2] 15 Oct 2024");
  });
});

describe("renderDigestText", () => {
  it("lists every development with its source URLs", () => {
    const t = renderDigestText(digest([pair(0, [item(1), item(2)])]));
    expect(t).toContain("Defense cooperation digest · 14–20 Oct 2024 (2024-W42, Asia/Ho_Chi_Minh)");
    expect(t).toContain("[2] 15 Oct 2024");
    expect(t).toContain("Example: https://news.example/2");
  });
  it("says quiet week", () => {
    expect(renderDigestText(digest([]))).toContain("Quiet week");
  });
});

describe("older developments newly on record", () => {
  const older = [
    { a: "CN", b: "RU", nameA: "China", nameB: "Russia", count: 6, fromYear: "1996", toYear: "2022", latest: "2022-02-04" },
    { a: "IN", b: "US", nameA: "India", nameB: "United States", count: 1, fromYear: "2001", toYear: "2001", latest: "2001-01-01" },
  ];
  it("are one line per pair naming how many, which years and the command for the timeline", () => {
    const t = renderDigestText(digest([pair(0, [item(1)])], { older }));
    expect(t).toContain("China – Russia: also newly on record: 6 older developments, 1996–2022 — `/relations china russia`");
    expect(t).toContain("India – United States: also newly on record: 1 older development, 2001 — `/relations india united states`");
    const plan = renderDigestPlan(digest([pair(0, [item(1)])], { older }), "n1");
    expect(JSON.stringify(plan.parent.blocks)).toContain("also newly on record: 6 older developments, 1996–2022");
    expect(blockKitViolations(plan.parent)).toEqual([]);
  });
  it("make a week with only history a short digest, not a quiet one", () => {
    const plan = renderDigestPlan(digest([], { older }), "n2");
    expect(plan.quiet).toBe(false);
    expect(plan.replies).toEqual([]);
    expect(plan.parent.text).toMatch(/no recent developments; 7 older developments newly on record/);
    expect(renderDigestText(digest([], { older }))).not.toContain("Quiet week");
  });
});
