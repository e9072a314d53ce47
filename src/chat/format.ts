/** Human formatting shared by every front end: dates at their precision and type labels, in either language. */
import type { DatePrecision, DevelopmentStatus, EventType } from "../domain/types.ts";
import { t, type Lang, type MessageKey } from "./i18n/index.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const parts = (iso: string) => ({ y: iso.slice(0, 4), m: String(Number(iso.slice(5, 7))), mon: MONTHS[Number(iso.slice(5, 7)) - 1] ?? "", d: String(Number(iso.slice(8, 10))) });

/**
 * A date span at its precision. English: "14 Oct 2024", "Aug 2023", "2018"; spans as "8–19 Jul 2024",
 * "28 Jun – 3 Jul 2024", "30 Dec 2023 – 2 Jan 2024", "Jun–Aug 2024", "2018–2019". Vietnamese, day
 * first: "14/10/2024", "tháng 8/2023", "năm 2018", "8–19/7/2024", "28/6 – 3/7/2024", "tháng 6–8/2024".
 */
export function formatDateSpan(start: string, end: string, precision: DatePrecision, lang: Lang = "en"): string {
  const s = parts(start);
  const e = parts(end);
  const both = { y: s.y, y1: s.y, y2: e.y, m: s.m, m1: s.m, m2: e.m, mon: s.mon, mon1: s.mon, mon2: e.mon, d: s.d, d1: s.d, d2: e.d };
  const f = (key: MessageKey) => t(lang, key, both);
  if (precision === "year") return s.y === e.y ? f("date.year") : f("date.yearSpan");
  if (precision === "month") {
    if (start.slice(0, 7) === end.slice(0, 7)) return f("date.month");
    return s.y === e.y ? f("date.monthSpan") : f("date.monthSpanYears");
  }
  if (start.slice(0, 10) === end.slice(0, 10) || end < start) return f("date.day");
  if (start.slice(0, 7) === end.slice(0, 7)) return f("date.daySpanMonth");
  if (s.y === e.y) return f("date.daySpanYear");
  return f("date.daySpanYears");
}

/** "14 Oct 2024" / "14/10/2024" for an ISO date or date-time (the calendar day as written, no time zone shift). */
export function formatDay(iso: string, lang: Lang = "en"): string {
  return formatDateSpan(iso.slice(0, 10), iso.slice(0, 10), "day", lang);
}

/** "Exercise", or "Exercise (planned)" / "Tập trận (dự kiến)" when it has not happened yet. */
export function typeLabel(type: EventType, status?: DevelopmentStatus, lang: Lang = "en"): string {
  const label = t(lang, `type.${type}`);
  return status && status !== "held" ? t(lang, "label.withStatus", { label, status: t(lang, `status.${status}`) }) : label;
}

/** Lower-case plural for filters: "exercises", "arms deals", "tập trận". */
export function typePlural(type: EventType, lang: Lang = "en"): string {
  return t(lang, `type.${type}.plural`);
}

/** A count of one type: "1 exercise", "3 arms deals", "3 cuộc tập trận". */
export function typeCount(type: EventType, n: number, lang: Lang = "en"): string {
  return t(lang, `type.${type}.${n === 1 ? "one" : "other"}`, { n });
}

/** A source's label when its outlet is unknown: the URL's host without "www.". */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return "source";
  }
}
