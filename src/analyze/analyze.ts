/**
 * The analyzer: article text in, defense-cooperation developments out. Pure: the gazetteer and
 * the date finder are passed in, the reference date comes from the article, nothing reads a clock,
 * the environment or a database. Ordered stages:
 *   1. prepare    — language, sentences (title, body, captions), publication date (given or inferred)
 *   2. entities   — country/person/org mentions per sentence; topics (war in X) and locations marked
 *   3. dates      — dates per sentence, resolved against the reference date
 *   4. candidates — cue lexicon matches → type, sides, date, status, with a reason for each drop
 *   5. merge      — one development per real event within the article (a visit and its talks are one)
 *   6. summary    — an English sentence per development
 */
import { formatAtPrecision, makePair, type DatePrecision, type DateSpan, type DevelopmentStatus, type EventType } from "../domain/types.ts";
import { detectLanguage } from "./language.ts";
import { enLexicon } from "./lang/en/index.ts";
import { viLexicon } from "./lang/vi/index.ts";
import { startsWord, type Lexicon } from "./lexicon.ts";
import type { DateFinderPort, GazetteerPort } from "./ports.ts";
import { splitSentences, type Sentence } from "./sentences.ts";
import { mergeArticleDevelopments } from "./merge.ts";
import { summarize } from "./summary.ts";
import type { AnalysisResult, ArticleDevelopment, CueDecision, EntityMention, FoundDate, SentenceTrace } from "./types.ts";

export interface AnalyzerDeps {
  gazetteer: GazetteerPort;
  dates: DateFinderPort;
}

export interface AnalyzeInput {
  title: string;
  text: string;
  captions?: string[];
  language?: string | null;
  /** ISO date or date-time of publication; YYYY or YYYY-MM allowed with the matching precision */
  publishedAt?: string | null;
  publishedPrecision?: "minute" | "day" | "month" | "year" | null;
}

interface Ctx {
  lex: Lexicon;
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

const LEAD_SENTENCES = 3;

/** Analyzes one article. Returns developments and a trace of every decision. */
export function analyzeArticle(input: AnalyzeInput, deps: AnalyzerDeps): AnalysisResult {
  const ctx = prepare(input, deps);
  findEntities(ctx, deps);
  findAllDates(ctx, deps);
  const candidates = findCandidates(ctx, deps);
  const merged = mergeArticleDevelopments(candidates, ctx.decisions);
  const developments = merged
    .filter((d) => keepAfterMerge(d, ctx))
    .map((d) => ({ ...d, summary: summarize(d, deps.gazetteer, ctx.lang) }));
  const sentences: SentenceTrace[] = ctx.sentences.map((s, i) => ({
    index: s.index,
    part: s.part,
    text: s.text,
    mentions: ctx.mentions[i] ?? [],
    dates: ctx.dates[i] ?? [],
  }));
  return {
    lang: ctx.lang,
    published: ctx.pub,
    reference: ctx.ref,
    mainPair: ctx.mainPair,
    developments,
    trace: { sentences, decisions: ctx.decisions },
  };
}

// ---------------------------------------------------------------- 1. prepare

function prepare(input: AnalyzeInput, deps: AnalyzerDeps): Ctx {
  const title = input.title.normalize("NFC").trim();
  const captions = (input.captions ?? []).map((c) => c.normalize("NFC").trim()).filter(Boolean);
  const lang = input.language === "vi" || input.language === "en" ? input.language : detectLanguage(`${title}\n${input.text}`);
  const lex = lang === "vi" ? viLexicon : enLexicon;
  const body = cutJunkBlocks(input.text.normalize("NFC"), lex);

  // One analysis text: title, body, captions, so every offset refers to one string.
  let doc = "";
  const sentences: Sentence[] = [];
  const add = (block: string, part: Sentence["part"]) => {
    if (!block.trim()) return;
    if (doc) doc += "\n\n";
    const offset = doc.length;
    doc += block;
    const paraBase = sentences.length ? sentences[sentences.length - 1]!.paragraph + 1 : 0;
    sentences.push(...splitSentences(block, part, offset, sentences.length, paraBase));
  };
  add(title, "title");
  add(body, "body");
  for (const c of captions) add(c, "caption");

  let pub: AnalysisResult["published"] = null;
  const given = normalizePublished(input.publishedAt, input.publishedPrecision);
  if (given) pub = { ...given, source: "given" };
  else {
    const inferred = deps.dates.inferPublicationDate(`${title}\n${body}`, lang);
    if (inferred) {
      pub = { iso: inferred.iso, precision: inferred.precision, source: "inferred", evidence: inferred.evidence };
      const floor = reportedNameYear(`${title}\n${body}`, lang, deps, inferred.iso);
      if (floor) pub = { ...pub, iso: `${floor}${inferred.iso.slice(4)}`, evidence: `${inferred.evidence}; year from a reported event named "${floor}"` };
    }
  }
  return {
    lex,
    lang,
    doc,
    sentences,
    mentions: [],
    dates: [],
    mainPair: null,
    pub,
    ref: pub ? refDay(pub.iso, pub.precision) : null,
    refPrecision: pub?.precision ?? "day",
    decisions: [],
  };
}

/**
 * An undated article that reports an event named with a year ("đã bắt đầu cuộc tập trận 'Vành đai
 * An ninh Biển 2024'", "the Vostok-2022 drills began") is from that year or later. When the
 * inferred year is earlier (a dd/mm placed after an older explicit date), the name's year wins,
 * if it is no more than three years later and the sentence reports something done.
 */
function reportedNameYear(text: string, lang: "vi" | "en", deps: AnalyzerDeps, inferredIso: string): number | null {
  const year = Number(inferredIso.slice(0, 4));
  const lex = lang === "vi" ? viLexicon : enLexicon;
  let best: number | null = null;
  for (const s of splitSentences(text)) {
    if (!test(lex.past, s.text.toLowerCase()) && !(lang === "en" && /\b(?:began|started|held|opened|ended|concluded)\b/.test(s.text))) continue;
    for (const d of deps.dates.findDates(s.text, { ref: `${year}-12-31`, refPrecision: "day", lang, pastBias: true })) {
      if (!d.rule.endsWith("name-year")) continue;
      const y = Number(d.span.start.slice(0, 4));
      if (y > year && y <= year + 3 && (best === null || y > best)) best = y;
    }
  }
  return best;
}

/**
 * Junk blocks yield nothing: a line that is only a related-news or recommendation heading
 * ("Tin liên quan", "Related") ends the article text for the analyzer. Ingest already removes
 * such blocks; this guards text that arrives another way (files, feeds' full content).
 */
function cutJunkBlocks(text: string, lex: Lexicon): string {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => lex.junkHeading.test(l));
  return at < 0 ? text : lines.slice(0, at).join("\n");
}

/** "2025-06-07T20:41:00+07:00" → the outlet's calendar date, with precision. */
function normalizePublished(iso: string | null | undefined, precision: AnalyzeInput["publishedPrecision"]): { iso: string; precision: DatePrecision } | null {
  if (!iso) return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return null;
  const p: DatePrecision = precision === "year" || !m[2] ? "year" : precision === "month" || !m[3] ? "month" : "day";
  return { iso: p === "year" ? m[1]! : p === "month" ? `${m[1]}-${m[2]}` : `${m[1]}-${m[2]}-${m[3]}`, precision: p };
}

/** The last day a publication date at some precision can be: relative dates count back from it. */
function refDay(iso: string, precision: DatePrecision): string {
  if (precision === "day") return iso.slice(0, 10);
  if (precision === "month") {
    const [y, mo] = iso.split("-").map(Number) as [number, number];
    return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
  }
  return `${iso.slice(0, 4)}-12-31`;
}

// ---------------------------------------------------------------- 2. entities

function findEntities(ctx: Ctx, deps: AnalyzerDeps): void {
  const at = ctx.ref ?? undefined;
  const counts = new Map<string, number>();
  // One pass over the whole text (the matcher tokenizes once), then split by sentence.
  const all = deps.gazetteer.findMentions(ctx.doc, at ? { at } : undefined);
  let k = 0;
  ctx.mentions = ctx.sentences.map((s) => {
    while (k < all.length && all[k]!.start < s.start) k++;
    const found: EntityMention[] = [];
    for (let j = k; j < all.length && all[j]!.start < s.end; j++) if (all[j]!.end <= s.end) found.push({ ...all[j]! });
    for (const m of found) {
      m.use = classifyMention(m, ctx, s);
      if (m.use === "side" && m.country && s.part !== "caption") {
        const w = s.part === "title" ? 3 : s.index <= LEAD_SENTENCES ? 2 : 1;
        counts.set(m.country, (counts.get(m.country) ?? 0) + w);
      }
    }
    return found;
  });
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length >= 2) ctx.mainPair = [ranked[0]![0], ranked[1]![0]].sort() as [string, string];
}

/** A country mention is a side, a location ("in Minsk"), a topic ("the war in Ukraine") or an org. */
function classifyMention(m: EntityMention, ctx: Ctx, s: Sentence): EntityMention["use"] {
  if (m.kind === "org" || !m.country) return "org";
  // A dateline ("BEIJING -", "PYONGYANG, June 19 -", "BẮC KINH (TTXVN) -") says where the reporter is.
  if (m.start - s.start <= 2 && m.text === m.text.toUpperCase() && /^\s*(?:,[^-–—\n]{0,30})?\s*(?:\([^)]{0,30}\)\s*)?[-–—]/u.test(ctx.doc.slice(m.end, m.end + 45))) return "location";
  const before = ctx.doc.slice(Math.max(s.start, m.start - 40), m.start).toLowerCase();
  if (TOPIC_RE[ctx.lang].test(before)) return "topic";
  if (m.kind !== "person" && LOCATION_RE[ctx.lang].test(before)) return "location";
  // "a few kilometres from the Polish border", "biên giới Ba Lan": a line on the map, not a party.
  if (m.kind !== "person" && (BORDER_AFTER[ctx.lang].test(ctx.doc.slice(m.end, m.end + 30).toLowerCase()) || BORDER_BEFORE[ctx.lang].test(before))) return "location";
  return "side";
}

// The country after these words is what the sentence is about, not a party to cooperation.
const TOPIC_RE = {
  vi: /(?:xung đột|khủng hoảng|chiến tranh|chiến sự|cuộc chiến|chiến dịch quân sự(?: đặc biệt)?(?: ở| tại)?|vấn đề|tình hình|lập trường(?: của)?|tấn công|xâm lược|không kích|giao tranh(?: với)?|trừng phạt|cấm vận)\s*(?:ở|tại|với)?\s*$/u,
  en: /(?:war|conflict|crisis|invasion|fighting|attack|attacks|strikes|sanctions|aggression|offensive|hostilities)\s+(?:in|on|of|against|with|over)\s+(?:the\s+)?$/u,
};
// Prepositions of place: "tại Bắc Kinh", "ở Nga", "in Minsk", "near Vladivostok".
const BORDER_AFTER = {
  vi: /^$/u,
  en: /^\s+(?:border|borders|frontier|coast|coastline|waters|airspace|soil|territory|side of the border)\b/u,
};
const BORDER_BEFORE = {
  vi: /(?:biên giới|đường biên|lãnh thổ|vùng biển|không phận|bờ biển)(?:\s+(?:với|của))?\s*$/u,
  en: /(?:border with|borders with|frontier with)\s+(?:the\s+)?$/u,
};

// Around/near/against a country: the drills are about it, it is not a partner ("drills around Taiwan").
const LOCATION_RE = {
  vi: /(?:^|[\s,(])(?:ở|tại|trên lãnh thổ|ngoài khơi|gần|trên biển|quanh|xung quanh|bao quanh|nhằm vào|sát|áp sát|hướng về|rời|rời khỏi)\s*$/u,
  en: /(?:^|[\s,(])(?:in|at|near|off|off the coast of|outside|across|inside|around|surrounding|encircling|against|targeting|toward|towards|close to|leaving|left)\s+(?:the\s+)?$/u,
};

// ---------------------------------------------------------------- 3. dates

function findAllDates(ctx: Ctx, deps: AnalyzerDeps): void {
  if (!ctx.ref) {
    ctx.dates = ctx.sentences.map(() => []);
    return;
  }
  // One pass per paragraph: a year written once ("tháng 3/2023, … tháng 4") carries to later
  // dates of the paragraph, but not into the next one, where it is usually history.
  const run = (ref: string, precision: DatePrecision) => {
    const all: FoundDate[] = [];
    for (let i = 0; i < ctx.sentences.length; ) {
      const first = ctx.sentences[i]!;
      let j = i;
      while (j + 1 < ctx.sentences.length && ctx.sentences[j + 1]!.paragraph === first.paragraph) j++;
      const last = ctx.sentences[j]!;
      const found = deps.dates.findDates(ctx.doc.slice(first.start, last.end), { ref, refPrecision: precision, lang: ctx.lang, pastBias: true });
      for (const d of found) all.push({ ...d, start: d.start + first.start, end: d.end + first.start });
      i = j + 1;
    }
    return ctx.sentences.map((s) => all.filter((d) => d.start >= s.start && d.end <= s.end));
  };
  ctx.dates = run(ctx.ref, ctx.refPrecision);

  // A page re-stamped long after its events ("Thứ bảy 07/06/2025" over an October 2024 story):
  // when the lead's own day ("Ngày 14/10") lands weeks before the stamp, relative words in the
  // story ("tuần tới", "hôm qua") count from that day, not from the stamp.
  if (ctx.refPrecision === "day") {
    const lead = ctx.sentences.findIndex((s) => s.part === "body");
    const leadEnd = Math.min(ctx.sentences.length, lead + LEAD_SENTENCES);
    const leadDates = ctx.dates.slice(Math.max(0, lead), leadEnd).flat();
    // a relative date of the lead close to the stamp ("on Monday", "hôm qua") says the stamp is current
    const current = leadDates.some((d) => d.relative && Math.abs(daysBetween(d.span.end, ctx.ref!)) <= 7);
    for (let i = Math.max(0, lead); i < leadEnd && !current; i++) {
      const s = ctx.sentences[i]!;
      const d = ctx.dates[i]?.[0];
      if (!d) continue;
      const fronted = d.start - s.start <= 12;
      if (fronted && d.span.precision === "day" && !d.span.certain && !d.relative && daysBetween(d.span.end, ctx.ref) > 20) {
        ctx.ref = d.span.end;
        ctx.dates = run(ctx.ref, "day");
      }
      break;
    }
  }
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

// ---------------------------------------------------------------- 4. candidates

interface CueHit {
  type: EventType;
  start: number;
  end: number;
  text: string;
}

function findCues(s: Sentence, ctx: Ctx, mentions: EntityMention[]): CueHit[] {
  const lower = s.text.toLowerCase();
  const hits: CueHit[] = [];
  for (const cue of ctx.lex.cues) {
    cue.re.lastIndex = 0;
    for (let m = cue.re.exec(lower); m; m = cue.re.exec(lower)) {
      if (m[0].length === 0) {
        cue.re.lastIndex++;
        continue;
      }
      if (!startsWord(lower, m.index)) {
        cue.re.lastIndex = m.index + 1;
        continue;
      }
      const alt = cue.alternatives[m.slice(1).findIndex((g) => g !== undefined)];
      const start = s.start + m.index;
      const end = start + m[0].length;
      if (alt?.needs === "place" && !mentions.some((x) => x.country && x.use !== "topic" && x.kind !== "person" && x.start >= end && x.start <= end + 12)) {
        cue.re.lastIndex = m.index + 1;
        continue;
      }
      if (alt?.needs === "title" && !(mentions.some((x) => x.kind === "person" && x.start >= end && x.start <= end + 40) || test(ctx.lex.titles, lower.slice(m.index + m[0].length, m.index + m[0].length + 25)))) {
        cue.re.lastIndex = m.index + 1;
        continue;
      }
      hits.push({ type: cue.type, start, end, text: m[0] });
    }
  }
  // Per type keep non-overlapping hits, longest first.
  hits.sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: CueHit[] = [];
  for (const h of hits) {
    if (kept.some((k) => k.type === h.type && k.start < h.end && h.start < k.end)) continue;
    // an arms or exercise phrase inside a longer phrase of another type is that type's ("hợp tác kỹ thuật quân sự")
    kept.push(h);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function test(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  const r = re.test(s);
  re.lastIndex = 0;
  return r;
}

function lastIndexOf(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let last = -1;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    last = m.index;
    if (m[0].length === 0) re.lastIndex++;
  }
  re.lastIndex = 0;
  return last;
}

function findCandidates(ctx: Ctx, deps: AnalyzerDeps): ArticleDevelopment[] {
  const out: ArticleDevelopment[] = [];
  let lastPerson: EntityMention | null = null;
  // the last development read from the body, for sentences that continue it
  let lastKept: { dev: ArticleDevelopment; sentence: number; paragraph: number } | null = null;
  // the last joint exercise or patrol and its participants, for "X forces are also participating"
  let lastJoint: { dev: ArticleDevelopment; sentence: number; countries: Set<string> } | null = null;
  // the article's own event: the first dated development of the lead
  let mainEvent: ArticleDevelopment | null = null;
  const firstBody = ctx.sentences.findIndex((s) => s.part === "body");
  for (let i = 0; i < ctx.sentences.length; i++) {
    const s = ctx.sentences[i]!;
    const mentions = ctx.mentions[i] ?? [];
    const dates = ctx.dates[i] ?? [];
    const cues = findCues(s, ctx, mentions);
    const lower = s.text.toLowerCase();
    const isLead = s.part === "title" || (s.part === "body" && i - firstBody < LEAD_SENTENCES);
    const prevPerson = lastPerson;
    const persons = mentions.filter((m) => m.kind === "person" && m.country);
    if (persons.length) lastPerson = persons[persons.length - 1]!;
    if (!cues.length) {
      const joined = participation(ctx, s, i, mentions, lastJoint);
      out.push(...joined);
      continue;
    }

    const decide = (cue: CueHit, outcome: CueDecision["outcome"], reason: string, extra: Partial<CueDecision> = {}) =>
      ctx.decisions.push({ sentence: s.index, type: cue.type, cue: cue.text, at: cue.start, outcome, reason, ...extra });

    // Conflict and criticism are not cooperation. A conflict word before the cue vetoes it
    // ("condemned the drills"); after it, the countries in that clause are topics, not sides
    // ("drills … against the backdrop of confrontations between Chinese and Philippine vessels").
    // Hypothetical ones ("hỗ trợ nhau khi bị tấn công", "if attacked") count for nothing.
    const conflicts = conflictSpans(ctx, lower, s.start);

    const seen = new Set<string>();
    let agreementAt = -1;
    for (const cue of cues) {
      // "signed a memorandum on military training cooperation": the training is what the agreement is about.
      if (agreementAt >= 0 && cue.start > agreementAt && (cue.type === "training" || cue.type === "arms" || cue.type === "pledge")) {
        decide(cue, "dropped", "the content of the agreement in the same sentence");
        continue;
      }
      const rel = cue.start - s.start;
      const before = lower.slice(0, rel);
      const clause = clauseAround(lower, rel);

      const vetoAt = conflicts.find((c) => c.start < cue.start && !c.context);
      if (vetoAt) {
        decide(cue, "dropped", `conflict or criticism before the cue ("${vetoAt.text}")`);
        continue;
      }
      if (cue.type === "agreement" && test(ctx.lex.notCooperationAfter, lower.slice(rel, rel + cue.text.length + 30))) {
        decide(cue, "dropped", "an armistice or ceasefire, not cooperation");
        continue;
      }

      // Hopes, calls and readiness are not events ("hy vọng hai bên thường xuyên tổ chức diễn tập").
      const modalAt = lastIndexOf(ctx.lex.modal, before);
      if (modalAt >= 0 && lastIndexOf(ctx.lex.past, before.slice(modalAt)) < 0 && !(ctx.lang === "en" && isPastVerb(cue.text))) {
        decide(cue, "dropped", "modal: a hope, call or readiness, not an event");
        continue;
      }
      const hasDate = dates.some((d) => d.rule !== "name-year" && !isDuration(d));
      if (test(ctx.lex.generic, clause.text) && !hasDate) {
        decide(cue, "dropped", "generic: a habit or a series, not one event");
        continue;
      }
      if (cue.type === "agreement" && !test(ctx.lex.defenseContext, lower) && !test(ctx.lex.defenseContext, cue.text) && !/đối tác|partnership|quan hệ (?:hai nước|song phương)|access|forces/u.test(lower)) {
        decide(cue, "dropped", "agreement without defense, security or partnership content");
        continue;
      }

      // Countries in a conflict's clause are topics: after the conflict word when the cue shares
      // the clause, anywhere in it otherwise ("…, prompting US and Canadian jets to intercept them").
      const topical = mentions.map((m) =>
        conflicts.some((c) => (c.clauseStart <= cue.start && cue.start <= c.clauseEnd ? c.start < m.start && m.start <= c.clauseEnd : c.clauseStart <= m.start && m.start <= c.clauseEnd))
          ? { ...m, use: "topic" as const }
          : m,
      );
      const sides = resolveSides(ctx, s, topical, cue, prevPerson);
      // "After the drills the ships went on to a joint naval patrol": no country named, the
      // sentence continues the development just reported (previous sentence or same paragraph).
      let carried: ArticleDevelopment | null = null;
      if (!sides.pairs.length && sides.reason === "no country named" && lastKept && s.part === "body" && (lastKept.sentence === i - 1 || lastKept.paragraph === s.paragraph)) {
        carried = lastKept.dev;
        sides.pairs = [carried.pair];
        sides.via = "continuation";
      }
      if (!sides.pairs.length) {
        decide(cue, "dropped", sides.reason);
        continue;
      }
      let date = anniversaryDate(ctx, s, cue) ?? chooseDate(ctx, s, dates, cue);
      if (carried && date.rule === "publication") date = { span: { ...carried.date, certain: false }, rule: "continuation" };
      // "Kết thúc hội đàm, hai bộ trưởng đã ký …": the article's own event gives the date.
      if (date.rule === "publication" && mainEvent && mainEvent.pair.join() === sides.pairs[0]!.join() && test(ctx.lex.mainEventRef, lower)) date = { span: mainEvent.date, rule: "main-event" };
      const key = `${cue.type}|${date.span.start}|${date.span.precision}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const specific = hasDate || test(ctx.lex.past, lower) || isLead || (ctx.lang === "en" && isPastVerb(cue.text));
      const status = chooseStatus(ctx, before, clause.text, date);
      // A planned event's month or day without a year lies ahead ("will hold … in November"),
      // when the date is written after the word that plans it.
      if (status === "planned" && !date.span.certain && ctx.ref && date.span.end < ctx.ref && date.rule !== "publication" && plannedBeforeDate(ctx, lower, s, dates, date)) date = { ...date, span: shiftYears(date.span, 1) };
      // A cue inside an "after / sau khi" clause is background to the main event: it may join
      // an event reported elsewhere but is not reported by this sentence on its own.
      const background = (ctx.lex.subordinate.test(clause.text) || PREPOSITION_BEFORE_CUE[ctx.lang].test(before.slice(-14))) && date.rule === "publication";
      for (const pair of sides.pairs) {
        const dev: ArticleDevelopment = {
          pair,
          type: cue.type,
          status,
          date: date.span,
          dateRule: date.rule,
          actorCountry: sides.actor,
          destination: cue.type === "visit" ? sides.destination : null,
          actors: mentions.filter((m) => m.kind === "person" && m.country && pair.includes(m.country)).map((m) => m.entityId),
          places: mentions.filter((m) => m.kind !== "person" && m.via === "metonym").map((m) => m.entityId),
          details: details(lower, cue.type, ctx.lang, lower.slice(rel, rel + cue.text.length + 30)),
          summary: "",
          evidence: [{ sentence: s.text, start: s.start, end: s.end, part: s.part, lang: ctx.lang }],
          confidence: confidence(hasDate, isLead, sides.via, s.part),
          rule: `${ctx.lang}.${cue.type}:${cue.text}|sides:${sides.via}|date:${date.rule}`,
          // a sentence continuing a reported development is as specific as it
          specific: (specific || Boolean(carried?.specific)) && s.part !== "caption" && !background,
        };
        out.push(dev);
        if (cue.type === "agreement" && agreementAt < 0) agreementAt = cue.start;
        if (!mainEvent && isLead && dev.dateRule !== "publication" && dev.date.precision === "day") mainEvent = dev;
        if (s.part === "body") {
          lastKept = { dev, sentence: i, paragraph: s.paragraph };
          if (cue.type === "exercise" || cue.type === "patrol") {
            if (!lastJoint || lastJoint.dev.type !== cue.type || lastJoint.sentence !== i) lastJoint = { dev, sentence: i, countries: new Set() };
            for (const c of pair) lastJoint.countries.add(c);
          }
        }
        decide(cue, "kept", `sides by ${sides.via}; date by ${date.rule}`, { pair, date: formatAtPrecision(date.span.start, date.span.precision) });
      }
    }
  }
  return out;
}

/**
 * "Australian forces are also participating": a sentence without a cue that adds a participant
 * to the joint exercise or patrol reported just before yields that country's pairs with each
 * participant. Observers ("quan sát viên", "observers from 14 countries") are not participants.
 */
function participation(
  ctx: Ctx,
  s: Sentence,
  i: number,
  mentions: EntityMention[],
  lastJoint: { dev: ArticleDevelopment; sentence: number; countries: Set<string> } | null,
): ArticleDevelopment[] {
  if (!lastJoint || s.part !== "body" || i - lastJoint.sentence > 3) return [];
  const lower = s.text.toLowerCase();
  if (!test(ctx.lex.participation, lower) || test(ctx.lex.observers, lower)) return [];
  const at = s.start + lower.search(ctx.lex.participation);
  ctx.lex.participation.lastIndex = 0;
  const joining = [...new Set(mentions.filter((m) => m.use === "side" && m.country && m.start < at && !lastJoint.countries.has(m.country)).map((m) => m.country!))];
  const out: ArticleDevelopment[] = [];
  for (const c of joining) {
    for (const p of lastJoint.countries) {
      const pair = pairOf(c, p);
      out.push({
        ...lastJoint.dev,
        pair,
        actors: [],
        evidence: [{ sentence: s.text, start: s.start, end: s.end, part: s.part, lang: ctx.lang }],
        rule: `${ctx.lang}.${lastJoint.dev.type}:participation|sides:names`,
      });
      ctx.decisions.push({ sentence: s.index, type: lastJoint.dev.type, cue: "participation", at, outcome: "kept", reason: "joins the joint activity just reported", pair });
    }
  }
  for (const c of joining) lastJoint.countries.add(c);
  return out;
}

interface ConflictSpan {
  start: number;
  text: string;
  /** start of its clause (article offset) */
  clauseStart: number;
  /** end of its clause (article offset) */
  clauseEnd: number;
  /** introduced as background ("amid tensions", "trong bối cảnh căng thẳng"): no veto */
  context: boolean;
}

const CONTEXT_MARK = { vi: /(?:trong bối cảnh|giữa lúc|bất chấp|trước|sau)\s+(?:\S+\s+){0,4}$/u, en: /(?:amid|against the backdrop of|despite|in the face of|following|after)\s+(?:\S+\s+){0,4}$/u };

/** Conflict words of a sentence that are not hypothetical. */
function conflictSpans(ctx: Ctx, lower: string, offset: number): ConflictSpan[] {
  const out: ConflictSpan[] = [];
  const re = ctx.lex.conflict;
  re.lastIndex = 0;
  for (let m = re.exec(lower); m; m = re.exec(lower)) {
    const before = lower.slice(Math.max(0, m.index - 30), m.index);
    if (test(ctx.lex.hypothetical, before)) continue;
    const after = lower.slice(m.index).search(/[,;:]|\s[-–—]\s/);
    const head = lower.slice(0, m.index);
    const clauseStart = Math.max(head.lastIndexOf(","), head.lastIndexOf(";"), head.lastIndexOf(":")) + 1;
    out.push({
      start: offset + m.index,
      text: m[0],
      clauseStart: offset + clauseStart,
      clauseEnd: offset + (after < 0 ? lower.length : m.index + after),
      context: CONTEXT_MARK[ctx.lang].test(lower.slice(Math.max(0, m.index - 60), m.index)),
    });
  }
  re.lastIndex = 0;
  return out;
}

function isPastVerb(cue: string): boolean {
  return /(?:ed|held|met|signed|sold|bought|spoke|flew|went|came)$/.test(cue);
}

function isDuration(d: FoundDate): boolean {
  return d.rule.includes("duration");
}

/** The comma/semicolon-delimited clause that holds position `at`. */
function clauseAround(s: string, at: number): { start: number; text: string } {
  let start = 0;
  for (const m of s.matchAll(/[,;:–—]|\s-\s/g)) {
    if (m.index! < at) start = m.index! + m[0].length;
  }
  const endRel = s.slice(at).search(/[,;:–—]|\s-\s/);
  const end = endRel < 0 ? s.length : at + endRel;
  return { start, text: s.slice(start, end) };
}

interface Sides {
  pairs: [string, string][];
  actor: string | null;
  destination: string | null;
  via: string;
  reason: string;
}

function resolveSides(ctx: Ctx, s: Sentence, mentions: EntityMention[], cue: CueHit, prevPerson: EntityMention | null): Sides {
  const none = (reason: string): Sides => ({ pairs: [], actor: null, destination: null, via: "", reason });
  const lower = s.text.toLowerCase();
  const primary: string[] = [];
  const located: string[] = [];
  let via = "names";
  for (const m of mentions) {
    if (!m.country) continue;
    if (m.use === "side" && !primary.includes(m.country)) primary.push(m.country);
    else if (m.use === "location" && !located.includes(m.country)) located.push(m.country);
  }
  // "Ông là nguyên thủ nước ngoài đầu tiên tới Bắc Kinh": the pronoun is the last person named.
  if (prevPerson?.country && /^(?:ông|bà|he|she)\b/iu.test(s.text) && !mentions.some((m) => m.kind === "person" && m.start < cue.start)) {
    if (!primary.includes(prevPerson.country)) primary.unshift(prevPerson.country);
    via = "pronoun";
  }
  // "Trong cuộc hội đàm, …", "during the talks": the article's own event, so its pair.
  const anaphora = test(ctx.lex.anaphoraPair, lower) || test(ctx.lex.mainEventRef, lower);
  const counterpart = test(ctx.lex.counterpart, lower);
  const main = ctx.mainPair;
  let sides = [...primary];
  if (sides.length < 2 && (anaphora || counterpart) && main) {
    if (sides.every((c) => main.includes(c))) {
      sides = [...main];
      via = anaphora ? "anaphora" : "counterpart";
    } else if (anaphora && (cue.type === "exercise" || cue.type === "patrol")) {
      // "The two navies, together with China, held …": the pair plus the third country.
      sides = [...new Set([...main, ...sides])];
      via = "anaphora";
    }
  }
  // A place fills a side only for a visit ("Belousov arrived in Beijing"); talks "in Astana" are not Kazakhstan's.
  if (sides.length < 2 && cue.type === "visit") {
    for (const c of located) if (!sides.includes(c)) sides.push(c);
    if (sides.length >= 2 && via === "names") via = "location";
  }
  if (sides.length < 2) return none(sides.length ? "one side only: single-country news" : "no country named");

  // Destination of a visit: the first country or capital named after the cue ("thăm Belarus",
  // "tới Trung Quốc", "arrived in Beijing").
  const destination =
    cue.type === "visit"
      ? (mentions.find((m) => m.country && m.start >= cue.start && m.use !== "topic" && m.kind !== "person" && sides.includes(m.country))?.country ?? null)
      : null;
  // The actor is the person named nearest before the cue (the one who "có chuyến thăm"), or a
  // country named before it, and for a visit never the country visited; a capital is where
  // things happen, so it comes last.
  const beforeCue = mentions.filter((m) => m.country && m.use === "side" && m.start < cue.start && sides.includes(m.country) && m.country !== destination);
  const actor =
    (via === "pronoun" ? primary[0] : undefined) ??
    [...beforeCue].reverse().find((m) => m.kind === "person")?.country ??
    beforeCue.find((m) => m.via !== "metonym")?.country ??
    beforeCue[0]?.country ??
    sides.find((c) => c !== destination) ??
    sides[0]!;

  let pairs: [string, string][];
  if (sides.length === 2) pairs = [pairOf(sides[0]!, sides[1]!)];
  else if (cue.type === "exercise" || cue.type === "patrol") {
    pairs = [];
    for (let a = 0; a < sides.length; a++) for (let b = a + 1; b < sides.length; b++) pairs.push(pairOf(sides[a]!, sides[b]!));
    via += "+multilateral";
  } else if (cue.type === "visit" && destination && actor !== destination) pairs = [pairOf(actor, destination)];
  else if (main && sides.includes(main[0]) && sides.includes(main[1])) pairs = [main];
  else pairs = [pairOf(actor, sides.find((c) => c !== actor)!)];
  return { pairs, actor, destination, via, reason: "" };
}

function pairOf(x: string, y: string): [string, string] {
  const p = makePair(x, y);
  return [p.a, p.b];
}

interface ChosenDate {
  span: DateSpan;
  rule: string;
}

/**
 * The date of the event in a sentence: a fronted date ("Tháng 9/2024, hai nước…", "On Monday, …")
 * governs the main clause; dates in "sau khi / after / since" clauses describe something else;
 * otherwise the date nearest the cue. With no date, the publication date, marked uncertain.
 */
function chooseDate(ctx: Ctx, s: Sentence, dates: FoundDate[], cue: CueHit): ChosenDate {
  const lower = s.text.toLowerCase();
  const usable = dates.filter((d) => !isDuration(d));
  // A date is about something else when a "sau khi / after / since" clause holds it: either its
  // own clause opens with one, or one stands between the cue and the date.
  const inSubordinate = (d: FoundDate) => {
    const c = clauseAround(lower, d.start - s.start);
    if (ctx.lex.subordinate.test(c.text)) return true;
    if (d.start >= cue.end) {
      const between = lower.slice(cue.end - s.start, d.start - s.start);
      return SUBORDINATE_INSIDE[ctx.lang].test(between);
    }
    return false;
  };
  // "ký Kế hoạch hợp tác quốc phòng năm 2025": the year names the document.
  const namesDocument = (d: FoundDate) => d.start > cue.start && test(ctx.lex.documentBefore, lower.slice(cue.end - s.start, d.start - s.start));
  // A cue inside an "after / sau khi" clause takes only that clause's dates.
  const cueClause = clauseAround(lower, cue.start - s.start);
  // "… sau chuyến thăm cấp nhà nước hồi tháng 3", "after his visit in March": a cue right after
  // "sau / after" is another, earlier event, dated only by what its own clause says.
  const cueAfterPreposition = PREPOSITION_BEFORE_CUE[ctx.lang].test(lower.slice(Math.max(0, cue.start - s.start - 14), cue.start - s.start));
  const cueSubordinate = ctx.lex.subordinate.test(cueClause.text) || cueAfterPreposition;
  const inCueClause = (d: FoundDate) => d.start - s.start >= cueClause.start && d.end - s.start <= cueClause.start + cueClause.text.length;
  const main = cueSubordinate ? usable.filter((d) => inCueClause(d) && (!cueAfterPreposition || d.start >= cue.start)) : usable.filter((d) => !inSubordinate(d) && !namesDocument(d));
  let pool = main.filter((d) => d.rule !== "name-year");
  if (!pool.length) pool = main;
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
    if (UNTIL_BEFORE[ctx.lang].test(lead) && ctx.ref) {
      let end = pick.span;
      if (!end.certain && end.end < ctx.ref) end = shiftYears(end, 1);
      if (end.end >= ctx.ref && daysBetween(ctx.ref, end.end) <= 120) return { span: { start: ctx.ref, end: end.end, precision: "day", certain: false }, rule: `${pick.rule}+until` };
    }
    return { span: pick.span, rule: pick.rule };
  }
  if (ctx.pub) {
    const spanIso = ctx.ref && ctx.ref !== refDay(ctx.pub.iso, ctx.pub.precision) ? ctx.ref : ctx.pub.iso;
    const precision: DatePrecision = spanIso.length === 10 ? "day" : spanIso.length === 7 ? "month" : "year";
    return { span: { ...spanOf(spanIso, precision), certain: false }, rule: "publication" };
  }
  return { span: { start: "1970-01-01", end: "1970-01-01", precision: "year", certain: false }, rule: "none" };
}

const UNTIL_BEFORE = {
  vi: /(?:đến|tới|cho đến|kéo dài đến|kéo dài tới|đến hết|tới hết)\s*(?:ngày\s*)?$/u,
  en: /(?:until|till|through|runs? to|lasts? to)\s*$/u,
};

const PREPOSITION_BEFORE_CUE = {
  vi: /(?:^|\s)(?:sau|trước|kể từ|sau khi|trước khi)\s+$/u,
  en: /\b(?:after|before|since|following)\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+)?$/u,
};

const SUBORDINATE_INSIDE = {
  vi: /(?<![\p{L}])(?:sau khi|trước khi|kể từ khi|kể từ|từ khi)(?![\p{L}])/u,
  en: /\b(?:after|before|since|following)\b/u,
};

// "năm nay đánh dấu 30 năm thiết lập quan hệ đối tác … và 25 năm ký Hiệp ước …",
// "marks the 30th anniversary of the treaty": the event is that many years before the reference.
const ANNIVERSARY_MARK = { vi: /kỷ niệm|đánh dấu|tròn/u, en: /anniversary|marks?|marking/u };
const YEARS_BEFORE_CUE = {
  vi: /(\d{1,3})\s+năm(?:\s+(?:ngày|kể từ|từ khi|kể từ khi))?\s*(?:\S+\s*){0,2}$/u,
  en: /(\d{1,3})(?:st|nd|rd|th)?[\s-]+(?:anniversary|years?)\s+(?:of|since)\s+(?:the\s+)?(?:\S+\s+){0,2}$/u,
};

function anniversaryDate(ctx: Ctx, s: Sentence, cue: CueHit): ChosenDate | null {
  if (!ctx.ref) return null;
  const lower = s.text.toLowerCase();
  if (!ANNIVERSARY_MARK[ctx.lang].test(lower)) return null;
  const before = lower.slice(0, cue.start - s.start);
  const m = YEARS_BEFORE_CUE[ctx.lang].exec(before);
  if (!m) return null;
  const year = Number(ctx.ref.slice(0, 4)) - Number(m[1]);
  if (year < 1900) return null;
  return { span: { start: `${year}-01-01`, end: `${year}-12-31`, precision: "year", certain: false }, rule: "anniversary" };
}

function shiftYears(span: DateSpan, years: number): DateSpan {
  const shift = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
    return `${y + years}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
  };
  return { ...span, start: shift(span.start), end: shift(span.end) };
}

function spanOf(iso: string, precision: DatePrecision): DateSpan {
  if (precision === "day") return { start: iso, end: iso, precision, certain: true };
  if (precision === "month") return { start: `${iso}-01`, end: refDay(iso, "month"), precision, certain: true };
  return { start: `${iso}-01-01`, end: `${iso}-12-31`, precision, certain: true };
}

const RANK: Record<DatePrecision, number> = { year: 0, month: 1, day: 2 };

function distance(d: FoundDate, cue: CueHit): number {
  if (d.end <= cue.start) return cue.start - d.end;
  if (d.start >= cue.end) return d.start - cue.end;
  return 0;
}

function chooseStatus(ctx: Ctx, before: string, clause: string, date: ChosenDate): DevelopmentStatus {
  if (date.rule === "anniversary") return "held";
  const window = before.slice(-80);
  const announced = test(ctx.lex.announced, window) || test(ctx.lex.announced, clause);
  if (ctx.ref && date.rule !== "publication" && date.span.start > ctx.ref) return announced ? "announced" : "planned";
  // "announced … that they would pursue": an announced plan is announced.
  if (test(ctx.lex.planned, window) && lastIndexOf(ctx.lex.past, window) < lastIndexOf(ctx.lex.planned, window)) return announced ? "announced" : "planned";
  if (announced) return "announced";
  return "held";
}

/** True when a planning word ("sẽ", "will") stands before the chosen date in the sentence. */
function plannedBeforeDate(ctx: Ctx, lower: string, s: Sentence, dates: FoundDate[], date: ChosenDate): boolean {
  const d = dates.find((x) => x.span === date.span);
  if (!d) return false;
  const at = lastIndexOf(ctx.lex.planned, lower.slice(0, d.start - s.start));
  return at >= 0;
}

const DETAIL_WORDS: Record<"vi" | "en", [RegExp, string][]> = {
  vi: [
    [/trực tuyến/u, "video"],
    [/điện đàm|qua điện thoại/u, "phone"],
    [/không quân|trên không/u, "air"],
    [/hải quân|trên biển/u, "naval"],
    [/lục quân|trên bộ/u, "land"],
    [/cấp nhà nước/u, "state"],
  ],
  en: [
    [/video|virtual/, "video"],
    [/phone|telephone/, "phone"],
    [/naval|navy|maritime|at sea/, "naval"],
    [/air force|aerial|air patrol|bomber/, "air"],
    [/\bstate visit/, "state"],
  ],
};

function details(lower: string, type: EventType, lang: "vi" | "en", atCue: string): string[] {
  const out: string[] = [];
  for (const [re, tag] of DETAIL_WORDS[lang]) {
    // "a state visit" describes this visit only when it is said of it, not of another one in the sentence
    if (tag === "state") {
      if (type === "visit" && re.test(atCue)) out.push(tag);
      continue;
    }
    if ((tag === "video" || tag === "phone") && type !== "talks") continue;
    if ((tag === "naval" || tag === "air" || tag === "land") && type !== "exercise" && type !== "patrol") continue;
    if ((tag === "naval" || tag === "land") && out.includes("air")) continue;
    if (tag === "state" && type !== "visit") continue;
    if (re.test(lower)) out.push(tag);
  }
  const name = /[“"«]([^”"»]{3,60})[”"»]/u.exec(lower);
  if (name && (type === "exercise" || type === "patrol")) out.push(`name:${name[1]}`);
  return out;
}

function confidence(hasDate: boolean, isLead: boolean, via: string, part: Sentence["part"]): number {
  let c = 0.5;
  if (hasDate) c += 0.2;
  if (isLead) c += 0.15;
  if (via.startsWith("names")) c += 0.1;
  if (part === "caption") c -= 0.3;
  return Math.max(0, Math.min(1, c));
}

// ---------------------------------------------------------------- after merge

/**
 * Captions only corroborate: a development seen only in a caption is dropped. A development needs
 * one specific report (dated, a past act, or the lead): "the visit" mentioned in passing only
 * corroborates the one the lead reports.
 */
function keepAfterMerge(d: ArticleDevelopment, ctx: Ctx): boolean {
  if (!d.specific) {
    ctx.decisions.push({ sentence: -1, type: d.type, cue: "", at: d.evidence[0]!.start, outcome: "dropped", reason: "not specific: no date, no past act, not the lead, and no specific report to join", pair: d.pair });
    return false;
  }
  if (d.evidence.every((e) => e.part === "caption")) {
    ctx.decisions.push({ sentence: -1, type: d.type, cue: "", at: d.evidence[0]!.start, outcome: "dropped", reason: "seen only in a photo caption", pair: d.pair });
    return false;
  }
  return d.dateRule !== "none";
}
