/**
 * What the analyzer's stages share: the dependencies, the input, the per-article context that each
 * stage fills in order, and small text helpers.
 */
import type { DatePrecision } from "../../domain/types.ts";
import type { LangRules } from "../lang/rules.ts";
import { wordExec, type Lexicon } from "../lexicon.ts";
import type { DateFinderPort, GazetteerPort } from "../ports.ts";
import type { Sentence } from "../sentences.ts";
import type { AnalysisResult, CueDecision, EntityMention, FoundDate } from "../types.ts";

export interface AnalyzerDeps {
  gazetteer: GazetteerPort;
  dates: DateFinderPort;
}

/** An article as the analyzer reads it: text in, no database ids, URL or outlet needed. */
export interface AnalyzeInput {
  title: string;
  text: string;
  captions?: string[];
  language?: string | null;
  /** publication date-time (ISO) when known; may be YYYY or YYYY-MM with the matching precision */
  publishedAt?: string | null;
  publishedPrecision?: "minute" | "day" | "month" | "year" | null;
}


export interface Ctx {
  /** who held an office of a country on a day (from the gazetteer), when it can tell */
  officeHolder?: (country: string, role: string, at: string) => string | null;
  lex: Lexicon;
  rules: LangRules;
  lang: "vi" | "en";
  /** the text analysed: title, body and captions joined, offsets of sentences refer to it */
  doc: string;
  sentences: Sentence[];
  mentions: EntityMention[][];
  dates: FoundDate[][];
  mainPair: [string, string] | null;
  pub: AnalysisResult["published"];
  ref: string | null;
  refPrecision: DatePrecision;
  decisions: CueDecision[];
}

/** Sentences of the lead: the title and the first body sentences. */
export const LEAD_SENTENCES = 3;

/**
 * "The two co-chaired …", "Hai bộ trưởng đã …": a sentence opening with two people stands for the
 * people of two countries named in the sentence just before (one per country, the first named).
 */
export function twoPeopleBefore(ctx: Ctx, s: Sentence): EntityMention[] {
  if (s.index === 0 || !ctx.rules.twoPeople.test(s.text.trimStart())) return [];
  const out: EntityMention[] = [];
  for (const m of ctx.mentions[s.index - 1] ?? []) {
    if (m.kind === "person" && m.country && !out.some((o) => o.country === m.country)) out.push(m);
  }
  return out.length === 2 ? out : [];
}

/** A sentence that opens with a pronoun for the person just named ("Ông …", "He …", "His visit …"). */
export const PRONOUN_START = /^(?:ông|bà|he|she|his|her)\b/iu;

/** "a meeting with …", "cuộc gặp với …": "" when the cue ends with "with", the "with" that opens `after`, or null. */
export function withAfterCue(ctx: Ctx, cueText: string, after: string): string | null {
  if (ctx.rules.withAtEnd.test(cueText)) return "";
  return ctx.rules.withAtStart.exec(after)?.[0] ?? null;
}

/** The sentence offset `rel` lies in a clause told as background ("sau khi …", "after …") before it. */
export function inAfterClause(ctx: Ctx, lower: string, rel: number): boolean {
  return test(ctx.rules.afterClauseOpener, lower.slice(clauseAround(lower, rel).start, rel));
}

/** `re.test` that leaves a global regex's lastIndex at 0. */
export function test(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  const r = re.global ? wordExec(re, s) !== null : re.test(s);
  re.lastIndex = 0;
  return r;
}

/** Where the last match of a global regex starts in `s`, or -1. */
export function lastIndexOf(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let last = -1;
  for (let m = wordExec(re, s); m; m = wordExec(re, s)) {
    last = m.index;
    if (m[0].length === 0) re.lastIndex++;
  }
  re.lastIndex = 0;
  return last;
}

/** The comma/semicolon-delimited clause that holds position `at`. */
export function clauseAround(s: string, at: number): { start: number; text: string } {
  const seps = separators(s);
  let start = 0;
  let end = s.length;
  for (const [i, len] of seps) {
    if (i < at) start = i + len;
    else {
      end = i;
      break;
    }
  }
  return { start, text: s.slice(start, end) };
}

// The stages ask for clauses of the same sentence many times: its separators are found once.
let sepsOf = "";
let sepsCache: [number, number][] = [];
function separators(s: string): [number, number][] {
  if (s !== sepsOf) {
    sepsOf = s;
    sepsCache = [...s.matchAll(/[,;:–—]|\s-\s/g)].map((m) => [m.index!, m[0].length]);
  }
  return sepsCache;
}

/** "met", "signed": a cue that is itself a past-tense verb (the language's rules say which). */
export function isPastVerbCue(ctx: Ctx, cue: string): boolean {
  return ctx.rules.pastVerbCue?.test(cue) ?? false;
}

export function isDuration(d: FoundDate): boolean {
  return d.rule.includes("duration");
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

/** The last day a publication date at some precision can be: relative dates count back from it. */
export function refDay(iso: string, precision: DatePrecision): string {
  if (precision === "day") return iso.slice(0, 10);
  if (precision === "month") {
    const [y, mo] = iso.split("-").map(Number) as [number, number];
    return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
  }
  return `${iso.slice(0, 4)}-12-31`;
}
