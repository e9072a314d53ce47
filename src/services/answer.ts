/**
 * Answers a follow-up question about a country pair from the stored articles: parse the question,
 * take the pair's developments, narrow them by the types, dates, places and people it names,
 * rank them with the full-text search over the pair's source sentences (bm25) plus recency, and
 * return 1–3 items with date, English summary, a quote in the original language and the sources.
 * Nothing is invented: every item is a stored development of the pair and every source one of its
 * reports. With an OpenAI-compatible endpoint, a fluent answer may be composed from the retrieved
 * passages only, with numbered citations; any failure falls back to the offline answer.
 */
import { makePair, type CountryPair, type DevelopmentCore, type DevelopmentFacts, type EventType } from "../domain/types.ts";
import { buildMatchExpression, type ParsedQuestion, type QuestionParser } from "../analyze/question.ts";
import type { Db } from "../db/client.ts";
import { getCandidates, listCitedSources, listOlderCandidates, listPairCandidates, listPairDevelopmentsNaming, listReports, readSentence, type CandidateRow, type CitedSource } from "../db/answer.repo.ts";
import { searchSentences } from "../db/sentences.repo.ts";
import { systemClock, type Clock } from "../lib/clock.ts";
import { silentLogger, type Logger } from "../lib/log.ts";
import { isHttpUrl } from "../lib/mrkdwn.ts";
import { parseJsonList } from "../lib/text.ts";
import { completeChat, LlmError, type LlmSettings } from "./llm.ts";

/** What the answerer needs. */
export interface AnswerDeps {
  db: Db;
  parser: QuestionParser;
  clock?: Clock;
  logger?: Logger;
  /** an OpenAI-compatible endpoint; null/absent = offline answers only */
  llm?: LlmSettings | null;
  /** injected in tests; defaults to global fetch */
  fetch?: typeof fetch;
}

/** The thread a question is asked in: its pair and what was already shown. */
export interface AnswerContext {
  pair: CountryPair | null;
  since?: string | null;
  type?: string | null;
  /** "YYYY-MM-DD:id" of the oldest development already shown (for "more") */
  cursor?: string | null;
}

/** A source cited by an item. */
export interface AnswerSource {
  articleId: number;
  url: string;
  outlet: string | null;
  title: string;
}

/** One development given as (part of) the answer. */
export interface AnswerItem extends Omit<DevelopmentCore, "id"> {
  developmentId: number;
  /** what was extracted, for a summary in another language at reply time */
  facts: DevelopmentFacts;
  /** a short quote from a source, in its language */
  quote: { text: string; lang: string | null; articleId: number; outlet: string | null } | null;
  /** every report of it with an http(s) URL, the quoted one first */
  sources: AnswerSource[];
  score: number;
}

/** A numbered passage given to the model, and cited back as [n]. */
export interface Passage {
  n: number;
  articleId: number;
  text: string;
  /** "" when the source has no http(s) URL */
  url: string;
  outlet: string | null;
  date: string | null;
}

/** The answer, before any front end renders it. */
export interface Answer {
  /** the pair answered about (the thread's, or the one the question switched to) */
  pair: CountryPair | null;
  question: ParsedQuestion;
  items: AnswerItem[];
  /** set when nothing matched: what was asked about ("exercises in 2023") */
  nothingAbout: string | null;
  /** set when the thread has no pair and the question names none */
  needsPair: boolean;
  /** "YYYY-MM-DD:id" of the oldest item shown, for the next "more" */
  cursor: string | null;
  /** a composed answer from a model, citing passages [n] */
  composed: { text: string; model: string | null; passages: Passage[] } | null;
}

/** How many items an answer gives at most. */
export const MAX_ITEMS = 3;
const QUOTE_MAX = 220;
/**
 * The search terms used, at most 14: the question's own words (6), its Vietnamese two-syllable
 * phrases (4), then the cross-language expansions of its types and glossary words (4) — each
 * term costs a pass over the candidate sentences.
 */
function pickTerms(terms: ParsedQuestion["terms"]): ParsedQuestion["terms"] {
  const user = terms.filter((t) => t.weight === "user");
  return [
    ...user.filter((t) => !t.text.includes(" ")).slice(0, 6),
    ...user.filter((t) => t.text.includes(" ")).slice(0, 4),
    ...terms.filter((t) => t.weight === "expansion").slice(0, 4),
  ];
}

/** Builds the offline answer (no network): what every front end shows when no model is set or it fails. */
export function buildAnswer(deps: AnswerDeps, ctx: AnswerContext, text: string): Answer {
  const clock = deps.clock ?? systemClock;
  const today = clock().toISOString().slice(0, 10);
  const q = deps.parser.parse(text, ctx.pair, today);
  const pair = q.switchPair ?? (ctx.pair ? makePair(ctx.pair.a, ctx.pair.b) : null);
  const base: Answer = { pair, question: q, items: [], nothingAbout: null, needsPair: false, cursor: null, composed: null };
  if (!pair) return { ...base, needsPair: true };

  let chosen: { row: CandidateRow; score: number; hitArticle: number | null }[];
  if (q.kind === "more" || q.kind === "switch") {
    // "more": the next older developments after what the thread showed; a bare switch of pair:
    // the newest of the new pair.
    const cursor = q.kind === "more" && !q.switchPair ? parseCursor(ctx.cursor) : null;
    const rows = listOlderCandidates(deps.db, pair.a, pair.b, cursor, {
      type: q.kind === "more" && !q.switchPair ? ctx.type : null,
      since: q.kind === "more" && !q.switchPair ? ctx.since : null,
      limit: MAX_ITEMS,
    });
    chosen = rows.map((row) => ({ row, score: 0, hitArticle: null }));
    if (!chosen.length) return { ...base, nothingAbout: q.kind === "more" ? "anything older" : "anything" };
  } else {
    chosen = rankCandidates(deps, pair, q);
    if (!chosen.length) return { ...base, nothingAbout: q.topic };
  }

  const ids = chosen.map((c) => c.row.id);
  const sources = listCitedSources(deps.db, ids);
  const items = chosen.map((c) => toItem(c.row, c.score, sources.filter((s) => s.developmentId === c.row.id), c.hitArticle));
  const last = chosen.reduce((old, c) => (cmpRow(c.row, old.row) < 0 ? c : old), chosen[0]!);
  return { ...base, items, cursor: `${last.row.dateStart}:${last.row.id}` };
}

/** Builds the answer, composed by the model when one is configured; falls back to buildAnswer on any failure. */
export async function answerQuestion(deps: AnswerDeps, ctx: AnswerContext, text: string): Promise<Answer> {
  const offline = buildAnswer(deps, ctx, text);
  if (!deps.llm || !offline.items.length || offline.question.kind === "more" || offline.question.kind === "switch") return offline;
  const log = deps.logger ?? silentLogger;
  const passages = collectPassages(deps, offline);
  try {
    const composed = await composeWithModel(deps, offline, passages);
    return { ...offline, composed };
  } catch (err) {
    log.warn("answer: model answer unusable, sending the offline answer", { kind: err instanceof LlmError ? err.kind : "other", err: (err as Error).message });
    return offline;
  }
}

// ------------------------------------------------------------------------------------------
// Ranking

const RELATED: Partial<Record<EventType, EventType[]>> = {
  // a visit is usually reported as talks too, and "who met" asks about either
  visit: ["talks"],
  talks: ["visit"],
};

/** How many developments, after the first ranking pass, are read in full and get their sources searched (bounds the cost on busy pairs). */
export const TEXT_SEARCH_POOL = 60;

/**
 * The pair's developments that fit the question, best first (at most MAX_ITEMS). Types and
 * dates named in the question are filters. A first pass over the pair's index entries ranks by
 * type, people named, recency, status and the analyzer's score; the best TEXT_SEARCH_POOL are
 * then read in full, scored for the places named, and re-ranked by the full-text match over
 * their sources (on a pair with fewer developments, all of them are).
 */
function rankCandidates(deps: AnswerDeps, pair: CountryPair, q: ParsedQuestion): { row: CandidateRow; score: number; hitArticle: number | null }[] {
  const types = q.types.length ? [...new Set(q.types.flatMap((t) => [t, ...(RELATED[t] ?? [])]))] : undefined;
  const light = listPairCandidates(deps.db, pair.a, pair.b, { types, from: q.period?.from, to: q.period?.to });
  if (!light.length) return [];

  let minD = Infinity;
  let maxD = -Infinity;
  const dates = light.map((r) => {
    const d = dayNumber(r.dateStart);
    if (d < minD) minD = d;
    if (d > maxD) maxD = d;
    return d;
  });
  const span = Math.max(1, maxD - minD);
  const wantsRecent = q.latest || q.kind === "when" || q.kind === "whether" || q.kind === "slice";
  const naming = new Set(listPairDevelopmentsNaming(deps.db, pair.a, pair.b, q.people));

  const first = light.map((r, i) => {
    let score = 0;
    if (q.types.includes(r.type)) score += 2;
    if (naming.has(r.id)) score += 3;
    score += (wantsRecent ? 2 : 0.5) * ((dates[i]! - minD) / span);
    if (r.status !== "held" && (q.latest || q.kind === "when")) score -= 1;
    score += 0.5 * (r.score || 0);
    return { id: r.id, score };
  });
  first.sort((x, y) => y.score - x.score);
  const firstScore = new Map(first.slice(0, TEXT_SEARCH_POOL).map((f) => [f.id, f.score]));
  const placeKeys = new Set(q.places.map((p) => `${p.entityId}|${p.kind}`));
  const pool = getCandidates(deps.db, [...firstScore.keys()]).map((row) => {
    let score = firstScore.get(row.id) ?? 0;
    if (placeKeys.size && row.places !== "[]" && parseJsonList(row.places).some((p) => placeKeys.has(deps.parser.placeKey(p) ?? ""))) score += 2;
    return { row, score, hitArticle: null as number | null };
  });

  // Full-text evidence: the best-matching sentences in the articles reporting these developments.
  const terms = pickTerms(q.terms);
  const match = buildMatchExpression(terms);
  if (match) {
    const byArticle = new Map<number, { dev: number; start: number }[]>();
    for (const r of listReports(deps.db, pool.map((p) => p.row.id))) {
      let l = byArticle.get(r.articleId);
      if (!l) byArticle.set(r.articleId, (l = []));
      l.push({ dev: r.developmentId, start: r.spanStart });
    }
    const text = new Map<number, { s: number; article: number }>();
    for (const h of searchSentences(deps.db, match, terms, [...byArticle.keys()], 500)) {
      for (const d of byArticle.get(h.articleId) ?? []) {
        // a hit on the development's own evidence sentence counts fully; elsewhere in the article, less
        const own = h.start >= 0 && h.start <= d.start && d.start < h.start + h.len;
        const s = -h.bm25 * (own ? 1 : h.start < 0 ? 0.6 : 0.35);
        const prev = text.get(d.dev);
        if (!prev || s > prev.s) text.set(d.dev, { s, article: h.articleId });
      }
    }
    let maxText = 0;
    for (const t of text.values()) if (t.s > maxText) maxText = t.s;
    if (maxText > 0) {
      for (const p of pool) {
        const t = text.get(p.row.id);
        if (t) {
          p.score += 3 * (t.s / maxText);
          p.hitArticle = t.article;
        }
      }
    }
  }
  pool.sort((x, y) => y.score - x.score || cmpRow(y.row, x.row));
  return pool.slice(0, MAX_ITEMS);
}

function cmpRow(a: CandidateRow, b: CandidateRow): number {
  return a.dateStart < b.dateStart ? -1 : a.dateStart > b.dateStart ? 1 : a.id - b.id;
}

function toItem(row: CandidateRow, score: number, sources: CitedSource[], hitArticle: number | null): AnswerItem {
  // quote the report the search matched, else the first body report (a local file's words count
  // as much as a web page's); link only http(s) sources
  const quoted = sources.find((s) => s.articleId === hitArticle) ?? sources.find((s) => isHttpUrl(s.url)) ?? sources[0] ?? null;
  const ordered = quoted ? [quoted, ...sources.filter((s) => s !== quoted)] : sources;
  const seen = new Set<number>();
  const list: AnswerSource[] = [];
  for (const s of ordered) {
    if (seen.has(s.articleId) || !isHttpUrl(s.url)) continue;
    seen.add(s.articleId);
    list.push({ articleId: s.articleId, url: s.url, outlet: s.outlet, title: s.title });
  }
  return {
    developmentId: row.id,
    type: row.type,
    status: row.status,
    dateStart: row.dateStart,
    dateEnd: row.dateEnd,
    datePrecision: row.datePrecision,
    summary: row.summary,
    facts: { pair: [row.countryA, row.countryB], type: row.type, status: row.status, dateStart: row.dateStart, actors: parseJsonList(row.actors), places: parseJsonList(row.places), details: parseJsonList(row.details), actorCountry: row.actorCountry, destination: row.destination, summary: row.summary },
    quote: quoted ? { text: trimQuote(quoted.sentence), lang: quoted.language, articleId: quoted.articleId, outlet: quoted.outlet } : null,
    sources: list,
    score: Math.round(score * 1000) / 1000,
  };
}

/** A sentence cut to QUOTE_MAX characters on a word boundary. */
export function trimQuote(s: string): string {
  const t = s.replace(/\s+/g, " ").trim();
  if (t.length <= QUOTE_MAX) return t;
  const cut = t.slice(0, QUOTE_MAX);
  const sp = cut.lastIndexOf(" ");
  return (sp > QUOTE_MAX * 0.6 ? cut.slice(0, sp) : cut).replace(/[,;:–-]\s*$/, "") + "…";
}

function parseCursor(s: string | null | undefined): { dateStart: string; id: number } | null {
  const m = s ? /^(\d{4}-\d{2}-\d{2}):(\d+)$/.exec(s) : null;
  return m ? { dateStart: m[1]!, id: Number(m[2]) } : null;
}


function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000) || 0;
}

// ------------------------------------------------------------------------------------------
// The model path

const MAX_PASSAGES = 8;

/** The passages a model may use: each item's quote, then other matching sentences of the items' sources. */
function collectPassages(deps: AnswerDeps, a: Answer): Passage[] {
  const out: Passage[] = [];
  const seen = new Set<string>();
  const push = (articleId: number, text: string, src: { url: string; outlet: string | null }, date: string | null) => {
    const t = text.replace(/\s+/g, " ").trim();
    if (!t || seen.has(t) || out.length >= MAX_PASSAGES) return;
    seen.add(t);
    out.push({ n: out.length + 1, articleId, text: t.slice(0, 600), url: src.url, outlet: src.outlet, date });
  };
  for (const it of a.items) {
    if (!it.quote) continue;
    // a source without an http(s) URL (a local file) is still a passage, just not a link
    push(it.quote.articleId, it.quote.text, it.sources.find((s) => s.articleId === it.quote!.articleId) ?? { url: "", outlet: it.quote.outlet }, it.dateStart);
  }
  const terms = pickTerms(a.question.terms);
  const match = buildMatchExpression(terms);
  if (match) {
    const bySource = new Map<number, { src: AnswerSource; date: string }>();
    for (const it of a.items) for (const s of it.sources) if (!bySource.has(s.articleId)) bySource.set(s.articleId, { src: s, date: it.dateStart });
    for (const h of searchSentences(deps.db, match, terms, [...bySource.keys()], MAX_PASSAGES * 2)) {
      const text = readSentence(deps.db, h.articleId, h.start, h.len);
      const b = bySource.get(h.articleId);
      if (text && b) push(h.articleId, text, b.src, null);
    }
  }
  return out;
}

const SYSTEM_PROMPT = [
  "You answer questions about defense cooperation between two countries for a newsroom team.",
  "Use ONLY the numbered passages and the listed developments. Never add facts, names, numbers or dates that are not in them.",
  "Cite every statement with the passage numbers in square brackets, like [1] or [2][3].",
  "If the passages do not answer the question, say so plainly in one sentence (\"The sources I have don't say …\") and cite nothing else.",
  "Answer in English, in at most 4 short sentences. Passages may be in Vietnamese; translate what you use.",
].join("\n");

/** Asks the model for a composed answer and checks that it only cites passages it was given. */
async function composeWithModel(deps: AnswerDeps, a: Answer, passages: Passage[]): Promise<NonNullable<Answer["composed"]>> {
  if (!passages.length) throw new Error("answer: no passages to compose from");
  const devs = a.items.map((it, i) => `(${String.fromCharCode(97 + i)}) ${it.dateStart} ${it.type}: ${it.summary}`).join("\n");
  const user = [
    `Question: ${a.question.text}`,
    `Country pair: ${a.pair ? `${a.pair.a}–${a.pair.b}` : "?"}`,
    "Developments on record:",
    devs,
    "Passages:",
    ...passages.map((p) => `[${p.n}] (${p.outlet ?? "source"}${p.date ? `, ${p.date}` : ""}) ${p.text}`),
  ].join("\n");
  const res = await completeChat({
    settings: deps.llm!,
    messages: [
      { role: "system", content: SYSTEM_PROMPT },
      { role: "user", content: user },
    ],
    temperature: 0,
    maxTokens: 400,
    fetch: deps.fetch,
  });
  const text = res.text.trim();
  const cited = [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  if (cited.some((n) => n < 1 || n > passages.length)) throw new LlmError("bad_response", `answer cites a passage that does not exist: [${cited.join(",")}]`);
  const saysNo = /\b(?:don't|do not|does not|doesn't|cannot|can't|no)\b.*\b(?:say|answer|mention|tell|information)\b/i.test(text);
  if (!cited.length && !saysNo) throw new LlmError("bad_response", "answer cites no passage");
  return { text: text.slice(0, 2000), model: res.model, passages: passages.filter((p) => cited.includes(p.n)) };
}
