/** Human formatting shared by every front end: dates at their precision and type labels. */
import type { DatePrecision, DevelopmentStatus, EventType } from "../domain/types.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const parts = (iso: string) => ({ y: iso.slice(0, 4), m: MONTHS[Number(iso.slice(5, 7)) - 1] ?? "", d: String(Number(iso.slice(8, 10))) });

/**
 * A date span at its precision: "14 Oct 2024", "Aug 2023", "2018"; spans as "8–19 Jul 2024",
 * "28 Jun – 3 Jul 2024", "30 Dec 2023 – 2 Jan 2024", "Jun–Aug 2024", "2018–2019".
 */
export function formatDateSpan(start: string, end: string, precision: DatePrecision): string {
  const s = parts(start);
  const e = parts(end);
  if (precision === "year") return s.y === e.y ? s.y : `${s.y}–${e.y}`;
  if (precision === "month") {
    if (start.slice(0, 7) === end.slice(0, 7)) return `${s.m} ${s.y}`;
    return s.y === e.y ? `${s.m}–${e.m} ${s.y}` : `${s.m} ${s.y} – ${e.m} ${e.y}`;
  }
  if (start.slice(0, 10) === end.slice(0, 10) || end < start) return `${s.d} ${s.m} ${s.y}`;
  if (start.slice(0, 7) === end.slice(0, 7)) return `${s.d}–${e.d} ${s.m} ${s.y}`;
  if (s.y === e.y) return `${s.d} ${s.m} – ${e.d} ${e.m} ${e.y}`;
  return `${s.d} ${s.m} ${s.y} – ${e.d} ${e.m} ${e.y}`;
}

/** "14 Oct 2024" for an ISO date or date-time (the calendar day as written, no time zone shift). */
export function formatDay(iso: string): string {
  return formatDateSpan(iso.slice(0, 10), iso.slice(0, 10), "day");
}

const LABELS: Record<EventType, [string, string]> = {
  visit: ["Visit", "visits"],
  talks: ["Talks", "talks"],
  exercise: ["Exercise", "exercises"],
  patrol: ["Patrol", "patrols"],
  agreement: ["Agreement", "agreements"],
  arms: ["Arms", "arms deals"],
  training: ["Training", "training"],
  pledge: ["Pledge", "pledges"],
};

/** "Exercise", or "Exercise (planned)" when it has not happened yet. */
export function typeLabel(type: EventType, status?: DevelopmentStatus): string {
  const base = LABELS[type][0];
  return status && status !== "held" ? `${base} (${status})` : base;
}

/** Lower-case plural for counts and filters: "exercises", "arms deals". */
export function typePlural(type: EventType): string {
  return LABELS[type][1];
}

/** A source's label when its outlet is unknown: the URL's host without "www.". */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return "source";
  }
}
