/** Stage 4d, the date and status of a cue's development. */
import type { DatePrecision, DateSpan, DevelopmentStatus } from "../../domain/types.ts";
import type { Sentence } from "../sentences.ts";
import type { FoundDate } from "../types.ts";
import { clauseAround, daysBetween, isDuration, lastIndexOf, refDay, test, type Ctx } from "./context.ts";
import type { CueHit } from "./cues.ts";

export interface ChosenDate {
  span: DateSpan;
  rule: string;
}

/**
 * The date of the event in a sentence: a fronted date ("Tháng 9/2024, hai nước…", "On Monday, …")
 * governs the main clause; dates in "sau khi / after / since" clauses describe something else;
 * otherwise the date nearest the cue. With no date, the publication date, marked uncertain.
 */
/**
 * "deliveries by 2030", "tầm nhìn đến năm 2045", "the plan through 2028": a target year ahead
 * is when something should be done, not when the development happened. So is any date more
 * than two years after the story: no report dates its own news that far ahead.
 */
function isDeadline(ctx: Ctx, s: Sentence, d: FoundDate): boolean {
  if (!ctx.ref || d.span.start <= ctx.ref) return false;
  if (daysBetween(ctx.ref, d.span.start) > 730) return true;
  const before = s.text.slice(Math.max(0, d.start - s.start - 20), d.start - s.start).toLowerCase();
  return ctx.rules.deadlineBefore.test(before);
}

export function chooseDate(ctx: Ctx, s: Sentence, dates: FoundDate[], cue: CueHit): ChosenDate {
  const lower = s.text.toLowerCase();
  const usable = dates.filter((d) => !isDuration(d) && !isDeadline(ctx, s, d));
  // A date is about something else when a "sau khi / after / since" clause holds it: either its
  // own clause opens with one, or one stands between the cue and the date.
  const cueAt = clauseAround(lower, cue.start - s.start).start;
  const inSubordinate = (d: FoundDate) => {
    const c = clauseAround(lower, d.start - s.start);
    if (ctx.lex.subordinate.test(c.text)) return true;
    // "… to visit Hiroshima, a city destroyed by an atomic bomb 71 years ago": an appositive or
    // relative clause describes a noun, its date is that noun's
    if (c.start !== cueAt && c.start > 0 && ctx.rules.appositiveClause.test(c.text)) return true;
    if (d.start >= cue.end) {
      const between = lower.slice(cue.end - s.start, d.start - s.start);
      return ctx.rules.subordinateInside.test(between);
    }
    return false;
  };
  // "ký Kế hoạch hợp tác quốc phòng năm 2025": the year names the document.
  const namesDocument = (d: FoundDate) => d.start > cue.start && test(ctx.lex.documentBefore, lower.slice(cue.end - s.start, d.start - s.start));
  // A cue inside an "after / sau khi" clause takes only that clause's dates.
  const cueClause = clauseAround(lower, cue.start - s.start);
  // "… sau chuyến thăm cấp nhà nước hồi tháng 3", "after his visit in March": a cue right after
  // "sau / after" is another, earlier event, dated only by what its own clause says.
  const cueAfterPreposition = ctx.rules.prepositionBeforeCue.test(lower.slice(Math.max(0, cue.start - s.start - 14), cue.start - s.start));
  const cueSubordinate = ctx.lex.subordinate.test(cueClause.text) || cueAfterPreposition;
  const inCueClause = (d: FoundDate) => d.start - s.start >= cueClause.start && d.end - s.start <= cueClause.start + cueClause.text.length;
  // "Trong khi chuyến đi tới Paris … thì … bay đến Nhật Bản vào sáng 8/7": a cue in the opening
  // "while / if" clause does not take the dates of the clause after "thì / then"
  const thenAt = ctx.rules.thenAfterOpener ? thenBreak(ctx, lower) : -1;
  const beyondThen = (d: FoundDate) => thenAt >= 0 && cue.start - s.start < thenAt && d.start - s.start > thenAt;
  const main = cueSubordinate ? usable.filter((d) => inCueClause(d) && !beyondThen(d) && (!cueAfterPreposition || d.start >= cue.start)) : usable.filter((d) => !inSubordinate(d) && !namesDocument(d) && !beyondThen(d));
  // "a 2016 arbitration ruling", "the 2014 agreement": a year qualifying a noun dates that noun,
  // the cue only when the cue is (in) that noun phrase, or when the phrase opens the sentence as
  // its time ("During the 2018 visit …, the two sides signed …")
  const ownAttribute = (d: FoundDate) =>
    !d.rule.endsWith("attr-year") ||
    // "hiệp ước phòng thủ ký năm 1951": a document's year after its name dates that document
    (d.rule.endsWith("doc-attr-year") && cue.end <= d.start && /^[^,;.]{0,80}$/u.test(lower.slice(cue.start - s.start, d.start - s.start))) ||
    (cue.start >= d.end && /^[\s\p{L}()'’-]{0,80}$/u.test(lower.slice(d.end - s.start, cue.start - s.start))) ||
    /^\s*(?:during|at|in|on|amid|on the sidelines of)\s+(?:the|his|her|their|its|a|an)\s+$/u.test(lower.slice(0, d.start - s.start));
  let pool = main.filter((d) => !d.rule.endsWith("name-year") && ownAttribute(d));
  // "Theo thông cáo ngày 6/11, … sẽ thăm Brazil từ ngày 9/11 đến 12/11": a
  // statement's own date is when it was said; another date in the sentence is the event's
  const saying = (d: FoundDate) => ctx.rules.sourceDateBefore.test(lower.slice(Math.max(0, d.start - s.start - 30), d.start - s.start));
  if (pool.some(saying) && pool.some((d) => !saying(d))) pool = pool.filter((d) => !saying(d));
  // a name's year dates only its own name ("tập trận Vostok-2022"), not a cue further off
  // ("… máy bay Mirage 2000 …, nhu cầu đào tạo phi công"); in an arms cue it is a model's number
  if (!pool.length && cue.type !== "arms") pool = main.filter((d) => distance(d, cue) <= 40);
  if (pool.length) {
    const firstClauseEnd = s.start + (lower.search(/[,;]/) < 0 ? lower.length : lower.search(/[,;]/));
    const fronted = pool.find((d) => d.end <= firstClauseEnd && d.end <= cue.start && d.start - s.start < 40);
    // "Cũng trong năm ngoái, … vào tháng 7": a fronted year narrowed by a later month inside it.
    const narrower = fronted && pool.find((d) => d !== fronted && RANK[d.span.precision] > RANK[fronted.span.precision] && d.span.start >= fronted.span.start && d.span.end <= fronted.span.end);
    const pick =
      narrower ??
      fronted ??
      [...pool].sort((a, b) => distance(a, cue) - distance(b, cue) || (a.start >= cue.end ? -1 : 1))[0]!;
    // "The exercises, which run until May 10": an end date; the event runs from the reference
    // day (or earlier) to it, and a yearless end lies ahead of the story, not behind it.
    const lead = lower.slice(Math.max(0, pick.start - s.start - 25), pick.start - s.start);
    if (ctx.rules.untilBefore.test(lead) && ctx.ref) {
      let end = pick.span;
      if (!end.certain && end.end < ctx.ref) end = shiftYears(end, 1);
      if (end.end >= ctx.ref && daysBetween(ctx.ref, end.end) <= 120) return { span: { start: ctx.ref, end: end.end, precision: "day", certain: false }, rule: `${pick.rule}+until` };
    }
    return { span: pick.span, rule: pick.rule };
  }
  // "Sau cuộc gặp … vào ngày 26-9, Tổng thống Biden cam kết …", "After meeting … on Thursday, Biden
  // pledged …": with no date of its own, the act follows the fronted clause's day
  const fronted = usable.find((d) => d.span.precision === "day" && d.end <= cue.start && ctx.rules.afterOpener.test(lower) && clauseAround(lower, d.start - s.start).start === 0);
  if (fronted) return { span: fronted.span, rule: `${fronted.rule}+after` };
  return publicationDate(ctx);
}

/** No date of its own: the publication (or reference) day, marked uncertain. */
function publicationDate(ctx: Ctx): ChosenDate {
  if (ctx.pub) {
    const spanIso = ctx.ref && ctx.ref !== refDay(ctx.pub.iso, ctx.pub.precision) ? ctx.ref : ctx.pub.iso;
    const precision: DatePrecision = spanIso.length === 10 ? "day" : spanIso.length === 7 ? "month" : "year";
    return { span: { ...spanOf(spanIso, precision), certain: false }, rule: "publication" };
  }
  return { span: { start: "1970-01-01", end: "1970-01-01", precision: "year", certain: false }, rule: "none" };
}

/** Where "thì" closes an opening "Trong khi / Khi / Nếu …" clause, or -1. */
function thenBreak(ctx: Ctx, lower: string): number {
  if (!ctx.rules.thenAfterOpener!.test(lower)) return -1;
  const m = /\sthì\s/u.exec(lower);
  return m ? m.index : -1;
}

export function anniversaryDate(ctx: Ctx, s: Sentence, cue: CueHit): ChosenDate | null {
  if (!ctx.ref) return null;
  const lower = s.text.toLowerCase();
  if (!ctx.rules.anniversaryMark.test(lower)) return null;
  const before = lower.slice(0, cue.start - s.start);
  const m = ctx.rules.yearsBeforeCue.exec(before);
  if (!m) return null;
  const year = Number(ctx.ref.slice(0, 4)) - Number(m[1]);
  if (year < 1900) return null;
  return { span: { start: `${year}-01-01`, end: `${year}-12-31`, precision: "year", certain: false }, rule: "anniversary" };
}

export function shiftYears(span: DateSpan, years: number): DateSpan {
  const shift = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
    return `${y + years}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
  };
  return { ...span, start: shift(span.start), end: shift(span.end) };
}

export function shiftDays(span: DateSpan, days: number): DateSpan {
  const shift = (iso: string) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
  return { ...span, start: shift(span.start), end: shift(span.end) };
}

export function spanOf(iso: string, precision: DatePrecision): DateSpan {
  if (precision === "day") return { start: iso, end: iso, precision, certain: true };
  if (precision === "month") return { start: `${iso}-01`, end: refDay(iso, "month"), precision, certain: true };
  return { start: `${iso}-01-01`, end: `${iso}-12-31`, precision, certain: true };
}

const RANK: Record<DatePrecision, number> = { year: 0, month: 1, day: 2 };

export function distance(d: FoundDate, cue: CueHit): number {
  if (d.end <= cue.start) return cue.start - d.end;
  if (d.start >= cue.end) return d.start - cue.end;
  return 0;
}

export function chooseStatus(ctx: Ctx, before: string, clause: string, date: ChosenDate): DevelopmentStatus {
  if (date.rule === "anniversary") return "held";
  const window = before.slice(-80);
  const announced = test(ctx.lex.announced, window) || test(ctx.lex.announced, clause);
  if (ctx.ref && date.rule !== "publication" && date.span.start > ctx.ref) return announced ? "announced" : "planned";
  // "announced … that they would pursue": an announced plan is announced.
  if (test(ctx.lex.planned, window) && lastIndexOf(ctx.lex.past, window) < lastIndexOf(ctx.lex.planned, window)) return announced ? "announced" : "planned";
  // "ahead of Prime Minister Modi's state visit", "trước chuyến thăm sắp tới": the event still lies ahead
  if ((date.rule === "publication" || (ctx.ref && date.span.start >= ctx.ref)) && ctx.rules.aheadBeforeCue?.test(before.slice(-70))) return "planned";
  if (announced) return "announced";
  return "held";
}

/** True when a planning word ("sẽ", "will") stands before the chosen date in the sentence. */
export function plannedBeforeDate(ctx: Ctx, lower: string, s: Sentence, dates: FoundDate[], date: ChosenDate): boolean {
  const d = dates.find((x) => x.span === date.span);
  if (!d) return false;
  const at = lastIndexOf(ctx.lex.planned, lower.slice(0, d.start - s.start));
  return at >= 0;
}
