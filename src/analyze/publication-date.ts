/**
 * Publication-date inference for articles that carry none: the text's own dates bound it.
 *   - the latest explicit date with its year written (day or month precision) is a floor;
 *   - "hôm nay (2/3)" / "today (March 2)" (or "hôm qua (3/7)", one day later) names the day: it is
 *     the first such day on or after the floor;
 *   - otherwise the latest yearless day ("ngày 2/3") placed on or after the floor moves the
 *     estimate up — but after a full written date (often the dateline itself) only within a week:
 *     a yearless day far after it more likely belongs to the year before, or is a plan;
 *   - otherwise a full written date (day precision) is taken as the date itself; a month alone
 *     ("tháng 4/2018") is usually background, so it yields null.
 * Years alone ("năm 2005") are background, not a floor; dates after a future cue ("sẽ", "will")
 * are plans, not a floor. The caller stores the result with publishedSource 'inferred'.
 */
import type { DatePrecision } from "../domain/types.ts";
import { findDates, type FoundDate } from "./dates.ts";
import { EN_DATE_LANGUAGE } from "./lang/en/dates.ts";
import { VI_DATE_LANGUAGE } from "./lang/vi/dates.ts";

/** An inferred publication date. */
export interface InferredPublication {
  iso: string;
  precision: DatePrecision;
  /** the text that supports it */
  evidence: string;
}

/** A reference far enough ahead that past-biased resolution keeps every written year as written. */
const OPEN_REF = "2099-12-31";
/** How far after a full written date a yearless day may still move the estimate. */
const DAYLINE_WINDOW_DAYS = 7;

const CASUAL_OFFSET: [RegExp, number][] = [
  [/^(?:vi\.hom-nay|vi\.\p{L}+-nay|en\.today)\+/u, 0],
  [/^(?:vi\.hom-qua|vi\.\p{L}+-qua|en\.yesterday)\+/u, 1],
  [/^vi\.hom-kia\+/u, 2],
  [/^(?:vi\.ngay-mai|vi\.\p{L}+-mai|en\.tomorrow)\+/u, -1],
];

const dayNum = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const isoOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** The first (m, d) on or after `floor` (YYYY-MM-DD), as an ISO date. */
function firstOnOrAfter(month: string, day: string, floor: string): string {
  let y = Number(floor.slice(0, 4));
  for (let i = 0; i < 9; i++, y++) {
    const iso = `${y}-${month}-${day}`;
    const t = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso && iso >= floor) return iso;
  }
  return `${y}-${month}-${day}`;
}

/**
 * Infers when an article was published from the dates in its text; null when nothing supports it.
 * Pure: no clock.
 */
export function inferPublicationDate(text: string, lang: "vi" | "en"): InferredPublication | null {
  const cue = (lang === "vi" ? VI_DATE_LANGUAGE : EN_DATE_LANGUAGE).futureCue;
  const future = (m: FoundDate) => {
    let before = text.slice(Math.max(0, m.start - 80), m.start);
    const cut = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n"));
    if (cut >= 0) before = before.slice(cut + 1);
    return cue.test(before);
  };
  const mentions = findDates(text, { ref: OPEN_REF, refPrecision: "day", lang }).filter((m) => !future(m));

  // Floor: the latest explicit day or month with its year written.
  let floor: FoundDate | null = null;
  for (const m of mentions) {
    if (!m.span.certain || m.relative || m.span.precision === "year" || m.rule.includes("name-year")) continue;
    if (!floor || m.span.start > floor.span.start) floor = m;
  }
  if (!floor) return null;
  const floorIso = floor.span.start;

  // A "today (d/m)" anchor names the day itself.
  for (const m of mentions) {
    const off = CASUAL_OFFSET.find(([re]) => re.test(m.rule));
    if (!off || m.span.precision !== "day") continue;
    const day = m.span.certain && !m.span.start.startsWith("2099") ? m.span.start : firstOnOrAfter(m.span.start.slice(5, 7), m.span.start.slice(8, 10), floorIso);
    return { iso: isoOf(dayNum(day) + off[1]), precision: "day", evidence: m.text };
  }

  // Yearless days placed after the floor.
  let best: { iso: string; m: FoundDate } | null = null;
  for (const m of mentions) {
    if (m.span.certain || m.span.precision !== "day" || m.relative) continue;
    const last = m.span.end;
    const iso = firstOnOrAfter(last.slice(5, 7), last.slice(8, 10), floorIso);
    if (floor.span.precision === "day" && dayNum(iso) - dayNum(floorIso) > DAYLINE_WINDOW_DAYS) continue;
    if (!best || iso > best.iso) best = { iso, m };
  }
  if (best && best.iso >= floorIso) return { iso: best.iso, precision: "day", evidence: `${best.m.text} (after ${floor.text})` };

  if (floor.span.precision !== "day") return null;
  return { iso: floorIso, precision: "day", evidence: floor.text };
}
