/**
 * The weekly digest as a value: which period, which pairs moved (developments FIRST SEEN in the
 * period, so an old event reported for the first time this week counts, and a re-report of an
 * already-known event does not), most significant first. Optional LLM narratives are added by
 * `addNarratives`, which never fails: any problem leaves the offline text in place.
 * No Slack here; digest-blocks.ts renders, digest-post.ts posts.
 */
import type { Db } from "../db/client.ts";
import { selectDevelopmentsFirstSeen, selectFirstSeenRows, selectWatchedPairs, type DigestDevelopmentRow } from "../db/digests.repo.ts";
import { makePair, summaryIn, type DevelopmentCore, type EventType, type SummaryRenderer } from "../domain/types.ts";
import type { Logger } from "../lib/log.ts";
import { silentLogger } from "../lib/log.ts";
import { wallTimeToUtc } from "../lib/time-zone.ts";
import { completeChat, type LlmSettings } from "./llm.ts";

/** One ISO week in a time zone, with the UTC instants bounding it. */
export interface DigestPeriod {
  /** ISO week id, e.g. 2024-W42 */
  id: string;
  /** Monday, YYYY-MM-DD (local to tz) */
  startDate: string;
  /** Sunday, YYYY-MM-DD (local to tz) */
  endDate: string;
  /** Monday 00:00 in tz, as an ISO UTC instant (inclusive) */
  fromUtc: string;
  /** next Monday 00:00 in tz, as an ISO UTC instant (exclusive) */
  toUtc: string;
  tz: string;
}

/** A development as the digest shows it. */
export interface DigestItem extends DevelopmentCore {
  score: number;
  firstSeenAt: string;
  sources: { url: string; outlet: string | null; title: string }[];
}

/** One pair's share of the digest, items most significant first. */
export interface DigestPairEntry {
  a: string;
  b: string;
  nameA: string;
  nameB: string;
  items: DigestItem[];
  /** an LLM-written summary citing items as [n] (1-based), or null for the offline text */
  narrative: string | null;
}

/**
 * A pair's developments first reported in the period but dated long before it (a backfill, a
 * history paragraph): one line, not the week's news.
 */
export interface DigestOlderLine {
  a: string;
  b: string;
  nameA: string;
  nameB: string;
  count: number;
  /** the year of the oldest and of the newest of them */
  fromYear: string;
  toYear: string;
  /** the newest one's start date, to order the lines */
  latest: string;
}

/** The digest for one channel (or none: a dry run over every pair) and one period. */
export interface Digest {
  period: DigestPeriod;
  channel: string | null;
  /** "watched" when the channel watches pairs: only those are covered */
  scope: "all" | "watched";
  pairs: DigestPairEntry[];
  /** watched pairs with nothing new, named so the channel knows they were looked at */
  quietWatched: { a: string; b: string; nameA: string; nameB: string }[];
  /** developments in the main list (the week's news) */
  totalDevelopments: number;
  /** older developments newly on record, one line per pair, most recent first */
  older: DigestOlderLine[];
  /** the language it is written in (the channel's setting); absent: English */
  lang?: "en" | "vi";
}

/** How far before the period a development's own date may lie and still be the week's news. */
export const NEWS_WINDOW_DAYS = 30;

/**
 * Whether a development first reported in `period` is the period's news: dated (its end)
 * within the period, the 30 days before it, or after it — so a plan ahead is news, a plan dated
 * years ago is not. Older ones are history told this week.
 */
export function isNewsOf(it: Pick<DigestItem, "status" | "dateEnd">, period: Pick<DigestPeriod, "startDate">): boolean {
  // a plan is news while it lies ahead or within the window; a plan dated years ago is history
  // (its date is already past), whatever its status says
  const cutoff = ymd(parseYmd(period.startDate) - NEWS_WINDOW_DAYS * DAY_MS);
  return it.dateEnd.slice(0, 10) >= cutoff;
}

/** Newest first (by start, then end), then most significant. */
export function compareNewest(x: DigestItem, y: DigestItem): number {
  return (y.dateStart < x.dateStart ? -1 : y.dateStart > x.dateStart ? 1 : 0) || (y.dateEnd < x.dateEnd ? -1 : y.dateEnd > x.dateEnd ? 1 : 0) || compareSignificance(x, y);
}

const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parseYmd(s: string): number {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** The calendar date (YYYY-MM-DD) that `instant` falls on in `tz`. */
export function localDate(instant: Date, tz: string): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** The UTC instant of 00:00 local time on `date` (YYYY-MM-DD) in `tz`, DST-aware. */
export function zonedMidnightUtc(date: string, tz: string): Date {
  return new Date(wallTimeToUtc(parseYmd(date), tz));
}

/** The ISO week id (e.g. 2024-W42) of a calendar date. */
export function isoWeekOf(date: string): string {
  const ms = parseYmd(date);
  const dow = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  const thursday = ms + (3 - dow) * DAY_MS; // the week belongs to its Thursday's year
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The period for an ISO week id in `tz`; throws a clear error for a malformed or impossible week. */
export function periodForWeek(week: string, tz: string): DigestPeriod {
  const m = WEEK_RE.exec(week.trim().toUpperCase());
  if (!m) throw new Error(`digest: expected an ISO week like 2024-W42, got ${JSON.stringify(week)}`);
  const year = Number(m[1]);
  const num = Number(m[2]);
  // Monday of week 1 is the Monday on or before 4 January
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (num - 1) * 7 * DAY_MS;
  const id = `${year}-W${String(num).padStart(2, "0")}`;
  if (num < 1 || isoWeekOf(ymd(monday)) !== id) throw new Error(`digest: ${year} has no week ${num} (${week})`);
  const startDate = ymd(monday);
  const nextMonday = ymd(monday + 7 * DAY_MS);
  return {
    id,
    startDate,
    endDate: ymd(monday + 6 * DAY_MS),
    fromUtc: zonedMidnightUtc(startDate, tz).toISOString(),
    toUtc: zonedMidnightUtc(nextMonday, tz).toISOString(),
    tz,
  };
}

/** The ISO week before the one `now` falls in, in `tz`: what a Monday-morning digest covers. */
export function previousWeek(now: Date, tz: string): string {
  return isoWeekOf(ymd(parseYmd(localDate(now, tz)) - 7 * DAY_MS));
}

/**
 * How much a type of development weighs when two have the same score: concrete military
 * cooperation (arms, agreements, exercises) before words (pledges, talks).
 */
export const TYPE_WEIGHT: Record<EventType, number> = {
  arms: 8,
  agreement: 7,
  exercise: 6,
  patrol: 5,
  training: 4,
  pledge: 3,
  visit: 2,
  talks: 1,
};

/** Orders developments most significant first: score, type weight, number of sources, then newest. */
export function compareSignificance(x: DigestItem, y: DigestItem): number {
  return (
    y.score - x.score ||
    TYPE_WEIGHT[y.type] - TYPE_WEIGHT[x.type] ||
    y.sources.length - x.sources.length ||
    (y.dateStart < x.dateStart ? -1 : y.dateStart > x.dateStart ? 1 : 0) ||
    x.id - y.id
  );
}

/** Orders pairs: by their most significant development, then how many developments, then sources. */
export function comparePairs(x: DigestPairEntry, y: DigestPairEntry): number {
  const [bx, by] = [x.items[0], y.items[0]];
  const best = bx && by ? by.score - bx.score || TYPE_WEIGHT[by.type] - TYPE_WEIGHT[bx.type] || by.sources.length - bx.sources.length : 0;
  const srcs = (p: DigestPairEntry) => p.items.reduce((n, i) => n + i.sources.length, 0);
  const kx = `${x.a}-${x.b}`;
  const ky = `${y.a}-${y.b}`;
  return best || y.items.length - x.items.length || srcs(y) - srcs(x) || (kx < ky ? -1 : kx > ky ? 1 : 0);
}

/**
 * Where the digest gets country names: the gazetteer (main.ts passes it in), so a country reads
 * the same in the digest as in /relations and the analyzer.
 */
export interface CountryNames {
  country(code: string): { en: string; vi?: string } | null | undefined;
}

/** A week that has developments first reported in it: how many are news, how many older. */
export interface DigestWeek {
  week: string;
  news: number;
  older: number;
}

/**
 * The ISO weeks (in `tz`) with developments first reported in them, newest first, counted as the
 * digest counts them (news in the main list, older ones newly on record).
 */
export function listDigestWeeks(db: Db, tz: string): DigestWeek[] {
  const weekOfMinute = new Map<string, string>();
  const starts = new Map<string, string>();
  const byWeek = new Map<string, DigestWeek>();
  for (const r of selectFirstSeenRows(db)) {
    // time zones move by whole minutes: one Intl call per distinct minute, not per row
    const minute = r.firstSeenAt.slice(0, 16);
    let week = weekOfMinute.get(minute);
    if (week === undefined) weekOfMinute.set(minute, (week = isoWeekOf(localDate(new Date(r.firstSeenAt), tz))));
    let start = starts.get(week);
    if (start === undefined) starts.set(week, (start = periodForWeek(week, tz).startDate));
    let w = byWeek.get(week);
    if (!w) byWeek.set(week, (w = { week, news: 0, older: 0 }));
    if (isNewsOf({ status: r.status as DigestItem["status"], dateEnd: r.dateEnd }, { startDate: start })) w.news++;
    else w.older++;
  }
  return [...byWeek.values()].sort((x, y) => (x.week < y.week ? 1 : x.week > y.week ? -1 : 0));
}

/** Options for buildDigest. */
export interface BuildDigestOptions {
  period: DigestPeriod;
  /** the channel it is for; its watched pairs, if any, restrict the digest */
  channel?: string | null;
  /** the gazetteer, or anything that names a country by its code */
  countries: CountryNames;
  /** the language to write it in (the channel's setting); default English */
  lang?: "en" | "vi";
  /** a development's summary in that language from its extracted fields (the chat core's renderer) */
  summarize?: SummaryRenderer;
}

/** Builds the digest for a period from the database. Pure reads; no Slack, no LLM. */
export function buildDigest(db: Db, opts: BuildDigestOptions): Digest {
  const lang = opts.lang ?? "en";
  const lookup = (code: string) => {
    const c = opts.countries.country(code);
    return (lang === "vi" ? c?.vi : c?.en) ?? c?.en ?? code;
  };
  const summaryOf = (r: DigestDevelopmentRow): string =>
    summaryIn(lang, r.summary, r.facts && (() => ({ pair: [r.countryA, r.countryB], type: r.type, status: r.status, dateStart: r.dateStart, summary: r.summary, ...r.facts! })), opts.summarize);
  // a few dozen countries cover hundreds of pairs: look each name up once
  const names = new Map<string, string>();
  const nameOf = (code: string) => {
    let n = names.get(code);
    if (n === undefined) names.set(code, (n = lookup(code)));
    return n;
  };
  const channel = opts.channel ?? null;
  const watched = channel ? selectWatchedPairs(db, channel).map((w) => makePair(w.a, w.b)) : [];
  const watchedKeys = new Set(watched.map((w) => `${w.a}-${w.b}`));
  const rows: DigestDevelopmentRow[] = selectDevelopmentsFirstSeen(db, opts.period.fromUtc, opts.period.toUtc, watched.length > 0 ? watched : undefined, lang !== "en" && Boolean(opts.summarize));

  const byPair = new Map<string, DigestPairEntry>();
  const olderByPair = new Map<string, DigestOlderLine>();
  for (const r of rows) {
    const { a, b } = makePair(r.countryA, r.countryB);
    const key = `${a}-${b}`;
    if (watched.length > 0 && !watchedKeys.has(key)) continue;
    if (!isNewsOf(r, opts.period)) {
      const year = r.dateStart.slice(0, 4);
      const o = olderByPair.get(key);
      if (!o) olderByPair.set(key, { a, b, nameA: nameOf(a), nameB: nameOf(b), count: 1, fromYear: year, toYear: year, latest: r.dateStart });
      else {
        o.count++;
        if (year < o.fromYear) o.fromYear = year;
        if (year > o.toYear) o.toYear = year;
        if (r.dateStart > o.latest) o.latest = r.dateStart;
      }
      continue;
    }
    let entry = byPair.get(key);
    if (!entry) {
      entry = { a, b, nameA: nameOf(a), nameB: nameOf(b), items: [], narrative: null };
      byPair.set(key, entry);
    }
    entry.items.push({
      id: r.id,
      type: r.type,
      status: r.status,
      dateStart: r.dateStart,
      dateEnd: r.dateEnd,
      datePrecision: r.datePrecision,
      summary: summaryOf(r),
      score: r.score,
      firstSeenAt: r.firstSeenAt,
      sources: r.sources,
    });
  }
  const pairs = [...byPair.values()];
  // readers scan a week's news by date: newest first within a pair, pairs by their newest
  for (const p of pairs) p.items.sort(compareNewest);
  pairs.sort((x, y) => (y.items[0]!.dateStart < x.items[0]!.dateStart ? -1 : y.items[0]!.dateStart > x.items[0]!.dateStart ? 1 : 0) || comparePairs(x, y));
  const older = [...olderByPair.values()].sort((x, y) => (y.latest < x.latest ? -1 : y.latest > x.latest ? 1 : 0) || y.count - x.count || (`${x.a}-${x.b}` < `${y.a}-${y.b}` ? -1 : 1));
  return {
    period: opts.period,
    channel,
    scope: watched.length > 0 ? "watched" : "all",
    pairs,
    quietWatched: watched.filter((w) => !byPair.has(`${w.a}-${w.b}`)).map((w) => ({ ...w, nameA: nameOf(w.a), nameB: nameOf(w.b) })),
    totalDevelopments: pairs.reduce((n, p) => n + p.items.length, 0),
    older,
    ...(lang === "en" ? {} : { lang }),
  };
}

/** Options for addNarratives. */
export interface NarrativeOptions {
  settings: LlmSettings;
  /** only the first N pairs get a narrative (cost and time bound); default 10 */
  maxPairs?: number;
  /** at most this many developments are given to the model per pair; default 8 */
  maxItems?: number;
  logger?: Logger;
  fetch?: typeof fetch;
}

/** What addNarratives did, for the run record. */
export interface NarrativeReport {
  written: number;
  rejected: number;
  failed: number;
}

const NARRATIVE_SYSTEM = [
  "You summarize one week of defense-cooperation news between two countries for a Slack digest.",
  "Write 1 to 3 plain sentences (under 80 words) using ONLY the numbered developments given.",
  "Cite every claim with the number of the development it comes from, in brackets, like [1] or [2][3].",
  "Do not add any fact, name, place, date or number that is not in the developments. No links, no markdown.",
].join(" ");

function narrativePrompt(p: DigestPairEntry, items: DigestItem[]): string {
  const lines = items.map((it, i) => {
    const outlets = [...new Set(it.sources.map((s) => s.outlet ?? new URL(s.url).hostname))].slice(0, 3).join(", ");
    return `[${i + 1}] ${it.dateStart}${it.dateEnd !== it.dateStart ? `..${it.dateEnd}` : ""} · ${it.type} · ${it.status} · ${it.summary}${outlets ? ` (reported by ${outlets})` : ""}`;
  });
  return `${p.nameA} – ${p.nameB}, developments first reported this week:\n${lines.join("\n")}`;
}

/**
 * Checks a narrative against the developments it was given: at least one citation, every
 * citation in range, no links, bounded length. Returns the trimmed text or null to reject.
 */
export function acceptNarrative(text: string, itemCount: number): string | null {
  const t = text.replace(/\s+/g, " ").trim();
  if (!t || t.length > 900) return null;
  if (/https?:|www\.|<[^>]*>/i.test(t)) return null;
  const cites = [...t.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  if (cites.length === 0 || cites.some((n) => n < 1 || n > itemCount)) return null;
  return t;
}

/**
 * Adds LLM narratives to the first pairs of a digest, in place. Never throws: a failed, refused,
 * timed-out or unfaithful answer leaves `narrative` null (the offline text is used), and after a
 * timeout or network failure the remaining pairs are not tried, so a dead endpoint costs one timeout.
 */
export async function addNarratives(digest: Digest, opts: NarrativeOptions): Promise<NarrativeReport> {
  const log = opts.logger ?? silentLogger;
  const report: NarrativeReport = { written: 0, rejected: 0, failed: 0 };
  for (const p of digest.pairs.slice(0, opts.maxPairs ?? 10)) {
    const items = p.items.slice(0, opts.maxItems ?? 8);
    try {
      const out = await completeChat({
        settings: opts.settings,
        fetch: opts.fetch,
        temperature: 0.2,
        maxTokens: 220,
        messages: [
          { role: "system", content: NARRATIVE_SYSTEM },
          { role: "user", content: narrativePrompt(p, items) },
        ],
      });
      const ok = acceptNarrative(out.text, items.length);
      if (ok) {
        p.narrative = ok;
        report.written++;
      } else {
        report.rejected++;
        log.warn("digest: narrative rejected (citations or content)", { pair: `${p.a}-${p.b}` });
      }
    } catch (err) {
      report.failed++;
      log.warn("digest: narrative failed, using offline text", { pair: `${p.a}-${p.b}`, err: (err as Error).message });
      const kind = (err as { kind?: string }).kind;
      if (kind === "timeout" || kind === "network") break;
    }
  }
  return report;
}
