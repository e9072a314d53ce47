/** Plain domain types shared by ingest, analyze, services and chat. No I/O here. */

export const EVENT_TYPES = ["visit", "talks", "exercise", "patrol", "agreement", "arms", "training", "pledge"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type DevelopmentStatus = "held" | "announced" | "planned";
export type DatePrecision = "day" | "month" | "year";
export type PublishedSource = "feed" | "page_metadata" | "byline" | "text_header" | "inferred";

/** ISO 3166-1 alpha-2 code, upper case. */
export type CountryCode = string;

/** A calendar span with its precision; `start`/`end` are YYYY-MM-DD. */
export interface DateSpan {
  start: string;
  end: string;
  precision: DatePrecision;
  /** false when part of it (the year, the day) was implied rather than written */
  certain: boolean;
}

/** The fields every view of a stored development shares (timeline, digest, answers). */
export interface DevelopmentCore {
  id: number;
  type: EventType;
  status: DevelopmentStatus;
  /** YYYY-MM-DD, first and last day covered */
  dateStart: string;
  dateEnd: string;
  datePrecision: DatePrecision;
  summary: string;
}

/**
 * What the analyzer extracted about a development, as stored: enough to write its summary again in
 * another language at reply time (who, what, where, when).
 */
export interface DevelopmentFacts {
  pair: [string, string];
  type: EventType;
  status: DevelopmentStatus;
  dateStart: string;
  /** person ids (gazetteer ids or ad-hoc "title:country:name" ids) */
  actors: string[];
  places: string[];
  details: string[];
  actorCountry: string | null;
  destination: string | null;
  /** the stored English summary */
  summary: string;
}

/** A development's summary in a reply language from its facts. */
export type SummaryRenderer = (facts: DevelopmentFacts, lang: "en" | "vi") => string;

/**
 * The summary a reader of `lang` gets: the stored English one for English, without a renderer or
 * facts, or when rendering fails (`onError` hears why) — one development never stops a reply.
 */
export function summaryIn(lang: "en" | "vi", stored: string, facts: (() => DevelopmentFacts) | null | undefined, summarize: SummaryRenderer | undefined, onError?: (err: unknown) => void): string {
  if (lang === "en" || !summarize || !facts) return stored;
  try {
    return summarize(facts(), lang);
  } catch (err) {
    onError?.(err);
    return stored;
  }
}

/** A country pair in canonical order (a < b). */
export interface CountryPair {
  a: CountryCode;
  b: CountryCode;
}

/** Orders two codes into the canonical pair. */
export function makePair(x: CountryCode, y: CountryCode): CountryPair {
  const [a, b] = [x.toUpperCase(), y.toUpperCase()].sort() as [string, string];
  return { a, b };
}

/** Formats a DateSpan at its precision, as the export contract wants (YYYY, YYYY-MM, YYYY-MM-DD). */
export function formatAtPrecision(iso: string, precision: DatePrecision): string {
  return precision === "year" ? iso.slice(0, 4) : precision === "month" ? iso.slice(0, 7) : iso.slice(0, 10);
}

/** Alerts (issue 13) go out for new developments dated within this many days before the run, or later. */
export const ALERT_WINDOW_DAYS = 14;
