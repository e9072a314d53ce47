/**
 * English date rules. Month-name dates ("October 14", "14 October 2024", "Oct. 14, 2024",
 * "July 8-19", "September 2024", "in April") come from chrono-node's own `en` parsers
 * (ENMonthNameMiddleEndianParser, ENMonthNameLittleEndianParser, ENMonthNameParser and the en
 * refiners), run only on windows around month names: a full `en.casual` pass costs ~1.3 ms per
 * 5 KB, more than our budget. Their year, when implied, is re-resolved here with past bias and the
 * context year. Deixis ("last Friday", "earlier this month", "next year"), quarters, parts
 * ("late June", "early 2024") and name-years ("Vostok-2022") are our own rules.
 */
import * as chrono from "chrono-node";
import type { DateCandidate, DateLanguage, DateResolution, DateResolver, SpanPart, WeekdayMode } from "../../dates.ts";
import { windowsOf } from "../windows.ts";

const YEAR = "(?:19|20)\\d{2}";
const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const WEEKDAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const PART = "(?:early|mid-?|late|the\\s+end\\s+of|the\\s+beginning\\s+of|the\\s+start\\s+of|the\\s+middle\\s+of|end-)";
const partOf = (s: string | undefined): SpanPart | undefined => {
  if (!s) return undefined;
  const k = s.toLowerCase();
  if (k.startsWith("early") || k.includes("beginning") || k.includes("start")) return "early";
  if (k.startsWith("mid") || k.includes("middle")) return "mid";
  return "late";
};
const lower = (s: string | undefined) => (s ?? "").toLowerCase().replace(/\s+/g, " ");

function at(span: DateResolution["span"] | null, relative: boolean, contextYear?: number): DateResolution | null {
  return span ? { span, relative, contextYear } : null;
}

const T_YEAR = /(?:19|20)\d\d/g;
/** Context a rule may need before its trigger ("earlier this", "the third") and after it. */
const WINDOW_BEFORE = 40;
const WINDOW_AFTER = 40;

interface Rule {
  name: string;
  /** a lower-case literal every match contains: the rule runs only in windows around it */
  trigger: RegExp;
  re: RegExp;
  make: (m: RegExpExecArray, text: string) => { rule?: string; start?: number; resolve: DateCandidate["resolve"] } | null;
}

const CASUAL_OFFSET: Record<string, number> = { today: 0, tonight: 0, "this morning": 0, "this afternoon": 0, "this evening": 0, yesterday: -1, "last night": -1, tomorrow: 1 };
/** "today", "yesterday", "last night", "this morning", "yesterday afternoon", "tomorrow" */
const CASUAL = /\b(?<w>today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))(?:\s+(?:morning|afternoon|evening|night))?\b(?!['’]s)/giu;
const CASUAL_RULE: Rule = {
  name: "en.casual",
  trigger: /today|tonight|yesterday|tomorrow|night|this/g,
  re: CASUAL,
  make(m) {
    const w = lower(m.groups!.w);
    const n = CASUAL_OFFSET[w] ?? 0;
    return { rule: `en.${w.replace(/ /g, "-")}`, resolve: (r) => at(r.offsetDays(n), true) };
  },
};

/** "on Monday", "last Friday", "next Tuesday", "this Wednesday", "Sunday night" */
const WEEKDAY_RULE: Rule = {
  name: "en.weekday",
  trigger: /(?:mon|tues|wednes|thurs|fri|satur|sun)day/g,
  re: new RegExp(`\\b(?:(?<mod>on|last|next|this\\s+past|this\\s+coming|this|past|coming)\\s+)?(?<wd>${WEEKDAY})\\b(?:\\s+(?<wk>last\\s+week|next\\s+week|this\\s+week))?`, "gu"),
  make(m) {
    const g = m.groups!;
    const mod = lower(g.mod);
    const wk = lower(g.wk);
    const mode: WeekdayMode =
      wk === "last week" ? "last-week" : wk === "next week" ? "next-week" : wk === "this week" ? "this-week"
        : mod === "last" || mod === "this past" || mod === "past" ? "last"
          : mod === "next" || mod === "this coming" || mod === "coming" ? "next"
            : mod === "this" ? "this-week" : "bare";
    const dow = WEEKDAYS[g.wd!.toLowerCase()]!;
    return { rule: mode === "bare" ? "en.weekday" : `en.${mode}-weekday`, resolve: (r) => at(r.weekday(dow, mode), true) };
  },
};

/** "this week", "last week", "next week", "the past week", "earlier this week" */
const WEEK_RULE: Rule = {
  name: "en.week",
  trigger: /week/g,
  re: /\b(?:(?<side>earlier|later)\s+)?(?<mod>this|last|next|the\s+past|the\s+coming|the\s+previous)\s+week\b(?!s)/giu,
  make(m, text) {
    const g = m.groups!;
    const mod = lower(g.mod);
    // "last week's talks" is still last week; "the previous week" after a date is narrative, not deixis
    if (mod === "the previous" && /\d/.test(text.slice(Math.max(0, m.index - 40), m.index))) return null;
    const side = lower(g.side);
    return {
      rule: `en.${side ? side + "-" : ""}${mod.replace(/^the /, "").replace(/ /g, "-")}-week`,
      resolve: (r) => {
        if (side && mod === "this") return at(r.partOfCurrent("week", side as "earlier" | "later"), true);
        if (mod === "the past") return at(r.offsetWeek(-1, true), true);
        return at(r.offsetWeek(mod === "this" ? 0 : mod === "next" || mod === "the coming" ? 1 : -1), true);
      },
    };
  },
};

/** "last month", "this month", "earlier this month", "late last month", "next month" */
const MONTH_REL_RULE: Rule = {
  name: "en.month-rel",
  trigger: /month/g,
  re: new RegExp(`\\b(?:(?<part>earlier|later|${PART})\\s*)?(?<mod>this|last|next|the\\s+past|the\\s+coming|previous)\\s+month\\b(?!s)`, "giu"),
  make(m) {
    const g = m.groups!;
    const mod = lower(g.mod);
    const p = lower(g.part);
    const n = mod === "this" ? 0 : mod === "next" || mod === "the coming" ? 1 : -1;
    return {
      rule: `en.${p ? p.replace(/[\s-]+/g, "-").replace(/-$/, "") + "-" : ""}${mod.replace(/^the /, "").replace(/ /g, "-")}-month`,
      resolve: (r) => {
        if ((p === "earlier" || p === "later") && n === 0) return at(r.partOfCurrent("month", p), true);
        return at(r.offsetMonth(n, p === "earlier" || p === "later" ? undefined : partOf(p)), true);
      },
    };
  },
};

/** "last year", "next year", "this year", "earlier this year", "late last year", "the past year" */
const YEAR_REL_RULE: Rule = {
  name: "en.year-rel",
  trigger: /year/g,
  re: new RegExp(`\\b(?:(?<part>earlier|later|${PART})\\s*)?(?<mod>this|last|next|the\\s+past|the\\s+coming)\\s+year\\b(?!s)`, "giu"),
  make(m) {
    const g = m.groups!;
    const mod = lower(g.mod);
    const p = lower(g.part);
    const n = mod === "this" ? 0 : mod === "next" || mod === "the coming" ? 1 : -1;
    return {
      rule: `en.${p ? p.replace(/[\s-]+/g, "-").replace(/-$/, "") + "-" : ""}${mod.replace(/^the /, "").replace(/ /g, "-")}-year`,
      resolve: (r) => {
        if (mod === "the past") return at(r.pastYear(), true);
        if ((p === "earlier" || p === "later") && n === 0) return at(r.partOfCurrent("year", p), true);
        return at(r.offsetYear(n, p === "earlier" || p === "later" ? undefined : partOf(p)), true);
      },
    };
  },
};

/** Units that make a four-digit number a count: "in 2000 troops" */
const COUNT_UNIT = /^\s*(?:%|percent|per|troops|soldiers|people|personnel|tons|tonnes|km|kilometers|kilometres|miles|units|aircraft|planes|ships|vehicles|men|times|rounds|sorties)\b/iu;
/** "in 2005", "since 2014", "early 2024", "mid-2023", "the end of 2023" */
const YEAR_RULE: Rule = {
  name: "en.year",
  trigger: T_YEAR,
  re: new RegExp(`\\b(?:(?<part>${PART})\\s*|(?<prep>in|since|by|from|until|till|through|during|throughout|of|for|to)\\s+(?:the\\s+year\\s+)?)(?<y>${YEAR})\\b(?![.,]\\d|-\\d)`, "giu"),
  make(m, text) {
    const g = m.groups!;
    if (COUNT_UNIT.test(text.slice(m.index + m[0].length, m.index + m[0].length + 16))) return null;
    const y = Number(g.y);
    const part = partOf(g.part);
    // the mention starts at the part word; a bare preposition is context, not part of the date
    const start = g.part ? m.index : m.index + m[0].length - g.y!.length;
    return { rule: part ? "en.part-year" : "en.year", start, resolve: (r) => at(r.year(y, true, part), false, y) };
  },
};

/**
 * "the 2014 Enhanced Defense Cooperation Agreement", "their 2021 pact", "the 2016 visit": a year
 * that qualifies a noun dates what the noun names: year, certain (rule en.attr-year).
 */
const ATTR_YEAR_RULE: Rule = {
  name: "en.attr-year",
  trigger: T_YEAR,
  re: new RegExp(`\\b(?:the|its|their|a|an|his|her|that)\\s+(?<y>${YEAR})(?=\\s+[\\p{L}])`, "giu"),
  make(m, text) {
    const g = m.groups!;
    if (COUNT_UNIT.test(text.slice(m.index + m[0].length, m.index + m[0].length + 16))) return null;
    const y = Number(g.y);
    return { start: m.index + m[0].length - g.y!.length, resolve: (r) => at(r.year(y, true), false, y) };
  },
};

const ORDINAL_Q: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, final: 4, last: 4 };
/** "the third quarter of 2024", "Q3 2024", "the first quarter of this year" */
const QUARTER_RULE: Rule = {
  name: "en.quarter",
  trigger: /quarter|q[1-4]/g,
  re: new RegExp(
    `\\b(?:(?:the\\s+)?(?<o>first|second|third|fourth|final|1st|2nd|3rd|4th)\\s+quarter(?:\\s+of)?(?:\\s+(?<y>${YEAR})|\\s+(?<ymod>this|last|next)\\s+year)?|Q(?<q>[1-4])\\s*(?<y2>${YEAR}))\\b`,
    "giu",
  ),
  make(m) {
    const g = m.groups!;
    const q = g.q ? Number(g.q) : ORDINAL_Q[lower(g.o)]!;
    const yw = g.y ?? g.y2;
    const y = yw ? Number(yw) : null;
    const ymod = lower(g.ymod);
    return {
      rule: "en.quarter",
      resolve: (r) => {
        const yy = y ?? (ymod === "this" ? r.refYear : ymod === "last" ? r.refYear - 1 : ymod === "next" ? r.refYear + 1 : r.yearForYearPart());
        return at(r.monthRange(yy, q * 3 - 2, q * 3, y !== null || !!ymod), !!ymod, y ?? undefined);
      },
    };
  },
};

const NOT_NAMES = /^(?:In|Since|By|From|Until|Till|Through|During|Throughout|Of|For|To|And|Or|The|Early|Late|Mid|End|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Q[1-4]|Year|Summer|Winter|Spring|Autumn|Fall)$/u;
/** A year inside a name: "Vostok-2022", "Zapad 2021", "Army-2022": year, certain=false (rule en.name-year). */
const NAME_YEAR_RULE: Rule = {
  name: "en.name-year",
  trigger: T_YEAR,
  re: new RegExp(`\\b(?<w>[A-Z][\\p{L}]*)(?<j>\\s*[-/]\\s*|\\s+)(?<y>${YEAR})\\b(?![.,]\\d|-\\d)`, "gu"),
  make(m, text) {
    const g = m.groups!;
    if (NOT_NAMES.test(g.w!)) return null;
    if (COUNT_UNIT.test(text.slice(m.index + m[0].length, m.index + m[0].length + 16))) return null;
    const y = Number(g.y);
    return { start: m.index + m[0].length - g.y!.length, resolve: (r) => at(r.year(y, false), false) };
  },
};

// ---------------------------------------------------------------------------------------------
// chrono's month-name parsers, on windows around month names.

const MONTH_NAME = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/giu;
const WANTED = new Set(["ENMonthNameLittleEndianParser", "ENMonthNameMiddleEndianParser", "ENMonthNameParser"]);
let monthChrono: chrono.Chrono | null = null;
/** Built on first use (no work at import time): chrono's en configuration cut to its month-name parsers. */
function getMonthChrono(): chrono.Chrono {
  if (!monthChrono) {
    const config = chrono.en.configuration.createCasualConfiguration(false);
    config.parsers = config.parsers.filter((p) => WANTED.has(p.constructor.name));
    monthChrono = new chrono.Chrono(config);
  }
  return monthChrono;
}

/** Words before a bare month name that make it a date: "in April", "late June", "since March". */
const MONTH_FRAME = /\b(?<w>in|since|until|till|by|during|of|from|to|through|before|after|and|between|early|mid-?|late|end-|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|last|next|this|earlier\s+in|later\s+in)\s*$/iu;
/** What may sit before a month-day to make one mention: "today (March 2)", "on Monday, March 2" */
const LEAD = new RegExp(`(?:\\b(?<casual>today|yesterday|tomorrow)|\\b(?:on\\s+)?(?<wd>${WEEKDAY}))\\s*[(,]?\\s*$`, "u");

function monthCandidates(text: string, out: DateCandidate[]): void {
  MONTH_NAME.lastIndex = 0;
  const windows: [number, number][] = [];
  let m: RegExpExecArray | null;
  while ((m = MONTH_NAME.exec(text))) {
    const a = Math.max(0, m.index - 24);
    const b = Math.min(text.length, m.index + m[0].length + 40);
    const last = windows[windows.length - 1];
    if (last && a <= last[1]) last[1] = b;
    else windows.push([a, b]);
  }
  if (windows.length === 0) return;
  const parser = getMonthChrono();
  for (const [a, b] of windows) {
    for (const res of parser.parse(text.slice(a, b), new Date(Date.UTC(2000, 0, 1)))) {
      let start = a + res.index;
      // chrono's text may carry the space or comma that ended it ("Oct 15 ", "March,")
      const end = start + res.text.replace(/[\s,;:]+$/u, "").length;
      // chrono's window edge may cut a number: skip results touching a cut edge
      if ((start === a && a > 0 && /[\p{L}\p{N}]/u.test(text[a - 1]!)) || (end === b && b < text.length && /[\p{L}\p{N}]/u.test(text[b]!))) continue;
      const s = res.start;
      const month = s.get("month")!;
      // chrono reads "end of June" as June 30; the press means the last part of the month
      const endOf = /^(?:the\s+)?end\s+of\s+/i.test(res.text);
      const hasDay = s.isCertain("day") && !endOf;
      const day = s.get("day")!;
      const year = s.isCertain("year") ? s.get("year")! : null;
      const endDay = res.end?.isCertain("day") ? res.end.get("day")! : null;
      const endMonth = res.end ? res.end.get("month")! : month;
      const endYear = res.end?.isCertain("year") ? res.end.get("year")! : null;
      const prefix = text.slice(Math.max(0, start - 24), start);
      const word = res.text.trim().split(/[\s.,]/)[0]!.toLowerCase();
      if (!hasDay) {
        // A bare month name needs a frame or a year; "May" and "March" are also a verb.
        const frame = MONTH_FRAME.exec(prefix);
        if (year === null && !frame && !endOf) continue;
        if (year === null && /^(may|mar|march|jan|jun|jul|aug|sep|oct|nov|dec)$/i.test(word) && res.text.trim()[0] !== res.text.trim()[0]!.toUpperCase()) continue;
        const fw = endOf ? "end-of" : lower(frame?.groups?.w);
        const part = /early|mid|late|end|beginning|start|middle/.test(fw) ? partOf(fw) : undefined;
        if (endOf && /the\s+$/i.test(prefix)) start -= /the\s+$/i.exec(prefix)![0].length;
        else if (frame && (part || fw === "last" || fw === "next" || fw === "this")) start -= frame[0].length;
        out.push({
          start,
          end,
          rule: year !== null ? (part ? "en.part-month-year" : "en.month-year") : part ? "en.part-month" : fw === "last" || fw === "next" || fw === "this" ? `en.${fw}-month-name` : "en.month",
          resolve: (r) => {
            if (year !== null) return at(r.month(year, month, true, part), false, year);
            const y = fw === "last" ? r.yearForMonth(month, "past") - (month === Number(r.offsetMonth(0).start.slice(5, 7)) ? 1 : 0)
              : fw === "next" ? r.yearForMonth(month, "future") + (month === Number(r.offsetMonth(0).start.slice(5, 7)) ? 1 : 0)
                : fw === "this" ? r.refYear : r.yearForMonth(month);
            return at(r.month(y, month, false, part), fw === "last" || fw === "next" || fw === "this");
          },
        });
        continue;
      }
      const middle = s.tags().has("parser/ENMonthNameMiddleEndianParser");
      let rule = endDay !== null ? "en.day-range" : middle ? "en.month-day" : "en.day-month";
      const lead = LEAD.exec(prefix);
      let offset: number | null = null;
      if (lead) {
        start -= lead[0].length;
        if (lead.groups!.casual) {
          offset = CASUAL_OFFSET[lead.groups!.casual.toLowerCase()]!;
          rule = `en.${lead.groups!.casual.toLowerCase()}+date`;
        } else rule = `en.weekday+date`;
      }
      let stop = end;
      if (lead && /\(\s*$/.test(lead[0])) {
        const close = /^\s*\)/.exec(text.slice(end));
        if (close) stop = end + close[0].length;
      }
      out.push({
        start,
        end: stop,
        rule,
        resolve: (r) => {
          if (offset !== null && year === null) {
            const exact = r.matchesOffset(month, day, offset);
            return at(exact !== null ? r.day(exact, month, day, true) : r.day(r.yearNearOffset(month, day, offset), month, day, false), true);
          }
          const y = year ?? endYear ?? r.yearForDay(month, day);
          if (endDay === null) return at(r.day(y, month, day, year !== null), offset !== null, year ?? undefined);
          const y2 = endYear ?? (endMonth < month ? y + 1 : y);
          return at(r.dayRange({ y, m: month, d: day }, { y: y2, m: endMonth, d: endDay }, endYear !== null || year !== null), false, endYear ?? year ?? undefined);
        },
      });
    }
  }
}

/** "the same day", "the next day", "a day earlier": the day of the last dated mention, shifted. */
const SAME_DAY_RULE: Rule = {
  name: "en.same-day",
  trigger: /day/g,
  re: /\b(?<w>(?:on\s+)?the\s+same\s+day|the\s+(?:next|following|previous)\s+day|the\s+day\s+(?:before|after)|a\s+day\s+(?:earlier|later|before|after))\b(?!\s+(?:the|his|her|their|its|a)\b)/giu,
  make(m) {
    const w = lower(m.groups!.w);
    const n = w.includes("same") ? 0 : /next|following|after|later/.test(w) ? 1 : -1;
    return { rule: n === 0 ? "en.same-day" : n > 0 ? "en.next-day" : "en.previous-day", resolve: (r) => at(r.afterLastDay(n), false) };
  },
};

/** ISO dates in text or stamps: "2024-10-14" */
const ISO_RULE: Rule = {
  name: "en.iso",
  trigger: T_YEAR,
  re: new RegExp(`(?<![\\d/.-])(?<y>${YEAR})-(?<m>0[1-9]|1[0-2])-(?<d>0[1-9]|[12]\\d|3[01])(?![\\d])`, "gu"),
  make(m) {
    const [y, mo, d] = [Number(m.groups!.y), Number(m.groups!.m), Number(m.groups!.d)];
    return { resolve: (r) => at(r.day(y, mo, d, true), false, y) };
  },
};

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
/** "three days ago", "30 years ago", "a week ago" */
const AGO_RULE: Rule = {
  name: "en.ago",
  trigger: /ago/g,
  re: /\b(?<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?<u>day|week|month|year)s?\s+ago\b/giu,
  make(m) {
    const g = m.groups!;
    const n = /^\d/.test(g.n!) ? Number(g.n) : NUMBER_WORDS[g.n!.toLowerCase()]!;
    const u = g.u!.toLowerCase();
    return {
      resolve: (r) => at(u === "day" ? r.offsetDays(-n) : u === "week" ? r.offsetWeek(-n) : u === "month" ? r.offsetMonth(-n) : r.offsetYear(-n), true),
    };
  },
};

/** "2025-2027", "2021–2025": a span of years */
const YEAR_RANGE_RULE: Rule = {
  name: "en.year-range",
  trigger: T_YEAR,
  re: new RegExp(`(?<![\\d/.-])(?<y1>${YEAR})\\s*[-–]\\s*(?<y2>${YEAR})\\b(?![-/.]\\d)`, "gu"),
  make(m) {
    const [y1, y2] = [Number(m.groups!.y1), Number(m.groups!.y2)];
    return { resolve: (r) => at(r.yearRange(y1, y2, true), false, y2) };
  },
};

const RULES: Rule[] = [YEAR_RANGE_RULE, AGO_RULE, ISO_RULE, SAME_DAY_RULE, CASUAL_RULE, WEEKDAY_RULE, WEEK_RULE, MONTH_REL_RULE, YEAR_REL_RULE, QUARTER_RULE, YEAR_RULE, ATTR_YEAR_RULE, NAME_YEAR_RULE];

/** Runs every English rule (stage 1 of findDates). */
export function scanEnDates(text: string): DateCandidate[] {
  const out: DateCandidate[] = [];
  monthCandidates(text, out);
  const lowered = text.toLowerCase();
  const low = lowered.length === text.length ? lowered : text;
  const windows = new Map<RegExp, [number, number][]>();
  for (const rule of RULES) {
    let ws = windows.get(rule.trigger);
    if (!ws) windows.set(rule.trigger, (ws = windowsOf(rule.trigger, low, WINDOW_BEFORE, WINDOW_AFTER)));
    for (const [a, b] of ws) {
      // The regex sees the text up to the window's end (lookbehinds still see what precedes a).
      const view = b === text.length ? text : text.slice(0, b);
      rule.re.lastIndex = a;
      let m: RegExpExecArray | null;
      while ((m = rule.re.exec(view))) {
        const made = rule.make(m, text);
        if (!made) continue;
        out.push({ start: made.start ?? m.index, end: m.index + m[0].length, rule: made.rule ?? rule.name, resolve: made.resolve });
      }
    }
  }
  return out;
}

/** The English language for findDates. */
export const EN_DATE_LANGUAGE: DateLanguage = {
  scan: scanEnDates,
  futureCue: /\b(?:will|shall|plans?\s+to|planned|is\s+to|are\s+to|scheduled|(?:is|are)\s+expected|expected\s+to|set\s+(?:to|for)|slated|due\s+(?:to|on|for)|upcoming)\b/iu,
  rangeJoin: /^\s*(?:to|until|till|through|and|-|–|—)\s*$/iu,
  rangeNeedsOpener: /^\s*and\s*$/iu,
  rangeOpener: /\b(?:between|from)\s*$/iu,
};
