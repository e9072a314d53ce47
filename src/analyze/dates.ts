/**
 * Date finding and resolution for the analyzer (Vietnamese and English).
 *
 * Ordered stages, as in chrono's rule engine:
 *   1. scan   — each language's rules (src/analyze/lang/{vi,en}/dates.ts) propose candidates:
 *               an offset range, the rule's name and a `resolve` closure;
 *   2. pick   — longest candidates win, so "hôm qua (3/7)" beats "hôm qua" and "(3/7)";
 *   3. resolve— in text order against the reference date, with a running "context year" set by
 *               mentions that write their year ("tháng 3/2023 … tháng 4" → 2023-04);
 *   4. merge  — "between X and Y", "từ tháng 3 đến tháng 5/2024": two mentions joined by a
 *               range word become one span, the first borrowing the second's year.
 * Pure code: no clock, the reference date comes in through DateContext.
 */
import type { DatePrecision, DateSpan } from "../domain/types.ts";
import { EN_DATE_LANGUAGE } from "./lang/en/dates.ts";
import { VI_DATE_LANGUAGE } from "./lang/vi/dates.ts";

/** One date expression found in a text, with the span it denotes. */
export interface FoundDate {
  /** offsets in the text passed in */
  start: number;
  end: number;
  text: string;
  span: DateSpan;
  /** which rule produced it, e.g. "vi.dd/mm", "vi.hom-qua", "en.last-weekday" */
  rule: string;
  /** true when a deictic word anchors it to the reference date ("hôm qua", "last Friday") */
  relative: boolean;
}

/** What a text's dates are resolved against. */
export interface DateContext {
  /** reference date YYYY-MM-DD (the article's publication date; a timestamp counts for its day) */
  ref: string;
  refPrecision: "day" | "month" | "year";
  lang: "vi" | "en";
  /** past-tense news (default true): a dd/mm without a year = the latest such day on or before ref */
  pastBias?: boolean;
}

/** A part of a month or year: "đầu/giữa/cuối", "early/mid/late". */
export type SpanPart = "early" | "mid" | "late";

/** How a weekday name is placed relative to the reference date. */
export type WeekdayMode = "bare" | "last" | "next" | "this-week" | "last-week" | "next-week";

/** What a rule's resolve closure returns. */
export interface DateResolution {
  span: DateSpan;
  relative: boolean;
  /** the year when the text wrote it in digits: sets the running context year ("năm ngoái" does not) */
  contextYear?: number;
}

/** A rule's proposal before resolution (stage 1 output). */
export interface DateCandidate {
  start: number;
  end: number;
  rule: string;
  resolve: (r: DateResolver) => DateResolution | null;
}

/** What a language contributes: its rules and the words that steer resolution. */
export interface DateLanguage {
  scan: (text: string) => DateCandidate[];
  /** a future-tense cue shortly before a date ("sẽ", "dự kiến", "will"): resolve forward, not back */
  futureCue: RegExp;
  /** the text between two mentions that makes them one range ("đến", "to", "-") */
  rangeJoin: RegExp;
  /** joins that need an opener before the first mention ("between X and Y") */
  rangeNeedsOpener: RegExp;
  rangeOpener: RegExp;
}

const LANGUAGES: Record<DateContext["lang"], DateLanguage> = { vi: VI_DATE_LANGUAGE, en: EN_DATE_LANGUAGE };

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on plain y/m/d (UTC, no time zones involved).

/** A calendar day as numbers (month 1–12). */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const toIso = (p: Ymd) => `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const toDays = (p: Ymd) => Math.round(Date.UTC(p.y, p.m - 1, p.d) / 86_400_000);
function fromDays(n: number): Ymd {
  const dt = new Date(n * 86_400_000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}
const addDays = (p: Ymd, n: number) => fromDays(toDays(p) + n);
function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + n;
  return { y: Math.floor(k / 12), m: (k % 12) + 1 };
}
/** 0 = Sunday … 6 = Saturday */
const weekdayOf = (p: Ymd) => new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

function parseIso(iso: string): Ymd {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`dates: bad ISO date (want YYYY-MM-DD): ${iso}`);
  const p = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (!validDay(p.y, p.m, p.d)) throw new Error(`dates: no such day: ${iso}`);
  return p;
}

function daySpan(p: Ymd, certain: boolean): DateSpan {
  const iso = toIso(p);
  return { start: iso, end: iso, precision: "day", certain };
}
function monthSpan(y: number, m: number, certain: boolean, part?: SpanPart): DateSpan {
  const last = daysInMonth(y, m);
  // Thirds of a month, as Vietnamese "thượng/trung/hạ tuần" cut it: 1–10, 11–20, 21–end.
  const [a, b] = part === "early" ? [1, 10] : part === "mid" ? [11, 20] : part === "late" ? [21, last] : [1, last];
  return { start: toIso({ y, m, d: a }), end: toIso({ y, m, d: b }), precision: "month", certain };
}
function yearSpan(y: number, certain: boolean, part?: SpanPart): DateSpan {
  // Thirds of a year: Jan–Apr, May–Aug, Sep–Dec.
  const [a, b] = part === "early" ? [1, 4] : part === "mid" ? [5, 8] : part === "late" ? [9, 12] : [1, 12];
  return { start: toIso({ y, m: a, d: 1 }), end: toIso({ y, m: b, d: daysInMonth(y, b) }), precision: "year", certain };
}

const PRECISION_RANK: Record<DatePrecision, number> = { day: 0, month: 1, year: 2 };

// ---------------------------------------------------------------------------------------------
// Exported span helpers.

/** Orders spans by start, then end, then finer precision first. */
export function compareSpans(a: DateSpan, b: DateSpan): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  return PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision];
}

/** True when the spans share a day, allowing `toleranceDays` of slack on either side. */
export function spansOverlap(a: DateSpan, b: DateSpan, toleranceDays = 0): boolean {
  const as = toDays(parseIso(a.start)) - toleranceDays;
  const ae = toDays(parseIso(a.end)) + toleranceDays;
  return as <= toDays(parseIso(b.end)) && toDays(parseIso(b.start)) <= ae;
}

/** The span a contract date denotes: 'YYYY' → the year, 'YYYY-MM' → the month, 'YYYY-MM-DD' → the day. */
export function spanFromIso(iso: string): DateSpan {
  if (/^\d{4}$/.test(iso)) return yearSpan(Number(iso), true);
  const ym = /^(\d{4})-(\d{2})$/.exec(iso);
  if (ym) {
    const m = Number(ym[2]);
    if (m < 1 || m > 12) throw new Error(`dates: no such month: ${iso}`);
    return monthSpan(Number(ym[1]), m, true);
  }
  return daySpan(parseIso(iso.slice(0, 10)), true);
}

/** The contract form of a span at its precision: 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY'. */
export function formatSpan(span: DateSpan): string {
  return span.precision === "year" ? span.start.slice(0, 4) : span.precision === "month" ? span.start.slice(0, 7) : span.start.slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// The resolver: everything a rule needs to turn written parts into a span.

/** Characters of text after which a context year no longer applies to a bare month. */
const CONTEXT_WINDOW = 400;
/** How far back a future cue is looked for, within the sentence. */
const FUTURE_CUE_WINDOW = 60;
/** a yearless day this many days after the reference at most is read as coming, not as last year's */
const NEAR_AHEAD_DAYS = 14;
/** verbs of saying: a date right after one is when something was said ("said on Wednesday") */
const SAYING = "(?<![\\p{L}])(?:said|says|told|announced|stated|added|noted|cho biết|cho hay|nói|tuyên bố|khẳng định)";
const SAID_ON = new RegExp(`${SAYING}\\s+(?:on\\s+|hôm\\s+|ngày\\s+|vào\\s+)?$`, "iu");
const SAID = new RegExp(`${SAYING}(?![\\p{L}])`, "u");

/**
 * Resolves written date parts against the reference date and the text read so far.
 * Handed to each candidate's resolve closure; `at` is the candidate's start offset.
 */
export class DateResolver {
  readonly refStart: Ymd;
  readonly refEnd: Ymd;
  readonly refPrecision: DatePrecision;
  readonly pastBias: boolean;
  at = 0;
  private context: { year: number; end: number } | null = null;
  /** the last single-day mention, for "cùng ngày" / "the next day" */
  private lastDay: DateSpan | null = null;

  constructor(
    ctx: DateContext,
    private readonly text: string,
    private readonly futureCue: RegExp,
  ) {
    // a full timestamp is accepted for its day ("2025-06-07T20:41:00+07:00")
    const ref = parseIso(/^\d{4}-\d{2}-\d{2}T/.test(ctx.ref) ? ctx.ref.slice(0, 10) : ctx.ref);
    this.refPrecision = ctx.refPrecision;
    this.pastBias = ctx.pastBias ?? true;
    const refSpan =
      ctx.refPrecision === "day" ? daySpan(ref, true) : ctx.refPrecision === "month" ? monthSpan(ref.y, ref.m, true) : yearSpan(ref.y, true);
    this.refStart = parseIso(refSpan.start);
    this.refEnd = parseIso(refSpan.end);
  }

  /** The reference year (the year of the reference span's end). */
  get refYear(): number {
    return this.refEnd.y;
  }

  setContextYear(year: number, end: number): void {
    this.context = { year, end };
  }

  /** Called by the engine after each resolved mention. */
  noteMention(span: DateSpan): void {
    if (span.precision === "day" && span.start === span.end) this.lastDay = span;
  }

  /** The day n days after the last single-day mention ("cùng ngày" = 0, "hôm sau" = +1); null when none. */
  afterLastDay(n: number): DateSpan | null {
    if (!this.lastDay) return null;
    return daySpan(addDays(parseIso(this.lastDay.start), n), this.lastDay.certain);
  }

  /** The context year if one was written in the same sentence before `at`. */
  private sentenceYear(): number | null {
    if (!this.context) return null;
    const between = this.text.slice(this.context.end, this.at);
    return /[.!?\n]/.test(between) ? null : this.context.year;
  }

  /** The context year if one was written within CONTEXT_WINDOW characters before `at`. */
  private nearbyYear(): number | null {
    if (!this.context || this.at - this.context.end > CONTEXT_WINDOW) return null;
    return this.context.year;
  }

  /**
   * Whether the words right after the date speak of the future ("On June 22, Biden will
   * welcome …", "Ngày 25-11, Bộ trưởng sẽ …"), within the sentence.
   */
  private futureAfter(): boolean {
    // "said on Wednesday the visit will …": the day something was said, whatever it says
    if (SAID_ON.test(this.text.slice(Math.max(0, this.at - 25), this.at))) return false;
    let after = this.text.slice(this.at, this.at + FUTURE_CUE_WINDOW);
    // up to the sentence's end or a second, coordinated predicate ("held it last March and are expected to repeat it")
    const cut = after.search(/[.!?;\n]|\s(?:and|but|while|và|nhưng|còn)\s/u);
    if (cut >= 0) after = after.slice(0, cut);
    // "On Thursday, Lavrov said Russia will …": what was said then lies ahead, not the day
    const said = after.search(SAID);
    if (said >= 0) after = after.slice(0, said);
    this.futureCue.lastIndex = 0;
    return this.futureCue.test(after);
  }

  /** Whether the clause before `at` speaks of the future ("sẽ", "dự kiến", "will"). */
  isFuture(): boolean {
    const from = Math.max(0, this.at - FUTURE_CUE_WINDOW);
    let before = this.text.slice(from, this.at);
    // the cue must be in the same clause: "Hai bên sẽ tăng cường hợp tác, sau cuộc hội đàm ngày 14/10" is past
    const cut = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n"), before.lastIndexOf("? "), before.lastIndexOf("! "), before.lastIndexOf(","), before.lastIndexOf(";"));
    if (cut >= 0) before = before.slice(cut + 1);
    this.futureCue.lastIndex = 0;
    return this.futureCue.test(before);
  }

  /**
   * The year of a yearless day: a year written earlier in the same sentence; else forward from ref
   * after a future cue; else the latest such day on or before ref (past bias) or the nearest one.
   */
  yearForDay(m: number, d: number, direction?: "past" | "future"): number {
    const y0 = this.sentenceYear();
    if (y0 !== null && !direction) return y0;
    const dir = direction ?? (this.isFuture() ? "future" : this.pastBias ? "past" : "nearest");
    const after = (a: Ymd, b: Ymd) => a.m > b.m || (a.m === b.m && a.d > b.d);
    if (dir === "past") {
      // a day at most two weeks after the reference is that coming day ("sáng 25-11" in a page
      // stamped 24-11, the first days of January seen from late December), not one a year back
      for (const y of [this.refEnd.y, this.refEnd.y + 1]) {
        if (!validDay(y, m, d)) continue;
        const ahead = toDays({ y, m, d }) - toDays(this.refEnd);
        if (ahead > 0 && ahead <= NEAR_AHEAD_DAYS) return y;
      }
      // a day later this year told in the future ("On June 22, Biden will …") is this year's
      let y = after({ y: 0, m, d }, this.refEnd) && !this.futureAfter() ? this.refEnd.y - 1 : this.refEnd.y;
      for (let i = 0; i < 8 && !validDay(y, m, d); i++) y--;
      return y;
    }
    if (dir === "future") {
      let y = after(this.refStart, { y: 0, m, d }) ? this.refStart.y + 1 : this.refStart.y;
      for (let i = 0; i < 8 && !validDay(y, m, d); i++) y++;
      return y;
    }
    const mid = toDays(this.refStart);
    let best = this.refStart.y;
    let bestGap = Infinity;
    for (const y of [this.refStart.y - 1, this.refStart.y, this.refStart.y + 1]) {
      if (!validDay(y, m, d)) continue;
      const gap = Math.abs(toDays({ y, m, d }) - mid);
      if (gap < bestGap) [best, bestGap] = [y, gap];
    }
    return best;
  }

  /** The year of a yearless month: a nearby written year, else as yearForDay at month grain. */
  yearForMonth(m: number, direction?: "past" | "future"): number {
    const y0 = this.nearbyYear();
    if (y0 !== null && !direction) return y0;
    const dir = direction ?? (this.isFuture() ? "future" : this.pastBias ? "past" : "nearest");
    if (dir === "past") return m > this.refEnd.m && !this.futureAfter() ? this.refEnd.y - 1 : this.refEnd.y;
    if (dir === "future") return m < this.refStart.m ? this.refStart.y + 1 : this.refStart.y;
    const k = this.refStart.y * 12 + this.refStart.m;
    const ys = [this.refStart.y - 1, this.refStart.y, this.refStart.y + 1];
    return ys.reduce((best, y) => (Math.abs(y * 12 + m - k) < Math.abs(best * 12 + m - k) ? y : best));
  }

  /** The year of a yearless part-of-year or quarter ("cuối năm", "the third quarter"). */
  yearForYearPart(): number {
    return this.nearbyYear() ?? this.refYear;
  }

  day(y: number, m: number, d: number, certain: boolean): DateSpan | null {
    return validDay(y, m, d) ? daySpan({ y, m, d }, certain) : null;
  }

  /** A day span from two days; null when invalid or reversed. */
  dayRange(a: Ymd, b: Ymd, certain: boolean): DateSpan | null {
    if (!validDay(a.y, a.m, a.d) || !validDay(b.y, b.m, b.d) || toDays(a) > toDays(b)) return null;
    return { start: toIso(a), end: toIso(b), precision: "day", certain };
  }

  month(y: number, m: number, certain: boolean, part?: SpanPart): DateSpan | null {
    return m >= 1 && m <= 12 ? monthSpan(y, m, certain, part) : null;
  }

  /** Months a..b of year y (a quarter, "từ tháng 3 đến tháng 5"), month precision. */
  monthRange(y: number, a: number, b: number, certain: boolean, yb = y): DateSpan | null {
    if (a < 1 || a > 12 || b < 1 || b > 12 || y * 12 + a > yb * 12 + b) return null;
    return { start: toIso({ y, m: a, d: 1 }), end: toIso({ y: yb, m: b, d: daysInMonth(yb, b) }), precision: "month", certain };
  }

  year(y: number, certain: boolean, part?: SpanPart): DateSpan {
    return yearSpan(y, certain, part);
  }

  yearRange(a: number, b: number, certain: boolean): DateSpan | null {
    if (a > b) return null;
    return { start: `${pad(a, 4)}-01-01`, end: `${pad(b, 4)}-12-31`, precision: "year", certain };
  }

  /** When ref is coarser than a day, day-grain deixis can only say "within the reference span". */
  private coarse(): DateSpan {
    const s = this.refPrecision === "month" ? monthSpan(this.refStart.y, this.refStart.m, false) : yearSpan(this.refStart.y, false);
    return s;
  }

  /** "hôm qua" = -1, "hôm nay" = 0, "ngày mai" = +1. */
  offsetDays(n: number): DateSpan {
    return this.refPrecision === "day" ? daySpan(addDays(this.refStart, n), true) : this.coarse();
  }

  /** Monday of the reference week. */
  private weekStart(): Ymd {
    return addDays(this.refStart, -((weekdayOf(this.refStart) + 6) % 7));
  }

  /** Calendar week n weeks from ref's (Mon–Sun), or the rolling 7 days before ref ("tuần qua", "the past week"). */
  offsetWeek(n: number, rolling = false): DateSpan {
    if (this.refPrecision !== "day") return this.coarse();
    if (rolling) return { start: toIso(addDays(this.refStart, -7)), end: toIso(addDays(this.refStart, -1)), precision: "day", certain: false };
    const s = addDays(this.weekStart(), 7 * n);
    return { start: toIso(s), end: toIso(addDays(s, 6)), precision: "day", certain: false };
  }

  /** From the start of ref's week/month/year up to ref ("earlier this month"), or from ref to its end ("later this month"). */
  partOfCurrent(unit: "week" | "month" | "year", side: "earlier" | "later"): DateSpan {
    const s = unit === "week" ? (this.refPrecision === "day" ? this.weekStart() : this.refStart) : unit === "month" ? { ...this.refStart, d: 1 } : { y: this.refStart.y, m: 1, d: 1 };
    const e =
      unit === "week"
        ? this.refPrecision === "day"
          ? addDays(s, 6)
          : this.refEnd
        : unit === "month"
          ? { ...this.refEnd, d: daysInMonth(this.refEnd.y, this.refEnd.m) }
          : { y: this.refEnd.y, m: 12, d: 31 };
    const precision: DatePrecision = unit === "year" ? "year" : unit === "month" ? "month" : "day";
    const [a, b] = side === "earlier" ? [s, this.refEnd] : [this.refStart, e];
    return { start: toIso(a), end: toIso(b), precision, certain: false };
  }

  /** Calendar month n months from ref's ("tháng trước" = -1), optionally a third of it. */
  offsetMonth(n: number, part?: SpanPart): DateSpan {
    if (this.refPrecision === "year") return this.coarse();
    const { y, m } = addMonths(this.refStart.y, this.refStart.m, n);
    return monthSpan(y, m, true, part);
  }

  /** Calendar year n years from ref's ("năm ngoái" = -1), optionally a third of it. */
  offsetYear(n: number, part?: SpanPart): DateSpan {
    return yearSpan(this.refStart.y + n, true, part);
  }

  /** The 12 months before ref ("năm qua", "the past year"). */
  pastYear(): DateSpan {
    const s = addDays(this.refEnd, -365);
    return { start: toIso(s), end: toIso(this.refEnd), precision: "year", certain: false };
  }

  /** A weekday name (0 = Sunday) placed against ref; bare names look back in past-tense news. */
  weekday(dow: number, mode: WeekdayMode): DateSpan {
    if (this.refPrecision !== "day") return this.coarse();
    const ref = this.refStart;
    const back = (weekdayOf(ref) - dow + 7) % 7; // days back to the latest such weekday, 0 = ref itself
    const fwd = (dow - weekdayOf(ref) + 7) % 7;
    const inWeek = (w: number) => addDays(this.weekStart(), 7 * w + ((dow + 6) % 7));
    let p: Ymd;
    let certain = true;
    switch (mode) {
      case "last":
        p = addDays(ref, -(back === 0 ? 7 : back));
        break;
      case "next":
        p = addDays(ref, fwd === 0 ? 7 : fwd);
        break;
      case "this-week":
        p = inWeek(0);
        break;
      case "last-week":
        p = inWeek(-1);
        break;
      case "next-week":
        p = inWeek(1);
        break;
      default: {
        certain = false; // which week is implied
        // "In Paris on Thursday, Macron will host …": a future word right after it looks ahead too
        const dir = this.isFuture() || (back > 0 && this.futureAfter()) ? "future" : this.pastBias ? "past" : back <= fwd ? "past" : "future";
        p = dir === "past" ? addDays(ref, -back) : addDays(ref, fwd);
      }
    }
    return daySpan(p, certain);
  }

  /** Whether a yearless day/month equals ref shifted by n days (for "hôm qua (3/7)"). */
  matchesOffset(m: number, d: number, n: number): number | null {
    if (this.refPrecision !== "day") return null;
    const p = addDays(this.refStart, n);
    return p.m === m && p.d === d ? p.y : null;
  }

  /** The year that puts a yearless day nearest to ref shifted by n days. */
  yearNearOffset(m: number, d: number, n: number): number {
    const target = toDays(addDays(this.refStart, n));
    let best = this.refStart.y;
    let gap = Infinity;
    for (const y of [this.refStart.y - 1, this.refStart.y, this.refStart.y + 1]) {
      if (!validDay(y, m, d)) continue;
      const g = Math.abs(toDays({ y, m, d }) - target);
      if (g < gap) [best, gap] = [y, g];
    }
    return best;
  }
}

// ---------------------------------------------------------------------------------------------
// The engine.

/** Longest candidates first; among equals, the rule listed first. Keeps non-overlapping ones. */
function pickCandidates(cands: DateCandidate[]): DateCandidate[] {
  const order = cands.map((c, i) => ({ c, i }));
  order.sort((a, b) => b.c.end - b.c.start - (a.c.end - a.c.start) || a.i - b.i);
  const picked: DateCandidate[] = [];
  for (const { c } of order) {
    if (picked.every((p) => c.end <= p.start || c.start >= p.end)) picked.push(c);
  }
  return picked.sort((a, b) => a.start - b.start);
}

/** Merges "X to Y" pairs of mentions into one range mention (stage 4). */
function mergeRanges(text: string, ms: FoundDate[], lang: DateLanguage, langCode: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (let i = 0; i < ms.length; i++) {
    const a = ms[i]!;
    const b = ms[i + 1];
    if (b) {
      const between = text.slice(a.end, b.start);
      const opener = lang.rangeOpener.test(text.slice(Math.max(0, a.start - 12), a.start));
      const joined = lang.rangeJoin.test(between) && (opener || !lang.rangeNeedsOpener.test(between));
      const sameGrain = a.span.precision === b.span.precision || (a.span.precision !== "year" && b.span.precision !== "year");
      if (joined && sameGrain && !a.relative && !b.relative) {
        let start = a.span.start;
        // The first half borrows the year the second half wrote ("28 February and 2 March 2024").
        if (!a.span.certain && b.span.certain) {
          const y = Number(b.span.start.slice(0, 4));
          start = `${y}${start.slice(4)}`;
          if (start > b.span.start) start = `${y - 1}${start.slice(4)}`;
        }
        if (start <= b.span.end) {
          const precision = PRECISION_RANK[a.span.precision] >= PRECISION_RANK[b.span.precision] ? a.span.precision : b.span.precision;
          out.push({
            start: a.start,
            end: b.end,
            text: text.slice(a.start, b.end),
            span: { start, end: b.span.end, precision, certain: b.span.certain && (a.span.certain || start !== a.span.start) },
            rule: `${langCode}.range`,
            relative: false,
          });
          i++;
          continue;
        }
      }
    }
    out.push(a);
  }
  return out;
}

/**
 * Every date expression in `text`, resolved against `ctx.ref`: sorted, non-overlapping.
 * Throws only on a malformed context (bad ISO ref).
 */
export function findDates(text: string, ctx: DateContext): FoundDate[] {
  const lang = LANGUAGES[ctx.lang];
  if (!lang) throw new Error(`dates: unsupported language: ${String(ctx.lang)}`);
  // Rules are written for NFC; NFD input is scanned in NFC and offsets mapped back.
  const norm = text.normalize("NFC");
  const map = norm === text ? null : nfcOffsetMap(text);
  const resolver = new DateResolver(ctx, norm, lang.futureCue);
  const mentions: FoundDate[] = [];
  for (const c of pickCandidates(lang.scan(norm))) {
    resolver.at = c.start;
    const res = c.resolve(resolver);
    if (!res) continue;
    mentions.push({ start: c.start, end: c.end, text: norm.slice(c.start, c.end), span: res.span, rule: c.rule, relative: res.relative });
    if (res.contextYear !== undefined) resolver.setContextYear(res.contextYear, c.end);
    resolver.noteMention(res.span);
  }
  const merged = mergeRanges(norm, mentions, lang, ctx.lang);
  if (!map) return merged;
  return merged.map((m) => {
    const start = map[m.start] ?? 0;
    const end = map[m.end] ?? text.length;
    return { ...m, start, end, text: text.slice(start, end) };
  });
}

/** For each offset of text.normalize("NFC"), the matching offset in `text` (composed per base + marks cluster). */
function nfcOffsetMap(text: string): number[] {
  const map: number[] = [];
  const cluster = /\P{M}\p{M}*|\p{M}+/gsu;
  let m: RegExpExecArray | null;
  while ((m = cluster.exec(text))) {
    const n = m[0].normalize("NFC").length;
    for (let i = 0; i < n; i++) map.push(m.index);
  }
  map.push(text.length);
  return map;
}
