/**
 * Reads a follow-up question (English or Vietnamese) into what the answerer searches for: its
 * kind (when/who/what/whether/sources/slice/more/switch), development types, a date range,
 * places, people, a new country pair, and the words for the full-text search — folded like the
 * analyzer matches, expanded across languages through data/question-terms.json. Pure: the
 * reference date comes in, nothing is read but the data file.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { EVENT_TYPES, makePair, type CountryPair, type DateSpan, type EventType } from "../domain/types.ts";
import { fold } from "../lib/text.ts";
import { findDates } from "./dates.ts";
import type { Gazetteer } from "./gazetteer.ts";
import { detectLanguage } from "./language.ts";

/** What a question asks for. */
export type QuestionKind = "when" | "who" | "what" | "whether" | "sources" | "slice" | "more" | "switch";

/** A place the question names, as the gazetteer knows it (entity and kind), to compare with development places. */
export interface QuestionPlace {
  text: string;
  entityId: string;
  kind: "capital" | "seat" | "place";
}

/** A parsed question. */
export interface ParsedQuestion {
  text: string;
  lang: "vi" | "en";
  kind: QuestionKind;
  /** development types the question names (empty: any) */
  types: EventType[];
  /** the period asked about: a date written in the question, or open-ended with "before/since" */
  period: { from: string | null; to: string | null } | null;
  /** the date as written, for "I found nothing about … in 2023" */
  periodText: string | null;
  /** "last", "most recent", "lần cuối", "gần nhất" */
  latest: boolean;
  places: QuestionPlace[];
  /** person ids (gazetteer) */
  people: string[];
  /** ISO codes of countries named (not metonyms) */
  countries: string[];
  /** a different pair the question switches to ("and China–Russia?"), given the thread's pair */
  switchPair: CountryPair | null;
  /**
   * Full-text search terms, folded: each entry is a word or phrase (`forms`: the inflections a
   * `word*` of the data file stands for, searched as alternatives of one term); `prefix` ones end in a
   * wildcard. User words and expansions alike go into MATCH only through quoteFtsTerm.
   */
  terms: { text: string; prefix: boolean; forms?: string[]; weight: "user" | "expansion" }[];
  /** a short phrase naming what was asked about, for "I found nothing about X" */
  topic: string;
}

const TermListSchema = z.array(z.string().min(1));
const QuestionTermsSchema = z.object({
  source: z.string(),
  types: z.record(z.enum(EVENT_TYPES), z.object({ en: TermListSchema, vi: TermListSchema })),
  glossary: z.array(z.tuple([z.string().min(1), z.string().min(1)])),
});
/** The question-terms data file, as validated. */
export type QuestionTerms = z.infer<typeof QuestionTermsSchema>;

/** Reads and validates data/question-terms.json (or `path`). */
export function loadQuestionTerms(path: string | URL = new URL("./data/question-terms.json", import.meta.url)): QuestionTerms {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Error(`question: cannot read question terms ${String(path)}: ${(err as Error).message}`);
  }
  const parsed = QuestionTermsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`question: question terms ${String(path)} invalid: ${parsed.error.message}`);
  return parsed.data;
}

/** A compiled term: folded words, whether the last one is a prefix, and the NFC lower-case form for Vietnamese matching. */
interface Cue {
  folded: string;
  exact: string;
  prefix: boolean;
  lang: "en" | "vi";
}

/** What parseQuestion needs: the gazetteer and the compiled terms. */
export interface QuestionParser {
  /** Parses `text` asked in a thread about `pair` (null when the thread has none), relative to `today` (YYYY-MM-DD). */
  parse(text: string, pair: CountryPair | null, today: string): ParsedQuestion;
  /** "entity|kind" of a place name ("Bắc Kinh" and "Beijing" give the same), null when unknown; cached. */
  placeKey(name: string): string | null;
}

// Question words that carry no search value. Folded.
const STOP_EN = new Set(
  "a an the of in on at to for from by with about and or but is are was were be been being do does did done have has had having what whats when who whom whose which where why how any anything some there their they them it its this that these those me my i you we our us last latest most recent recently ever yet still also more please tell show give find sources source links link news report reports reported did first time times year years month months day days before after since until during between both two sides side country countries".split(
    " ",
  ),
);
const STOP_VI = new Set(
  "ai gi nao khi bao gio luc ngay nam thang la co khong chua da dang se duoc bi cua va voi o tai tu den toi cho ve nhu the nay do kia thi sao con lan cuoi gan nhat day moi hai ben nuoc nhung cac mot nhieu it hoi nguon tin dua dua tin bai viet nhat phia chung gi".split(" "),
);

const KIND_RULES: [QuestionKind, RegExp][] = [
  // "sources for the naval drill?", "nguồn nào đưa tin …", "who reported …"
  ["sources", /\b(?:sources?|links?|who reported|reported by|citations?|nguon|dua tin|bai bao|bao nao)\b/],
  ["when", /\b(?:when|what date|which date|what year|which year|how long ago|khi nao|bao gio|luc nao|ngay nao|thoi gian nao|nam nao|thang nao)\b/],
  ["who", /\b(?:who|whom|ai)\b/],
  ["whether", /^(?:any|did|do|does|have|has|had|is|are|was|were|were there|is there|are there)\b|\bco\b.*\b(?:khong|chua)\s*$/],
];

/** "more", "older", "xem thêm", "tiếp" — alone or nearly. */
const MORE_RE = /^(?:(?:show |any |and |con )?(?:more|older|earlier|next|them|xem them|tiep|cu hon|truoc do|tiep theo|nua)(?: please| nua| di)?)$/;
const LATEST_RE = /\b(?:last|latest|most recent|recent|recently|lan cuoi|gan nhat|gan day|moi nhat|lan gan nhat)\b/;
const BEFORE_RE = /\b(?:before|prior to|earlier than|until|truoc|cho den)\s*(?:nam|thang)?\s*$/;
const SINCE_RE = /\b(?:since|after|from|sau|tu|ke tu)\s*(?:nam|thang)?\s*$/;

/** Builds the parser over a gazetteer and the question terms. */
export function createQuestionParser(gazetteer: Gazetteer, terms: QuestionTerms = loadQuestionTerms()): QuestionParser {
  const typeCues: { type: EventType; cue: Cue }[] = [];
  const compile = (s: string, lang: "en" | "vi"): Cue => {
    const prefix = s.endsWith("*");
    const w = prefix ? s.slice(0, -1) : s;
    return { folded: fold(w).trim(), exact: w.normalize("NFC").toLowerCase().trim(), prefix, lang };
  };
  for (const type of EVENT_TYPES) {
    const t = terms.types[type];
    if (!t) continue;
    for (const s of t.en) typeCues.push({ type, cue: compile(s, "en") });
    for (const s of t.vi) typeCues.push({ type, cue: compile(s, "vi") });
  }
  const glossary = terms.glossary.map(([en, vi]) => ({ en: compile(en, "en"), vi: compile(vi, "vi") }));

  // Vietnamese words fold onto each other (bán/bạn/bản → ban), so a question written with
  // diacritics is matched with them; one typed without diacritics is matched folded.
  const hit = (cue: Cue, foldedQ: string, exactQ: string, hasMarks: boolean): boolean => {
    const useExact = cue.lang === "vi" && hasMarks;
    const hay = useExact ? exactQ : foldedQ;
    const needle = useExact ? cue.exact : cue.folded;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(needle)}${cue.prefix ? "[\\p{L}\\p{N}]*" : ""}(?![\\p{L}\\p{N}])`, "u");
    return re.test(hay);
  };

  const placeKeys = new Map<string, string | null>();
  return {
    placeKey(name) {
      let k = placeKeys.get(name);
      if (k === undefined) {
        const m = gazetteer.findMentions(name).find((x) => gazetteer.placeOf(x));
        const p = m ? gazetteer.placeOf(m) : null;
        k = m && p ? `${m.entityId}|${p.kind}` : null;
        if (placeKeys.size < 10_000) placeKeys.set(name, k);
      }
      return k;
    },
    parse(text, pair, today) {
      const q = text.normalize("NFC").replace(/\s+/g, " ").trim();
      const exactQ = q.toLowerCase();
      const foldedQ = fold(q);
      const hasMarks = exactQ !== foldedQ && /[^\x00-\x7f]/.test(q.replace(/[–—’“”…]/g, ""));
      const lang = detectLanguage(q) === "vi" || (hasMarks && /[ăâđêôơư]/i.test(q)) ? "vi" : "en";
      const plain = foldedQ.replace(/[?!.,;:]+/g, " ").replace(/\s+/g, " ").trim();

      // Entities: countries by name (for a switch of pair), places, people.
      const mentions = gazetteer.findMentions(q, { at: today });
      const countries: string[] = [];
      const places: QuestionPlace[] = [];
      const people: string[] = [];
      const covered: [number, number][] = [];
      for (const m of mentions) {
        if (m.kind === "person") {
          if (!people.includes(m.entityId)) people.push(m.entityId);
          continue;
        }
        const place = gazetteer.placeOf(m);
        if (place) {
          places.push({ text: m.text, entityId: m.entityId, kind: place.kind });
          continue;
        }
        if (m.kind === "country" && m.country) {
          if (m.via === "name" || m.via === "short") {
            if (!countries.includes(m.country)) countries.push(m.country);
            covered.push([m.start, m.end]);
          } else if (m.via === "demonym" && pair && (m.country === pair.a || m.country === pair.b)) {
            covered.push([m.start, m.end]);
          }
        }
      }
      // Names typed in lower case ("and north korea russia?") may escape findMentions, which
      // wants names as the press writes them: try the words, longest first, as whole names.
      if (countries.length < 2) {
        const toks = [...q.matchAll(/[\p{L}\p{N}]+/gu)];
        for (let i = 0; i < toks.length; ) {
          let took = 0;
          for (let n = Math.min(3, toks.length - i); n >= 1 && !took; n--) {
            const first = toks[i]!;
            const last = toks[i + n - 1]!;
            const span = q.slice(first.index, last.index + last[0].length);
            const key = fold(span);
            // short words ("us", "my", "in") are names only in capitals (US, MY, IN)
            if ((STOP_EN.has(key) || STOP_VI.has(key) || key.length <= 3) && span !== span.toUpperCase()) continue;
            const c = gazetteer.resolveCountryName(span);
            if (c) {
              if (!countries.includes(c.code)) countries.push(c.code);
              covered.push([first.index, last.index + last[0].length]);
              took = n;
            }
          }
          i += took || 1;
        }
      }
      let switchPair: CountryPair | null = null;
      if (countries.length >= 2) {
        const p = makePair(countries[0]!, countries[1]!);
        if (p.a !== p.b && (!pair || p.a !== pair.a || p.b !== pair.b)) switchPair = p;
      }

      // Dates: the first date written, widened to open-ended by "before"/"since" in front of it.
      let period: ParsedQuestion["period"] = null;
      let periodText: string | null = null;
      const dates = findDates(q, { ref: today, refPrecision: "day", lang }).filter((d) => !/^\d{4}$/.test(d.text) || !/[\p{L}-]$/u.test(q.slice(0, d.start)));
      const bareYear = dates.length ? null : /(?<![\p{L}\p{N}-])((?:19|20)\d{2})(?![\p{N}-])/u.exec(q);
      const first: { start: number; end: number; text: string; span: DateSpan } | null = dates[0]
        ? dates[0]
        : bareYear
          ? { start: bareYear.index, end: bareYear.index + 4, text: bareYear[1]!, span: { start: `${bareYear[1]}-01-01`, end: `${bareYear[1]}-12-31`, precision: "year", certain: true } }
          : null;
      if (first) {
        const before = fold(q.slice(0, first.start));
        periodText = q.slice(first.start, first.end);
        if (BEFORE_RE.test(before)) {
          period = { from: null, to: addDays(first.span.start, -1) };
          periodText = `before ${periodText}`;
        } else if (SINCE_RE.test(before) && !/\b(?:from|tu)\s*$/.test(before)) {
          period = { from: first.span.start, to: null };
          periodText = `since ${periodText}`;
        } else {
          const last = dates.length > 1 && /\b(?:to|until|den|toi|-|–)\s*$/.test(fold(q.slice(first.end, dates[1]!.start))) ? dates[1]! : null;
          period = { from: first.span.start, to: (last ?? first).span.end };
        }
      }

      const types: EventType[] = [];
      for (const { type, cue } of typeCues) if (!types.includes(type) && hit(cue, foldedQ, exactQ, hasMarks)) types.push(type);
      // "2+2" is a meeting format, not a date or a number to search for
      const latest = LATEST_RE.test(plain);

      let kind: QuestionKind = "what";
      if (MORE_RE.test(plain)) kind = "more";
      else {
        for (const [k, re] of KIND_RULES) {
          if (re.test(plain)) {
            kind = k;
            break;
          }
        }
      }

      // Words for the full-text search: the question's own content words (and Vietnamese
      // two-syllable phrases), minus question words, dates and the pair's country names.
      const masked = maskSpans(q, [...covered, ...dates.map((d) => [d.start, d.end] as [number, number]), ...(first && !dates.length ? [[first.start, first.end] as [number, number]] : [])]);
      const words = fold(masked)
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 1 && !/^\d+$/.test(w) && !STOP_EN.has(w) && !STOP_VI.has(w));
      const termList: ParsedQuestion["terms"] = [];
      // a `word*` of the data file is searched as its inflections (exact words): FTS5 prefix
      // queries read every matching term's doclist and cost far more than a handful of words
      const add = (text: string, prefix: boolean, weight: "user" | "expansion") => {
        const t = text.trim();
        if (!t || termList.some((x) => x.text === t)) return;
        termList.push(prefix ? { text: t, prefix: false, forms: inflect(t), weight } : { text: t, prefix: false, weight });
      };
      for (const w of words) add(w, false, "user");
      if (lang === "vi") for (let i = 0; i + 1 < words.length; i++) add(`${words[i]} ${words[i + 1]}`, false, "user");
      // the other language's words first: they are what the question's own words cannot find
      for (const side of lang === "vi" ? ["en", "vi"] : ["vi", "en"]) {
        for (const type of types) {
          for (const { type: t, cue } of typeCues) {
            // one-syllable Vietnamese cues (sang, gặp, mua) are too common in text to search for
            if (t === type && cue.lang === side && (cue.lang === "en" || cue.folded.includes(" "))) add(cue.folded, cue.prefix, "expansion");
          }
        }
      }
      for (const g of glossary) {
        if (hit(g.en, foldedQ, exactQ, hasMarks)) add(g.vi.folded, g.vi.prefix, "expansion");
        if (hit(g.vi, foldedQ, exactQ, hasMarks)) add(g.en.folded, g.en.prefix, "expansion");
      }

      // slice: "what about 2023?", "còn năm 2023 thì sao?" — a date and nothing else to look for
      if (kind === "what" && period && types.length === 0 && words.length === 0 && !places.length && !people.length) kind = "slice";
      if (switchPair && kind !== "more" && types.length === 0 && !period && words.length === 0) kind = "switch";

      const topicWords = [
        ...types.map((t) => TYPE_TOPIC[t]),
        ...people.map((p) => gazetteer.person(p)?.names.en[0] ?? p),
        ...places.map((p) => p.text),
      ];
      const what = topicWords.length ? topicWords.join(", ") : words.slice(0, 4).join(" ") || "anything";
      const when = !periodText ? "" : /^(?:before|since) /.test(periodText) ? periodText : `in ${periodText}`;
      const topic = [what, when].filter(Boolean).join(" ");

      return { text: q, lang, kind, types, period, periodText, latest, places, people, countries, switchPair, terms: termList, topic };
    },
  };
}

const TYPE_TOPIC: Record<EventType, string> = {
  visit: "visits",
  talks: "talks",
  exercise: "exercises",
  patrol: "patrols",
  agreement: "agreements",
  arms: "arms deals",
  training: "training",
  pledge: "pledges",
};

/**
 * One term as an FTS5 string: wrapped in double quotes with inner quotes doubled, so whatever
 * the user typed (`NEAR(`, `OR`, `*`, `^`, `-x`, `"`) is a literal phrase; a trailing `*` outside
 * the quotes makes our own expansions prefix queries. Returns null when nothing searchable is left.
 */
export function quoteFtsTerm(text: string, prefix = false): string | null {
  // FTS5 unicode61 drops punctuation anyway; keeping only letters, digits and spaces means no
  // control character, quote or operator can reach the parser even inside a string.
  const clean = text.replace(/[^\p{L}\p{N}\s]+/gu, " ").replace(/\s+/g, " ").trim();
  if (!clean) return null;
  return `"${clean.replace(/"/g, '""')}"${prefix ? " *" : ""}`;
}

/** The MATCH expression for a question's terms: every term (each of its forms) quoted, joined with OR; null when none. */
export function buildMatchExpression(terms: { text: string; prefix: boolean; forms?: string[] }[]): string | null {
  const parts = terms.flatMap((t) => (t.forms ?? [t.text]).map((f) => quoteFtsTerm(f, t.prefix))).filter((s): s is string => s !== null);
  return parts.length ? [...new Set(parts)].join(" OR ") : null;
}

const SUFFIXES = ["", "s", "es", "d", "ed", "ing", "ings", "ment", "ments", "ion", "ions", "y", "ies", "er", "ers"];

/**
 * The English inflections a `word*` stands for, on its last word: "drill" → drill, drills,
 * drilled, drilling…; "patrol" also → patrolled, patrolling. Over-generated forms that are not
 * words cost nothing (FTS5 has no doclist for them).
 */
export function inflect(phrase: string): string[] {
  const words = phrase.split(" ");
  const last = words.pop()!;
  const head = words.length ? words.join(" ") + " " : "";
  const forms = new Set(SUFFIXES.map((x) => last + x));
  if (/[^aeiou][aeiou][bdglmnprt]$/.test(last)) for (const x of ["ed", "ing"]) forms.add(last + last.slice(-1) + x);
  if (last.endsWith("e")) for (const x of ["ed", "ing", "ion", "ions"]) forms.add(last.slice(0, -1) + x);
  if (last.endsWith("y")) for (const x of ["ies", "ied"]) forms.add(last.slice(0, -1) + x);
  return [...forms].map((f) => head + f);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces the characters in `spans` with spaces (so their words are not searched), keeping offsets. */
function maskSpans(s: string, spans: [number, number][]): string {
  const chars = [...s.split("")];
  for (const [a, b] of spans) for (let i = a; i < b && i < chars.length; i++) chars[i] = " ";
  return chars.join("");
}

/** YYYY-MM-DD plus `n` days. */
function addDays(iso: string, n: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
