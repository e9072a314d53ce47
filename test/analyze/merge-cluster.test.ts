import { describe, expect, it } from "vitest";
import type { ArticleDevelopment } from "../../src/analyze/types.ts";
import { mergeArticleDevelopments, spansMeet, combineDates } from "../../src/analyze/merge.ts";
import { clusterMatchScore, pickCluster, representCluster } from "../../src/analyze/cluster.ts";
import type { DateSpan, EventType } from "../../src/domain/types.ts";

function span(iso: string): DateSpan {
  if (iso.length === 10) return { start: iso, end: iso, precision: "day", certain: true };
  if (iso.length === 7) {
    const [y, m] = iso.split("-").map(Number) as [number, number];
    return { start: `${iso}-01`, end: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10), precision: "month", certain: true };
  }
  return { start: `${iso}-01-01`, end: `${iso}-12-31`, precision: "year", certain: true };
}

let at = 0;
function dev(type: EventType, date: string, o: Partial<ArticleDevelopment> = {}): ArticleDevelopment {
  at += 10;
  return {
    pair: ["CN", "RU"],
    type,
    status: "held",
    date: span(date),
    dateRule: "vi.dd/mm",
    actorCountry: null,
    destination: null,
    actors: [],
    places: [],
    details: [],
    summary: "",
    evidence: [{ sentence: `s${at}`, start: at, end: at + 5, part: "body", lang: "vi" }],
    confidence: 0.6,
    rule: "test",
    specific: true,
    ...o,
  };
}

describe("spansMeet and combineDates", () => {
  it.each([
    ["same day", "2024-10-14", "2024-10-14", 0, true],
    ["next day within tolerance 1", "2024-10-14", "2024-10-15", 1, true],
    ["two days apart, tolerance 1", "2024-10-14", "2024-10-16", 1, false],
    ["day inside month", "2024-10-14", "2024-10", 0, true],
    ["month outside year", "2024-10", "2023", 0, false],
  ])("%s", (_n, a, b, tol, expected) => {
    expect(spansMeet(span(a), span(b), tol)).toBe(expected);
  });
  it("keeps the more precise date and joins nearby days", () => {
    expect(combineDates(span("2024-10"), span("2024-10-14"))).toMatchObject({ start: "2024-10-14", precision: "day" });
    expect(combineDates(span("2023-03-01"), span("2023-03-02"))).toMatchObject({ start: "2023-03-01", end: "2023-03-02" });
  });
});

describe("mergeArticleDevelopments", () => {
  it("a visit and the talks held during it are one development, typed visit", () => {
    const out = mergeArticleDevelopments([dev("talks", "2024-10-15"), dev("visit", "2024-10-14", { actorCountry: "RU", destination: "CN" })]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ type: "visit", actorCountry: "RU", destination: "CN" });
    expect(out[0]!.evidence).toHaveLength(2);
  });
  it("an undated mention joins the dated event of its pair that fits the publication date", () => {
    const undated = dev("visit", "2023-08", { dateRule: "publication", specific: false, actors: ["li-shangfu"] });
    const out = mergeArticleDevelopments([dev("visit", "2018-04", { actors: ["wei-fenghe"] }), dev("talks", "2023-08", { dateRule: "publication", actors: ["li-shangfu"] }), undated]);
    expect(out.map((d) => `${d.type} ${d.date.start.slice(0, 7)}`).sort()).toEqual(["visit 2018-04", "visit 2023-08"]);
    expect(out.find((d) => d.date.start.startsWith("2023"))!.evidence).toHaveLength(2);
  });
  it("different types or different dates of one pair stay apart", () => {
    const out = mergeArticleDevelopments([dev("exercise", "2024-09"), dev("patrol", "2024-09"), dev("talks", "2024-10-03"), dev("talks", "2024-10-20")]);
    expect(out).toHaveLength(4);
  });
  it("different pairs never merge", () => {
    expect(mergeArticleDevelopments([dev("talks", "2024-10-03"), dev("talks", "2024-10-03", { pair: ["BY", "CN"] })])).toHaveLength(2);
  });
});

describe("clustering across articles", () => {
  it.each([
    ["same visit reported a day apart", dev("visit", "2024-10-14"), dev("talks", "2024-10-15"), true],
    ["day inside the month with a shared actor", dev("visit", "2024-10-14", { actors: ["belousov"] }), dev("visit", "2024-10", { actors: ["belousov"] }), true],
    ["same-type month report without shared actors", dev("exercise", "2024-09-10"), dev("exercise", "2024-09"), true],
    ["two talks of the same month on different days", dev("talks", "2024-10-03"), dev("talks", "2024-10-20"), false],
    ["exercise and visit in the same month", dev("exercise", "2024-10"), dev("visit", "2024-10"), false],
    ["other pair", dev("visit", "2024-10-14"), dev("visit", "2024-10-14", { pair: ["BY", "CN"] }), false],
    ["year milestone twice", dev("agreement", "2013"), dev("agreement", "2013"), true],
    ["year against a month without people", dev("agreement", "2013"), dev("agreement", "2013-05"), false],
  ])("%s", (_n, a, b, same) => {
    expect(clusterMatchScore(a, b) !== null).toBe(same);
  });

  it("a visit reported by one outlet and its talks by another is a visit, summarized as one, whatever the order", () => {
    const talks = dev("talks", "2024-10-14", { confidence: 0.9, summary: "A held talks with B." });
    const visit = dev("visit", "2024-10-14", { confidence: 0.5, summary: "A visited B." });
    for (const members of [[talks, visit], [visit, talks]]) {
      const rep = representCluster(members);
      expect(rep).toMatchObject({ type: "visit", summary: "A visited B." });
    }
  });

  it("picks the closest cluster and represents it by the most precise agreeing date", () => {
    const clusters = [dev("talks", "2024-10-03"), dev("visit", "2024-10-14", { actors: ["belousov"] })];
    const report = dev("talks", "2024-10-15", { actors: ["belousov"] });
    expect(pickCluster(clusters, report)).toBe(1);
    const rep = representCluster([dev("visit", "2024-10", { confidence: 0.9 }), dev("visit", "2024-10-14", { confidence: 0.5 })]);
    expect(rep.date).toMatchObject({ start: "2024-10-14", precision: "day" });
  });
});
