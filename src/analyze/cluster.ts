/**
 * Clustering across articles: the same development reported by several outlets, in either
 * language, on different days, becomes one timeline entry. Pure functions over article-level
 * developments; the analyze service stores clusters and their members.
 *
 * Two reports are one development when they share the pair, have compatible types, and their
 * dates agree — day-precise dates within 3 days; a month or a year holding a day only when actors,
 * places or the exercise name are shared too (two different developments of the same pair in the
 * same month stay two).
 */
import type { ArticleDevelopment } from "./types.ts";
import type { DatePrecision, EventType } from "../domain/types.ts";
import { absorb, combineDates, distinctSubjects, spansMeet, typesCompatible } from "./merge.ts";

const DAY_TOLERANCE = 3;

/** The types a report of type `t` may be clustered with (a visit and talks; otherwise its own). */
export function compatibleTypes(t: EventType): EventType[] {
  return t === "visit" || t === "talks" ? ["visit", "talks"] : [t];
}

/** Score (higher is better) for joining `d` to a cluster represented by `c`, or null when they are different developments. */
export function clusterMatchScore(c: ArticleDevelopment, d: ArticleDevelopment): number | null {
  if (c.pair[0] !== d.pair[0] || c.pair[1] !== d.pair[1]) return null;
  if (!typesCompatible(c.type, d.type)) return null;
  if (distinctSubjects(c, d)) return null;
  const shared =
    c.actors.some((x) => d.actors.includes(x)) ||
    c.places.some((x) => d.places.includes(x)) ||
    c.details.some((x) => x.startsWith("name:") && d.details.includes(x));
  const bothDays = c.date.precision === "day" && d.date.precision === "day";
  if (bothDays) {
    if (!spansMeet(c.date, d.date, DAY_TOLERANCE)) return null;
    return 3 + (shared ? 1 : 0) + (c.type === d.type ? 0.5 : 0);
  }
  if (!spansMeet(c.date, d.date, 0)) return null;
  const coarse = c.date.precision === "year" || d.date.precision === "year";
  if (coarse) {
    // "in 2013" twice: the same milestone only when the type is the same and both are year-precise, or people match.
    if (c.type !== d.type) return null;
    if (c.date.precision === "year" && d.date.precision === "year") return 1;
    return shared ? 1.5 : null;
  }
  // month vs month or month vs day
  if (shared) return 2.5;
  return c.type === d.type ? 1.2 : null;
}

/** The best cluster among `clusters` for `d`, or -1. */
export function pickCluster(clusters: ArticleDevelopment[], d: ArticleDevelopment): number {
  let best = -1;
  let bestScore = 0;
  clusters.forEach((c, i) => {
    const s = clusterMatchScore(c, d);
    if (s !== null && s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}

/**
 * Ties broken by the reports' own content, so a cluster reads the same whichever report was
 * filed first (ingest order varies with fetch timing).
 */
const PRECISION_RANK: Record<DatePrecision, number> = { day: 3, month: 2, year: 1 };
function sameOrder(a: ArticleDevelopment, b: ArticleDevelopment): number {
  const precise = PRECISION_RANK[b.date.precision] - PRECISION_RANK[a.date.precision];
  if (precise) return precise;
  const ka = `${a.date.start}|${a.date.end}|${a.evidence}|${a.summary}`;
  const kb = `${b.date.start}|${b.date.end}|${b.evidence}|${b.summary}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The representative of a cluster from its members: the most precise agreeing date, the union of
 * actors and places, and the summary and evidence of the most confident, most informative member.
 */
export function representCluster(members: ArticleDevelopment[]): ArticleDevelopment {
  // The summary and evidence come from a report of the cluster's own type (a visit, when a visit
  // and its talks were reported apart), then the most confident, most informative one.
  const type = members.some((m) => m.type === "visit") && members.every((m) => m.type === "visit" || m.type === "talks") ? "visit" : members[0]!.type;
  const ranked = [...members].sort(
    // a report whose own evidence names who acted gives the summary
    (a, b) => Number(b.type === type) - Number(a.type === type) || Number(b.actors.length > 0) - Number(a.actors.length > 0) || b.confidence - a.confidence || b.actors.length - a.actors.length || sameOrder(a, b),
  );
  let rep = { ...ranked[0]! };
  for (const m of ranked.slice(1)) {
    const merged = absorb(rep, m);
    rep = { ...merged, summary: rep.summary, evidence: rep.evidence };
  }
  // Day dates from different outlets: keep the tightest agreeing span rather than the union of all.
  const days = members.filter((m) => m.date.precision === "day" && m.dateRule !== "publication");
  if (days.length >= 2) {
    const best = [...days].sort((a, b) => b.confidence - a.confidence || sameOrder(a, b))[0]!;
    rep.date = days.filter((m) => spansMeet(m.date, best.date, 1)).map((m) => m.date).reduce(combineDates);
  }
  rep.confidence = Math.min(1, Math.max(...members.map((m) => m.confidence)) + 0.05 * (members.length - 1));
  return rep;
}
