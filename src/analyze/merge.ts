/**
 * Stage 5: within one article, one real event is one development. Candidates of the same pair
 * merge when their types are compatible (the same, or a visit and the talks held during it) and
 * their dates agree; a candidate without a date of its own ("the visit", "both sides agreed")
 * joins the event of its pair it most plausibly refers to.
 */
import type { DateSpan, EventType } from "../domain/types.ts";
import type { ArticleDevelopment, CueDecision } from "./types.ts";

const DAY = 86_400_000;
/** A headline reports something recent: it may restate an event of the last two months, not an old one. */
const RECENT_MS = 62 * DAY;
/** a trip told without a date joins a meeting of its pair at most this long before publication */
const TRIP_MS = 14 * DAY;

/** True when two types can describe one event. */
export function typesCompatible(a: EventType, b: EventType): boolean {
  return a === b || (a === "visit" && b === "talks") || (a === "talks" && b === "visit");
}

// not visits: a visit of several days meets different people on different days
const MEETING_LIKE: ReadonlySet<EventType> = new Set<EventType>(["talks", "pledge"]);

/**
 * Two visits in opposite directions, two arms deals of different systems, two documents of different names: different developments
 * even of one pair, type and week ("Russia delivers S-400 … and Su-30s" stays two).
 */
export function distinctSubjects(a: ArticleDevelopment, b: ArticleDevelopment): boolean {
  // a visit to China and a visit from China in the same days are two visits
  if (a.type === "visit" && b.type === "visit" && a.destination && b.destination && a.destination !== b.destination) return true;
  // two meetings of one pair on different days with different people ("met Biden on the 26th",
  // "met Trump on the 27th") are two meetings
  if (
    MEETING_LIKE.has(a.type) && MEETING_LIKE.has(b.type) && dated(a) && dated(b) && a.date.precision === "day" && b.date.precision === "day" &&
    !spansMeet(a.date, b.date, 0) && a.actors.length > 0 && b.actors.length > 0 && a.actors.some((x) => !b.actors.includes(x)) && b.actors.some((x) => !a.actors.includes(x))
  )
    return true;
  for (const prefix of ["system:", "doc:the "]) {
    const x = a.details.filter((t) => t.startsWith(prefix));
    const y = b.details.filter((t) => t.startsWith(prefix));
    if (x.length && y.length && !x.some((t) => y.includes(t))) return true;
  }
  return false;
}

/** Do two spans overlap, or come within `toleranceDays` of each other when one is day-precise? */
export function spansMeet(a: DateSpan, b: DateSpan, toleranceDays: number): boolean {
  const tol = a.precision === "day" || b.precision === "day" ? toleranceDays * DAY : 0;
  return Date.parse(a.start) <= Date.parse(b.end) + tol && Date.parse(b.start) <= Date.parse(a.end) + tol;
}

const RANK = { year: 0, month: 1, day: 2 } as const;

/** The more informative of two dates for one event: the more precise, certain one; day spans join. */
export function combineDates(a: DateSpan, b: DateSpan): DateSpan {
  if (a.precision === "day" && b.precision === "day") {
    return { start: a.start < b.start ? a.start : b.start, end: a.end > b.end ? a.end : b.end, precision: "day", certain: a.certain || b.certain };
  }
  if (RANK[a.precision] !== RANK[b.precision]) return RANK[a.precision] > RANK[b.precision] ? a : b;
  if (a.certain !== b.certain) return a.certain ? a : b;
  return a;
}

/**
 * Within one article, promises made during a visit or talks ("pledges to deepen ties") are part
 * of that meeting, not a development of their own.
 */
const meeting = (t: EventType) => t === "visit" || t === "talks";
function compatibleInArticle(a: EventType, b: EventType): boolean {
  return typesCompatible(a, b) || (a === "pledge" && meeting(b)) || (b === "pledge" && meeting(a));
}

function dated(d: ArticleDevelopment): boolean {
  return d.dateRule !== "publication" && d.dateRule !== "none";
}

function sharesActors(a: ArticleDevelopment, b: ArticleDevelopment): boolean {
  return a.actors.some((x) => b.actors.includes(x)) || a.places.some((x) => b.places.includes(x));
}

/** Merges one into the other (the first one's identity wins; a visit absorbs its talks). */
export function absorb(into: ArticleDevelopment, d: ArticleDevelopment): ArticleDevelopment {
  const rank = (t: EventType) => (t === "visit" ? 3 : t === "talks" ? 2 : t === "pledge" ? 1 : 0);
  const type: EventType = compatibleInArticle(into.type, d.type) && rank(d.type) > rank(into.type) ? d.type : into.type;
  const visit = into.type === "visit" ? into : d.type === "visit" ? d : into;
  const date =
    dated(into) && dated(d) ? combineDates(into.date, d.date) : dated(into) ? into.date : dated(d) ? d.date : combineDates(into.date, d.date);
  const statusOrder = { held: 2, announced: 1, planned: 0 } as const;
  return {
    ...into,
    type,
    status: statusOrder[d.status] > statusOrder[into.status] ? d.status : into.status,
    date,
    dateRule: dated(into) ? into.dateRule : dated(d) ? d.dateRule : into.dateRule,
    actorCountry: visit.actorCountry ?? into.actorCountry ?? d.actorCountry,
    destination: visit.destination ?? into.destination ?? d.destination,
    actors: [...new Set([...into.actors, ...d.actors])],
    places: [...new Set([...into.places, ...d.places])],
    details: [...new Set([...into.details, ...d.details])],
    evidence: [...into.evidence, ...d.evidence],
    confidence: Math.min(1, Math.max(into.confidence, d.confidence) + 0.05),
    specific: Boolean(into.specific || d.specific),
    rule: into.rule,
  };
}

/** Merges the candidates of one article; records a "merged" decision for each absorbed one. */
export function mergeArticleDevelopments(candidates: ArticleDevelopment[], decisions: CueDecision[] = []): ArticleDevelopment[] {
  const groups: ArticleDevelopment[] = [];
  // Dated candidates first, so undated mentions can find the event they refer to.
  const order = [...candidates.filter(dated), ...candidates.filter((c) => !dated(c))];
  for (const c of order) {
    const samePair = groups.filter((g) => g.pair[0] === c.pair[0] && g.pair[1] === c.pair[1] && compatibleInArticle(g.type, c.type) && !distinctSubjects(g, c));
    let target: ArticleDevelopment | undefined;
    if (dated(c)) {
      const tol = c.type === "visit" || c.type === "talks" ? 2 : 1;
      const meets = samePair.filter((g) => dated(g) && spansMeet(g.date, c.date, tol) && (g.date.precision !== "year" || g.type === c.type));
      // the event of the same day and people first ("after the meeting on the 26th, Biden pledged …"
      // joins that meeting, not another of the next day)
      target =
        meets.find((g) => spansMeet(g.date, c.date, 0) && sharesActors(g, c)) ??
        meets.find((g) => spansMeet(g.date, c.date, 0)) ??
        meets.find((g) => sharesActors(g, c)) ??
        meets[0];
    } else {
      // An undated mention refers to the event whose date fits the publication date, sharing
      // actors if possible; else to the lead's event of that pair.
      // A headline restating the body ("India and Russia hold naval drill") joins the latest
      // dated event of its pair unless the people named say it is another one; an undated trip
      // ("lặng lẽ bay đến Lima") joins the dated meeting of its pair, whoever that names (the host).
      const noConflictingActors = (g: ArticleDevelopment) => !(g.actors.length && c.actors.length && !sharesActors(g, c));
      const before = (g: ArticleDevelopment) => Date.parse(c.date.start) - Date.parse(g.date.end);
      const joins = (g: ArticleDevelopment) => (g.type === c.type ? before(g) <= RECENT_MS && noConflictingActors(g) : meeting(g.type) && meeting(c.type) && before(g) <= TRIP_MS);
      // An undated mention of a coming event ("ahead of the upcoming visit") is that planned event
      // of the pair, never one already held before the article; and a meeting held is no part of
      // an undated visit still to come.
      const ahead = c.status === "planned" ? samePair.filter((g) => g.status !== "held" || !dated(g) || g.date.end > c.date.end) : samePair.filter((g) => !(c.status === "held" && g.status === "planned" && !dated(g)));
      target =
        (c.status === "planned" ? ahead.find((g) => g.status === "planned" && dated(g) && g.date.start >= c.date.start) : undefined) ??
        ahead.find((g) => spansMeet(g.date, c.date, 3) && sharesActors(g, c)) ??
        ahead.find((g) => spansMeet(g.date, c.date, 3)) ??
        ahead.find((g) => !dated(g)) ??
        ahead
          .filter((g) => dated(g) && g.date.start <= c.date.end && joins(g))
          .sort((a, b) => (a.date.start < b.date.start ? 1 : -1))[0];
    }
    if (target) {
      const i = groups.indexOf(target);
      groups[i] = absorb(target, c);
      decisions.push({ sentence: -1, type: c.type, cue: "", at: c.evidence[0]?.start ?? 0, outcome: "merged", reason: `joined the ${target.type} of the same pair`, pair: c.pair });
    } else groups.push({ ...c });
  }
  // Evidence in reading order: the best sentence (body, earliest) first.
  for (const g of groups) g.evidence.sort((a, b) => (a.part === "caption" ? 1 : 0) - (b.part === "caption" ? 1 : 0) || a.start - b.start);
  return groups.sort((a, b) => a.evidence[0]!.start - b.evidence[0]!.start);
}
